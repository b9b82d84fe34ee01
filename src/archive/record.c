/* record.c - one line of `presscut batch --attribution` (the document's
 * extract fields, "quotes", "entities", "claims", "source", "id") into a
 * struct ar_article whose strings are borrowed from the parsed JSON; or
 * the same record made from the document itself (index's workers), its
 * strings borrowed from the document.
 *
 * Here too: the content hash (the same story under two URLs is one
 * article), the normalised-text hash of each quote (the same quote in
 * several articles is one cluster), a claim's polarity (accuse, deny, or
 * responsibility: a group saying it did it) and its event codes (CAMEO
 * 112 "accuse" and its sub-code when the text says which, PLOVER ACCUSE
 * with mode allege; deny and responsibility have neither). */
#include "archive/archive.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The normalised text being made: lower case, letters and digits only,
 * single spaces between runs of them. */
struct norm {
  char *buf;
  size_t k, cap;
  bool space; /* a separator since the last letter or digit */
  bool any;   /* text precedes buf (the caller's string was not empty) */
};

static bool ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool norm_room(struct norm *m, size_t len) {
  if (m->k + len + 2 <= m->cap)
    return true;
  size_t cap = (m->k + len + 2) * 2;
  char *b = realloc(m->buf, cap);
  if (!b)
    return false;
  m->buf = b, m->cap = cap;
  return true;
}

static bool norm_char(struct norm *m, const char *c, size_t len, bool alnum) {
  if (!alnum) {
    m->space = true;
    return true;
  }
  if (!norm_room(m, len))
    return false;
  if (m->space && (m->k || m->any))
    m->buf[m->k++] = ' ';
  m->space = false;
  memcpy(m->buf + m->k, c, len);
  m->k += len;
  return true;
}

/* A run of n ASCII bytes, lowered here (GLib's tables are reached
 * through pc_dl_glib, a call a character). */
static bool norm_ascii(struct norm *m, const char *s, size_t n) {
  if (!norm_room(m, 2 * n))
    return false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!ascii_alnum(c)) {
      m->space = true;
      continue;
    }
    if (m->space && (m->k || m->any))
      m->buf[m->k++] = ' ';
    m->space = false;
    m->buf[m->k++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  }
  return true;
}

/* A piece lowered by GLib, character by character. */
static bool norm_lowered(struct norm *m, const char *low) {
  for (size_t i = 0, n = strlen(low); i < n;) {
    unsigned char c = (unsigned char)low[i];
    size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    len = i + len > n ? n - i : len;
    bool alnum = c < 0x80 ? ascii_alnum(c)
                          : g_unichar_isalnum(g_utf8_get_char(low + i));
    if (!norm_char(m, low + i, len, alnum))
      return false;
    i += len;
  }
  return true;
}

/* Lower case, letters and digits only, single spaces, appended to out.
 * ASCII is lowered here; each run of other characters is lowered by
 * g_utf8_strdown with the character after it, whose case rules look one
 * character ahead (a Greek capital sigma is final unless a letter
 * follows), so the result is the whole text's g_utf8_strdown, the
 * content hash of archives made before, at a tenth of the work (the
 * whole text's copy was a tenth of index's work beyond batch's). */
static void normalise(GString *out, const char *s) {
  s = s ? s : "";
  struct norm m = {.any = out->len > 0};
  bool ok = true;
  for (size_t i = 0; ok && s[i];) {
    size_t j = i;
    while (s[j] && (unsigned char)s[j] < 0x80)
      j++;
    ok = norm_ascii(&m, s + i, j - i);
    if (!ok || !s[j])
      break;
    i = j;
    while (s[j] && (unsigned char)s[j] >= 0x80)
      j++;
    j += s[j] != '\0'; /* the character after, for context */
    char *low = g_utf8_strdown(s + i, (gssize)(j - i));
    ok = norm_lowered(&m, low);
    g_free(low);
    i = j;
  }
  if (ok && m.buf) {
    m.buf[m.k] = '\0';
    g_string_append(out, m.buf);
  }
  free(m.buf);
}

