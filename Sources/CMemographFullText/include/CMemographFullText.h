#ifndef C_MEMOGRAPH_FULL_TEXT_H
#define C_MEMOGRAPH_FULL_TEXT_H

#include <sqlite3.h>
#include <stdint.h>

/// Rows per page of `mg_row_lengths`: 2 to this power.
#define MG_ROW_LENGTH_PAGE_SHIFT 12

/// The token counts of a full-text table's rows, by rowid: row r has
/// `pages[r >> MG_ROW_LENGTH_PAGE_SHIFT][r & (2^MG_ROW_LENGTH_PAGE_SHIFT - 1)]` tokens when
/// r < count, its page is not NULL and that entry is not zero; any other row is measured by FTS5
/// itself.
typedef struct mg_row_lengths {
    const uint32_t *const *pages;
    int64_t count;
} mg_row_lengths;

/// The pointer type under which `mg_row_lengths` is bound to an SQL parameter
/// (`sqlite3_bind_pointer`).
extern const char *const mg_row_lengths_type;

/// Whether BM25 weighs a phrase that `hits` of a table's `rows` rows hold: whether its IDF,
/// log((rows - hits + 0.5) / (hits + 0.5)), is above 0. A phrase in half the rows or more gets an
/// IDF floored near 0.
static inline int mg_phrase_is_weighed(int64_t hits, int64_t rows) {
    return hits > 0 && 2 * hits < rows;
}

/// Whether a phrase is to be left out of a match whose ranked list keeps `kept` rows: BM25 does
/// not weigh it and it is in more rows than the list could take, so that matching it would only
/// have every one of them scored to fill the list's end with an arbitrary few.
static inline int mg_phrase_is_left_out(int64_t hits, int64_t rows, int64_t kept) {
    return !mg_phrase_is_weighed(hits, rows) && hits > kept;
}

/// The rows each phrase of a MATCH is in, bound to a ranking function's `counts` parameter.
///
/// When `given` is 0, the function counts them on the query's first row. If it then finds a
/// phrase BM25 weighs beside one to leave out (see `mg_phrase_is_left_out`, with `kept`), it
/// fills `rows` and `hits`, sets `stopped` and fails the statement at once, before scoring the
/// rows that match only the common phrases: the caller matches again without those, passing the
/// kept phrases' `hits` with `given` at 1 so that they are not counted again.
typedef struct mg_phrase_counts {
    int32_t given;
    int32_t stopped;
    /// Entries of `hits`: the phrases of the MATCH.
    int32_t phrases;
    /// The rows the ranked list keeps.
    int64_t kept;
    int64_t rows;
    int64_t *hits;
} mg_phrase_counts;

/// The pointer type under which `mg_phrase_counts` is bound to an SQL parameter.
extern const char *const mg_phrase_counts_type;

/// The best rows of a match, kept by a ranking function bound to it (its `top` parameter) in place
/// of returning scores: the statement needs no sort, and is one step.
///
/// A heap of at most `capacity` rows, the lowest-ranked at the root, ranked as `ORDER BY score
/// DESC, rowid` ranks (`score` as BM25 has it: higher is better). `scores` and `rowids` have
/// `capacity` entries; `count` says how many hold a row, in no order (see `mg_top_rows_sort`).
typedef struct mg_top_rows {
    int64_t capacity;
    int64_t count;
    double *scores;
    int64_t *rowids;
} mg_top_rows;

/// The pointer type under which `mg_top_rows` is bound to an SQL parameter.
extern const char *const mg_top_rows_type;

/// Orders the rows `top` holds best first, emptying its heap: after it, `rowids[0..<count]` is the
/// ranked list.
void mg_top_rows_sort(mg_top_rows *top);

/// Registers two FTS5 auxiliary functions on `db` that rank as FTS5's `bm25(table, weight…)` does
/// (same k1 = 1.2, b = 0.75, IDF, column weights and arithmetic; lower is better) but read a
/// row's length from the bound `mg_row_lengths` (or NULL) rather than from its `_docsize` row,
/// take or report the phrases' counts through a bound `mg_phrase_counts` (or NULL), and keep the
/// best rows in a bound `mg_top_rows`, returning NULL, or return each row's score when it is NULL:
/// - `memograph_bm25(table, lengths, counts, top, weight…)`, for a table that keeps positions
///   (detail=full): it scores exactly as `bm25()`;
/// - `memograph_bm25_columns(table, lengths, counts, top, weight…)`, for a detail=column table: a
///   term counts once per column that holds it, read from the index, where `bm25()` re-reads and
///   re-tokenises the row's text to count repeats (most of its cost, about 3 µs a row).
int mg_register_full_text_rank(sqlite3 *db);

#endif
