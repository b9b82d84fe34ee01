/* extract.c - presscut extract and presscut quotes. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void usage_extract(FILE *f) {
  fprintf(f,
          "Usage: presscut extract [OPTIONS] INPUT...\n"
          "\n"
          "Extracts the article from each INPUT (path, http(s) URL, or -).\n"
          "\n"
          "Options:\n"
          "  -f, --format FMT      text (default), markdown, html or json;\n"
          "                        json prints one object per line per input\n"
          "      --cut             drop the editor's optional passages\n"
          "      --delete IDS      drop blocks by id, e.g. b3,b7\n"
          "      --url URL         the page's address (base for relative links)\n"
          "      --content-type T  the HTTP Content-Type of a file input\n"
          "      --max-input N     refuse inputs over N bytes (default 32 MiB)\n"
          "      --timeout S       fetch timeout in seconds (default 15); a\n"
          "                        FIFO, pipe or device is read within it too\n"
          "      --data-dir DIR    language data to use instead of the built-in\n"
          "      --attribution     add quotes, entities and claims (json only)\n"
          "      --date YYYY-MM-DD anchors dates without a year (attribution)\n"
          "      --user-agent TEXT the User-Agent of URL fetches\n"
          "      --header 'N: V'   an extra header of URL fetches (repeatable)\n"
          "  -o, --output FILE     write to FILE instead of standard output\n"
          "      --quiet           errors only; --verbose: notes on each input\n"
          "  -h, --help            this help\n"
          "\n"
          "Several INPUTs: json a line each; text and markdown with a line\n"
          "'---' between articles; html takes one INPUT.  What is not HTML\n"
          "or text (a binary, a PDF, an image) or holds no article is\n"
          "refused (exit 3).\n");
}

static void usage_quotes(FILE *f) {
  fprintf(f,
          "Usage: presscut quotes [OPTIONS] INPUT...\n"
          "\n"
          "Who said what in each INPUT (path, http(s) URL, or -): every\n"
          "direct, mixed and reported quotation with its speaker, role, cue\n"
          "and date, the entities, and the responsibility claims.\n"
          "\n"
          "Options:\n"
          "  -f, --format FMT      json (default; one object per line), text\n"
          "                        (grouped by speaker) or html (highlighted)\n"
          "      --date YYYY-MM-DD the article's date, for dates without a year\n"
          "      --cut             drop the editor's optional passages first\n"
          "      --delete IDS      drop blocks by id first\n"
          "      --url URL, --content-type T, --max-input N, --timeout S,\n"
          "      --data-dir DIR, --user-agent TEXT, --header 'N: V'\n"
          "                        as for extract\n"
          "  -o, --output FILE     write to FILE instead of standard output\n"
          "      --quiet           errors only; --verbose: notes on each input\n"
          "  -h, --help            this help\n");
}

/* --format's value (any case) into a->format; EX_OK or the usage error. */
static int parse_format(const char *cmd, const char *v, bool quotes,
                        struct extract_args *a) {
  if (strcasecmp(v, "text") == 0)
    a->format = quotes ? PC_FORMAT_QUOTES_TEXT : PC_FORMAT_TEXT;
  else if (!quotes &&
           (strcasecmp(v, "markdown") == 0 || strcasecmp(v, "md") == 0))
    a->format = PC_FORMAT_MARKDOWN;
  else if (strcasecmp(v, "html") == 0)
    a->format = quotes ? PC_FORMAT_QUOTES_HTML : PC_FORMAT_HTML;
  else if (strcasecmp(v, "json") == 0)
    a->format = quotes ? PC_FORMAT_QUOTES_JSON : PC_FORMAT_JSON;
  else
    return usage_error(cmd,
                       quotes ? "--format: json, text or html, not '%s'"
                              : "--format: text, markdown, html or json, "
                                "not '%s'",
                       v);
  return EX_OK;
}

/* The options of extract and quotes; EX_OK, -1 after --help, or the
 * usage error (reported). */