/* SHA-256 in hex, cut to outlen - 1 digits.  A whole article's text goes
 * to libcrypto (pc_sha256_hex) when it loads: GLib's took a twentieth of
 * index's work beyond batch's.  A short text (a quote) stays with GLib,
 * as OpenSSL's set-up of a digest costs more than GLib's whole hash of
 * it. */
#define SHA_LONG_TEXT 4096
static void sha_hex(const char *s, size_t n, char *out, size_t outlen) {
  char hex[PC_SHA256_HEX];
  const void *parts[] = {s};
  if (n >= SHA_LONG_TEXT && pc_sha256_hex(parts, &n, 1, hex)) {
    snprintf(out, outlen, "%.*s", (int)(outlen - 1), hex);
    return;
  }
  char *h = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
                                        (const guchar *)s, n);
  snprintf(out, outlen, "%s", h);
  g_free(h);
}

long long ar_iso_day(const char *s) {
  static const char form[] = "dddd-dd-dd";
  if (!s || strnlen(s, 10) < 10)
    return -1;
  long long v = 0;
  for (int i = 0; i < 10; i++) {
    if (form[i] == 'd' ? !g_ascii_isdigit(s[i]) : s[i] != '-')
      return -1;
    if (form[i] == 'd')
      v = v * 10 + (s[i] - '0');
  }
  return v;
}

const char *ar_quote_date(const char *qdate, const char *adate, char *buf) {
  bool afull = ar_iso_day(adate) >= 0;
  if (ar_iso_day(qdate) >= 0) {
    snprintf(buf, 11, "%.10s", qdate);
    return buf;
  }
  if (qdate && strlen(qdate) == 7 && qdate[0] == '-' && qdate[1] == '-' &&
      g_ascii_isdigit(qdate[2]) && g_ascii_isdigit(qdate[3]) &&
      qdate[4] == '-' && g_ascii_isdigit(qdate[5]) &&
      g_ascii_isdigit(qdate[6]) && afull) {
    snprintf(buf, 11, "%.4s-%.5s", adate, qdate + 2);
    return buf;
  }
  if (afull) {
    snprintf(buf, 11, "%.10s", adate);
    return buf;
  }
  return NULL;
}

static const char *str_of(struct json_object *o, const char *k) {
  const char *s = pc_json_get_str(o, k, NULL);
  return s && *s ? s : NULL;
}

/* The type of the entity named id ("e3") or NULL. */
static const char *entity_type(struct json_object *ents, const char *id) {
  size_t n = pc_json_array_len(ents);
  for (size_t i = 0; id && i < n; i++) {
    struct json_object *e = json_object_array_get_idx(ents, i);
    const char *eid = str_of(e, "id");
    if (eid && strcmp(eid, id) == 0)
      return str_of(e, "type");
  }
  return NULL;
}

/* The type of the entity called name (its name or an alias) or NULL. */
static const char *type_by_name(struct json_object *ents, const char *name) {
  size_t n = pc_json_array_len(ents);
  for (size_t i = 0; name && i < n; i++) {
    struct json_object *e = json_object_array_get_idx(ents, i);
    const char *en = str_of(e, "name");
    if (en && g_ascii_strcasecmp(en, name) == 0)
      return str_of(e, "type");
    struct json_object *al = pc_json_get(e, "aliases");
    for (size_t k = 0; k < pc_json_array_len(al); k++) {
      const char *a = pc_json_string(json_object_array_get_idx(al, k), NULL);
      if (a && g_ascii_strcasecmp(a, name) == 0)
        return str_of(e, "type");
    }
  }
  return NULL;
}

/* The hash of the quote's normalised text, its cluster's key. */
static void quote_hash(struct ar_quote *q) {
  GString *t = g_string_new(NULL);
  normalise(t, q->text);
  char h[65];
  sha_hex(t->str, t->len, h, sizeof h);
  memcpy(q->norm_hash, h, 16);
  q->norm_hash[16] = '\0';
  g_string_free(t, TRUE);
}

