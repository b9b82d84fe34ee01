/* deploy.c - presscut serve behind a reverse proxy and under systemd
 * (see deploy.h). */
#include "server/deploy.h"
#include "core/dl_systemd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*** the listening socket ***************************************************/

/* err for a failed socket call on what: "127.0.0.1:8080: address already
 * in use" (strerror's text, its first letter lower case). */
static pc_status listen_error(const char *what, int e, pc_error *err) {
  char why[128];
  snprintf(why, sizeof why, "%s", strerror(e));
  if (why[0] >= 'A' && why[0] <= 'Z' && why[1] >= 'a' && why[1] <= 'z')
    why[0] = (char)(why[0] + 32);
  return pc_error_set(err, PC_ERR_NETWORK, "%.200s: %s", what, why);
}

/* Whether a process listens on the Unix socket at path. */
static bool unix_alive(const struct sockaddr_un *sa) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return true; /* cannot tell: leave the file alone */
  int r = connect(fd, (const struct sockaddr *)sa, sizeof *sa);
  int e = errno;
  close(fd);
  return r == 0 || e != ECONNREFUSED;
}

static pc_status open_unix(const char *where, struct pc_listener *l,
                           pc_error *err) {
  const char *path = where + 5;
  struct sockaddr_un sa;
  memset(&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  if (!*path || strlen(path) >= sizeof sa.sun_path)
    return pc_error_set(err, PC_ERR_USAGE,
                        "--listen: unix:/PATH (at most %zu bytes), not '%.200s'",
                        sizeof sa.sun_path - 1, where);
  memcpy(sa.sun_path, path, strlen(path) + 1);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return listen_error(where, errno, err);
  int r = bind(fd, (const struct sockaddr *)&sa, sizeof sa);
  struct stat st;
  if (r != 0 && errno == EADDRINUSE && lstat(path, &st) == 0 &&
      S_ISSOCK(st.st_mode) && !unix_alive(&sa)) {
    unlink(path); /* left by a server that is gone */
    r = bind(fd, (const struct sockaddr *)&sa, sizeof sa);
  }
  if (r != 0 || chmod(path, 0660) != 0 || listen(fd, SOMAXCONN) != 0) {
    int e = errno;
    bool bound = r == 0;
    close(fd);
    if (bound)
      unlink(path);
    return listen_error(where, e, err);
  }
  l->fd = fd;
  l->family = AF_UNIX;
  memcpy(l->path, sa.sun_path, sizeof l->path);
  return PC_OK;
}

/* "HOST:PORT" or "[V6]:PORT" into ss; PC_ERR_USAGE when malformed. */
static pc_status tcp_address(const char *listen, struct sockaddr_storage *ss,
                             struct pc_listener *l, pc_error *err) {
  char host[128];
  const char *colon = strrchr(listen, ':');
  if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof host)
    return pc_error_set(err, PC_ERR_USAGE,
                        "--listen: HOST:PORT or unix:/PATH, not '%.200s'",
                        listen);
  memcpy(host, listen, (size_t)(colon - listen));
  host[colon - listen] = '\0';
  char *end;
  long port = strtol(colon + 1, &end, 10);
  if (!colon[1] || *end || port < 0 || port > 65535)
    return pc_error_set(err, PC_ERR_USAGE, "--listen: bad port in '%.200s'",
                        listen);
  memset(ss, 0, sizeof *ss);
  size_t hl = strlen(host);
  if (host[0] == '[' && host[hl - 1] == ']') {
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    host[hl - 1] = '\0';
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons((uint16_t)port);
    if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
      return pc_error_set(err, PC_ERR_USAGE, "--listen: bad IPv6 address");
    snprintf(l->host, sizeof l->host, "%s", host + 1);
    l->family = AF_INET6;
  } else {
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
      return pc_error_set(err, PC_ERR_USAGE,
                          "--listen: an IPv4 address or [IPv6], not '%s'",
                          host);
    snprintf(l->host, sizeof l->host, "%s", host);
    l->family = AF_INET;
  }
  l->port = (unsigned)port;
  return PC_OK;
}

