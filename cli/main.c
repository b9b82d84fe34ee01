/*
 * main.c - the presscut command line.
 *
 * Uses only include/presscut.h, which keeps the public API honest.
 * Exit status: 0 ok, 2 usage, 3 bad input, 4 network, 5 internal.
 */
#include "presscut.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

enum { EX_OK = 0, EX_USAGE = 2, EX_INPUT = 3, EX_NET = 4, EX_INTERNAL = 5 };

/* The one table from library status to exit code. */
static int exit_code(pc_status st) {
  switch (st) {
  case PC_OK: return EX_OK;
  case PC_ERR_USAGE: return EX_USAGE;
  case PC_ERR_INPUT:
  case PC_ERR_TOO_LARGE:
  case PC_ERR_IO:
  case PC_ERR_NOT_FOUND: return EX_INPUT;
  case PC_ERR_NETWORK: return EX_NET;
  case PC_ERR_NOMEM:
  case PC_ERR_INTERNAL: return EX_INTERNAL;
  }
  return EX_INTERNAL;
}

/* A file presscut writes (an output, the outbox) that cannot be written,
 * a full disk say, is an I/O error, 5 (3 is for an input that cannot be
 * read). */
static int write_exit_code(pc_status st) {
  return st == PC_ERR_IO ? EX_INTERNAL : exit_code(st);
}

static const char *prog = "presscut";

static void usage_main(FILE *f) {
  fprintf(f,
          "Usage: presscut COMMAND [OPTIONS] INPUT...\n"
          "\n"
          "Turns news pages into clean, attributable, printable documents.\n"
          "\n"
          "Commands:\n"
          "  extract   the article: title, byline, date, body blocks\n"
          "  quotes    who said what: quotations, speakers, entities, claims\n"
          "  html      one print-ready, self-contained HTML file\n"
          "  pdf       a typeset PDF of one or more articles\n"
          "  mail      send the article by email (SMTP), never losing it\n"
          "  serve     the web page: clean up, trim, who said what, print,\n"
          "            PDF and email, safe to expose\n"
          "  batch     many documents (directories, WARC, JSON Lines) into\n"
          "            JSON Lines, in parallel, resumable, shardable\n"
          "\n"
          "INPUT is a file path, an http(s) URL, or - for standard input;\n"
          "HTML and plain text are told apart by their content.\n"
          "\n"
          "Options:\n"
          "  -h, --help     this help; 'presscut COMMAND --help' for a command\n"
          "  -V, --version  print the version\n"
          "\n"
          "Exit status: 0 ok, 2 usage error, 3 input error, 4 network error,\n"
          "5 internal error.  See docs/presscut.1.md.\n");
}

static void usage_extract(FILE *f) {
  fprintf(f,
          "Usage: presscut extract [OPTIONS] INPUT...\n"
          "\n"
          "Extracts the article from each INPUT (path, http(s) URL, or -).\n"
          "\n"
          "Options:\n"
          "  -f, --format FMT      text (default), markdown, html or json;\n"
          "                        json prints one object per line per input\n"
          "      --cut             drop the editor's optional passages\n"
          "      --delete IDS      drop blocks by id, e.g. b3,b7\n"
          "      --url URL         the page's address (base for relative links)\n"
          "      --content-type T  the HTTP Content-Type of a file input\n"
          "      --max-input N     refuse inputs over N bytes (default 32 MiB)\n"
          "      --timeout S       fetch timeout in seconds (default 15); a\n"
          "                        FIFO, pipe or device is read within it too\n"
          "      --data-dir DIR    language data to use instead of the built-in\n"
          "      --attribution     add quotes, entities and claims (json)\n"
          "      --date YYYY-MM-DD anchors dates without a year (attribution)\n"
          "  -o, --output FILE     write to FILE instead of standard output\n"
          "  -h, --help            this help\n");
}

static void usage_quotes(FILE *f) {
  fprintf(f,
          "Usage: presscut quotes [OPTIONS] INPUT...\n"
          "\n"
          "Who said what in each INPUT (path, http(s) URL, or -): every\n"
          "direct, mixed and reported quotation with its speaker, role, cue\n"
          "and date, the entities, and the responsibility claims.\n"
          "\n"
          "Options:\n"
          "  -f, --format FMT      json (default; one object per line), text\n"
          "                        (grouped by speaker) or html (highlighted)\n"
          "      --date YYYY-MM-DD the article's date, for dates without a year\n"
          "      --cut             drop the editor's optional passages first\n"
          "      --delete IDS      drop blocks by id first\n"
          "      --url URL, --content-type T, --max-input N, --timeout S,\n"
          "      --data-dir DIR    as for extract\n"
          "  -o, --output FILE     write to FILE instead of standard output\n"
          "  -h, --help            this help\n");
}

static void usage_print(FILE *f, bool pdf) {
  fprintf(f,
          "Usage: presscut %s [OPTIONS] INPUT%s -o OUT.%s\n"
          "\n"
          "%s\n"
          "\n"
          "Layout options:\n"
          "      --page-size SIZE  a4 (default), letter or a5\n"
          "      --margins MM      page margins in millimetres (default 18)\n"
          "      --text-size N     1..5, PrintFriendly's steps (default 3)\n"
          "      --font FONT       serif (default), sans or a font family\n"
          "      --images SIZE     full (default), large, medium, small, none\n"
          "      --ragged          ragged right instead of justified text\n"
          "      --no-header       no running title at the top of pages\n"
          "      --no-footer       no source line and page numbers\n"
          "      --who-said-what   an appendix: speakers, quotes and claims\n"
          "%s"
          "      --fetch-images    fetch http(s) images (on for URL inputs; each\n"
          "                        once, at most 50, 32 MiB and 30 s in all)\n"
          "      --no-fetch-images never fetch images\n"
          "Local images are read only from the input file's folder (symlinks\n"
          "resolved); the rest are left out with one warning.\n"
          "\n"
          "Input options:\n"
          "      --cut             drop the editor's optional passages\n"
          "      --delete IDS      drop blocks by id (from extract --format json)\n"
          "      --url URL, --content-type T, --max-input N, --timeout S,\n"
          "      --data-dir DIR, --date YYYY-MM-DD   as for extract and quotes\n"
          "  -o, --output FILE     %s\n"
          "  -h, --help            this help\n",
          pdf ? "pdf" : "html", pdf ? "..." : "", pdf ? "pdf" : "html",
          pdf ? "Typesets the articles as one PDF with cairo and pango: with\n"
                "several INPUTs, a cover and a table of contents come first."
              : "Writes the article as one print-ready HTML file: inline CSS\n"
                "with @page rules, links kept, a source line; no script.",
          pdf ? "" : "      --embed-images    images as data: URIs (self-contained)\n",
          pdf ? "the PDF (required unless stdout is not a terminal)"
              : "write to FILE instead of standard output");
}

