/* print.c - presscut html, presscut pdf and presscut epub: parse the
 * options, load the documents of the inputs, open the output, write. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum print_mode { MODE_HTML, MODE_PDF, MODE_EPUB };

static const char *const mode_cmd[] = {"html", "pdf", "epub"};

static const char *const mode_about[] = {
    "Writes the article as one print-ready HTML file: inline CSS\n"
    "with @page rules, links kept, a source line; no script.",
    "Typesets the articles as one PDF with cairo and pango: with\n"
    "several INPUTs, a cover and a table of contents come first.",
    "Writes the articles as one EPUB 3 book for e-readers, images\n"
    "inside: with several INPUTs, a cover and a table of contents come\n"
    "first.  Page size, margins, fonts and text size are the reader's."};

static void usage_print(FILE *f, enum print_mode m) {
  bool many = m != MODE_HTML, paged = m != MODE_EPUB;
  fprintf(f,
          "Usage: presscut %s [OPTIONS] INPUT%s -o OUT.%s\n"
          "\n"
          "%s\n"
          "\n"
          "Layout options:\n"
          "%s"
          "      --images SIZE     full (default), large, medium, small, none\n"
          "      --ragged          ragged right instead of justified text\n"
          "%s"
          "      --who-said-what   %s\n"
          "%s"
          "%s"
          "%s"
          "      --fetch-images    fetch http(s) images (on for URL inputs; each\n"
          "                        once, at most 50, 32 MiB and 30 s in all)\n"
          "      --no-fetch-images never fetch images\n"
          "Local images are read only from the input file's folder (symlinks\n"
          "resolved); the rest are left out with one warning.\n"
          "\n"
          "Input options:\n"
          "      --cut             drop the editor's optional passages\n"
          "      --delete IDS      drop blocks by id (from extract --format json)\n"
          "      --url URL, --content-type T, --max-input N, --timeout S,\n"
          "      --data-dir DIR, --user-agent TEXT, --header 'N: V'\n"
          "                        as for extract\n"
          "      --date YYYY-MM-DD with --who-said-what, as for quotes\n"
          "Feeds (see FEEDS in 'man presscut-pdf'):\n"
          "      --feed            INPUT is an RSS or Atom feed: its entries'\n"
          "                        pages in one %s\n"
          "                        (the feed's text for a page that fails)\n"
          "      --since DATE      entries dated DATE or later\n"
          "      --max N           the N newest entries\n"
          "      --allow-private-fetch  let fetches reach loopback and\n"
          "                        private addresses (refused otherwise)\n"
          "  -o, --output FILE     %s\n"
          "      --quiet           errors only; --verbose: notes on each input\n"
          "  -h, --help            this help\n",
          mode_cmd[m], many ? "..." : "", mode_cmd[m], mode_about[m],
          paged ? "      --page-size SIZE  a4 (default), letter or a5\n"
                  "      --margins MM      page margins in millimetres (default 18)\n"
                  "      --text-size N     1..5, PrintFriendly's steps (default 3)\n"
                  "      --font FONT       serif (default), sans or a font family\n"
                : "",
          paged ? "      --no-header       no running title at the top of pages\n"
                  "      --no-footer       no source line and page numbers\n"
                : "",
          m == MODE_EPUB ? "a chapter of speakers, quotes and claims,\n"
                           "                        the quotes marked in the text"
                         : "an appendix: speakers, quotes and claims",
          m == MODE_PDF
              ? "      --marks MODE      quotes in the text by speaker: colour\n"
                "                        (default with --who-said-what), grey, none\n"
              : "",
          m != MODE_HTML
               ? "      --title TEXT      the title of a book of several articles\n"
                 "      --author TEXT     its author (cover and metadata)\n"
               : "",
          m == MODE_HTML
              ? "      --embed-images    images as data: URIs (self-contained)\n"
              : "",
          m == MODE_HTML   ? "page, a contents list first"
          : m == MODE_PDF  ? "PDF, a cover and contents first"
                           : "EPUB, a cover and contents first",
          m == MODE_HTML  ? "write to FILE instead of standard output"
          : m == MODE_PDF ? "the PDF (required unless stdout is not a terminal)"
                          : "the EPUB (required unless stdout is not a "
                            "terminal)");
}

/* One run of html, pdf or epub. */
struct print_run {
  enum print_mode mode;
  const char *cmd;
  struct extract_args a;
  pc_print_opts po;
  int fetch; /* -1: for URL inputs only */
  const char *output;
  char **inputs; /* borrowed from argv */
  int ninputs;
  pc_ctx *ctx;
  pc_doc **docs;
  char **dirs; /* each document's folder, for its images */
  size_t ndocs;
  bool any_url;
  struct feed_args fa; /* --feed: the one input is a feed */
  struct feed_docs fd; /* its title (the documents move to docs) */
};

/* The options of the printed page, which an EPUB reader decides: the
 * option's name, or NULL for another. */
