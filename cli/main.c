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
          "  epub      an EPUB book of one or more articles, for e-readers\n"
          "  mail      send the article by email (SMTP), never losing it\n"
          "  digest    mail what is new in a list of feeds, as one digest\n"
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
          "  -h, --help     this help; 'presscut help COMMAND' or\n"
          "                 'presscut COMMAND --help' for a command\n"
          "  -V, --version  print the version\n"
          "\n"
          "Every command also takes:\n"
          "      --quiet    errors only: no warnings, notes or summaries\n"
          "      --verbose  notes on what is done (inputs read, fetches,\n"
          "                 files written) besides errors and warnings\n"
          "\n"
          "Exit status: 0 ok, 2 usage error, 3 input error, 4 network error,\n"
          "5 internal error.  See docs/presscut.1.md.\n");
}

/* The commands, in the order of usage_main.  own_quiet: the command
 * reads --quiet itself (it is left in its arguments). */
static const struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  bool own_quiet;
} commands[] = {
    {"extract", cmd_extract, false}, {"quotes", cmd_quotes, false},
    {"html", cmd_html, false},       {"pdf", cmd_pdf, false},
    {"epub", cmd_epub, false},
    {"mail", cmd_mail, false},       {"serve", cmd_serve, false},
    {"batch", cmd_batch, true},      {"index", cmd_index, false},
    {"search", cmd_search, false},   {"claims", cmd_claims, false},
    {"speakers", cmd_speakers, false}, {"digest", cmd_digest, false},
};
enum { NCOMMANDS = sizeof commands / sizeof *commands };

static const struct command *find(const char *name) {
  for (size_t i = 0; i < NCOMMANDS; i++)
    if (strcmp(name, commands[i].name) == 0)
      return &commands[i];
  return NULL;
}

static int unknown(const char *name) {
  const char *best = NULL;
  size_t bd = 3; /* at most two edits away, or a prefix */
  for (size_t i = 0; i < NCOMMANDS; i++) {
    size_t d = edit_distance(name, commands[i].name);
    if (strlen(name) >= 2 &&
        strncmp(name, commands[i].name, strlen(name)) == 0)
      d = 1;
    if (d < bd)
      bd = d, best = commands[i].name;
  }
  if (best)
    fprintf(stderr, "%s: unknown command '%s' (did you mean '%s'? see '%s "
                    "--help')\n", PROG, name, best, PROG);
  else
    fprintf(stderr, "%s: unknown command '%s' (see '%s --help')\n", PROG,
            name, PROG);
  return EX_USAGE;
}

/* --quiet and --verbose, anywhere before "--", set the run's verbosity
 * and are taken out of argv (but --quiet of a command reading it itself);
 * returns the new argc, or -1 when both are given. */
static int take_verbosity(int argc, char **argv, bool keep_quiet) {
  int v = 0, n = 1;
  bool q = false, vb = false, end = false;
  for (int i = 1; i < argc; i++) {
    if (!end && strcmp(argv[i], "--") == 0)
      end = true;
    bool isq = !end && strcmp(argv[i], "--quiet") == 0;
    bool isv = !end && strcmp(argv[i], "--verbose") == 0;
    q = q || isq;
    vb = vb || isv;
    if (isv || (isq && !keep_quiet))
      continue;
    argv[n++] = argv[i];
  }
  argv[n] = NULL;
  if (q && vb)
    return -1;
  v = q ? -1 : vb ? 1 : 0;
  cli_set_verbosity(v);
  return n;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage_main(stderr);
    return EX_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "help") == 0 && argc > 2) {
    const struct command *c = find(argv[2]);
    if (!c)
      return unknown(argv[2]);
    char *help[] = {argv[2], "--help", NULL};
    return c->run(2, help);
  }
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
      strcmp(cmd, "help") == 0) {
    usage_main(stdout);
    return EX_OK;
  }
  if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
    printf("presscut %s\n", pc_version());
    return EX_OK;
  }
  const struct command *c = find(cmd);
  if (!c) {
    if (cmd[0] == '-')
      fprintf(stderr, "%s: unknown option '%s' before the command (see '%s "
                      "--help')\n", PROG, cmd, PROG);
    return cmd[0] == '-' ? EX_USAGE : unknown(cmd);
  }
  int n = take_verbosity(argc - 1, argv + 1, c->own_quiet);
  if (n < 0) {
    fprintf(stderr, "%s: %s: --quiet or --verbose, not both (see '%s %s "
                    "--help')\n", PROG, cmd, PROG, cmd);
    return EX_USAGE;
  }
  return c->run(n, argv + 1);
}