static void usage_mail(FILE *f) {
  fprintf(f,
          "Usage: presscut mail INPUT --to ADDR[,ADDR...] --from ADDR\n"
          "                     --smtp smtp://HOST:PORT|smtps://HOST:PORT [OPTIONS]\n"
          "       presscut mail --flush-outbox --smtp URL [OPTIONS]\n"
          "       presscut mail INPUT --to ADDR --from ADDR --dry-run -o MESSAGE.eml\n"
          "\n"
          "Sends the article: the sender's message and the article as plain\n"
          "text and HTML, with the PDF (or HTML) attached.  The message is\n"
          "stored in the outbox before it is sent and removed once the server\n"
          "accepted it; --flush-outbox sends what is waiting.  Delivery is at\n"
          "least once: after a timeout or a kill while the server had it, it is\n"
          "sent again, with the same Message-ID.\n"
          "\n"
          "Mail options:\n"
          "      --to ADDRS          recipients, comma-separated (RFC 5322)\n"
          "      --from ADDR         the sender\n"
          "      --smtp URL          smtp://HOST:PORT or smtps://HOST:PORT\n"
          "      --user NAME         log in (AUTH) as NAME; the password comes\n"
          "                          from --password-file or $PRESSCUT_SMTP_PASSWORD\n"
          "      --password-file F   the password, first line of F\n"
          "      --subject TEXT      default: the article's title\n"
          "      --message TEXT      the sender's words above the article\n"
          "      --attach KIND       pdf (default), html or none\n"
          "      --tls MODE          auto (STARTTLS when offered, default),\n"
          "                          required (never in clear) or off\n"
          "      --cacert FILE       CA certificates to verify the server with\n"
          "      --smtp-timeout S    seconds per attempt, every phase (30)\n"
          "      --retries N         attempts after a transient failure (default 3)\n"
          "      --retry-wait MS     first wait between attempts, doubled (1000)\n"
          "      --outbox DIR        default $XDG_DATA_HOME/presscut/outbox\n"
          "      --flush-outbox      send every message waiting in the outbox\n"
          "      --dry-run           compose only: write it with -o, send nothing\n"
          "  -o, --output FILE       with --dry-run: the message (.eml)\n"
          "\n"
          "The layout options of pdf (--page-size, --margins, --text-size,\n"
          "--font, --images, --ragged, --no-header, --no-footer,\n"
          "--who-said-what, --fetch-images) shape the attachment; the input\n"
          "options (--cut, --delete, --url, --content-type, --max-input,\n"
          "--timeout, --data-dir, --date) are as for extract.\n"
          "  -h, --help              this help\n"
          "\n"
          "Exit status: 0 sent (or composed), 2 usage error (an invalid\n"
          "address: nothing is sent), 3 input error, 4 delivery failed (the\n"
          "message stays in the outbox), 5 the message or the outbox cannot\n"
          "be written (a full disk) or internal error.\n");
}

static void usage_serve(FILE *f) {
  fprintf(f,
          "Usage: presscut serve [--listen 127.0.0.1:8080] [--smtp URL --from ADDR]\n"
          "                      [--allow-private-fetch] [--max-body BYTES] [--threads N]\n"
          "                      [--public-url URL] [--allowed-host NAME]... [--proxy URL]\n"
          "                      [--fetch-threads N] [--fetches-per-client N]\n"
          "\n"
          "Serves the page (built in) and its JSON API until interrupted:\n"
          "GET / (the page), GET /healthz, POST /api/extract, /api/quotes,\n"
          "/api/pdf, /api/mail.  Bodies are JSON, or for extract, quotes and\n"
          "pdf the page itself (text/html or text/plain, options in the\n"
          "query string).  See docs/cmd/serve.md.\n"
          "\n"
          "Options:\n"
          "      --listen HOST:PORT     address to listen on (default\n"
          "                             127.0.0.1:8080; [::1]:8080 for IPv6;\n"
          "                             port 0 picks a free one, printed)\n"
          "      --smtp URL             SMTP server for the Email button\n"
          "      --from ADDR            the sender of every message\n"
          "      --user NAME, --password-file F, --tls MODE, --cacert F\n"
          "                             as for presscut mail\n"
          "      --outbox DIR           mail outbox (default as for mail)\n"
          "      --mail-per-minute N    messages per client address (default 5)\n"
          "      --mail-per-hour N      messages per client address (default 20)\n"
          "      --max-recipients N     addresses in \"to\" per message (default 10)\n"
          "      --allow-private-fetch  let URL fetches reach loopback and\n"
          "                             private addresses (off: refused)\n"
          "      --proxy URL            fetch through this proxy, each target\n"
          "                             host checked first (http_proxy and\n"
          "                             the like are ignored by serve)\n"
          "      --max-body BYTES       largest request body (default 10 MiB)\n"
          "      --threads N            worker threads (default: cores)\n"
          "      --fetch-threads N      threads for requests that fetch or mail\n"
          "                             (default 8)\n"
          "      --fetches-per-client N such requests of one client address at\n"
          "                             once (default 4; more: 429)\n"
          "      --public-url URL       where users reach the page (behind a\n"
          "                             proxy): its host is served, and mail\n"
          "                             from its origin accepted\n"
          "      --allowed-host NAME    serve requests for this Host too\n"
          "                             (repeatable); others are refused 421\n"
          "                             but the listen address and localhost\n"
          "      --max-connections N    connections in all (default 256)\n"
          "      --max-per-address N    connections from one address (default 32)\n"
          "      --head-timeout S       seconds to send a request head (default 10)\n"
          "      --body-timeout S       seconds to send a request body (default 60)\n"
          "      --max-inflight BYTES   request bodies held at once, 503 past it\n"
          "                             (default 64 MiB, at least --max-body)\n"
          "      --data-dir DIR         language data, as for extract\n"
          "  -h, --help                 this help\n");
}

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

/* A byte count: digits only (strtoull alone takes "-5" as 2^64 - 5, and
 * a negative limit would be no limit).  False when s is not one. */
static bool parse_bytes(const char *s, size_t *v) {
  if (!s || *s < '0' || *s > '9')
    return false;
  char *end;
  errno = 0;
  unsigned long long n = strtoull(s, &end, 10);
  if (errno || *end || n > SIZE_MAX)
    return false;
  *v = (size_t)n;
  return true;
}

static int fail(int code, const char *fmt, const char *a, const char *b) {
  fprintf(stderr, "%s: ", prog);
  fprintf(stderr, fmt, a, b);
  fputc('\n', stderr);
  return code;
}

/* Waits until fd has data (or its end) or the deadline (CLOCK_MONOTONIC
 * seconds) passes: false then. */
static bool wait_readable(int fd, double deadline) {
  for (;;) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double left = deadline - ((double)ts.tv_sec + ts.tv_nsec / 1e9);
    if (left <= 0)
      return false;
    struct pollfd p = {fd, POLLIN, 0};
    int k = poll(&p, 1, (int)(left * 1000) + 1);
    if (k > 0)
      return true;
    if (k < 0 && errno != EINTR)
      return true; /* let read(2) report it */
  }
}

/* Opens a path (or takes stdin) for read_input; -1 with err set. */
static int open_input(const char *path, pc_error *err) {
  if (strcmp(path, "-") == 0)
    return STDIN_FILENO;
  struct stat sb;
  if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    snprintf(err->msg, sizeof err->msg, "is a directory");
    return -1;
  }
  /* O_NONBLOCK: opening a FIFO waits for no writer (the wait is
   * read_input's, bounded); a regular file ignores it */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    snprintf(err->msg, sizeof err->msg, "%s", strerror(errno));
  return fd;
}

