/* batch.c - presscut batch. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage_batch(FILE *f) {
  fprintf(f,
          "Usage: presscut batch INPUT... --out FILE.jsonl [--jobs N] [--attribution]\n"
          "                      [--resume] [--errors FILE.jsonl] [--shard I/N] [--ordered]\n"
          "\n"
          "Extracts every document of the inputs into one JSON Lines file: a\n"
          "line per document with extract's fields, \"source\" (file and\n"
          "record offset) and \"id\" (SHA-256 of URL and payload).  Every\n"
          "record gets its line, the same content twice too (same id).\n"
          "INPUT: a directory (recursive), an HTML or text file, a WARC or\n"
          "gzipped WARC (response records with HTML), JSON Lines of\n"
          "{\"url\",\"html\"}, or - (standard input, any of these).\n"
          "\n"
          "Options:\n"
          "  -o, --out FILE        the JSON Lines output (required)\n"
          "      --errors FILE     a line per failed document (source, error)\n"
          "  -j, --jobs N          worker threads (default: the cores)\n"
          "      --attribution     add quotes, entities and claims\n"
          "      --date YYYY-MM-DD anchors dates without a year (attribution)\n"
          "      --resume          continue an interrupted run: the records\n"
          "                        (source file and offset) that --out (and\n"
          "                        --errors) hold are not done again; give\n"
          "                        the inputs as the first run did\n"
          "      --shard I/N       only documents whose number %% N == I\n"
          "      --ordered         write in input order (default: as ready)\n"
          "      --inputs-from F   read input paths from F, one a line (- for\n"
          "                        standard input), after the INPUTs\n"
          "      --max-doc BYTES   a document's size cap (default 32 MiB)\n"
          "      --progress        the progress line also when not a terminal\n"
          "      --quiet           no progress line and no summary\n"
          "      --data-dir DIR    language data, as for extract\n"
          "  -h, --help            this help\n"
          "\n"
          "A summary goes to standard error at the end: read = written +\n"
          "errors + skipped + not written (a write failed, as on a full\n"
          "disk: the run stops, whole lines only stay, --resume completes\n"
          "it); files reached again through links are not read twice.\n"
          "Exit 0 when the run completed (even with failed documents, which\n"
          "are in --errors), 2 usage, 3 an input or output cannot be opened\n"
          "or written, 5 internal error.\n");
}

struct batch_ui {
  bool tty;
  bool quiet;
  unsigned long long total; /* input bytes when known (no gzip, no stdin) */
};

/* The inputs' size in bytes, or 0 when it cannot be known ahead (standard
 * input, gzipped files: their payload is larger than the file). */
static unsigned long long input_bytes(const char *path, int depth) {
  struct stat sb;
  if (strcmp(path, "-") == 0 || depth > 64 || stat(path, &sb) != 0)
    return 0;
  if (S_ISREG(sb.st_mode)) {
    size_t n = strlen(path);
    if (n > 3 && strcmp(path + n - 3, ".gz") == 0)
      return 0;
    return (unsigned long long)sb.st_size + 1; /* +1: known, even if empty */
  }
  if (!S_ISDIR(sb.st_mode))
    return 0;
  DIR *d = opendir(path);
  if (!d)
    return 0;
  unsigned long long sum = 1;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.')
      continue;
    char full[4096];
    snprintf(full, sizeof full, "%s/%s", path, e->d_name);
    struct stat ls;
    if (lstat(full, &ls) == 0 && S_ISLNK(ls.st_mode))
      continue; /* an estimate: links (maybe a cycle) are not followed */
    unsigned long long k = input_bytes(full, depth + 1);
    struct stat s2;
    if (k == 0 && stat(full, &s2) == 0 && S_ISREG(s2.st_mode) &&
        strstr(e->d_name, ".gz")) {
      sum = 0;
      break;
    }
    sum += k;
  }
  closedir(d);
  return sum;
}

static void batch_progress(void *closure, const pc_batch_stats *st,
                           double seconds, int final) {
  struct batch_ui *ui = closure;
  if (ui->quiet)
    return;
  double rate = seconds > 0 ? (double)st->read / seconds : 0;
  double mbs = seconds > 0 ? (double)st->bytes / seconds / 1048576.0 : 0;
  if (!final) {
    if (!ui->tty)
      return;
    char eta[48] = "";
    if (ui->total > st->bytes && mbs > 0) {
      double left = (double)(ui->total - st->bytes) / 1048576.0 / mbs;
      snprintf(eta, sizeof eta, ", ETA %.0f:%02.0f", left / 60 > 1 ? left / 60 - 0.5 : 0,
               left - 60.0 * (long)(left / 60));
    }
    fprintf(stderr, "\r%s: %llu docs, %.0f docs/s, %.1f MB/s, %llu errors%s   ",
            PROG, st->read, rate, mbs, st->errors, eta);
    return;
  }
  if (ui->tty)
    fputc('\n', stderr);
  fprintf(stderr,
          "%s: %llu read = %llu written + %llu errors + %llu skipped + "
          "%llu not written; %llu files (%llu reached again, not read), "
          "%.1f MB in %.1f s (%.0f docs/s)\n",
          PROG, st->read, st->written, st->errors, st->skipped, st->unwritten,
          st->files, st->repeats, (double)st->bytes / 1048576.0, seconds,
          rate);
}

