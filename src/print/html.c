/* html.c - the print-ready HTML: one self-contained file with inline CSS
 * (@page size and margins, the chosen text and image sizes, running
 * header and footer for browsers that print CSS margin boxes), the
 * article's blocks exactly as the document model holds them, a source
 * line, and optionally the who-said-what appendix.  Nothing from the
 * original page is copied through: element and attribute names are ours,
 * URLs pass pc_html_url_safe, text is escaped. */
#include "print.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

struct img_ctx {
  const pc_print_opts *opts;
  const char *doc_url;
  int embed;
  size_t nimages;
  struct pc_imgset set; /* the call's images, each read once */
  pc_status fatal; /* out of memory only */
};

static void esc(struct pc_buf *b, const char *s) {
  if (s)
    pc_html_esc(b, s, strlen(s));
}

static void warn(const pc_print_opts *o, const char *fmt, const char *a) {
  if (!o->warn)
    return;
  char msg[512];
  snprintf(msg, sizeof msg, fmt, a);
  o->warn(o->warn_closure, msg);
}

static void img_html(void *closure, const pc_block *bl, struct pc_buf *b) {
  struct img_ctx *c = closure;
  if (!bl->src)
    return;
  if (!c->embed) {
    if (!pc_html_url_safe(bl->src, true))
      return;
    pc_buf_adds(b, "<img src=\"");
    esc(b, bl->src);
    pc_buf_adds(b, "\" alt=\"");
    esc(b, bl->alt);
    pc_buf_adds(b, "\">");
    return;
  }
  if (++c->nimages > PC_MAX_IMAGES) {
    warn(c->opts, "image left out: more than %s images", "500");
    return;
  }
  const struct pc_image *img = NULL; /* borrowed from c->set */
  pc_status ist = pc_imgset_get(&c->set, bl->src, c->doc_url,
                                 c->opts->base_dir, &img);
  if (ist == PC_ERR_NOMEM)
    c->fatal = PC_ERR_NOMEM;
  if (ist != PC_OK)
    return; /* warned, or counted for one warning at the end */
  gchar *b64 = g_base64_encode(img->data, img->len);
  if (b64) {
    pc_buf_printf(b, "<img src=\"data:%s;base64,", pc_image_mime(img->kind));
    pc_buf_adds(b, b64);
    pc_buf_printf(b, "\" width=\"%d\" height=\"%d\" alt=\"", img->width,
                  img->height);
    esc(b, bl->alt);
    pc_buf_adds(b, "\">");
    g_free(b64);
  } else {
    c->fatal = PC_ERR_NOMEM;
  }
}

/* s as a CSS string literal: quotes, backslashes, angle brackets (which
 * could end the <style> element) and control characters as CSS escapes. */
static void css_str(struct pc_buf *b, const char *s) {
  pc_buf_addc(b, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\' || *p == '<' || *p == '>' || *p < 0x20 ||
        *p == 0x7F)
      pc_buf_printf(b, "\\%x ", *p);
    else
      pc_buf_addc(b, (char)*p);
  }
  pc_buf_addc(b, '"');
}

static const char *page_name(pc_page_size p) {
  return p == PC_PAGE_LETTER ? "letter" : p == PC_PAGE_A5 ? "A5" : "A4";
}