/* Reads a path or stdin, at most max bytes (one more is an error).  What
 * can keep a reader waiting (a FIFO, a pipe, a socket, a device; not a
 * regular file, not a terminal) must be read whole within timeout_s
 * seconds. */
static pc_status read_input(const char *path, size_t max, long timeout_s,
                            char **data, size_t *len, pc_error *err) {
  int fd = open_input(path, err);
  if (fd < 0)
    return PC_ERR_IO;
  struct stat sb;
  bool bounded = fstat(fd, &sb) == 0 && !S_ISREG(sb.st_mode) && !isatty(fd);
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  double deadline = (double)t0.tv_sec + t0.tv_nsec / 1e9 + (double)timeout_s;
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap);
  pc_status st = buf ? PC_OK : PC_ERR_NOMEM;
  while (st == PC_OK) {
    if (n == cap) {
      if (cap > max) {
        snprintf(err->msg, sizeof err->msg,
                 "input over the limit of %zu bytes (see --max-input)", max);
        st = PC_ERR_TOO_LARGE;
        break;
      }
      cap *= 2;
      char *nb = realloc(buf, cap);
      if (!nb) {
        st = PC_ERR_NOMEM;
        break;
      }
      buf = nb;
    }
    if (bounded && !wait_readable(fd, deadline)) {
      snprintf(err->msg, sizeof err->msg,
               "no end of input within %ld s (see --timeout)", timeout_s);
      st = PC_ERR_IO;
      break;
    }
    ssize_t k = read(fd, buf + n, cap - n);
    if (k < 0 && errno == EAGAIN && !bounded) { /* a non-blocking terminal */
      struct pollfd p = {fd, POLLIN, 0};
      poll(&p, 1, -1);
    }
    if (k < 0 && (errno == EINTR || errno == EAGAIN))
      continue;
    if (k < 0) {
      snprintf(err->msg, sizeof err->msg, "read error: %s", strerror(errno));
      st = PC_ERR_IO;
    }
    if (k <= 0)
      break;
    n += (size_t)k;
  }
  if (st == PC_OK && n > max) {
    snprintf(err->msg, sizeof err->msg,
             "input is %zu bytes, over the limit of %zu (see --max-input)", n, max);
    st = PC_ERR_TOO_LARGE;
  }
  if (fd != STDIN_FILENO)
    close(fd);
  if (st == PC_ERR_NOMEM)
    snprintf(err->msg, sizeof err->msg, "out of memory");
  if (st != PC_OK) {
    free(buf);
    return st;
  }
  *data = buf;
  *len = n;
  return PC_OK;
}

