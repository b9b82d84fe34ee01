/* feed.c - a feed as input: the feed read (a file, - or a URL) and parsed,
 * each entry's page fetched and loaded, the feed's own text standing in
 * for a page that fails.  pdf, html (print.c), batch, index and digest
 * call it; see docs/cmd/pdf.md, "Feeds". */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The most bytes of a feed read here (the library refuses more, too). */
#define FEED_MAX_BYTES (16u * 1024u * 1024u)

/* The fetch options of every URL a feed input reaches: the input
 * options, and private addresses refused unless allowed. */
static void fetch_opts(const struct extract_args *a,
                       const struct feed_args *fa, pc_fetch_opts *fo) {
  pc_fetch_opts_init(fo);
  if (a->timeout > 0)
    fo->timeout_s = a->timeout;
  fo->user_agent = a->user_agent;
  fo->headers = a->nheaders ? a->headers : NULL;
  fo->deny_private = !fa->allow_private;
}

bool feed_progress(void) { return cli_verbosity() >= 0; }

int feed_read(const struct extract_args *a, const struct feed_args *fa,
              const char *input, pc_feed **out) {
  pc_error err = {""};
  size_t cap = a->max_input && a->max_input < FEED_MAX_BYTES
                   ? a->max_input : FEED_MAX_BYTES;
  char *data = NULL;
  size_t len = 0;
  const char *url = NULL;
  pc_fetch_result *res = NULL;
  pc_status st;
  if (pc_is_url(input)) {
    pc_fetch_opts fo;
    fetch_opts(a, fa, &fo);
    fo.max_bytes = cap;
    st = pc_fetch(input, &fo, &res, &err);
    if (st == PC_OK) {
      data = res->body, len = res->body_len;
      url = res->final_url ? res->final_url : input;
    }
  } else {
    st = read_input(input, cap, a->timeout > 0 ? a->timeout : 15, &data,
                    &len, &err);
  }
  if (st == PC_OK)
    st = pc_feed_parse(data, len, url, out, &err);
  if (res)
    pc_fetch_result_free(res);
  else
    free(data);
  if (st != PC_OK) {
    report(input, err.msg[0] ? err.msg : pc_strerror(st));
    return exit_code(st);
  }
  return EX_OK;
}

/* Whether entry e passes --since. */
static bool recent(const pc_feed_entry *e, const struct feed_args *fa) {
  return fa->since < 0 || e->time < 0 || e->time >= fa->since;
}

size_t feed_pick(const pc_feed *f, const struct feed_args *fa,
                 const pc_feed_entry **picked) {
  size_t n = pc_feed_entry_count(f), k = 0;
  for (size_t i = 0; i < n; i++) {
    const pc_feed_entry *e = pc_feed_entry_at(f, i);
    if (recent(e, fa))
      picked[k++] = e;
  }
  /* --max N: the N newest (an undated entry counts as the oldest), in
   * the feed's order */
  while (fa->max && k > fa->max) {
    size_t old = 0;
    for (size_t i = 1; i < k; i++)
      if (picked[i]->time <= picked[old]->time)
        old = i;
    memmove(&picked[old], &picked[old + 1], (k - old - 1) * sizeof *picked);
    k--;
  }
  return k;
}

void feed_tell(const char *input, const pc_feed *f, size_t picked) {
  if (!feed_progress())
    return;
  size_t n = pc_feed_entry_count(f);
  size_t nolink = pc_feed_skipped_nolink(f), dup = pc_feed_skipped_dup(f);
  fprintf(stderr, "%s: %s: %zu entr%s", PROG, input, n, n == 1 ? "y" : "ies");
  if (picked != n)
    fprintf(stderr, ", %zu taken (--since, --max)", picked);
  if (nolink || dup)
    fprintf(stderr, "; skipped: %zu without a link, %zu repeated", nolink,
            dup);
  fputc('\n', stderr);
}

/* The load options of an entry's page. */
static void load_opts(const struct extract_args *a, const struct feed_args *fa,
                      pc_load_opts *lo) {
  pc_load_opts_init(lo);
  lo->extract.max_input = a->max_input;
  lo->cut = a->cut;
  lo->attribution = a->attribution;
  lo->date = a->date;
  fetch_opts(a, fa, &lo->fetch);
}

/* The warning of a page that failed (why) and is replaced by the feed's
 * text: the URL said once. */