static void read_quotes(struct ar_article *a, struct json_object *qs,
                        struct json_object *ents) {
  size_t n = pc_json_array_len(qs);
  a->quotes = calloc(n ? n : 1, sizeof *a->quotes);
  for (size_t i = 0; a->quotes && i < n; i++) {
    struct json_object *o = json_object_array_get_idx(qs, i);
    struct ar_quote *q = &a->quotes[a->nquotes];
    q->text = str_of(o, "text");
    if (!q->text)
      continue;
    q->qid = str_of(o, "id");
    q->kind = str_of(o, "kind");
    q->speaker = str_of(o, "speaker");
    q->stype = entity_type(ents, str_of(o, "speaker_entity"));
    q->role = str_of(o, "role");
    q->cue = str_of(o, "cue");
    q->date = str_of(o, "date");
    q->block = str_of(o, "block");
    q->sentence = str_of(o, "sentence");
    q->start = json_object_get_int64(pc_json_get(o, "start"));
    q->end = json_object_get_int64(pc_json_get(o, "end"));
    quote_hash(q);
    a->nquotes++;
  }
}

static void read_entities(struct ar_article *a, struct json_object *es) {
  size_t n = pc_json_array_len(es);
  a->entities = calloc(n ? n : 1, sizeof *a->entities);
  for (size_t i = 0; a->entities && i < n; i++) {
    struct json_object *o = json_object_array_get_idx(es, i);
    struct ar_entity *e = &a->entities[a->nentities];
    e->name = str_of(o, "name");
    if (!e->name)
      continue;
    e->type = str_of(o, "type");
    e->country = str_of(o, "country");
    e->mentions = json_object_get_int64(pc_json_get(o, "mentions"));
    a->nentities++;
  }
}

static bool has_any(const char *hay, const char *const *words) {
  for (int i = 0; words[i]; i++)
    if (strstr(hay, words[i]))
      return true;
  return false;
}

/* CAMEO 112 and, when its words say which, 1121 crime or corruption,
 * 1122 human rights abuses, 1123 aggression, 1124 war crimes, 1125
 * espionage or treason. */
static const char *cameo_of(const char *event, const char *evidence) {
  char *t = g_strconcat(event ? event : "", " ", evidence ? evidence : "",
                        NULL);
  char *l = g_utf8_strdown(t, -1);
  g_free(t);
  static const char *const war[] = {"war crime", "genocide",
                                    "crimes against humanity",
                                    "ethnic cleansing", NULL};
  static const char *const rights[] = {"human rights", "torture",
                                       "persecution", "repression", NULL};
  static const char *const spy[] = {"espionage", "spying", " spy",
                                    "treason", NULL};
  static const char *const aggr[] = {"aggression", "invasion", "invaded",
                                     "annexation", "shelling", "airstrike",
                                     NULL};
  static const char *const crime[] = {"crime", "corruption", "brib",
                                      "fraud", "murder", "terror", "embezzl",
                                      "laundering", "kill", "bomb", NULL};
  const char *c = has_any(l, war)      ? "1124"
                  : has_any(l, rights) ? "1122"
                  : has_any(l, spy)    ? "1125"
                  : has_any(l, aggr)   ? "1123"
                  : has_any(l, crime)  ? "1121"
                                       : "112";
  g_free(l);
  return c;
}