static bool is_url(const char *s) {
  return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

struct extract_args {
  pc_format format;
  int cut;
  const char *del;
  const char *url;
  const char *content_type;
  size_t max_input;
  long timeout;
  const char *data_dir;
  int attribution;   /* run pc_attribute */
  const char *date;  /* --date for attribution */
};

/* Loads and extracts one input; on success *doc is ours to free. */
static pc_status load_doc(const pc_ctx *ctx, const struct extract_args *a,
                          const char *input, pc_doc **doc, pc_error *err) {
  pc_extract_opts eo;
  pc_extract_opts_init(&eo);
  eo.max_input = a->max_input;
  eo.url = a->url;
  eo.content_type = a->content_type;
  char *data = NULL;
  size_t len = 0;
  pc_fetch_result *fr = NULL;
  pc_status st;
  const char *scheme_end = strstr(input, "://");
  if (scheme_end && !is_url(input) && 
      (size_t)(scheme_end - input) < 16) {
    bool letters = true;
    for (const char *p = input; p < scheme_end; p++)
      letters = letters && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'));
    if (letters) {
      snprintf(err->msg, sizeof err->msg, "only http and https URLs are fetched");
      return PC_ERR_USAGE;
    }
  }
  if (is_url(input)) {
    pc_fetch_opts fo;
    pc_fetch_opts_init(&fo);
    if (a->timeout > 0)
      fo.timeout_s = a->timeout;
    st = pc_fetch(input, &fo, &fr, err);
    if (st != PC_OK)
      return st;
    data = fr->body;
    len = fr->body_len;
    eo.url = fr->final_url;
    eo.content_type = fr->content_type;
  } else {
    st = read_input(input, a->max_input, a->timeout > 0 ? a->timeout : 15,
                    &data, &len, err);
    if (st != PC_OK)
      return st;
  }
  st = pc_extract(ctx, data, len, &eo, doc, err);
  if (fr)
    pc_fetch_result_free(fr);
  else
    free(data);
  if (st != PC_OK)
    return st;
  if (a->cut)
    pc_doc_drop_optional(*doc);
  if (a->del) {
    st = pc_doc_delete_blocks(*doc, a->del, err);
    if (st != PC_OK) {
      pc_doc_free(*doc);
      *doc = NULL;
      return st == PC_ERR_NOT_FOUND ? PC_ERR_USAGE : st;
    }
  }
  if (a->attribution) {
    st = pc_attribute(ctx, *doc, a->date, err);
    if (st != PC_OK) {
      pc_doc_free(*doc);
      *doc = NULL;
      return st;
    }
  }
  return PC_OK;
}

static int cmd_run(int argc, char **argv, bool quotes) {
  static const struct option lo[] = {
      {"format", required_argument, NULL, 'f'},
      {"cut", no_argument, NULL, 'c'},
      {"delete", required_argument, NULL, 'd'},
      {"url", required_argument, NULL, 'u'},
      {"content-type", required_argument, NULL, 't'},
      {"max-input", required_argument, NULL, 'm'},
      {"timeout", required_argument, NULL, 'T'},
      {"data-dir", required_argument, NULL, 'D'},
      {"output", required_argument, NULL, 'o'},
      {"attribution", no_argument, NULL, 'A'},
      {"date", required_argument, NULL, 'Y'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  struct extract_args a = {quotes ? PC_FORMAT_QUOTES_JSON : PC_FORMAT_TEXT,
                           0, NULL, NULL, NULL, 32u * 1024u * 1024u, 0, NULL,
                           quotes, NULL};
  void (*usage)(FILE *) = quotes ? usage_quotes : usage_extract;
  const char *output = NULL;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:o:h", lo, NULL)) != -1) {
    char *end;
    switch (c) {
    case 'f':
      if (strcmp(optarg, "text") == 0)
        a.format = quotes ? PC_FORMAT_QUOTES_TEXT : PC_FORMAT_TEXT;
      else if (!quotes && (strcmp(optarg, "markdown") == 0 ||
                           strcmp(optarg, "md") == 0))
        a.format = PC_FORMAT_MARKDOWN;
      else if (strcmp(optarg, "html") == 0)
        a.format = quotes ? PC_FORMAT_QUOTES_HTML : PC_FORMAT_HTML;
      else if (strcmp(optarg, "json") == 0)
        a.format = quotes ? PC_FORMAT_QUOTES_JSON : PC_FORMAT_JSON;
      else
        return fail(EX_USAGE, "unknown format '%s' (text, markdown, html, json)%s",
                    optarg, "");
      break;
    case 'c': a.cut = 1; break;
    case 'd': a.del = optarg; break;
    case 'u': a.url = optarg; break;
    case 't': a.content_type = optarg; break;
    case 'm':
      if (!parse_bytes(optarg, &a.max_input) || a.max_input == 0)
        return fail(EX_USAGE, "--max-input: not a byte count: '%s'%s", optarg, "");
      break;
    case 'T':
      a.timeout = strtol(optarg, &end, 10);
      if (*end || a.timeout <= 0)
        return fail(EX_USAGE, "--timeout: not a number of seconds: '%s'%s", optarg, "");
      break;
    case 'D': a.data_dir = optarg; break;
    case 'o': output = optarg; break;
    case 'A': a.attribution = 1; break;
    case 'Y':
      if (strlen(optarg) != 10 || optarg[4] != '-' || optarg[7] != '-')
        return fail(EX_USAGE, "--date: want YYYY-MM-DD, got '%s'%s", optarg, "");
      a.date = optarg;
      break;
    case 'h': usage(stdout); return EX_OK;
    default: usage(stderr); return EX_USAGE;
    }
  }
  if (optind >= argc) {
    usage(stderr);
    return EX_USAGE;
  }
  pc_error err = {""};
  pc_ctx *ctx = NULL;
  pc_status st = pc_ctx_new(a.data_dir, &ctx, &err);
  if (st != PC_OK)
    return fail(exit_code(st), "%s%s", err.msg, "");
  FILE *out = stdout;
  if (output && !(out = fopen(output, "wb"))) {
    pc_ctx_free(ctx);
    return fail(EX_INPUT, "%s: %s", output, strerror(errno));
  }
  int rc = EX_OK;
  for (int i = optind; i < argc; i++) {
    pc_doc *doc = NULL;
    err.msg[0] = '\0';
    st = load_doc(ctx, &a, argv[i], &doc, &err);
    char *r = NULL;
    size_t rl = 0;
    if (st == PC_OK && pc_doc_truncated(doc))
      fprintf(stderr, "%s: %s: warning: body cut short by a size limit\n",
              prog, argv[i]);
    if (st == PC_OK)
      st = pc_render(doc, a.format, &r, &rl, &err);
    if (st == PC_OK) {
      bool json = a.format == PC_FORMAT_JSON || a.format == PC_FORMAT_QUOTES_JSON;
      if (i > optind && !json)
        fputs("\n", out);
      fwrite(r, 1, rl, out);
      if (json)
        fputc('\n', out);
    } else {
      fprintf(stderr, "%s: %s: %s\n", prog, argv[i],
              err.msg[0] ? err.msg : pc_strerror(st));
      if (rc == EX_OK)
        rc = exit_code(st);
    }
    pc_free(r);
    pc_doc_free(doc);
  }
  if (fflush(out) != 0 || ferror(out)) {
    fprintf(stderr, "%s: write error\n", prog);
    rc = EX_INPUT;
  }
  if (out != stdout)
    fclose(out);
  pc_ctx_free(ctx);
  return rc;
}

static void cli_warn(void *closure, const char *msg) {
  fprintf(stderr, "%s: %s: warning: %s\n", prog, (const char *)closure, msg);
}

static int write_file(void *closure, const unsigned char *data, size_t len) {
  return fwrite(data, 1, len, closure) == len ? 0 : 1;
}

/* The directory holding a file input, for its relative image paths. */
static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return strdup(".");
  if (slash == path)
    return strdup("/");
  return strndup(path, (size_t)(slash - path));
}

/* Option codes shared by pdf, html and mail (layout and input). */
enum { L_PAGE = 256, L_MARGINS, L_TSIZE, L_FONT, L_IMAGES, L_RAGGED,
       L_NOHEAD, L_NOFOOT, L_WSW, L_FETCH, L_NOFETCH, L_LAST };

#define LAYOUT_OPTIONS                                                        \
  {"page-size", required_argument, NULL, L_PAGE},                             \
      {"margins", required_argument, NULL, L_MARGINS},                        \
      {"text-size", required_argument, NULL, L_TSIZE},                        \
      {"font", required_argument, NULL, L_FONT},                              \
      {"images", required_argument, NULL, L_IMAGES},                          \
      {"ragged", no_argument, NULL, L_RAGGED},                                \
      {"no-header", no_argument, NULL, L_NOHEAD},                             \
      {"no-footer", no_argument, NULL, L_NOFOOT},                             \
      {"who-said-what", no_argument, NULL, L_WSW},                            \
      {"fetch-images", no_argument, NULL, L_FETCH},                           \
      {"no-fetch-images", no_argument, NULL, L_NOFETCH}

#define INPUT_OPTIONS                                                         \
  {"cut", no_argument, NULL, 'c'}, {"delete", required_argument, NULL, 'd'},  \
      {"url", required_argument, NULL, 'u'},                                  \
      {"content-type", required_argument, NULL, 't'},                         \
      {"max-input", required_argument, NULL, 'm'},                            \
      {"timeout", required_argument, NULL, 'T'},                              \
      {"data-dir", required_argument, NULL, 'D'},                             \
      {"date", required_argument, NULL, 'Y'}

/* A layout or input option of pdf, html and mail: -1 when c is neither,
 * else EX_OK or the usage error (already reported). */
static int shared_opt(int c, const char *arg, pc_print_opts *po, int *fetch,
                      struct extract_args *a) {
  char *end;
  switch (c) {
  case L_PAGE:
    if (strcmp(arg, "a4") == 0 || strcmp(arg, "A4") == 0)
      po->page_size = PC_PAGE_A4;
    else if (strcmp(arg, "letter") == 0)
      po->page_size = PC_PAGE_LETTER;
    else if (strcmp(arg, "a5") == 0 || strcmp(arg, "A5") == 0)
      po->page_size = PC_PAGE_A5;
    else
      return fail(EX_USAGE, "--page-size: a4, letter or a5, not '%s'%s", arg,
                  "");
    return EX_OK;
  case L_MARGINS:
    po->margin_mm = strtod(arg, &end);
    if (*end || !(po->margin_mm >= 0 && po->margin_mm <= 60))
      return fail(EX_USAGE, "--margins: millimetres from 0 to 60, not '%s'%s",
                  arg, "");
    if (po->margin_mm == 0)
      po->margin_mm = 0.01; /* 0 means the default in the options */
    return EX_OK;
  case L_TSIZE:
    po->text_size = (int)strtol(arg, &end, 10);
    if (*end || po->text_size < 1 || po->text_size > 5)
      return fail(EX_USAGE, "--text-size: 1 to 5, not '%s'%s", arg, "");
    return EX_OK;
  case L_FONT: po->font = arg; return EX_OK;
  case L_IMAGES: {
    static const char *const names[] = {"full", "large", "medium", "small",
                                        "none"};
    int k = 0;
    while (k < 5 && strcmp(arg, names[k]) != 0)
      k++;
    if (k == 5)
      return fail(EX_USAGE,
                  "--images: full, large, medium, small or none, not '%s'%s",
                  arg, "");
    po->images = (pc_image_size)k;
    return EX_OK;
  }
  case L_RAGGED: po->ragged = 1; return EX_OK;
  case L_NOHEAD: po->no_header = 1; return EX_OK;
  case L_NOFOOT: po->no_footer = 1; return EX_OK;
  case L_WSW: po->who_said_what = 1; a->attribution = 1; return EX_OK;
  case L_FETCH: *fetch = 1; return EX_OK;
  case L_NOFETCH: *fetch = 0; return EX_OK;
  case 'c': a->cut = 1; return EX_OK;
  case 'd': a->del = arg; return EX_OK;
  case 'u': a->url = arg; return EX_OK;
  case 't': a->content_type = arg; return EX_OK;
  case 'm':
    if (!parse_bytes(arg, &a->max_input) || a->max_input == 0)
      return fail(EX_USAGE, "--max-input: not a byte count: '%s'%s", arg, "");
    return EX_OK;
  case 'T':
    a->timeout = strtol(arg, &end, 10);
    if (*end || a->timeout <= 0)
      return fail(EX_USAGE, "--timeout: not a number of seconds: '%s'%s", arg,
                  "");
    return EX_OK;
  case 'D': a->data_dir = arg; return EX_OK;
  case 'Y':
    if (strlen(arg) != 10 || arg[4] != '-' || arg[7] != '-')
      return fail(EX_USAGE, "--date: want YYYY-MM-DD, got '%s'%s", arg, "");
    a->date = arg;
    return EX_OK;
  default: return -1;
  }
}

static int cmd_print(int argc, char **argv, bool pdf) {
  enum { O_EMBED = L_LAST };
  static const struct option lo[] = {
      LAYOUT_OPTIONS,
      INPUT_OPTIONS,
      {"embed-images", no_argument, NULL, O_EMBED},
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  struct extract_args a = {PC_FORMAT_HTML, 0, NULL, NULL, NULL,
                           32u * 1024u * 1024u, 0, NULL, 0, NULL};
  pc_print_opts po;
  pc_print_opts_init(&po);
  int fetch = -1; /* -1: for URL inputs only */
  const char *output = NULL;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
    int rc = shared_opt(c, optarg, &po, &fetch, &a);
    if (rc > 0)
      return rc;
    if (rc == EX_OK)
      continue;
    switch (c) {
    case O_EMBED:
      if (pdf)
        return fail(EX_USAGE, "--embed-images is an option of html%s%s", "", "");
      po.embed_images = 1;
      break;
    case 'o': output = optarg; break;
    case 'h': usage_print(stdout, pdf); return EX_OK;
    default: usage_print(stderr, pdf); return EX_USAGE;
    }
  }
  int ninputs = argc - optind;
  if (ninputs < 1 || (!pdf && ninputs > 1)) {
    usage_print(stderr, pdf);
    return EX_USAGE;
  }
  if (pdf && !output && isatty(STDOUT_FILENO))
    return fail(EX_USAGE, "pdf: name the output with -o FILE.pdf%s%s", "", "");
  if (ninputs > 256)
    return fail(EX_USAGE, "pdf: at most 256 inputs in one PDF%s%s", "", "");
  pc_error err = {""};
  pc_ctx *ctx = NULL;
  pc_status st = pc_ctx_new(a.data_dir, &ctx, &err);
  if (st != PC_OK)
    return fail(exit_code(st), "%s%s", err.msg, "");
  pc_doc **docs = calloc((size_t)ninputs, sizeof *docs);
  char **dirs = calloc((size_t)ninputs, sizeof *dirs);
  int rc = docs && dirs ? EX_OK : EX_INTERNAL;
  size_t ndocs = 0;
  bool any_url = false;
  for (int i = optind; rc == EX_OK && i < argc; i++) {
    err.msg[0] = '\0';
    st = load_doc(ctx, &a, argv[i], &docs[ndocs], &err);
    if (st != PC_OK) {
      /* one bad input among several is left out; alone, it fails */
      fprintf(stderr, "%s: %s: %s\n", prog, argv[i],
              err.msg[0] ? err.msg : pc_strerror(st));
      rc = exit_code(st);
      continue;
    }
    if (pc_doc_truncated(docs[ndocs]))
      fprintf(stderr, "%s: %s: warning: body cut short by a size limit\n",
              prog, argv[i]);
    any_url = any_url || is_url(argv[i]);
    dirs[ndocs] = is_url(argv[i]) || strcmp(argv[i], "-") == 0
                      ? NULL : dir_of(argv[i]);
    ndocs++;
  }
  if (rc != EX_OK) {
    for (size_t i = 0; i < ndocs; i++)
      pc_doc_free(docs[i]);
    free(docs);
    if (dirs)
      for (int i = 0; i < ninputs; i++)
        free(dirs[i]);
    free(dirs);
    pc_ctx_free(ctx);
    return rc;
  }
  po.fetch_images = fetch < 0 ? any_url : fetch;
  po.warn = cli_warn;
  po.warn_closure = (void *)(ninputs == 1 ? argv[optind] : "pdf");
  po.base_dir = ninputs == 1 ? dirs[0] : (ndocs ? dirs[0] : NULL);
  po.base_dirs = (const char *const *)dirs; /* pdf: each input's own */
  /* write to a temporary name and rename: no half-written file */
  char *tmp = NULL;
  FILE *out = stdout;
  if (output && strcmp(output, "-") != 0) {
    size_t n = strlen(output) + 16;
    tmp = malloc(n);
    if (tmp)
      snprintf(tmp, n, "%s.part", output);
    if (!tmp || !(out = fopen(tmp, "wb"))) {
      rc = fail(EX_INPUT, "%s: %s", output, strerror(errno));
      out = NULL;
    }
  }
  if (out) {
    if (pdf) {
      st = pc_pdf((const pc_doc *const *)docs, ndocs, &po, write_file, out,
                  &err);
    } else {
      char *r = NULL;
      size_t rl = 0;
      st = pc_print_html(docs[0], &po, &r, &rl, &err);
      if (st == PC_OK && fwrite(r, 1, rl, out) != rl)
        st = PC_ERR_IO;
      pc_free(r);
    }
    if (st != PC_OK)
      rc = fail(exit_code(st), "%s%s", err.msg[0] ? err.msg : pc_strerror(st),
                "");
    if (fflush(out) != 0 || ferror(out))
      rc = rc ? rc : fail(EX_INPUT, "write error%s%s", "", "");
    if (out != stdout)
      fclose(out);
    if (tmp) {
      if (rc == EX_OK && rename(tmp, output) != 0)
        rc = fail(EX_INPUT, "%s: %s", output, strerror(errno));
      if (rc != EX_OK)
        remove(tmp);
    }
  }
  free(tmp);
  for (size_t i = 0; i < ndocs; i++)
    pc_doc_free(docs[i]);
  free(docs);
  for (int i = 0; i < ninputs; i++)
    free(dirs[i]);
  free(dirs);
  pc_ctx_free(ctx);
  return rc;
}

/* The default outbox: $XDG_DATA_HOME/presscut/outbox, else under ~/.local. */
static char *default_outbox(void) {
  const char *x = getenv("XDG_DATA_HOME");
  const char *h = getenv("HOME");
  char buf[4096];
  if (x && x[0] == '/')
    snprintf(buf, sizeof buf, "%s/presscut/outbox", x);
  else if (h && *h)
    snprintf(buf, sizeof buf, "%s/.local/share/presscut/outbox", h);
  else
    return NULL;
  return strdup(buf);
}

static char *read_password(const char *path, pc_error *err) {
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(err->msg, sizeof err->msg, "--password-file %s: %s", path,
             strerror(errno));
    return NULL;
  }
  char line[1024];
  char *r = NULL;
  if (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = '\0';
    r = strdup(line);
  } else {
    snprintf(err->msg, sizeof err->msg, "--password-file %s: empty", path);
  }
  fclose(f);
  return r;
}

