/* fetch.c - http(s) fetching with libcurl, capped in size and time. */
#include "internal.h"
#include "core/dl_curl.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pc_fetch_opts_init(pc_fetch_opts *opts) {
  memset(opts, 0, sizeof *opts);
  opts->timeout_s = 15;
  opts->max_bytes = PC_MAX_FETCH_DEFAULT;
  opts->max_redirects = 5;
}

struct sink {
  struct pc_buf b;
  bool over;
  bool deny_private; /* check the addresses connected to (no proxy) */
  bool unresolved;   /* a proxied target's host did not resolve */
  char refused[INET6_ADDRSTRLEN]; /* the address refused, if any */
};

/* Loopback, private, link-local, multicast, reserved, documentation and
 * translation ranges: nothing a server fetching for others may reach. */
static bool private_v4(uint32_t a) {
  static const struct {
    uint32_t net, mask;
  } r[] = {
      {0x00000000, 0xFF000000}, /* 0.0.0.0/8 "this network" */
      {0x0A000000, 0xFF000000}, /* 10/8 */
      {0x64400000, 0xFFC00000}, /* 100.64/10 carrier-grade NAT */
      {0x7F000000, 0xFF000000}, /* 127/8 loopback */
      {0xA9FE0000, 0xFFFF0000}, /* 169.254/16 link-local (metadata) */
      {0xAC100000, 0xFFF00000}, /* 172.16/12 */
      {0xC0000000, 0xFFFFFF00}, /* 192.0.0/24 IETF */
      {0xC0000200, 0xFFFFFF00}, /* 192.0.2/24 documentation */
      {0xC0586300, 0xFFFFFF00}, /* 192.88.99/24 6to4 relay */
      {0xC0A80000, 0xFFFF0000}, /* 192.168/16 */
      {0xC6120000, 0xFFFE0000}, /* 198.18/15 benchmarking */
      {0xC6336400, 0xFFFFFF00}, /* 198.51.100/24 documentation */
      {0xCB007100, 0xFFFFFF00}, /* 203.0.113/24 documentation */
      {0xE0000000, 0xF0000000}, /* 224/4 multicast */
      {0xF0000000, 0xF0000000}, /* 240/4 reserved, broadcast */
  };
  for (size_t i = 0; i < sizeof r / sizeof *r; i++)
    if ((a & r[i].mask) == r[i].net)
      return true;
  return false;
}

static bool private_v6(const unsigned char *b) {
  static const unsigned char zero[16] = {0};
  if (memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1))
    return true; /* :: and ::1 */
  /* ::ffff:a.b.c.d (mapped), 64:ff9b::a.b.c.d (NAT64): the IPv4 inside */
  static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  static const unsigned char nat64[12] = {0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0};
  if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0 ||
      memcmp(b, zero, 12) == 0 /* ::a.b.c.d, deprecated */)
    return private_v4((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
                      (uint32_t)b[14] << 8 | b[15]);
  if ((b[0] & 0xFE) == 0xFC)
    return true; /* fc00::/7 unique local */
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
    return true; /* fe80::/10 link-local */
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)
    return true; /* fec0::/10 site-local (deprecated) */
  if (b[0] == 0xFF)
    return true; /* multicast */
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
    return true; /* 2001:db8::/32 documentation */
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
    return true; /* 2001::/32 Teredo */
  if (b[0] == 0x20 && b[1] == 0x02)
    return true; /* 2002::/16 6to4: may wrap any IPv4 */
  if (b[0] == 0x01 && b[1] == 0 && memcmp(b + 2, zero, 6) == 0)
    return true; /* 100::/64 discard */
  return false;
}

/* PRESSCUT_FETCH_ALLOW: exact addresses the guard lets through, for tests
 * that need a "public" server on this machine (a redirect from it). */
static bool allowed(const char *addr) {
  const char *env = getenv("PRESSCUT_FETCH_ALLOW");
  if (!env)
    return false;
  size_t n = strlen(addr);
  for (const char *p = env; *p;) {
    size_t k = strcspn(p, ",");
    if (k == n && strncmp(p, addr, n) == 0)
      return true;
    p += k + (p[k] == ',');
  }
  return false;
}

/* Whether one address may be reached; else its text goes to s->refused. */
static bool address_ok(const struct sockaddr *sa, struct sink *s) {
  bool bad = true; /* what is not IPv4 or IPv6 is refused too */
  char text[INET6_ADDRSTRLEN] = "?";
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const void *)sa;
    bad = private_v4(ntohl(in->sin_addr.s_addr));
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
  } else if (sa->sa_family == AF_INET6) {
    const struct sockaddr_in6 *in6 = (const void *)sa;
    bad = private_v6(in6->sin6_addr.s6_addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
  }
  if (bad && !allowed(text)) {
    snprintf(s->refused, sizeof s->refused, "%s", text);
    return false;
  }
  return true;
}