static void claim_codes(struct ar_claim *c, const char *polarity) {
  bool self = false;
  for (size_t k = 0; c->claimant && k < c->naccused; k++)
    if (g_ascii_strcasecmp(c->claimant, c->accused[k]) == 0)
      self = true;
  if (c->evidence && pc_ascii_istr(c->evidence, "responsibility") &&
      (pc_ascii_istr(c->evidence, "claimed responsibility") ||
       pc_ascii_istr(c->evidence, "claims responsibility") ||
       pc_ascii_istr(c->evidence, "claiming responsibility") ||
       pc_ascii_istr(c->evidence, "took responsibility")))
    self = true;
  bool deny = polarity && strcmp(polarity, "deny") == 0;
  c->polarity = deny ? "deny" : self ? "responsibility" : "accuse";
  if (!deny && !self) {
    c->cameo = cameo_of(c->event, c->evidence);
    c->plover = "ACCUSE";
    c->mode = "allege";
  }
}

static void read_claims(struct ar_article *a, struct json_object *cs,
                        struct json_object *ents) {
  size_t n = pc_json_array_len(cs);
  a->claims = calloc(n ? n : 1, sizeof *a->claims);
  for (size_t i = 0; a->claims && i < n; i++) {
    struct json_object *o = json_object_array_get_idx(cs, i);
    struct ar_claim *c = &a->claims[a->nclaims];
    c->claimant = str_of(o, "claimant");
    struct json_object *acc = pc_json_get(o, "accused");
    size_t na = pc_json_array_len(acc);
    c->accused = calloc(na ? na : 1, sizeof *c->accused);
    c->atypes = calloc(na ? na : 1, sizeof *c->atypes);
    if (!c->accused || !c->atypes) {
      free(c->accused), free(c->atypes);
      c->accused = c->atypes = NULL;
      continue;
    }
    for (size_t k = 0; k < na; k++) {
      const char *s = pc_json_string(json_object_array_get_idx(acc, k), NULL);
      if (s && *s) {
        c->atypes[c->naccused] = type_by_name(ents, s);
        c->accused[c->naccused++] = s;
      }
    }
    c->ctype = type_by_name(ents, c->claimant);
    c->event = str_of(o, "event");
    c->evidence = str_of(o, "evidence");
    c->quote = str_of(o, "quote");
    claim_codes(c, str_of(o, "polarity"));
    a->nclaims++;
  }
}

static void content_hash(struct ar_article *a) {
  GString *t = g_string_new(NULL);
  normalise(t, a->text);
  if (!t->len) /* no body: the title and URL name it */
    g_string_printf(t, "%s\n%s", a->title ? a->title : "",
                    a->url ? a->url : "");
  sha_hex(t->str, t->len, a->content_hash, sizeof a->content_hash);
  memcpy(a->uid, a->content_hash, 16);
  a->uid[16] = '\0';
  g_string_free(t, TRUE);
}

static void host_of(struct ar_article *a) {
  const char *p = a->url ? strstr(a->url, "://") : NULL;
  if (!p)
    return;
  p += 3;
  const char *at = p + strcspn(p, "/?#");
  const char *cred = memchr(p, '@', (size_t)(at - p));
  if (cred)
    p = cred + 1;
  size_t n = strcspn(p, ":/?#");
  if (n > 4 && g_ascii_strncasecmp(p, "www.", 4) == 0)
    p += 4, n -= 4;
  if (n >= sizeof a->host)
    return;
  for (size_t i = 0; i < n; i++)
    a->host[i] = g_ascii_tolower(p[i]);
  a->host[n] = '\0';
}