/* --tls for mail and serve: EX_OK, or the usage error (reported). */
static int parse_tls(const char *arg, pc_tls *tls) {
  if (strcmp(arg, "auto") == 0)
    *tls = PC_TLS_AUTO;
  else if (strcmp(arg, "required") == 0)
    *tls = PC_TLS_REQUIRED;
  else if (strcmp(arg, "off") == 0)
    *tls = PC_TLS_OFF;
  else
    return fail(EX_USAGE, "--tls: auto, required or off, not '%s'%s", arg, "");
  return EX_OK;
}

/* The SMTP password for --user, never from the command line: the first
 * line of --password-file, else $PRESSCUT_SMTP_PASSWORD.  NULL (reported
 * as a usage error) when neither gives one. */
static char *smtp_password(const char *pwfile) {
  pc_error err = {""};
  char *pw = NULL;
  if (pwfile)
    pw = read_password(pwfile, &err);
  else if (getenv("PRESSCUT_SMTP_PASSWORD"))
    pw = strdup(getenv("PRESSCUT_SMTP_PASSWORD"));
  else
    snprintf(err.msg, sizeof err.msg,
             "--user needs --password-file or PRESSCUT_SMTP_PASSWORD");
  if (!pw)
    fail(EX_USAGE, "%s%s", err.msg[0] ? err.msg : "out of memory", "");
  return pw;
}