/* Through a proxy the only connection is to the proxy, which resolves the
 * target itself: the target's host is resolved here and every address it
 * has must be public.  (A name whose answers change between this check and
 * the proxy's own look-up is the proxy's to refuse.)  False with
 * s->refused or s->unresolved set. */
static bool target_ok(const char *url, struct sink *s) {
  CURLU *u = curl_url();
  char *host = NULL;
  bool ok = false;
  if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host) {
    char name[256];
    size_t n = strlen(host);
    bool v6 = n > 2 && host[0] == '[' && host[n - 1] == ']';
    if (n - (v6 ? 2 : 0) < sizeof name && !strchr(host, '%')) {
      snprintf(name, sizeof name, "%.*s", (int)(n - (v6 ? 2 : 0)), host + v6);
      struct addrinfo hints, *res = NULL;
      memset(&hints, 0, sizeof hints);
      hints.ai_family = AF_UNSPEC;
      hints.ai_socktype = SOCK_STREAM;
      if (getaddrinfo(name, NULL, &hints, &res) == 0) {
        ok = res != NULL;
        for (const struct addrinfo *a = res; ok && a; a = a->ai_next)
          ok = address_ok(a->ai_addr, s);
        freeaddrinfo(res);
      } else {
        s->unresolved = true;
      }
    }
  }
  if (!ok && !s->refused[0] && !s->unresolved)
    snprintf(s->refused, sizeof s->refused, "?"); /* no host, a zone id */
  curl_free(host);
  curl_url_cleanup(u);
  return ok;
}

/* A SOCKS proxy that is given the target's name, not an address libcurl
 * looked up itself: with socks4:// and socks5:// libcurl resolves the
 * name again after target_ok, and a name that answers a public address
 * first and a private one then would get through (DNS rebinding), so they
 * become socks4a:// and socks5h://, where the proxy resolves, as an HTTP
 * proxy does.  Returns proxy itself or buf. */
static const char *resolved_by_proxy(const char *proxy, char *buf, size_t n) {
  static const char *const local[] = {"socks4://", "socks5://"},
                           *const remote[] = {"socks4a://", "socks5h://"};
  for (size_t i = 0; i < 2; i++)
    if (pc_ascii_istarts(proxy, local[i])) {
      snprintf(buf, n, "%s%s", remote[i], proxy + strlen(local[i]));
      return buf;
    }
  return proxy;
}

/* Performs the transfer.  Through a proxy with the guard (check), every
 * target is checked first and redirects are followed here, at most
 * redirects of them; the body of a redirect is dropped. */
static CURLcode perform(CURL *c, const char *url, long redirects, bool check,
                        struct sink *s) {
  if (!check)
    return curl_easy_perform(c);
  char *next = NULL; /* owned: the redirect being followed */
  CURLcode rc = CURLE_OK;
  for (long hop = 0;; hop++) {
    if (!target_ok(next ? next : url, s)) {
      rc = CURLE_COULDNT_RESOLVE_HOST;
      break;
    }
    if (next)
      curl_easy_setopt(c, CURLOPT_URL, next); /* copied by libcurl */
    rc = curl_easy_perform(c);
    long code = 0;
    char *loc = NULL;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc);
    if (rc != CURLE_OK || code < 300 || code > 399 || !loc || !redirects)
      break;
    if (hop >= redirects) {
      rc = CURLE_TOO_MANY_REDIRECTS;
      break;
    }
    free(next);
    if (!(next = strdup(loc))) {
      rc = CURLE_OUT_OF_MEMORY;
      break;
    }
    size_t max = s->b.max;
    pc_buf_cleanup(&s->b);
    pc_buf_init(&s->b, max);
  }
  free(next);
  return rc;
}

static curl_socket_t open_guarded(void *ud, curlsocktype purpose,
                                  struct curl_sockaddr *sa) {
  struct sink *s = ud;
  (void)purpose;
  if (s->deny_private && !address_ok((const struct sockaddr *)&sa->addr, s))
    return CURL_SOCKET_BAD;
  return socket(sa->family, sa->socktype, sa->protocol);
}

static size_t on_data(char *p, size_t size, size_t n, void *ud) {
  struct sink *s = ud;
  size_t k = size * n;
  if (!pc_buf_add(&s->b, p, k)) {
    s->over = true;
    return 0; /* aborts the transfer */
  }
  return k;
}

/* The extra request headers as libcurl's list: PC_ERR_USAGE when one is
 * not "Name: value" on one line. */
static pc_status header_list(const char *const *h, struct curl_slist **list,
                             pc_error *err) {
  *list = NULL;
  pc_status st = PC_OK;
  for (; h && *h; h++) {
    const char *colon = strchr(*h, ':');
    size_t name = colon ? (size_t)(colon - *h) : 0;
    bool ok = name > 0 && !strpbrk(*h, "\r\n");
    for (size_t i = 0; ok && i < name; i++)
      ok = (*h)[i] > ' ' && (*h)[i] < 127;
    if (!ok) {
      st = pc_error_set(err, PC_ERR_USAGE,
                        "not a header 'Name: value' on one line: '%.100s'",
                        *h);
      break;
    }
    struct curl_slist *l = curl_slist_append(*list, *h);
    if (!l) {
      st = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
      break;
    }
    *list = l;
  }
  if (st != PC_OK) {
    curl_slist_free_all(*list);
    *list = NULL;
  }
  return st;
}

