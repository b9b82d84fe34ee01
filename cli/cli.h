/*
 * cli.h - what the commands of the presscut command line share: exit
 * codes, one-line errors, reading an input, the one pipeline call, and
 * the options that several commands take.  Each command lives in its own
 * file (extract.c, print.c (html, pdf, epub), mail.c, serve.c, batch.c,
 * archive.c, digest.c; feed.c: a feed as input) with its usage text
 * beside its code; main.c holds the command table.
 *
 * Uses only include/presscut.h, which keeps the public API honest.
 * Exit status: 0 ok, 2 usage, 3 bad input, 4 network, 5 internal.
 */
#ifndef PC_CLI_H
#define PC_CLI_H

#include "presscut.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

enum { EX_OK = 0, EX_USAGE = 2, EX_INPUT = 3, EX_NET = 4, EX_INTERNAL = 5 };

/* The program's name in messages. */
#define PROG "presscut"

/* The one table from library status to exit code. */
int exit_code(pc_status st);

/* Prints "presscut: " and fmt with a and b as one line on stderr; returns
 * code. */
int fail(int code, const char *fmt, const char *a, const char *b);

/* How much the run tells on stderr: -1 --quiet (errors only), 0 the
 * default (errors and warnings), 1 --verbose (notes on progress too).
 * main() sets it once, from --quiet or --verbose anywhere before "--",
 * before the command runs; nothing changes it after. */
void cli_set_verbosity(int v);
int cli_verbosity(void);

/* A warning ("presscut: WHERE: warning: MSG"), unless --quiet. */
void cli_warning(const char *where, const char *msg);
/* A note ("presscut: WHERE: MSG"), only with --verbose. */
void cli_note(const char *where, const char *fmt, const char *a);

/* A usage error as one line naming the problem and pointing at the help:
 * "presscut: CMD: MSG (see 'presscut CMD --help')"; returns EX_USAGE.
 * MSG is fmt with a. */
int usage_error(const char *cmd, const char *fmt, const char *a);
/* getopt_long (run with opterr = 0) returned '?' or ':': the option it
 * stopped at as a usage_error ("unknown option '--frob'", "option
 * '--format' needs a value"). */
int bad_option(const char *cmd, const char *shortopts,
               const struct option *lo, char **argv);
/* The edit distance of two short strings (a swap of two letters is one
 * edit), for "did you mean". */
size_t edit_distance(const char *a, const char *b);

/* The failure of one input, said once: "presscut: INPUT: MSG", where a
 * MSG that already starts with "INPUT: " (a fetch error names its URL)
 * is not prefixed again. */
void report(const char *input, const char *msg);

/* A real calendar date YYYY-MM-DD (2024-13-45 is not). */
bool valid_date(const char *s);

/* Whether path names a directory. */
bool is_dir(const char *path);

/* An absolute http(s) URL with a host, on one line. */
bool http_url(const char *s);

/* An smtp:// or smtps:// URL with a host, on one line. */
bool smtp_url(const char *s);

/* A byte count: digits only (strtoull alone takes "-5" as 2^64 - 5, and
 * a negative limit would be no limit).  False when s is not one. */
bool parse_bytes(const char *s, size_t *v);

/* Reads a path or stdin, at most max bytes (one more is an error); *data
 * is the caller's to free.  What can keep a reader waiting (a FIFO, a
 * pipe, a socket, a device) must be read whole within timeout_s. */
pc_status read_input(const char *path, size_t max, long timeout_s,
                     char **data, size_t *len, pc_error *err);

/* At most this many --header options. */
#define MAX_HEADERS 16

/* The input options of extract, quotes, html, pdf and mail. */
struct extract_args {
  pc_format format;
  int cut;
  const char *del;
  const char *url;
  const char *content_type;
  size_t max_input;
  long timeout;
  const char *data_dir;
  int attribution;   /* run pc_attribute */
  const char *date;  /* --date for attribution */
  /* (below: zero in an initializer that stops above) */
  const char *user_agent;           /* --user-agent */
  const char *headers[MAX_HEADERS + 1]; /* --header, NULL-terminated */
  int nheaders;
  const char *cmd;   /* the command, for usage errors; NULL: none named */
};

/* Loads one input (a file, - or a URL) through pc_load or pc_load_url;
 * on success *doc is the caller's to free. */
pc_status load_doc(const pc_ctx *ctx, const struct extract_args *a,
                   const char *input, pc_doc **doc, pc_error *err);