static int cmd_mail(int argc, char **argv) {
  enum { O_TO = L_LAST, O_FROM, O_SMTP, O_USER, O_PWFILE, O_SUBJECT,
         O_MESSAGE, O_ATTACH, O_TLS, O_CACERT, O_SMTPTO, O_RETRIES,
         O_RETRYWAIT, O_OUTBOX, O_FLUSH, O_DRY };
  static const struct option lo[] = {
      LAYOUT_OPTIONS,
      INPUT_OPTIONS,
      {"to", required_argument, NULL, O_TO},
      {"from", required_argument, NULL, O_FROM},
      {"smtp", required_argument, NULL, O_SMTP},
      {"user", required_argument, NULL, O_USER},
      {"password-file", required_argument, NULL, O_PWFILE},
      {"subject", required_argument, NULL, O_SUBJECT},
      {"message", required_argument, NULL, O_MESSAGE},
      {"attach", required_argument, NULL, O_ATTACH},
      {"tls", required_argument, NULL, O_TLS},
      {"cacert", required_argument, NULL, O_CACERT},
      {"smtp-timeout", required_argument, NULL, O_SMTPTO},
      {"retries", required_argument, NULL, O_RETRIES},
      {"retry-wait", required_argument, NULL, O_RETRYWAIT},
      {"outbox", required_argument, NULL, O_OUTBOX},
      {"flush-outbox", no_argument, NULL, O_FLUSH},
      {"dry-run", no_argument, NULL, O_DRY},
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  struct extract_args a = {PC_FORMAT_HTML, 0, NULL, NULL, NULL,
                           32u * 1024u * 1024u, 0, NULL, 0, NULL};
  pc_mail_opts mo;
  pc_mail_opts_init(&mo);
  pc_smtp_opts so;
  pc_smtp_opts_init(&so);
  pc_print_opts *po = &mo.print;
  int fetch = -1, flush = 0, dry = 0;
  const char *output = NULL, *outbox = NULL, *pwfile = NULL;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
    char *end;
    int rc = shared_opt(c, optarg, po, &fetch, &a);
    if (rc > 0)
      return rc;
    if (rc == EX_OK)
      continue;
    switch (c) {
    case O_TO: mo.to = optarg; break;
    case O_FROM: mo.from = optarg; break;
    case O_SMTP: so.url = optarg; break;
    case O_USER: so.user = optarg; break;
    case O_PWFILE: pwfile = optarg; break;
    case O_SUBJECT: mo.subject = optarg; break;
    case O_MESSAGE: mo.message = optarg; break;
    case O_ATTACH:
      if (strcmp(optarg, "pdf") == 0)
        mo.attach = PC_ATTACH_PDF;
      else if (strcmp(optarg, "html") == 0)
        mo.attach = PC_ATTACH_HTML;
      else if (strcmp(optarg, "none") == 0)
        mo.attach = PC_ATTACH_NONE;
      else
        return fail(EX_USAGE, "--attach: pdf, html or none, not '%s'%s", optarg,
                    "");
      break;
    case O_TLS:
      if (parse_tls(optarg, &so.tls) != EX_OK)
        return EX_USAGE;
      break;
    case O_CACERT: so.cacert = optarg; break;
    case O_SMTPTO:
      so.timeout_s = strtol(optarg, &end, 10);
      if (*end || so.timeout_s <= 0)
        return fail(EX_USAGE, "--smtp-timeout: seconds, not '%s'%s", optarg, "");
      break;
    case O_RETRIES:
      so.retries = (int)strtol(optarg, &end, 10);
      if (*end || so.retries < 0 || so.retries > 20)
        return fail(EX_USAGE, "--retries: 0 to 20, not '%s'%s", optarg, "");
      if (so.retries == 0)
        so.retries = -1; /* none (0 means the default in the options) */
      break;
    case O_RETRYWAIT:
      so.retry_wait_ms = strtol(optarg, &end, 10);
      if (*end || so.retry_wait_ms <= 0 || so.retry_wait_ms > 600000)
        return fail(EX_USAGE, "--retry-wait: milliseconds, not '%s'%s", optarg,
                    "");
      break;
    case O_OUTBOX: outbox = optarg; break;
    case O_FLUSH: flush = 1; break;
    case O_DRY: dry = 1; break;
    case 'o': output = optarg; break;
    case 'h': usage_mail(stdout); return EX_OK;
    default: usage_mail(stderr); return EX_USAGE;
    }
  }
  pc_error err = {""};
  char *password = NULL;
  if (so.user && !(so.password = password = smtp_password(pwfile)))
    return EX_USAGE;
  char *box = outbox ? strdup(outbox) : default_outbox();
  int rc = EX_OK;
  if (flush) {
    if (optind < argc || !so.url) {
      free(password);
      free(box);
      return fail(EX_USAGE, "--flush-outbox takes --smtp and no INPUT%s%s", "",
                  "");
    }
    size_t sent = 0, failed = 0;
    if (!box) {
      free(password);
      return fail(EX_USAGE, "no outbox: set --outbox or HOME%s%s", "", "");
    }
    pc_status st = pc_outbox_flush(box, NULL, &so, &sent, &failed, &err);
    fprintf(stderr, "%s: outbox: %zu sent, %zu still waiting\n", prog, sent,
            failed);
    if (st != PC_OK)
      rc = fail(exit_code(st), "%s%s", err.msg, "");
    free(password);
    free(box);
    return rc;
  }
  if (optind + 1 != argc) {
    free(password);
    free(box);
    usage_mail(stderr);
    return EX_USAGE;
  }
  if (!mo.to || !mo.from) {
    free(password);
    free(box);
    return fail(EX_USAGE, "mail: --to and --from are required%s%s", "", "");
  }
  if (!dry && !so.url) {
    free(password);
    free(box);
    return fail(EX_USAGE, "mail: --smtp URL is required (or --dry-run)%s%s", "",
                "");
  }
  if (dry && !output) {
    free(password);
    free(box);
    return fail(EX_USAGE, "mail: --dry-run writes the message with -o FILE%s%s",
                "", "");
  }
  /* addresses first: an invalid one sends nothing */
  pc_status st = pc_mail_check_addresses(mo.to, NULL, &err);
  if (st == PC_OK)
    st = pc_mail_check_addresses(mo.from, NULL, &err);
  if (st != PC_OK) {
    free(password);
    free(box);
    return fail(EX_USAGE, "%s%s", err.msg, "");
  }
  pc_ctx *ctx = NULL;
  st = pc_ctx_new(a.data_dir, &ctx, &err);
  pc_doc *doc = NULL;
  if (st == PC_OK)
    st = load_doc(ctx, &a, argv[optind], &doc, &err);
  char *dir = NULL;
  char *msg = NULL;
  size_t len = 0;
  if (st == PC_OK) {
    bool url = is_url(argv[optind]);
    dir = url || strcmp(argv[optind], "-") == 0 ? NULL : dir_of(argv[optind]);
    po->fetch_images = fetch < 0 ? url : fetch;
    po->base_dir = dir;
    po->warn = cli_warn;
    po->warn_closure = argv[optind];
    st = pc_mail_compose(doc, &mo, &msg, &len, &err);
  }
  if (st != PC_OK) {
    rc = fail(exit_code(st), "%s: %s", argv[optind],
              err.msg[0] ? err.msg : pc_strerror(st));
  } else if (dry) {
    FILE *f = strcmp(output, "-") == 0 ? stdout : fopen(output, "wb");
    if (!f || fwrite(msg, 1, len, f) != len || fflush(f) != 0)
      rc = fail(write_exit_code(PC_ERR_IO), "%s: cannot write: %s", output,
                strerror(errno));
    if (f && f != stdout && fclose(f) != 0 && rc == EX_OK)
      rc = fail(write_exit_code(PC_ERR_IO), "%s: cannot write: %s", output,
                strerror(errno));
  } else if (!box) {
    rc = fail(EX_USAGE, "no outbox: set --outbox or HOME%s%s", "", "");
  } else {
    char *name = NULL;
    st = pc_outbox_put(box, msg, len, &name, &err);
    if (st != PC_OK) {
      rc = fail(write_exit_code(st), "outbox: %s%s", err.msg, "");
    } else {
      size_t sent = 0, failed = 0;
      st = pc_outbox_flush(box, name, &so, &sent, &failed, &err);
      if (st != PC_OK || sent != 1) {
        /* one line: why, and where the message waits */
        fprintf(stderr, "%s: not sent: %s; the message waits in %s/%s "
                        "(presscut mail --flush-outbox)\n", prog,
                err.msg[0] ? err.msg : "delivery failed", box, name);
        rc = EX_NET;
      }
    }
    pc_free(name);
  }
  pc_free(msg);
  free(dir);
  pc_doc_free(doc);
  pc_ctx_free(ctx);
  free(password);
  free(box);
  return rc;
}

