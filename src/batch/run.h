/* run.h - the state of one batch run, shared by batch.c (the reader of
 * directories and files, the workers, the writer) and warc.c (the reader
 * of WARC archives).  Private to src/batch/. */
#ifndef PC_BATCH_RUN_H
#define PC_BATCH_RUN_H

#include "internal.h"
#include "batch/stream.h"

#include "core/dl_glib.h"
#include <pthread.h>

/*** units and the queues *************************************************/

struct unit {
  unsigned long long seq;
  char *file;          /* source file ("-" for stdin) */
  unsigned long long offset; /* record offset (see stream.h) or line */
  char *url;           /* may be NULL */
  char *ctype;         /* HTTP Content-Type or NULL */
  char *data;
  size_t len;
  char *error;         /* set by the reader: a record it could not read */
  bool jsonl;          /* data is a JSON line, decoded by the worker */
  /* results */
  char *line;          /* the output line (with "\n") */
  size_t line_len;     /* its bytes (doc_make's: its object's) */
  void *obj;           /* doc_make's object instead of a line, or NULL */
  bool failed;         /* line goes to the errors file */
  uint64_t key;        /* the id's first 64 bits (0: no id yet) */
  bool skip;           /* nothing to write: see why */
  enum skip_why {
    SKIP_RECORD = 0,   /* not a document (a WARC request, non-HTML) */
    SKIP_DONE,         /* --resume: the output holds its record */
    SKIP_DUPLICATE,    /* its id is written already */
    SKIP_SHARD         /* --shard: another shard's */
  } why;
};

/* A set of 64-bit keys (never 0), open addressing. */
struct keyset {
  uint64_t *v;
  size_t cap, n;
};

struct queue {
  struct unit **v;
  size_t cap, head, n;
  size_t bytes, max_bytes; /* of the units' data and lines; 0: no cap */
  bool closed;
  pthread_mutex_t m;
  pthread_cond_t not_empty, not_full;
};

/*** the run *****************************************************************/

struct run {
  const pc_ctx *ctx;
  const pc_batch_opts *o;
  size_t max_doc;
  struct queue in, out;
  /* the places (source file and offset) the output holds (--resume),
   * read-only once the run starts */
  struct keyset done;
  /* the ids written or being written: one line per id (under ids_m) */
  struct keyset ids;
  pthread_mutex_t ids_m;
  /* counters the reader keeps (the writer owns the others) */
  pthread_mutex_t stat_m;
  pc_batch_stats st;
  unsigned long long next_seq;
  /* the reader's: (device, inode) of every file and directory reached,
   * so none is read twice and a link cycle ends */
  GHashTable *seen;
  /* the reader's: the file being read, and the bytes of those read */
  struct pc_stream *cur;
  unsigned long long taken_before;
  int live; /* workers still running (under out.m) */
};

#define STREAM_FAILED "read error or damaged gzip data: the rest is lost"

/* A document read (data, url and ctype are taken), or a record that could
 * not be read (error, copied), queued for the workers. */
void pc_batch_emit(struct run *r, const char *file, unsigned long long off,
                   char *url, char *ctype, char *data, size_t len,
                   const char *error);
/* A record that is not a document: counted read and skipped. */
void pc_batch_skip_record(struct run *r, const char *file,
                          unsigned long long off);
/* The run has stopped (the output failed): the reader reads no more. */
bool pc_batch_stopped(struct run *r);

/* Cuts a WARC archive (plain or gzip members) into units (warc.c). */
void pc_batch_read_warc(struct run *r, struct pc_stream *g, const char *file);

#endif
