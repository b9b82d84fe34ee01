/*
 * presscut.h - the one public header of libpresscut.
 *
 * presscut turns news pages (HTML, plain text, URLs) into one document
 * model: metadata plus an ordered list of body blocks.  Every later stage
 * (attribution, print HTML, PDF, mail, batch) reads that model.
 *
 * Conventions (see docs/internals/API.md):
 *  - Fallible functions return pc_status; PC_OK is 0.  Results come back
 *    through trailing out-parameters.  When a pc_error pointer is given it
 *    receives a one-line, human-readable reason.
 *  - Ownership is stated on every function.  Anything returned as `char *`
 *    is the caller's and is released with pc_free().  Anything returned as
 *    `const` is borrowed from the object that returned it and lives exactly
 *    as long as that object.
 *  - pc_*_free(NULL) is a harmless no-op.
 *  - Thread safety: a pc_ctx is immutable after pc_ctx_new() and may be
 *    shared by any number of threads.  A pc_doc belongs to one thread at a
 *    time.  The library keeps no global mutable state.
 */
#ifndef PRESSCUT_H
#define PRESSCUT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(PC_BUILDING_LIBRARY) && defined(__GNUC__)
#define PC_API __attribute__((visibility("default")))
#else
#define PC_API
#endif

#define PC_VERSION "0.1.0"

/*** Status codes ***********************************************************/

/* Numbers are stable; a retired code is never reused. */
typedef enum pc_status {
  PC_OK = 0,            /* 0: success */
  PC_ERR_USAGE = 1,     /* 1: bad argument or option from the caller */
  PC_ERR_INPUT = 2,     /* 2: the input cannot be read or understood */
  PC_ERR_TOO_LARGE = 3, /* 3: the input passes a size, depth or time limit */
  PC_ERR_NETWORK = 4,   /* 4: a fetch failed (DNS, connect, HTTP status) */
  PC_ERR_NOMEM = 5,     /* 5: out of memory */
  PC_ERR_INTERNAL = 6,  /* 6: a bug or an unexpected library failure */
  PC_ERR_IO = 7,        /* 7: a file could not be read or written */
  PC_ERR_NOT_FOUND = 8  /* 8: a named item (block id, file) does not exist */
} pc_status;

/* Static English text for a status.  Never NULL. */
PC_API const char *pc_strerror(pc_status status);

/* Detail of the last failure of one call.  Caller-owned, usually on the
 * stack; the library writes a NUL-terminated line into msg. */
typedef struct pc_error {
  char msg[256];
} pc_error;

/* Releases memory returned as `char *` by any pc_ function. */
PC_API void pc_free(void *ptr);

/* "0.1.0"; static. */
PC_API const char *pc_version(void);

/*** Context ****************************************************************/

/* A context holds read-only language data (boilerplate phrases and, later,
 * lexicons).  Built-in data is compiled into the library; when data_dir is
 * non-NULL, files found there (data_dir/<lang>/<name>.txt) replace the
 * built-in ones.  On success *out is the caller's; free with pc_ctx_free.
 * Create contexts before starting threads that extract: the first call
 * also initialises libxml2. */
typedef struct pc_ctx pc_ctx;
PC_API pc_status pc_ctx_new(const char *data_dir, pc_ctx **out,
                            pc_error *err);
PC_API void pc_ctx_free(pc_ctx *ctx);

/*** The document model *****************************************************/

typedef struct pc_doc pc_doc;

typedef enum pc_block_type {
  PC_BLOCK_PARAGRAPH = 1,
  PC_BLOCK_HEADING = 2,    /* level 1..6 */
  PC_BLOCK_BLOCKQUOTE = 3,
  PC_BLOCK_LIST = 4,       /* items; ordered says 1. 2. 3. */
  PC_BLOCK_PRE = 5,        /* preformatted, whitespace kept */
  PC_BLOCK_FIGURE = 6,     /* src, alt, caption, width, height */
  PC_BLOCK_TABLE = 7,      /* nrows x ncols cells */
  PC_BLOCK_RULE = 8        /* thematic break, no text */
} pc_block_type;

typedef enum pc_span_type {
  PC_SPAN_LINK = 1,   /* href set */
  PC_SPAN_EMPH = 2,
  PC_SPAN_STRONG = 3,
  PC_SPAN_CODE = 4
} pc_span_type;

/* An inline run over [start, end) byte offsets of the owning text. */
typedef struct pc_span {
  pc_span_type type;
  size_t start;
  size_t end;
  const char *href; /* links only; absolute when a base URL was known */
} pc_span;

/* A run of text with its inline spans: a list item or a table cell. */
typedef struct pc_text {
  const char *text; /* UTF-8, NUL-terminated */
  size_t len;       /* bytes */
  const pc_span *spans;
  size_t nspans;
} pc_text;

/* One body block.  Read-only view owned by its pc_doc. */
typedef struct pc_block {
  const char *id;     /* "b1", "b2", ... stable for the document's life */
  pc_block_type type;
  int level;          /* headings: 1..6; otherwise 0 */
  int optional;       /* 1 when inside editor's optional-cut markup */
  int ordered;        /* lists: 1 for an ordered list */
  /* Plain text of the whole block: list items joined by "\n", table rows
   * by "\n" and cells by "\t".  Empty for figures and rules: a caption is
   * not body text (it is in `caption`). */
  pc_text content;
  const pc_text *items; /* lists: nitems entries */
  size_t nitems;
  const pc_text *cells; /* tables: nrows * ncols entries, row-major */
  size_t nrows, ncols;
  const char *src;      /* figures: image URL (absolute when known) */
  const char *alt;      /* figures: alternative text, may be "" */
  const char *href;     /* figures: link around the image, or NULL */
  pc_text caption;      /* figures: caption, may be empty */
  int width, height;    /* figures: declared size in pixels, 0 unknown */
} pc_block;

typedef enum pc_meta {
  PC_META_TITLE = 0,
  PC_META_BYLINE,      /* authors, ", "-separated */
  PC_META_DATE,        /* ISO 8601: YYYY-MM-DD or full date-time */
  PC_META_SITE,
  PC_META_URL,         /* canonical URL */
  PC_META_LANG,        /* BCP 47 primary tag, e.g. "en" */
  PC_META_DESCRIPTION,
  PC_META_IMAGE,       /* lead image URL */
  PC_META_COUNT_
} pc_meta;

