/* serve.c - presscut serve. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>

static void usage_serve(FILE *f) {
  fprintf(f,
          "Usage: presscut serve [--listen 127.0.0.1:8080] [--smtp URL --from ADDR]\n"
          "                      [--allow-private-fetch] [--max-body BYTES] [--threads N]\n"
          "                      [--public-url URL] [--allowed-host NAME]... [--proxy URL]\n"
          "                      [--fetch-threads N] [--fetches-per-client N]\n"
          "                      [--base-path PATH] [--trusted-proxy ADDR[,ADDR...]]\n"
          "                      [--access-log FILE|-|off] [--log-client]\n"
          "                      [--db FILE|postgresql://...]\n"
          "\n"
          "Serves the page (built in) and its JSON API until interrupted:\n"
          "GET / (the page), GET /healthz, /readyz, POST /api/extract, /api/quotes,\n"
          "/api/pdf, /api/mail.  Bodies are JSON, or for extract, quotes and\n"
          "pdf the page itself (text/html or text/plain, options in the\n"
          "query string).  See docs/cmd/serve.md.\n"
          "\n"
          "Options:\n"
          "      --listen HOST:PORT     address to listen on (default\n"
          "                             127.0.0.1:8080; [::1]:8080 for IPv6;\n"
          "                             port 0 picks a free one, printed;\n"
          "                             unix:/PATH for a Unix socket, mode 0660)\n"
          "      --base-path PATH       serve the page and the API under PATH\n"
          "                             (/presscut/ behind a reverse proxy)\n"
          "      --trusted-proxy LIST   addresses or ADDR/BITS (and unix) whose\n"
          "                             X-Forwarded-For names the client\n"
          "      --access-log WHERE     one line per request to FILE, - (standard\n"
          "                             error, the default) or off\n"
          "      --log-client           the access log names the client address\n"
          "      --db DB                an archive (presscut index): the archive\n"
          "                             view at /archive and /api/archive/...\n"
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

static volatile int serve_stop;

static void on_signal(int sig) {
  (void)sig;
  serve_stop = 1;
}

/* serve's options, as parsed. */
struct serve_args {
  pc_serve_opts so;
  const char *hosts[64]; /* --allowed-host, borrowed from argv */
  const char *pwfile, *data_dir, *outbox, *access_log;
};

/* The start line, with a URL to click ("presscut: serving on
 * http://127.0.0.1:8080/presscut/"), and the port (or the Unix socket's
 * path) on standard output. */
static void on_ready(void *closure, unsigned port) {
  const struct serve_args *a = closure;
  const char *listen = a->so.listen ? a->so.listen : "127.0.0.1:8080";
  const char *base = a->so.base_path ? a->so.base_path : "/";
  while (*base == '/')
    base++;
  size_t blen = strlen(base);
  while (blen && base[blen - 1] == '/')
    blen--;
  if (strncmp(listen, "unix:", 5) == 0) {
    fprintf(stderr, "%s: serving on %s (the page at /%.*s%s)\n", PROG, listen,
            (int)blen, base, blen ? "/" : "");
    printf("%s\n", listen + 5);
  } else {
    int hlen = (int)(strrchr(listen, ':') - listen);
    fprintf(stderr, "%s: serving on http://%.*s:%u/%.*s%s\n", PROG, hlen,
            listen, port, (int)blen, base, blen ? "/" : "");
    printf("%u\n", port);
  }
  fflush(stdout);
}

