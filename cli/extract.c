/* extract.c - presscut extract and presscut quotes. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
          "      --attribution     add quotes, entities and claims (json)\n"
          "      --date YYYY-MM-DD anchors dates without a year (attribution)\n"
          "  -o, --output FILE     write to FILE instead of standard output\n"
          "  -h, --help            this help\n");
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
          "      --data-dir DIR    as for extract\n"
          "  -o, --output FILE     write to FILE instead of standard output\n"
          "  -h, --help            this help\n");
}

static int cmd_run(int argc, char **argv, bool quotes) {
  static const struct option lo[] = {
      {"format", required_argument, NULL, 'f'},
      {"cut", no_argument, NULL, 'c'},
      {"delete", required_argument, NULL, 'd'},
      {"url", required_argument, NULL, 'u'},
      {"content-type", required_argument, NULL, 't'},
      {"max-input", required_argument, NULL, 'm'},
      {"timeout", required_argument, NULL, 'T'},
      {"data-dir", required_argument, NULL, 'D'},
      {"output", required_argument, NULL, 'o'},
      {"attribution", no_argument, NULL, 'A'},
      {"date", required_argument, NULL, 'Y'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  struct extract_args a = {quotes ? PC_FORMAT_QUOTES_JSON : PC_FORMAT_TEXT,
                           0, NULL, NULL, NULL, 32u * 1024u * 1024u, 0, NULL,
                           quotes, NULL};
  void (*usage)(FILE *) = quotes ? usage_quotes : usage_extract;
  const char *output = NULL;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:o:h", lo, NULL)) != -1) {
    switch (c) {
    case 'f':
      if (strcmp(optarg, "text") == 0)
        a.format = quotes ? PC_FORMAT_QUOTES_TEXT : PC_FORMAT_TEXT;
      else if (!quotes && (strcmp(optarg, "markdown") == 0 ||
                           strcmp(optarg, "md") == 0))
        a.format = PC_FORMAT_MARKDOWN;
      else if (strcmp(optarg, "html") == 0)
        a.format = quotes ? PC_FORMAT_QUOTES_HTML : PC_FORMAT_HTML;
      else if (strcmp(optarg, "json") == 0)
        a.format = quotes ? PC_FORMAT_QUOTES_JSON : PC_FORMAT_JSON;
      else
        return fail(EX_USAGE, "unknown format '%s' (text, markdown, html, json)%s",
                    optarg, "");
      break;
    case 'o': output = optarg; break;
    case 'A': a.attribution = 1; break;
    case 'h': usage(stdout); return EX_OK;
    default: {
      int r = input_opt(c, optarg, &a);
      if (r < 0) {
        usage(stderr);
        return EX_USAGE;
      }
      if (r != EX_OK)
        return r;
    }
    }
  }
  if (optind >= argc) {
    usage(stderr);
    return EX_USAGE;
  }
  pc_error err = {""};
  pc_ctx *ctx = NULL;
  pc_status st = pc_ctx_new(a.data_dir, &ctx, &err);
  if (st != PC_OK)
    return fail(exit_code(st), "%s%s", err.msg, "");
  FILE *out = stdout;
  if (output && !(out = fopen(output, "wb"))) {
    pc_ctx_free(ctx);
    return fail(EX_INPUT, "%s: %s", output, strerror(errno));
  }
  int rc = EX_OK;
  for (int i = optind; i < argc; i++) {
    pc_doc *doc = NULL;
    err.msg[0] = '\0';
    st = load_doc(ctx, &a, argv[i], &doc, &err);
    char *r = NULL;
    size_t rl = 0;
    if (st == PC_OK && pc_doc_truncated(doc))
      fprintf(stderr, "%s: %s: warning: body cut short by a size limit\n",
              PROG, argv[i]);
    if (st == PC_OK)
      st = pc_render(doc, a.format, &r, &rl, &err);
    if (st == PC_OK) {
      bool json = a.format == PC_FORMAT_JSON || a.format == PC_FORMAT_QUOTES_JSON;
      if (i > optind && !json)
        fputs("\n", out);
      fwrite(r, 1, rl, out);
      if (json)
        fputc('\n', out);
    } else {
      fprintf(stderr, "%s: %s: %s\n", PROG, argv[i],
              err.msg[0] ? err.msg : pc_strerror(st));
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
  if (out != stdout)
    fclose(out);
  pc_ctx_free(ctx);
  return rc;
}

int cmd_extract(int argc, char **argv) { return cmd_run(argc, argv, false); }

int cmd_quotes(int argc, char **argv) { return cmd_run(argc, argv, true); }