static void warn_fallback(const char *link, const char *why) {
  size_t ll = strlen(link);
  if (strncmp(why, link, ll) == 0 && strncmp(why + ll, ": ", 2) == 0)
    why += ll + 2;
  char msg[512];
  snprintf(msg, sizeof msg, "%s; the feed's text stands in for it", why);
  cli_warning(link, msg);
}

/* msg into err; PC_ERR_INPUT. */
static pc_status input_error(pc_error *err, const char *msg) {
  snprintf(err->msg, sizeof err->msg, "%s", msg);
  return PC_ERR_INPUT;
}

/* The entry's own text (content, else summary) as its document. */
static pc_status entry_fallback(const pc_ctx *ctx, const pc_load_opts *lo0,
                                const pc_feed_entry *e, pc_doc **doc,
                                pc_error *err) {
  size_t len = 0;
  char *page = pc_feed_entry_page(e, &len);
  if (!page)
    return PC_ERR_NOMEM;
  pc_load_opts lo = *lo0;
  lo.extract.url = e->link;
  lo.extract.content_type = "text/html; charset=utf-8";
  pc_status st = pc_load(ctx, page, len, &lo, doc, err);
  pc_free(page);
  if (st == PC_OK && pc_doc_block_count(*doc) == 0) {
    pc_doc_free(*doc);
    *doc = NULL;
    st = input_error(err, "the feed has no text for it either");
  }
  return st;
}

pc_status feed_entry_doc(const pc_ctx *ctx, const struct extract_args *a,
                         const struct feed_args *fa, const pc_feed_entry *e,
                         pc_doc **doc) {
  pc_load_opts lo;
  load_opts(a, fa, &lo);
  pc_error err = {""};
  pc_status st = pc_load_url(ctx, e->link, &lo, doc, &err);
  if (st == PC_OK && pc_doc_block_count(*doc) == 0) {
    pc_doc_free(*doc);
    *doc = NULL;
    st = input_error(&err, "no article found");
  }
  if (st == PC_OK)
    return st;
  warn_fallback(e->link, err.msg[0] ? err.msg : pc_strerror(st));
  err.msg[0] = '\0';
  st = entry_fallback(ctx, &lo, e, doc, &err);
  if (st != PC_OK)
    report(e->link, err.msg[0] ? err.msg : pc_strerror(st));
  return st;
}

int feed_load_docs(const pc_ctx *ctx, const struct extract_args *a,
                   const struct feed_args *fa, const char *input,
                   struct feed_docs *out) {
  memset(out, 0, sizeof *out);
  pc_feed *f = NULL;
  int rc = feed_read(a, fa, input, &f);
  if (rc != EX_OK)
    return rc;
  size_t n = pc_feed_entry_count(f);
  const pc_feed_entry **picked = calloc(n ? n : 1, sizeof *picked);
  out->docs = calloc(n ? n : 1, sizeof *out->docs);
  if (!picked || !out->docs) {
    free(picked);
    pc_feed_free(f);
    return fail(EX_INTERNAL, "out of memory%s%s", "", "");
  }
  size_t k = feed_pick(f, fa, picked);
  feed_tell(input, f, k);
  for (size_t i = 0; i < k; i++) {
    if (feed_progress())
      fprintf(stderr, "%s: [%zu/%zu] %s\n", PROG, i + 1, k, picked[i]->link);
    if (feed_entry_doc(ctx, a, fa, picked[i], &out->docs[out->n]) == PC_OK)
      out->n++;
    else
      out->failed++;
  }
  const char *t = pc_feed_title(f);
  out->title = t ? strdup(t) : NULL;
  free(picked);
  pc_feed_free(f);
  if (out->n == 0)
    return fail(EX_INPUT, "%s: %s", input,
                k ? "no entry could be loaded" : "no entries to take");
  return EX_OK;
}

void feed_docs_free(struct feed_docs *d) {
  for (size_t i = 0; i < d->n; i++)
    pc_doc_free(d->docs[i]);
  free(d->docs);
  free(d->title);
  memset(d, 0, sizeof *d);
}

int feed_opt(const char *cmd, int c, const char *arg, struct feed_args *fa) {
  switch (c) {
  case F_FEED: fa->on = 1; return EX_OK;
  case F_SINCE:
    if (!pc_feed_date(arg, &fa->since))
      return usage_error(cmd, "--since: a date (YYYY-MM-DD, RFC 3339 or RFC "
                              "822), not '%s'", arg);
    return EX_OK;
  case F_MAX:
    if (!parse_bytes(arg, &fa->max) || fa->max == 0)
      return usage_error(cmd, "--max: a number of entries, not '%s'", arg);
    return EX_OK;
  case F_PRIVATE: fa->allow_private = 1; return EX_OK;
  default: return -1;
  }
}