/* The access log: one line, written whole (stdio locks the stream). */
static void log_line(void *closure, const char *line) {
  FILE *f = closure;
  fprintf(f, "%s\n", line);
  fflush(f);
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
    snprintf(range, sizeof range, "%s: %llu to %llu, not '%%s'", names[which],
             lo[which], hi[which]);
    return usage_error("serve", range, arg);
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

/* A whole number from lo to hi for option name into *out: EX_OK, or the
 * usage error (reported). */
static int int_opt(const char *name, const char *arg, int lo, int hi,
                   int *out) {
  char *end;
  long v = strtol(arg, &end, 10);
  if (*end || end == arg || v < lo || v > hi) {
    char range[96];
    snprintf(range, sizeof range, "--%s: %d to %d, not '%%s'", name, lo, hi);
    return usage_error("serve", range, arg);
  }
  *out = (int)v;
  return EX_OK;
}

enum { O_LISTEN = 256, O_SMTP, O_FROM, O_USER, O_PWFILE, O_TLS, O_CACERT,
       O_OUTBOX, O_RATE, O_PRIVATE, O_MAXBODY, O_THREADS, O_DATA,
       O_PUBLIC, O_ALLOWHOST, O_MAXRCPT, O_HOURRATE, O_PROXY,
       O_FETCHTHREADS, O_PERCLIENT, O_MAXCONN, O_PERADDR, O_HEADTO,
       O_BODYTO, O_INFLIGHT, O_BASE, O_TRUSTED, O_ACCESSLOG, O_LOGCLIENT, O_DB };
static const struct option serve_options[] = {
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
    {"base-path", required_argument, NULL, O_BASE},
    {"trusted-proxy", required_argument, NULL, O_TRUSTED},
    {"access-log", required_argument, NULL, O_ACCESSLOG},
    {"log-client", no_argument, NULL, O_LOGCLIENT},
    {"db", required_argument, NULL, O_DB},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* One option of serve into a: -1 when c is none, else EX_OK or the usage
 * error (reported). */
static int serve_opt(int c, const char *arg, struct serve_args *a) {
  pc_serve_opts *so = &a->so;
  switch (c) {
  case O_LISTEN: so->listen = arg; return EX_OK;
  case O_SMTP:
    if (!smtp_url(arg))
      return usage_error("serve", "--smtp: smtp://HOST:PORT or"
                                  " smtps://HOST:PORT, not '%s'", arg);
    so->smtp.url = arg;
    return EX_OK;
  case O_FROM: so->from = arg; return EX_OK;
  case O_USER: so->smtp.user = arg; return EX_OK;
  case O_PWFILE: a->pwfile = arg; return EX_OK;
  case O_TLS: return parse_tls("serve", arg, &so->smtp.tls);
  case O_CACERT: so->smtp.cacert = arg; return EX_OK;
  case O_OUTBOX: a->outbox = arg; return EX_OK;
  case O_RATE:
    return int_opt("mail-per-minute", arg, 1, 10000, &so->mail_per_minute);
  case O_MAXRCPT:
    return int_opt("max-recipients", arg, 1, 1000, &so->max_recipients);
  case O_HOURRATE:
    return int_opt("mail-per-hour", arg, 1, 100000, &so->mail_per_hour);
  case O_PRIVATE: so->allow_private_fetch = 1; return EX_OK;
  case O_MAXBODY:
    if (!parse_bytes(arg, &so->max_body) || so->max_body < 1024)
      return usage_error("serve", "--max-body: bytes (at least 1024), not '%s'", arg);
    return EX_OK;
  case O_THREADS: return int_opt("threads", arg, 1, 256, &so->threads);
  case O_FETCHTHREADS:
    return int_opt("fetch-threads", arg, 1, 256, &so->fetch_threads);
  case O_PERCLIENT:
    return int_opt("fetches-per-client", arg, 1, 1000,
                   &so->fetches_per_client);
  case O_DATA: a->data_dir = arg; return EX_OK;
  case O_PUBLIC: so->public_url = arg; return EX_OK;
  case O_PROXY:
    if (!strstr(arg, "://"))
      return usage_error("serve", "--proxy: a URL (http://HOST:PORT), not '%s'", arg);
    so->proxy = arg;
    return EX_OK;
  case O_ALLOWHOST:
    if (so->nallowed_hosts == sizeof a->hosts / sizeof *a->hosts || !*arg ||
        strpbrk(arg, ":/ "))
      return usage_error("serve", "--allowed-host: a host name (at most 64),"
                         " not '%s'", arg);
    a->hosts[so->nallowed_hosts++] = arg;
    so->allowed_hosts = a->hosts;
    return EX_OK;
  case O_MAXCONN: case O_PERADDR: case O_HEADTO: case O_BODYTO: case O_INFLIGHT:
    return serve_limit(c - O_MAXCONN, arg, so);
  case O_BASE: so->base_path = arg; return EX_OK;
  case O_TRUSTED: so->trusted_proxies = arg; return EX_OK;
  case O_ACCESSLOG:
    if (!*arg)
      return usage_error("serve", "--access-log: FILE, - or off, not '%s'", arg);
    a->access_log = arg;
    return EX_OK;
  case O_LOGCLIENT: so->log_client = 1; return EX_OK;
  case O_DB:
    if (!*arg)
      return usage_error("serve", "--db: an archive file or a postgresql:// URL%s", "");
    so->archive_db = arg;
    return EX_OK;
  default: return -1;
  }
}

/* Serves until SIGINT or SIGTERM. */
static pc_status run(struct serve_args *a, pc_error *err) {
  pc_ctx *ctx = NULL;
  FILE *log = NULL;
  const char *where = a->access_log ? a->access_log : "-";
  if (strcmp(where, "off") == 0)
    a->so.access_log = NULL;
  else if (strcmp(where, "-") == 0)
    a->so.access_log = log_line, a->so.access_log_closure = stderr;
  else if (!(log = fopen(where, "ae"))) {
    snprintf(err->msg, sizeof err->msg, "--access-log %.200s: %s", where,
             strerror(errno));
    return PC_ERR_IO;
  } else
    a->so.access_log = log_line, a->so.access_log_closure = log;
  pc_status st = pc_ctx_new(a->data_dir, &ctx, err);
  if (st == PC_OK) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    a->so.stop = &serve_stop;
    a->so.ready = on_ready;
    a->so.ready_closure = a;
    a->so.notify_systemd = 1; /* Type=notify (dist/systemd/presscut.service) */
    st = pc_serve(ctx, &a->so, err);
  }
  pc_ctx_free(ctx);
  if (log)
    fclose(log);
  return st;
}

int cmd_serve(int argc, char **argv) {
  struct serve_args a = {.pwfile = NULL};
  pc_serve_opts_init(&a.so);
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "h", serve_options, NULL)) != -1) {
    if (c == 'h') {
      usage_serve(stdout);
      return EX_OK;
    }
    int r = serve_opt(c, optarg, &a);
    if (r < 0)
      return bad_option("serve", "h", serve_options, argv);
    if (r != EX_OK)
      return r;
  }
  if (optind < argc)
    return usage_error("serve", "takes no INPUT, not '%s'", argv[optind]);
  pc_serve_opts *so = &a.so;
  if ((so->smtp.url != NULL) != (so->from != NULL))
    return usage_error("serve", "--smtp and --from go together%s", "");
  pc_error err = {""};
  if (so->from && pc_mail_check_addresses(so->from, NULL, &err) != PC_OK)
    return usage_error("serve", "--from: %s", err.msg);
  char *password = NULL;
  if (so->smtp.user &&
      !(so->smtp.password = password = smtp_password(a.pwfile)))
    return EX_USAGE;
  char *box = a.outbox ? strdup(a.outbox) : default_outbox();
  so->outbox = box;
  pc_status st = run(&a, &err);
  free(password);
  free(box);
  if (st != PC_OK)
    return fail(exit_code(st), "serve: %s%s", err.msg, "");
  return EX_OK;
}
