/* smtp.c - delivery with libcurl's SMTP: STARTTLS when offered (or
 * required), AUTH when a user is given, timeouts, and retries with backoff
 * for transient failures only.  The envelope comes from the message's own
 * From, To and Cc headers, read back with GMime's parser. */
#include "mail.h"
#include "core/dl_curl.h"
#include "core/dl_gmime.h"
#include "core/dl_glib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


void pc_smtp_opts_init(pc_smtp_opts *o) {
  if (!o)
    return;
  memset(o, 0, sizeof *o);
  o->tls = PC_TLS_AUTO;
}

static void add_list(InternetAddressList *l, char ***v, size_t *n,
                     size_t *cap) {
  int k = l ? internet_address_list_length(l) : 0;
  for (int i = 0; i < k; i++) {
    InternetAddress *a = internet_address_list_get_address(l, i);
    if (!INTERNET_ADDRESS_IS_MAILBOX(a))
      continue;
    const char *s = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
    if (!s || !*s)
      continue;
    if (*n + 2 > *cap) {
      size_t nc = *cap ? *cap * 2 : 8;
      char **nv = realloc(*v, nc * sizeof *nv);
      if (!nv)
        return;
      *v = nv, *cap = nc;
    }
    (*v)[(*n)++] = strdup(s);
    (*v)[*n] = NULL;
  }
}

pc_status pc_mail_envelope(const char *msg, size_t len, char **from,
                           char ***rcpts, pc_error *err) {
  *from = NULL;
  *rcpts = NULL;
  pc_status ist = pc_mail_init(err);
  if (ist != PC_OK)
    return ist;
  GMimeStream *s = g_mime_stream_mem_new_with_buffer(msg, len);
  GMimeParser *p = g_mime_parser_new_with_stream(s);
  GMimeMessage *m = g_mime_parser_construct_message(p, NULL);
  g_object_unref(p);
  g_object_unref(s);
  if (!m)
    return pc_error_set(err, PC_ERR_INPUT, "not a message");
  InternetAddressList *fl = g_mime_message_get_from(m);
  if (fl && internet_address_list_length(fl) > 0) {
    InternetAddress *a = internet_address_list_get_address(fl, 0);
    if (INTERNET_ADDRESS_IS_MAILBOX(a))
      *from = strdup(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)));
  }
  size_t n = 0, cap = 0;
  char **v = NULL;
  add_list(g_mime_message_get_to(m), &v, &n, &cap);
  add_list(g_mime_message_get_cc(m), &v, &n, &cap);
  g_object_unref(m);
  if (!*from || !n) {
    pc_mail_envelope_free(*from, v);
    *from = NULL;
    return pc_error_set(err, PC_ERR_INPUT, "the message names no %s",
                        n ? "sender" : "recipient");
  }
  *rcpts = v;
  return PC_OK;
}

void pc_mail_envelope_free(char *from, char **rcpts) {
  free(from);
  for (size_t i = 0; rcpts && rcpts[i]; i++)
    free(rcpts[i]);
  free(rcpts);
}

/* The message going up, and what the server said about AUTH: libcurl
 * (7.88) logs in only when the server offers AUTH, and sends without
 * logging in when it offers none; with a user given that would be a
 * silent unauthenticated send.  The server's replies are watched (the
 * debug callback sees them): the capabilities of the last EHLO (after
 * STARTTLS, when there is one) must include AUTH, else the upload is
 * aborted at its first byte, after DATA's 354, so that the server gets no
 * message. */
struct upload {
  const char *p;
  size_t left;
  bool need_auth;   /* a user is given */
  bool auth_offered; /* the last EHLO reply lists AUTH */
  bool no_auth;     /* aborted: AUTH needed and not offered */
};

static int debug_cb(CURL *h, curl_infotype type, char *data, size_t size,
                    void *ud) {
  (void)h;
  struct upload *u = ud;
  if (type == CURLINFO_HEADER_OUT && size >= 4 &&
      g_ascii_strncasecmp(data, "EHLO", 4) == 0)
    u->auth_offered = false; /* a new list of capabilities follows */
  if (type != CURLINFO_HEADER_IN)
    return 0;
  for (size_t i = 0; i + 8 <= size;) {
    const char *line = data + i;
    const char *nl = memchr(line, '\n', size - i);
    size_t ll = nl ? (size_t)(nl - line) : size - i;
    if (ll >= 8 && strncmp(line, "250", 3) == 0 &&
        (line[3] == '-' || line[3] == ' ') &&
        g_ascii_strncasecmp(line + 4, "AUTH", 4) == 0 &&
        (ll == 8 || line[8] == ' ' || line[8] == '=' || line[8] == '\r'))
      u->auth_offered = true;
    i += ll + 1;
  }
  return 0;
}

static size_t read_cb(char *buf, size_t size, size_t nitems, void *ud) {
  struct upload *u = ud;
  if (u->need_auth && !u->auth_offered) {
    u->no_auth = true;
    return CURL_READFUNC_ABORT;
  }
  size_t n = size * nitems;
  if (n > u->left)
    n = u->left;
  memcpy(buf, u->p, n);
  u->p += n;
  u->left -= n;
  return n;
}

static size_t sink_cb(char *p, size_t size, size_t n, void *ud) {
  (void)p, (void)ud;
  return size * n;
}

/* The end of an attempt (CLOCK_MONOTONIC).  CURLOPT_TIMEOUT does not cover
 * the wait for the reply to the final "." of DATA (libcurl 7.88 waits its
 * own 120 s there), so this callback, which libcurl also calls about once
 * a second in that wait and in QUIT's, ends the attempt when its time is
 * up: an attempt takes at most its timeout and one more second. */