static void css(struct pc_buf *b, const pc_print_opts *o,
                const struct pc_style *st, const char *title,
                const char *source) {
  pc_buf_printf(b,
                "@page { size: %s; margin: %.1fmm; }\n",
                page_name(o->page_size), st->margin * 25.4 / 72.0);
  if (st->header && title) {
    pc_buf_adds(b, "@page { @top-center { content: ");
    css_str(b, title);
    pc_buf_adds(b, "; font-size: 8pt; color: #555; } }\n");
  }
  if (st->footer) {
    pc_buf_adds(b, "@page { @bottom-left { content: ");
    css_str(b, source ? source : "");
    pc_buf_adds(b, "; font-size: 8pt; color: #555; }\n"
                   "  @bottom-right { content: \"page \" counter(page) \" of \" "
                   "counter(pages); font-size: 8pt; color: #555; } }\n");
  }
  pc_buf_adds(b, "html { font-family: ");
  /* the family list as CSS: each name quoted */
  const char *f = st->family;
  while (*f) {
    size_t n = strcspn(f, ",");
    pc_buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) /* a family name, nothing else */
      if ((f[i] >= 'a' && f[i] <= 'z') || (f[i] >= 'A' && f[i] <= 'Z') ||
          (f[i] >= '0' && f[i] <= '9') || f[i] == ' ' || f[i] == '-' ||
          f[i] == '_' || f[i] == '.')
        pc_buf_addc(b, f[i]);
    pc_buf_addc(b, '"');
    f += n;
    if (*f == ',') {
      pc_buf_adds(b, ", ");
      f++;
    }
  }
  pc_buf_printf(b, "; font-size: %.1fpt; line-height: 1.45; color: #111; }\n",
                st->body_pt);
  pc_buf_printf(b,
                "body { margin: 0 auto; max-width: 42em; }\n"
                "p { margin: 0 0 0.7em; text-align: %s; hyphens: auto; "
                "orphans: 2; widows: 2; }\n"
                "h1 { font-size: 1.9em; line-height: 1.15; margin: 0 0 0.3em; }\n"
                "h2 { font-size: 1.35em; } h3 { font-size: 1.2em; }\n"
                "h4, h5, h6 { font-size: 1.05em; }\n"
                "h2, h3, h4, h5, h6 { margin: 1.1em 0 0.4em; "
                "break-after: avoid; page-break-after: avoid; }\n"
                "blockquote { margin: 0 0 0.7em 1.5em; padding-left: 0.8em; "
                "border-left: 2px solid #999; }\n"
                "ul, ol { margin: 0 0 0.7em; padding-left: 1.5em; }\n"
                "pre { font-family: \"DejaVu Sans Mono\", monospace; "
                "font-size: 0.85em; white-space: pre-wrap; "
                "overflow-wrap: anywhere; }\n"
                "figure { margin: 0.5em 0 1em; break-inside: avoid; "
                "text-align: center; }\n"
                "img { max-width: %.0f%%; height: auto; }\n"
                "figcaption { font-size: 0.85em; font-style: italic; "
                "color: #444; margin-top: 0.3em; }\n"
                "table { border-collapse: collapse; margin: 0 0 0.7em; "
                "font-size: 0.9em; table-layout: fixed; width: 100%%; "
                "overflow-wrap: anywhere; }\n"
                "td { border: 1px solid #bbb; padding: 0.2em 0.4em; "
                "vertical-align: top; }\n"
                "a { color: #1a4d8f; }\n"
                ".pc-meta { color: #444; font-size: 0.9em; margin: 0 0 1.2em; }\n"
                ".pc-source { color: #555; font-size: 0.8em; margin-top: 2em; "
                "border-top: 1px solid #bbb; padding-top: 0.4em; "
                "overflow-wrap: anywhere; }\n"
                ".pc-wsw { break-before: page; }\n",
                st->justify ? "justify" : "left", st->image_share * 100);
  if (st->image_share <= 0)
    pc_buf_adds(b, "figure { display: none; }\n");
}

void pc_print_table_row(struct pc_buf *b, const char *const *cell,
                        size_t n) {
  pc_buf_adds(b, "<tr>");
  for (size_t i = 0; i < n; i++) {
    pc_buf_adds(b, "<td>");
    esc(b, cell[i]);
    pc_buf_adds(b, "</td>");
  }
  pc_buf_adds(b, "</tr>\n");
}

/* "<table>" and its heading row. */
static void table_head(struct pc_buf *b, const char *const *head, size_t n) {
  pc_buf_adds(b, "<table>\n<tr>");
  for (size_t i = 0; i < n; i++) {
    pc_buf_adds(b, "<td><b>");
    pc_buf_adds(b, head[i]);
    pc_buf_adds(b, "</b></td>");
  }
  pc_buf_adds(b, "</tr>\n");
}

static void claims_table(struct pc_buf *b, const pc_doc *doc) {
  pc_buf_adds(b, "<h3>Responsibility claims</h3>\n");
  table_head(b, pc_wsw_claim_heads, PC_WSW_NCLAIM);
  for (size_t i = 0; i < pc_doc_claim_count(doc); i++) {
    const pc_claim *c = pc_doc_claim(doc, i);
    struct pc_buf acc;
    pc_buf_init(&acc, 0);
    if (!pc_wsw_self_claim(c) || c->naccused > 1)
      pc_wsw_accused(&acc, c, ", ", NULL);
    const char *cell[PC_WSW_NCLAIM] = {c->claimant, pc_wsw_claim_verb(c),
                                       acc.data, c->event};
    pc_print_table_row(b, cell, PC_WSW_NCLAIM);
    pc_buf_cleanup(&acc);
  }
  pc_buf_adds(b, "</table>\n");
}

static void who_said_what(struct pc_buf *b, const pc_doc *doc) {
  size_t nq = pc_doc_quote_count(doc);
  pc_buf_adds(b, "<section class=\"pc-wsw\">\n<h2>Who said what</h2>\n");
  if (!nq) {
    pc_buf_adds(b, "<p>No quotations were found.</p>\n");
  } else {
    table_head(b, pc_wsw_quote_heads, PC_WSW_NCOLS);
    for (size_t i = 0; i < nq; i++) {
      const char *cell[PC_WSW_NCOLS];
      struct pc_buf said;
      char date[PC_WSW_DATE_LEN];
      pc_buf_init(&said, 0);
      pc_wsw_quote_row(doc, pc_doc_quote(doc, i), "(unknown)", cell, &said,
                       date);
      /* no italics: quotation marks alone tell quoted words from a
       * paraphrase */
      pc_print_table_row(b, cell, PC_WSW_NCOLS);
      pc_buf_cleanup(&said);
    }
    pc_buf_adds(b, "</table>\n");
  }
  if (pc_doc_claim_count(doc))
    claims_table(b, doc);
  pc_buf_adds(b, "</section>\n");
}

