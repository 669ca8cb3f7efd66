#include "CMemographFullText.h"

#include <math.h>
#include <string.h>

const char *const mg_row_lengths_type = "memograph_row_lengths";
const char *const mg_phrase_counts_type = "memograph_phrase_counts";
const char *const mg_top_rows_type = "memograph_top_rows";

/// Whether row a ranks below row b: a lower score, or an equal one at a higher rowid.
static int mg_ranks_below(double score_a, int64_t rowid_a, double score_b, int64_t rowid_b) {
    return score_a < score_b || (score_a == score_b && rowid_a > rowid_b);
}

/// Restores the heap order (the lowest-ranked row at the root) of the first `size` rows below
/// `index`.
static void mg_top_rows_sift_down(mg_top_rows *top, int64_t size, int64_t index) {
    for (;;) {
        int64_t lowest = index;
        for (int64_t child = 2 * index + 1; child <= 2 * index + 2 && child < size; child++) {
            if (mg_ranks_below(top->scores[child], top->rowids[child], top->scores[lowest], top->rowids[lowest])) {
                lowest = child;
            }
        }
        if (lowest == index) return;
        double score = top->scores[index];
        int64_t rowid = top->rowids[index];
        top->scores[index] = top->scores[lowest];
        top->rowids[index] = top->rowids[lowest];
        top->scores[lowest] = score;
        top->rowids[lowest] = rowid;
        index = lowest;
    }
}

/// Keeps row `rowid` if it ranks among the best `capacity` so far.
static void mg_top_rows_keep(mg_top_rows *top, double score, int64_t rowid) {
    if (top->capacity <= 0) return;
    if (top->count < top->capacity) {
        // Sift the new row up from the end.
        int64_t index = top->count++;
        while (index > 0) {
            int64_t parent = (index - 1) / 2;
            if (!mg_ranks_below(score, rowid, top->scores[parent], top->rowids[parent])) break;
            top->scores[index] = top->scores[parent];
            top->rowids[index] = top->rowids[parent];
            index = parent;
        }
        top->scores[index] = score;
        top->rowids[index] = rowid;
        return;
    }
    if (!mg_ranks_below(top->scores[0], top->rowids[0], score, rowid)) return;
    top->scores[0] = score;
    top->rowids[0] = rowid;
    mg_top_rows_sift_down(top, top->count, 0);
}

void mg_top_rows_sort(mg_top_rows *top) {
    // Heap sort: the lowest-ranked row moves to the end each time, leaving the best first.
    for (int64_t end = top->count - 1; end > 0; end--) {
        double score = top->scores[0];
        int64_t rowid = top->rowids[0];
        top->scores[0] = top->scores[end];
        top->rowids[0] = top->rowids[end];
        top->scores[end] = score;
        top->rowids[end] = rowid;
        mg_top_rows_sift_down(top, end, 0);
    }
}

/// What one MATCH query needs for every row: IDF per phrase and the average row length, computed
/// once on its first row (as FTS5's bm25 does) and kept as the query's auxiliary data.
typedef struct {
    int phrase_count;
    double average_length;
    double *idf;
    double *frequency;
} mg_bm25_query;

static int mg_count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *user) {
    (void)api;
    (void)fts;
    *(sqlite3_int64 *)user += 1;
    return SQLITE_OK;
}

/// Counts each phrase's rows, or takes them from `counts` when given there. Fails, with `counts`
/// filled and stopped, when the query is to be narrowed (see `mg_phrase_counts`).
static int mg_bm25_query_data(
    const Fts5ExtensionApi *api, Fts5Context *fts, mg_phrase_counts *counts, mg_bm25_query **out) {
    mg_bm25_query *query = api->xGetAuxdata(fts, 0);
    if (query) {
        *out = query;
        return SQLITE_OK;
    }
    int phrases = api->xPhraseCount(fts);
    query = sqlite3_malloc64(sizeof(mg_bm25_query) + sizeof(double) * 2 * (size_t)phrases);
    if (!query) return SQLITE_NOMEM;
    memset(query, 0, sizeof(mg_bm25_query) + sizeof(double) * 2 * (size_t)phrases);
    query->phrase_count = phrases;
    query->idf = (double *)&query[1];
    query->frequency = query->idf + phrases;

    sqlite3_int64 rows = 0;
    sqlite3_int64 tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc == SQLITE_OK) query->average_length = (double)tokens / (double)rows;
    const int given = counts && counts->given && counts->phrases == phrases;
    int weighed = 0;
    int left_out = 0;
    for (int i = 0; rc == SQLITE_OK && i < phrases; i++) {
        sqlite3_int64 hits = 0;
        if (given) {
            hits = counts->hits[i];
        } else {
            rc = api->xQueryPhrase(fts, i, &hits, mg_count_row);
        }
        if (rc == SQLITE_OK) {
            if (counts && !given && counts->phrases == phrases) counts->hits[i] = hits;
            if (mg_phrase_is_weighed(hits, rows)) {
                weighed++;
            } else if (counts && mg_phrase_is_left_out(hits, rows, counts->kept)) {
                left_out++;
            }
            double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
            query->idf[i] = idf <= 0.0 ? 1e-6 : idf;
        }
    }
    if (rc == SQLITE_OK && counts && !given && counts->phrases == phrases && weighed > 0 && left_out > 0) {
        counts->rows = rows;
        counts->stopped = 1;
        rc = SQLITE_ERROR;
    }
    if (rc == SQLITE_OK) {
        rc = api->xSetAuxdata(fts, query, sqlite3_free);
    } else {
        sqlite3_free(query);
    }
    if (rc == SQLITE_OK) *out = query;
    return rc;
}

