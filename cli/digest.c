/* digest.c - presscut digest: the new entries of a list of feeds, fetched
 * and mailed as one digest; what was sent is kept in a small state file,
 * so the next run sends only what is new.  See docs/cmd/digest.md. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void usage_digest(FILE *f) {
  fprintf(f,
          "Usage: presscut digest --feeds FILE --to ADDR --from ADDR\n"
          "                       --smtp smtp://HOST:PORT [OPTIONS]\n"
          "       presscut digest --feeds FILE --to ADDR --from ADDR --dry-run -o OUT.eml\n"
          "\n"
          "Fetches every feed listed in FILE (one URL or path a line, # for\n"
          "comments; or an OPML export of a feed reader), takes the entries\n"
          "not sent before, fetches their pages (the feed's text when a page\n"
          "fails) and mails them as one digest: the contents in the message,\n"
          "the articles attached.  Nothing new: nothing sent, exit 0.\n"
          "\n"
          "Digest options:\n"
          "      --feeds FILE        the feeds (required; - for standard input)\n"
          "      --state FILE        what was sent (default\n"
          "                          $XDG_STATE_HOME/presscut/digest-HASH.state,\n"
          "                          HASH naming the feeds file)\n"
          "      --since DATE        entries dated DATE or later\n"
          "      --max N             at most the N newest entries of each feed\n"
          "      --attach KIND       pdf (default), epub or html\n"
          "      --subject TEXT      default: the feed's title (several: Digest)\n"
          "                          and the count of articles\n"
          "      --allow-private-fetch  let fetches reach loopback and\n"
          "                          private addresses (refused otherwise)\n"
          "      --dry-run           compose only: write it with -o, send nothing,\n"
          "                          keep the state as it was\n"
          "  -o, --output FILE       with --dry-run: the message (.eml)\n"
          "\n"
          "Mail options, as for mail: --to, --from, --smtp, --user,\n"
          "--password-file, --tls, --cacert, --smtp-timeout, --retries,\n"
          "--retry-wait, --outbox.  Layout options as for pdf; --timeout,\n"
          "--user-agent, --header for every fetch.\n"
          "  -h, --help              this help\n"
          "\n"
          "Exit status: 0 sent, or nothing new; 2 usage error; 3 no feed could\n"
          "be read; 4 delivery failed (the message waits in the outbox, and\n"
          "its entries count as sent); 5 internal error.\n");
}

enum {
  O_FEEDS = L_LAST, O_STATE, O_TO, O_FROM, O_SUBJECT, O_ATTACH, O_DRY
};

struct digest_args {
  struct extract_args a;
  struct feed_args fa;
  pc_mail_opts mo;
  pc_smtp_opts so;
  int fetch, dry;
  const char *feeds, *state, *outbox, *pwfile, *output, *attach;
};

/* One of digest's own options: -1 to go on, -2 unknown, else the exit
 * code. */
static int digest_opt(struct digest_args *d, int c, char *arg) {
  switch (c) {
  case O_FEEDS: d->feeds = arg; break;
  case O_STATE: d->state = arg; break;
  case O_TO: d->mo.to = arg; break;
  case O_FROM: d->mo.from = arg; break;
  case O_SUBJECT: d->mo.subject = arg; break;
  case O_ATTACH: d->attach = arg; break;
  case O_DRY: d->dry = 1; break;
  case 'o': d->output = arg; break;
  case 'h': usage_digest(stdout); return EX_OK;
  default: return -2;
  }
  return -1;
}

/* The command line into d: -1 to go on, else the exit code. */
static int parse_digest_args(int argc, char **argv, struct digest_args *d) {
  static const struct option lo[] = {
      LAYOUT_OPTIONS,
      INPUT_OPTIONS,
      FEED_OPTIONS,
      {"feeds", required_argument, NULL, O_FEEDS},
      {"state", required_argument, NULL, O_STATE},
      {"to", required_argument, NULL, O_TO},
      {"from", required_argument, NULL, O_FROM},
      SMTP_OPTIONS,
      {"subject", required_argument, NULL, O_SUBJECT},
      {"attach", required_argument, NULL, O_ATTACH},
      {"dry-run", no_argument, NULL, O_DRY},
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
    int rc = shared_opt(c, optarg, &d->mo.print, &d->fetch, &d->a);
    if (rc > 0)
      return rc;
    if (rc == EX_OK || (rc = feed_opt("digest", c, optarg, &d->fa)) == EX_OK ||
        (rc = smtp_opt("digest", c, optarg, &d->so, &d->pwfile,
                       &d->outbox)) == EX_OK)
      continue;
    if (rc > 0)
      return rc;
    rc = digest_opt(d, c, optarg);
    if (rc == -2)
      return bad_option("digest", "o:h", lo, argv);
    if (rc >= 0)
      return rc;
  }
  if (optind < argc)
    return usage_error("digest", "no INPUT: the feeds come from --feeds, "
                                 "not '%s'", argv[optind]);
  return -1;
}

