/* server.c - presscut serve: the page and its JSON API on libmicrohttpd.
 *
 * Safe to expose:
 * - URL inputs and images are fetched with pc_fetch's private-address guard
 *   (checked on every address connected to, redirects included) unless
 *   allow_private_fetch, http(s) only, 10 MiB and 15 s at most; never
 *   through the environment's proxy, and through opts->proxy only after
 *   the target's own addresses are checked, at every redirect.
 * - Output is built from the document model only; the page renders it
 *   with DOM text nodes, under a Content-Security-Policy that allows only
 *   the page's own script and style.
 * - Request bodies over max_body are refused with 413 (from Content-Length
 *   at once; a chunked body is read to its end without being kept, up to
 *   DRAIN_MAX, and then refused).
 * - The mail endpoint needs SMTP configured, a token the page got with
 *   itself (HMAC of its issue time with a secret of this process), the
 *   page's own origin, and stays under a per-client rate; the sender is
 *   fixed and no header comes from the request.
 * - Connections: a cap, a per-address cap with room kept for new
 *   addresses, an idle timeout, deadlines for a whole request head and a
 *   whole body, and a budget of body bytes held at once (connlimits.c).
 *
 * Threads: libmicrohttpd's one thread does the sockets and the cheap
 * answers; API calls and image fetches are suspended there and done by
 * opts->threads workers from one FIFO queue (fair: under load every
 * request waits for those before it only, where a thread pool with
 * connections bound to threads served some connections far later than
 * others), then resumed with their reply.  What may wait on the network
 * (a URL, /img, mail, a PDF of an HTML page's images) is passed on to a
 * second queue with its own opts->fetch_threads workers, at most
 * opts->fetches_per_client of a client address at once (429 past it), so
 * that hung fetches never hold up the requests that need no network.
 */
#include "internal.h"
#include "core/dl_mhd.h"
#include "server/archive_api.h"
#include "server/connlimits.h"
#include "server/deploy.h"
#include "server/page.h"

#include <arpa/inet.h>
#include <errno.h>
#include <json-c/json.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "core/dl_glib.h"


#define CSP                                                                    \
  "default-src 'none'; script-src 'self'; style-src 'self'; "                  \
  "img-src 'self' data: blob:; connect-src 'self'; form-action 'none'; "       \
  "frame-ancestors 'none'; base-uri 'none'"

#define TOKEN_TTL_S (12 * 3600)
#define RATE_SLOTS 256

struct rate {
  char addr[INET6_ADDRSTRLEN];
  time_t minute;
  int count;
  time_t hour;
  int hcount; /* messages this hour */
};

/* A request's state.  Cheap requests are answered on libmicrohttpd's
 * thread; API calls and image fetches are suspended there, queued, done by
 * a worker in arrival order, and resumed with their reply ready. */
enum req_state { RQ_NEW, RQ_QUEUED, RQ_DONE };

struct req {
  struct pc_buf body;
  bool too_big;
  size_t drained; /* body bytes read and dropped after too_big */
  enum req_state state;
  struct MHD_Response *reply; /* owned until queued */
  unsigned status;
  /* queued work: what to do, and what it needs of the connection (read
   * on libmicrohttpd's thread before the connection is suspended) */
  struct MHD_Connection *conn;
  const char *what; /* "extract", "quotes", "pdf", "epub", "mail" or "img" */
  char *arg;        /* /img: the image URL */
  char *origin, *host, *token;
  char addr[INET6_ADDRSTRLEN];
  /* a raw body (text/html or text/plain): its Content-Type, and the
   * options from the query string as the JSON a body would give */
  char *ctype;
  struct json_object *query;
  struct json_object *in; /* the request's JSON, once parsed by a worker */
  bool net;               /* counted in its client's network requests */
  struct req *next;
  struct srv *srv;
  /* connection limits: body bytes taken from the budget, and a refusal
   * decided before the body is read (414, 400, 503) */
  size_t held;
  struct sockaddr_storage client; /* whose budget held is of (family 0:
                                     unknown, the global budget only) */
  unsigned refuse;
  const char *refuse_msg;
  /* the access log: when the head was in, what was asked, what was sent */
  struct timespec t0;
  char method[8];
  char *path;
  unsigned sent_status; /* 0: no answer sent */
  size_t sent_bytes;
};

/* A FIFO queue of requests and its workers' condition (s->qlock). */
struct pool {
  struct srv *srv;
  pthread_cond_t cond;
  struct req *head, *tail;
};

/* Network requests (queued or running) of one client address. */
struct inflight {
  char addr[INET6_ADDRSTRLEN];
  int n;
};

struct srv {
  const pc_ctx *ctx;
  const pc_serve_opts *o;
  size_t max_body;
  unsigned char secret[32];
  pthread_mutex_t lock; /* the rate and inflight tables */
  struct rate rates[RATE_SLOTS];
  struct inflight inflight[RATE_SLOTS];
  /* the work queues: first in, first out, so that no request waits behind
   * more than the requests that arrived before it; work for requests that
   * need no network, net for those that may wait on it */
  pthread_mutex_t qlock;
  struct pool work, net;
  bool quit;
  unsigned unsent; /* resumed, not yet over (reply being sent) */
  pc_pdf_cache *pdf_cache; /* fonts and dictionaries, for every PDF */
  /* the Host names served: the listen address (any address literal when
   * it is 0.0.0.0 or ::), localhost, public_url's host, allowed_hosts */
  char listen_host[128];
  bool listen_any;
  char public_host[256];
  char public_origin[300]; /* "https://news.example", or "" */
  struct pc_connlimits *limits;
  /* deployment (deploy.h) */
  char base[256];           /* "/" or "/presscut/" */
  size_t baselen;
  struct pc_proxies proxies;
  atomic_int phase;         /* 0 starting, 1 ready, 2 stopping (/readyz) */
  struct pc_aweb *arch;     /* --db: the archive view, or NULL */
};

/* A body without Content-Length (chunked) that passes max_body is read to
 * its end and dropped, so that the client gets its 413 (libmicrohttpd
 * 0.9.75 cannot queue a response while an upload is in progress, and
 * closing a socket with unread data makes the client's kernel discard the
 * answer); past this many dropped bytes the connection is closed instead. */
#define DRAIN_MAX ((size_t)64 << 20)

void pc_serve_opts_init(pc_serve_opts *o) {
  if (!o)
    return;
  memset(o, 0, sizeof *o);
  pc_smtp_opts_init(&o->smtp);
}

/*** responses **************************************************************/

static enum MHD_Result send_buf(struct req *rq, unsigned status,
                                const char *type, const void *data,
                                size_t len, enum MHD_ResponseMemoryMode mode,
                                const char *disposition) {
  struct MHD_Response *r =
      MHD_create_response_from_buffer(len, (void *)data, mode);
  if (!r) {
    if (mode == MHD_RESPMEM_MUST_FREE)
      free((void *)data);
    return MHD_NO;
  }
  MHD_add_response_header(r, "Content-Type", type);
  MHD_add_response_header(r, "Content-Security-Policy", CSP);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(r, "X-Frame-Options", "DENY");
  MHD_add_response_header(r, "Cache-Control", "no-store");
  if (disposition)
    MHD_add_response_header(r, "Content-Disposition", disposition);
  if (rq->reply)
    MHD_destroy_response(rq->reply);
  rq->reply = r;
  rq->status = status;
  rq->sent_bytes = len;
  return MHD_YES;
}

/* "KEY":VALUE, the value a JSON string, or raw (true, a number) when
 * string is NULL. */
static void json_field(struct pc_buf *b, const char *key, const char *string,
                       const char *raw) {
  pc_json_cstr(b, key);
  pc_buf_addc(b, ':');
  if (string)
    pc_json_cstr(b, string);
  else
    pc_buf_adds(b, raw);
}

/* Sends {"K1": V1, "K2": V2} (V1 true when v1 is NULL, else a string; V2
 * a string, or the number status when v2 is NULL). */
static enum MHD_Result send_json(struct req *rq, unsigned status,
                                 const char *k1, const char *v1,
                                 const char *k2, const char *v2) {
  char num[16];
  snprintf(num, sizeof num, "%u", status);
  struct pc_buf b;
  pc_buf_init(&b, 0);
  pc_buf_addc(&b, '{');
  json_field(&b, k1, v1, "true");
  pc_buf_addc(&b, ',');
  json_field(&b, k2, v2, num);
  pc_buf_addc(&b, '}');
  if (b.failed) {
    pc_buf_cleanup(&b);
    return MHD_NO;
  }
  size_t n = 0;
  char *data = pc_buf_steal(&b, &n);
  return send_buf(rq, status, "application/json", data, n,
                  MHD_RESPMEM_MUST_FREE, NULL);
}