void pc_fetch_result_free(pc_fetch_result *res) {
  if (!res)
    return;
  free(res->body);
  free(res->content_type);
  free(res->final_url);
  free(res);
}

pc_status pc_fetch(const char *url, const pc_fetch_opts *opts,
                   pc_fetch_result **out, pc_error *err) {
  if (!url || !out)
    return pc_error_set(err, PC_ERR_USAGE, "pc_fetch: NULL argument");
  *out = NULL;
  pc_status lst = pc_dl_load(PC_DL_CURL, err);
  if (lst != PC_OK)
    return lst;
  pc_fetch_opts def;
  if (!opts) {
    pc_fetch_opts_init(&def);
    opts = &def;
  }
  if (!pc_ascii_istarts(url, "http://") && !pc_ascii_istarts(url, "https://"))
    return pc_error_set(err, PC_ERR_USAGE, "only http and https URLs: %.200s",
                        url);
  struct curl_slist *hdrs = NULL;
  pc_status hst = header_list(opts->headers, &hdrs, err);
  if (hst != PC_OK)
    return hst;
  CURL *c = curl_easy_init();
  if (!c) {
    curl_slist_free_all(hdrs);
    return pc_error_set(err, PC_ERR_INTERNAL, "libcurl failed to start");
  }
  struct sink s;
  size_t max = opts->max_bytes ? opts->max_bytes : PC_MAX_FETCH_DEFAULT;
  pc_buf_init(&s.b, max);
  /* a proxy given is used for every host; none given, the environment's
   * is used only without the guard (which would see only the proxy) */
  const char *proxy = opts->proxy ? opts->proxy
                      : opts->deny_private ? "" : NULL;
  bool proxied = proxy && *proxy;
  s.over = false;
  s.deny_private = opts->deny_private && !proxied;
  s.unresolved = false;
  s.refused[0] = '\0';
  char errbuf[CURL_ERROR_SIZE] = "";
  char ua[64];
  snprintf(ua, sizeof ua, "presscut/%s", PC_VERSION);
  long redirects = opts->max_redirects < 0   ? 0
                   : opts->max_redirects == 0 ? 5
                                              : opts->max_redirects;
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  bool check = proxied && opts->deny_private; /* targets checked here */
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, redirects > 0 && !check ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, redirects);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, opts->timeout_s > 0 ? opts->timeout_s : 15L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* all it supports */
  curl_easy_setopt(c, CURLOPT_USERAGENT, opts->user_agent ? opts->user_agent : ua);
  if (hdrs)
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(c, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
  /* every connection, the first and each redirect's, is opened here */
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_guarded);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &s);
  char remote[1024];
  if (check)
    proxy = resolved_by_proxy(proxy, remote, sizeof remote);
  if (proxy) {
    curl_easy_setopt(c, CURLOPT_PROXY, proxy); /* "": no proxy at all */
    curl_easy_setopt(c, CURLOPT_NOPROXY, proxied ? "" : "*");
  }
  CURLcode rc = perform(c, url, redirects, check, &s);
  pc_status st = PC_OK;
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  if (s.refused[0]) {
    st = pc_error_set(err, PC_ERR_USAGE,
                      "%.200s: refused: %s is a private, loopback or reserved "
                      "address", url, s.refused);
  } else if (s.unresolved) {
    st = pc_error_set(err, PC_ERR_NETWORK,
                      "%.200s: its host does not resolve here, so it cannot "
                      "be checked before the proxy is asked", url);
  } else if (s.over || rc == CURLE_FILESIZE_EXCEEDED) {
    st = pc_error_set(err, PC_ERR_TOO_LARGE, "%s: body over %zu bytes", url,
                      max);
  } else if (rc != CURLE_OK) {
    st = pc_error_set(err, PC_ERR_NETWORK, "%s: %s", url,
                      errbuf[0] ? errbuf : curl_easy_strerror(rc));
  } else if (code >= 400) {
    st = pc_error_set(err, PC_ERR_NETWORK, "%s: HTTP status %ld", url, code);
  }
  pc_fetch_result *r = NULL;
  if (st == PC_OK) {
    r = calloc(1, sizeof *r);
    if (!r) {
      st = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    } else {
      char *ct = NULL, *eff = NULL;
      curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
      curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
      r->http_status = code;
      r->content_type = ct ? strdup(ct) : NULL;
      r->final_url = strdup(eff ? eff : url);
      r->body = pc_buf_steal(&s.b, &r->body_len);
      if (!r->body || !r->final_url) {
        pc_fetch_result_free(r);
        r = NULL;
        st = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
      }
    }
  }
  pc_buf_cleanup(&s.b);
  curl_easy_cleanup(c);
  curl_slist_free_all(hdrs);
  *out = r;
  return st;
}