static int parse_args(int argc, char **argv, bool quotes,
                      struct extract_args *a, const char **output) {
  static const struct option lo[] = {
      {"format", required_argument, NULL, 'f'},
      INPUT_OPTIONS,
      {"output", required_argument, NULL, 'o'},
      {"attribution", no_argument, NULL, 'A'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  static const char shortopts[] = "f:o:h";
  const char *cmd = a->cmd;
  bool attribution = false;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, shortopts, lo, NULL)) != -1) {
    int r = EX_OK;
    switch (c) {
    case 'f': r = parse_format(cmd, optarg, quotes, a); break;
    case 'o': *output = optarg; break;
    case 'A': attribution = true; break;
    case 'h': (quotes ? usage_quotes : usage_extract)(stdout); return -1;
    case '?':
    case ':': return bad_option(cmd, shortopts, lo, argv);
    default: r = input_opt(c, optarg, a);
    }
    if (r != EX_OK)
      return r;
  }
  if (optind >= argc)
    return usage_error(cmd, "no INPUT given (a file, a URL or -)%s", "");
  bool json = a->format == PC_FORMAT_JSON;
  if (attribution && quotes)
    return usage_error(cmd, "--attribution has no effect with quotes, which "
                            "always attributes%s", "");
  if (attribution && !json)
    return usage_error(cmd, "--attribution has no effect with --format %s "
                            "(only with json)",
                       a->format == PC_FORMAT_HTML       ? "html"
                       : a->format == PC_FORMAT_MARKDOWN ? "markdown"
                                                         : "text");
  if (a->date && !quotes && !attribution)
    return usage_error(cmd, "--date has no effect without --attribution "
                            "(and --format json)%s", "");
  bool html = a->format == PC_FORMAT_HTML || a->format == PC_FORMAT_QUOTES_HTML;
  if (html && argc - optind > 1)
    return usage_error(cmd, "--format html makes one document of one INPUT, "
                            "not %s (use json, or pdf for several)",
                       argc - optind == 2 ? "2" : "several");
  a->attribution = quotes || attribution;
  return EX_OK;
}

static int cmd_run(int argc, char **argv, bool quotes) {
  const char *cmd = quotes ? "quotes" : "extract";
  struct extract_args a = {
      .format = quotes ? PC_FORMAT_QUOTES_JSON : PC_FORMAT_TEXT,
      .max_input = 32u * 1024u * 1024u, .attribution = quotes, .cmd = cmd};
  const char *output = NULL;
  int prc = parse_args(argc, argv, quotes, &a, &output);
  if (prc != EX_OK)
    return prc < 0 ? EX_OK : prc;
  pc_error err = {""};
  pc_ctx *ctx = NULL;
  pc_status st = pc_ctx_new(a.data_dir, &ctx, &err);
  if (st != PC_OK)
    return fail(exit_code(st), "%s%s", err.msg, "");
  FILE *out = stdout;
  if (output && strcmp(output, "-") != 0 && !(out = fopen(output, "wb"))) {
    pc_ctx_free(ctx);
    return fail(EX_INPUT, "%s: %s", output, strerror(errno));
  }
  bool json = a.format == PC_FORMAT_JSON || a.format == PC_FORMAT_QUOTES_JSON;
  int rc = EX_OK;
  size_t written = 0;
  for (int i = optind; i < argc; i++) {
    pc_doc *doc = NULL;
    err.msg[0] = '\0';
    st = load_doc(ctx, &a, argv[i], &doc, &err);
    char *r = NULL;
    size_t rl = 0;
    if (st == PC_OK && pc_doc_truncated(doc))
      cli_warning(argv[i], "body cut short by a size limit");
    if (st == PC_OK)
      st = pc_render(doc, a.format, &r, &rl, &err);
    if (st == PC_OK) {
      /* several articles as text: a rule between them (a thematic break
       * in Markdown), so that they are told apart */
      if (written++ && !json)
        fputs("\n---\n\n", out);
      fwrite(r, 1, rl, out);
      if (json || (rl && r[rl - 1] != '\n'))
        fputc('\n', out);
    } else {
      report(argv[i], err.msg[0] ? err.msg : pc_strerror(st));
      if (rc == EX_OK)
        rc = exit_code(st);
    }
    pc_free(r);
    pc_doc_free(doc);
  }
  if (fflush(out) != 0 || ferror(out)) {
    fprintf(stderr, "%s: write error\n", PROG);
    rc = EX_INPUT;
  }
  if (out != stdout) {
    fclose(out);
    if (written)
      cli_note(output, "written%s", "");
  }
  pc_ctx_free(ctx);
  return rc;
}

int cmd_extract(int argc, char **argv) { return cmd_run(argc, argv, false); }

int cmd_quotes(int argc, char **argv) { return cmd_run(argc, argv, true); }
