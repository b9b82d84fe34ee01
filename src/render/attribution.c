/* attribution.c - the attribution views: who said what as JSON, text and
 * HTML, and the quotes, entities and claims arrays of the JSON. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A number in decimal: every quote has two and every entity one, and
 * pc_buf_printf (vsnprintf) cost a thousand instructions for each. */
static void add_count(struct pc_buf *b, size_t n) {
  char digits[20];
  size_t k = 0;
  do
    digits[sizeof digits - ++k] = (char)('0' + n % 10);
  while ((n /= 10) > 0);
  pc_buf_add(b, digits + sizeof digits - k, k);
}

/* "quotes", "entities" and "claims" members (no braces around). */
void pc_render_attribution_arrays(const pc_doc *doc, struct pc_buf *b) {
  pc_buf_adds(b, "\"quotes\":[");
  for (size_t i = 0; i < pc_doc_quote_count(doc); i++) {
    const pc_quote *q = pc_doc_quote(doc, i);
    const pc_block *bl = pc_doc_block(doc, q->block);
    if (i)
      pc_buf_addc(b, ',');
    pc_buf_adds(b, "{\"id\":");
    pc_json_cstr(b, q->id);
    pc_buf_adds(b, ",\"text\":");
    pc_json_cstr(b, q->text);
    pc_buf_adds(b, ",\"kind\":");
    pc_json_cstr(b, pc_quote_kind_name(q->kind));
    pc_buf_adds(b, ",\"speaker\":");
    pc_json_cstr(b, q->speaker);
    pc_buf_adds(b, ",\"speaker_entity\":");
    if (q->speaker_entity >= 0)
      pc_json_cstr(b, pc_doc_entity(doc, (size_t)q->speaker_entity)->id);
    else
      pc_buf_adds(b, "null");
    pc_buf_adds(b, ",\"role\":");
    pc_json_cstr(b, q->role);
    pc_buf_adds(b, ",\"cue\":");
    pc_json_cstr(b, q->cue);
    pc_buf_adds(b, ",\"date\":");
    pc_json_cstr(b, q->date);
    /* a quote in the title: "block":"title", offsets into the title */
    const char *in = bl ? bl->content.text
                     : q->block == PC_QUOTE_TITLE
                         ? pc_doc_meta(doc, PC_META_TITLE)
                         : NULL;
    pc_buf_adds(b, ",\"block\":");
    pc_json_cstr(b, bl ? bl->id : in ? "title" : NULL);
    /* offsets in code points, as JSON consumers index strings; the end
     * counted on from the start, not from the block's start again */
    size_t start = in ? pc_utf8_count(in, q->start) : 0;
    size_t end = in && q->end > q->start
                     ? start + pc_utf8_count(in + q->start, q->end - q->start)
                     : in ? pc_utf8_count(in, q->end) : 0;
    pc_buf_adds(b, ",\"start\":");
    add_count(b, start);
    pc_buf_adds(b, ",\"end\":");
    add_count(b, end);
    pc_buf_adds(b, ",\"sentence\":");
    pc_json_cstr(b, q->sentence);
    pc_buf_adds(b, ",\"parent\":");
    if (q->parent >= 0)
      pc_json_cstr(b, pc_doc_quote(doc, (size_t)q->parent)->id);
    else
      pc_buf_adds(b, "null");
    pc_buf_addc(b, '}');
  }
  pc_buf_adds(b, "],\"entities\":[");
  for (size_t i = 0; i < pc_doc_entity_count(doc); i++) {
    const pc_entity *e = pc_doc_entity(doc, i);
    if (i)
      pc_buf_addc(b, ',');
    pc_buf_adds(b, "{\"id\":");
    pc_json_cstr(b, e->id);
    pc_buf_adds(b, ",\"name\":");
    pc_json_cstr(b, e->name);
    pc_buf_adds(b, ",\"type\":");
    pc_json_cstr(b, pc_entity_type_name(e->type));
    pc_buf_adds(b, ",\"aliases\":[");
    for (size_t k = 0; k < e->naliases; k++) {
      if (k)
        pc_buf_addc(b, ',');
      pc_json_cstr(b, e->aliases[k]);
    }
    pc_buf_adds(b, "],\"country\":");
    pc_json_cstr(b, e->country);
    pc_buf_adds(b, ",\"mentions\":");
    add_count(b, e->mentions);
    pc_buf_addc(b, '}');
  }
  pc_buf_adds(b, "],\"claims\":[");
  for (size_t i = 0; i < pc_doc_claim_count(doc); i++) {
    const pc_claim *c = pc_doc_claim(doc, i);
    if (i)
      pc_buf_addc(b, ',');
    pc_buf_adds(b, "{\"claimant\":");
    pc_json_cstr(b, c->claimant);
    pc_buf_adds(b, ",\"accused\":[");
    for (size_t k = 0; k < c->naccused; k++) {
      if (k)
        pc_buf_addc(b, ',');
      pc_json_cstr(b, c->accused[k]);
    }
    pc_buf_adds(b, "],\"event\":");
    pc_json_cstr(b, c->event);
    pc_buf_adds(b, ",\"polarity\":");
    pc_json_cstr(b, c->deny ? "deny" : "accuse");
    pc_buf_adds(b, ",\"evidence\":");
    pc_json_cstr(b, c->evidence);
    pc_buf_adds(b, ",\"quote\":");
    if (c->quote >= 0)
      pc_json_cstr(b, pc_doc_quote(doc, (size_t)c->quote)->id);
    else
      pc_buf_adds(b, "null");
    pc_buf_addc(b, '}');
  }
  pc_buf_addc(b, ']');
}

