/* archive.c - presscut index, search, claims and speakers: the archive of
 * quotes and claims (pc_archive_*, pc_index). */
#include "cli.h"

#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

static void usage_index(FILE *f) {
  fprintf(f,
          "Usage: presscut index --db DB INPUT... [--jobs N] [--date YYYY-MM-DD]\n"
          "                      [--aliases FILE] [--allow-private-fetch]\n"
          "       presscut index --db DB --from-jsonl FILE [--aliases FILE]\n"
          "\n"
          "Extracts and attributes every document of the inputs (as batch\n"
          "does: directories, HTML and text files, WARC, JSON Lines of\n"
          "{\"url\",\"html\"}, -, and http(s) URLs, fetched first) on every\n"
          "core and stores its quotes, speakers, entities and claims in the\n"
          "archive DB (an SQLite file, made when missing).  Indexing the same input again adds nothing;\n"
          "a run cut short is completed by running it again.\n"
          "\n"
          "Options:\n"
          "      --db DB            the archive (required): an SQLite file,\n"
          "                         or postgresql://... (a PostgreSQL database)\n"
          "      --from-jsonl FILE  load 'presscut batch --attribution' output\n"
          "                         (- for standard input) instead of INPUTs\n"
          "      --aliases FILE     lines NAME<TAB>IDENTIFIER (a Wikidata QID):\n"
          "                         the names given one identifier are one\n"
          "                         speaker, and the identifier is kept\n"
          "  -j, --jobs N           worker threads (default: the cores)\n"
          "      --date YYYY-MM-DD  anchors dates without a year\n"
          "      --per-transaction N  articles a transaction (default 200)\n"
          "      --max-doc BYTES    a document's size cap (default 32 MiB)\n"
          "      --progress         the progress line also when not a terminal\n"
          "      --quiet            no progress line and no summary\n"
          "      --data-dir DIR     language data, as for extract\n"
          "      --timeout S        a URL's fetch timeout in seconds (default 15)\n"
          "      --allow-private-fetch  let URL fetches reach loopback and\n"
          "                         private addresses (refused by default)\n"
          "      --feed             each INPUT is an RSS or Atom feed: its\n"
          "                         entries' pages are indexed (fetched first)\n"
          "      --since DATE, --max N  with --feed, as for pdf --feed\n"
          "  -h, --help             this help\n"
          "\n"
          "Exit 0 when the run completed (documents that failed are counted\n"
          "as errors), 2 usage, 3 an input or the archive cannot be read (a\n"
          "file that is not an archive is left as it is), 5 internal error.\n");
}

struct index_ui {
  bool tty, quiet;
};

static void index_progress(void *closure, const pc_index_stats *st,
                           double seconds, int final) {
  struct index_ui *ui = closure;
  if (ui->quiet || (!final && !ui->tty))
    return;
  double rate = seconds > 0 ? (double)st->read / seconds : 0;
  if (!final) {
    fprintf(stderr, "\r%s: %llu docs, %.0f docs/s, %llu articles added, "
                    "%llu quotes, %llu errors   ",
            PROG, st->read, rate, st->articles, st->quotes, st->errors);
    return;
  }
  if (ui->tty)
    fputc('\n', stderr);
  fprintf(stderr,
          "%s: %llu read: %llu articles added (%llu quotes, %llu claims), "
          "%llu already in the archive, %llu errors; %.1f s (%.0f docs/s)\n",
          PROG, st->read, st->articles, st->quotes, st->claims, st->known,
          st->errors, seconds, rate);
}

static void index_warn(void *closure, const char *msg) {
  (void)closure;
  fprintf(stderr, "%s: index: %s\n", PROG, msg);
}

static int open_archive(const char *db, int create, pc_archive **a) {
  if (!db)
    return fail(EX_USAGE, "--db DB is required (see --help)%s%s", "", "");
  pc_error err = {""};
  pc_status st = pc_archive_open(db, create, a, &err);
  if (st != PC_OK)
    return fail(exit_code(st), "%s%s", err.msg, "");
  return EX_OK;
}