pc_status pc_print_html(const pc_doc *doc, const pc_print_opts *opts,
                        char **out, size_t *out_len, pc_error *err) {
  if (!doc || !out)
    return pc_error_set(err, PC_ERR_USAGE, "pc_print_html: NULL argument");
  *out = NULL;
  pc_print_opts defaults;
  if (!opts) {
    pc_print_opts_init(&defaults);
    opts = &defaults;
  }
  struct pc_style st;
  pc_style_from(opts, &st);
  const char *title = pc_doc_meta(doc, PC_META_TITLE);
  const char *lang = pc_doc_meta(doc, PC_META_LANG);
  const char *site = pc_doc_meta(doc, PC_META_SITE);
  const char *url = pc_doc_meta(doc, PC_META_URL);
  const char *date = pc_doc_meta(doc, PC_META_DATE);
  const char *byline = pc_doc_meta(doc, PC_META_BYLINE);
  struct pc_buf source;
  pc_buf_init(&source, 4096);
  if (site)
    pc_buf_adds(&source, site);
  if (url && pc_html_url_safe(url, false)) {
    if (source.len)
      pc_buf_adds(&source, " \xE2\x80\x94 ");
    pc_buf_adds(&source, url);
  }
  struct pc_buf b;
  pc_buf_init(&b, PC_MAX_OUTPUT);
  pc_buf_adds(&b, "<!DOCTYPE html>\n<html");
  if (lang) {
    pc_buf_adds(&b, " lang=\"");
    esc(&b, lang);
    pc_buf_addc(&b, '"');
  }
  pc_buf_adds(&b, ">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, "
                  "initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"presscut " PC_VERSION
                  "\">\n<title>");
  esc(&b, title);
  pc_buf_adds(&b, "</title>\n<style>\n");
  css(&b, opts, &st, title, source.data);
  pc_buf_adds(&b, "</style>\n</head>\n<body>\n<article>\n<header>\n");
  if (title) {
    pc_buf_adds(&b, "<h1>");
    esc(&b, title);
    pc_buf_adds(&b, "</h1>\n");
  }
  if (byline || date || site) {
    pc_buf_adds(&b, "<p class=\"pc-meta\">");
    bool any = false;
    if (byline) {
      pc_buf_adds(&b, "By ");
      esc(&b, byline);
      any = true;
    }
    if (date) {
      pc_buf_adds(&b, any ? " \xC2\xB7 " : "");
      pc_buf_adds(&b, "<time datetime=\"");
      esc(&b, date);
      pc_buf_adds(&b, "\">");
      pc_html_esc(&b, date, strcspn(date, "T ")); /* the day */
      pc_buf_adds(&b, "</time>");
      any = true;
    }
    if (site) {
      pc_buf_adds(&b, any ? " \xC2\xB7 " : "");
      esc(&b, site);
    }
    pc_buf_adds(&b, "</p>\n");
  }
  pc_buf_adds(&b, "</header>\n");
  struct img_ctx ic = {opts, url, opts->embed_images, 0, {0}, PC_OK};
  pc_imgset_init(&ic.set, opts);
  pc_html_blocks(&b, doc, img_html, &ic);
  pc_imgset_report(&ic.set);
  pc_imgset_cleanup(&ic.set);
  pc_buf_adds(&b, "<footer class=\"pc-source\">Source: ");
  if (site)
    esc(&b, site);
  if (url && pc_html_url_safe(url, false)) {
    pc_buf_adds(&b, site ? " \xE2\x80\x94 <a href=\"" : "<a href=\"");
    esc(&b, url);
    pc_buf_adds(&b, "\">");
    esc(&b, url);
    pc_buf_adds(&b, "</a>");
  }
  if (date) {
    pc_buf_adds(&b, " \xC2\xB7 ");
    pc_html_esc(&b, date, strcspn(date, "T "));
  }
  pc_buf_adds(&b, "</footer>\n</article>\n");
  if (opts->who_said_what)
    who_said_what(&b, doc);
  pc_buf_adds(&b, "</body>\n</html>\n");
  pc_buf_cleanup(&source);
  if (ic.fatal != PC_OK) {
    pc_buf_cleanup(&b);
    return pc_error_set(err, ic.fatal, "out of memory");
  }
  if (b.failed) {
    pc_buf_cleanup(&b);
    return pc_error_set(err, PC_ERR_TOO_LARGE, "HTML over %u bytes",
                        (unsigned)PC_MAX_OUTPUT);
  }
  *out = pc_buf_steal(&b, out_len);
  return *out ? PC_OK : pc_error_set(err, PC_ERR_NOMEM, "out of memory");
}