/* Field name as used in JSON output ("title", "byline", ...); static. */
PC_API const char *pc_meta_name(pc_meta field);

/* A metadata field, or NULL when unknown.  Borrowed from doc. */
PC_API const char *pc_doc_meta(const pc_doc *doc, pc_meta field);

/* Number of body blocks (the title is metadata, not a block). */
PC_API size_t pc_doc_block_count(const pc_doc *doc);

/* Block i in reading order, or NULL when i is out of range.  Borrowed; it
 * stays valid until the document is freed or blocks are deleted. */
PC_API const pc_block *pc_doc_block(const pc_doc *doc, size_t i);

/* 1 when a limit (PC_MAX_BLOCKS blocks, PC_MAX_DEPTH nesting) cut the
 * body short: the blocks are the part that fitted.  0 otherwise. */
PC_API int pc_doc_truncated(const pc_doc *doc);

/* Number of words in the body (Unicode letters/digits runs). */
PC_API size_t pc_doc_word_count(const pc_doc *doc);

/* Removes the blocks named in a comma-separated list of ids ("b3,b7").
 * Ids of the remaining blocks do not change.  An unknown id is
 * PC_ERR_NOT_FOUND and nothing is removed. */
PC_API pc_status pc_doc_delete_blocks(pc_doc *doc, const char *ids,
                                      pc_error *err);

/* Removes every block flagged optional (editor's cut). */
PC_API void pc_doc_drop_optional(pc_doc *doc);

/* Frees the document and everything borrowed from it. */
PC_API void pc_doc_free(pc_doc *doc);

/*** Extraction *************************************************************/

typedef enum pc_input_kind {
  PC_INPUT_AUTO = 0,  /* sniff: HTML, plain text */
  PC_INPUT_HTML = 1,
  PC_INPUT_TEXT = 2
} pc_input_kind;

typedef struct pc_extract_opts {
  pc_input_kind kind;
  const char *url;          /* where the input came from, or NULL; used as
                               base for relative links and as doc URL */
  const char *content_type; /* HTTP Content-Type header, or NULL */
  size_t max_input;         /* bytes; 0 = PC_MAX_INPUT_DEFAULT */
  int keep_optional_markers; /* reserved; set to 0 */
} pc_extract_opts;

/* Fills opts with defaults.  Call before setting fields. */
PC_API void pc_extract_opts_init(pc_extract_opts *opts);

/* Extracts the article from `len` bytes of `data` (any encoding; output is
 * always valid UTF-8).  The bytes are borrowed for the call only.  On
 * success *out is the caller's (pc_doc_free).  Input over opts->max_input
 * is PC_ERR_TOO_LARGE. */
PC_API pc_status pc_extract(const pc_ctx *ctx, const char *data, size_t len,
                            const pc_extract_opts *opts, pc_doc **out,
                            pc_error *err);

/*** Attribution: who said what ********************************************/

typedef enum pc_quote_kind {
  PC_QUOTE_DIRECT = 1,   /* a sentence or more in quotation marks */
  PC_QUOTE_MIXED = 2,    /* reported speech holding quoted words */
  PC_QUOTE_INDIRECT = 3  /* reported speech, no quotation marks */
} pc_quote_kind;

/* pc_quote.block of a quote found in the document's title (its
 * PC_META_TITLE value: "Senator vows to veto the bill"), which is no
 * block: pc_doc_block gives NULL for it.  (Added after 0.1.0.) */
#define PC_QUOTE_TITLE ((size_t)-1)

typedef struct pc_quote {
  const char *id;       /* "q1", "q2", ... */
  const char *text;     /* the quoted or reported words */
  pc_quote_kind kind;
  const char *speaker;  /* display name, or NULL when unknown */
  int speaker_entity;   /* index into the entities, or -1 */
  const char *role;     /* as the article states it, or NULL */
  const char *cue;      /* "said", "told the press", ...; NULL if none */
  const char *date;     /* ISO 8601 ("2024-04-02", "--04-02"), or NULL */
  size_t block;         /* index of the block holding it, or
                           PC_QUOTE_TITLE */
  size_t start, end;    /* byte offsets into that block's text (the
                           title's for PC_QUOTE_TITLE) */
  const char *sentence; /* the sentence(s) it stands in */
  int parent;           /* index of the quote it is reported in, or -1 */
} pc_quote;

typedef enum pc_entity_type {
  PC_ENTITY_PERSON = 1,
  PC_ENTITY_ORG = 2,
  PC_ENTITY_GROUP = 3,
  PC_ENTITY_PLACE = 4,
  PC_ENTITY_COUNTRY = 5
} pc_entity_type;

typedef struct pc_entity {
  const char *id;       /* "e1", "e2", ... */
  const char *name;     /* display name */
  pc_entity_type type;
  const char *const *aliases; /* other forms seen in the text */
  size_t naliases;
  const char *country;  /* ISO 3166 alpha-3 for countries, else NULL */
  size_t mentions;
} pc_entity;

typedef struct pc_claim {
  const char *claimant;      /* display name */
  const char *const *accused;
  size_t naccused;
  const char *event;         /* what they are held responsible for */
  int deny;                  /* 0 accuse, 1 deny */
  const char *evidence;      /* the sentence */
  int quote;                 /* index of the quote it comes from, or -1 */
} pc_claim;

/* Finds the quotations, speakers, entities and responsibility claims in
 * doc's blocks and keeps them in doc.  date (YYYY-MM-DD or NULL) anchors
 * dates without a year; when NULL the document's own date is used.  Runs
 * in time linear in the text. */
PC_API pc_status pc_attribute(const pc_ctx *ctx, pc_doc *doc,
                              const char *date, pc_error *err);

PC_API size_t pc_doc_quote_count(const pc_doc *doc);
PC_API const pc_quote *pc_doc_quote(const pc_doc *doc, size_t i);
PC_API size_t pc_doc_entity_count(const pc_doc *doc);
PC_API const pc_entity *pc_doc_entity(const pc_doc *doc, size_t i);
PC_API size_t pc_doc_claim_count(const pc_doc *doc);
PC_API const pc_claim *pc_doc_claim(const pc_doc *doc, size_t i);