int cmd_index(int argc, char **argv) {
  enum { O_DB = 256, O_FROM, O_ALIASES, O_DATE, O_PERTX, O_MAXDOC,
         O_PROGRESS, O_DATA, O_TIMEOUT, O_PRIVATE };
  static const struct option lo[] = {
      {"db", required_argument, NULL, O_DB},
      {"from-jsonl", required_argument, NULL, O_FROM},
      {"aliases", required_argument, NULL, O_ALIASES},
      {"jobs", required_argument, NULL, 'j'},
      {"date", required_argument, NULL, O_DATE},
      {"per-transaction", required_argument, NULL, O_PERTX},
      {"max-doc", required_argument, NULL, O_MAXDOC},
      {"progress", no_argument, NULL, O_PROGRESS},
      {"data-dir", required_argument, NULL, O_DATA},
      {"timeout", required_argument, NULL, O_TIMEOUT},
      {"allow-private-fetch", no_argument, NULL, O_PRIVATE},
      {"help", no_argument, NULL, 'h'},
      FEED_OPTIONS,
      {NULL, 0, NULL, 0}};
  static const char shortopts[] = "j:h";
  struct feed_args fa = FEED_ARGS_INIT;
  struct feed_jsonl fj = {0};
  pc_index_opts io;
  pc_index_opts_init(&io);
  const char *db = NULL, *data_dir = NULL;
  /* --quiet (main.c): no progress line and no summary */
  struct index_ui ui = {isatty(STDERR_FILENO) != 0, cli_verbosity() < 0};
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, shortopts, lo, NULL)) != -1) {
    char *end;
    size_t v;
    switch (c) {
    case O_DB: db = optarg; break;
    case O_FROM: io.from_jsonl = optarg; break;
    case O_ALIASES: io.aliases = optarg; break;
    case 'j':
      io.jobs = (int)strtol(optarg, &end, 10);
      if (*end || io.jobs < 1 || io.jobs > 256)
        return usage_error("index", "--jobs: 1 to 256, not '%s'", optarg);
      break;
    case O_DATE:
      if (!valid_date(optarg))
        return usage_error("index", "--date: not a date YYYY-MM-DD: '%s'",
                           optarg);
      io.date = optarg;
      break;
    case O_PERTX:
      if (!parse_bytes(optarg, &v) || v < 1 || v > 100000)
        return usage_error("index", "--per-transaction: 1 to 100000, not '%s'",
                           optarg);
      io.per_transaction = (unsigned)v;
      break;
    case O_MAXDOC:
      if (!parse_bytes(optarg, &io.max_doc) || io.max_doc < 1024)
        return usage_error("index", "--max-doc: bytes (at least 1024), not "
                                    "'%s'", optarg);
      break;
    case O_PROGRESS: ui.tty = true; break;
    case O_DATA:
      if (!is_dir(optarg))
        return usage_error("index", "--data-dir: no such directory: '%s'",
                           optarg);
      data_dir = optarg;
      break;
    case O_TIMEOUT:
      io.fetch_timeout_s = strtol(optarg, &end, 10);
      if (*end || io.fetch_timeout_s < 1 || io.fetch_timeout_s > 3600)
        return usage_error("index", "--timeout: 1 to 3600 seconds, not '%s'",
                           optarg);
      break;
    case O_PRIVATE: io.allow_private_fetch = 1; break;
    case 'h': usage_index(stdout); return EX_OK;
    default:
      if ((c = feed_opt_else("index", c, &fa, shortopts, lo, argv)) >= 0)
        return c;
    }
  }
  if (io.from_jsonl && optind < argc)
    return usage_error("index", "INPUTs or --from-jsonl, not both%s", "");
  if (!io.from_jsonl && optind >= argc)
    return usage_error("index", "no INPUT given (files, directories, WARC, "
                                "JSON Lines or -)%s", "");
  fa.allow_private = fa.on && io.allow_private_fetch; /* a feed's pages */
  if (feed_check("index", &fa, 1) != EX_OK || (fa.on && io.from_jsonl))
    return fa.on ? usage_error("index", "--feed or --from-jsonl%s", "")
                 : EX_USAGE;
  if (io.from_jsonl && io.date)
    return usage_error("index", "--date has no effect with --from-jsonl (the "
                                "quotes are already dated)%s", "");
  io.inputs = (const char *const *)argv + optind;
  io.ninputs = (size_t)(argc - optind);
  io.progress = index_progress;
  io.progress_closure = &ui;
  io.warn = index_warn;
  pc_archive *a = NULL;
  int rc = open_archive(db, 1, &a);
  if (rc != EX_OK)
    return rc;
  pc_error err = {""};
  pc_ctx *ctx = NULL;
  pc_status st = io.from_jsonl ? PC_OK : pc_ctx_new(data_dir, &ctx, &err);
  /* --feed: each feed's pages, as JSON Lines, stand for it */
  rc = st == PC_OK && fa.on ? feed_jsonl(&fa, io.inputs, io.ninputs, &fj)
                            : EX_OK;
  io.inputs = fa.on ? (const char *const *)fj.paths : io.inputs;
  if (st == PC_OK && rc == EX_OK)
    st = pc_index(a, ctx, &io, NULL, &err);
  feed_jsonl_done(&fj);
  pc_ctx_free(ctx);
  pc_archive_close(a);
  if (rc != EX_OK)
    return rc;
  if (st != PC_OK)
    return fail(exit_code(st), "index: %s%s", err.msg, "");
  return EX_OK;
}

