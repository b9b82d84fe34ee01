/*
 * fuzz_query.c - libFuzzer target for the search syntax of `presscut
 * search` (src/archive/query.c).  Checks, besides the sanitizers: the
 * parser accepts or refuses with a one-line reason; what it accepts
 * becomes an FTS5 expression that SQLite's FTS5 runs without an error
 * (an in-memory table with the archive's tokenizer), so no input reaches
 * FTS5's own syntax; the expression only ever holds its own operators
 * outside quoted strings.
 *
 *   build-fuzz/fuzz/fuzz_query -dict=fuzz/dict/query.dict \
 *         fuzz/corpus-work/query fuzz/seeds/query fuzz/regress/query
 */
#include "internal.h"

#include "fuzz_check.h"
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static sqlite3_stmt *match;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE t USING fts5(text, tokenize="
                     "'porter unicode61 remove_diacritics 2');"
                     "INSERT INTO t VALUES ('the attack on the hall'),"
                     "('who masterminded this crime'), ('OR NOT AND NEAR');",
                     NULL, NULL, NULL) == SQLITE_OK);
  CHECK(sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?", -1,
                           &match, NULL) == SQLITE_OK);
  return 0;
}

/* Outside the quoted strings, only ( ) spaces and the words AND, OR, NOT. */
static void check_shape(const char *f) {
  for (const char *p = f; *p;) {
    if (*p == '"') {
      for (p++; *p; p++)
        if (*p == '"') {
          if (p[1] != '"')
            break;
          p++;
        }
      CHECK(*p == '"');
      p++;
    } else if (*p == '(' || *p == ')' || *p == ' ') {
      p++;
    } else {
      CHECK(strncmp(p, "AND", 3) == 0 || strncmp(p, "OR", 2) == 0 ||
            strncmp(p, "NOT", 3) == 0);
      p += p[0] == 'O' ? 2 : 3;
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!db)
    LLVMFuzzerInitialize(NULL, NULL);
  char *q = malloc(size + 1);
  if (!q)
    return 0;
  memcpy(q, data, size);
  q[size] = '\0';
  char *fts = NULL;
  pc_error err = {""};
  pc_status st = pc_archive_parse_query(q, &fts, &err);
  if (st == PC_OK) {
    CHECK(fts != NULL);
    check_shape(fts);
    sqlite3_reset(match);
    sqlite3_bind_text(match, 1, fts, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(match);
    if (rc != SQLITE_ROW)
      fprintf(stderr, "query %s -> %s: %s\n", q, fts, sqlite3_errmsg(db));
    CHECK(rc == SQLITE_ROW);
  } else {
    CHECK(st == PC_ERR_USAGE || st == PC_ERR_NOMEM);
    CHECK(fts == NULL && err.msg[0] && !strchr(err.msg, '\n'));
  }
  pc_free(fts);
  free(q);
  return 0;
}
