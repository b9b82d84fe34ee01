/* batch.c - presscut batch. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage_batch(FILE *f) {
  fprintf(f,
          "Usage: presscut batch INPUT... -o FILE.jsonl [--jobs N] [--attribution]\n"
          "                      [--resume] [--errors FILE.jsonl] [--shard I/N] [--ordered]\n"
          "\n"
          "Extracts every document of the inputs into one JSON Lines file: a\n"
          "line per document with extract's fields, \"source\" (file and\n"
          "record offset) and \"id\" (SHA-256 of URL and payload).  One line\n"
          "per id: a document whose id is written already is a duplicate.\n"
          "INPUT: a directory (recursive), an HTML or text file, a WARC or\n"
          "gzipped WARC (response records with HTML), JSON Lines of\n"
          "{\"url\",\"html\"}, or - (standard input, any of these).\n"
          "\n"
          "Options:\n"
          "  -o, --output FILE     the JSON Lines output (required; - for\n"
          "                        standard output; also --out)\n"
          "      --errors FILE     a line per failed document (source, error)\n"
          "  -j, --jobs N          worker threads (default: the cores)\n"
          "      --attribution     add quotes, entities and claims\n"
          "      --date YYYY-MM-DD anchors dates without a year (attribution)\n"
          "      --resume          continue an interrupted run: the records\n"
          "                        (source file and offset) that --output (and\n"
          "                        --errors) hold are not done again; give\n"
          "                        the inputs as the first run did\n"
          "      --shard I/N       only documents whose id %% N == I (the id's\n"
          "                        first 16 hex digits)\n"
          "      --ordered         write in input order (default: as ready)\n"
          "      --inputs-from F   read input paths from F, one a line (- for\n"
          "                        standard input), after the INPUTs\n"
          "      --max-doc BYTES   a document's size cap (default 32 MiB)\n"
          "      --progress[=S]    progress lines also when not a terminal,\n"
          "                        one every S seconds (default 2)\n"
          "      --quiet           no progress line and no summary\n"
          "      --data-dir DIR    language data, as for extract\n"
          "      --feed            each INPUT is an RSS or Atom feed: its entries'\n"
          "                        pages are the documents (fetched first)\n"
          "      --since DATE, --max N, --allow-private-fetch  with --feed, as\n"
          "                        for pdf --feed\n"
          "  -h, --help            this help\n"
          "\n"
          "A summary goes to standard error at the end: read = written +\n"
          "errors + skipped (records that are no documents) + duplicates +\n"
          "already done (--resume) + other shards + not written (a write\n"
          "failed, as on a full disk: the run stops, whole lines only stay,\n"
          "--resume completes it); files reached again through links are\n"
          "not read twice.\n"
          "Exit 0 when the run completed (even with failed documents, which\n"
          "are in --errors), 2 usage, 3 an input cannot be found or read (a\n"
          "line on standard error says why) or an output cannot be opened or\n"
          "written, 5 internal error.\n");
}

struct batch_ui {
  bool tty;        /* standard error is a terminal: one line redrawn */
  bool show;       /* progress lines (a terminal, or --progress) */
  bool quiet;
  double every;    /* seconds between progress lines */
  double last;     /* when the last one was written */
};