/*** the queries *********************************************************/

static void usage_search(FILE *f) {
  fprintf(f,
          "Usage: presscut search --db DB [QUERY] [--speaker NAME] [--about TEXT]\n"
          "         [--kind direct|mixed|indirect] [--since DATE] [--until DATE]\n"
          "         [--site HOST] [--near TEXT [--similarity X]]\n"
          "         [--format text|json|csv] [--limit N]\n"
          "\n"
          "The quotes of the archive that match, newest first, each with its\n"
          "speaker, role, date, article title and URL.  QUERY: words (all\n"
          "must be there; 'accused' finds 'accuse'), \"a phrase\", OR\n"
          "between two items, -word or -\"phrase\" to exclude.  A --speaker\n"
          "the archive does not have is looked for spelt a little\n"
          "differently (trigram similarity), and the name found is said.\n"
          "\n"
          "Options:\n"
          "      --db DB          the archive (required): an SQLite file,\n"
          "                       or postgresql://... (a PostgreSQL database)\n"
          "      --speaker NAME   quotes of this speaker (a name, a surname,\n"
          "                       an alias or an identifier of --aliases)\n"
          "      --about TEXT     quotes from articles holding TEXT (QUERY syntax)\n"
          "      --kind KIND      direct, mixed or indirect\n"
          "      --since DATE     on or after YYYY-MM-DD\n"
          "      --until DATE     on or before YYYY-MM-DD\n"
          "      --site HOST      articles of this site (host or its name)\n"
          "      --near TEXT      quotes whose text is like TEXT (near\n"
          "                       duplicates), each with its similarity\n"
          "      --similarity X   --near: the least similarity, 0 to 1\n"
          "                       (default 0.5)\n"
          "      --format F       text (default), json (a line per quote), csv\n"
          "      --limit N        at most N quotes (default 100)\n"
          "  -o, --output FILE    write to FILE instead of standard output\n"
          "  -h, --help           this help\n"
          "\n"
          "Exit 0 (also when nothing matches), 2 usage or a malformed query,\n"
          "3 the archive cannot be read, 5 internal error.\n");
}

static void usage_claims(FILE *f) {
  fprintf(f,
          "Usage: presscut claims --db DB [--claimant NAME] [--accused NAME]\n"
          "         [--event TEXT] [--since DATE] [--until DATE]\n"
          "         [--format text|json|csv|graphml] [--limit N]\n"
          "\n"
          "The responsibility claims of the archive, newest first: who holds\n"
          "whom responsible for what (polarity accuse, deny, or\n"
          "responsibility: a group saying it did it), the evidence sentence,\n"
          "the article, and event codes (CAMEO 112 and its sub-code, PLOVER\n"
          "ACCUSE with mode allege, for accusations).  With --format graphml,\n"
          "the accusation network: nodes are entities, edges claimant ->\n"
          "accused with count, polarity, first and last date.\n"
          "\n"
          "Options:\n"
          "      --db DB          the archive (required): an SQLite file,\n"
          "                       or postgresql://... (a PostgreSQL database)\n"
          "      --claimant NAME  claims made by a name holding NAME\n"
          "      --accused NAME   claims against a name holding NAME\n"
          "      --event TEXT     events holding TEXT\n"
          "      --since DATE, --until DATE   YYYY-MM-DD, inclusive\n"
          "      --format F       text (default), json, csv or graphml\n"
          "      --limit N        at most N claims (default 100; graphml: all)\n"
          "  -o, --output FILE    write to FILE instead of standard output\n"
          "  -h, --help           this help\n"
          "\n"
          "Exit 0, 2 usage, 3 the archive cannot be read, 5 internal error.\n");
}