static void render_text(const pc_doc *doc, struct pc_buf *b) {
  const char *title = pc_doc_meta(doc, PC_META_TITLE);
  if (title) {
    pc_buf_adds(b, title);
    pc_buf_adds(b, "\n\n");
  }
  size_t n = pc_doc_quote_count(doc);
  bool *done = calloc(n + 1, sizeof *done);
  for (size_t i = 0; i < n && done; i++) {
    if (done[i])
      continue;
    const pc_quote *q = pc_doc_quote(doc, i);
    const char *who = q->speaker ? q->speaker : "(unattributed)";
    const char *role = pc_wsw_role(q);
    pc_buf_adds(b, who);
    if (role) {
      pc_buf_adds(b, " (");
      pc_buf_adds(b, role);
      pc_buf_addc(b, ')');
    }
    pc_buf_adds(b, ":\n");
    for (size_t k = i; k < n; k++) {
      const pc_quote *r = pc_doc_quote(doc, k);
      bool same = (r->speaker && q->speaker && strcmp(r->speaker, q->speaker) == 0) ||
                  (!r->speaker && !q->speaker);
      if (!same || done[k])
        continue;
      done[k] = true;
      char date[PC_WSW_DATE_LEN];
      bool dated = pc_wsw_date(date, sizeof date, r->date,
                               pc_doc_meta(doc, PC_META_DATE));
      pc_buf_printf(b, "  - [%s%s%s%s%s] ", pc_quote_kind_name(r->kind),
                    r->cue ? ", " : "", r->cue ? r->cue : "",
                    dated ? ", " : "", dated ? date : "");
      pc_wsw_said(b, doc, r);
      pc_buf_addc(b, '\n');
    }
    pc_buf_addc(b, '\n');
  }
  free(done);
  if (pc_doc_claim_count(doc)) {
    pc_buf_adds(b, "Claims:\n");
    for (size_t i = 0; i < pc_doc_claim_count(doc); i++) {
      pc_buf_adds(b, "  - ");
      pc_wsw_claim_sentence(b, pc_doc_claim(doc, i));
      pc_buf_addc(b, '\n');
    }
  }
}

/* A colour per speaker, from a fixed palette by order of appearance. */
static const char *const PALETTE[] = {"#fde68a", "#bfdbfe", "#bbf7d0",
                                      "#fecaca", "#ddd6fe", "#fed7aa",
                                      "#a5f3fc", "#f5d0fe"};

static size_t speaker_index(const pc_doc *doc, const char *sp) {
  size_t idx = 0;
  for (size_t i = 0; i < pc_doc_quote_count(doc); i++) {
    const char *s = pc_doc_quote(doc, i)->speaker;
    if (!s)
      continue;
    bool seen = false;
    for (size_t k = 0; k < i && !seen; k++) {
      const char *t = pc_doc_quote(doc, k)->speaker;
      seen = t && strcmp(t, s) == 0;
    }
    if (seen)
      continue;
    if (sp && strcmp(s, sp) == 0)
      return idx;
    idx++;
  }
  return idx;
}

/* The claims, a sentence each, their evidence on hover. */
static void claims_html(const pc_doc *doc, struct pc_buf *b) {
  pc_buf_adds(b, "<h2>Claims</h2>\n<ul class=\"claims\">\n");
  for (size_t i = 0; i < pc_doc_claim_count(doc); i++) {
    const pc_claim *c = pc_doc_claim(doc, i);
    struct pc_buf t;
    pc_buf_init(&t, 1u << 16);
    pc_wsw_claim_sentence(&t, c);
    pc_buf_adds(b, c->deny ? "<li class=\"deny\"" : "<li class=\"accuse\"");
    if (c->evidence) {
      pc_buf_adds(b, " title=\"");
      pc_html_esc(b, c->evidence, strlen(c->evidence));
      pc_buf_addc(b, '"');
    }
    pc_buf_addc(b, '>');
    if (t.data)
      pc_html_esc(b, t.data, t.len);
    pc_buf_adds(b, "</li>\n");
    pc_buf_cleanup(&t);
  }
  pc_buf_adds(b, "</ul>\n");
}