static volatile int serve_stop;

static void on_signal(int sig) {
  (void)sig;
  serve_stop = 1;
}

static void on_ready(void *closure, unsigned port) {
  (void)closure;
  fprintf(stderr, "%s: serving on port %u\n", prog, port);
  printf("%u\n", port);
  fflush(stdout);
}

/* One of serve's connection limits (which: --max-connections,
 * --max-per-address, --head-timeout, --body-timeout, --max-inflight) into
 * so: EX_OK, or the usage error (reported). */
static int serve_limit(int which, const char *arg, pc_serve_opts *so) {
  static const char *const names[] = {"--max-connections", "--max-per-address",
                                      "--head-timeout", "--body-timeout",
                                      "--max-inflight"};
  static const unsigned long long lo[] = {1, 1, 1, 1, 1024},
                                  hi[] = {100000, 100000, 86400, 86400,
                                          1ull << 40};
  char *end;
  errno = 0;
  unsigned long long v = strtoull(arg, &end, 10);
  if (errno || end == arg || *end || arg[0] == '-' || v < lo[which] ||
      v > hi[which]) {
    char range[96];
    snprintf(range, sizeof range, "%s: %llu to %llu", names[which], lo[which],
             hi[which]);
    return fail(EX_USAGE, "%s, not '%s'", range, arg);
  }
  switch (which) {
  case 0: so->connection_limit = (unsigned)v; break;
  case 1: so->max_per_address = (unsigned)v; break;
  case 2: so->head_timeout_s = (unsigned)v; break;
  case 3: so->body_timeout_s = (unsigned)v; break;
  default: so->max_inflight = (size_t)v; break;
  }
  return EX_OK;
}

