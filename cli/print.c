/* print.c - presscut html and presscut pdf. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage_print(FILE *f, bool pdf) {
  fprintf(f,
          "Usage: presscut %s [OPTIONS] INPUT%s -o OUT.%s\n"
          "\n"
          "%s\n"
          "\n"
          "Layout options:\n"
          "      --page-size SIZE  a4 (default), letter or a5\n"
          "      --margins MM      page margins in millimetres (default 18)\n"
          "      --text-size N     1..5, PrintFriendly's steps (default 3)\n"
          "      --font FONT       serif (default), sans or a font family\n"
          "      --images SIZE     full (default), large, medium, small, none\n"
          "      --ragged          ragged right instead of justified text\n"
          "      --no-header       no running title at the top of pages\n"
          "      --no-footer       no source line and page numbers\n"
          "      --who-said-what   an appendix: speakers, quotes and claims\n"
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
          pdf ? "pdf" : "html", pdf ? "..." : "", pdf ? "pdf" : "html",
          pdf ? "Typesets the articles as one PDF with cairo and pango: with\n"
                "several INPUTs, a cover and a table of contents come first."
              : "Writes the article as one print-ready HTML file: inline CSS\n"
                "with @page rules, links kept, a source line; no script.",
          pdf ? "" : "      --embed-images    images as data: URIs (self-contained)\n",
          pdf ? "PDF, a cover and contents first" : "page, a contents list first",
          pdf ? "the PDF (required unless stdout is not a terminal)"
              : "write to FILE instead of standard output");
}

/* Frees the loaded inputs (docs, dirs: may be NULL) and a feed's. */
static void free_inputs(pc_doc **docs, size_t ndocs, char **dirs,
                        int ninputs, struct feed_docs *fd) {
  for (size_t i = 0; i < ndocs; i++)
    pc_doc_free(docs[i]);
  free(docs);
  for (int i = 0; dirs && i < ninputs; i++)
    free(dirs[i]);
  free(dirs);
  feed_docs_free(fd);
}

