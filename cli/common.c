/* common.c - what the commands share (see cli.h). */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int exit_code(pc_status st) {
  switch (st) {
  case PC_OK: return EX_OK;
  case PC_ERR_USAGE: return EX_USAGE;
  case PC_ERR_INPUT:
  case PC_ERR_TOO_LARGE:
  case PC_ERR_IO:
  case PC_ERR_NOT_FOUND: return EX_INPUT;
  case PC_ERR_NETWORK: return EX_NET;
  case PC_ERR_NOMEM:
  case PC_ERR_INTERNAL: return EX_INTERNAL;
  }
  return EX_INTERNAL;
}

/* A byte count: digits only (strtoull alone takes "-5" as 2^64 - 5, and
 * a negative limit would be no limit).  False when s is not one. */
bool parse_bytes(const char *s, size_t *v) {
  if (!s || *s < '0' || *s > '9')
    return false;
  char *end;
  errno = 0;
  unsigned long long n = strtoull(s, &end, 10);
  if (errno || *end || n > SIZE_MAX)
    return false;
  *v = (size_t)n;
  return true;
}


/* Set once by main() before the command runs (cli.h), read after. */
static int verbosity;

void cli_set_verbosity(int v) { verbosity = v; }

int cli_verbosity(void) { return verbosity; }

void cli_warning(const char *where, const char *msg) {
  if (verbosity >= 0)
    fprintf(stderr, "%s: %s: warning: %s\n", PROG, where, msg);
}

void cli_note(const char *where, const char *fmt, const char *a) {
  if (verbosity <= 0)
    return;
  fprintf(stderr, "%s: %s: ", PROG, where);
  fprintf(stderr, fmt, a);
  fputc('\n', stderr);
}

int usage_error(const char *cmd, const char *fmt, const char *a) {
  /* the value as given, but on one line: control characters as \n, \r,
   * \xHH */
  char shown[200];
  size_t k = 0;
  for (const unsigned char *p = (const unsigned char *)a;
       *p && k + 5 < sizeof shown; p++) {
    if (*p >= 0x20 && *p != 0x7f)
      shown[k++] = (char)*p;
    else
      k += (size_t)snprintf(shown + k, sizeof shown - k,
                            *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : "\\x%02x",
                            *p);
  }
  shown[k] = '\0';
  fprintf(stderr, "%s: %s: ", PROG, cmd);
  fprintf(stderr, fmt, shown);
  fprintf(stderr, " (see '%s %s --help')\n", PROG, cmd);
  return EX_USAGE;
}

/* The edit distance of a and b (cli.h). */
size_t edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 31 || lb > 31)
    return 99;
  size_t d[32][32];
  for (size_t i = 0; i <= la; i++)
    d[i][0] = i;
  for (size_t j = 0; j <= lb; j++)
    d[0][j] = j;
  for (size_t i = 1; i <= la; i++)
    for (size_t j = 1; j <= lb; j++) {
      size_t sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
      size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
      d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[i - 2][j - 2] + 1 < d[i][j])
        d[i][j] = d[i - 2][j - 2] + 1; /* two letters swapped */
    }
  return d[la][lb];
}

/* The long option nearest to the one given (--fromat: format), or NULL;
 * several that it begins (--d: data-dir, date, delete) set *ambiguous. */
static const char *nearest_option(const char *given, const struct option *lo,
                                  bool *ambiguous) {
  const char *best = NULL;
  size_t bd = 3, n = strlen(given), prefixes = 0;
  for (; lo && lo->name; lo++) {
    if (n && strncmp(lo->name, given, n) == 0)
      prefixes++;
    size_t d = edit_distance(given, lo->name);
    if (d < bd && n >= 3)
      bd = d, best = lo->name;
  }
  *ambiguous = prefixes > 1;
  return best;
}

int bad_option(const char *cmd, const char *shortopts,
               const struct option *lo, char **argv) {
  /* glibc: optind is past the word it stopped at, except inside a
   * cluster of short options (-xyz), where optopt names the letter */
  const char *word = optind > 0 ? argv[optind - 1] : "";
  char shortname[3] = {'-', (char)optopt, '\0'};
  if (optopt > 0 && optopt < 128 && strncmp(word, "--", 2) != 0) {
    const char *at = strchr(shortopts, optopt);
    return usage_error(cmd, at && at[1] == ':' ? "option '%s' needs a value"
                                               : "unknown option '%s'",
                       shortname);
  }
  char name[64];
  snprintf(name, sizeof name, "%.*s", (int)strcspn(word, "="), word);
  bool ambiguous = false;
  const char *near = optopt == 0 && strncmp(name, "--", 2) == 0
                         ? nearest_option(name + 2, lo, &ambiguous)
                         : NULL;
  if (optopt == 0 && ambiguous)
    return usage_error(cmd, "ambiguous option '%s': give more of its name",
                       name);
  if (optopt == 0 && near) {
    char msg[160];
    snprintf(msg, sizeof msg, "%s' (did you mean '--%s'?)", name, near);
    return usage_error(cmd, "unknown option '%s", msg);
  }
  if (optopt == 0)
    return usage_error(cmd, "unknown option '%s'", name);
  return usage_error(cmd, strchr(word, '=') ? "option '%s' takes no value"
                                            : "option '%s' needs a value",
                     name);
}