int feed_check(const char *cmd, const struct feed_args *fa, int ninputs) {
  if (fa->on && ninputs > 1)
    return usage_error(cmd, "--feed takes one FEED, not %s", "several");
  if (!fa->on && (fa->since >= 0 || fa->max))
    return usage_error(cmd, "--since and --max go with --feed%s", "");
  if (!fa->on && fa->allow_private)
    return usage_error(cmd, "--allow-private-fetch goes with --feed%s", "");
  return EX_OK;
}

/* s with &, <, > and " escaped, onto f. */
void html_esc(FILE *f, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    default: fputc(*s, f);
    }
  }
}

/* The part of a print HTML page inside <body>...</body>. */
static const char *body_of(const char *html, size_t *n) {
  const char *b = strstr(html, "<body");
  b = b ? strchr(b, '>') : NULL;
  const char *e = b ? strstr(b, "</body>") : NULL;
  if (!b || !e) {
    *n = strlen(html);
    return html;
  }
  *n = (size_t)(e - (b + 1));
  return b + 1;
}

int feed_html(const pc_doc *const *docs, size_t ndocs,
              const pc_print_opts *po, FILE *out) {
  pc_error err = {""};
  const char *title = po->title ? po->title : "Digest";
  for (size_t i = 0; i < ndocs; i++) {
    char *h = NULL;
    size_t hl = 0;
    pc_status st = pc_print_html(docs[i], po, &h, &hl, &err);
    if (st != PC_OK)
      return fail(exit_code(st), "%s%s", err.msg, "");
    if (i == 0) { /* the first page's head (its style) serves them all */
      const char *b = strstr(h, "<body");
      b = b ? strchr(b, '>') : NULL;
      fwrite(h, 1, b ? (size_t)(b + 1 - h) : 0, out);
      fputs("\n<header class=\"pc-digest\"><h1>", out);
      html_esc(out, title);
      fputs("</h1>\n<ol>\n", out);
      for (size_t k = 0; k < ndocs; k++) {
        const char *t = pc_doc_meta(docs[k], PC_META_TITLE);
        fprintf(out, "<li><a href=\"#pc-article-%zu\">", k + 1);
        html_esc(out, t ? t : pc_doc_meta(docs[k], PC_META_URL));
        fputs("</a></li>\n", out);
      }
      fputs("</ol></header>\n", out);
    }
    size_t bl;
    const char *body = body_of(h, &bl);
    fprintf(out, "<section id=\"pc-article-%zu\" style=\"break-before: "
                 "page\">", i + 1);
    fwrite(body, 1, bl, out);
    fputs("</section>\n", out);
    pc_free(h);
  }
  fputs("</body></html>\n", out);
  return EX_OK;
}

/* s (n bytes) as a JSON string onto f: valid UTF-8 kept, control
 * characters escaped, a byte that is no UTF-8 as U+FFFD (a page in a
 * legacy charset loses those characters: JSON Lines hold UTF-8). */
static void json_str(FILE *f, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  fputc('"', f);
  while (p < end) {
    unsigned char c = *p;
    size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
               : (c >> 3) == 30 ? 4 : 0;
    bool ok = k && (size_t)(end - p) >= k;
    for (size_t i = 1; ok && i < k; i++)
      ok = (p[i] & 0xc0) == 0x80;
    if (ok && k == 2)
      ok = c >= 0xc2; /* no overlong forms */
    if (ok && k == 3)
      ok = !(c == 0xe0 && p[1] < 0xa0) && !(c == 0xed && p[1] >= 0xa0);
    if (ok && k == 4)
      ok = c <= 0xf4 && !(c == 0xf0 && p[1] < 0x90) &&
           !(c == 0xf4 && p[1] >= 0x90);
    if (!ok) {
      fputs("\\ufffd", f);
      p++;
    } else if (c == '"' || c == '\\') {
      fputc('\\', f), fputc(c, f), p++;
    } else if (c < 0x20 || c == 0x7f) {
      fprintf(f, "\\u%04x", c), p++;
    } else {
      fwrite(p, 1, k, f), p += k;
    }
  }
  fputc('"', f);
}