/* A growable list of strings (malloc'd, owned). */
struct strlist {
  char **v;
  size_t n, cap;
};

static bool sl_add(struct strlist *l, const char *s, size_t n) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 16;
    char **v = realloc(l->v, cap * sizeof *v);
    if (!v)
      return false;
    l->v = v, l->cap = cap;
  }
  return (l->v[l->n] = strndup(s, n)) ? (l->n++, true) : false;
}

static void sl_free(struct strlist *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->v[i]);
  free(l->v);
  memset(l, 0, sizeof *l);
}

/* The feeds of FILE: an OPML list (XML), else one URL or path a line,
 * blank lines and # comments left out.  The exit code, errors reported. */
static int read_feed_list(const char *path, struct strlist *out) {
  char *data = NULL;
  size_t len = 0;
  pc_error err = {""};
  pc_status st = read_input(path, 4u * 1024u * 1024u, 15, &data, &len, &err);
  if (st != PC_OK)
    return fail(exit_code(st), "--feeds %s: %s", path, err.msg);
  size_t at = strspn(data, " \t\r\n\xef\xbb\xbf");
  int rc = EX_OK;
  if (at < len && data[at] == '<') {
    pc_feed *f = NULL;
    st = pc_feed_parse(data, len, NULL, &f, &err);
    if (st == PC_OK && pc_feed_type(f) != PC_FEED_OPML)
      st = PC_ERR_INPUT, snprintf(err.msg, sizeof err.msg, "a feed, not "
                                  "a list of feeds (OPML)");
    for (size_t i = 0; st == PC_OK && i < pc_feed_entry_count(f); i++) {
      const char *u = pc_feed_entry_at(f, i)->link;
      if (!sl_add(out, u, strlen(u)))
        st = PC_ERR_NOMEM, snprintf(err.msg, sizeof err.msg, "out of memory");
    }
    pc_feed_free(f);
    if (st != PC_OK)
      rc = fail(exit_code(st), "--feeds %s: %s", path, err.msg);
  } else {
    for (char *line = data; rc == EX_OK && line < data + len;) {
      char *nl = memchr(line, '\n', (size_t)(data + len - line));
      char *end = nl ? nl : data + len;
      while (line < end && (*line == ' ' || *line == '\t'))
        line++;
      char *e = end;
      while (e > line && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
      if (e > line && *line != '#' && !sl_add(out, line, (size_t)(e - line)))
        rc = fail(EX_INTERNAL, "out of memory%s%s", "", "");
      line = end + 1;
    }
  }
  free(data);
  if (rc == EX_OK && out->n == 0)
    rc = fail(EX_INPUT, "--feeds %s: %s", path, "no feed listed");
  return rc;
}

/* The state: the keys (an entry's id, else its link) of entries sent, a
 * line "KEY<TAB>SECONDS" each, the newest last. */
#define STATE_MAX_KEYS 50000u

struct state {
  struct strlist lines; /* as read, then the new ones */
  char **sorted;        /* the keys read, sorted, for bsearch */
  size_t nsorted;
};

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The key of an entry on one line: its id, else its link; tabs and line
 * ends as spaces. */
static char *entry_key(const pc_feed_entry *e) {
  char *k = strdup(e->id ? e->id : e->link);
  for (char *p = k; p && *p; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  return k;
}

static bool state_has(const struct state *s, const char *key) {
  return s->nsorted && bsearch(&key, s->sorted, s->nsorted, sizeof key,
                               cmp_str) != NULL;
}

/* The default state file of a feeds file: under $XDG_STATE_HOME (else
 * ~/.local/state)/presscut, named by a hash of the feeds file's path. */
static char *default_state(const char *feeds) {
  const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
  char *real = realpath(feeds, NULL);
  const char *name = real ? real : feeds;
  unsigned long long v = 1469598103934665603ull;
  for (const char *p = name; *p; p++)
    v = (v ^ (unsigned char)*p) * 1099511628211ull;
  free(real);
  char buf[4096];
  if (x && x[0] == '/')
    snprintf(buf, sizeof buf, "%s/presscut/digest-%016llx.state", x, v);
  else if (h && *h)
    snprintf(buf, sizeof buf, "%s/.local/state/presscut/digest-%016llx.state",
             h, v);
  else
    return NULL;
  return strdup(buf);
}

/* Reads the state file (none yet: empty).  The exit code. */
static int state_load(const char *path, struct state *s) {
  FILE *f = fopen(path, "r");
  if (!f && errno == ENOENT)
    return EX_OK;
  if (!f)
    return fail(EX_INPUT, "--state %s: %s", path, strerror(errno));
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int rc = EX_OK;
  while (rc == EX_OK && (n = getline(&line, &cap, f)) > 0) {
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    /* a line without its tab is no key of ours: left out */
    if (n && line[0] != '#' && strchr(line, '\t') &&
        !sl_add(&s->lines, line, (size_t)n))
      rc = fail(EX_INTERNAL, "out of memory%s%s", "", "");
  }
  free(line);
  fclose(f);
  s->sorted = calloc(s->lines.n + 1, sizeof *s->sorted);
  if (!s->sorted)
    return fail(EX_INTERNAL, "out of memory%s%s", "", "");
  for (size_t i = 0; i < s->lines.n; i++) {
    char *tab = strrchr(s->lines.v[i], '\t');
    if (tab)
      *tab = '\0'; /* the key alone, for bsearch; put back when saved */
    s->sorted[s->nsorted++] = s->lines.v[i];
  }
  qsort(s->sorted, s->nsorted, sizeof *s->sorted, cmp_str);
  return rc;
}

/* Makes the directories above path (mkdir -p of its folder). */
static void make_parents(const char *path) {
  char *d = strdup(path);
  for (char *p = d ? d + 1 : NULL; p && *p; p++)
    if (*p == '/') {
      *p = '\0';
      mkdir(d, 0700);
      *p = '/';
    }
  free(d);
}

/* Writes the state with the keys of this run: a temporary file, synced,
 * renamed over the old one (a crash leaves the old state or the new,
 * never half of one).  At most STATE_MAX_KEYS keys, the newest. */
static int state_save(const char *path, const struct state *s,
                      const struct strlist *added, long long now) {
  make_parents(path);
  size_t n = strlen(path) + 32;
  char *tmp = malloc(n);
  if (!tmp)
    return fail(EX_INTERNAL, "out of memory%s%s", "", "");
  snprintf(tmp, n, "%s.%ld.tmp", path, (long)getpid());
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  int rc = f ? EX_OK : fail(EX_INTERNAL, "--state %s: %s", tmp,
                            strerror(errno));
  size_t total = s->lines.n + added->n;
  size_t skip = total > STATE_MAX_KEYS ? total - STATE_MAX_KEYS : 0;
  if (f) {
    fputs("# presscut digest state: the entries sent (id or link, time)\n", f);
    for (size_t i = skip; i < s->lines.n; i++) {
      const char *k = s->lines.v[i];
      fprintf(f, "%s\t%s\n", k, k + strlen(k) + 1); /* the tab put back */
    }
    for (size_t i = skip > s->lines.n ? skip - s->lines.n : 0; i < added->n;
         i++)
      fprintf(f, "%s\t%lld\n", added->v[i], now);
    if (fflush(f) != 0 || fsync(fileno(f)) != 0)
      rc = fail(EX_INTERNAL, "--state %s: %s", tmp, strerror(errno));
    if (fclose(f) != 0 && rc == EX_OK)
      rc = fail(EX_INTERNAL, "--state %s: %s", tmp, strerror(errno));
  } else if (fd >= 0) {
    close(fd);
  }
  if (rc == EX_OK && rename(tmp, path) != 0)
    rc = fail(EX_INTERNAL, "--state %s: %s", path, strerror(errno));
  if (rc != EX_OK)
    unlink(tmp);
  free(tmp);
  return rc;
}

static void state_free(struct state *s) {
  sl_free(&s->lines);
  free(s->sorted);
}

/* What a run gathers: the new entries' documents and keys. */
struct digest {
  pc_doc **docs;
  size_t n, cap;
  struct strlist keys;  /* of the documents, and of entries met twice */
  size_t feeds_read, feeds_failed, known, failed, feeds_new;
  char *title;          /* the title of the first feed with new entries */
};

static void digest_free(struct digest *g) {
  for (size_t i = 0; i < g->n; i++)
    pc_doc_free(g->docs[i]);
  free(g->docs);
  sl_free(&g->keys);
  free(g->title);
}

/* Whether this run took key already (the same entry in two feeds). */
static bool taken(const struct digest *g, const char *key) {
  for (size_t i = 0; i < g->keys.n; i++)
    if (strcmp(g->keys.v[i], key) == 0)
      return true;
  return false;
}

/* Entry e's document into g unless sent before (the state) or taken in
 * this run.  False when out of memory. */
static bool take_entry(const pc_ctx *ctx, const struct digest_args *d,
                       const struct state *s, const pc_feed_entry *e,
                       struct digest *g) {
  char *key = entry_key(e);
  if (!key)
    return false;
  /* sent before, or met in this run, by its id or by its link (the same
   * article in two feeds has two ids, one page) */
  bool old = state_has(s, key) || taken(g, key) || state_has(s, e->link) ||
             taken(g, e->link);
  pc_doc *doc = NULL;
  if (old) {
    g->known++;
  } else {
    if (feed_progress())
      fprintf(stderr, "%s: [%zu] %s\n", PROG, g->n + g->failed + 1, e->link);
    if (feed_entry_doc(ctx, &d->a, &d->fa, e, &doc) != PC_OK)
      g->failed++; /* not kept: tried again next time */
  }
  bool ok = true;
  if (doc && g->n == g->cap) {
    size_t cap = g->cap ? 2 * g->cap : 16;
    pc_doc **v = realloc(g->docs, cap * sizeof *v);
    ok = v != NULL;
    if (v)
      g->docs = v, g->cap = cap;
  }
  if (doc && ok && (ok = sl_add(&g->keys, key, strlen(key))) &&
      strcmp(key, e->link) != 0 && !strpbrk(e->link, "\t\r\n"))
    ok = sl_add(&g->keys, e->link, strlen(e->link));
  if (doc && ok)
    g->docs[g->n++] = doc;
  else
    pc_doc_free(doc);
  free(key);
  return ok;
}

/* Every feed's new entries into g.  The exit code. */
static int gather(const pc_ctx *ctx, const struct digest_args *d,
                  const struct strlist *feeds, const struct state *s,
                  struct digest *g) {
  for (size_t i = 0; i < feeds->n; i++) {
    pc_feed *f = NULL;
    if (feed_read(&d->a, &d->fa, feeds->v[i], &f) != EX_OK) {
      g->feeds_failed++; /* reported; the other feeds go on */
      continue;
    }
    g->feeds_read++;
    size_t n = pc_feed_entry_count(f), before = g->n;
    const pc_feed_entry **picked = calloc(n ? n : 1, sizeof *picked);
    if (!picked) {
      pc_feed_free(f);
      return fail(EX_INTERNAL, "out of memory%s%s", "", "");
    }
    size_t k = feed_pick(f, &d->fa, picked);
    feed_tell(feeds->v[i], f, k);
    bool ok = true;
    for (size_t j = 0; ok && j < k; j++)
      ok = take_entry(ctx, d, s, picked[j], g);
    if (g->n > before && g->feeds_new++ == 0 && pc_feed_title(f))
      g->title = strdup(pc_feed_title(f));
    free(picked);
    pc_feed_free(f);
    if (!ok)
      return fail(EX_INTERNAL, "out of memory%s%s", "", "");
  }
  if (g->feeds_read == 0)
    return fail(EX_INPUT, "digest: %s%s", feeds->n == 1
                ? "the feed could not be read" : "no feed could be read", "");
  return EX_OK;
}

/* The message's own text: the digest's contents, each article's title,
 * site, date, description and link, as a page loaded like any other. */
static pc_status contents_doc(const pc_ctx *ctx, const struct digest *g,
                              const char *title, const char *when,
                              pc_doc **out, pc_error *err) {
  char *html = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&html, &len);
  if (!m)
    return PC_ERR_NOMEM;
  fputs("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>", m);
  html_esc(m, title);
  fputs("</title></head><body><article><h1>", m);
  html_esc(m, title);
  fprintf(m, "</h1>\n<p>%zu new article%s, %s: the articles are attached."
             "</p>\n", g->n, g->n == 1 ? "" : "s", when);
  for (size_t i = 0; i < g->n; i++) {
    const pc_doc *d = g->docs[i];
    const char *t = pc_doc_meta(d, PC_META_TITLE);
    const char *site = pc_doc_meta(d, PC_META_SITE);
    const char *date = pc_doc_meta(d, PC_META_DATE);
    const char *desc = pc_doc_meta(d, PC_META_DESCRIPTION);
    const char *url = pc_doc_meta(d, PC_META_URL);
    fprintf(m, "<h2>%zu. ", i + 1);
    html_esc(m, t ? t : url ? url : "An article");
    fputs("</h2>\n<p>", m);
    html_esc(m, site ? site : "");
    fputs(site && date ? ", " : "", m);
    html_esc(m, date ? date : "");
    fputs("</p>\n", m);
    if (desc) {
      fputs("<p>", m);
      html_esc(m, desc);
      fputs("</p>\n", m);
    }
    if (url) {
      fputs("<p><a href=\"", m);
      html_esc(m, url);
      fputs("\">", m);
      html_esc(m, url);
      fputs("</a></p>\n", m);
    }
  }
  fputs("</article></body></html>\n", m);
  if (fclose(m) != 0 || !html) {
    free(html);
    return PC_ERR_NOMEM;
  }
  pc_load_opts lo;
  pc_load_opts_init(&lo);
  lo.extract.content_type = "text/html; charset=utf-8";
  pc_status st = pc_load(ctx, html, len, &lo, out, err);
  free(html);
  return st;
}

/* The attachment of the digest by --attach: every article in one file.
 * (A kind added here is checked in attach_kind too.) */
static pc_status make_attachment(const char *kind, const struct digest *g,
                                 const pc_print_opts *po, char **data,
                                 size_t *len, const char **type,
                                 const char **ext, pc_error *err) {
  FILE *m = open_memstream(data, len);
  if (!m)
    return PC_ERR_NOMEM;
  const pc_doc *const *docs = (const pc_doc *const *)g->docs;
  pc_status st = PC_OK;
  if (strcmp(kind, "pdf") == 0) {
    *type = "application/pdf", *ext = "pdf";
    st = pc_pdf(docs, g->n, po, write_file, m, err);
  } else if (strcmp(kind, "epub") == 0) { /* for an e-reader */
    *type = "application/epub+zip", *ext = "epub";
    st = pc_epub(docs, g->n, po, write_file, m, err);
  } else { /* html */
    *type = "text/html", *ext = "html";
    if (feed_html(docs, g->n, po, m) != EX_OK)
      st = PC_ERR_INTERNAL;
  }
  if (fclose(m) != 0 && st == PC_OK)
    st = PC_ERR_NOMEM;
  return st;
}

/* Whether --attach names a kind make_attachment makes. */
static bool attach_kind(const char *kind) {
  return strcmp(kind, "pdf") == 0 || strcmp(kind, "epub") == 0 ||
         strcmp(kind, "html") == 0;
}

/* The digest composed (the contents as the message, the articles
 * attached) and sent, or written (--dry-run).  The exit code; *queued
 * says whether the message reached the outbox. */
static int send_digest(const pc_ctx *ctx, struct digest_args *d,
                       const struct digest *g, const char *box,
                       bool *queued) {
  char when[32], subject[512], name[64];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(when, sizeof when, "%Y-%m-%d", &tm);
  const char *title = g->feeds_new == 1 && g->title ? g->title : "Digest";
  pc_print_opts *po = &d->mo.print;
  if (!po->title)
    po->title = title;
  snprintf(subject, sizeof subject, "%s: %zu new article%s (%s)", po->title,
           g->n, g->n == 1 ? "" : "s", when);
  if (!d->mo.subject)
    d->mo.subject = subject;
  po->fetch_images = d->fetch != 0; /* the pages are URLs: on, unless told */
  po->deny_private_fetch = !d->fa.allow_private;
  po->warn = cli_warn;
  po->warn_closure = (void *)"digest";
  pc_error err = {""};
  pc_doc *cover = NULL;
  char *att = NULL, *msg = NULL;
  size_t att_len = 0, len = 0;
  const char *type = NULL, *ext = NULL;
  pc_status st = contents_doc(ctx, g, po->title, when, &cover, &err);
  if (st == PC_OK)
    st = make_attachment(d->attach, g, po, &att, &att_len, &type, &ext, &err);
  if (st == PC_OK) {
    snprintf(name, sizeof name, "digest-%s.%s", when, ext);
    d->mo.attachment = att, d->mo.attachment_len = att_len;
    d->mo.attachment_type = type, d->mo.attachment_name = name;
    st = pc_mail_compose(cover, &d->mo, &msg, &len, &err);
  }
  int rc;
  if (st != PC_OK)
    rc = fail(exit_code(st), "digest: %s%s", err.msg[0] ? err.msg
                                                        : pc_strerror(st), "");
  else if (d->dry)
    rc = mail_write_message(d->output, msg, len);
  else {
    rc = mail_deliver(box, d->mo.to, msg, len, &d->so, &err);
    *queued = rc == EX_OK || rc == EX_NET; /* EX_NET: it waits in box */
  }
  pc_free(msg);
  free(att);
  pc_doc_free(cover);
  return rc;
}

/* The checks before anything is fetched: the exit code, or -1. */
static int digest_check(const struct digest_args *d) {
  if (!d->feeds)
    return usage_error("digest", "--feeds FILE is required%s", "");
  if (!d->mo.to || !d->mo.from)
    return usage_error("digest", "--to and --from are required%s", "");
  if (!d->dry && !d->so.url)
    return usage_error("digest", "--smtp URL is required (or --dry-run)%s",
                       "");
  if (d->dry && !d->output)
    return usage_error("digest", "--dry-run writes the message with -o "
                                 "FILE%s", "");
  if (!attach_kind(d->attach))
    return usage_error("digest", "--attach: pdf, epub or html, not '%s'",
                       d->attach);
  if (d->fa.on)
    return usage_error("digest", "--feed: the feeds come from --feeds%s", "");
  pc_error err = {""};
  if (pc_mail_check_addresses(d->mo.to, NULL, &err) != PC_OK ||
      pc_mail_check_addresses(d->mo.from, NULL, &err) != PC_OK)
    return usage_error("digest", "%s", err.msg);
  return -1;
}

/* The run after the checks: feeds, state, pages, the message, the new
 * state.  The exit code. */
static int digest_run(struct digest_args *d, const char *state,
                      const char *box) {
  struct strlist feeds = {0};
  struct state s = {0};
  struct digest g = {0};
  pc_ctx *ctx = NULL;
  pc_error err = {""};
  int rc = read_feed_list(d->feeds, &feeds);
  if (rc == EX_OK)
    rc = state_load(state, &s);
  if (rc == EX_OK && pc_ctx_new(d->a.data_dir, &ctx, &err) != PC_OK)
    rc = fail(EX_INTERNAL, "%s%s", err.msg, "");
  if (rc == EX_OK)
    rc = gather(ctx, d, &feeds, &s, &g);
  if (rc == EX_OK && g.n == 0) {
    if (cli_verbosity() >= 0)
      fprintf(stderr, "%s: digest: nothing new: %zu feed%s read, %zu entr%s "
                      "sent before%s\n", PROG, g.feeds_read,
              g.feeds_read == 1 ? "" : "s", g.known,
              g.known == 1 ? "y" : "ies",
              g.failed ? ", the rest could not be loaded" : "");
    rc = g.failed ? EX_NET : EX_OK;
  } else if (rc == EX_OK) {
    bool queued = false;
    rc = send_digest(ctx, d, &g, box, &queued);
    /* queued: sent, or waiting in the outbox; either way not again */
    if (queued && !d->dry) {
      int src = state_save(state, &s, &g.keys, (long long)time(NULL));
      rc = rc == EX_OK ? src : rc;
    }
  }
  digest_free(&g);
  state_free(&s);
  sl_free(&feeds);
  pc_ctx_free(ctx);
  return rc;
}

int cmd_digest(int argc, char **argv) {
  struct digest_args d = {0};
  d.a = (struct extract_args){.format = PC_FORMAT_HTML,
                              .max_input = 32u * 1024u * 1024u,
                              .cmd = "digest"};
  d.fa = (struct feed_args)FEED_ARGS_INIT;
  d.fetch = -1;
  d.attach = "pdf";
  pc_mail_opts_init(&d.mo);
  pc_smtp_opts_init(&d.so);
  int rc = parse_digest_args(argc, argv, &d);
  if (rc >= 0)
    return rc;
  if ((rc = digest_check(&d)) >= 0)
    return rc;
  char *password = NULL;
  if (d.so.user && !(d.so.password = password = smtp_password(d.pwfile)))
    return EX_USAGE;
  char *state = d.state ? strdup(d.state) : default_state(d.feeds);
  char *box = d.outbox ? strdup(d.outbox) : default_outbox();
  if (!state)
    rc = usage_error("digest", "no state file: set --state or HOME%s", "");
  else if (!box && !d.dry)
    rc = usage_error("digest", "no outbox: set --outbox or HOME%s", "");
  else
    rc = digest_run(&d, state, box);
  free(state);
  free(box);
  free(password);
  return rc;
}
