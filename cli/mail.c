/* mail.c - presscut mail: compose, send, queue and flush. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file presscut writes (an output, the outbox) that cannot be written,
 * a full disk say, is an I/O error, 5 (3 is for an input that cannot be
 * read). */
static int write_exit_code(pc_status st) {
  return st == PC_ERR_IO ? EX_INTERNAL : exit_code(st);
}

static void usage_mail(FILE *f) {
  fprintf(f,
          "Usage: presscut mail INPUT --to ADDR[,ADDR...] --from ADDR\n"
          "                     --smtp smtp://HOST:PORT|smtps://HOST:PORT [OPTIONS]\n"
          "       presscut mail --flush-outbox --smtp URL [OPTIONS]\n"
          "       presscut mail INPUT --to ADDR --from ADDR --dry-run -o MESSAGE.eml\n"
          "\n"
          "Sends the article: the sender's message and the article as plain\n"
          "text and HTML, with the PDF (or EPUB, or HTML) attached.  The\n"
          "message is stored in the outbox before it is sent and removed once\n"
          "the server accepted it; --flush-outbox sends what is waiting.\n"
          "Delivery is at\n"
          "least once: after a timeout or a kill while the server had it, it is\n"
          "sent again, with the same Message-ID.\n"
          "\n"
          "Mail options:\n"
          "      --to ADDRS          recipients, comma-separated (RFC 5322)\n"
          "      --from ADDR         the sender\n"
          "      --smtp URL          smtp://HOST:PORT or smtps://HOST:PORT\n"
          "      --user NAME         log in (AUTH) as NAME; the password comes\n"
          "                          from --password-file or $PRESSCUT_SMTP_PASSWORD;\n"
          "                          a server offering no AUTH is an error\n"
          "      --password-file F   the password, first line of F\n"
          "      --subject TEXT      default: the article's title\n"
          "      --message TEXT      the sender's words above the article\n"
          "      --attach KIND       pdf (default), epub (send to Kindle and\n"
          "                          other e-readers), html or none\n"
          "      --tls MODE          auto (STARTTLS when offered, default),\n"
          "                          required (never in clear) or off\n"
          "      --cacert FILE       CA certificates to verify the server with\n"
          "      --smtp-timeout S    seconds per attempt, every phase (30)\n"
          "      --retries N         attempts after a transient failure (default 3)\n"
          "      --retry-wait MS     first wait between attempts, doubled (1000)\n"
          "      --outbox DIR        default $XDG_DATA_HOME/presscut/outbox\n"
          "      --flush-outbox      send every message waiting in the outbox,\n"
          "                          each under the TLS mode and AUTH user it\n"
          "                          was queued with (the password: as above)\n"
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

/* The default outbox: $XDG_DATA_HOME/presscut/outbox, else under ~/.local. */
char *default_outbox(void) {
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

/* --tls of cmd (mail, digest, serve): EX_OK, or the usage error
 * (reported). */
int parse_tls(const char *cmd, const char *arg, pc_tls *tls) {
  if (strcmp(arg, "auto") == 0)
    *tls = PC_TLS_AUTO;
  else if (strcmp(arg, "required") == 0)
    *tls = PC_TLS_REQUIRED;
  else if (strcmp(arg, "off") == 0)
    *tls = PC_TLS_OFF;
  else
    return usage_error(cmd, "--tls: auto, required or off, not '%s'", arg);
  return EX_OK;
}

int smtp_opt(const char *cmd, int c, const char *arg, pc_smtp_opts *so,
             const char **pwfile, const char **outbox) {
  char *end;
  switch (c) {
  case S_SMTP:
    if (!smtp_url(arg))
      return usage_error(cmd, "--smtp: smtp://HOST:PORT or smtps://HOST:PORT,"
                              " not '%s'", arg);
    so->url = arg;
    return EX_OK;
  case S_USER: so->user = arg; return EX_OK;
  case S_PWFILE: *pwfile = arg; return EX_OK;
  case S_TLS: return parse_tls(cmd, arg, &so->tls) == EX_OK ? EX_OK : EX_USAGE;
  case S_CACERT: so->cacert = arg; return EX_OK;
  case S_SMTPTO:
    so->timeout_s = strtol(arg, &end, 10);
    if (*end || end == arg || so->timeout_s <= 0 || so->timeout_s > 3600)
      return usage_error(cmd, "--smtp-timeout: seconds, not '%s'", arg);
    return EX_OK;
  case S_RETRIES:
    so->retries = (int)strtol(arg, &end, 10);
    if (*end || end == arg || so->retries < 0 || so->retries > 20)
      return usage_error(cmd, "--retries: 0 to 20, not '%s'", arg);
    if (so->retries == 0)
      so->retries = -1; /* none (0 means the default in the options) */
    return EX_OK;
  case S_RETRYWAIT:
    so->retry_wait_ms = strtol(arg, &end, 10);
    if (*end || end == arg || so->retry_wait_ms <= 0 ||
        so->retry_wait_ms > 600000)
      return usage_error(cmd, "--retry-wait: milliseconds, not '%s'", arg);
    return EX_OK;
  case S_OUTBOX: *outbox = arg; return EX_OK;
  default: return -1;
  }
}

/* The SMTP password for --user, never from the command line: the first
 * line of --password-file, else $PRESSCUT_SMTP_PASSWORD.  NULL (reported
 * as a usage error) when neither gives one. */
char *smtp_password(const char *pwfile) {
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
    usage_error("mail", "%s", err.msg[0] ? err.msg : "out of memory");
  return pw;
}

/* mail's own options, after the shared ones (cli.h) */
enum {
  O_TO = L_LAST, O_FROM, O_SUBJECT, O_MESSAGE, O_ATTACH, O_FLUSH, O_DRY
};

/* The command line of mail. */
struct mail_args {
  struct extract_args a;
  pc_mail_opts mo; /* its print options: the layout options */
  pc_smtp_opts so;
  int fetch, flush, dry;
  const char *output, *outbox, *pwfile;
};

/* One of mail's own options into m: -1 to go on, else the exit code (the
 * help, or a usage error: reported). */
static int mail_opt(struct mail_args *m, int c, char *arg) {
  switch (c) {
  case O_TO: m->mo.to = arg; break;
  case O_FROM: m->mo.from = arg; break;
  case O_SUBJECT: m->mo.subject = arg; break;
  case O_MESSAGE: m->mo.message = arg; break;
  case O_ATTACH:
    if (strcmp(arg, "pdf") == 0)
      m->mo.attach = PC_ATTACH_PDF;
    else if (strcmp(arg, "html") == 0)
      m->mo.attach = PC_ATTACH_HTML;
    else if (strcmp(arg, "epub") == 0)
      m->mo.attach = PC_ATTACH_EPUB;
    else if (strcmp(arg, "none") == 0)
      m->mo.attach = PC_ATTACH_NONE;
    else
      return usage_error("mail", "--attach: pdf, epub, html or none, not "
                                 "'%s'", arg);
    break;
  case O_FLUSH: m->flush = 1; break;
  case O_DRY: m->dry = 1; break;
  case 'o': m->output = arg; break;
  case 'h': usage_mail(stdout); return EX_OK;
  default: return -2; /* getopt's '?' or ':' */
  }
  return -1;
}

/* The command line into m: -1 to go on, else the exit code. */
static int parse_mail_args(int argc, char **argv, struct mail_args *m) {
  static const struct option lo[] = {
      LAYOUT_OPTIONS,
      INPUT_OPTIONS,
      {"to", required_argument, NULL, O_TO},
      {"from", required_argument, NULL, O_FROM},
      SMTP_OPTIONS,
      {"subject", required_argument, NULL, O_SUBJECT},
      {"message", required_argument, NULL, O_MESSAGE},
      {"attach", required_argument, NULL, O_ATTACH},
      {"flush-outbox", no_argument, NULL, O_FLUSH},
      {"dry-run", no_argument, NULL, O_DRY},
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  m->a = (struct extract_args){.format = PC_FORMAT_HTML,
                               .max_input = 32u * 1024u * 1024u,
                               .cmd = "mail"};
  pc_mail_opts_init(&m->mo);
  pc_smtp_opts_init(&m->so);
  m->fetch = -1, m->flush = 0, m->dry = 0;
  m->output = NULL, m->outbox = NULL, m->pwfile = NULL;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
    int rc = shared_opt(c, optarg, &m->mo.print, &m->fetch, &m->a);
    if (rc > 0)
      return rc;
    if (rc == EX_OK ||
        (rc = smtp_opt("mail", c, optarg, &m->so, &m->pwfile, &m->outbox)) ==
            EX_OK)
      continue;
    if (rc > 0)
      return rc;
    rc = mail_opt(m, c, optarg);
    if (rc == -2)
      return bad_option("mail", "o:h", lo, argv);
    if (rc >= 0)
      return rc;
  }
  return -1;
}

/* --flush-outbox: sends what waits in box. */
static int mail_flush(const struct mail_args *m, int argc, const char *box) {
  if (optind < argc || !m->so.url)
    return usage_error("mail", "--flush-outbox takes --smtp and no INPUT%s", "");
  size_t sent = 0, failed = 0;
  if (!box)
    return usage_error("mail", "no outbox: set --outbox or HOME%s", "");
  pc_error err = {""};
  pc_status st = pc_outbox_flush(box, NULL, &m->so, &sent, &failed, &err);
  fprintf(stderr, "%s: outbox: %zu sent, %zu still waiting\n", PROG, sent,
          failed);
  int rc = EX_OK;
  if (st != PC_OK)
    rc = fail(exit_code(st), "%s%s", err.msg, "");
  return rc;
}

/* --dry-run: the message into output ("-": stdout). */
int mail_write_message(const char *output, const char *msg, size_t len) {
  int rc = EX_OK;
  FILE *f = strcmp(output, "-") == 0 ? stdout : fopen(output, "wb");
  if (!f || fwrite(msg, 1, len, f) != len || fflush(f) != 0)
    rc = fail(write_exit_code(PC_ERR_IO), "%s: cannot write: %s", output,
              strerror(errno));
  if (f && f != stdout && fclose(f) != 0 && rc == EX_OK)
    rc = fail(write_exit_code(PC_ERR_IO), "%s: cannot write: %s", output,
              strerror(errno));
  return rc;
}

/* The value of the message's header h (in its header part), up to the end
 * of its line, into buf; "" when it has none. */
static void header_value(const char *msg, size_t len, const char *h,
                         char *buf, size_t n) {
  size_t hl = strlen(h);
  buf[0] = '\0';
  for (const char *p = msg; p && p < msg + len;) {
    const char *nl = memchr(p, '\n', (size_t)(msg + len - p));
    size_t ll = nl ? (size_t)(nl - p) : (size_t)(msg + len - p);
    if (ll == 0 || (ll == 1 && p[0] == '\r'))
      return; /* the end of the headers */
    if (ll > hl && p[hl] == ':' && strncasecmp(p, h, hl) == 0) {
      const char *v = p + hl + 1;
      while (v < p + ll && *v == ' ')
        v++;
      size_t vl = (size_t)(p + ll - v);
      while (vl && (v[vl - 1] == '\r' || v[vl - 1] == ' '))
        vl--;
      snprintf(buf, n, "%.*s", (int)vl, v);
      return;
    }
    p = nl ? nl + 1 : NULL;
  }
}

/* The message into the outbox box, with the policy it is sent under (the
 * TLS mode and the AUTH user, never the password), then sent from there:
 * one line says so; when it is not sent, it waits there (reported). */
int mail_deliver(const char *box, const char *to, const char *msg,
                   size_t len, const pc_smtp_opts *so, pc_error *err) {
  int rc = EX_OK;
  char *name = NULL;
  pc_status st = pc_outbox_queue(box, msg, len, so, &name, err);
  if (st != PC_OK) {
    rc = fail(write_exit_code(st), "outbox: %s%s", err->msg, "");
  } else {
    size_t sent = 0, failed = 0;
    st = pc_outbox_flush(box, name, so, &sent, &failed, err);
    if (st != PC_OK || sent != 1) {
      /* one line: why, and where the message waits */
      fprintf(stderr, "%s: not sent: %s; the message waits in %s/%s "
                      "(presscut mail --flush-outbox)\n", PROG,
              err->msg[0] ? err->msg : "delivery failed", box, name);
      rc = EX_NET;
    } else if (cli_verbosity() >= 0) {
      char id[512];
      header_value(msg, len, "Message-ID", id, sizeof id);
      fprintf(stderr, "%s: sent to %s (%zu KB%s%s)\n", PROG, to,
              (len + 1023) / 1024, id[0] ? ", message-id " : "", id);
    }
  }
  pc_free(name);
  return rc;
}

/* mail INPUT: checks the options and the addresses, loads the input,
 * composes the message and writes it (--dry-run) or delivers it. */
static int mail_send(struct mail_args *m, int argc, char **argv,
                     const char *box) {
  if (optind + 1 != argc)
    return usage_error("mail", optind == argc ? "one INPUT is needed%s"
                                              : "one INPUT only, not '%s' too",
                       optind == argc ? "" : argv[optind + 1]);
  if (!m->mo.to || !m->mo.from)
    return usage_error("mail", "--to and --from are required%s", "");
  if (!m->dry && !m->so.url)
    return usage_error("mail", "--smtp URL is required (or --dry-run)%s", "");
  if (m->dry && !m->output)
    return usage_error("mail", "--dry-run writes the message with -o FILE%s", "");
  /* addresses first: an invalid one sends nothing */
  pc_error err = {""};
  pc_status st = pc_mail_check_addresses(m->mo.to, NULL, &err);
  if (st == PC_OK)
    st = pc_mail_check_addresses(m->mo.from, NULL, &err);
  if (st != PC_OK)
    return usage_error("mail", "%s", err.msg);
  const char *input = argv[optind];
  pc_ctx *ctx = NULL;
  st = pc_ctx_new(m->a.data_dir, &ctx, &err);
  pc_doc *doc = NULL;
  if (st == PC_OK)
    st = load_doc(ctx, &m->a, input, &doc, &err);
  char *dir = NULL;
  char *msg = NULL;
  size_t len = 0;
  if (st == PC_OK) {
    pc_print_opts *po = &m->mo.print;
    bool url = pc_is_url(input);
    dir = url || strcmp(input, "-") == 0 ? NULL : dir_of(input);
    po->fetch_images = m->fetch < 0 ? url : m->fetch;
    po->base_dir = dir;
    po->warn = cli_warn;
    po->warn_closure = argv[optind];
    st = pc_mail_compose(doc, &m->mo, &msg, &len, &err);
  }
  int rc;
  if (st != PC_OK) {
    report(input, err.msg[0] ? err.msg : pc_strerror(st)); /* a URL once */
    rc = exit_code(st);
  } else if (m->dry)
    rc = mail_write_message(m->output, msg, len);
  else if (!box)
    rc = usage_error("mail", "no outbox: set --outbox or HOME%s", "");
  else
    rc = mail_deliver(box, m->mo.to, msg, len, &m->so, &err);
  pc_free(msg);
  free(dir);
  pc_doc_free(doc);
  pc_ctx_free(ctx);
  return rc;
}

int cmd_mail(int argc, char **argv) {
  struct mail_args m;
  int rc = parse_mail_args(argc, argv, &m);
  if (rc >= 0)
    return rc;
  char *password = NULL;
  if (m.so.user && !(m.so.password = password = smtp_password(m.pwfile)))
    return EX_USAGE;
  /* a flush may send messages queued with AUTH as their user: the
   * password is given as for a send, without --user too */
  if (m.flush && !m.so.user && (m.pwfile || getenv("PRESSCUT_SMTP_PASSWORD")) &&
      !(m.so.password = password = smtp_password(m.pwfile)))
    return EX_USAGE;
  char *box = m.outbox ? strdup(m.outbox) : default_outbox();
  if (m.flush)
    rc = mail_flush(&m, argc, box);
  else
    rc = mail_send(&m, argc, argv, box);
  free(password);
  free(box);
  return rc;
}