static const char *page_option(int c) {
  switch (c) {
  case L_PAGE: return "--page-size";
  case L_MARGINS: return "--margins";
  case L_TSIZE: return "--text-size";
  case L_FONT: return "--font";
  case L_NOHEAD: return "--no-header";
  case L_NOFOOT: return "--no-footer";
  default: return NULL;
  }
}

static int parse_options(int argc, char **argv, struct print_run *r) {
  enum { O_EMBED = L_LAST };
  static const struct option lo[] = {
      LAYOUT_OPTIONS,
      INPUT_OPTIONS,
      {"embed-images", no_argument, NULL, O_EMBED},
      FEED_OPTIONS,
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  static const char shortopts[] = "o:h";
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, shortopts, lo, NULL)) != -1) {
    if (r->mode == MODE_EPUB && page_option(c))
      return usage_error(r->cmd, "%s is an option of pdf and html (an EPUB "
                                 "reader lays out its own pages)",
                         page_option(c));
    int rc = shared_opt(c, optarg, &r->po, &r->fetch, &r->a);
    if (rc > 0)
      return rc;
    if (rc == EX_OK || (rc = feed_opt(r->cmd, c, optarg, &r->fa)) == EX_OK)
      continue;
    if (rc > 0)
      return rc;
    switch (c) {
    case O_EMBED:
      if (r->mode != MODE_HTML)
        return usage_error(r->cmd, "--embed-images is an option of html (a %s "
                                   "always holds its images)",
                           r->mode == MODE_PDF ? "PDF" : "EPUB");
      r->po.embed_images = 1;
      break;
    case 'o': r->output = optarg; break;
    case 'h': usage_print(stdout, r->mode); return -1;
    default: return bad_option(r->cmd, shortopts, lo, argv);
    }
  }
  r->inputs = argv + optind;
  r->ninputs = argc - optind;
  return EX_OK;
}

static int check_args(struct print_run *r) {
  const char *cmd = r->cmd;
  if (r->ninputs < 1)
    return usage_error(cmd, "no INPUT given (a file, a URL or -)%s", "");
  if (feed_check(cmd, &r->fa, r->ninputs) != EX_OK)
    return EX_USAGE;
  if (r->mode == MODE_HTML && r->ninputs > 1)
    return usage_error(cmd, "one INPUT only, not %s (pdf takes several)",
                       r->ninputs == 2 ? "2" : "several");
  if (r->mode != MODE_PDF && r->po.marks)
    return usage_error(cmd, "--marks is an option of pdf (mail's PDF too)%s",
                       "");
  if (r->a.date && !r->po.who_said_what)
    return usage_error(cmd, "--date has no effect without --who-said-what%s",
                       "");
  if (r->mode != MODE_HTML && !r->output && isatty(STDOUT_FILENO))
    return usage_error(cmd, r->mode == MODE_PDF
                                ? "name the output with -o FILE.pdf (or pipe "
                                  "it)%s"
                                : "name the output with -o FILE.epub (or "
                                  "pipe it)%s",
                       "");
  if (r->ninputs > 256)
    return usage_error(cmd, "at most 256 inputs in one book%s", "");
  return EX_OK;
}

/* Loads the documents of the inputs into r->docs, and each one's folder
 * into r->dirs.  One bad input among several is reported and the run
 * fails with its code (as pdf always has); EX_OK when all loaded. */
static int load_inputs(struct print_run *r) {
  pc_error err = {""};
  pc_status st = pc_ctx_new(r->a.data_dir, &r->ctx, &err);
  if (st != PC_OK)
    return fail(exit_code(st), "%s%s", err.msg, "");
  r->docs = calloc((size_t)r->ninputs, sizeof *r->docs);
  r->dirs = calloc((size_t)r->ninputs, sizeof *r->dirs);
  int rc = r->docs && r->dirs ? EX_OK : EX_INTERNAL;
  if (r->fa.on && rc == EX_OK) { /* the entries' documents stand for it */
    rc = feed_load_docs(r->ctx, &r->a, &r->fa, r->inputs[0], &r->fd);
    free(r->docs);
    r->docs = r->fd.docs, r->ndocs = r->fd.n, r->fd.docs = NULL, r->fd.n = 0;
    r->any_url = true;
    return rc;
  }
  for (int i = 0; rc == EX_OK && i < r->ninputs; i++) {
    const char *in = r->inputs[i];
    err.msg[0] = '\0';
    st = load_doc(r->ctx, &r->a, in, &r->docs[r->ndocs], &err);
    if (st != PC_OK) {
      report(in, err.msg[0] ? err.msg : pc_strerror(st));
      rc = exit_code(st);
      continue;
    }
    if (pc_doc_truncated(r->docs[r->ndocs]))
      cli_warning(in, "body cut short by a size limit");
    r->any_url = r->any_url || pc_is_url(in);
    r->dirs[r->ndocs] =
        pc_is_url(in) || strcmp(in, "-") == 0 ? NULL : dir_of(in);
    r->ndocs++;
  }
  return rc;
}