/*** Fetching ***************************************************************/

typedef struct pc_fetch_opts {
  long timeout_s;     /* whole transfer; 0 = 15 */
  size_t max_bytes;   /* body cap; 0 = 10 MiB */
  int max_redirects;  /* 0 = 5; negative = none */
  const char *user_agent; /* NULL = "presscut/VERSION" */
  int deny_private;   /* 1: refuse loopback, private, link-local, multicast
                         and reserved addresses (IPv4 and IPv6), checked on
                         every address actually connected to, redirects
                         included (for servers that fetch for others) */
  const char *proxy;  /* NULL: libcurl's choice from http_proxy,
                         https_proxy, ALL_PROXY and NO_PROXY, or with
                         deny_private no proxy at all (the guard would see
                         only the proxy's address); "": none; a URL: that
                         proxy for every host, and with deny_private the
                         target's own addresses (resolved here, every one
                         public) are checked before the request and before
                         each redirect, which is then followed here */
  /* Extra request headers, each "Name: value", the list ended by NULL;
   * borrowed; NULL = none.  A header with CR or LF, or without a name,
   * is PC_ERR_USAGE; one named like a header libcurl sets (User-Agent,
   * Accept) replaces it.  (Added after 0.1.0, at the end.) */
  const char *const *headers;
} pc_fetch_opts;

PC_API void pc_fetch_opts_init(pc_fetch_opts *opts);

/* The body of a fetched URL.  Free with pc_fetch_result_free. */
typedef struct pc_fetch_result {
  char *body;          /* not NUL-terminated data of body_len bytes */
  size_t body_len;
  char *content_type;  /* header value or NULL */
  char *final_url;     /* after redirects */
  long http_status;
} pc_fetch_result;

/* Fetches an http(s) URL with libcurl (compressed transfer, redirects,
 * timeout, size cap).  HTTP status >= 400 is PC_ERR_NETWORK.  On success
 * *out is the caller's. */
PC_API pc_status pc_fetch(const char *url, const pc_fetch_opts *opts,
                          pc_fetch_result **out, pc_error *err);
PC_API void pc_fetch_result_free(pc_fetch_result *res);

/*** The pipeline: load, extract, cut, delete, attribute *******************/

/* What every front end (the command line, the server, batch) does with one
 * input, in one place: fetch it (pc_load_url) or take its bytes
 * (pc_load), extract it, drop the editor's cuts, delete blocks, and
 * attribute quotations. */
typedef struct pc_load_opts {
  pc_extract_opts extract; /* url, content_type, kind, max_input; pc_load_url
                              sets url and content_type from the response */
  pc_fetch_opts fetch;     /* for pc_load_url */
  int cut;                 /* 1: drop the optional passages (cut markup) */
  const char *delete_ids;  /* "b3,b7": blocks to delete, or NULL; an id
                              that is not there is PC_ERR_USAGE */
  int attribution;         /* 1: run pc_attribute */
  const char *date;        /* the article's date for pc_attribute, or NULL */
} pc_load_opts;

/* Fills opts with defaults (pc_extract_opts_init, pc_fetch_opts_init, no
 * cut, no deletion, no attribution).  Call before setting fields. */
PC_API void pc_load_opts_init(pc_load_opts *opts);

/* Extracts len bytes of data (borrowed for the call), then applies cut,
 * delete_ids and attribution.  Bytes that are not HTML or text (by
 * extract.content_type when it names an image, a PDF, an archive...,
 * else by magic numbers and control bytes; a byte order mark or a legacy
 * charset is text) are PC_ERR_INPUT "not HTML or text (...)".  On success *out is the caller's
 * (pc_doc_free); on failure it is NULL. */
PC_API pc_status pc_load(const pc_ctx *ctx, const char *data, size_t len,
                         const pc_load_opts *opts, pc_doc **out,
                         pc_error *err);

/* 1 when s starts with a URL scheme (letters, then "://"): an input for
 * pc_load_url rather than a file name; 0 otherwise. */
PC_API int pc_is_url(const char *s);

/* pc_load of what pc_fetch(url, &opts->fetch) returns, with the final URL
 * and Content-Type.  A URL of another scheme than http(s) is
 * PC_ERR_USAGE. */
PC_API pc_status pc_load_url(const pc_ctx *ctx, const char *url,
                             const pc_load_opts *opts, pc_doc **out,
                             pc_error *err);

/*** Rendering **************************************************************/

typedef enum pc_format {
  PC_FORMAT_TEXT = 0,     /* title, blank line, blocks separated by blank
                             lines */
  PC_FORMAT_MARKDOWN = 1,
  PC_FORMAT_HTML = 2,     /* a safe HTML fragment document: only model
                             elements, no script, no event handlers */
  PC_FORMAT_JSON = 3,     /* one JSON object, one line; with quotes,
                             entities and claims after pc_attribute */
  PC_FORMAT_QUOTES_JSON = 4, /* title, date, quotes, entities, claims */
  PC_FORMAT_QUOTES_TEXT = 5, /* who said what, grouped by speaker */
  PC_FORMAT_QUOTES_HTML = 6  /* the article with quotes highlighted */
} pc_format;

/* Renders doc in the given format.  On success *out is a NUL-terminated
 * buffer of *out_len bytes, the caller's to pc_free. */
PC_API pc_status pc_render(const pc_doc *doc, pc_format format, char **out,
                           size_t *out_len, pc_error *err);

/*** print: print-ready HTML and typeset PDF *******************************/

typedef enum pc_page_size {
  PC_PAGE_A4 = 0,
  PC_PAGE_LETTER = 1,
  PC_PAGE_A5 = 2
} pc_page_size;

/* PrintFriendly's image sizes: share of the text width. */
typedef enum pc_image_size {
  PC_IMAGES_FULL = 0,   /* 100% */
  PC_IMAGES_LARGE = 1,  /* 75% */
  PC_IMAGES_MEDIUM = 2, /* 50% */
  PC_IMAGES_SMALL = 3,  /* 30% */
  PC_IMAGES_NONE = 4    /* left out (captions too) */
} pc_image_size;