pc_status ar_record_parse(const char *line, size_t len, struct ar_article *a,
                          pc_error *err) {
  memset(a, 0, sizeof *a);
  const char *why = NULL;
  struct json_object *j = pc_json_parse(line, len, true, 64, &why);
  if (!j || !json_object_is_type(j, json_type_object)) {
    json_object_put(j);
    return pc_error_set(err, PC_ERR_INPUT, "not a JSON object%s%s",
                        why ? ": " : "", why ? why : "");
  }
  a->json = j;
  if (pc_json_get(j, "error"))
    return pc_error_set(err, PC_ERR_INPUT, "a failed document: %s",
                        str_of(j, "error") ? str_of(j, "error") : "error");
  if (!pc_json_get(j, "text") && !pc_json_get(j, "quotes"))
    return pc_error_set(err, PC_ERR_INPUT,
                        "not an article of presscut batch --attribution");
  a->doc_id = str_of(j, "id");
  a->url = str_of(j, "url");
  a->site = str_of(j, "site");
  a->date = str_of(j, "date");
  a->lang = str_of(j, "lang");
  a->title = str_of(j, "title");
  a->byline = str_of(j, "byline");
  a->text = str_of(j, "text");
  struct json_object *ents = pc_json_get(j, "entities");
  content_hash(a);
  host_of(a);
  read_quotes(a, pc_json_get(j, "quotes"), ents);
  read_entities(a, ents);
  read_claims(a, pc_json_get(j, "claims"), ents);
  if (!a->quotes || !a->entities || !a->claims)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  return PC_OK;
}

/*** the record of a document itself ****************************************/

/* As str_of reads a string of the line: NULL for an empty one. */
static const char *nonempty(const char *s) { return s && *s ? s : NULL; }

/* type_by_name, over doc's entities. */
static const char *doc_type_by_name(const pc_doc *doc, const char *name) {
  for (size_t i = 0; name && i < pc_doc_entity_count(doc); i++) {
    const pc_entity *e = pc_doc_entity(doc, i);
    bool hit = nonempty(e->name) && g_ascii_strcasecmp(e->name, name) == 0;
    for (size_t k = 0; !hit && k < e->naliases; k++)
      hit = e->aliases[k] && g_ascii_strcasecmp(e->aliases[k], name) == 0;
    if (hit)
      return pc_entity_type_name(e->type);
  }
  return NULL;
}

/* read_quotes, from doc; offsets in code points, as the line has them. */
static void doc_quotes(struct ar_article *a, const pc_doc *doc) {
  size_t n = pc_doc_quote_count(doc);
  a->quotes = calloc(n ? n : 1, sizeof *a->quotes);
  for (size_t i = 0; a->quotes && i < n; i++) {
    const pc_quote *d = pc_doc_quote(doc, i);
    struct ar_quote *q = &a->quotes[a->nquotes];
    q->text = nonempty(d->text);
    if (!q->text)
      continue;
    const pc_block *bl = pc_doc_block(doc, d->block);
    /* a quote in the title: block "title", offsets into the title (as
     * the JSON line has them) */
    const char *in = bl ? bl->content.text
                     : d->block == PC_QUOTE_TITLE
                         ? pc_doc_meta(doc, PC_META_TITLE)
                         : NULL;
    const pc_entity *e = d->speaker_entity >= 0
                             ? pc_doc_entity(doc, (size_t)d->speaker_entity)
                             : NULL;
    q->qid = nonempty(d->id);
    q->kind = pc_quote_kind_name(d->kind);
    q->speaker = nonempty(d->speaker);
    q->stype = e && nonempty(e->id) ? pc_entity_type_name(e->type) : NULL;
    q->role = nonempty(d->role);
    q->cue = nonempty(d->cue);
    q->date = nonempty(d->date);
    q->block = bl ? nonempty(bl->id) : in ? "title" : NULL;
    q->sentence = nonempty(d->sentence);
    q->start = in ? (long long)pc_utf8_count(in, d->start) : 0;
    q->end = in ? (long long)pc_utf8_count(in, d->end) : 0;
    quote_hash(q);
    a->nquotes++;
  }
}

static void doc_entities(struct ar_article *a, const pc_doc *doc) {
  size_t n = pc_doc_entity_count(doc);
  a->entities = calloc(n ? n : 1, sizeof *a->entities);
  for (size_t i = 0; a->entities && i < n; i++) {
    const pc_entity *d = pc_doc_entity(doc, i);
    struct ar_entity *e = &a->entities[a->nentities];
    e->name = nonempty(d->name);
    if (!e->name)
      continue;
    e->type = pc_entity_type_name(d->type);
    e->country = nonempty(d->country);
    e->mentions = (long long)d->mentions;
    a->nentities++;
  }
}