static enum MHD_Result send_error(struct req *rq, unsigned status,
                                  const char *msg) {
  return send_json(rq, status, "error", msg, "status", NULL);
}

static unsigned http_status(pc_status st) {
  switch (st) {
  case PC_ERR_USAGE: return 400;
  case PC_ERR_INPUT: return 422;
  case PC_ERR_TOO_LARGE: return 413;
  case PC_ERR_NETWORK: return 502;
  case PC_ERR_NOT_FOUND: return 404;
  default: return 500;
  }
}

/* The status of a failed call: a fetch the guard refused is forbidden by
 * policy (403, on every route), not malformed (pc_fetch reports it as a
 * usage error with ": refused: " in its message). */
static unsigned err_status(pc_status st, const char *msg) {
  return strstr(msg, ": refused: ") ? 403 : http_status(st);
}

static const struct pc_data_file *asset(const char *name) {
  for (size_t i = 0; i < pc_data_nfiles; i++)
    if (strcmp(pc_data_files[i].name, name) == 0)
      return &pc_data_files[i];
  return NULL;
}

/*** the Host header (DNS rebinding) ***************************************/

/* The host of a Host value or URL authority, lower case, without port,
 * brackets or a final dot ("[::1]:80" -> "::1", "News.Example.:8080" ->
 * "news.example"); false when empty or too long. */
