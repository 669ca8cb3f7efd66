import Testing

@testable import Memograph

/// The chunked containers the in-memory adjacency and entity table are kept in must behave as a
/// dictionary and an array do, across chunk boundaries and for ids no chunk holds.
@Suite struct ChunkedStorageTests {
    @Test func aTableAgreesWithADictionaryThroughRandomWrites() {
        var random = SplitMix(seed: 11)
        // Ids on both sides of chunk boundaries, far apart, below zero and at the extremes.
        let pools: [[Int64]] = [
            Array(0..<20), Array(4_090..<4_100), Array(1_048_570..<1_048_580),
            [-4_097, -4_096, -7, -1, Int64.min, (1 << 28) - 1, 1 << 28, (1 << 32) + 5, Int64.max],
        ]
        var table = ChunkedTable<String>()
        var model: [Int64: String] = [:]
        for step in 0..<5_000 {
            let pool = pools[random.below(pools.count)]
            let id = pool[random.below(pool.count)]
            switch random.below(4) {
            case 0:
                table[id] = nil
                model[id] = nil
            case 1:
                table.update(id) { $0 = ($0 ?? "") + "+" }
                model[id, default: ""] += "+"
            case 2:
                table.update(id) { $0 = $0 == nil ? "new" : nil }
                model[id] = model[id] == nil ? "new" : nil
            default:
                table[id] = "\(step)"
                model[id] = "\(step)"
            }
            #expect(table[id] == model[id])
        }
        #expect(table.count == model.count)
        #expect(Dictionary(uniqueKeysWithValues: table.entries.map { ($0.id, $0.value) }) == model)
        #expect(table.entries.map(\.id) == model.keys.sorted())
        for id in pools.joined() { #expect(table[id] == model[id]) }
    }

    @Test func tablesWithTheSameEntriesAreEqualHoweverTheyWereFilled() {
        var emptied = ChunkedTable<Int>()
        emptied[9_000] = 1
        emptied[9_000] = nil
        emptied[3] = 3
        var direct = ChunkedTable<Int>()
        direct[3] = 3
        #expect(emptied == direct)
        direct[-3] = 3
        #expect(emptied != direct)
        emptied[-3] = 4
        #expect(emptied != direct)
        emptied[-3] = 3
        #expect(emptied == direct)
        emptied[Int64.max] = 0
        #expect(emptied != direct)
    }

    @Test func aCopyKeepsItsValuesWhenTheOriginalChanges() {
        var table = ChunkedTable<[Int]>()
        var array = ChunkedArray<Int>()
        for id in 0..<10_000 {
            table[Int64(id)] = [id]
            array.append(id)
        }
        let (tableCopy, arrayCopy) = (table, array)
        table.update(5_000) { $0!.append(1) }
        table[9_999] = nil
        array[4_096] = -1
        array.append(10_000)
        #expect(tableCopy[5_000] == [5_000] && tableCopy[9_999] == [9_999] && tableCopy.count == 10_000)
        #expect(table[5_000] == [5_000, 1] && table[9_999] == nil && table.count == 9_999)
        #expect(arrayCopy[4_096] == 4_096 && arrayCopy.count == 10_000)
        #expect(
            array[4_096] == -1 && array[4_095] == 4_095 && array[10_000] == 10_000 && array.count == 10_001)
    }
}
