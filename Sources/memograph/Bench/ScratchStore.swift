import Foundation
import Memograph

/// A store in a fresh temporary directory, for one benchmark run; ``remove()`` closes it and
/// deletes the directory.
struct ScratchStore {
    let store: GraphStore
    private let directory: URL

    init(prefix: String, ontology: Ontology? = nil, access: StoreAccess = .concurrent) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            store = try GraphStore(
                path: directory.appendingPathComponent("store.sqlite").path, ontology: ontology,
                access: access)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        self.directory = directory
    }

    func remove() {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }
}