static bool host_name(const char *v, char *out, size_t n) {
  size_t len;
  if (*v == '[') {
    const char *close = strchr(v, ']');
    if (!close)
      return false;
    v++;
    len = (size_t)(close - v);
  } else {
    len = strcspn(v, ":/?#");
  }
  if (len && v[len - 1] == '.')
    len--;
  if (!len || len >= n)
    return false;
  for (size_t i = 0; i < len; i++)
    out[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
  out[len] = '\0';
  return true;
}

static bool address_literal(const char *name) {
  unsigned char a[16];
  return inet_pton(AF_INET, name, a) == 1 || inet_pton(AF_INET6, name, a) == 1;
}

/* Whether a request for this Host is served.  A page on a name that
 * rebinds to this server sends its own name here, and is refused; an
 * address literal cannot be rebound. */
static bool host_ok(const struct srv *s, const char *host) {
  char name[256], other[256];
  if (!host || !host_name(host, name, sizeof name))
    return false;
  if (strcmp(name, "localhost") == 0 || strcmp(name, "127.0.0.1") == 0 ||
      strcmp(name, "::1") == 0 || strcmp(name, s->listen_host) == 0 ||
      strcmp(name, s->public_host) == 0)
    return true;
  if (s->listen_any && address_literal(name))
    return true;
  for (size_t i = 0; i < s->o->nallowed_hosts; i++)
    if (s->o->allowed_hosts[i] &&
        host_name(s->o->allowed_hosts[i], other, sizeof other) &&
        strcmp(name, other) == 0)
      return true;
  return false;
}

/* Fills the names host_ok serves from the listen host and public_url. */
static pc_status host_names(struct srv *s, const char *listen,
                            pc_error *err) {
  if (strncmp(listen, "unix:", 5) != 0) /* HOST:PORT */
    host_name(listen, s->listen_host, sizeof s->listen_host);
  s->listen_any = strcmp(s->listen_host, "0.0.0.0") == 0 ||
                  strcmp(s->listen_host, "::") == 0;
  const char *pu = s->o->public_url;
  if (!pu)
    return PC_OK;
  const char *auth = pc_ascii_istarts(pu, "http://")    ? pu + 7
                     : pc_ascii_istarts(pu, "https://") ? pu + 8
                                                        : NULL;
  if (!auth || !host_name(auth, s->public_host, sizeof s->public_host))
    return pc_error_set(err, PC_ERR_USAGE,
                        "--public-url: an http(s) URL, not '%.200s'", pu);
  size_t n = (size_t)(auth - pu) + strcspn(auth, "/?#");
  if (n >= sizeof s->public_origin)
    return pc_error_set(err, PC_ERR_USAGE, "--public-url: too long");
  for (size_t i = 0; i < n; i++) /* the origin a browser sends, lower case */
    s->public_origin[i] =
        (char)(pu[i] >= 'A' && pu[i] <= 'Z' ? pu[i] + 32 : pu[i]);
  s->public_origin[n] = '\0';
  return PC_OK;
}

/*** the mail token *********************************************************/

static char *hmac_hex(const struct srv *s, const char *msg) {
  return g_compute_hmac_for_string(G_CHECKSUM_SHA256, s->secret,
                                   sizeof s->secret, msg, -1);
}

static char *new_token(const struct srv *s) {
  char t[32];
  snprintf(t, sizeof t, "%lld", (long long)time(NULL));
  char *h = hmac_hex(s, t);
  char *tok = h ? g_strdup_printf("%s.%s", t, h) : NULL;
  g_free(h);
  return tok;
}

static bool token_ok(const struct srv *s, const char *tok) {
  if (!tok || strlen(tok) > 128)
    return false;
  const char *dot = strchr(tok, '.');
  if (!dot || dot == tok)
    return false;
  char t[32];
  size_t tl = (size_t)(dot - tok);
  if (tl >= sizeof t)
    return false;
  memcpy(t, tok, tl);
  t[tl] = '\0';
  long long when = strtoll(t, NULL, 10);
  long long now = (long long)time(NULL);
  if (when <= 0 || when > now + 60 || now - when > TOKEN_TTL_S)
    return false;
  char *h = hmac_hex(s, t);
  bool ok = false;
  if (h && strlen(h) == strlen(dot + 1)) {
    unsigned diff = 0; /* constant time */
    for (size_t i = 0; h[i]; i++)
      diff |= (unsigned)(h[i] ^ dot[1 + i]);
    ok = diff == 0;
  }
  g_free(h);
  return ok;
}

/* Whether this client may send one more message: NULL, or the limit it
 * is over ("--mail-per-minute" or "--mail-per-hour"). */
static const char *rate_over(struct srv *s, const char *addr) {
  int limit = s->o->mail_per_minute > 0 ? s->o->mail_per_minute : 5;
  int hlimit = s->o->mail_per_hour > 0 ? s->o->mail_per_hour : 20;
  time_t minute = time(NULL) / 60, hour = minute / 60;
  const char *over = "--mail-per-minute";
  pthread_mutex_lock(&s->lock);
  struct rate *slot = NULL, *oldest = &s->rates[0];
  for (size_t i = 0; i < RATE_SLOTS; i++) {
    struct rate *r = &s->rates[i];
    if (strcmp(r->addr, addr) == 0) {
      slot = r;
      break;
    }
    if (r->minute < oldest->minute)
      oldest = r;
  }
  if (!slot) {
    slot = oldest;
    snprintf(slot->addr, sizeof slot->addr, "%s", addr);
    slot->minute = minute;
    slot->count = 0;
    slot->hour = hour;
    slot->hcount = 0;
  }
  if (slot->minute != minute) {
    slot->minute = minute;
    slot->count = 0;
  }
  if (slot->hour != hour) {
    slot->hour = hour;
    slot->hcount = 0;
  }
  if (slot->hcount >= hlimit) {
    over = "--mail-per-hour";
  } else if (slot->count < limit) {
    slot->count++;
    slot->hcount++;
    over = NULL;
  }
  pthread_mutex_unlock(&s->lock);
  return over;
}

/* A refused mail request, in one line on stderr: the client and why,
 * never the recipients. */
static void log_refusal(const char *addr, const char *why) {
  fprintf(stderr, "presscut serve: mail from %s refused: %s\n", addr, why);
}

/* More recipients in "to" than allowed: a reason (in why) to refuse, or
 * false (an invalid list is reported later, with the other checks). */
static bool too_many_recipients(const struct srv *s, const char *to,
                                char *why, size_t n) {
  size_t count = 0, cap = s->o->max_recipients > 0
                              ? (size_t)s->o->max_recipients : 10;
  pc_error e = {""};
  if (!to || pc_mail_check_addresses(to, &count, &e) != PC_OK || count <= cap)
    return false;
  snprintf(why, n, "%zu recipients, over --max-recipients %zu", count, cap);
  return true;
}

/*** requests ***************************************************************/

static bool jbool(const struct json_object *o, const char *k) {
  struct json_object *v = pc_json_get(o, k);
  return json_object_is_type(v, json_type_boolean) && json_object_get_boolean(v);
}

static const char *jstr(const struct json_object *o, const char *k) {
  return pc_json_get_str(o, k, NULL);
}

/* The document of a request: {"url"} or {"html"} or {"text"}, or the raw
 * body of rq, then "cut" and "delete" applied, and attribution when
 * asked. */
static pc_status load(struct srv *s, const struct json_object *in,
                      const struct req *rq, bool attribution, pc_doc **doc,
                      pc_error *err) {
  size_t html_len = 0, text_len = 0;
  const char *url = jstr(in, "url"),
             *html = pc_json_get_str(in, "html", &html_len),
             *text = pc_json_get_str(in, "text", &text_len);
  int given = (url != NULL) + (html != NULL) + (text != NULL);
  if (rq->ctype && given)
    return pc_error_set(err, PC_ERR_USAGE,
                        "a raw body is the page: give its address as "
                        "base_url, not url, html or text");
  if (!rq->ctype && given != 1)
    return pc_error_set(err, PC_ERR_USAGE,
                        "give exactly one of \"url\", \"html\" or \"text\"");
  pc_load_opts lo;
  pc_load_opts_init(&lo);
  lo.cut = jbool(in, "cut");
  lo.delete_ids = jstr(in, "delete");
  lo.attribution = attribution;
  lo.date = jstr(in, "date");
  if (url) {
    lo.fetch.timeout_s = 15;
    lo.fetch.max_bytes = 10u << 20;
    lo.fetch.deny_private = !s->o->allow_private_fetch;
    lo.fetch.proxy = s->o->proxy ? s->o->proxy : ""; /* never the environment's */
    return pc_load_url(s->ctx, url, &lo, doc, err);
  }
  const char *data;
  size_t len;
  if (rq->ctype) {
    data = rq->body.data ? rq->body.data : "";
    len = rq->body.len;
    lo.extract.content_type = rq->ctype; /* its charset, if any, is honoured */
    lo.extract.url = jstr(in, "base_url");
  } else if (html) {
    data = html;
    len = html_len;
    lo.extract.content_type = "text/html; charset=utf-8";
    lo.extract.url = jstr(in, "base_url");
  } else {
    data = text;
    len = text_len;
    lo.extract.content_type = "text/plain; charset=utf-8";
  }
  return pc_load(s->ctx, data, len, &lo, doc, err);
}

/* Layout options of a request, as the CLI takes them. */
static pc_status print_opts(const struct json_object *in, pc_print_opts *po, bool private_ok,
                            pc_error *err) {
  pc_print_opts_init(po);
  const char *ps = jstr(in, "page_size");
  if (ps) {
    if (strcmp(ps, "a4") == 0)
      po->page_size = PC_PAGE_A4;
    else if (strcmp(ps, "letter") == 0)
      po->page_size = PC_PAGE_LETTER;
    else if (strcmp(ps, "a5") == 0)
      po->page_size = PC_PAGE_A5;
    else
      return pc_error_set(err, PC_ERR_USAGE, "page_size: a4, letter or a5");
  }
  struct json_object *ts = pc_json_get(in, "text_size");
  if (ts) {
    if (!json_object_is_type(ts, json_type_int) ||
        json_object_get_int64(ts) < 1 || json_object_get_int64(ts) > 5)
      return pc_error_set(err, PC_ERR_USAGE, "text_size: 1 to 5");
    po->text_size = (int)json_object_get_int64(ts);
  }
  const char *im = jstr(in, "images");
  if (im) {
    static const char *const names[] = {"full", "large", "medium", "small",
                                        "none"};
    int k = 0;
    while (k < 5 && strcmp(im, names[k]) != 0)
      k++;
    if (k == 5)
      return pc_error_set(err, PC_ERR_USAGE,
                          "images: full, large, medium, small or none");
    po->images = (pc_image_size)k;
  }
  const char *font = jstr(in, "font");
  if (font && (strcmp(font, "serif") == 0 || strcmp(font, "sans") == 0))
    po->font = font;
  po->ragged = jbool(in, "ragged");
  po->no_header = jbool(in, "no_header");
  po->no_footer = jbool(in, "no_footer");
  po->who_said_what = jbool(in, "who_said_what");
  po->fetch_images = 1; /* the page's own images, through the guard */
  po->deny_private_fetch = !private_ok;
  po->base_dir = NULL;  /* never a file of this machine */
  return PC_OK;
}

/* Content-Disposition with the title as a safe ASCII file name, the one
 * mail attachments get ("Привет, мир!" -> "Privet-mir.pdf"). */
static char *attachment_name(const pc_doc *doc, const char *ext) {
  char *name = pc_mail_attachment_name(doc, ext);
  char *disp = name ? g_strdup_printf("attachment; filename=\"%s\"", name)
                    : g_strdup_printf("attachment; filename=\"article.%s\"",
                                      ext);
  free(name);
  return disp;
}

/* The request's JSON object into rq->in (the caller's to free); false
 * with the 400 reply set when it is not one. */
static bool parse_request(struct req *rq) {
  const char *why = NULL;
  struct json_object *in;
  if (rq->ctype) { /* the options came in the query string */
    in = rq->query;
    rq->query = NULL;
  } else {
    in = pc_json_parse(rq->body.data, rq->body.len, true, 16, &why);
  }
  if (!in || !json_object_is_type(in, json_type_object)) {
    json_object_put(in);
    char msg[160];
    snprintf(msg, sizeof msg, "the body must be a JSON object%s%s%s",
             why ? " (" : "", why ? why : "", why ? ")" : "");
    send_error(rq, 400, msg);
    return false;
  }
  rq->in = in;
  return true;
}

/* Whether a parsed request may wait on the network: a URL to fetch, mail
 * (SMTP), or a PDF or EPUB with images (they may be fetched: whatever the input's
 * declared type, pc_extract reads HTML when the bytes are HTML). */
static bool needs_net(const struct req *rq) {
  const struct json_object *in = rq->in;
  if (strcmp(rq->what, "mail") == 0 || pc_json_get(in, "url"))
    return true;
  if (strcmp(rq->what, "pdf") != 0 && strcmp(rq->what, "epub") != 0)
    return false;
  const char *im = jstr(in, "images");
  return !im || strcmp(im, "none") != 0;
}

/* POST /api/pdf and /api/epub: the document as a PDF or an EPUB, sent as
 * an attachment named after its title. */
static enum MHD_Result book(struct srv *s, struct json_object *in,
                            struct req *rq, bool epub, pc_doc **doc) {
  pc_error err = {""};
  pc_print_opts po;
  pc_status st = print_opts(in, &po, s->o->allow_private_fetch, &err);
  po.cache = s->pdf_cache;
  po.fetch_proxy = s->o->proxy ? s->o->proxy : "";
  if (st == PC_OK)
    st = load(s, in, rq, po.who_said_what, doc, &err);
  struct pc_buf b;
  pc_buf_init(&b, PC_MAX_OUTPUT);
  const pc_doc *const *docs = (const pc_doc *const *)doc;
  if (st == PC_OK)
    st = epub ? pc_epub(docs, 1, &po, pc_buf_write, &b, &err)
              : pc_pdf(docs, 1, &po, pc_buf_write, &b, &err);
  if (st != PC_OK) {
    pc_buf_cleanup(&b);
    return send_error(rq, err_status(st, err.msg), err.msg);
  }
  char *disp = attachment_name(*doc, epub ? "epub" : "pdf");
  size_t n = 0;
  char *data = pc_buf_steal(&b, &n);
  enum MHD_Result ret =
      send_buf(rq, 200, epub ? "application/epub+zip" : "application/pdf",
               data, n, MHD_RESPMEM_MUST_FREE, disp);
  g_free(disp);
  return ret;
}

/* The request of a worker, its JSON in rq->in (parse_request). */
static enum MHD_Result api(struct srv *s, const char *what, struct req *rq) {
  pc_error err = {""};
  struct json_object *in = rq->in; /* ours now */
  rq->in = NULL;
  enum MHD_Result ret;
  pc_doc *doc = NULL;
  pc_status st;
  if (strcmp(what, "mail") == 0) {
    /* checks before any work: configured, same origin, token, rate */
    const char *origin = rq->origin, *tok = rq->token, *addr = rq->addr;
    char own[300];
    snprintf(own, sizeof own, "http://%s", rq->host ? rq->host : "");
    if (!s->o->smtp.url || !s->o->from || !s->o->outbox) {
      json_object_put(in);
      return send_error(rq, 503, "mail is not configured on this server "
                                "(start it with --smtp and --from)");
    }
    if ((origin && strcmp(origin, own) != 0 &&
         (!s->public_origin[0] || g_ascii_strcasecmp(origin, s->public_origin) != 0)) ||
        !token_ok(s, tok)) {
      json_object_put(in);
      log_refusal(addr, "not from this server's page (token or Origin)");
      return send_error(rq, 403, "mail is only sent from this server's own page");
    }
    char refusal[128];
    if (too_many_recipients(s, jstr(in, "to"), refusal, sizeof refusal)) {
      json_object_put(in);
      log_refusal(addr, refusal);
      return send_error(rq, 400, refusal);
    }
    const char *over = rate_over(s, addr);
    if (over) {
      json_object_put(in);
      snprintf(refusal, sizeof refusal, "over %s", over);
      log_refusal(addr, refusal);
      return send_error(rq, 429, over[11] == 'h'
                                     ? "too many messages from this address; "
                                       "try again in an hour"
                                     : "too many messages from this address; "
                                       "try again in a minute");
    }
    pc_mail_opts mo;
    pc_mail_opts_init(&mo);
    st = print_opts(in, &mo.print, s->o->allow_private_fetch, &err);
    mo.print.cache = s->pdf_cache;
    mo.print.fetch_proxy = s->o->proxy ? s->o->proxy : "";
    mo.from = s->o->from;
    mo.to = jstr(in, "to");
    mo.message = jstr(in, "message");
    mo.subject = jstr(in, "subject"); /* one line (pc_mail_compose checks) */
    const char *att = jstr(in, "attach");
    mo.attach = att && strcmp(att, "html") == 0   ? PC_ATTACH_HTML
                : att && strcmp(att, "epub") == 0 ? PC_ATTACH_EPUB
                : att && strcmp(att, "none") == 0 ? PC_ATTACH_NONE
                                                  : PC_ATTACH_PDF;
    if (st == PC_OK && (!mo.to || pc_mail_check_addresses(mo.to, NULL, &err) != PC_OK))
      st = err.msg[0] ? PC_ERR_USAGE : pc_error_set(&err, PC_ERR_USAGE, "\"to\": an address");
    if (st == PC_OK && mo.message && strlen(mo.message) > 10000)
      st = pc_error_set(&err, PC_ERR_USAGE, "\"message\": at most 10,000 bytes");
    if (st == PC_OK && mo.subject && strlen(mo.subject) > 300)
      st = pc_error_set(&err, PC_ERR_USAGE, "\"subject\": at most 300 bytes");
    if (st == PC_OK)
      st = load(s, in, rq, mo.print.who_said_what, &doc, &err);
    char *msg = NULL, *name = NULL;
    size_t len = 0;
    if (st == PC_OK)
      st = pc_mail_compose(doc, &mo, &msg, &len, &err);
    if (st == PC_OK)
      st = pc_outbox_queue(s->o->outbox, msg, len, &s->o->smtp, &name, &err);
    size_t sent = 0;
    if (st == PC_OK)
      st = pc_outbox_flush(s->o->outbox, name, &s->o->smtp, &sent, NULL, &err);
    pc_free(msg);
    pc_free(name);
    if (st == PC_OK && sent == 1)
      ret = send_json(rq, 200, "sent", NULL, "to", mo.to);
    else
      ret = send_error(rq, st == PC_OK ? 502 : err_status(st, err.msg),
                       err.msg[0] ? err.msg : "not sent");
  } else if (strcmp(what, "pdf") == 0 || strcmp(what, "epub") == 0) {
    ret = book(s, in, rq, strcmp(what, "epub") == 0, &doc);
  } else if (strcmp(what, "archive/save") == 0) {
    st = load(s, in, rq, true, &doc, &err);
    char *out = NULL;
    size_t n = 0;
    unsigned code = st == PC_OK ? pc_aweb_save(s->arch, doc, &out, &n) : 0;
    ret = st != PC_OK ? send_error(rq, err_status(st, err.msg), err.msg)
          : out ? send_buf(rq, code, "application/json", out, n,
                           MHD_RESPMEM_MUST_FREE, NULL)
                : MHD_NO;
  } else {
    bool quotes = strcmp(what, "quotes") == 0;
    st = load(s, in, rq, quotes, &doc, &err);
    char *out = NULL;
    size_t n = 0;
    if (st == PC_OK)
      st = pc_render(doc, quotes ? PC_FORMAT_QUOTES_JSON : PC_FORMAT_JSON, &out,
                     &n, &err);
    if (st == PC_OK)
      ret = send_buf(rq, 200, "application/json", out, n, MHD_RESPMEM_MUST_FREE,
                     NULL);
    else
      ret = send_error(rq, err_status(st, err.msg), err.msg);
  }
  pc_doc_free(doc);
  json_object_put(in);
  return ret;
}

/* GET /img?u=URL: an article image, through the fetch guard, only when it
 * is an image (sniffed), so the page never talks to another origin. */
static enum MHD_Result image(struct srv *s, struct req *rq) {
  const char *u = rq->arg;
  if (!u || (!pc_ascii_istarts(u, "http://") && !pc_ascii_istarts(u, "https://")))
    return send_error(rq, 400, "u: an http(s) image URL");
  pc_print_opts po;
  pc_print_opts_init(&po);
  po.fetch_images = 1;
  po.deny_private_fetch = !s->o->allow_private_fetch;
  po.fetch_proxy = s->o->proxy ? s->o->proxy : "";
  po.max_image_bytes = 10u << 20;
  char *data = NULL;
  size_t len = 0;
  const char *mime = NULL;
  pc_error err = {""};
  if (pc_image_fetch(u, &po, &data, &len, &mime, &err) != PC_OK)
    return send_error(rq, strstr(err.msg, ": refused: ") ? 403 : 422,
                      err.msg);
  /* the response owns data now */
  return send_buf(rq, 200, mime, data, len, MHD_RESPMEM_MUST_FREE, NULL);
}

/*** the work queue *********************************************************/

static char *dup_header(struct MHD_Connection *c, const char *name) {
  const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
  return v ? strdup(v) : NULL;
}

/* Appends rq to p's queue and wakes one of its workers; under qlock. */
static void append(struct pool *p, struct req *rq) {
  rq->next = NULL;
  if (p->tail)
    p->tail->next = rq;
  else
    p->head = rq;
  p->tail = rq;
  pthread_cond_signal(&p->cond);
}

/* append() under the lock. */
static void push(struct pool *p, struct req *rq) {
  struct srv *s = p->srv;
  pthread_mutex_lock(&s->qlock);
  append(p, rq);
  pthread_mutex_unlock(&s->qlock);
}

/* Counts one more network request of rq's client into rq->net: false when
 * it has fetches_per_client of them already (or the table is full). */
static bool net_take(struct srv *s, struct req *rq) {
  int cap = s->o->fetches_per_client > 0 ? s->o->fetches_per_client : 4;
  struct inflight *slot = NULL, *free_slot = NULL;
  pthread_mutex_lock(&s->lock);
  for (size_t i = 0; i < RATE_SLOTS && !slot; i++) {
    struct inflight *f = &s->inflight[i];
    if (f->n > 0 && strcmp(f->addr, rq->addr) == 0)
      slot = f;
    else if (f->n == 0 && !free_slot)
      free_slot = f;
  }
  if (!slot && free_slot) {
    slot = free_slot;
    snprintf(slot->addr, sizeof slot->addr, "%s", rq->addr);
  }
  rq->net = slot && slot->n < cap;
  if (rq->net)
    slot->n++;
  pthread_mutex_unlock(&s->lock);
  return rq->net;
}

static void net_release(struct srv *s, struct req *rq) {
  if (!rq->net)
    return;
  pthread_mutex_lock(&s->lock);
  for (size_t i = 0; i < RATE_SLOTS; i++) {
    struct inflight *f = &s->inflight[i];
    if (f->n > 0 && strcmp(f->addr, rq->addr) == 0) {
      f->n--;
      break;
    }
  }
  pthread_mutex_unlock(&s->lock);
  rq->net = false;
}

#define TOO_MANY_FETCHES                                                       \
  "too many fetches from this address at once; try again when one is done"

/* Suspends the connection and queues its request for p's workers (on
 * libmicrohttpd's thread, from the access handler). */
static enum MHD_Result enqueue(struct srv *s, struct MHD_Connection *c,
                               struct req *rq, const char *what,
                               struct pool *p) {
  rq->conn = c;
  rq->srv = s;
  rq->what = what;
  /* once the server stops, nothing is suspended any more: the workers are
   * gone, and libmicrohttpd must not stop with a suspended connection */
  pthread_mutex_lock(&s->qlock);
  bool stopping = s->quit;
  if (!stopping) {
    rq->state = RQ_QUEUED;
    MHD_suspend_connection(c);
    append(p, rq);
  }
  pthread_mutex_unlock(&s->qlock);
  if (!stopping)
    return MHD_YES;
  net_release(s, rq);
  return send_error(rq, 503, "the server is stopping");
}

/* Marks rq done and gives its connection back to libmicrohttpd, which
 * calls the access handler again to send the reply; rq is not touched
 * after this. */
static void finish(struct req *rq) {
  struct srv *s = rq->srv;
  pthread_mutex_lock(&s->qlock);
  s->unsent++;
  pthread_mutex_unlock(&s->qlock);
  rq->state = RQ_DONE;
  MHD_resume_connection(rq->conn);
}

/* A resumed request is over: its reply sent, or its client gone. */
static void sent(struct req *rq) {
  struct srv *s = rq->srv;
  pthread_mutex_lock(&s->qlock);
  s->unsent--;
  pthread_mutex_unlock(&s->qlock);
}

/* A request of the work queue: done here, or passed on to the net queue
 * when it may wait on the network (429 when its client has too many). */
static enum MHD_Result sent_page(struct srv *s, struct req *rq);

static void work(struct srv *s, struct req *rq) {
  if (strcmp(rq->what, "send") == 0) { /* a form, not JSON */
    sent_page(s, rq);
    finish(rq);
    return;
  }
  if (strcmp(rq->what, "archive") == 0) { /* GET /api/archive/ROUTE */
    char *out = NULL;
    size_t n = 0;
    unsigned code = pc_aweb_get(s->arch, rq->arg, rq->query, &out, &n);
    if (out)
      send_buf(rq, code, "application/json", out, n, MHD_RESPMEM_MUST_FREE,
               NULL);
  } else if (parse_request(rq) && needs_net(rq)) {
    if (net_take(s, rq)) {
      push(&s->net, rq);
      return; /* a net worker finishes it */
    }
    send_error(rq, 429, TOO_MANY_FETCHES);
  } else if (rq->in) {
    api(s, rq->what, rq);
  }
  finish(rq); /* no reply (out of memory) closes the connection */
}

static void *worker(void *arg) {
  struct pool *p = arg;
  struct srv *s = p->srv;
  for (;;) {
    pthread_mutex_lock(&s->qlock);
    while (!s->quit && !p->head)
      pthread_cond_wait(&p->cond, &s->qlock);
    struct req *rq = p->head;
    if (s->quit || !rq) {
      pthread_mutex_unlock(&s->qlock);
      return NULL;
    }
    p->head = rq->next;
    if (!p->head)
      p->tail = NULL;
    pthread_mutex_unlock(&s->qlock);
    if (p == &s->work) {
      work(s, rq);
      continue;
    }
    if (strcmp(rq->what, "img") == 0)
      image(s, rq);
    else
      api(s, rq->what, rq);
    net_release(s, rq);
    finish(rq); /* no reply (out of memory) closes the connection */
  }
}

/* Stops the workers after the requests they are doing; what is still
 * queued is answered 503. */
static void stop_workers(struct srv *s, pthread_t *w, unsigned n) {
  pthread_mutex_lock(&s->qlock);
  s->quit = true;
  pthread_cond_broadcast(&s->work.cond);
  pthread_cond_broadcast(&s->net.cond);
  pthread_mutex_unlock(&s->qlock);
  for (unsigned i = 0; i < n; i++)
    pthread_join(w[i], NULL);
  struct pool *pools[] = {&s->work, &s->net};
  for (size_t k = 0; k < 2; k++) {
    pthread_mutex_lock(&s->qlock);
    struct req *rq = pools[k]->head, *next;
    pools[k]->head = pools[k]->tail = NULL;
    pthread_mutex_unlock(&s->qlock);
    for (; rq; rq = next) {
      next = rq->next;
      net_release(s, rq);
      send_error(rq, 503, "the server is stopping");
      finish(rq);
    }
  }
  /* let libmicrohttpd's thread send the replies (at most 2 s) */
  for (int i = 0; i < 200; i++) {
    pthread_mutex_lock(&s->qlock);
    unsigned left = s->unsent;
    pthread_mutex_unlock(&s->qlock);
    if (!left)
      break;
    struct timespec ts = {0, 10000000L};
    nanosleep(&ts, NULL);
  }
}

/*** routes *****************************************************************/

struct query {
  struct json_object *o;
  bool failed; /* out of memory: the options would be incomplete */
};

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind,
                                 const char *key, const char *value) {
  (void)kind;
  struct query *q = cls;
  struct json_object *v = json_object_new_string(value ? value : "");
  if (!v || json_object_object_add(q->o, key, v) != 0) {
    json_object_put(v);
    q->failed = true;
    return MHD_NO;
  }
  return MHD_YES;
}