/// The weight of `column`: argument 3 + column when given, else 1.
static double mg_column_weight(int argc, sqlite3_value **argv, int column) {
    return argc > column + 3 ? sqlite3_value_double(argv[column + 3]) : 1.0;
}

/// The user data of `memograph_bm25`, which counts every occurrence of a term (`memograph_bm25_columns`
/// has none).
static const int mg_counts_repeats = 1;

static void mg_bm25(
    const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv) {
    const double k1 = 1.2;
    const double b = 0.75;
    mg_bm25_query *query = NULL;
    mg_phrase_counts *counts = argc > 1 ? sqlite3_value_pointer(argv[1], mg_phrase_counts_type) : NULL;
    if (counts && !counts->hits) counts = NULL;
    int rc = mg_bm25_query_data(api, fts, counts, &query);
    if (rc != SQLITE_OK && counts && counts->stopped) {
        sqlite3_result_error(context, "memograph_bm25: stopped to leave out words too common to rank by", -1);
        return;
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(context, rc);
        return;
    }
    const mg_row_lengths *lengths = argc > 0 ? sqlite3_value_pointer(argv[0], mg_row_lengths_type) : NULL;
    double *frequency = query->frequency;
    memset(frequency, 0, sizeof(double) * (size_t)query->phrase_count);

    if (api->xUserData(fts) == &mg_counts_repeats) {
        // Every occurrence, from the positions a detail=full index keeps.
        int instances = 0;
        rc = api->xInstCount(fts, &instances);
        for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
            int phrase = 0;
            int column = 0;
            int offset = 0;
            rc = api->xInst(fts, i, &phrase, &column, &offset);
            if (rc == SQLITE_OK) frequency[phrase] += mg_column_weight(argc, argv, column);
        }
    } else {
        // Once per column, from the column lists a detail=column index keeps (xInst would re-read
        // and re-tokenise the row's text).
        for (int i = 0; rc == SQLITE_OK && i < query->phrase_count; i++) {
            Fts5PhraseIter iterator;
            int column = -1;
            rc = api->xPhraseFirstColumn(fts, i, &iterator, &column);
            while (rc == SQLITE_OK && column >= 0) {
                frequency[i] += mg_column_weight(argc, argv, column);
                api->xPhraseNextColumn(fts, &iterator, &column);
            }
        }
    }

    int length = 0;
    if (rc == SQLITE_OK) {
        sqlite3_int64 row = api->xRowid(fts);
        if (lengths && row >= 0 && row < lengths->count) {
            const uint32_t *page = lengths->pages[row >> MG_ROW_LENGTH_PAGE_SHIFT];
            if (page) length = (int)page[row & ((1 << MG_ROW_LENGTH_PAGE_SHIFT) - 1)];
        }
        if (length == 0) rc = api->xColumnSize(fts, -1, &length);
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(context, rc);
        return;
    }
    // The expression of FTS5's bm25, operation for operation, so that both score rows alike.
    double score = 0.0;
    for (int i = 0; i < query->phrase_count; i++) {
        score += query->idf[i] * ((frequency[i] * (k1 + 1.0)) /
                                  (frequency[i] + k1 * (1 - b + b * (double)length / query->average_length)));
    }
    mg_top_rows *top = argc > 2 ? sqlite3_value_pointer(argv[2], mg_top_rows_type) : NULL;
    if (top) {
        mg_top_rows_keep(top, score, api->xRowid(fts));
        sqlite3_result_null(context);
        return;
    }
    sqlite3_result_double(context, -score);
}

int mg_register_full_text_rank(sqlite3 *db) {
    fts5_api *fts = NULL;
    sqlite3_stmt *statement = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(statement, 1, (void *)&fts, "fts5_api_ptr", NULL);
    sqlite3_step(statement);
    rc = sqlite3_finalize(statement);
    if (rc != SQLITE_OK) return rc;
    if (!fts) return SQLITE_ERROR;
    rc = fts->xCreateFunction(fts, "memograph_bm25", (void *)&mg_counts_repeats, mg_bm25, NULL);
    if (rc != SQLITE_OK) return rc;
    return fts->xCreateFunction(fts, "memograph_bm25_columns", NULL, mg_bm25, NULL);
}
