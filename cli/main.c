/*
 * main.c - the presscut command line: the command table and main().  Each
 * command is in its own file (see cli.h).
 */
#include "cli.h"

#include <string.h>

static void usage_main(FILE *f) {
  fprintf(f,
          "Usage: presscut COMMAND [OPTIONS] INPUT...\n"
          "\n"
          "Turns news pages into clean, attributable, printable documents.\n"
          "\n"
          "Commands:\n"
          "  extract   the article: title, byline, date, body blocks\n"
          "  quotes    who said what: quotations, speakers, entities, claims\n"
          "  html      one print-ready, self-contained HTML file\n"
          "  pdf       a typeset PDF of one or more articles\n"
          "  mail      send the article by email (SMTP), never losing it\n"
          "  serve     the web page: clean up, trim, who said what, print,\n"
          "            PDF and email, safe to expose\n"
          "  batch     many documents (directories, WARC, JSON Lines) into\n"
          "            JSON Lines, in parallel, resumable, shardable\n"
          "  index     extract, attribute and store in an archive (SQLite)\n"
          "  search    the archive's quotes: words, speaker, dates, site\n"
          "  claims    the archive's claims: who accuses whom (GraphML too)\n"
          "  speakers  the archive's speakers, linked across articles\n"
          "\n"
          "INPUT is a file path, an http(s) URL, or - for standard input;\n"
          "HTML and plain text are told apart by their content.\n"
          "\n"
          "Options:\n"
          "  -h, --help     this help; 'presscut COMMAND --help' for a command\n"
          "  -V, --version  print the version\n"
          "\n"
          "Exit status: 0 ok, 2 usage error, 3 input error, 4 network error,\n"
          "5 internal error.  See docs/presscut.1.md.\n");
}

/* The commands, in the order of usage_main. */
static const struct command {
  const char *name;
  int (*run)(int argc, char **argv);
} commands[] = {
    {"extract", cmd_extract}, {"quotes", cmd_quotes}, {"html", cmd_html},
    {"pdf", cmd_pdf},         {"mail", cmd_mail},     {"serve", cmd_serve},
    {"batch", cmd_batch},     {"index", cmd_index},   {"search", cmd_search},
    {"claims", cmd_claims},   {"speakers", cmd_speakers},
};

int main(int argc, char **argv) {
  if (argc < 2) {
    usage_main(stderr);
    return EX_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
      strcmp(cmd, "help") == 0) {
    usage_main(stdout);
    return EX_OK;
  }
  if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
    printf("presscut %s\n", pc_version());
    return EX_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (strcmp(cmd, commands[i].name) == 0)
      return commands[i].run(argc - 1, argv + 1);
  fprintf(stderr, "%s: unknown command '%s' (see presscut --help)\n", PROG,
          cmd);
  return EX_USAGE;
}