/* "1:05:09" or "5:09": seconds left. */
static void clock_text(char *buf, size_t n, double s) {
  unsigned long t = s > 0 && s < 1e9 ? (unsigned long)(s + 0.5) : 0;
  if (t >= 3600)
    snprintf(buf, n, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
  else
    snprintf(buf, n, "%lu:%02lu", t / 60, t % 60);
}

/* One progress line: on a terminal redrawn in place (\r), else a line
 * with its newline every ui->every seconds; the percent and the ETA when
 * the inputs' size is known (compressed bytes for gzip). */
static void progress_line(struct batch_ui *ui, const pc_batch_stats *st,
                          double seconds) {
  if (!ui->show || seconds - ui->last < ui->every)
    return;
  ui->last = seconds;
  double rate = seconds > 0 ? (double)st->read / seconds : 0;
  double mbs = seconds > 0 ? (double)st->bytes / seconds / 1048576.0 : 0;
  char pct[96] = "";
  if (st->total > 0 && st->taken > 0) {
    double f = (double)st->taken / (double)st->total;
    char eta[32];
    clock_text(eta, sizeof eta, seconds * (1 - (f > 1 ? 1 : f)) / f);
    snprintf(pct, sizeof pct, ", %.0f%% of %.1f MB, ETA %s",
             100 * (f > 1 ? 1 : f), (double)st->total / 1048576.0, eta);
  }
  fprintf(stderr, "%s%s: %llu docs%s, %.0f docs/s, %.1f MB/s, %llu errors%s",
          ui->tty ? "\r" : "", PROG, st->read, pct, rate, mbs, st->errors,
          ui->tty ? "   " : "\n");
  fflush(stderr);
}

static void batch_progress(void *closure, const pc_batch_stats *st,
                           double seconds, int final) {
  struct batch_ui *ui = closure;
  if (ui->quiet)
    return;
  if (!final) {
    progress_line(ui, st, seconds);
    return;
  }
  double rate = seconds > 0 ? (double)st->read / seconds : 0;
  if (ui->tty && ui->show && ui->last > 0)
    fputc('\n', stderr);
  fprintf(stderr,
          "%s: %llu read = %llu written + %llu errors + %llu skipped + "
          "%llu duplicates + %llu already done + %llu other shards + "
          "%llu not written; %llu files (%llu reached again, not read), "
          "%.1f MB in %.1f s (%.0f docs/s)\n",
          PROG, st->read, st->written, st->errors, st->skipped,
          st->duplicates, st->done, st->other_shards, st->unwritten,
          st->files, st->repeats, (double)st->bytes / 1048576.0, seconds,
          rate);
}

/* An input that cannot be read, met in the walk: its line now. */
static void batch_warn(void *closure, const char *msg) {
  (void)closure;
  fprintf(stderr, "%s: batch: %s\n", PROG, msg);
}

enum { O_ERRORS = 256, O_ATTR, O_DATE, O_RESUME, O_SHARD, O_ORDERED,
       O_FROM, O_MAXDOC, O_PROGRESS, O_QUIET, O_DATA };
static const char batch_short[] = "o:j:h";
static const struct option batch_lo[] = {
    {"out", required_argument, NULL, 'o'},
    {"output", required_argument, NULL, 'o'},
    {"errors", required_argument, NULL, O_ERRORS},
    {"jobs", required_argument, NULL, 'j'},
    {"attribution", no_argument, NULL, O_ATTR},
    {"date", required_argument, NULL, O_DATE},
    {"resume", no_argument, NULL, O_RESUME},
    {"shard", required_argument, NULL, O_SHARD},
    {"ordered", no_argument, NULL, O_ORDERED},
    {"inputs-from", required_argument, NULL, O_FROM},
    {"max-doc", required_argument, NULL, O_MAXDOC},
    {"progress", optional_argument, NULL, O_PROGRESS},
    {"quiet", no_argument, NULL, O_QUIET},
    {"data-dir", required_argument, NULL, O_DATA},
    {"help", no_argument, NULL, 'h'},
    FEED_OPTIONS,
    {NULL, 0, NULL, 0}};

/* What batch's command line says. */
struct batch_args {
  pc_batch_opts bo;
  struct batch_ui ui;
  struct feed_args fa;
  const char *from;     /* --inputs-from */
  const char *data_dir; /* --data-dir */
};

/* The options that take a number, checked (-1 when arg holds, else the
 * usage error, reported). */
static int batch_number_opt(int c, const char *arg, struct batch_args *a) {
  char *end;
  switch (c) {
  case 'j':
    a->bo.jobs = (int)strtol(arg, &end, 10);
    if (*end || a->bo.jobs < 1 || a->bo.jobs > 256)
      return usage_error("batch", "--jobs: 1 to 256, not '%s'", arg);
    return -1;
  case O_SHARD: {
    unsigned long i = strtoul(arg, &end, 10), n = 0;
    if (*end == '/')
      n = strtoul(end + 1, &end, 10);
    if (*end || n == 0 || i >= n || n > 1000000)
      return usage_error("batch", "--shard: I/N with 0 <= I < N, not '%s'", arg);
    a->bo.shard_i = (unsigned)i;
    a->bo.shard_n = (unsigned)n;
    return -1;
  }
  case O_MAXDOC:
    if (!parse_bytes(arg, &a->bo.max_doc) || a->bo.max_doc < 1024)
      return usage_error("batch", "--max-doc: bytes (at least 1024), not '%s'", arg);
    return -1;
  default: /* O_PROGRESS: the seconds are optional */
    a->ui.show = true;
    if (arg) {
      a->ui.every = strtod(arg, &end);
      if (end == arg || *end || !(a->ui.every >= 0.05 && a->ui.every <= 86400))
        return usage_error("batch", "--progress=SECONDS: 0.05 to 86400, not '%s'", arg);
    }
    return -1;
  }
}

/* One option c (from getopt_long) into a: -1 to read on, else the exit
 * code to stop with (EX_OK after --help). */
static int batch_opt(int c, char **argv, struct batch_args *a) {
  switch (c) {
  case 'o': a->bo.out = optarg; return -1;
  case O_ERRORS: a->bo.errors = optarg; return -1;
  case O_ATTR: a->bo.attribution = 1; return -1;
  case O_DATE:
    if (strlen(optarg) != 10 || optarg[4] != '-' || optarg[7] != '-')
      return usage_error("batch", "--date: want YYYY-MM-DD, got '%s'", optarg);
    a->bo.date = optarg;
    return -1;
  case O_RESUME: a->bo.resume = 1; return -1;
  case O_ORDERED: a->bo.ordered = 1; return -1;
  case O_FROM: a->from = optarg; return -1;
  case O_QUIET: a->ui.quiet = true; return -1;
  case O_DATA: a->data_dir = optarg; return -1;
  case 'h': usage_batch(stdout); return EX_OK;
  case 'j':
  case O_SHARD:
  case O_MAXDOC:
  case O_PROGRESS: return batch_number_opt(c, optarg, a);
  default: return feed_opt_else("batch", c, &a->fa, batch_short, batch_lo, argv);
  }
}

/* The options into a and checked together: -1 to go on, else the exit
 * code to stop with. */
static int batch_parse(int argc, char **argv, struct batch_args *a) {
  int c, rc;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, batch_short, batch_lo, NULL)) != -1)
    if ((rc = batch_opt(c, argv, a)) >= 0)
      return rc;
  if (!a->bo.out)
    return usage_error("batch", "--out FILE.jsonl is required%s", "");
  if (feed_check("batch", &a->fa, 1) != EX_OK)
    return EX_USAGE;
  return -1;
}

