// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Memograph",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Memograph", targets: ["Memograph"]),
        .library(name: "MemographLLM", targets: ["MemographLLM"]),
        .executable(name: "memograph", targets: ["memograph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "CMemographKernels"),
        .target(
            name: "CMemographFullText",
            dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "MemographOntologies",
            path: "Ontologies",
            exclude: ["README.md", "catalog-v001.xml"],
            resources: [.copy("memograph.owl"), .copy("home-devices.owl")]
        ),
        .target(
            name: "Memograph",
            dependencies: [
                "MemographOntologies",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "CLibXML2", "CMemographKernels", "CMemographFullText",
                .target(name: "CBLAS", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .target(
            name: "MemographLLM",
            dependencies: ["Memograph"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "memograph",
            dependencies: [
                "Memograph",
                "MemographLLM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .target(name: "MemographTestSupport", path: "Tests/MemographTestSupport"),
        .testTarget(
            name: "MemographTests",
            dependencies: [
                "Memograph", "MemographTestSupport", "CLibXML2", "CMemographKernels",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Ingestion/Fixtures"]
        ),
        .testTarget(
            name: "MemographLLMTests",
            dependencies: ["MemographLLM", "MemographTestSupport"]
        ),
        .testTarget(
            name: "MemographCLITests",
            dependencies: ["memograph", "MemographTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