/* A pc_warn_fn printing "presscut: INPUT: warning: ..." (closure: the
 * input's name). */
void cli_warn(void *closure, const char *msg);
/* A pc_write_fn writing to the FILE * closure. */
int write_file(void *closure, const unsigned char *data, size_t len);
/* The directory holding a file input, for its relative image paths
 * (malloc'd). */
char *dir_of(const char *path);

/* Option codes shared by pdf, html and mail (layout and input). */
enum { L_PAGE = 256, L_MARGINS, L_TSIZE, L_FONT, L_IMAGES, L_RAGGED,
       L_NOHEAD, L_NOFOOT, L_WSW, L_FETCH, L_NOFETCH, L_TITLE, L_AUTHOR,
       L_MARKS, L_LAST };

#define LAYOUT_OPTIONS                                                        \
  {"page-size", required_argument, NULL, L_PAGE},                             \
      {"margins", required_argument, NULL, L_MARGINS},                        \
      {"text-size", required_argument, NULL, L_TSIZE},                        \
      {"font", required_argument, NULL, L_FONT},                              \
      {"images", required_argument, NULL, L_IMAGES},                          \
      {"ragged", no_argument, NULL, L_RAGGED},                                \
      {"no-header", no_argument, NULL, L_NOHEAD},                             \
      {"no-footer", no_argument, NULL, L_NOFOOT},                             \
      {"who-said-what", no_argument, NULL, L_WSW},                            \
      {"fetch-images", no_argument, NULL, L_FETCH},                           \
      {"no-fetch-images", no_argument, NULL, L_NOFETCH},                      \
      {"title", required_argument, NULL, L_TITLE},                            \
      {"author", required_argument, NULL, L_AUTHOR},                          \
      {"marks", required_argument, NULL, L_MARKS}

#define INPUT_OPTIONS                                                         \
  {"cut", no_argument, NULL, 'c'}, {"delete", required_argument, NULL, 'd'},  \
      {"url", required_argument, NULL, 'u'},                                  \
      {"content-type", required_argument, NULL, 't'},                         \
      {"max-input", required_argument, NULL, 'm'},                            \
      {"timeout", required_argument, NULL, 'T'},                              \
      {"data-dir", required_argument, NULL, 'D'},                             \
      {"date", required_argument, NULL, 'Y'},                                 \
      {"user-agent", required_argument, NULL, 'U'},                           \
      {"header", required_argument, NULL, 'H'}

/* An input option (INPUT_OPTIONS): -1 when c is none, else EX_OK or the
 * usage error (already reported). */
int input_opt(int c, const char *arg, struct extract_args *a);
/* A layout (LAYOUT_OPTIONS) or input option, the same way. */
int shared_opt(int c, const char *arg, pc_print_opts *po, int *fetch,
               struct extract_args *a);

/* SMTP settings of mail, digest and serve (mail.c).  parse_tls: --tls auto,
 * required or off into *tls, EX_OK or the usage error (reported).
 * smtp_password: the password of --password-file (or $PRESSCUT_SMTP_PASSWORD),
 * malloc'd, NULL after reporting an error.  default_outbox: the outbox
 * folder when --outbox is not given, malloc'd. */
int parse_tls(const char *cmd, const char *arg, pc_tls *tls);
/* The SMTP options of mail and digest: codes, getopt entries, and the
 * parser (mail.c), which takes c into so, *pwfile or *outbox: -1 when c
 * is not one of them, else EX_OK or the usage error (reported). */
enum { S_SMTP = 440, S_USER, S_PWFILE, S_TLS, S_CACERT, S_SMTPTO,
       S_RETRIES, S_RETRYWAIT, S_OUTBOX };
#define SMTP_OPTIONS                                                          \
  {"smtp", required_argument, NULL, S_SMTP},                                  \
      {"user", required_argument, NULL, S_USER},                              \
      {"password-file", required_argument, NULL, S_PWFILE},                   \
      {"tls", required_argument, NULL, S_TLS},                                \
      {"cacert", required_argument, NULL, S_CACERT},                          \
      {"smtp-timeout", required_argument, NULL, S_SMTPTO},                    \
      {"retries", required_argument, NULL, S_RETRIES},                        \
      {"retry-wait", required_argument, NULL, S_RETRYWAIT},                   \
      {"outbox", required_argument, NULL, S_OUTBOX}
int smtp_opt(const char *cmd, int c, const char *arg, pc_smtp_opts *so,
             const char **pwfile, const char **outbox);