/* One entry's page (or the feed's text for it) as a JSON line. */
static void entry_line(const struct extract_args *a,
                       const struct feed_args *fa, const pc_feed_entry *e,
                       FILE *out) {
  pc_fetch_opts fo;
  fetch_opts(a, fa, &fo);
  pc_fetch_result *res = NULL;
  pc_error err = {""};
  pc_status st = pc_fetch(e->link, &fo, &res, &err);
  fputs("{\"url\": ", out);
  if (st == PC_OK) {
    const char *u = res->final_url ? res->final_url : e->link;
    json_str(out, u, strlen(u));
    fputs(", \"html\": ", out);
    json_str(out, res->body, res->body_len);
  } else {
    warn_fallback(e->link, err.msg[0] ? err.msg : pc_strerror(st));
    size_t len = 0;
    char *page = pc_feed_entry_page(e, &len);
    json_str(out, e->link, strlen(e->link));
    fputs(", \"html\": ", out);
    json_str(out, page ? page : "", page ? len : 0);
    pc_free(page);
  }
  fputs("}\n", out);
  pc_fetch_result_free(res);
}

/* One feed input into the JSON Lines file path: the exit code. */
static int feed_to_jsonl(const struct feed_args *fa, const char *input,
                         const char *path) {
  struct extract_args a = {.format = PC_FORMAT_HTML,
                           .max_input = FEED_MAX_BYTES};
  pc_feed *f = NULL;
  int rc = feed_read(&a, fa, input, &f);
  if (rc != EX_OK)
    return rc;
  size_t n = pc_feed_entry_count(f);
  const pc_feed_entry **picked = calloc(n ? n : 1, sizeof *picked);
  FILE *out = picked ? fopen(path, "w") : NULL;
  if (!out)
    rc = fail(EX_INTERNAL, "%s: cannot write: %s", path, "no room");
  size_t k = out ? feed_pick(f, fa, picked) : 0;
  if (out)
    feed_tell(input, f, k);
  for (size_t i = 0; i < k; i++) {
    if (feed_progress())
      fprintf(stderr, "%s: [%zu/%zu] %s\n", PROG, i + 1, k, picked[i]->link);
    entry_line(&a, fa, picked[i], out);
  }
  if (out && (fflush(out) != 0 || ferror(out)))
    rc = fail(EX_INTERNAL, "%s: cannot write: %s", path, "write error");
  if (out)
    fclose(out);
  free(picked);
  pc_feed_free(f);
  return rc;
}

int feed_jsonl(const struct feed_args *fa, const char *const *inputs,
               size_t n, struct feed_jsonl *out) {
  memset(out, 0, sizeof *out);
  const char *tmp = getenv("TMPDIR");
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/presscut-feed-XXXXXX",
           tmp && tmp[0] == '/' ? tmp : "/tmp");
  if (!mkdtemp(dir))
    return fail(EX_INTERNAL, "%s: cannot make a temporary folder: %s", dir,
                "mkdtemp failed");
  out->dir = strdup(dir);
  out->paths = calloc(n ? n : 1, sizeof *out->paths);
  if (!out->dir || !out->paths)
    return fail(EX_INTERNAL, "out of memory%s%s", "", "");
  int rc = EX_OK;
  for (size_t i = 0; rc == EX_OK && i < n; i++) {
    size_t len = strlen(dir) + 32;
    out->paths[i] = malloc(len);
    if (!out->paths[i])
      return fail(EX_INTERNAL, "out of memory%s%s", "", "");
    snprintf(out->paths[i], len, "%s/feed-%zu.jsonl", dir, i + 1);
    out->n = i + 1;
    rc = feed_to_jsonl(fa, inputs[i], out->paths[i]);
  }
  return rc;
}

void feed_jsonl_done(struct feed_jsonl *j) {
  for (size_t i = 0; i < j->n; i++)
    unlink(j->paths[i]);
  for (size_t i = 0; j->paths && i < j->n; i++)
    free(j->paths[i]);
  if (j->dir)
    rmdir(j->dir);
  free(j->paths);
  free(j->dir);
  memset(j, 0, sizeof *j);
}

int feed_opt_else(const char *cmd, int c, struct feed_args *fa,
                  const char *shortopts, const struct option *lo,
                  char **argv) {
  int rc = feed_opt(cmd, c, optarg, fa);
  return rc == -1 ? bad_option(cmd, shortopts, lo, argv) : rc == EX_OK ? -1
                                                                         : rc;
}
