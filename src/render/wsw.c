/* wsw.c - who said what, as every writer shows it: the quotes' table (a
 * row a quote: speaker, role, what they said, cue, date) and the claims'
 * (claimant, claim, accused, over what), and a claim as a sentence.  The
 * print HTML, the PDF appendix, the quotes HTML and the text view take
 * their cells from here, so what they show is decided in one place: a
 * paraphrase is never put inside quotation marks, a role never repeats
 * its speaker, a date reads "2 April". */
#include "render.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const pc_wsw_quote_heads[PC_WSW_NCOLS] = {
    "Speaker", "Role", "What they said", "Cue", "Date"};
const char *const pc_wsw_claim_heads[PC_WSW_NCLAIM] = {
    "Claimant", "Claim", "Accused", "Over"};

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */

/* Words an attribution phrase can leave in front of a role ("For Russian
 * expert Gilbert Doctorow"): they are not part of the role. */
static const char *const STRAY[] = {"for ", "from ", "according to ",
                                    "says ", "said ", "by ", "to "};

const char *pc_wsw_role(const pc_quote *q) {
  const char *r = q->role;
  if (!r)
    return NULL;
  for (size_t i = 0; i < sizeof STRAY / sizeof *STRAY; i++) {
    size_t n = strlen(STRAY[i]);
    if (strncasecmp(r, STRAY[i], n) == 0 && r[n]) {
      r += n;
      break;
    }
  }
  /* a speaker named by its role ("spokesman for the United States") */
  if (!*r || (q->speaker && strcasecmp(r, q->speaker) == 0))
    return NULL;
  return r;
}

/* The length of the quotation mark at s (“ ” " ‘ ’ « »), or 0. */
static size_t qmark_at(const char *s, size_t avail, bool open) {
  if (avail >= 1 && s[0] == '"')
    return 1;
  if (avail < 2)
    return 0;
  const unsigned char *u = (const unsigned char *)s;
  if (avail >= 3 && u[0] == 0xE2 && u[1] == 0x80)
    return (open ? u[2] == 0x9C || u[2] == 0x98 : u[2] == 0x9D || u[2] == 0x99)
               ? 3 : 0;
  if (u[0] == 0xC2)
    return (open ? u[1] == 0xAB : u[1] == 0xBB) ? 2 : 0;
  return 0;
}

/* Whether the words of q stand between quotation marks in their block:
 * then a mixed quote's span is all quoted words. */
static bool quoted_in_block(const pc_doc *doc, const pc_quote *q) {
  const pc_block *bl = pc_doc_block(doc, q->block);
  if (!bl || q->end > bl->content.len || q->start >= q->end)
    return false;
  const char *t = bl->content.text;
  size_t s = q->start, e = q->end;
  bool before = (s >= 1 && qmark_at(t + s - 1, 1, true)) ||
                (s >= 2 && qmark_at(t + s - 2, 2, true)) ||
                (s >= 3 && qmark_at(t + s - 3, 3, true));
  return before && qmark_at(t + e, bl->content.len - e, false);
}

/* text with its double quotation marks made single: nested inside ours. */
static void add_nested(struct pc_buf *b, const char *t, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const unsigned char *u = (const unsigned char *)t + i;
    if (i + 2 < n && u[0] == 0xE2 && u[1] == 0x80 &&
        (u[2] == 0x9C || u[2] == 0x9D)) {
      pc_buf_adds(b, u[2] == 0x9C ? "\xE2\x80\x98" : "\xE2\x80\x99");
      i += 2;
    } else {
      pc_buf_addc(b, t[i]);
    }
  }
}

bool pc_wsw_is_direct(const pc_doc *doc, const pc_quote *q) {
  return q->kind == PC_QUOTE_DIRECT ||
         (q->kind == PC_QUOTE_MIXED && doc && quoted_in_block(doc, q));
}