pc_status pc_listener_open(const char *where, struct pc_listener *l,
                           pc_error *err) {
  memset(l, 0, sizeof *l);
  l->fd = -1;
  if (strncmp(where, "unix:", 5) == 0)
    return open_unix(where, l, err);
  struct sockaddr_storage ss;
  pc_status st = tcp_address(where, &ss, l, err);
  if (st != PC_OK)
    return st;
  int fd = socket(l->family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return listen_error(where, errno, err);
  int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (l->family == AF_INET6) /* [::] is IPv6 only, as libmicrohttpd did */
    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
  socklen_t len = l->family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                        : sizeof(struct sockaddr_in);
  if (bind(fd, (const struct sockaddr *)&ss, len) != 0 ||
      listen(fd, SOMAXCONN) != 0 ||
      getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
    int e = errno;
    close(fd);
    return listen_error(where, e, err);
  }
  l->port = ntohs(l->family == AF_INET6
                      ? ((struct sockaddr_in6 *)&ss)->sin6_port
                      : ((struct sockaddr_in *)&ss)->sin_port);
  l->fd = fd;
  return PC_OK;
}

void pc_listener_unlink(const struct pc_listener *l) {
  if (l->family == AF_UNIX && l->path[0])
    unlink(l->path);
}

/*** the base path **********************************************************/

pc_status pc_base_path(const char *in, char *out, size_t n, pc_error *err) {
  if (!in)
    in = "/";
  while (*in == '/')
    in++;
  size_t len = strlen(in);
  while (len && in[len - 1] == '/')
    len--;
  if (len + 3 > n)
    return pc_error_set(err, PC_ERR_USAGE, "--base-path: too long");
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)in[i];
    bool dots = c == '.' && (i == 0 || in[i - 1] == '/') &&
                (i + 1 == len || in[i + 1] == '/' ||
                 (in[i + 1] == '.' && (i + 2 == len || in[i + 2] == '/')));
    if (c <= ' ' || c >= 0x7f || c == '?' || c == '#' || c == '%' ||
        c == '\\' || dots || (c == '/' && in[i + 1] == '/'))
      return pc_error_set(err, PC_ERR_USAGE,
                          "--base-path: a plain path such as /presscut/, "
                          "not '%.200s'", in);
  }
  out[0] = '/';
  memcpy(out + 1, in, len);
  out[len + 1] = len ? '/' : '\0';
  out[len + 2] = '\0';
  return PC_OK;
}

/*** trusted proxies and X-Forwarded-For ************************************/

/* An address ("192.0.2.1", "2001:db8::1", "[2001:db8::1]") into a (16
 * bytes) and its family; 0 when it is none. */
static int parse_addr(const char *s, size_t len, unsigned char *a) {
  char buf[INET6_ADDRSTRLEN + 2];
  if (len && s[0] == '[' && s[len - 1] == ']')
    s++, len -= 2;
  if (!len || len >= sizeof buf)
    return 0;
  memcpy(buf, s, len);
  buf[len] = '\0';
  if (inet_pton(AF_INET, buf, a) == 1)
    return AF_INET;
  if (inet_pton(AF_INET6, buf, a) == 1)
    return AF_INET6;
  return 0;
}

pc_status pc_proxies_parse(const char *list, struct pc_proxies *p,
                           pc_error *err) {
  memset(p, 0, sizeof *p);
  for (const char *s = list; s && *s;) {
    size_t len = strcspn(s, ",");
    const char *slash = memchr(s, '/', len);
    size_t alen = slash ? (size_t)(slash - s) : len;
    bool ok = false;
    if (len == 4 && strncmp(s, "unix", 4) == 0) {
      p->unix_peers = ok = true;
    } else if (p->n < PC_MAX_PROXIES) {
      unsigned char a[16];
      int fam = parse_addr(s, alen, a);
      unsigned max = fam == AF_INET ? 32 : 128, bits = max;
      char *end = NULL;
      if (slash) {
        unsigned long b = strtoul(slash + 1, &end, 10);
        bits = end == slash + 1 || end != s + len || b > max ? max + 1
                                                             : (unsigned)b;
      }
      if (fam && bits <= max) {
        p->net[p->n].family = fam;
        memcpy(p->net[p->n].addr, a, sizeof a);
        p->net[p->n].bits = bits;
        p->n++;
        ok = true;
      }
    }
    if (!ok)
      return pc_error_set(err, PC_ERR_USAGE,
                          "--trusted-proxy: an address, ADDR/BITS or unix "
                          "(at most %d), not '%.*s'",
                          PC_MAX_PROXIES, (int)(len > 200 ? 200 : len), s);
    s += len;
    if (*s == ',')
      s++;
  }
  return PC_OK;
}

/* Whether the address a (16 bytes, family fam) is a trusted proxy.  An
 * IPv4-mapped IPv6 address is compared as IPv4. */
static bool trusted(const struct pc_proxies *p, int fam,
                    const unsigned char *a) {
  static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0,
                                           0, 0, 0, 0, 0xff, 0xff};
  unsigned char v4[16];
  if (fam == AF_INET6 && memcmp(a, mapped, 12) == 0) {
    memcpy(v4, a + 12, 4);
    fam = AF_INET;
    a = v4;
  }
  for (size_t i = 0; i < p->n; i++) {
    unsigned bits = p->net[i].bits;
    const unsigned char *b = p->net[i].addr;
    if (p->net[i].family != fam || memcmp(a, b, bits / 8) != 0)
      continue;
    unsigned rest = bits % 8;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    if (!rest || ((a[bits / 8] ^ b[bits / 8]) & mask) == 0)
      return true;
  }
  return false;
}