/* The options of a raw-body request, from its query string, as the JSON
 * body would give them: "cut", "ragged", "no_header", "no_footer" and
 * "who_said_what" are booleans (present, empty, "1" or "true"; "0" or
 * "false"), "text_size" a number, the rest strings.  NULL with msg set
 * for a bad value, NULL with msg empty when out of memory. */
static struct json_object *query_options(struct MHD_Connection *c, char *msg,
                                         size_t cap) {
  static const char *const flags[] = {"cut", "ragged", "no_header",
                                      "no_footer", "who_said_what"};
  msg[0] = '\0';
  struct query q = {json_object_new_object(), false};
  struct json_object *o = q.o;
  if (!o)
    return NULL;
  if (MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_arg, &q) < 0 ||
      q.failed) {
    json_object_put(o);
    return NULL;
  }
  for (size_t k = 0; k < sizeof flags / sizeof *flags; k++) {
    const char *v = pc_json_get_str(o, flags[k], NULL);
    if (!v)
      continue;
    bool on = !*v || strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
    if (!on && strcmp(v, "0") != 0 && strcmp(v, "false") != 0) {
      snprintf(msg, cap, "%s: 1, true, 0 or false", flags[k]);
      json_object_put(o);
      return NULL;
    }
    json_object_object_add(o, flags[k], json_object_new_boolean(on));
  }
  const char *ts = pc_json_get_str(o, "text_size", NULL);
  if (ts) {
    if (!(ts[0] >= '1' && ts[0] <= '5' && !ts[1])) {
      snprintf(msg, cap, "text_size: 1 to 5");
      json_object_put(o);
      return NULL;
    }
    json_object_object_add(o, "text_size", json_object_new_int(ts[0] - '0'));
  }
  return o;
}

