/* render.h - the writers: a pc_doc in each output format (pc_render), and
 * the HTML block writer that print/ shares.  Writers read the document
 * model and the attribution results through the public accessors only. */
#ifndef PC_RENDER_H
#define PC_RENDER_H

#include "doc/doc.h"

/*** render/text.c, json.c, html.c: the document formats *******************/

void pc_render_text(const pc_doc *doc, struct pc_buf *b, bool markdown);
/* The document's JSON; blocks: with its "blocks" array (false: the
 * metadata, the text and the attribution only, what presscut index reads) */
void pc_render_json(const pc_doc *doc, struct pc_buf *b, bool blocks);
void pc_render_html(const pc_doc *doc, struct pc_buf *b);
/* pc_render's PC_FORMAT_JSON, with or without the "blocks" array
 * (pc_batch_opts.no_blocks): a string the caller frees with pc_free. */
pc_status pc_render_json_doc(const pc_doc *doc, bool blocks, char **out,
                             size_t *out_len, pc_error *err);

/* A text's HTML with its spans (links, emphasis, code). */
void pc_html_inline(struct pc_buf *b, const pc_text *t);
/* The HTML of the document's blocks, as pc_render writes it; img(closure,
 * block, b) writes a figure's <img> element (or nothing). */
typedef void (*pc_html_img_fn)(void *closure, const pc_block *bl,
                               struct pc_buf *b);
void pc_html_blocks(struct pc_buf *b, const pc_doc *doc, pc_html_img_fn img,
                    void *closure);

/*** render/attribution.c: the attribution views ***************************/

/* PC_FORMAT_QUOTES_JSON, _TEXT or _HTML of doc into b. */
void pc_render_attribution(const pc_doc *doc, pc_format format,
                           struct pc_buf *b);
/* The "quotes", "entities" and "claims" members (no braces around), for
 * the JSON of extract --attribution. */
void pc_render_attribution_arrays(const pc_doc *doc, struct pc_buf *b);

/*** render/wsw.c: who said what, the same for every writer ****************/

/* The columns of the quotes' table and of the claims', with headings. */
enum { PC_WSW_SPEAKER, PC_WSW_ROLE, PC_WSW_QUOTE, PC_WSW_CUE, PC_WSW_DATE,
       PC_WSW_NCOLS };
enum { PC_WSW_CLAIMANT, PC_WSW_CLAIM, PC_WSW_ACCUSED, PC_WSW_EVENT,
       PC_WSW_NCLAIM };
#define PC_WSW_DATE_LEN 32
extern const char *const pc_wsw_quote_heads[PC_WSW_NCOLS];
extern const char *const pc_wsw_claim_heads[PC_WSW_NCLAIM];

/* q's cells (speaker, role, cue borrowed from q; NULL where q has none);
 * unknown stands for a speaker that was not found.  What they said goes
 * into said (the caller's, initialised), the readable date into date. */
void pc_wsw_quote_row(const pc_doc *doc, const pc_quote *q,
                      const char *unknown, const char *cell[PC_WSW_NCOLS],
                      struct pc_buf *said, char date[PC_WSW_DATE_LEN]);
/* q's role as shown: without a stray leading word ("For Russian expert"),
 * NULL when it only repeats the speaker; borrowed from q. */
const char *pc_wsw_role(const pc_quote *q);
/* Whether q is shown as quoted words: direct, or mixed with all its words
 * between the article's quotation marks (doc may be NULL). */
bool pc_wsw_is_direct(const pc_doc *doc, const pc_quote *q);
/* What q says, honestly: a direct quote in “ ” (its own double marks made
 * single), a paraphrase without marks, a mixed one with the article's
 * marks around the quoted words only. */
void pc_wsw_said(struct pc_buf *b, const pc_doc *doc, const pc_quote *q);
/* An ISO date ("2024-04-02", "--04-02") for people: "2 April", with the
 * year when it is not article_date's; false (out untouched) for NULL. */
bool pc_wsw_date(char *out, size_t cap, const char *date,
                 const char *article_date);
/* Appends c's accused joined by sep, and by last (when not NULL) before
 * the final one. */
void pc_wsw_accused(struct pc_buf *b, const pc_claim *c, const char *sep,
                    const char *last);
/* Whether the claimant is among the accused (claims responsibility). */
bool pc_wsw_self_claim(const pc_claim *c);
/* c as a sentence: "Western states hold ISIS-K responsible.", "ISIS
 * claims responsibility for the attack.", "X denies that Y was involved." */
void pc_wsw_claim_sentence(struct pc_buf *b, const pc_claim *c);
/* The claim column of c's row: "holds responsible →", "claims
 * responsibility", "denies involvement of", "denies responsibility". */
const char *pc_wsw_claim_verb(const pc_claim *c);

#endif