void report(const char *input, const char *msg) {
  size_t n = strlen(input);
  if (strncmp(msg, input, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
    fprintf(stderr, "%s: %s\n", PROG, msg);
  else
    fprintf(stderr, "%s: %s: %s\n", PROG, input, msg);
}

bool valid_date(const char *s) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return false;
  int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
          (s[3] - '0');
  int m = (s[5] - '0') * 10 + (s[6] - '0');
  int d = (s[8] - '0') * 10 + (s[9] - '0');
  if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
    return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

bool is_dir(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

bool http_url(const char *s) {
  const char *host = strstr(s, "://");
  bool http = strncasecmp(s, "http://", 7) == 0 ||
              strncasecmp(s, "https://", 8) == 0;
  return http && host && host[3] && host[3] != '/' && host[3] != '?' &&
         host[3] != '#' && !strpbrk(s, " \t\r\n");
}

bool smtp_url(const char *s) {
  const char *host = strstr(s, "://");
  bool smtp = strncasecmp(s, "smtp://", 7) == 0 ||
              strncasecmp(s, "smtps://", 8) == 0;
  return smtp && host && host[3] && host[3] != '/' && host[3] != ':' &&
         !strpbrk(s, " \t\r\n");
}

int fail(int code, const char *fmt, const char *a, const char *b) {
  fprintf(stderr, "%s: ", PROG);
  fprintf(stderr, fmt, a, b);
  fputc('\n', stderr);
  return code;
}

/* Waits until fd has data (or its end) or the deadline (CLOCK_MONOTONIC
 * seconds) passes: false then. */
static bool wait_readable(int fd, double deadline) {
  for (;;) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double left = deadline - ((double)ts.tv_sec + ts.tv_nsec / 1e9);
    if (left <= 0)
      return false;
    struct pollfd p = {fd, POLLIN, 0};
    int k = poll(&p, 1, (int)(left * 1000) + 1);
    if (k > 0)
      return true;
    if (k < 0 && errno != EINTR)
      return true; /* let read(2) report it */
  }
}

/* Opens a path (or takes stdin) for read_input; -1 with err set. */
static int open_input(const char *path, pc_error *err) {
  if (strcmp(path, "-") == 0)
    return STDIN_FILENO;
  struct stat sb;
  if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    snprintf(err->msg, sizeof err->msg, "is a directory");
    return -1;
  }
  /* O_NONBLOCK: opening a FIFO waits for no writer (the wait is
   * read_input's, bounded); a regular file ignores it */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    snprintf(err->msg, sizeof err->msg, "%s", strerror(errno));
  return fd;
}

/* Reads a path or stdin, at most max bytes (one more is an error).  What
 * can keep a reader waiting (a FIFO, a pipe, a socket, a device; not a
 * regular file, not a terminal) must be read whole within timeout_s
 * seconds. */
pc_status read_input(const char *path, size_t max, long timeout_s,
                            char **data, size_t *len, pc_error *err) {
  int fd = open_input(path, err);
  if (fd < 0)
    return PC_ERR_IO;
  struct stat sb;
  bool known = fstat(fd, &sb) == 0;
  bool bounded = known && !S_ISREG(sb.st_mode) && !isatty(fd);
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  double deadline = (double)t0.tv_sec + t0.tv_nsec / 1e9 + (double)timeout_s;
  /* a regular file is read into a buffer of its size (one byte more, to
   * see its end, or that it grew), without the copies of growing one */
  size_t cap = 65536, n = 0;
  if (known && S_ISREG(sb.st_mode) && sb.st_size >= 0 && (size_t)sb.st_size < max &&
      (size_t)sb.st_size >= cap)
    cap = (size_t)sb.st_size + 1;
  char *buf = malloc(cap);
  pc_status st = buf ? PC_OK : PC_ERR_NOMEM;
  while (st == PC_OK) {
    if (n == cap) {
      if (cap > max) {
        snprintf(err->msg, sizeof err->msg,
                 "input over the limit of %zu bytes (see --max-input)", max);
        st = PC_ERR_TOO_LARGE;
        break;
      }
      cap *= 2;
      char *nb = realloc(buf, cap);
      if (!nb) {
        st = PC_ERR_NOMEM;
        break;
      }
      buf = nb;
    }
    if (bounded && !wait_readable(fd, deadline)) {
      snprintf(err->msg, sizeof err->msg,
               "no end of input within %ld s (see --timeout)", timeout_s);
      st = PC_ERR_IO;
      break;
    }
    ssize_t k = read(fd, buf + n, cap - n);
    if (k < 0 && errno == EAGAIN && !bounded) { /* a non-blocking terminal */
      struct pollfd p = {fd, POLLIN, 0};
      poll(&p, 1, -1);
    }
    if (k < 0 && (errno == EINTR || errno == EAGAIN))
      continue;
    if (k < 0) {
      snprintf(err->msg, sizeof err->msg, "read error: %s", strerror(errno));
      st = PC_ERR_IO;
    }
    if (k <= 0)
      break;
    n += (size_t)k;
  }
  if (st == PC_OK && n > max) {
    snprintf(err->msg, sizeof err->msg,
             "input is %zu bytes, over the limit of %zu (see --max-input)", n, max);
    st = PC_ERR_TOO_LARGE;
  }
  if (fd != STDIN_FILENO)
    close(fd);
  if (st == PC_ERR_NOMEM)
    snprintf(err->msg, sizeof err->msg, "out of memory");
  if (st != PC_OK) {
    free(buf);
    return st;
  }
  *data = buf;
  *len = n;
  return PC_OK;
}

/* Loads and extracts one input; on success *doc is ours to free. */
pc_status load_doc(const pc_ctx *ctx, const struct extract_args *a,
                   const char *input, pc_doc **doc, pc_error *err) {
  pc_load_opts lo;
  pc_load_opts_init(&lo);
  lo.extract.max_input = a->max_input;
  lo.extract.url = a->url;
  lo.extract.content_type = a->content_type;
  lo.cut = a->cut;
  lo.delete_ids = a->del;
  lo.attribution = a->attribution;
  lo.date = a->date;
  if (a->timeout > 0)
    lo.fetch.timeout_s = a->timeout;
  lo.fetch.user_agent = a->user_agent;
  lo.fetch.headers = a->nheaders ? a->headers : NULL;
  pc_status st;
  if (pc_is_url(input)) {
    cli_note(input, "fetching%s", "");
    st = pc_load_url(ctx, input, &lo, doc, err);
  } else {
    char *data = NULL;
    size_t len = 0;
    st = read_input(input, a->max_input, a->timeout > 0 ? a->timeout : 15,
                    &data, &len, err);
    if (st != PC_OK)
      return st;
    st = pc_load(ctx, data, len, &lo, doc, err);
    free(data);
  }
  if (st == PC_OK && pc_doc_block_count(*doc) == 0) {
    /* an empty or blank input, a page with no text: nothing to print */
    pc_doc_free(*doc);
    *doc = NULL;
    snprintf(err->msg, sizeof err->msg, "no article found");
    return PC_ERR_INPUT;
  }
  if (st == PC_OK && cli_verbosity() > 0) {
    const char *title = pc_doc_meta(*doc, PC_META_TITLE);
    char what[160];
    snprintf(what, sizeof what, "%zu blocks%s%.100s%s",
             pc_doc_block_count(*doc), title ? ", \"" : "",
             title ? title : "", title ? "\"" : "");
    cli_note(input, "%s", what);
  }
  return st;
}

void cli_warn(void *closure, const char *msg) {
  cli_warning(closure, msg);
}

int write_file(void *closure, const unsigned char *data, size_t len) {
  return fwrite(data, 1, len, closure) == len ? 0 : 1;
}

/* The directory holding a file input, for its relative image paths. */
char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return strdup(".");
  if (slash == path)
    return strdup("/");
  return strndup(path, (size_t)(slash - path));
}