/* Whether the Content-Type ct is the media type type (ASCII case aside),
 * with or without parameters: "application/json; charset=utf-8" is
 * application/json, "application/jsonfoo" is not. */
static bool media_is(const char *ct, const char *type) {
  size_t n = strlen(type);
  if (!pc_ascii_istarts(ct, type))
    return false;
  ct += n;
  while (*ct == ' ' || *ct == '\t')
    ct++;
  return *ct == '\0' || *ct == ';';
}

/* url under the base path, as the routes know it ("/presscut/api/pdf" ->
 * "/api/pdf"); /healthz and /readyz also at the root; "" for the base path
 * without its final slash (redirected to it); NULL outside it (404). */
static const char *local_url(const struct srv *s, const char *url) {
  if (s->baselen <= 1 || strcmp(url, "/healthz") == 0 ||
      strcmp(url, "/readyz") == 0)
    return url;
  if (strncmp(url, s->base, s->baselen) == 0)
    return url + s->baselen - 1;
  if (strncmp(url, s->base, s->baselen - 1) == 0 && !url[s->baselen - 1])
    return "";
  return NULL;
}

/* 308 to the base path itself ("/presscut" -> "/presscut/"), so that the
 * page's relative URLs resolve under it. */
static enum MHD_Result to_base(struct srv *s, struct req *rq) {
  enum MHD_Result r = send_buf(rq, 308, "text/plain; charset=utf-8", "", 0,
                               MHD_RESPMEM_PERSISTENT, NULL);
  if (r == MHD_YES)
    MHD_add_response_header(rq->reply, "Location", s->base);
  return r;
}

/* GET /readyz: 200 once the server is listening with its workers, 503
 * before and from the moment it is told to stop. */
static enum MHD_Result readyz(struct srv *s, struct req *rq) {
  int phase = atomic_load(&s->phase);
  if (phase == 1)
    return send_json(rq, 200, "ready", NULL, "version", PC_VERSION);
  return send_error(rq, 503, phase == 0 ? "starting" : "stopping");
}

/* The page (page.c) with a new mail token, whether mail is configured,
 * and the input the bookmarklet sent (JSON, or NULL). */
static enum MHD_Result page(struct srv *s, struct req *rq,
                            const char *incoming) {
  char *tok = new_token(s);
  size_t n = 0;
  bool mail = s->o->smtp.url && s->o->from && s->o->outbox;
  char *html = tok ? pc_page_html(tok, mail, incoming, &n) : NULL;
  g_free(tok);
  if (!html)
    return send_error(rq, 500, "page missing");
  return send_buf(rq, 200, "text/html; charset=utf-8", html, n,
                  MHD_RESPMEM_MUST_FREE, NULL);
}

/* POST /send, on a worker (decoding and escaping up to max_body bytes is
 * not for libmicrohttpd's thread): the bookmarklet's form (a page's url,
 * and its html for a page behind a login), answered with the page that
 * loads it.  Any site may post it (it is a top-level form); it only fills
 * the reader's own page, which fetches or reads the article as for a
 * paste. */
