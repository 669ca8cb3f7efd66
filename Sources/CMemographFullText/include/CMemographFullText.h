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

/// Registers two FTS5 auxiliary functions on `db` that rank as FTS5's `bm25(table, weight…)` does
/// (same k1 = 1.2, b = 0.75, IDF, column weights and arithmetic; lower is better) but read a
/// row's length from the bound `mg_row_lengths` (or NULL) rather than from its `_docsize` row:
/// - `memograph_bm25(table, lengths, weight…)`, for a table that keeps positions (detail=full):
///   it scores exactly as `bm25()`;
/// - `memograph_bm25_columns(table, lengths, weight…)`, for a detail=column table: a term counts
///   once per column that holds it, read from the index, where `bm25()` re-reads and re-tokenises
///   the row's text to count repeats (most of its cost, about 3 µs a row).
int mg_register_full_text_rank(sqlite3 *db);

#endif