/* Called for each thing left out of the output that the reader should
 * know about (an image that could not be read, ...): one line, no
 * newline.  May be NULL. */
typedef void (*pc_warn_fn)(void *closure, const char *message);

typedef struct pc_print_opts {
  pc_page_size page_size;
  double margin_mm;       /* page margins; 0 = 18 */
  int text_size;          /* 1..5 (PrintFriendly's steps); 0 = 3 */
  const char *font;       /* "serif", "sans" or a fontconfig family;
                             NULL = "serif" */
  pc_image_size images;
  int ragged;             /* 1: ragged right; 0: justified */
  int no_header;          /* 1: no running title at the top of pages */
  int no_footer;          /* 1: no source and page numbers at the bottom */
  int who_said_what;      /* 1: appendix of speakers, quotes and claims
                             (after pc_attribute) */
  int embed_images;       /* html: images as data: URIs */
  int fetch_images;       /* 1: http(s) images are fetched (capped) */
  const char *base_dir;   /* the input file's folder: relative image
                             paths are read only inside it (symlinks
                             resolved); NULL = no local image is read */
  size_t max_image_bytes; /* per image; 0 = 10 MiB */
  long image_timeout_s;   /* per fetched image; 0 = 10 */
  int deny_private_fetch; /* image fetches refuse private addresses
                             (pc_fetch_opts.deny_private) */
  const char *fetch_proxy; /* image fetches' pc_fetch_opts.proxy */
  struct pc_pdf_cache *cache; /* pdf: fonts and hyphenation dictionaries
                                 kept between calls (pc_pdf_cache_new);
                                 NULL = found and loaded anew each call */
  pc_warn_fn warn;
  void *warn_closure;
  /* Limits of one call (pc_print_html, pc_pdf, each part of
   * pc_mail_compose), whatever its number of documents and images: each
   * distinct image is read once and used again; past a limit, the images
   * still to fetch are left out with one warning.  (Added after 0.1.0, at
   * the end, so the fields above keep their offsets; pc_print_opts_init
   * sets them, and 0 means the default as well.) */
  int max_image_fetches;  /* distinct http(s) images; 0 = 50 */
  size_t max_image_total; /* bytes of them all; 0 = 32 MiB */
  long image_budget_s;    /* seconds for all of them (each fetch also
                             within image_timeout_s); 0 = 30 */
  /* pc_pdf: the folder of each of its ndocs documents (an entry may be
   * NULL: none), in place of base_dir; borrowed.  NULL = base_dir for
   * all.  (Also added after 0.1.0.) */
  const char *const *base_dirs;
  /* A book of several documents (pc_pdf, EPUB): the title and author on
   * its cover and in its metadata; NULL = made from the documents.
   * Borrowed.  (Also added after 0.1.0.) */
  const char *title;
  const char *author;
  /* pc_pdf: how quotations are marked in the body, by speaker, with a
   * legend (needs pc_attribute): PC_MARKS_DEFAULT (colour with
   * who_said_what, else none), _COLOUR (a background a speaker), _GREY
   * (an underline style a speaker: safe on a grey printer) or _NONE.
   * (Also added after 0.1.0.) */
  int marks;
} pc_print_opts;

enum { PC_MARKS_DEFAULT = 0, PC_MARKS_COLOUR, PC_MARKS_GREY, PC_MARKS_NONE };

/* Fills opts with defaults.  Call before setting fields. */
PC_API void pc_print_opts_init(pc_print_opts *opts);

/* One self-contained print-ready HTML document (inline CSS with @page
 * rules, a source line, links kept); only model elements and attributes
 * are written.  *out is the caller's to pc_free. */
PC_API pc_status pc_print_html(const pc_doc *doc, const pc_print_opts *opts,
                               char **out, size_t *out_len, pc_error *err);

/* One image from an http(s) URL, fetched as the print stage fetches it
 * (opts: deny_private_fetch, fetch_proxy, max_image_bytes,
 * image_timeout_s) and checked to be a JPEG, PNG, GIF or WebP image.  On
 * success *data (caller's, pc_free) holds *len bytes and *mime is a static
 * string ("image/png").  On failure the message of err says why; a fetch
 * the address guard refused says ": refused: ". */
PC_API pc_status pc_image_fetch(const char *url, const pc_print_opts *opts,
                                char **data, size_t *len, const char **mime,
                                pc_error *err);

/* Receives the PDF as it is written; returns 0 on success, non-zero to
 * stop (the call then fails with PC_ERR_IO). */
typedef int (*pc_write_fn)(void *closure, const unsigned char *data,
                           size_t len);

/* Typesets ndocs documents (borrowed) into one PDF with cairo and pango:
 * with more than one, a cover listing them and a table of contents come
 * first.  The bytes go to write(closure, ...).  Safe from any thread, but
 * calls typeset one at a time in a process (pango 1.50 and cairo 1.16
 * measure text wrongly when two threads load fonts at once); images are
 * loaded, and fetched, before a call waits its turn.  write runs during
 * the call's turn: it should be quick (a file, a buffer) and must not call
 * pc_pdf itself. */
PC_API pc_status pc_pdf(const pc_doc *const *docs, size_t ndocs,
                        const pc_print_opts *opts, pc_write_fn write,
                        void *closure, pc_error *err);

/* Fonts and hyphenation dictionaries kept from one pc_pdf call to the next,
 * for a program that makes many PDFs (a server): without a cache each call
 * finds its fonts and loads its dictionary again, about two thirds of the
 * time a short article takes.  The PDFs are the same.  Calls from any
 * thread may share one cache (pc_pdf uses it only during its turn).  The
 * caller frees it, after the last call that uses it. */
typedef struct pc_pdf_cache pc_pdf_cache;
PC_API pc_status pc_pdf_cache_new(pc_pdf_cache **out, pc_error *err);
PC_API void pc_pdf_cache_free(pc_pdf_cache *cache);

/*** epub: the articles as an EPUB 3 book *********************************/