static enum MHD_Result sent_page(struct srv *s, struct req *rq) {
  char why[160];
  char *in = pc_page_incoming(rq->body.data, rq->body.len, why, sizeof why);
  if (!in)
    return why[0] ? send_error(rq, 400, why) : MHD_NO;
  enum MHD_Result r = page(s, rq, in);
  free(in);
  return r;
}

#define NO_ARCHIVE "no archive: start presscut serve with --db"
#define NO_SAVE "// no archive on this server (presscut serve --db)\n"

/* GET of the archive view (archive_api.c): its page and files, and
 * /api/archive/ROUTE, whose query arguments are read here (the worker
 * answers it after the connection is suspended).  Without --db the main
 * page's "Save to archive" script is a comment, so that the page makes
 * no request that fails. */
static enum MHD_Result archive_get(struct srv *s, struct MHD_Connection *c,
                                   struct req *rq, const char *url) {
  static const char *const files[][2] = {
      {"/archive", "web/archive.html"},
      {"/archive.js", "web/archive.js"},
      {"/archive.css", "web/archive.css"},
      {"/archive-save.js", "web/archive-save.js"}};
  for (size_t i = 0; i < 4; i++) {
    if (strcmp(url, files[i][0]) != 0)
      continue;
    const struct pc_data_file *f = asset(files[i][1]);
    if (i == 3 && !s->arch) /* the main page loads it: nothing to do */
      return send_buf(rq, 200, "text/javascript; charset=utf-8", NO_SAVE,
                      strlen(NO_SAVE), MHD_RESPMEM_PERSISTENT, NULL);
    if (!f || !s->arch)
      return send_error(rq, 404, !f ? "not found" : NO_ARCHIVE);
    const char *ext = strrchr(files[i][1], '.') + 1;
    return send_buf(rq, 200,
                    *ext == 'h'   ? "text/html; charset=utf-8"
                    : *ext == 'j' ? "text/javascript; charset=utf-8"
                                  : "text/css; charset=utf-8",
                    f->data, f->len, MHD_RESPMEM_PERSISTENT, NULL);
  }
  if (strncmp(url, "/api/archive/", 13) != 0)
    return send_error(rq, 404, "not found");
  if (!s->arch)
    return send_error(rq, 404, NO_ARCHIVE);
  struct query q = {json_object_new_object(), false};
  if (!q.o || MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_arg,
                                        &q) < 0 || q.failed ||
      !(rq->arg = strdup(url + 13))) {
    json_object_put(q.o);
    return MHD_NO;
  }
  rq->query = q.o;
  return enqueue(s, c, rq, "archive", &s->work);
}

/* The reply to a request that is not queued: into rq->reply, or rq queued
 * for a worker; MHD_NO closes the connection. */
static enum MHD_Result route(struct srv *s, struct MHD_Connection *c,
                             const char *url, const char *method,
                             struct req *rq) {
  bool post = strcmp(method, "POST") == 0;
  if (rq->refuse)
    return send_error(rq, rq->refuse, rq->refuse_msg);
  if (rq->too_big) {
    char msg[96];
    snprintf(msg, sizeof msg, "request body over %zu bytes", s->max_body);
    return send_error(rq, 413, msg);
  }
  url = local_url(s, url);
  if (!url)
    return send_error(rq, 404, "not found");
  if (!*url)
    return to_base(s, rq);
  if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) {
    if (strcmp(url, "/healthz") == 0)
      return send_json(rq, 200, "ok", NULL, "version", PC_VERSION);
    if (strcmp(url, "/readyz") == 0)
      return readyz(s, rq);
    if (strcmp(url, "/img") == 0) {
      const char *u = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "u");
      if (!u || (!pc_ascii_istarts(u, "http://") &&
                 !pc_ascii_istarts(u, "https://")))
        return send_error(rq, 400, "u: an http(s) image URL");
      if (!(rq->arg = strdup(u)))
        return MHD_NO;
      if (!net_take(s, rq))
        return send_error(rq, 429, TOO_MANY_FETCHES);
      return enqueue(s, c, rq, "img", &s->net);
    }
    if (strcmp(url, "/") == 0)
      return page(s, rq, NULL);
    if (strcmp(url, "/app.js") == 0 || strcmp(url, "/app.css") == 0) {
      const struct pc_data_file *f =
          asset(url[5] == 'j' ? "web/app.js" : "web/app.css");
      if (!f)
        return send_error(rq, 404, "not found");
      return send_buf(rq, 200,
                      url[5] == 'j' ? "text/javascript; charset=utf-8"
                                    : "text/css; charset=utf-8",
                      f->data, f->len, MHD_RESPMEM_PERSISTENT, NULL);
    }
    if (strncmp(url, "/archive", 8) == 0 || strncmp(url, "/api/archive/", 13) == 0)
      return archive_get(s, c, rq, url);
    if (strncmp(url, "/api/", 5) == 0)
      return send_error(rq, 405, "use POST");
    return send_error(rq, 404, "not found");
  }
  if (post && strcmp(url, "/send") == 0) {
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (!ct || !media_is(ct, "application/x-www-form-urlencoded"))
      return send_error(rq, 415, "Content-Type: application/x-www-form-urlencoded");
    return enqueue(s, c, rq, "send", &s->work);
  }
  if (post) {
    static const char *const names[] = {"extract", "quotes", "pdf", "mail",
                                        "epub", "archive/save"};
    if (strcmp(url, "/api/archive/save") == 0 && !s->arch)
      return send_error(rq, 404, NO_ARCHIVE);
    for (size_t i = 0; i < 6; i++) {
      if (strncmp(url, "/api/", 5) != 0 || strcmp(url + 5, names[i]) != 0)
        continue;
      const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                   "Content-Type");
      bool raw = ct && i != 3 &&
                 (media_is(ct, "text/html") ||
                  media_is(ct, "application/xhtml+xml") ||
                  media_is(ct, "text/plain"));
      if (!raw && (!ct || !media_is(ct, "application/json")))
        return send_error(rq, 415,
                          i == 3 ? "Content-Type: application/json"
                                 : "Content-Type: application/json, "
                                   "text/html or text/plain");
      if (raw) {
        char msg[160] = "";
        if (!(rq->ctype = strdup(ct)) || !(rq->query = query_options(c, msg, sizeof msg)))
          return msg[0] ? send_error(rq, 400, msg) : MHD_NO;
      }
      if (i == 3) { /* what the mail checks need of the connection */
        rq->origin = dup_header(c, "Origin");
        rq->host = dup_header(c, "Host");
        rq->token = dup_header(c, "X-Presscut-Token");
      }
      return enqueue(s, c, rq, names[i], &s->work);
    }
    return send_error(rq, 404, "not found");
  }
  return send_error(rq, 405, "method not allowed");
}

/*** connection limits (connlimits.c) **************************************/

#define BUSY_MSG "the server holds too many request bodies; try again soon"

/* Takes from the body budget what n more body bytes need beyond what rq
 * holds; false past the budget. */
/* Refuses a request for a Host this server does not serve (421, 400
 * without one: DNS rebinding, see host_ok), when its head arrives. */
static void host_check(struct srv *s, struct MHD_Connection *c,
                       struct req *rq) {
  const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
  if (!host || !*host) {
    rq->refuse = 400;
    rq->refuse_msg = "a Host header is required";
  } else if (!host_ok(s, host)) {
    rq->refuse = 421;
    rq->refuse_msg = "this server does not serve that Host "
                     "(see --allowed-host)";
  }
}

static enum MHD_Result each_xff(void *cls, enum MHD_ValueKind kind,
                                const char *key, const char *value) {
  (void)kind;
  struct pc_buf *b = cls;
  if (!key || !value || !pc_ascii_istarts(key, "X-Forwarded-For") || key[15])
    return MHD_YES;
  if (b->len)
    pc_buf_addc(b, ',');
  pc_buf_adds(b, value);
  return MHD_YES;
}

/* Keeps the client's address in rq (as text for the per-client caps and
 * the log, and as an address for its share of the body budget): the
 * socket's peer, or from X-Forwarded-For when the peer is a trusted
 * proxy (deploy.h). */
static void remember_client(struct srv *s, struct MHD_Connection *c,
                            struct req *rq) {
  const union MHD_ConnectionInfo *ad =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  const struct sockaddr *peer = ad ? ad->client_addr : NULL;
  struct pc_buf b;
  pc_buf_init(&b, 16384); /* a longer header is not used */
  if (peer && (s->proxies.n || s->proxies.unix_peers))
    MHD_get_connection_values(c, MHD_HEADER_KIND, each_xff, &b);
  pc_buf_addc(&b, '\0');
  const char *xff = !b.failed && b.len > 1 ? b.data : NULL;
  pc_client_of(&s->proxies, peer, xff, &rq->client, rq->addr, sizeof rq->addr);
  pc_buf_cleanup(&b);
}