static void usage_speakers(FILE *f) {
  fprintf(f,
          "Usage: presscut speakers --db DB [NAME] [--format text|json|csv]\n"
          "         [--limit N]\n"
          "\n"
          "The speakers of the archive, most quoted first, each with the\n"
          "number of quotes and articles, first and last date, the other\n"
          "names it was given (\"Putin\", \"President Putin\") and its\n"
          "roles.  NAME keeps the speakers one of whose names holds it, or\n"
          "whose identifier (--aliases of index) it is.\n"
          "\n"
          "Options:\n"
          "      --db DB          the archive (required): an SQLite file,\n"
          "                       or postgresql://... (a PostgreSQL database)\n"
          "      --format F       text (default), json or csv\n"
          "      --limit N        at most N speakers (default 100)\n"
          "  -o, --output FILE    write to FILE instead of standard output\n"
          "  -h, --help           this help\n"
          "\n"
          "Exit 0, 2 usage, 3 the archive cannot be read, 5 internal error.\n");
}

static int parse_format(const char *cmd, const char *s, bool graph,
                        pc_archive_format *f) {
  if (strcasecmp(s, "text") == 0)
    *f = PC_ARCHIVE_TEXT;
  else if (strcasecmp(s, "json") == 0)
    *f = PC_ARCHIVE_JSON;
  else if (strcasecmp(s, "csv") == 0)
    *f = PC_ARCHIVE_CSV;
  else if (graph && strcasecmp(s, "graphml") == 0)
    *f = PC_ARCHIVE_GRAPHML;
  else
    return usage_error(cmd, graph ? "--format: text, json, csv or graphml, "
                                    "not '%s'"
                                  : "--format: text, json or csv, not '%s'",
                       s);
  return EX_OK;
}

static const char *const query_names[] = {"search", "claims", "speakers"};

/* --similarity: 0 < x <= 1, digits and one point ("0.4"). */
static bool parse_similarity(const char *s, double *x) {
  char *end = NULL;
  errno = 0;
  double v = strtod(s, &end);
  if (errno || end == s || *end || !(v > 0 && v <= 1))
    return false;
  *x = v;
  return true;
}

enum query_cmd { Q_SEARCH, Q_CLAIMS, Q_SPEAKERS };

/* The options of search, claims and speakers; EX_OK, or the exit code
 * (help printed: -1). */
static int query_opts(enum query_cmd w, int argc, char **argv,
                      pc_archive_query *q, const char **db,
                      const char **output) {
  enum { O_DB = 256, O_SPEAKER, O_ABOUT, O_KIND, O_SINCE, O_UNTIL, O_SITE,
         O_FORMAT, O_LIMIT, O_CLAIMANT, O_ACCUSED, O_EVENT, O_NEAR,
         O_SIMILARITY };
  static const struct option lo[] = {
      {"db", required_argument, NULL, O_DB},
      {"speaker", required_argument, NULL, O_SPEAKER},
      {"about", required_argument, NULL, O_ABOUT},
      {"kind", required_argument, NULL, O_KIND},
      {"since", required_argument, NULL, O_SINCE},
      {"until", required_argument, NULL, O_UNTIL},
      {"site", required_argument, NULL, O_SITE},
      {"format", required_argument, NULL, O_FORMAT},
      {"limit", required_argument, NULL, O_LIMIT},
      {"claimant", required_argument, NULL, O_CLAIMANT},
      {"accused", required_argument, NULL, O_ACCUSED},
      {"event", required_argument, NULL, O_EVENT},
      {"near", required_argument, NULL, O_NEAR},
      {"similarity", required_argument, NULL, O_SIMILARITY},
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  static const char shortopts[] = "o:h";
  const char *cmd = query_names[w];
  void (*usage)(FILE *) = w == Q_SEARCH   ? usage_search
                          : w == Q_CLAIMS ? usage_claims
                                          : usage_speakers;
  int c, li = 0;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, shortopts, lo, &li)) != -1) {
    int rc = EX_OK;
    bool mine = true;
    switch (c) {
    case O_DB: *db = optarg; break;
    case O_SPEAKER: mine = w == Q_SEARCH, q->speaker = optarg; break;
    case O_ABOUT: mine = w == Q_SEARCH, q->about = optarg; break;
    case O_KIND: mine = w == Q_SEARCH, q->kind = optarg; break;
    case O_SITE: mine = w == Q_SEARCH, q->site = optarg; break;
    case O_SINCE: mine = w != Q_SPEAKERS, q->since = optarg; break;
    case O_UNTIL: mine = w != Q_SPEAKERS, q->until = optarg; break;
    case O_CLAIMANT: mine = w == Q_CLAIMS, q->claimant = optarg; break;
    case O_ACCUSED: mine = w == Q_CLAIMS, q->accused = optarg; break;
    case O_EVENT: mine = w == Q_CLAIMS, q->event = optarg; break;
    case O_NEAR: mine = w == Q_SEARCH, q->near = optarg; break;
    case O_SIMILARITY:
      mine = w == Q_SEARCH;
      if (mine && !parse_similarity(optarg, &q->similarity))
        return usage_error(cmd, "--similarity: a number above 0, at most "
                                "1, not '%s'", optarg);
      break;
    case O_FORMAT:
      rc = parse_format(cmd, optarg, w == Q_CLAIMS, &q->format);
      break;
    case 'o': *output = optarg; break;
    case O_LIMIT:
      if (!parse_bytes(optarg, &q->limit) || q->limit < 1 ||
          q->limit > 1000000)
        return usage_error(cmd, "--limit: 1 to 1000000, not '%s'", optarg);
      break;
    case 'h': usage(stdout); return -1;
    default: return bad_option(cmd, shortopts, lo, argv);
    }
    if (!mine)
      return usage_error(cmd, "--%s is not an option of this command",
                         lo[li].name);
    if (rc != EX_OK)
      return rc;
  }
  if (q->similarity > 0 && !q->near)
    return usage_error(cmd, "--similarity goes with %s", "--near");
  if ((q->since && !valid_date(q->since)) || (q->until && !valid_date(q->until)))
    return usage_error(cmd, "--since and --until: a date YYYY-MM-DD, not "
                            "'%s'", q->since && !valid_date(q->since)
                                        ? q->since : q->until);
  if (optind + (w == Q_CLAIMS ? 0 : 1) < argc)
    return usage_error(cmd, w == Q_CLAIMS ? "takes no QUERY ('%s'); see "
                                            "--claimant, --accused, --event"
                                          : "one %s only (quote the words)",
                       w == Q_CLAIMS ? argv[optind]
                       : w == Q_SEARCH ? "QUERY" : "NAME");
  if (optind < argc) {
    if (w == Q_SEARCH)
      q->text = argv[optind];
    else
      q->name = argv[optind];
  }
  return EX_OK;
}