void pc_wsw_said(struct pc_buf *b, const pc_doc *doc, const pc_quote *q) {
  const char *t = q->text ? q->text : "";
  size_t n = strlen(t);
  if (!pc_wsw_is_direct(doc, q)) {
    /* a paraphrase has no quotation marks; a mixed quote keeps the
     * article's own around the words that were quoted */
    pc_buf_add(b, t, n);
    return;
  }
  /* marks the text brings itself are ours now (only in a pair, so that
   * a nested quotation closing the text keeps its mark) */
  size_t m = qmark_at(t, n, true), e = 0;
  if (m && n >= m + 3 && qmark_at(t + n - 3, 3, false))
    e = 3;
  else if (m && n > m && t[n - 1] == '"')
    e = 1;
  if (e)
    t += m, n -= m + e;
  pc_buf_adds(b, LQ);
  add_nested(b, t, n);
  pc_buf_adds(b, RQ);
}

static const char *const MONTHS[] = {"January", "February", "March",
                                     "April", "May", "June", "July",
                                     "August", "September", "October",
                                     "November", "December"};

bool pc_wsw_date(char *out, size_t cap, const char *date,
                 const char *article_date) {
  int y = 0, mo = 0, d = 0;
  if (!date || cap == 0)
    return false;
  if (sscanf(date, "--%2d-%2d", &mo, &d) != 2 &&
      sscanf(date, "%4d-%2d-%2d", &y, &mo, &d) != 3) {
    snprintf(out, cap, "%s", date); /* a form we do not know, as it is */
    return true;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) {
    snprintf(out, cap, "%s", date);
    return true;
  }
  int ay = 0;
  if (article_date && sscanf(article_date, "%4d", &ay) != 1)
    ay = 0;
  if (y && y != ay)
    snprintf(out, cap, "%d %s %d", d, MONTHS[mo - 1], y);
  else
    snprintf(out, cap, "%d %s", d, MONTHS[mo - 1]);
  return true;
}

void pc_wsw_quote_row(const pc_doc *doc, const pc_quote *q,
                      const char *unknown, const char *cell[PC_WSW_NCOLS],
                      struct pc_buf *said, char date[PC_WSW_DATE_LEN]) {
  cell[PC_WSW_SPEAKER] = q->speaker ? q->speaker : unknown;
  cell[PC_WSW_ROLE] = pc_wsw_role(q);
  pc_wsw_said(said, doc, q);
  cell[PC_WSW_QUOTE] = said->data ? said->data : "";
  cell[PC_WSW_CUE] = q->cue;
  cell[PC_WSW_DATE] = pc_wsw_date(date, PC_WSW_DATE_LEN, q->date,
                                  pc_doc_meta(doc, PC_META_DATE))
                          ? date : NULL;
}

void pc_wsw_accused(struct pc_buf *b, const pc_claim *c, const char *sep,
                    const char *last) {
  for (size_t k = 0; k < c->naccused; k++) {
    if (k)
      pc_buf_adds(b, last && k + 1 == c->naccused ? last : sep);
    pc_buf_adds(b, c->accused[k]);
  }
}

bool pc_wsw_self_claim(const pc_claim *c) {
  for (size_t k = 0; k < c->naccused; k++)
    if (c->claimant && strcasecmp(c->accused[k], c->claimant) == 0)
      return true;
  return false;
}

/* Whether a claimant takes a plural verb: "Western states hold", but
 * "Putin holds", "the United States holds" (a name), "ISIS holds". */
static bool plural(const char *who) {
  const char *last = strrchr(who, ' ');
  last = last ? last + 1 : who;
  size_t n = strlen(last);
  if (n < 3 || last[n - 1] != 's' || last[n - 2] == 's' ||
      last[n - 2] == 'u' || last[n - 2] == 'i')
    return false;
  if (islower((unsigned char)last[0]))
    return true; /* "states", "officials" */
  /* a capitalised word: the people of a place ("Russians"), not a name */
  return n > 4 && strcmp(last + n - 3, "ans") == 0;
}