struct deadline {
  struct timespec end;
  bool passed;
};

static int progress_cb(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut,
                       curl_off_t un) {
  (void)dt, (void)dn, (void)ut, (void)un;
  struct deadline *d = ud;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (now.tv_sec > d->end.tv_sec ||
      (now.tv_sec == d->end.tv_sec && now.tv_nsec >= d->end.tv_nsec))
    d->passed = true;
  return d->passed ? 1 : 0; /* non-zero aborts the transfer */
}

enum outcome { SENT, TRANSIENT, PERMANENT };

static enum outcome attempt(const char *msg, size_t len, const char *from,
                            char **rcpts, const pc_smtp_opts *o, char *why,
                            size_t why_len) {
  CURL *c = curl_easy_init();
  if (!c) {
    snprintf(why, why_len, "cannot start libcurl");
    return PERMANENT;
  }
  struct curl_slist *rl = NULL;
  for (size_t i = 0; rcpts[i]; i++)
    rl = curl_slist_append(rl, rcpts[i]);
  struct upload u = {msg, len, o->user != NULL, false, false};
  char errbuf[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(c, CURLOPT_URL, o->url);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rl);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(c, CURLOPT_READDATA, &u);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_cb);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  long t = o->timeout_s > 0 ? o->timeout_s : 30;
  struct deadline dl = {{0, 0}, false};
  clock_gettime(CLOCK_MONOTONIC, &dl.end);
  dl.end.tv_sec += t;
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, t < 10 ? t : 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, t);
  /* every wait for a reply, the one after the final "." too */
  curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT, t);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &dl);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  /* QUIT inside curl_easy_perform, under the deadline, not in
   * curl_easy_cleanup with a response timeout of its own */
  curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(c, CURLOPT_USE_SSL, o->tls == PC_TLS_REQUIRED ? (long)CURLUSESSL_ALL
                                       : o->tls == PC_TLS_OFF ? (long)CURLUSESSL_NONE
                                                              : (long)CURLUSESSL_TRY);
  if (o->cacert)
    curl_easy_setopt(c, CURLOPT_CAINFO, o->cacert);
  if (o->user) {
    curl_easy_setopt(c, CURLOPT_USERNAME, o->user);
    curl_easy_setopt(c, CURLOPT_PASSWORD, o->password ? o->password : "");
    /* the replies, to see AUTH offered (nothing is printed) */
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, debug_cb);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &u);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
  }
  CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(rl);
  curl_easy_cleanup(c);
  if (rc == CURLE_OK)
    return SENT;
  if (u.no_auth) {
    snprintf(why, why_len, "the server offers no AUTH, and --user %s was "
             "given: not sent without logging in", o->user);
    return PERMANENT;
  }
  if (rc == CURLE_ABORTED_BY_CALLBACK && dl.passed) {
    snprintf(why, why_len, "timed out after %ld s", t);
    return TRANSIENT;
  }
  const char *detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  if (code >= 500 && code < 600) {
    snprintf(why, why_len, "the server refused the message (%ld): %s", code,
             detail);
    return PERMANENT;
  }
  if (code >= 400 && code < 500) {
    snprintf(why, why_len, "the server deferred the message (%ld): %s", code,
             detail);
    return TRANSIENT;
  }
  snprintf(why, why_len, "%s", detail);
  switch (rc) {
  case CURLE_COULDNT_CONNECT:
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_OPERATION_TIMEDOUT:
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_WEIRD_SERVER_REPLY:
    return TRANSIENT;
  default:
    return PERMANENT; /* TLS refused, bad URL, login failed, ... */
  }
}

pc_status pc_smtp_send(const char *msg, size_t len, const pc_smtp_opts *o,
                       pc_error *err) {
  if (!msg || !o || !o->url)
    return pc_error_set(err, PC_ERR_USAGE, "pc_smtp_send: no message or URL");
  if (!pc_ascii_istarts(o->url, "smtp://") && !pc_ascii_istarts(o->url, "smtps://"))
    return pc_error_set(err, PC_ERR_USAGE,
                        "--smtp: smtp://HOST:PORT or smtps://HOST:PORT");
  pc_status lst = pc_dl_load(PC_DL_CURL, err);
  if (lst != PC_OK)
    return lst;
  char *from = NULL, **rcpts = NULL;
  pc_status st = pc_mail_envelope(msg, len, &from, &rcpts, err);
  if (st != PC_OK)
    return st;
  int tries = 1 + (o->retries < 0 ? 0 : o->retries == 0 ? 3 : o->retries);
  long wait = o->retry_wait_ms > 0 ? o->retry_wait_ms : 1000;
  char why[512] = "";
  enum outcome r = PERMANENT;
  int k = 0;
  while (k < tries) {
    r = attempt(msg, len, from, rcpts, o, why, sizeof why);
    k++;
    if (r != TRANSIENT)
      break;
    if (k < tries) {
      struct timespec ts = {wait / 1000, (wait % 1000) * 1000000L};
      nanosleep(&ts, NULL);
      wait *= 2;
    }
  }
  pc_mail_envelope_free(from, rcpts);
  if (r == SENT)
    return PC_OK;
  if (r == TRANSIENT && k > 1)
    return pc_error_set(err, PC_ERR_NETWORK, "%s (gave up after %d attempts)",
                        why, k);
  return pc_error_set(err, PC_ERR_NETWORK, "%s", why);
}