/* Opens OUTPUT.part (written, then renamed: no half-written file under
 * the real name), or standard output; EX_OK or the error (reported). */
static int open_output(const char *output, char **tmp, FILE **out) {
  *tmp = NULL;
  *out = stdout;
  if (!output || strcmp(output, "-") == 0)
    return EX_OK;
  size_t n = strlen(output) + 16;
  *tmp = malloc(n);
  if (*tmp)
    snprintf(*tmp, n, "%s.part", output);
  if (!*tmp || !(*out = fopen(*tmp, "wb"))) {
    *out = NULL;
    return fail(EX_INPUT, "%s: %s", output, strerror(errno));
  }
  return EX_OK;
}

static pc_status write_doc(struct print_run *r, FILE *out, pc_error *err) {
  const pc_doc *const *docs = (const pc_doc *const *)r->docs;
  if (r->mode == MODE_PDF)
    return pc_pdf(docs, r->ndocs, &r->po, write_file, out, err);
  if (r->mode == MODE_EPUB)
    return pc_epub(docs, r->ndocs, &r->po, write_file, out, err);
  char *html = NULL;
  size_t len = 0;
  pc_status st = pc_print_html(docs[0], &r->po, &html, &len, err);
  if (st == PC_OK && fwrite(html, 1, len, out) != len)
    st = PC_ERR_IO;
  pc_free(html);
  return st;
}

/* Writes the output: to OUTPUT.part renamed at the end, removed when
 * anything failed. */
static int write_output(struct print_run *r) {
  static const char *const kind[] = {"HTML", "PDF", "EPUB"};
  char *tmp;
  FILE *out;
  int rc = open_output(r->output, &tmp, &out);
  if (rc != EX_OK) {
    free(tmp);
    return rc;
  }
  pc_error err = {""};
  pc_status st = PC_OK;
  if (r->mode == MODE_HTML && r->fa.on) /* a page with a contents list */
    rc = feed_html((const pc_doc *const *)r->docs, r->ndocs, &r->po, out);
  else
    st = write_doc(r, out, &err);
  if (st != PC_OK)
    rc = fail(exit_code(st), "%s%s", err.msg[0] ? err.msg : pc_strerror(st),
              "");
  if (fflush(out) != 0 || ferror(out))
    rc = rc ? rc : fail(EX_INPUT, "write error%s%s", "", "");
  if (out != stdout)
    fclose(out);
  if (tmp) {
    if (rc == EX_OK && rename(tmp, r->output) != 0)
      rc = fail(EX_INPUT, "%s: %s", r->output, strerror(errno));
    else if (rc == EX_OK)
      cli_note(r->output, "written (%s)", kind[r->mode]);
    if (rc != EX_OK)
      remove(tmp);
  }
  free(tmp);
  return rc;
}

static void free_run(struct print_run *r) {
  for (size_t i = 0; i < r->ndocs; i++)
    pc_doc_free(r->docs[i]);
  free(r->docs);
  if (r->dirs)
    for (int i = 0; i < r->ninputs; i++)
      free(r->dirs[i]);
  free(r->dirs);
  feed_docs_free(&r->fd);
  pc_ctx_free(r->ctx);
}

static int cmd_print(int argc, char **argv, enum print_mode mode) {
  struct print_run r = {.mode = mode, .cmd = mode_cmd[mode], .fetch = -1,
                        .fa = FEED_ARGS_INIT};
  r.a = (struct extract_args){.format = PC_FORMAT_HTML,
                              .max_input = 32u * 1024u * 1024u,
                              .cmd = r.cmd};
  pc_print_opts_init(&r.po);
  int rc = parse_options(argc, argv, &r);
  if (rc != EX_OK)
    return rc < 0 ? EX_OK : rc; /* -1: --help */
  if ((rc = check_args(&r)) != EX_OK)
    return rc;
  rc = load_inputs(&r);
  if (rc == EX_OK) {
    r.po.fetch_images = r.fetch < 0 ? r.any_url : r.fetch;
    r.po.warn = cli_warn;
    r.po.warn_closure =
        (void *)(r.ninputs == 1 ? r.inputs[0] : mode_cmd[mode]);
    r.po.base_dir = r.ndocs ? r.dirs[0] : NULL;
    /* each input's own folder; a feed's pages have none */
    r.po.base_dirs = r.fa.on ? NULL : (const char *const *)r.dirs;
    if (!r.po.title && r.fa.on)
      r.po.title = r.fd.title; /* the cover's */
    rc = write_output(&r);
  }
  free_run(&r);
  return rc;
}

int cmd_html(int argc, char **argv) { return cmd_print(argc, argv, MODE_HTML); }

int cmd_pdf(int argc, char **argv) { return cmd_print(argc, argv, MODE_PDF); }

int cmd_epub(int argc, char **argv) { return cmd_print(argc, argv, MODE_EPUB); }