/* The client address rq's body budget is counted against, or NULL. */
static const struct sockaddr *client_of(const struct req *rq) {
  return rq->client.ss_family ? (const struct sockaddr *)&rq->client : NULL;
}

static bool hold(struct srv *s, struct req *rq, size_t n) {
  size_t want = rq->body.len + n;
  if (want <= rq->held)
    return true;
  if (!pc_connlimits_take(s->limits, client_of(rq), want - rq->held))
    return false;
  rq->held = want;
  return true;
}

/* The body is not kept (too big, or refused): the rest of it is read and
 * dropped, and its budget given back. */
static void drop_body(struct srv *s, struct req *rq) {
  rq->too_big = true;
  pc_buf_cleanup(&rq->body);
  pc_connlimits_give(s->limits, client_of(rq), rq->held);
  rq->held = 0;
}

struct lengths {
  const char *first;
  bool differ;
};

static enum MHD_Result each_length(void *cls, enum MHD_ValueKind kind,
                                   const char *key, const char *value) {
  (void)kind;
  struct lengths *ls = cls;
  if (!key || !pc_ascii_istarts(key, "Content-Length") || key[14])
    return MHD_YES;
  if (!ls->first)
    ls->first = value ? value : "";
  else if (strcmp(ls->first, value ? value : "") != 0)
    ls->differ = true;
  return MHD_YES;
}

/* The head of a POST is in: refuses (rq->refuse) conflicting
 * Content-Length headers (400) and a body past the budget (503), marks
 * one over max_body (413, answered at once, the body never read), and
 * takes the budget for the rest.  false when out of memory. */
static bool check_content_length(struct srv *s, struct MHD_Connection *c,
                                 struct req *rq, unsigned long long len) {
  struct lengths ls = {NULL, false};
  MHD_get_connection_values(c, MHD_HEADER_KIND, each_length, &ls);
  if (ls.differ) {
    rq->refuse = 400;
    rq->refuse_msg = "conflicting Content-Length headers";
  } else if (len > s->max_body) {
    rq->too_big = true;
  } else if (len && !hold(s, rq, (size_t)len)) {
    rq->refuse = 503;
    rq->refuse_msg = BUSY_MSG;
  } else if (len && !pc_buf_reserve(&rq->body, (size_t)len)) {
    return false;
  }
  return true;
}

/* The access log and the per-client caps: what rq asks, from whom, and
 * when its head was in (a request refused by check_uri comes here without
 * its client). */
static void begin(struct srv *s, struct MHD_Connection *c, struct req *rq,
                  const char *url, const char *method) {
  snprintf(rq->method, sizeof rq->method, "%s", method);
  if (!rq->addr[0])
    remember_client(s, c, rq);
  if (s->o->access_log && !rq->path)
    rq->path = strdup(url); /* NULL: logged as "-" */
  clock_gettime(CLOCK_MONOTONIC, &rq->t0);
}

/* One access-log line for rq, which is over: never its body, its query
 * string or any header. */
static void log_request(const struct srv *s, const struct req *rq) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  double ms = rq->method[0] ? (double)(now.tv_sec - rq->t0.tv_sec) * 1e3 +
                                  (double)(now.tv_nsec - rq->t0.tv_nsec) / 1e6
                            : 0;
  char line[1024];
  pc_access_line(line, sizeof line, s->o->log_client ? rq->addr : NULL,
                 rq->method[0] ? rq->method : NULL, rq->path, rq->sent_status,
                 strcmp(rq->method, "HEAD") == 0 || !rq->sent_status
                     ? 0 : rq->sent_bytes,
                 ms);
  s->o->access_log(s->o->access_log_closure, line);
}

/* MHD_OPTION_URI_LOG_CALLBACK: called before libmicrohttpd parses the
 * query string, which it does in place from the byte after the '?' of
 * uri (its own request buffer).  Past PC_SERVE_MAX_QUERY_ARGS arguments
 * that byte is made the end of the query, so none is parsed, and the
 * request is refused with 414: libmicrohttpd 0.9.75 keeps every argument
 * in the connection's 256 KiB pool and, when the pool runs out there,
 * never answers (the connection hung until the idle timeout).  Returns
 * the request's state for the access handler (freed by done), or NULL to
 * let the access handler make it. */
static void *check_uri(void *cls, const char *uri, struct MHD_Connection *c) {
  (void)cls, (void)c;
  char *q = strchr(uri, '?');
  if (!q)
    return NULL;
  size_t args = 1;
  for (const char *p = q; *p; p++)
    args += *p == '&';
  if (args <= PC_SERVE_MAX_QUERY_ARGS)
    return NULL;
  struct req *rq = calloc(1, sizeof *rq);
  if (!rq)
    return NULL;
  q[1] = '\0'; /* no argument left to parse */
  rq->refuse = 414;
  rq->refuse_msg = "too many query arguments";
  return rq;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
                              const char *url, const char *method,
                              const char *version, const char *upload,
                              size_t *upload_size, void **con_cls) {
  struct srv *s = cls;
  (void)version;
  bool post = strcmp(method, "POST") == 0;
  if (*con_cls == NULL) {
    struct req *rq = calloc(1, sizeof *rq);
    if (!rq)
      return MHD_NO;
    pc_buf_init(&rq->body, s->max_body);
    *con_cls = rq;
    remember_client(s, c, rq);
    const char *lu = local_url(s, url);
    bool probe = lu && (strcmp(lu, "/healthz") == 0 || strcmp(lu, "/readyz") == 0);
    if (!probe && !rq->refuse)
      host_check(s, c, rq); /* before any budget is taken for its body */
    /* the head is in: the body deadline runs, or none */
    pc_connlimits_phase(s->limits, c, post ? PC_CONN_BODY : PC_CONN_WORK);
    if (post && !rq->refuse) {
      const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                   "Content-Length");
      unsigned long long len = cl ? strtoull(cl, NULL, 10) : 0;
      if (!check_content_length(s, c, rq, len))
        return MHD_NO; /* out of memory */
      if (!rq->too_big && !rq->refuse)
        return MHD_YES;
    }
  }
  struct req *rq = *con_cls;
  if (!rq->method[0])
    begin(s, c, rq, url, method);
  if (rq->state == RQ_QUEUED) /* resumed too early: keep waiting */
    return MHD_YES;
  if (rq->state == RQ_NEW && post && *upload_size) {
    if (!rq->too_big && !rq->refuse &&
        rq->body.len + *upload_size > s->max_body)
      drop_body(s, rq); /* over the cap (a chunked body): 413 */
    else if (!rq->too_big && !rq->refuse && !hold(s, rq, *upload_size)) {
      rq->refuse = 503;
      rq->refuse_msg = BUSY_MSG;
    }
    if (!rq->too_big && (rq->refuse || !pc_buf_add(&rq->body, upload, *upload_size)))
      drop_body(s, rq);
    if (rq->too_big) {
      rq->drained += *upload_size;
      if (rq->drained > DRAIN_MAX)
        return MHD_NO;
    }
    *upload_size = 0;
    return MHD_YES;
  }
  if (rq->state == RQ_NEW) /* the whole request is in */
    pc_connlimits_phase(s->limits, c, PC_CONN_WORK);
  enum MHD_Result ret =
      rq->state == RQ_DONE ? MHD_YES : route(s, c, url, method, rq);
  if (ret != MHD_YES || rq->state == RQ_QUEUED)
    return ret;
  if (!rq->reply) /* a worker ran out of memory */
    return MHD_NO;
  ret = MHD_queue_response(c, rq->status, rq->reply);
  if (ret == MHD_YES)
    rq->sent_status = rq->status;
  MHD_destroy_response(rq->reply);
  rq->reply = NULL;
  return ret;
}

static void done(void *cls, struct MHD_Connection *c, void **con_cls,
                 enum MHD_RequestTerminationCode toe) {
  struct srv *s = cls;
  (void)toe;
  struct req *rq = *con_cls;
  size_t held = rq ? rq->held : 0;
  struct sockaddr_storage client = {0}; /* rq is freed below */
  if (rq)
    client = rq->client;
  if (rq) {
    if (s->o->access_log)
      log_request(s, rq);
    if (rq->state == RQ_DONE) /* resumed: its reply sent, or the client gone */
      sent(rq);
    pc_buf_cleanup(&rq->body);
    if (rq->reply)
      MHD_destroy_response(rq->reply);
    free(rq->arg);
    free(rq->path);
    free(rq->origin);
    free(rq->host);
    free(rq->token);
    free(rq->ctype);
    json_object_put(rq->query);
    json_object_put(rq->in);
    free(rq);
  }
  *con_cls = NULL;
  pc_connlimits_give(s->limits,
                     client.ss_family ? (const struct sockaddr *)&client : NULL,
                     held); /* its body is freed */
  /* a next request on this connection: its head deadline starts now */
  pc_connlimits_phase(s->limits, c, PC_CONN_HEAD);
}