/* Writes ndocs documents (borrowed) as one EPUB 3 book: a chapter per
 * document, the navigation document, and with more than one document a
 * cover page listing them (opts->title and ->author, or made from the
 * documents); with opts->who_said_what (after pc_attribute) a chapter of
 * who said what, the quotes also marked in the text.  Images are read as
 * pc_print_html reads them (opts: images, fetch_images, base_dir or
 * base_dirs, and the call's limits) and stored in the book; one that
 * cannot be read is left out with a warning.  The container is a zip
 * written with libzip, loaded when first needed.  The bytes go to
 * write(closure, ...), which returns 0 to go on.  Safe from any thread. */
PC_API pc_status pc_epub(const pc_doc *const *docs, size_t ndocs,
                         const pc_print_opts *opts, pc_write_fn write,
                         void *closure, pc_error *err);

/*** mail: the article as a MIME message, sent over SMTP ********************/

typedef enum pc_attach {
  PC_ATTACH_PDF = 0,
  PC_ATTACH_HTML = 1,
  PC_ATTACH_NONE = 2,
  PC_ATTACH_EPUB = 3  /* application/epub+zip (pc_epub): for e-readers */
} pc_attach;

typedef struct pc_mail_opts {
  const char *from;      /* one RFC 5322 address ("Ann <ann@example.org>") */
  const char *to;        /* one or more, comma-separated */
  const char *subject;   /* NULL: the article's title */
  const char *message;   /* the sender's words above the article, or NULL */
  pc_attach attach;
  pc_print_opts print;   /* layout of the PDF or HTML (pc_print_opts_init) */
  /* (Added after 0.1.0, at the end.)  An attachment the caller made (a
   * digest: one PDF of several documents), borrowed: when set, it is
   * attached as attachment_type ("application/pdf"), named
   * attachment_name, instead of the one made from doc (attach is then
   * not read). */
  const char *attachment;
  size_t attachment_len;
  const char *attachment_type;
  const char *attachment_name;
} pc_mail_opts;

/* Fills opts with defaults (attach PDF, default print options). */
PC_API void pc_mail_opts_init(pc_mail_opts *opts);

/* Checks an address list with GMime's RFC 5322 parser: PC_OK when every
 * entry is a mailbox with a local part and a domain (n, when not NULL,
 * gets how many), else PC_ERR_USAGE with the reason. */
PC_API pc_status pc_mail_check_addresses(const char *list, size_t *n,
                                         pc_error *err);

/* Composes the message with GMime: multipart/mixed holding
 * multipart/alternative (plain text and the print HTML, the sender's
 * message first) and the attachment.  Headers From, To, Subject (RFC 2047
 * encoded words when not ASCII), Date, Message-ID, MIME-Version; CRLF line
 * ends.  *out (caller's, pc_free) is the message. */
PC_API pc_status pc_mail_compose(const pc_doc *doc, const pc_mail_opts *opts,
                                 char **out, size_t *out_len, pc_error *err);

/* The file name an attachment of doc gets: its title as safe ASCII
 * ("Привет, мир!" -> "Privet-mir") and ".ext".  Caller's, pc_free; NULL
 * when out of memory. */
PC_API char *pc_mail_attachment_name(const pc_doc *doc, const char *ext);

typedef enum pc_tls {
  PC_TLS_AUTO = 0,     /* STARTTLS when offered; smtps:// always TLS */
  PC_TLS_REQUIRED = 1, /* refuse to send in clear */
  PC_TLS_OFF = 2
} pc_tls;

typedef struct pc_smtp_opts {
  const char *url;      /* smtp://HOST:PORT or smtps://HOST:PORT */
  const char *user;     /* AUTH when not NULL */
  const char *password;
  pc_tls tls;
  const char *cacert;   /* CA bundle to verify the server with, or NULL */
  long timeout_s;       /* per attempt; 0 = 30 */
  int retries;          /* extra attempts after a transient failure;
                           negative = none; 0 = 3 */
  long retry_wait_ms;   /* first wait, doubled each time; 0 = 1000 */
} pc_smtp_opts;

PC_API void pc_smtp_opts_init(pc_smtp_opts *opts);

/* Sends a composed message (its From and To headers give the envelope)
 * with libcurl.  Transient failures (no connection, a 4xx reply, a
 * connection lost mid-way) are retried with backoff; a 5xx reply fails at
 * once.  PC_ERR_NETWORK with a one-line reason on failure. */
PC_API pc_status pc_smtp_send(const char *msg, size_t len,
                              const pc_smtp_opts *opts, pc_error *err);

/* The outbox: a message is stored before it is sent and removed only
 * once a server accepted it.  dir is created when missing.  *name (caller's,
 * pc_free; may be NULL) gets the stored message's name. */
PC_API pc_status pc_outbox_put(const char *dir, const char *msg, size_t len,
                               char **name, pc_error *err);

/* As pc_outbox_put, and the message keeps the policy it was queued under
 * (policy may be NULL: none): its TLS mode and its AUTH user, never the
 * password.  A flush sends it with the stricter TLS mode of the stored one
 * and the flush's (a message queued under PC_TLS_REQUIRED is never sent in
 * clear), and logs in as the stored user with the flush's password (no
 * password, or another user: the message stays queued, an error). */
PC_API pc_status pc_outbox_queue(const char *dir, const char *msg, size_t len,
                                 const pc_smtp_opts *policy, char **name,
                                 pc_error *err);

/* Sends one stored message (by name) or, with name NULL, every message
 * waiting in dir; each is claimed first, so two flushes never send the same
 * message, and removed after the server accepted it.  At least once: a
 * message whose acceptance was not seen (a timeout or a kill after DATA)
 * is sent again, the same bytes and Message-ID.  *sent and *failed
 * (may be NULL) count the messages. */
PC_API pc_status pc_outbox_flush(const char *dir, const char *name,
                                 const pc_smtp_opts *opts, size_t *sent,
                                 size_t *failed, pc_error *err);

/*** serve: the web page and its JSON API ************************************/