/* The address of sa into a; its family, or 0 for another family. */
static int sock_addr(const struct sockaddr *sa, unsigned char *a) {
  if (sa && sa->sa_family == AF_INET) {
    memcpy(a, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
    return AF_INET;
  }
  if (sa && sa->sa_family == AF_INET6) {
    memcpy(a, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
    return AF_INET6;
  }
  return 0;
}

/* The client of pc_client_of: fam and a into out and text. */
static void set_client(int fam, const unsigned char *a, bool unix_peer,
                       struct sockaddr_storage *out, char *text, size_t n) {
  memset(out, 0, sizeof *out);
  snprintf(text, n, "%s", unix_peer ? "unix" : "?");
  if (fam == AF_INET) {
    struct sockaddr_in *s4 = (struct sockaddr_in *)out;
    s4->sin_family = AF_INET;
    memcpy(&s4->sin_addr, a, 4);
    inet_ntop(AF_INET, a, text, (socklen_t)n);
  } else if (fam == AF_INET6) {
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)out;
    s6->sin6_family = AF_INET6;
    memcpy(&s6->sin6_addr, a, 16);
    inet_ntop(AF_INET6, a, text, (socklen_t)n);
  }
}

bool pc_proxy_peer(const struct pc_proxies *p, const struct sockaddr *peer) {
  unsigned char a[16];
  int fam = sock_addr(peer, a);
  return peer && peer->sa_family == AF_UNIX ? p->unix_peers
                                            : fam && trusted(p, fam, a);
}

void pc_client_of(const struct pc_proxies *p, const struct sockaddr *peer,
                  const char *xff, struct sockaddr_storage *out, char *text,
                  size_t n) {
  unsigned char a[16] = {0};
  int fam = sock_addr(peer, a);
  bool unix_peer = peer && peer->sa_family == AF_UNIX;
  bool proxy = pc_proxy_peer(p, peer);
  if (!proxy || !xff) {
    set_client(fam, a, unix_peer, out, text, n);
    return;
  }
  /* from the right: each hop was added by the one after it; the first
   * that is not a trusted proxy is the client */
  size_t end = strlen(xff);
  while (end > 0) {
    size_t start = end;
    while (start > 0 && xff[start - 1] != ',')
      start--;
    size_t s = start, e = end;
    while (s < e && (xff[s] == ' ' || xff[s] == '\t'))
      s++;
    while (e > s && (xff[e - 1] == ' ' || xff[e - 1] == '\t'))
      e--;
    unsigned char h[16];
    int hf = parse_addr(xff + s, e - s, h);
    if (!hf)
      break; /* not an address: the hop before it is as far as we trust */
    memcpy(a, h, sizeof h);
    fam = hf;
    unix_peer = false;
    if (!trusted(p, hf, h))
      break;
    end = start ? start - 1 : 0;
  }
  set_client(fam, a, unix_peer, out, text, n);
}

/*** the access log *********************************************************/

void pc_access_line(char *out, size_t n, const char *client,
                    const char *method, const char *path, unsigned status,
                    size_t bytes, double ms) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  struct tm tm;
  gmtime_r(&ts.tv_sec, &tm);
  char when[40], p[1300], code[16];
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
  size_t k = 0;
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *c = (const unsigned char *)(path ? path : "");
       *c && k < 400; c++) {
    if (*c <= ' ' || *c >= 0x7f || *c == '%' || *c == '"') {
      p[k++] = '%';
      p[k++] = hex[*c >> 4];
      p[k++] = hex[*c & 15];
    } else {
      p[k++] = (char)*c;
    }
  }
  p[k] = '\0';
  if (status)
    snprintf(code, sizeof code, "%u", status);
  else
    snprintf(code, sizeof code, "-");
  snprintf(out, n, "%s.%03dZ%s%s %s %s %s %zu %.1fms", when,
           (int)(ts.tv_nsec / 1000000), client ? " " : "", client ? client : "",
           method ? method : "-", p[0] ? p : "-", code, bytes, ms);
}

/*** systemd ****************************************************************/

void pc_notify_systemd(const char *state) {
  if (!getenv("NOTIFY_SOCKET"))
    return;
  pc_error e = {""};
  if (pc_dl_load(PC_DL_SYSTEMD, &e) != PC_OK) {
    fprintf(stderr, "presscut: serve: cannot tell systemd %s: %s\n", state,
            e.msg);
    return;
  }
  int r = sd_notify(0, state);
  if (r < 0)
    fprintf(stderr, "presscut: serve: sd_notify %s: %s\n", state,
            strerror(-r));
}