static void free_inputs(char **inputs, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(inputs[i]);
  free(inputs);
}

/* The lines of f (line ends cut, empty lines left out) added to
 * *inputs, which grows by doubling; a failed growth ends the reading. */
static void read_input_lines(FILE *f, char ***inputs, size_t *n, size_t *cap) {
  char *line = NULL;
  size_t lcap = 0;
  ssize_t k;
  while ((k = getline(&line, &lcap, f)) > 0) {
    while (k > 0 && (line[k - 1] == '\n' || line[k - 1] == '\r'))
      line[--k] = '\0';
    if (!k)
      continue;
    if (*n == *cap) {
      char **ni = realloc(*inputs, *cap * 2 * sizeof *ni);
      if (!ni)
        break;
      *inputs = ni, *cap *= 2;
    }
    (*inputs)[(*n)++] = strdup(line);
  }
  free(line);
}

/* The inputs: the arguments, then --inputs-from's lines; EX_OK with
 * *out (the caller frees it with free_inputs) or the error, reported. */
static int batch_inputs(int argc, char **argv, const char *from,
                        char ***out, size_t *nout) {
  size_t n = 0, cap = (size_t)(argc - optind) + 16;
  char **inputs = calloc(cap, sizeof *inputs);
  if (!inputs)
    return fail(EX_INTERNAL, "out of memory%s%s", "", "");
  for (int i = optind; i < argc; i++)
    inputs[n++] = strdup(argv[i]);
  if (from) {
    FILE *f = strcmp(from, "-") == 0 ? stdin : fopen(from, "r");
    if (!f) {
      free_inputs(inputs, n);
      return fail(EX_INPUT, "--inputs-from %s: %s", from, strerror(errno));
    }
    read_input_lines(f, &inputs, &n, &cap);
    if (f != stdin)
      fclose(f);
  }
  *out = inputs;
  *nout = n;
  return EX_OK;
}

/* The run itself (--feed: each feed's pages, as JSON Lines, stand for
 * it) and its exit code. */
static int batch_run(struct batch_args *a, char **inputs, size_t n) {
  pc_batch_opts *bo = &a->bo;
  struct feed_jsonl fj = {0};
  bo->inputs = (const char *const *)inputs;
  bo->ninputs = n;
  bo->progress = batch_progress;
  bo->progress_closure = &a->ui;
  bo->warn = batch_warn;
  pc_error err = {""};
  pc_ctx *ctx = NULL;
  pc_status st = pc_ctx_new(a->data_dir, &ctx, &err);
  pc_batch_stats stats;
  int frc = st == PC_OK && a->fa.on ? feed_jsonl(&a->fa, bo->inputs, n, &fj)
                                    : EX_OK;
  bo->inputs = a->fa.on ? (const char *const *)fj.paths : bo->inputs;
  if (st == PC_OK && frc == EX_OK)
    st = pc_batch_run(ctx, bo, &stats, &err);
  feed_jsonl_done(&fj);
  pc_ctx_free(ctx);
  if (frc != EX_OK)
    return frc;
  if (st != PC_OK)
    return fail(exit_code(st), "batch: %s%s", err.msg, "");
  if (stats.unreadable) { /* each said why as it was met */
    char k[32];
    snprintf(k, sizeof k, "%llu", stats.unreadable);
    return fail(EX_INPUT, "batch: %s input%s could not be read", k,
                stats.unreadable == 1 ? "" : "s");
  }
  return EX_OK;
}

int cmd_batch(int argc, char **argv) {
  bool tty = isatty(STDERR_FILENO) != 0;
  struct batch_args a = {.ui = {tty, tty, false, tty ? 0.5 : 2.0, 0},
                         .fa = FEED_ARGS_INIT};
  pc_batch_opts_init(&a.bo);
  int rc = batch_parse(argc, argv, &a);
  if (rc >= 0)
    return rc;
  char **inputs = NULL;
  size_t n = 0;
  if ((rc = batch_inputs(argc, argv, a.from, &inputs, &n)) != EX_OK)
    return rc;
  if (!n) {
    free(inputs);
    if (a.from) /* an empty partition of a map step: nothing to do */
      return EX_OK;
    return usage_error("batch", "no INPUT given (a file, a directory, a WARC"
                                " or - for stdin)%s", "");
  }
  rc = batch_run(&a, inputs, n);
  free_inputs(inputs, n);
  return rc;
}