typedef struct pc_serve_opts {
  const char *listen;       /* "HOST:PORT" (IPv4, or [IPv6]:PORT); port 0
                               picks one; NULL = "127.0.0.1:8080" */
  const char *from;         /* the sender of mail; with smtp.url set, the
                               mail endpoint works */
  pc_smtp_opts smtp;
  const char *outbox;       /* the mail outbox directory (required for mail) */
  int allow_private_fetch;  /* 1: URL fetches may reach private addresses */
  size_t max_body;          /* request bodies; 0 = 10 MiB */
  int threads;              /* worker threads; 0 = the number of cores */
  int mail_per_minute;      /* per client address; 0 = 5 */
  unsigned connection_limit;/* connections in all; 0 = 256 */
  unsigned timeout_s;       /* idle connection timeout; 0 = 15 */
  /* Requests (borrowed strings).  A request whose Host is not the listen
   * address, localhost, the host of public_url or one of allowed_hosts is
   * refused 421 on every route but /healthz (DNS rebinding). */
  const char *public_url;   /* where users reach the page ("https://news.
                               example/"), or NULL; mail from its origin is
                               accepted too */
  const char *const *allowed_hosts; /* more Host names served */
  size_t nallowed_hosts;
  const char *proxy;        /* fetch through this proxy URL, checking each
                               target's own addresses; NULL = no proxy (the
                               environment's proxy variables are ignored) */
  int fetch_threads;        /* threads for requests that fetch or mail;
                               0 = 8 */
  int fetches_per_client;   /* such requests at once per client address;
                               0 = 4 */
  int max_recipients;       /* per message; 0 = 10 */
  int mail_per_hour;        /* per client address; 0 = 20 */
  unsigned max_per_address; /* connections from one client address; 0 = 32 */
  unsigned head_timeout_s;  /* to receive a whole request head; 0 = 10 */
  unsigned body_timeout_s;  /* to receive a whole request body; 0 = 60 */
  size_t max_inflight;      /* request-body bytes held by all connections
                               at once (503 past it); 0 = 64 MiB, and
                               never under max_body */
  /* Called once listening, with the bound port (for port 0). */
  void (*ready)(void *closure, unsigned port);
  void *ready_closure;
  /* pc_serve returns when *stop becomes non-zero (checked ten times a
   * second): set it from a signal handler. */
  volatile int *stop;
  /* Deployment (docs/deploy.md).  listen may also be "unix:/PATH": a Unix
   * socket, made mode 0660 (a stale socket file is replaced). */
  const char *base_path;    /* serve the page, its assets and the API under
                               this path ("/presscut/"); NULL or "/" = the
                               root.  /healthz and /readyz answer at the
                               root as well */
  const char *trusted_proxies; /* comma-separated addresses or CIDR ranges
                               (and "unix": the Unix socket's peers) whose
                               X-Forwarded-For names the client; NULL =
                               none, the header is ignored */
  /* One line per request (no newline: "2026-12-06T16:30:00.123Z GET
   * /api/extract 200 5120 12.3ms"), called from libmicrohttpd's one
   * thread; NULL = no access log.  With log_client the client's address
   * comes after the time. */
  void (*access_log)(void *closure, const char *line);
  void *access_log_closure;
  int log_client;
  int notify_systemd;       /* 1: tell systemd READY=1 and STOPPING=1
                               (sd_notify, libsystemd loaded when needed)
                               when NOTIFY_SOCKET is set */
  const char *archive_db;   /* an archive (SQLite file or postgresql://
                               URL; not created): the archive view and GET
                               /api/archive/..., POST /api/archive/save
                               (docs/api-archive.md); NULL = none, 404 */
} pc_serve_opts;

PC_API void pc_serve_opts_init(pc_serve_opts *opts);

/* Serves the page (built in: HTML, CSS and JavaScript) and the API
 * (GET /healthz, /readyz, POST /api/extract, /api/quotes, /api/pdf,
 * /api/mail, GET /img for article images) with libmicrohttpd until
 * *opts->stop is set.  PC_ERR_NETWORK when it cannot listen ("127.0.0.1:
 * 8080: address already in use").
 * ctx is borrowed and shared by the worker threads. */
PC_API pc_status pc_serve(const pc_ctx *ctx, const pc_serve_opts *opts,
                          pc_error *err);

/*** batch: many documents, in parallel, resumable **************************/

typedef struct pc_batch_stats {
  unsigned long long read;     /* documents found in the inputs */
  unsigned long long written;  /* lines written to the output */
  unsigned long long errors;   /* documents that failed (errors file) */
  unsigned long long skipped;  /* records that are not documents (WARC
                                  request, warcinfo, metadata, non-HTML) */
  unsigned long long bytes;    /* payload bytes read */
  unsigned long long files;    /* input files opened */
  unsigned long long repeats;  /* files and directories reached again (a
                                  link, a cycle, a name given twice): each
                                  is read once, by device and inode */
  unsigned long long unwritten; /* documents read but not written: the
                                   output failed and the run stopped */
  /* (Added after 0.1.0, at the end.)  read == written + errors + skipped
   * + duplicates + done + other_shards + unwritten. */
  unsigned long long duplicates;   /* documents whose id was written
                                      already (this run, or the output a
                                      --resume continues) */
  unsigned long long done;         /* --resume: records the output holds */
  unsigned long long other_shards; /* --shard: documents of other shards */
  unsigned long long unreadable;   /* files and directories that could not
                                      be opened or read (warned) */
  unsigned long long taken;        /* input file bytes read so far
                                      (compressed bytes for gzip) */
  unsigned long long total;        /* the inputs' file bytes when known
                                      (with progress set; 0: not known, as
                                      for standard input) */
} pc_batch_stats;

