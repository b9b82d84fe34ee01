/* fetch.c - http(s) fetching with libcurl, capped in size and time. */
#include "internal.h"

#include <curl/curl.h>
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
};

static size_t on_data(char *p, size_t size, size_t n, void *ud) {
  struct sink *s = ud;
  size_t k = size * n;
  if (!pc_buf_add(&s->b, p, k)) {
    s->over = true;
    return 0; /* aborts the transfer */
  }
  return k;
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
  pc_fetch_opts def;
  if (!opts) {
    pc_fetch_opts_init(&def);
    opts = &def;
  }
  if (!pc_ascii_istarts(url, "http://") && !pc_ascii_istarts(url, "https://"))
    return pc_error_set(err, PC_ERR_USAGE, "only http and https URLs: %.200s",
                        url);
  CURL *c = curl_easy_init();
  if (!c)
    return pc_error_set(err, PC_ERR_INTERNAL, "libcurl failed to start");
  struct sink s;
  size_t max = opts->max_bytes ? opts->max_bytes : PC_MAX_FETCH_DEFAULT;
  pc_buf_init(&s.b, max);
  s.over = false;
  char errbuf[CURL_ERROR_SIZE] = "";
  char ua[64];
  snprintf(ua, sizeof ua, "presscut/%s", PC_VERSION);
  long redirects = opts->max_redirects < 0   ? 0
                   : opts->max_redirects == 0 ? 5
                                              : opts->max_redirects;
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, redirects > 0 ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, redirects);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, opts->timeout_s > 0 ? opts->timeout_s : 15L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* all it supports */
  curl_easy_setopt(c, CURLOPT_USERAGENT, opts->user_agent ? opts->user_agent : ua);
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
  CURLcode rc = curl_easy_perform(c);
  pc_status st = PC_OK;
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  if (s.over || rc == CURLE_FILESIZE_EXCEEDED) {
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
  *out = r;
  return st;
}
