import CMemographFullText

/// What one full-text table is searched for: the query's words, less those in half its rows or
/// more, and in more than the ranked list keeps, when a rarer word remains.
///
/// BM25 gives a word in half the rows or more no weight (its IDF is floored near zero). Matching
/// it beside rarer words only ranks, after theirs, rows that hold nothing else of the query, and
/// when those are more than the list keeps, it ends the list with an arbitrary few of them after
/// FTS5 has scored them all: a user's name in most facts, or "entity" in every generated name,
/// turned each search into a sort of the whole table. The ranking function finds such words as it
/// counts each word's rows on its first row, and stops (see `mg_phrase_counts`); ``narrow()``
/// then drops them for the next run. A query whose words are all that common keeps them, and so
/// does a small table, where they are few.
final class FullTextMatch {
    private(set) var terms: [String]
    /// Bound to the ranking function; its `hits` has a place for each of the first terms.
    private let counts: UnsafeMutablePointer<mg_phrase_counts>

    /// The match of `terms` for a ranked list that keeps `kept` rows, or nil when there are no
    /// terms.
    init?(_ terms: [String], kept: Int) {
        guard !terms.isEmpty else { return nil }
        self.terms = terms
        counts = .allocate(capacity: 1)
        let hits = UnsafeMutablePointer<Int64>.allocate(capacity: terms.count)
        hits.initialize(repeating: 0, count: terms.count)
        counts.initialize(
            to: mg_phrase_counts(
                given: 0, stopped: 0, phrases: Int32(terms.count), kept: Int64(kept), rows: 0, hits: hits))
    }

    deinit {
        counts.pointee.hits.deallocate()
        counts.deallocate()
    }

    /// The FTS5 `MATCH` expression of the words kept.
    var expression: String { FullTextQuery.expression(of: terms) }

    /// Whether the last run stopped to be narrowed.
    var stopped: Bool { counts.pointee.stopped != 0 }

    /// The counts, for a ranking function's `counts` parameter of a statement this match outlives.
    var parameter: SQLParameter { .pointer(UnsafeMutableRawPointer(counts), type: mg_phrase_counts_type) }

    /// After a stopped run: leaves out the words to leave out, keeping the others' counts for the
    /// next run.
    func narrow() {
        let hits = counts.pointee.hits!
        let rows = counts.pointee.rows
        var kept: [String] = []
        for (index, term) in terms.enumerated()
        where mg_phrase_is_left_out(hits[index], rows, counts.pointee.kept) == 0 {
            hits[kept.count] = hits[index]
            kept.append(term)
        }
        terms = kept
        counts.pointee.phrases = Int32(kept.count)
        counts.pointee.given = 1
        counts.pointee.stopped = 0
    }
}