static int run_query(enum query_cmd w, int argc, char **argv) {
  pc_archive_query q;
  pc_archive_query_init(&q);
  const char *db = NULL, *output = NULL;
  int rc = query_opts(w, argc, argv, &q, &db, &output);
  if (rc != EX_OK)
    return rc < 0 ? EX_OK : rc;
  pc_archive *a = NULL;
  rc = open_archive(db, 0, &a);
  if (rc != EX_OK)
    return rc;
  FILE *out = stdout;
  if (output && strcmp(output, "-") != 0 && !(out = fopen(output, "wb"))) {
    pc_archive_close(a);
    return fail(EX_INPUT, "%s: %s", output, strerror(errno));
  }
  pc_error err = {""};
  struct timespec t0, t1, c0, c1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
  pc_status st = w == Q_SEARCH   ? pc_archive_search(a, &q, write_file,
                                                     out, &err)
                 : w == Q_CLAIMS ? pc_archive_claims(a, &q, write_file,
                                                     out, &err)
                                 : pc_archive_speakers(a, &q, write_file,
                                                       out, &err);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
  char ms[64]; /* --verbose: how long the query took (bench/archive) */
  snprintf(ms, sizeof ms, "%.2f ms (%.2f ms CPU)",
           (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
               (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
           (double)(c1.tv_sec - c0.tv_sec) * 1e3 +
               (double)(c1.tv_nsec - c0.tv_nsec) / 1e6);
  cli_note(query_names[w], "answered in %s", ms);
  pc_archive_close(a);
  bool bad = fflush(out) != 0 || ferror(out);
  if (out != stdout && fclose(out) != 0)
    bad = true;
  if (st == PC_OK && bad)
    return fail(EX_INPUT, "cannot write the output%s%s", "", "");
  if (st != PC_OK)
    return fail(exit_code(st), "%s%s", err.msg, "");
  if (output)
    cli_note(output, "written%s", "");
  return EX_OK;
}

int cmd_search(int argc, char **argv) { return run_query(Q_SEARCH, argc, argv); }
int cmd_claims(int argc, char **argv) { return run_query(Q_CLAIMS, argc, argv); }
int cmd_speakers(int argc, char **argv) {
  return run_query(Q_SPEAKERS, argc, argv);
}