/* A usage error about an option's value, naming the command when known. */
static int opt_error(const struct extract_args *a, const char *fmt,
                     const char *arg) {
  if (a->cmd)
    return usage_error(a->cmd, fmt, arg);
  return fail(EX_USAGE, fmt, arg, "");
}

/* --header: "Name: value" on one line, at most MAX_HEADERS of them. */
static int header_opt(const char *arg, struct extract_args *a) {
  const char *colon = strchr(arg, ':');
  bool ok = colon && colon > arg && !strpbrk(arg, "\r\n");
  for (const char *p = arg; ok && p < colon; p++)
    ok = *p > ' ' && *p < 127;
  if (!ok)
    return opt_error(a, "--header: want 'Name: value' on one line, not '%s'",
                     arg);
  if (a->nheaders == MAX_HEADERS)
    return opt_error(a, "--header: at most %s of them", "16");
  a->headers[a->nheaders++] = arg;
  a->headers[a->nheaders] = NULL;
  return EX_OK;
}

/* An input option of extract, quotes, html, pdf and mail: -1 when c is
 * none, else EX_OK or the usage error (already reported). */
int input_opt(int c, const char *arg, struct extract_args *a) {
  char *end;
  switch (c) {
  case 'c': a->cut = 1; return EX_OK;
  case 'd': a->del = arg; return EX_OK;
  case 'u':
    if (!http_url(arg))
      return opt_error(a, "--url: not an absolute http(s) URL: '%s'", arg);
    a->url = arg;
    return EX_OK;
  case 't': a->content_type = arg; return EX_OK;
  case 'm':
    if (!parse_bytes(arg, &a->max_input) || a->max_input == 0)
      return opt_error(a, "--max-input: not a byte count: '%s'", arg);
    return EX_OK;
  case 'T':
    a->timeout = strtol(arg, &end, 10);
    if (*end || a->timeout <= 0)
      return opt_error(a, "--timeout: not a number of seconds: '%s'", arg);
    return EX_OK;
  case 'D':
    if (!is_dir(arg))
      return opt_error(a, "--data-dir: no such directory: '%s'", arg);
    a->data_dir = arg;
    return EX_OK;
  case 'Y':
    if (!valid_date(arg))
      return opt_error(a, "--date: not a date YYYY-MM-DD: '%s'", arg);
    a->date = arg;
    return EX_OK;
  case 'U':
    if (!*arg || strpbrk(arg, "\r\n"))
      return opt_error(a, "--user-agent: one non-empty line, not '%s'", arg);
    a->user_agent = arg;
    return EX_OK;
  case 'H': return header_opt(arg, a);
  default: return -1;
  }
}