/* The connection limits of o, defaults filled in (src/pc_limits.h); the
 * body budget holds at least one body of max_body. */
static struct pc_connlimits_cfg connlimits_cfg(const pc_serve_opts *o,
                                               size_t max_body) {
  struct pc_connlimits_cfg c = {0}; /* no shared peers unless set */
  c.max_conns = o->connection_limit ? o->connection_limit : PC_SERVE_MAX_CONNS;
  c.per_addr = o->max_per_address ? o->max_per_address : PC_SERVE_MAX_PER_ADDR;
  if (c.per_addr > c.max_conns)
    c.per_addr = c.max_conns;
  c.head_s = o->head_timeout_s ? o->head_timeout_s : PC_SERVE_HEAD_TIMEOUT;
  c.body_s = o->body_timeout_s ? o->body_timeout_s : PC_SERVE_BODY_TIMEOUT;
  c.max_inflight = o->max_inflight ? o->max_inflight : PC_SERVE_MAX_INFLIGHT;
  if (c.max_inflight < max_body)
    c.max_inflight = max_body;
  /* one address may hold a quarter of it, and at least one whole body:
   * a few connections of one client must not starve all the others */
  c.addr_inflight = c.max_inflight / 4 > max_body ? c.max_inflight / 4
                                                  : max_body;
  return c;
}

/* libmicrohttpd's own cap, a little over ours so that ours decides: at
 * its cap libmicrohttpd 0.9.75 stops accepting, new connections wait in
 * the listen queue, and once the clients that filled it are gone it could
 * take until the idle timeout (13 s) to accept again.  Our accept policy
 * instead accepts and closes at once what it refuses. */
static unsigned mhd_connection_limit(const struct pc_connlimits_cfg *lc) {
  return lc->max_conns + 16;
}

/* The deployment settings of o into s (base path, trusted proxies, the
 * Host names served). */
static pc_status deploy_opts(struct srv *s, const char *listen,
                             pc_error *err) {
  pc_status st = pc_base_path(s->o->base_path, s->base, sizeof s->base, err);
  if (st == PC_OK)
    st = pc_proxies_parse(s->o->trusted_proxies, &s->proxies, err);
  if (st == PC_OK)
    st = host_names(s, listen, err);
  s->baselen = strlen(s->base);
  return st;
}

/* connlimits' shared_peer: a trusted proxy's connections are many
 * clients', so the per-address connection caps do not apply to them. */
static bool proxy_peer(void *closure, const struct sockaddr *addr) {
  return pc_proxy_peer(closure, addr);
}

/* The daemon on the listening socket l, with s's workers started. */
static struct MHD_Daemon *start_daemon(struct srv *s,
                                       const struct pc_listener *l,
                                       const struct pc_connlimits_cfg *lc) {
  const pc_serve_opts *o = s->o;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                   MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME;
  if (l->family == AF_INET6)
    flags |= MHD_USE_IPv6;
  /* one thread reads and writes the sockets; the workers do the work */
  return MHD_start_daemon(
      flags, 0, pc_connlimits_accept, s->limits, handle, s,
      MHD_OPTION_LISTEN_SOCKET, l->fd, MHD_OPTION_CONNECTION_LIMIT,
      mhd_connection_limit(lc), MHD_OPTION_CONNECTION_TIMEOUT,
      o->timeout_s ? o->timeout_s : 15u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      (size_t)(256 * 1024), MHD_OPTION_NOTIFY_CONNECTION,
      pc_connlimits_notify, s->limits, MHD_OPTION_URI_LOG_CALLBACK, check_uri,
      s, MHD_OPTION_NOTIFY_COMPLETED, done, s, MHD_OPTION_END);
}

/* Serves on d until *o->stop: ready (the callback, /readyz, systemd),
 * then stopping. */
static void serve_until_stopped(struct srv *s, const struct pc_listener *l) {
  const pc_serve_opts *o = s->o;
  atomic_store(&s->phase, 1);
  if (o->ready)
    o->ready(o->ready_closure, l->port);
  if (o->notify_systemd)
    pc_notify_systemd("READY=1");
  while (!*o->stop) {
    struct timespec ts = {0, 100000000L};
    nanosleep(&ts, NULL);
  }
  atomic_store(&s->phase, 2);
  if (o->notify_systemd)
    pc_notify_systemd("STOPPING=1");
}

pc_status pc_serve(const pc_ctx *ctx, const pc_serve_opts *o, pc_error *err) {
  if (!ctx || !o || !o->stop)
    return pc_error_set(err, PC_ERR_USAGE, "pc_serve: NULL argument");
  pc_status lst = pc_dl_load(PC_DL_MHD, err);
  if (lst != PC_OK)
    return lst;
  const char *listen = o->listen ? o->listen : "127.0.0.1:8080";
  struct srv *s = calloc(1, sizeof *s);
  if (!s)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  s->ctx = ctx;
  s->o = o;
  atomic_init(&s->phase, 0);
  struct pc_listener l = {.fd = -1};
  pc_status hst = deploy_opts(s, listen, err);
  if (hst == PC_OK) /* a failure names its reason: address in use, ... */
    hst = pc_listener_open(listen, &l, err);
  if (hst != PC_OK) {
    free(s);
    return hst;
  }
  s->max_body = o->max_body ? o->max_body : 10u << 20;
  if (getrandom(s->secret, sizeof s->secret, 0) != (ssize_t)sizeof s->secret) {
    close(l.fd);
    pc_listener_unlink(&l);
    free(s);
    return pc_error_set(err, PC_ERR_INTERNAL, "no randomness for the token");
  }
  pc_status cst = pc_pdf_cache_new(&s->pdf_cache, err);
  if (cst == PC_OK && o->archive_db &&
      (cst = pc_aweb_open(o->archive_db, &s->arch, err)) != PC_OK)
    pc_pdf_cache_free(s->pdf_cache);
  if (cst != PC_OK) {
    close(l.fd);
    pc_listener_unlink(&l);
    free(s);
    return cst;
  }
  pthread_mutex_init(&s->lock, NULL);
  pthread_mutex_init(&s->qlock, NULL);
  s->work.srv = s->net.srv = s;
  pthread_cond_init(&s->work.cond, NULL);
  pthread_cond_init(&s->net.cond, NULL);
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  unsigned nwork = o->threads > 0 ? (unsigned)o->threads
                                  : cores > 0 ? (unsigned)cores : 2;
  unsigned nnet = o->fetch_threads > 0 ? (unsigned)o->fetch_threads : 8;
  nwork = nwork > 1024 ? 1024 : nwork;
  nnet = nnet > 1024 ? 1024 : nnet;
  unsigned threads = nwork + nnet; /* the work pool's first */
  pthread_t *w = calloc(threads, sizeof *w);
  unsigned started = 0;
  struct pc_connlimits_cfg lc = connlimits_cfg(o, s->max_body);
  if (s->proxies.n || s->proxies.unix_peers) {
    lc.shared_peer = proxy_peer;
    lc.shared_closure = &s->proxies;
  }
  pc_connlimits_new(&lc, &s->limits); /* NULL: no thread, reported below */
  while (w && s->limits && started < threads &&
         pthread_create(&w[started], NULL, worker,
                        started < nwork ? &s->work : &s->net) == 0)
    started++;
  struct MHD_Daemon *d =
      s->limits && started == threads ? start_daemon(s, &l, &lc) : NULL;
  pc_status st = PC_OK;
  if (!d) {
    close(l.fd); /* libmicrohttpd closes it only once started */
    st = !s->limits ? pc_error_set(err, PC_ERR_INTERNAL,
                                   "cannot start the connection sweeper")
         : started < threads
             ? pc_error_set(err, PC_ERR_INTERNAL, "cannot start %u worker threads",
                            threads)
             : pc_error_set(err, PC_ERR_NETWORK, "%s: cannot serve", listen);
  } else {
    serve_until_stopped(s, &l);
  }
  /* suspended connections must be resumed before the daemon stops */
  stop_workers(s, w, started);
  if (d)
    MHD_stop_daemon(d); /* closes the listening socket */
  pc_listener_unlink(&l);
  pc_connlimits_free(s->limits); /* after the daemon: no more callbacks */
  free(w);
  pc_pdf_cache_free(s->pdf_cache); /* the workers have ended */
  pc_aweb_free(s->arch);
  pthread_cond_destroy(&s->work.cond);
  pthread_cond_destroy(&s->net.cond);
  pthread_mutex_destroy(&s->qlock);
  pthread_mutex_destroy(&s->lock);
  free(s);
  return st;
}