int cmd_batch(int argc, char **argv) {
  enum { O_ERRORS = 256, O_ATTR, O_DATE, O_RESUME, O_SHARD, O_ORDERED,
         O_FROM, O_MAXDOC, O_PROGRESS, O_QUIET, O_DATA };
  static const struct option lo[] = {
      {"out", required_argument, NULL, 'o'},
      {"errors", required_argument, NULL, O_ERRORS},
      {"jobs", required_argument, NULL, 'j'},
      {"attribution", no_argument, NULL, O_ATTR},
      {"date", required_argument, NULL, O_DATE},
      {"resume", no_argument, NULL, O_RESUME},
      {"shard", required_argument, NULL, O_SHARD},
      {"ordered", no_argument, NULL, O_ORDERED},
      {"inputs-from", required_argument, NULL, O_FROM},
      {"max-doc", required_argument, NULL, O_MAXDOC},
      {"progress", no_argument, NULL, O_PROGRESS},
      {"quiet", no_argument, NULL, O_QUIET},
      {"data-dir", required_argument, NULL, O_DATA},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  pc_batch_opts bo;
  pc_batch_opts_init(&bo);
  const char *from = NULL, *data_dir = NULL;
  struct batch_ui ui = {isatty(STDERR_FILENO) != 0, false, 0};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:j:h", lo, NULL)) != -1) {
    char *end;
    switch (c) {
    case 'o': bo.out = optarg; break;
    case O_ERRORS: bo.errors = optarg; break;
    case 'j':
      bo.jobs = (int)strtol(optarg, &end, 10);
      if (*end || bo.jobs < 1 || bo.jobs > 256)
        return fail(EX_USAGE, "--jobs: 1 to 256, not '%s'%s", optarg, "");
      break;
    case O_ATTR: bo.attribution = 1; break;
    case O_DATE:
      if (strlen(optarg) != 10 || optarg[4] != '-' || optarg[7] != '-')
        return fail(EX_USAGE, "--date: want YYYY-MM-DD, got '%s'%s", optarg, "");
      bo.date = optarg;
      break;
    case O_RESUME: bo.resume = 1; break;
    case O_SHARD: {
      unsigned long i = strtoul(optarg, &end, 10), n = 0;
      if (*end == '/')
        n = strtoul(end + 1, &end, 10);
      if (*end || n == 0 || i >= n || n > 1000000)
        return fail(EX_USAGE, "--shard: I/N with 0 <= I < N, not '%s'%s",
                    optarg, "");
      bo.shard_i = (unsigned)i;
      bo.shard_n = (unsigned)n;
      break;
    }
    case O_ORDERED: bo.ordered = 1; break;
    case O_FROM: from = optarg; break;
    case O_MAXDOC:
      if (!parse_bytes(optarg, &bo.max_doc) || bo.max_doc < 1024)
        return fail(EX_USAGE, "--max-doc: bytes (at least 1024), not '%s'%s",
                    optarg, "");
      break;
    case O_PROGRESS: ui.tty = true; break;
    case O_QUIET: ui.quiet = true; break;
    case O_DATA: data_dir = optarg; break;
    case 'h': usage_batch(stdout); return EX_OK;
    default: usage_batch(stderr); return EX_USAGE;
    }
  }
  if (!bo.out)
    return fail(EX_USAGE, "batch: --out FILE.jsonl is required%s%s", "", "");
  /* inputs: the arguments, then --inputs-from */
  size_t n = 0, cap = (size_t)(argc - optind) + 16;
  char **inputs = calloc(cap, sizeof *inputs);
  if (!inputs)
    return fail(EX_INTERNAL, "out of memory%s%s", "", "");
  for (int i = optind; i < argc; i++)
    inputs[n++] = strdup(argv[i]);
  if (from) {
    FILE *f = strcmp(from, "-") == 0 ? stdin : fopen(from, "r");
    if (!f) {
      for (size_t i = 0; i < n; i++)
        free(inputs[i]);
      free(inputs);
      return fail(EX_INPUT, "--inputs-from %s: %s", from, strerror(errno));
    }
    char *line = NULL;
    size_t lcap = 0;
    ssize_t k;
    while ((k = getline(&line, &lcap, f)) > 0) {
      while (k > 0 && (line[k - 1] == '\n' || line[k - 1] == '\r'))
        line[--k] = '\0';
      if (!k)
        continue;
      if (n == cap) {
        char **ni = realloc(inputs, cap * 2 * sizeof *ni);
        if (!ni)
          break;
        inputs = ni, cap *= 2;
      }
      inputs[n++] = strdup(line);
    }
    free(line);
    if (f != stdin)
      fclose(f);
  }
  if (!n) {
    free(inputs);
    if (from) /* an empty partition of a map step: nothing to do */
      return EX_OK;
    usage_batch(stderr);
    return EX_USAGE;
  }
  bo.inputs = (const char *const *)inputs;
  bo.ninputs = n;
  for (size_t i = 0; i < n && ui.tty && !ui.quiet; i++) {
    unsigned long long k = input_bytes(inputs[i], 0);
    if (!k) {
      ui.total = 0;
      break;
    }
    ui.total += k;
  }
  bo.progress = batch_progress;
  bo.progress_closure = &ui;
  pc_error err = {""};
  pc_ctx *ctx = NULL;
  pc_status st = pc_ctx_new(data_dir, &ctx, &err);
  pc_batch_stats stats;
  if (st == PC_OK)
    st = pc_batch_run(ctx, &bo, &stats, &err);
  pc_ctx_free(ctx);
  for (size_t i = 0; i < n; i++)
    free(inputs[i]);
  free(inputs);
  if (st != PC_OK)
    return fail(exit_code(st), "batch: %s%s", err.msg, "");
  return EX_OK;
}
