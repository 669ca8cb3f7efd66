import CMemographFullText
import Foundation
import GRDB
import GRDBSQLite

/// The token count of every row of the full-text tables, held in memory so that ranking a match
/// (`memograph_bm25`, see `CMemographFullText`) reads it from an array rather than from the
/// table's `_docsize` shadow table, one statement per matching row.
///
/// A table's lengths stay valid while none of its rows is deleted or rewritten: ``SearchSchema``
/// counts those changes per table, and a search that sees another count reads the table again.
/// Rows added since are read by the next search that is not inside a write transaction (whose
/// rows might yet be rolled back); until then, and for every row the lengths do not cover, FTS5
/// measures the row itself: a row's length is never a stale one.
final class DocumentLengthCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: DocumentLengths] = [:]

    /// The lengths of `table`'s rows as `db` sees them, or nil when this snapshot is older than
    /// the lengths held (a search still running on it measures rows through FTS5).
    func lengths(of table: String, db: Database) throws -> DocumentLengths? {
        let version = try SearchSchema.counter(SearchSchema.rewritesKey(table), db: db)
        var last: Int64 = -1
        try HotStatement.query(db.cachedStatement(sql: "SELECT max(id) FROM \(table)_docsize"), []) {
            last = $0.optionalInt64(0) ?? -1
        }
        let writing = sqlite3_txn_state(db.sqliteConnection, "main") == SQLITE_TXN_WRITE
        return try lock.withLock {
            var current = tables[table]
            if let held = current, held.version != version {
                // An older snapshot, or a transaction rewriting rows it has not committed.
                if held.version > version || writing { return nil }
                current = nil
            }
            guard !writing else { return current }
            let base = current ?? DocumentLengths(version: version)
            guard last > base.scanned else { return base }
            let extended = try base.extended(with: db, table: table)
            tables[table] = extended
            return extended
        }
    }
}

/// One table's row lengths at one rewrite count, for rowids below ``count``: an immutable view
/// for the searches that hold it, over pages that later views extend beyond ``count``.
final class DocumentLengths: @unchecked Sendable {
    private static let pageShift = Int(MG_ROW_LENGTH_PAGE_SHIFT)
    private static let pageSize = 1 << pageShift
    /// Rowids from here on are not covered (FTS5 measures those rows), which bounds the page list;
    /// pages are allocated only where rows are.
    private static let rowidLimit: Int64 = 1 << 28

    /// The table's rewrite count these lengths are valid for.
    let version: Int64
    /// Rows with a rowid below this are covered.
    let count: Int64
    /// The last rowid read (rows past ``count`` are beyond the rowids covered).
    let scanned: Int64
    private let pages: LengthPages
    private let view: UnsafeMutablePointer<mg_row_lengths>
    private let pagePointers: UnsafeMutablePointer<UnsafePointer<UInt32>?>

    convenience init(version: Int64) {
        self.init(version: version, pages: LengthPages(), count: 0, scanned: -1)
    }

    private init(version: Int64, pages: LengthPages, count: Int64, scanned: Int64) {
        self.version = version
        self.pages = pages
        self.count = count
        self.scanned = scanned
        pagePointers = .allocate(capacity: max(pages.pages.count, 1))
        for (index, page) in pages.pages.enumerated() { pagePointers[index] = page.map { UnsafePointer($0) } }
        view = .allocate(capacity: 1)
        view.initialize(to: mg_row_lengths(pages: pagePointers, count: count))
    }

    deinit {
        view.deallocate()
        pagePointers.deallocate()
    }

    /// The tokens of row `rowid`, or 0 when it is not covered.
    func length(of rowid: Int64) -> UInt32 {
        guard rowid >= 0, rowid < count, let page = pagePointers[Int(rowid) >> Self.pageShift] else {
            return 0
        }
        return page[Int(rowid) & (Self.pageSize - 1)]
    }

    /// Binds these lengths to a `memograph_bm25` parameter of a statement that runs within `body`.
    func withParameter<T>(_ body: (SQLParameter) throws -> T) rethrows -> T {
        // Not `try withExtendedLifetime(self) { try body(…) }`: with Swift 6.3.1, an error thrown
        // through that closure from here corrupted the stack (seen when a ranking stops to narrow).
        defer { withExtendedLifetime(self) {} }
        return try body(.pointer(UnsafeMutableRawPointer(view), type: mg_row_lengths_type))
    }

    /// These lengths and those of the rows after ``scanned`` that `db` sees. Writes only past
    /// every earlier view's ``count``, so searches holding one read on undisturbed.
    fileprivate func extended(with db: Database, table: String) throws -> DocumentLengths {
        var end = count
        var scanned = self.scanned
        try HotStatement.query(
            db.cachedStatement(sql: "SELECT id, sz FROM \(table)_docsize WHERE id > ? ORDER BY id"),
            [.int(scanned)]
        ) { row in
            let rowid = row.int64(0)
            scanned = rowid
            guard rowid < Self.rowidLimit else { return }
            let page = pages.page(Int(rowid) >> Self.pageShift)
            page[Int(rowid) & (Self.pageSize - 1)] = UInt32(clamping: Self.tokens(in: row, column: 1))
            end = rowid + 1
        }
        return DocumentLengths(version: version, pages: pages, count: end, scanned: scanned)
    }

    /// The sum of a `_docsize` blob's SQLite varints (big-endian, 7 bits a byte): one token count
    /// per column.
    private static func tokens(in row: SQLRow, column: Int32) -> Int64 {
        guard let bytes = sqlite3_column_blob(row.handle, column) else { return 0 }
        let buffer = UnsafeRawBufferPointer(
            start: bytes, count: Int(sqlite3_column_bytes(row.handle, column)))
        var total: Int64 = 0
        var value: Int64 = 0
        for byte in buffer {
            value = value << 7 | Int64(byte & 0x7F)
            if byte & 0x80 == 0 {
                total += value
                value = 0
            }
        }
        return total
    }
}

/// Zeroed pages of row lengths, shared by the views of one table at one rewrite count; nil where
/// no row has been read.
private final class LengthPages {
    private(set) var pages: [UnsafeMutablePointer<UInt32>?] = []

    /// Page `index`, allocated when missing.
    func page(_ index: Int) -> UnsafeMutablePointer<UInt32> {
        if pages.count <= index { pages += Array(repeating: nil, count: index + 1 - pages.count) }
        if let page = pages[index] { return page }
        let page = UnsafeMutablePointer<UInt32>.allocate(capacity: 1 << Int(MG_ROW_LENGTH_PAGE_SHIFT))
        page.initialize(repeating: 0, count: 1 << Int(MG_ROW_LENGTH_PAGE_SHIFT))
        pages[index] = page
        return page
    }

    deinit {
        for page in pages { page?.deallocate() }
    }
}