static void doc_claims(struct ar_article *a, const pc_doc *doc) {
  size_t n = pc_doc_claim_count(doc);
  a->claims = calloc(n ? n : 1, sizeof *a->claims);
  for (size_t i = 0; a->claims && i < n; i++) {
    const pc_claim *d = pc_doc_claim(doc, i);
    struct ar_claim *c = &a->claims[a->nclaims];
    size_t na = d->naccused;
    c->accused = calloc(na ? na : 1, sizeof *c->accused);
    c->atypes = calloc(na ? na : 1, sizeof *c->atypes);
    if (!c->accused || !c->atypes) {
      free(c->accused), free(c->atypes);
      c->accused = c->atypes = NULL;
      continue;
    }
    for (size_t k = 0; k < na; k++)
      if (nonempty(d->accused[k])) {
        c->atypes[c->naccused] = doc_type_by_name(doc, d->accused[k]);
        c->accused[c->naccused++] = d->accused[k];
      }
    c->claimant = nonempty(d->claimant);
    c->ctype = doc_type_by_name(doc, c->claimant);
    c->event = nonempty(d->event);
    c->evidence = nonempty(d->evidence);
    c->quote = d->quote >= 0 ? nonempty(pc_doc_quote(doc, (size_t)d->quote)->id)
                             : NULL;
    claim_codes(c, d->deny ? "deny" : "accuse");
    a->nclaims++;
  }
}

/* batch's id, NUL, then the text as the line has it (the blocks' text,
 * blank lines between): a->owned, with a->doc_id and a->text in it. */
static bool doc_strings(struct ar_article *a, const pc_doc *doc,
                        const char *id) {
  struct pc_buf b;
  pc_buf_init(&b, 0);
  pc_buf_adds(&b, id ? id : "");
  pc_buf_addc(&b, '\0');
  size_t at = b.len;
  for (size_t i = 0; i < pc_doc_block_count(doc); i++) {
    const pc_text *t = &pc_doc_block(doc, i)->content;
    if (!t->len)
      continue;
    if (b.len > at)
      pc_buf_adds(&b, "\n\n");
    pc_buf_add(&b, t->text, t->len);
  }
  pc_buf_addc(&b, '\0');
  if (b.failed) {
    pc_buf_cleanup(&b);
    return false;
  }
  a->owned = pc_buf_steal(&b, NULL);
  a->doc_id = nonempty(a->owned);
  a->text = nonempty(a->owned + at);
  return true;
}

pc_status ar_record_of_doc(pc_doc *doc, const char *id, struct ar_article *a,
                           pc_error *err) {
  memset(a, 0, sizeof *a);
  a->doc = doc;
  if (!doc_strings(a, doc, id))
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  a->url = nonempty(pc_doc_meta(doc, PC_META_URL));
  a->site = nonempty(pc_doc_meta(doc, PC_META_SITE));
  a->date = nonempty(pc_doc_meta(doc, PC_META_DATE));
  a->lang = nonempty(pc_doc_meta(doc, PC_META_LANG));
  a->title = nonempty(pc_doc_meta(doc, PC_META_TITLE));
  a->byline = nonempty(pc_doc_meta(doc, PC_META_BYLINE));
  content_hash(a);
  host_of(a);
  doc_quotes(a, doc);
  doc_entities(a, doc);
  doc_claims(a, doc);
  if (!a->quotes || !a->entities || !a->claims)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  return PC_OK;
}

void ar_record_free(struct ar_article *a) {
  if (!a)
    return;
  free(a->quotes);
  free(a->entities);
  for (size_t i = 0; a->claims && i < a->nclaims; i++)
    free(a->claims[i].accused), free(a->claims[i].atypes);
  free(a->claims);
  json_object_put(a->json);
  pc_doc_free(a->doc);
  free(a->owned);
  memset(a, 0, sizeof *a);
}