static void add_event(struct pc_buf *b, const char *prep, const char *ev) {
  if (!ev || !*ev)
    return;
  pc_buf_adds(b, prep);
  bool bare = islower((unsigned char)ev[0]) && strncasecmp(ev, "the ", 4) &&
              strncasecmp(ev, "a ", 2) && strncasecmp(ev, "an ", 3);
  pc_buf_adds(b, bare ? " the " : " ");
  pc_buf_adds(b, ev);
}

/* Names that take "the" in a sentence ("hold the United States
 * responsible"), as entities are stored without it. */
static const char *const THE[] = {"United ", "Netherlands", "Philippines",
                                  "European Union", "Kremlin", "Pentagon",
                                  "White House", "Taliban", "Vatican"};

static void add_name(struct pc_buf *b, const char *name) {
  for (size_t i = 0; i < sizeof THE / sizeof *THE; i++)
    if (strncmp(name, THE[i], strlen(THE[i])) == 0) {
      pc_buf_adds(b, "the ");
      break;
    }
  pc_buf_adds(b, name);
}

/* The accused other than the claimant, joined "A, B and C"; their number. */
static size_t others(struct pc_buf *b, const pc_claim *c, const char *who) {
  size_t n = 0, total = 0;
  for (size_t k = 0; k < c->naccused; k++)
    total += strcasecmp(c->accused[k], who) != 0;
  for (size_t k = 0; k < c->naccused; k++) {
    if (strcasecmp(c->accused[k], who) == 0)
      continue;
    if (n)
      pc_buf_adds(b, n + 1 == total ? " and " : ", ");
    add_name(b, c->accused[k]);
    n++;
  }
  return n;
}

void pc_wsw_claim_sentence(struct pc_buf *b, const pc_claim *c) {
  const char *who = c->claimant && *c->claimant ? c->claimant : "Someone";
  bool pl = plural(who);
  struct pc_buf name;
  pc_buf_init(&name, 1u << 16);
  /* "the spokesman for the United States", a role rather than a name */
  if (islower((unsigned char)who[0]) &&
      (strstr(who, " for ") || strstr(who, " of ")))
    pc_buf_adds(&name, "the ");
  add_name(&name, who);
  const char *nm = name.data ? name.data : who;
  pc_buf_addc(b, (char)toupper((unsigned char)nm[0]));
  pc_buf_adds(b, nm + 1);
  pc_buf_cleanup(&name);
  struct pc_buf acc;
  pc_buf_init(&acc, 1u << 16);
  size_t n = others(&acc, c, who);
  const char *list = acc.data ? acc.data : "";
  if (c->deny && (n == 0 || pc_wsw_self_claim(c))) {
    pc_buf_adds(b, pl ? " deny responsibility" : " denies responsibility");
    add_event(b, " for", c->event);
  } else if (c->deny) {
    pc_buf_adds(b, pl ? " deny that " : " denies that ");
    pc_buf_adds(b, list);
    pc_buf_adds(b, n > 1 ? " were involved" : " was involved");
    add_event(b, " in", c->event);
  } else if (pc_wsw_self_claim(c)) {
    pc_buf_adds(b, pl ? " claim responsibility" : " claims responsibility");
    if (n) {
      pc_buf_adds(b, " with ");
      pc_buf_adds(b, list);
    }
    add_event(b, " for", c->event);
  } else {
    pc_buf_adds(b, pl ? " hold " : " holds ");
    pc_buf_adds(b, list);
    pc_buf_adds(b, " responsible");
    add_event(b, " for", c->event);
  }
  pc_buf_addc(b, '.');
  pc_buf_cleanup(&acc);
}

const char *pc_wsw_claim_verb(const pc_claim *c) {
  if (pc_wsw_self_claim(c))
    return c->deny ? "denies responsibility" : "claims responsibility";
  return c->deny ? "denies involvement of" : "holds responsible \xE2\x86\x92";
}
