/* mail.c - presscut mail: compose, send, queue and flush. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
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

/* --tls for mail and serve: EX_OK, or the usage error (reported). */
int parse_tls(const char *arg, pc_tls *tls) {
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
    fail(EX_USAGE, "%s%s", err.msg[0] ? err.msg : "out of memory", "");
  return pw;
}

int cmd_mail(int argc, char **argv) {
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
    fprintf(stderr, "%s: outbox: %zu sent, %zu still waiting\n", PROG, sent,
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
    bool url = pc_is_url(argv[optind]);
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
                        "(presscut mail --flush-outbox)\n", PROG,
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