typedef struct pc_batch_opts {
  const char *const *inputs;   /* paths, directories (recursive) or "-" */
  size_t ninputs;
  const char *out;             /* JSON Lines output (required) */
  const char *errors;          /* JSON Lines of failures, or NULL */
  int jobs;                    /* worker threads; 0 = the number of cores */
  int attribution;             /* add quotes, entities and claims */
  int resume;                  /* skip what out (and errors) already hold;
                                  append */
  int ordered;                 /* write in input order */
  unsigned shard_i, shard_n;   /* documents whose id's first 64 bits
                                  % n == i; n 0 = all */
  const char *date;            /* --date for attribution, or NULL */
  size_t max_doc;              /* a document's payload cap; 0 = 32 MiB */
  /* progress, about ten times a second, and once at the end (final 1) */
  void (*progress)(void *closure, const pc_batch_stats *st, double seconds,
                   int final);
  void *progress_closure;
  /* (Added after 0.1.0, at the end.)  When set, each document's line (the
   * JSON object and "\n", len bytes) goes to sink, called on the one
   * writing thread, instead of out (which may then be NULL); failed
   * documents still go to errors.  A non-zero return stops the run
   * (PC_ERR_IO); --resume needs out. */
  int (*sink)(void *closure, const char *line, size_t len);
  void *sink_closure;
  /* (Added after 0.1.0, at the end.)  When set, called (on the reader
   * thread) with "PATH: reason" for each file or directory met in the
   * walk that cannot be opened or read; it is counted in unreadable. */
  void (*warn)(void *closure, const char *msg);
  void *warn_closure;
  /* (Added after 0.1.0, at the end.)  1: each line without its "blocks"
   * array (the text and the attribution stay), for a reader of the lines
   * that needs no blocks (an archive's `index --from-jsonl`): less to
   * write and to read back. */
  int no_blocks;
  /* (Added after 0.1.0, at the end.)  Instead of sink: each document
   * itself, with no JSON made and read back (presscut index); the three
   * are set together, and not with sink.  doc_make runs on the worker
   * that made doc, several at once (what it reaches through sink_closure
   * must be thread-safe), takes doc (pc_doc_free is its to call) and id
   * (batch's id of the document, borrowed for the call), and returns an
   * object of the caller's and its size in bytes (*bytes, for the cap on
   * what waits to be sunk); NULL with err set makes the document a
   * failure.  doc_sink gets each object on the one writing thread and
   * takes it; a non-zero return stops the run (PC_ERR_IO).  doc_drop, on
   * that thread too, frees an object never sunk: the run stopped first,
   * or with ordered its id turned out a duplicate.  All three get
   * sink_closure; nothing is written to out, which may be NULL. */
  void *(*doc_make)(void *closure, pc_doc *doc, const char *id,
                    size_t *bytes, pc_error *err);
  int (*doc_sink)(void *closure, void *obj);
  void (*doc_drop)(void *closure, void *obj);
} pc_batch_opts;

PC_API void pc_batch_opts_init(pc_batch_opts *opts);

/* Runs the batch: every document of the inputs extracted (and attributed)
 * by opts->jobs threads into opts->out, one JSON object a line with
 * "source" ({"file", "offset"}) and "id" (SHA-256 of URL and payload);
 * one line per id: a document whose id is already written is counted in
 * duplicates.  Memory is bounded: inputs are streamed, at most a few
 * documents per worker are in flight (and 16 to 32 bytes per id).
 * *stats (may be NULL) gets the counts (see pc_batch_stats), and a document is
 * written once its whole line is.  An input named in opts->inputs that
 * does not exist or cannot be opened is PC_ERR_INPUT before anything is
 * read or written. */
PC_API pc_status pc_batch_run(const pc_ctx *ctx, const pc_batch_opts *opts,
                              pc_batch_stats *stats, pc_error *err);


/*** archive: who said what and who accuses whom, across articles **********/

/* An archive of articles, quotes, speakers, entities and claims in a
 * database (one SQLite file; the backend interface of src/archive/ is
 * where a server backend plugs in).  One pc_archive belongs to one thread
 * at a time; any number of processes may read an archive while one
 * writes (WAL). */
typedef struct pc_archive pc_archive;

/* Opens the archive at path, creating it (and its schema) when create is
 * 1 and the file does not exist.  A file that is not an archive (another
 * SQLite database, a corrupt or foreign file) or an archive of a newer
 * schema is PC_ERR_INPUT and is not modified; an older schema is upgraded
 * in place.  On success *out is the caller's (pc_archive_close).
 * The first SQLite archive a process opens loads libsqlite3 and turns
 * its memory statistics off (SQLITE_CONFIG_MEMSTATUS, a lock at every
 * allocation), unless the program initialised SQLite before: then
 * SQLite refuses the setting and nothing changes. */
PC_API pc_status pc_archive_open(const char *path, int create,
                                 pc_archive **out, pc_error *err);
PC_API void pc_archive_close(pc_archive *a);

typedef struct pc_index_stats {
  unsigned long long read;      /* documents or lines read */
  unsigned long long articles;  /* articles added */
  unsigned long long known;     /* already in the archive (same source,
                                   URL or content): nothing added */
  unsigned long long quotes;    /* quotes added */
  unsigned long long claims;    /* claims added */
  unsigned long long errors;    /* documents that failed */
} pc_index_stats;

typedef struct pc_index_opts {
  const char *const *inputs;  /* as pc_batch_opts.inputs */
  size_t ninputs;
  const char *from_jsonl;     /* or: `batch --attribution` output to load
                                 ("-" standard input) */
  const char *aliases;        /* a file of name<TAB>identifier lines, or
                                 NULL */
  int jobs;                   /* 0 = the number of cores */
  const char *date;           /* as pc_batch_opts.date */
  size_t max_doc;             /* as pc_batch_opts.max_doc */
  unsigned per_transaction;   /* articles a transaction; 0 = 200 */
  void (*progress)(void *closure, const pc_index_stats *st, double seconds,
                   int final);
  void *progress_closure;
  /* (Added after 0.1.0, at the end.)  inputs may also be http(s) URLs:
   * each is fetched (pc_fetch, fetch_timeout_s; 0 = 15) before the run,
   * refusing private, loopback and reserved addresses unless
   * allow_private_fetch is 1, and stored like a page of the other inputs.
   * A URL that cannot be fetched is counted in errors and given to warn
   * (when set) as "URL: reason". */
  int allow_private_fetch;
  long fetch_timeout_s;
  void (*warn)(void *closure, const char *msg);
  void *warn_closure;
} pc_index_opts;

PC_API void pc_index_opts_init(pc_index_opts *opts);

/* Extracts and attributes the inputs with pc_batch_run's readers and
 * workers (every core) and stores them from one thread, a transaction per
 * per_transaction articles; or loads from_jsonl.  Idempotent: what the
 * archive holds is not added again, so a run cut short (kill -9) is
 * completed by running it again.  Speakers are linked across articles at
 * the end. */
PC_API pc_status pc_index(pc_archive *a, const pc_ctx *ctx,
                          const pc_index_opts *opts, pc_index_stats *stats,
                          pc_error *err);

