import GRDB

/// Column access that both GRDB's `Row` and the store's hand-stepped ``SQLRow`` offer, so each
/// value type has one decoder whichever way its rows were read.
protocol StoredColumns {
    func int64(_ index: Int32) -> Int64
    func optionalInt64(_ index: Int32) -> Int64?
    func double(_ index: Int32) -> Double
    func text(_ index: Int32) -> String
    func optionalText(_ index: Int32) -> String?
}

extension Row: StoredColumns {
    func int64(_ index: Int32) -> Int64 { self[Int(index)] }
    func optionalInt64(_ index: Int32) -> Int64? { self[Int(index)] }
    func double(_ index: Int32) -> Double { self[Int(index)] }
    func text(_ index: Int32) -> String { self[Int(index)] }
    func optionalText(_ index: Int32) -> String? { self[Int(index)] }
}