static int cmd_serve(int argc, char **argv) {
  enum { O_LISTEN = 256, O_SMTP, O_FROM, O_USER, O_PWFILE, O_TLS, O_CACERT,
         O_OUTBOX, O_RATE, O_PRIVATE, O_MAXBODY, O_THREADS, O_DATA,
         O_PUBLIC, O_ALLOWHOST, O_MAXRCPT, O_HOURRATE, O_PROXY,
         O_FETCHTHREADS, O_PERCLIENT, O_MAXCONN, O_PERADDR, O_HEADTO,
         O_BODYTO, O_INFLIGHT };
  static const struct option lo[] = {
      {"listen", required_argument, NULL, O_LISTEN},
      {"smtp", required_argument, NULL, O_SMTP},
      {"from", required_argument, NULL, O_FROM},
      {"user", required_argument, NULL, O_USER},
      {"password-file", required_argument, NULL, O_PWFILE},
      {"tls", required_argument, NULL, O_TLS},
      {"cacert", required_argument, NULL, O_CACERT},
      {"outbox", required_argument, NULL, O_OUTBOX},
      {"mail-per-minute", required_argument, NULL, O_RATE},
      {"allow-private-fetch", no_argument, NULL, O_PRIVATE},
      {"max-body", required_argument, NULL, O_MAXBODY},
      {"threads", required_argument, NULL, O_THREADS},
      {"data-dir", required_argument, NULL, O_DATA},
      {"public-url", required_argument, NULL, O_PUBLIC},
      {"allowed-host", required_argument, NULL, O_ALLOWHOST},
      {"max-recipients", required_argument, NULL, O_MAXRCPT},
      {"mail-per-hour", required_argument, NULL, O_HOURRATE},
      {"proxy", required_argument, NULL, O_PROXY},
      {"fetch-threads", required_argument, NULL, O_FETCHTHREADS},
      {"fetches-per-client", required_argument, NULL, O_PERCLIENT},
      {"max-connections", required_argument, NULL, O_MAXCONN},
      {"max-per-address", required_argument, NULL, O_PERADDR},
      {"head-timeout", required_argument, NULL, O_HEADTO},
      {"body-timeout", required_argument, NULL, O_BODYTO},
      {"max-inflight", required_argument, NULL, O_INFLIGHT},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  pc_serve_opts so;
  pc_serve_opts_init(&so);
  const char *hosts[64]; /* --allowed-host, borrowed from argv */
  const char *pwfile = NULL, *data_dir = NULL, *outbox = NULL;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
    char *end;
    switch (c) {
    case O_LISTEN: so.listen = optarg; break;
    case O_SMTP: so.smtp.url = optarg; break;
    case O_FROM: so.from = optarg; break;
    case O_USER: so.smtp.user = optarg; break;
    case O_PWFILE: pwfile = optarg; break;
    case O_TLS:
      if (parse_tls(optarg, &so.smtp.tls) != EX_OK)
        return EX_USAGE;
      break;
    case O_CACERT: so.smtp.cacert = optarg; break;
    case O_OUTBOX: outbox = optarg; break;
    case O_RATE:
      so.mail_per_minute = (int)strtol(optarg, &end, 10);
      if (*end || so.mail_per_minute < 1 || so.mail_per_minute > 10000)
        return fail(EX_USAGE, "--mail-per-minute: 1 to 10000, not '%s'%s",
                    optarg, "");
      break;
    case O_MAXRCPT:
      so.max_recipients = (int)strtol(optarg, &end, 10);
      if (*end || so.max_recipients < 1 || so.max_recipients > 1000)
        return fail(EX_USAGE, "--max-recipients: 1 to 1000, not '%s'%s",
                    optarg, "");
      break;
    case O_HOURRATE:
      so.mail_per_hour = (int)strtol(optarg, &end, 10);
      if (*end || so.mail_per_hour < 1 || so.mail_per_hour > 100000)
        return fail(EX_USAGE, "--mail-per-hour: 1 to 100000, not '%s'%s",
                    optarg, "");
      break;
    case O_PRIVATE: so.allow_private_fetch = 1; break;
    case O_MAXBODY:
      errno = 0;
      so.max_body = (size_t)strtoull(optarg, &end, 10);
      if (errno || *end || so.max_body < 1024)
        return fail(EX_USAGE, "--max-body: bytes (at least 1024), not '%s'%s",
                    optarg, "");
      break;
    case O_THREADS:
      so.threads = (int)strtol(optarg, &end, 10);
      if (*end || so.threads < 1 || so.threads > 256)
        return fail(EX_USAGE, "--threads: 1 to 256, not '%s'%s", optarg, "");
      break;
    case O_FETCHTHREADS:
      so.fetch_threads = (int)strtol(optarg, &end, 10);
      if (*end || so.fetch_threads < 1 || so.fetch_threads > 256)
        return fail(EX_USAGE, "--fetch-threads: 1 to 256, not '%s'%s", optarg,
                    "");
      break;
    case O_PERCLIENT:
      so.fetches_per_client = (int)strtol(optarg, &end, 10);
      if (*end || so.fetches_per_client < 1 || so.fetches_per_client > 1000)
        return fail(EX_USAGE, "--fetches-per-client: 1 to 1000, not '%s'%s",
                    optarg, "");
      break;
    case O_DATA: data_dir = optarg; break;
    case O_PUBLIC: so.public_url = optarg; break;
    case O_PROXY:
      if (!strstr(optarg, "://"))
        return fail(EX_USAGE, "--proxy: a URL (http://HOST:PORT), not '%s'%s",
                    optarg, "");
      so.proxy = optarg;
      break;
    case O_ALLOWHOST:
      if (so.nallowed_hosts == sizeof hosts / sizeof *hosts || !*optarg ||
          strpbrk(optarg, ":/ "))
        return fail(EX_USAGE, "--allowed-host: a host name (at most 64), "
                    "not '%s'%s", optarg, "");
      hosts[so.nallowed_hosts++] = optarg;
      so.allowed_hosts = hosts;
      break;
    case O_MAXCONN: case O_PERADDR: case O_HEADTO: case O_BODYTO: case O_INFLIGHT:
      if (serve_limit(c - O_MAXCONN, optarg, &so) != EX_OK)
        return EX_USAGE;
      break;
    case 'h': usage_serve(stdout); return EX_OK;
    default: usage_serve(stderr); return EX_USAGE;
    }
  }
  if (optind < argc) {
    usage_serve(stderr);
    return EX_USAGE;
  }
  if ((so.smtp.url != NULL) != (so.from != NULL))
    return fail(EX_USAGE, "serve: --smtp and --from go together%s%s", "", "");
  pc_error err = {""};
  if (so.from && pc_mail_check_addresses(so.from, NULL, &err) != PC_OK)
    return fail(EX_USAGE, "--from: %s%s", err.msg, "");
  char *password = NULL;
  if (so.smtp.user && !(so.smtp.password = password = smtp_password(pwfile)))
    return EX_USAGE;
  char *box = outbox ? strdup(outbox) : default_outbox();
  so.outbox = box;
  pc_ctx *ctx = NULL;
  pc_status st = pc_ctx_new(data_dir, &ctx, &err);
  if (st == PC_OK) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    so.stop = &serve_stop;
    so.ready = on_ready;
    st = pc_serve(ctx, &so, &err);
  }
  pc_ctx_free(ctx);
  free(password);
  free(box);
  if (st != PC_OK)
    return fail(exit_code(st), "serve: %s%s", err.msg, "");
  return EX_OK;
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
            prog, st->read, rate, mbs, st->errors, eta);
    return;
  }
  if (ui->tty)
    fputc('\n', stderr);
  fprintf(stderr,
          "%s: %llu read = %llu written + %llu errors + %llu skipped + "
          "%llu not written; %llu files (%llu reached again, not read), "
          "%.1f MB in %.1f s (%.0f docs/s)\n",
          prog, st->read, st->written, st->errors, st->skipped, st->unwritten,
          st->files, st->repeats, (double)st->bytes / 1048576.0, seconds,
          rate);
}

static int cmd_batch(int argc, char **argv) {
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

int main(int argc, char **argv) {
  if (argc < 2) {
    usage_main(stderr);
    return EX_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
      strcmp(cmd, "help") == 0) {
    usage_main(stdout);
    return EX_OK;
  }
  if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
    printf("presscut %s\n", pc_version());
    return EX_OK;
  }
  if (strcmp(cmd, "extract") == 0)
    return cmd_run(argc - 1, argv + 1, false);
  if (strcmp(cmd, "quotes") == 0)
    return cmd_run(argc - 1, argv + 1, true);
  if (strcmp(cmd, "html") == 0)
    return cmd_print(argc - 1, argv + 1, false);
  if (strcmp(cmd, "pdf") == 0)
    return cmd_print(argc - 1, argv + 1, true);
  if (strcmp(cmd, "mail") == 0)
    return cmd_mail(argc - 1, argv + 1);
  if (strcmp(cmd, "serve") == 0)
    return cmd_serve(argc - 1, argv + 1);
  if (strcmp(cmd, "batch") == 0)
    return cmd_batch(argc - 1, argv + 1);
  fprintf(stderr, "%s: unknown command '%s' (see presscut --help)\n", prog,
          cmd);
  return EX_USAGE;
}
