import GRDB
import GRDBSQLite

/// A value bound to a parameter of a ``HotStatement``.
enum SQLParameter {
    case int(Int64)
    case text(String)
    case real(Double)
    case null
    /// A pointer for an SQL function that asks for one of `type` (`sqlite3_bind_pointer`).
    case pointer(UnsafeMutableRawPointer, type: UnsafePointer<CChar>)

    static func text(_ value: String?) -> SQLParameter { value.map { .text($0) } ?? .null }
    static func int(_ value: Int64?) -> SQLParameter { value.map { .int($0) } ?? .null }
}

/// The current row of a ``HotStatement``, read column by column (0-based).
struct SQLRow: StoredColumns {
    let handle: SQLiteStatement

    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    func optionalInt64(_ index: Int32) -> Int64? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, index)
    }

    func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }

    func text(_ index: Int32) -> String { optionalText(index) ?? "" }

    func optionalText(_ index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}

/// Runs GRDB's cached statements by hand on the store's hot paths (adjacency walks, fact
/// writes): GRDB's cursors and argument lists cost more per call than the SQL itself does when
/// a query returns a handful of rows.
enum HotStatement {
    /// Binds `parameters`, steps through every row and resets the statement.
    static func query(_ statement: Statement, _ parameters: [SQLParameter], _ row: (SQLRow) throws -> Void)
        throws
    {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        try bind(parameters, to: statement)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw failure(code, statement) }
            try row(SQLRow(handle: handle))
        }
    }

    /// Runs a statement that returns no rows.
    static func execute(_ statement: Statement, _ parameters: [SQLParameter]) throws {
        try query(statement, parameters) { _ in }
    }

    private static func bind(_ parameters: [SQLParameter], to statement: Statement) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (offset, parameter) in parameters.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch parameter {
            case .int(let value): code = sqlite3_bind_int64(handle, index, value)
            case .real(let value): code = sqlite3_bind_double(handle, index, value)
            case .null: code = sqlite3_bind_null(handle, index)
            case .pointer(let pointer, let type):
                code = sqlite3_bind_pointer(handle, index, pointer, type, nil)
            case .text(let value):
                code = value.utf8CString.withUnsafeBufferPointer { buffer in
                    sqlite3_bind_text(handle, index, buffer.baseAddress, Int32(buffer.count - 1), transient)
                }
            }
            guard code == SQLITE_OK else { throw failure(code, statement) }
        }
    }

    private static func failure(_ code: Int32, _ statement: Statement) -> DatabaseError {
        let message = sqlite3_db_handle(statement.sqliteStatement).map { String(cString: sqlite3_errmsg($0)) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    /// SQLite's SQLITE_TRANSIENT: it copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