typedef enum pc_archive_format {
  PC_ARCHIVE_TEXT = 0,
  PC_ARCHIVE_JSON = 1,     /* one JSON object a line */
  PC_ARCHIVE_CSV = 2,      /* RFC 4180, a header line first */
  PC_ARCHIVE_GRAPHML = 3,  /* claims only: the accusation network */
  PC_ARCHIVE_NETWORK = 4   /* claims only: the network as one JSON object
                              {"nodes", "edges"}, at most limit edges */
} pc_archive_format;

/* What to look up; NULL fields do not restrict.  Every string is bound as
 * a parameter, never spliced into SQL. */
typedef struct pc_archive_query {
  const char *text;      /* search: words, "phrases", OR, -negation */
  const char *speaker;   /* search: a speaker's name, alias or identifier */
  const char *about;     /* search: words the article holds (same syntax) */
  const char *kind;      /* search: direct, mixed or indirect */
  const char *since;     /* YYYY-MM-DD, inclusive */
  const char *until;     /* YYYY-MM-DD, inclusive */
  const char *site;      /* search: the article's site (host) */
  const char *claimant;  /* claims */
  const char *accused;   /* claims */
  const char *event;     /* claims: words of the event */
  const char *name;      /* speakers */
  size_t limit;          /* rows; 0 = 100 */
  pc_archive_format format;
  const char *near;      /* search: quotes whose text is like this one
                            (trigram similarity, pg_trgm's) */
  double similarity;     /* near: the least similarity, 0 to 1; 0 = 0.5 */
} pc_archive_query;

PC_API void pc_archive_query_init(pc_archive_query *q);

/* The quotes matching q, newest first (search), the claims (claims) and
 * the speakers (speakers), written in q->format to write(closure, ...).
 * A malformed query or option is PC_ERR_USAGE with a one-line reason. */
PC_API pc_status pc_archive_search(pc_archive *a, const pc_archive_query *q,
                                   pc_write_fn write, void *closure,
                                   pc_error *err);
PC_API pc_status pc_archive_claims(pc_archive *a, const pc_archive_query *q,
                                   pc_write_fn write, void *closure,
                                   pc_error *err);
PC_API pc_status pc_archive_speakers(pc_archive *a, const pc_archive_query *q,
                                     pc_write_fn write, void *closure,
                                     pc_error *err);

/* The search syntax (words, "phrases", OR between items, -item excludes)
 * as an SQLite FTS5 expression in which every word is a quoted string;
 * *fts is the caller's (pc_free).  PC_ERR_USAGE with the reason when the
 * query is malformed (an open quote, OR without an item on each side,
 * nothing but exclusions, too long). */
PC_API pc_status pc_archive_parse_query(const char *query, char **fts,
                                        pc_error *err);

/*** feeds: RSS 2.0, RSS 1.0 (RDF), Atom, and OPML lists of feeds ********/

typedef enum pc_feed_kind {
  PC_FEED_RSS2 = 0, /* RSS 0.9x and 2.0: <rss><channel><item> */
  PC_FEED_RSS1 = 1, /* RSS 1.0 (RDF): <rdf:RDF><item> */
  PC_FEED_ATOM = 2, /* <feed><entry> */
  PC_FEED_OPML = 3  /* a list of feeds: each outline with an xmlUrl is an
                       entry whose link is the feed's URL */
} pc_feed_kind;

/* One entry.  Strings are valid UTF-8, owned by the pc_feed. */
typedef struct pc_feed_entry {
  const char *title;   /* or NULL */
  const char *link;    /* the entry's page, resolved against the entry's
                          base (xml:base, the feed's URL); never NULL */
  const char *id;      /* id, guid or rdf:about, or NULL */
  const char *date;    /* "YYYY-MM-DDTHH:MM:SSZ" (UTC), or NULL */
  long long time;      /* the same in seconds since 1970 (UTC); -1: none
                          (an earlier date counts as none) */
  const char *summary; /* summary or description as HTML (text escaped),
                          or NULL */
  const char *content; /* the full content (Atom content,
                          content:encoded) as HTML, or NULL */
} pc_feed_entry;

typedef struct pc_feed pc_feed;

/* Parses a feed (len bytes, borrowed for the call) with libxml2: no
 * network, no DTD loaded, no external entity, entities never substituted
 * (libxml2's amplification limits stop an entity bomb: PC_ERR_INPUT).
 * url (may be NULL) is where the feed came from, the base of relative
 * links.  Entries with no link are skipped and counted, as are entries
 * whose id or link an earlier entry had; at most 10000 are kept.  Input
 * over 16 MiB is PC_ERR_TOO_LARGE; bytes that are no RSS, Atom or OPML
 * document are PC_ERR_INPUT with a one-line reason.  On success *out is the caller's
 * (pc_feed_free). */
PC_API pc_status pc_feed_parse(const char *data, size_t len, const char *url,
                               pc_feed **out, pc_error *err);
PC_API void pc_feed_free(pc_feed *feed);
PC_API pc_feed_kind pc_feed_type(const pc_feed *feed);
/* The feed's title (or NULL) and its entries, in document order. */
PC_API const char *pc_feed_title(const pc_feed *feed);
PC_API size_t pc_feed_entry_count(const pc_feed *feed);
PC_API const pc_feed_entry *pc_feed_entry_at(const pc_feed *feed, size_t i);
/* Entries left out: without a (usable) link, and repeated (same id or
 * link as an earlier one). */
PC_API size_t pc_feed_skipped_nolink(const pc_feed *feed);
PC_API size_t pc_feed_skipped_dup(const pc_feed *feed);

/* A date as feeds write it, in seconds since 1970 (UTC): RFC 822 and 2822
 * (with or without the weekday or seconds, two- or four-digit years, zones
 * as +hhmm, UT, GMT, Z, the US names or military letters) and ISO 8601 /
 * RFC 3339 (with or without time, seconds, fraction or zone; no zone is
 * UTC).  0 when s is none of these (*t untouched). */
PC_API int pc_feed_date(const char *s, long long *t);

/* An HTML page standing for an entry whose page could not be had: its
 * title as a heading, its content (else its summary), a link to its page.
 * Caller's, pc_free; NULL when out of memory. */
PC_API char *pc_feed_entry_page(const pc_feed_entry *e, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* PRESSCUT_H */