/* The text of block bi (or of the title, PC_QUOTE_TITLE) with its
 * outermost quotes marked in their speakers' colours. */
static void marked_html(const pc_doc *doc, size_t bi, const char *text,
                        size_t len, struct pc_buf *b) {
  size_t pos = 0;
  for (size_t k = 0; k < pc_doc_quote_count(doc); k++) {
    const pc_quote *q = pc_doc_quote(doc, k);
    if (q->block != bi || q->parent >= 0 || q->start < pos || q->end > len)
      continue; /* nested quotes are shown by their outer one */
    pc_html_esc(b, text + pos, q->start - pos);
    size_t c = speaker_index(doc, q->speaker) % 8;
    pc_buf_printf(b, "<mark style=\"background:%s\" title=\"", PALETTE[c]);
    if (q->speaker)
      pc_html_esc(b, q->speaker, strlen(q->speaker));
    pc_buf_adds(b, "\">");
    pc_html_esc(b, text + q->start, q->end - q->start);
    pc_buf_adds(b, "</mark>");
    pos = q->end;
  }
  pc_html_esc(b, text + pos, len - pos);
}

static void render_html(const pc_doc *doc, struct pc_buf *b) {
  const char *title = pc_doc_meta(doc, PC_META_TITLE);
  pc_buf_adds(b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                 "<title>");
  if (title)
    pc_html_esc(b, title, strlen(title));
  pc_buf_adds(b, "</title>\n<style>body{font:16px/1.5 Georgia,serif;max-width:"
                 "42em;margin:2em auto}mark{padding:0 .1em}table{border-"
                 "collapse:collapse}td,th{border:1px solid #ccc;padding:"
                 ".2em .5em}</style>\n</head>\n<body>\n<h1>");
  if (title) /* a headline's quotes are marked in it */
    marked_html(doc, PC_QUOTE_TITLE, title, strlen(title), b);
  pc_buf_adds(b, "</h1>\n");
  for (size_t i = 0; i < pc_doc_block_count(doc); i++) {
    const pc_block *bl = pc_doc_block(doc, i);
    if (!bl->content.len)
      continue;
    pc_buf_printf(b, "<p id=\"%s\">", bl->id);
    marked_html(doc, i, bl->content.text, bl->content.len, b);
    pc_buf_adds(b, "</p>\n");
  }
  pc_buf_adds(b, "<h2>Speakers</h2>\n<ul>\n");
  for (size_t i = 0; i < pc_doc_quote_count(doc); i++) {
    const pc_quote *q = pc_doc_quote(doc, i);
    /* each speaker listed once, at its first quote */
    bool first = q->speaker != NULL;
    for (size_t k = 0; k < i && first; k++) {
      const char *t = pc_doc_quote(doc, k)->speaker;
      first = !(t && strcmp(t, q->speaker) == 0);
    }
    if (!first)
      continue;
    pc_buf_printf(b, "<li><mark style=\"background:%s\">",
                  PALETTE[speaker_index(doc, q->speaker) % 8]);
    pc_html_esc(b, q->speaker, strlen(q->speaker));
    pc_buf_adds(b, "</mark>");
    const char *role = pc_wsw_role(q);
    if (role) {
      pc_buf_adds(b, ", ");
      pc_html_esc(b, role, strlen(role));
    }
    pc_buf_adds(b, "</li>\n");
  }
  pc_buf_adds(b, "</ul>\n");
  claims_html(doc, b);
  pc_buf_adds(b, "</body>\n</html>\n");
}

void pc_render_attribution(const pc_doc *doc, pc_format format, struct pc_buf *b) {
  if (format == PC_FORMAT_QUOTES_TEXT) {
    render_text(doc, b);
  } else if (format == PC_FORMAT_QUOTES_HTML) {
    render_html(doc, b);
  } else {
    pc_buf_adds(b, "{\"title\":");
    pc_json_cstr(b, pc_doc_meta(doc, PC_META_TITLE));
    pc_buf_adds(b, ",\"date\":");
    pc_json_cstr(b, pc_doc_meta(doc, PC_META_DATE));
    pc_buf_addc(b, ',');
    pc_render_attribution_arrays(doc, b);
    pc_buf_addc(b, '}');
  }
}