static int cmd_print(int argc, char **argv, bool pdf) {
  enum { O_EMBED = L_LAST };
  static const struct option lo[] = {
      LAYOUT_OPTIONS,
      INPUT_OPTIONS,
      {"embed-images", no_argument, NULL, O_EMBED},
      FEED_OPTIONS,
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  const char *cmd = pdf ? "pdf" : "html";
  struct extract_args a = {.format = PC_FORMAT_HTML,
                           .max_input = 32u * 1024u * 1024u, .cmd = cmd};
  pc_print_opts po;
  pc_print_opts_init(&po);
  int fetch = -1; /* -1: for URL inputs only */
  const char *output = NULL;
  struct feed_args fa = FEED_ARGS_INIT;
  static const char shortopts[] = "o:h";
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, shortopts, lo, NULL)) != -1) {
    int rc = shared_opt(c, optarg, &po, &fetch, &a);
    if (rc > 0)
      return rc;
    if (rc == EX_OK || (rc = feed_opt(cmd, c, optarg, &fa)) == EX_OK)
      continue;
    if (rc > 0)
      return rc;
    switch (c) {
    case O_EMBED:
      if (pdf)
        return usage_error(cmd, "--embed-images is an option of html (a PDF "
                                "always holds its images)%s", "");
      po.embed_images = 1;
      break;
    case 'o': output = optarg; break;
    case 'h': usage_print(stdout, pdf); return EX_OK;
    default: return bad_option(cmd, shortopts, lo, argv);
    }
  }
  int ninputs = argc - optind;
  if (ninputs < 1)
    return usage_error(cmd, "no INPUT given (a file, a URL or -)%s", "");
  if (feed_check(cmd, &fa, ninputs) != EX_OK)
    return EX_USAGE;
  if (!pdf && ninputs > 1)
    return usage_error(cmd, "one INPUT only, not %s (pdf takes several)",
                       ninputs == 2 ? "2" : "several");
  if (a.date && !po.who_said_what)
    return usage_error(cmd, "--date has no effect without --who-said-what%s",
                       "");
  if (pdf && !output && isatty(STDOUT_FILENO))
    return usage_error(cmd, "name the output with -o FILE.pdf (or pipe it)%s",
                       "");
  if (ninputs > 256)
    return usage_error(cmd, "at most 256 inputs in one PDF%s", "");
  pc_error err = {""};
  pc_ctx *ctx = NULL;
  pc_status st = pc_ctx_new(a.data_dir, &ctx, &err);
  if (st != PC_OK)
    return fail(exit_code(st), "%s%s", err.msg, "");
  pc_doc **docs = calloc((size_t)ninputs, sizeof *docs);
  char **dirs = calloc((size_t)ninputs, sizeof *dirs);
  int rc = docs && dirs ? EX_OK : EX_INTERNAL;
  size_t ndocs = 0;
  bool any_url = fa.on;
  struct feed_docs fd = {0};
  if (fa.on && rc == EX_OK) { /* the entries' documents stand for the input */
    rc = feed_load_docs(ctx, &a, &fa, argv[optind], &fd);
    free(docs);
    docs = fd.docs, ndocs = fd.n, fd.docs = NULL, fd.n = 0;
  }
  for (int i = optind; !fa.on && rc == EX_OK && i < argc; i++) {
    err.msg[0] = '\0';
    st = load_doc(ctx, &a, argv[i], &docs[ndocs], &err);
    if (st != PC_OK) {
      /* one bad input among several is left out; alone, it fails */
      report(argv[i], err.msg[0] ? err.msg : pc_strerror(st));
      rc = exit_code(st);
      continue;
    }
    if (pc_doc_truncated(docs[ndocs]))
      cli_warning(argv[i], "body cut short by a size limit");
    any_url = any_url || pc_is_url(argv[i]);
    dirs[ndocs] = pc_is_url(argv[i]) || strcmp(argv[i], "-") == 0
                      ? NULL : dir_of(argv[i]);
    ndocs++;
  }
  if (rc != EX_OK) {
    free_inputs(docs, ndocs, dirs, ninputs, &fd);
    pc_ctx_free(ctx);
    return rc;
  }
  po.fetch_images = fetch < 0 ? any_url : fetch;
  po.warn = cli_warn;
  po.warn_closure = (void *)(ninputs == 1 ? argv[optind] : "pdf");
  po.base_dir = ninputs == 1 ? dirs[0] : (ndocs ? dirs[0] : NULL);
  /* pdf: each input's own; a feed's pages have none */
  po.base_dirs = fa.on ? NULL : (const char *const *)dirs;
  po.title = po.title || !fa.on ? po.title : fd.title; /* the cover's */
  /* write to a temporary name and rename: no half-written file */
  char *tmp = NULL;
  FILE *out = stdout;
  if (output && strcmp(output, "-") != 0) {
    size_t n = strlen(output) + 16;
    tmp = malloc(n);
    if (tmp)
      snprintf(tmp, n, "%s.part", output);
    if (!tmp || !(out = fopen(tmp, "wb"))) {
      rc = fail(EX_INPUT, "%s: %s", output, strerror(errno));
      out = NULL;
    }
  }
  if (out) {
    if (pdf) {
      st = pc_pdf((const pc_doc *const *)docs, ndocs, &po, write_file, out,
                  &err);
    } else if (fa.on) {
      rc = feed_html((const pc_doc *const *)docs, ndocs, &po, out);
    } else {
      char *r = NULL;
      size_t rl = 0;
      st = pc_print_html(docs[0], &po, &r, &rl, &err);
      if (st == PC_OK && fwrite(r, 1, rl, out) != rl)
        st = PC_ERR_IO;
      pc_free(r);
    }
    if (st != PC_OK)
      rc = fail(exit_code(st), "%s%s", err.msg[0] ? err.msg : pc_strerror(st),
                "");
    if (fflush(out) != 0 || ferror(out))
      rc = rc ? rc : fail(EX_INPUT, "write error%s%s", "", "");
    if (out != stdout)
      fclose(out);
    if (tmp) {
      if (rc == EX_OK && rename(tmp, output) != 0)
        rc = fail(EX_INPUT, "%s: %s", output, strerror(errno));
      else if (rc == EX_OK)
        cli_note(output, "written (%s)", pdf ? "PDF" : "HTML");
      if (rc != EX_OK)
        remove(tmp);
    }
  }
  free(tmp);
  free_inputs(docs, ndocs, dirs, ninputs, &fd);
  pc_ctx_free(ctx);
  return rc;
}

int cmd_html(int argc, char **argv) { return cmd_print(argc, argv, false); }

int cmd_pdf(int argc, char **argv) { return cmd_print(argc, argv, true); }