char *smtp_password(const char *pwfile);
char *default_outbox(void);
/* A composed message into the outbox box, then sent from there (one line
 * says so; a message not sent waits there, reported): the exit code.
 * mail_write_message: --dry-run's message into output ("-": stdout). */
int mail_deliver(const char *box, const char *to, const char *msg,
                 size_t len, const pc_smtp_opts *so, pc_error *err);
int mail_write_message(const char *output, const char *msg, size_t len);

/* A feed as input (feed.c): --feed with --since, --max and
 * --allow-private-fetch. */
struct feed_args {
  int on;            /* --feed */
  long long since;   /* entries dated before it are left out; -1: none */
  size_t max;        /* the newest N entries; 0: all */
  int allow_private; /* fetches may reach private addresses */
};
#define FEED_ARGS_INIT {0, -1, 0, 0}
enum { F_FEED = 400, F_SINCE, F_MAX, F_PRIVATE };
#define FEED_OPTIONS                                                          \
  {"feed", no_argument, NULL, F_FEED},                                        \
      {"since", required_argument, NULL, F_SINCE},                            \
      {"max", required_argument, NULL, F_MAX},                                \
      {"allow-private-fetch", no_argument, NULL, F_PRIVATE}
/* The documents of a feed's entries. */
struct feed_docs {
  pc_doc **docs;
  size_t n;
  size_t failed;  /* entries whose page and text both failed */
  char *title;    /* the feed's title, or NULL */
};
/* Whether progress lines are shown (not --quiet). */
bool feed_progress(void);
/* Reads and parses a feed input (a file, - or a URL): the exit code,
 * the error reported. */
int feed_read(const struct extract_args *a, const struct feed_args *fa,
              const char *input, pc_feed **out);
/* The entries --since and --max take, into picked (room for every
 * entry); returns how many. */
size_t feed_pick(const pc_feed *f, const struct feed_args *fa,
                 const pc_feed_entry **picked);
/* The progress line of a feed read: entries, taken, skipped. */
void feed_tell(const char *input, const pc_feed *f, size_t picked);
/* One entry's page loaded, or (warned) the feed's text for it. */
pc_status feed_entry_doc(const pc_ctx *ctx, const struct extract_args *a,
                         const struct feed_args *fa, const pc_feed_entry *e,
                         pc_doc **doc);
/* A feed input into the documents of its entries (progress lines on
 * stderr); the exit code, errors reported; *out freed with
 * feed_docs_free in any case. */
int feed_load_docs(const pc_ctx *ctx, const struct extract_args *a,
                   const struct feed_args *fa, const char *input,
                   struct feed_docs *out);
void feed_docs_free(struct feed_docs *d);
/* batch and index --feed: each input, a feed, into a JSON Lines file of
 * its entries' pages ({"url", "html"}: the page, or the feed's text for
 * it) in a new temporary folder; paths[i] stands for inputs[i].  The exit
 * code, errors reported; feed_jsonl_done removes them in any case. */
struct feed_jsonl {
  char *dir;
  char **paths;
  size_t n;
};
int feed_jsonl(const struct feed_args *fa, const char *const *inputs,
               size_t n, struct feed_jsonl *out);
void feed_jsonl_done(struct feed_jsonl *j);
/* In an option switch's default: a feed option (-1 when taken), else
 * the unknown option's usage error; else the exit code. */
int feed_opt_else(const char *cmd, int c, struct feed_args *fa,
                  const char *shortopts, const struct option *lo,
                  char **argv);
/* s onto f with &, <, > and " escaped (HTML text and attributes). */
void html_esc(FILE *f, const char *s);
/* The print HTML of several documents as one page, a contents list
 * first; the exit code. */
int feed_html(const pc_doc *const *docs, size_t ndocs,
              const pc_print_opts *po, FILE *out);
/* A feed option (FEED_OPTIONS) into fa: -1 when c is none, else EX_OK
 * or the usage error (reported). */
int feed_opt(const char *cmd, int c, const char *arg, struct feed_args *fa);
/* The feed options against the inputs (--feed: one; --since and the
 * others need --feed): EX_OK or the usage error (reported). */
int feed_check(const char *cmd, const struct feed_args *fa, int ninputs);

/* The commands: argv[0] is the command's name. */
int cmd_extract(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_html(int argc, char **argv);
int cmd_pdf(int argc, char **argv);
int cmd_epub(int argc, char **argv);
int cmd_mail(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_claims(int argc, char **argv);
int cmd_speakers(int argc, char **argv);
int cmd_digest(int argc, char **argv);

#endif
