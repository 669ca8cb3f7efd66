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

    /// A chunk turns into an array at half of its 4,096 ids and back into a dictionary below a
    /// quarter, `update` of a present value changing neither; the values and the count must come
    /// through both turns, with the neighbouring chunks untouched.
    @Test func aChunkKeepsItsValuesAsItFillsAndEmpties() {
        var random = SplitMix(seed: 5)
        var table = ChunkedTable<Int>()
        var model: [Int64: Int] = [:]
        table[4_095] = -1
        table[8_192] = -2
        model[4_095] = -1
        model[8_192] = -2
        var ids = Array(Int64(4_096)..<8_192)
        for index in ids.indices.reversed() { ids.swapAt(index, random.below(index + 1)) }
        var forms: [Int: Bool] = [:]
        for (step, id) in ids.prefix(3_000).enumerated() {
            table[id] = step
            model[id] = step
            if step % 97 == 0 {
                table.update(id) { $0! += 1 }
                model[id]! += 1
            }
            if [2_046, 2_047].contains(step) { forms[step + 1] = table.keepsArray(around: 4_096) }
        }
        #expect(forms == [2_047: false, 2_048: true])
        #expect(table.count == model.count)
        #expect(ids.allSatisfy { table[$0] == model[$0] })
        var countsAgreed = true
        for id in ids.prefix(1_976) {
            table[id] = nil
            model[id] = nil
            countsAgreed = countsAgreed && table.count == model.count
        }
        #expect(countsAgreed)
        // 1,024 ids left in the chunk: still an array, also through an update that keeps the id.
        let kept = ids[2_999]
        table.update(kept) { $0! *= 2 }
        model[kept]! *= 2
        #expect(table.keepsArray(around: 4_096) && table.count == 1_026)
        table[ids[1_976]] = nil
        model[ids[1_976]] = nil
        #expect(!table.keepsArray(around: 4_096) && table.count == 1_025)
        #expect(!table.keepsArray(around: 0) && !table.keepsArray(around: 8_192))
        #expect(ids.allSatisfy { table[$0] == model[$0] })
        #expect(table[4_095] == -1 && table[8_192] == -2)
        #expect(Dictionary(uniqueKeysWithValues: table.entries.map { ($0.id, $0.value) }) == model)
        #expect(table.entries.map(\.id) == model.keys.sorted())
        var refilled = ChunkedTable<Int>()
        for (id, value) in model { refilled[id] = value }
        #expect(refilled == table)
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