int shared_opt(int c, const char *arg, pc_print_opts *po, int *fetch,
               struct extract_args *a) {
  char *end;
  switch (c) {
  case L_PAGE:
    if (strcasecmp(arg, "a4") == 0)
      po->page_size = PC_PAGE_A4;
    else if (strcasecmp(arg, "letter") == 0)
      po->page_size = PC_PAGE_LETTER;
    else if (strcasecmp(arg, "a5") == 0)
      po->page_size = PC_PAGE_A5;
    else
      return opt_error(a, "--page-size: a4, letter or a5, not '%s'", arg);
    return EX_OK;
  case L_MARGINS:
    po->margin_mm = strtod(arg, &end);
    if (*end || !(po->margin_mm >= 0 && po->margin_mm <= 60))
      return opt_error(a, "--margins: millimetres from 0 to 60, not '%s'",
                       arg);
    if (po->margin_mm == 0)
      po->margin_mm = 0.01; /* 0 means the default in the options */
    return EX_OK;
  case L_TSIZE:
    po->text_size = (int)strtol(arg, &end, 10);
    if (*end || po->text_size < 1 || po->text_size > 5)
      return opt_error(a, "--text-size: 1 to 5, not '%s'", arg);
    return EX_OK;
  case L_FONT: po->font = arg; return EX_OK;
  case L_IMAGES: {
    static const char *const names[] = {"full", "large", "medium", "small",
                                        "none"};
    int k = 0;
    while (k < 5 && strcasecmp(arg, names[k]) != 0)
      k++;
    if (k == 5)
      return opt_error(a, "--images: full, large, medium, small or none, "
                          "not '%s'", arg);
    po->images = (pc_image_size)k;
    return EX_OK;
  }
  case L_RAGGED: po->ragged = 1; return EX_OK;
  case L_NOHEAD: po->no_header = 1; return EX_OK;
  case L_NOFOOT: po->no_footer = 1; return EX_OK;
  case L_WSW: po->who_said_what = 1; a->attribution = 1; return EX_OK;
  case L_FETCH: *fetch = 1; return EX_OK;
  case L_NOFETCH: *fetch = 0; return EX_OK;
  case L_TITLE: po->title = arg; return EX_OK;
  case L_AUTHOR: po->author = arg; return EX_OK;
  case L_MARKS: {
    /* marks need who said what: asking for them attributes */
    static const char *const names[] = {"colour", "grey", "none"};
    int k = 0;
    while (k < 3 && strcasecmp(arg, names[k]) != 0)
      k++;
    if (k == 3)
      return opt_error(a, "--marks: colour, grey or none, not '%s'", arg);
    po->marks = PC_MARKS_COLOUR + k;
    a->attribution = k < 2 ? 1 : a->attribution;
    return EX_OK;
  }
  default: return input_opt(c, arg, a);
  }
}
