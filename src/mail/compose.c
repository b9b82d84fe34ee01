/* compose.c - the article as a MIME message, made by GMime 3 (never by
 * hand): multipart/mixed { multipart/alternative { text/plain, text/html },
 * attachment }.  Addresses go through GMime's RFC 5322 parser; the
 * attachment's file name is the title transliterated to ASCII by ICU. */
#include "mail.h"
#include "core/dl_gmime.h"
#include "core/dl_glib.h"
#include "core/dl_icu.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

static void gmime_start(void) {
  g_mime_init(); /* GMime's own tables, once per process */
}

pc_status pc_mail_init(pc_error *err) {
  pc_status st = pc_dl_load(PC_DL_GMIME, err);
  if (st == PC_OK)
    pthread_once(&gmime_once, gmime_start);
  return st;
}

void pc_mail_opts_init(pc_mail_opts *o) {
  if (!o)
    return;
  memset(o, 0, sizeof *o);
  o->attach = PC_ATTACH_PDF;
  pc_print_opts_init(&o->print);
}

/* Every entry a mailbox with a local part and a domain. */
static pc_status check_list(InternetAddressList *l, const char *what,
                            size_t *n, pc_error *err) {
  int k = l ? internet_address_list_length(l) : 0;
  if (k <= 0)
    return pc_error_set(err, PC_ERR_USAGE, "%s: no address", what);
  for (int i = 0; i < k; i++) {
    InternetAddress *a = internet_address_list_get_address(l, i);
    if (!INTERNET_ADDRESS_IS_MAILBOX(a))
      return pc_error_set(err, PC_ERR_USAGE, "%s: groups are not addresses",
                          what);
    const char *addr =
        internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
    const char *at = addr ? strrchr(addr, '@') : NULL;
    if (!at || at == addr || !at[1] || strchr(at + 1, '.') == NULL ||
        strpbrk(addr, " \t\r\n<>,;\"") || strlen(addr) > 254)
      return pc_error_set(err, PC_ERR_USAGE, "%s: not an address: '%s'", what,
                          addr ? addr : "");
  }
  if (n)
    *n = (size_t)k;
  return PC_OK;
}

/* GMime's parser skips an entry it cannot read ("a@b.org, @bad" gives one
 * address): so each comma-separated entry (commas inside quotes, comments
 * or angle brackets do not separate) must give exactly one mailbox. */
pc_status pc_mail_check_addresses(const char *list, size_t *n, pc_error *err) {
  if (!list || !*list)
    return pc_error_set(err, PC_ERR_USAGE, "no address");
  if (strlen(list) > 8192 || strpbrk(list, "\r\n"))
    return pc_error_set(err, PC_ERR_USAGE, "not an address list");
  pc_status ist = pc_mail_init(err);
  if (ist != PC_OK)
    return ist;
  GMimeParserOptions *po = g_mime_parser_options_get_default();
  size_t total = 0;
  const char *p = list;
  pc_status st = PC_OK;
  while (st == PC_OK) {
    const char *q = p;
    bool quote = false;
    int angle = 0, paren = 0;
    for (; *q; q++) {
      if (*q == '\\' && q[1]) {
        q++;
        continue;
      }
      if (*q == '"')
        quote = !quote;
      else if (!quote && *q == '<')
        angle++;
      else if (!quote && *q == '>' && angle)
        angle--;
      else if (!quote && *q == '(')
        paren++;
      else if (!quote && *q == ')' && paren)
        paren--;
      else if (!quote && !angle && !paren && *q == ',')
        break;
    }
    char *one = strndup(p, (size_t)(q - p));
    if (!one)
      return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    bool blank = strspn(one, " \t") == strlen(one);
    if (blank) {
      st = pc_error_set(err, PC_ERR_USAGE, "an empty address in '%s'", list);
    } else {
      InternetAddressList *l = internet_address_list_parse(po, one);
      size_t k = 0;
      st = check_list(l, "address", &k, err);
      if (st == PC_OK && k != 1)
        st = pc_error_set(err, PC_ERR_USAGE, "not one address: '%s'", one);
      if (st != PC_OK && l == NULL)
        st = pc_error_set(err, PC_ERR_USAGE, "not an address: '%s'", one);
      if (l)
        g_object_unref(l);
      total += k;
    }
    free(one);
    if (!*q)
      break;
    p = q + 1;
  }
  if (st == PC_OK && n)
    *n = total;
  return st;
}

/* The title as a safe ASCII file name: "Привет, мир!" -> "Privet-mir". */
char *pc_mail_filename(const char *title, const char *ext) {
  char out[96];
  size_t o = 0;
  UErrorCode ue = U_ZERO_ERROR;
  UChar buf[512];
  int32_t ulen = 0;
  if (title)
    u_strFromUTF8(buf, 511, &ulen, title, -1, &ue);
  if (U_FAILURE(ue) && ue != U_BUFFER_OVERFLOW_ERROR)
    ulen = 0;
  if (ulen > 511)
    ulen = 511;
  ue = U_ZERO_ERROR;
  /* without libicui18n, the letters outside ASCII are left out */
  const struct pc_dl_icu *icu =
      pc_dl_load(PC_DL_ICU_I18N, NULL) == PC_OK ? pc_dl_icu() : NULL;
  UTransliterator *t =
      icu ? icu->utrans_openU(u"Any-Latin; Latin-ASCII", -1, UTRANS_FORWARD,
                              NULL, 0, NULL, &ue)
          : NULL;
  int32_t limit = ulen;
  if (t && U_SUCCESS(ue))
    icu->utrans_transUChars(t, buf, &ulen, 512, 0, &limit, &ue);
  if (t)
    icu->utrans_close(t);
  bool dash = false;
  for (int32_t i = 0; i < ulen && o < 60; i++) {
    UChar c = buf[i];
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9');
    if (keep) {
      out[o++] = (char)c;
      dash = false;
    } else if (!dash && o > 0) {
      out[o++] = '-';
      dash = true;
    }
  }
  while (o > 0 && out[o - 1] == '-')
    o--;
  if (o == 0) {
    memcpy(out, "article", 7);
    o = 7;
  }
  out[o] = '\0';
  size_t n = o + strlen(ext) + 2;
  char *r = malloc(n);
  if (r)
    snprintf(r, n, "%s.%s", out, ext);
  return r;
}

static GMimeTextPart *text_part(const char *subtype, const char *text) {
  GMimeTextPart *p = g_mime_text_part_new_with_subtype(subtype);
  g_mime_text_part_set_text(p, text); /* UTF-8, charset set by GMime */
  return p;
}

/* The addresses: --from exactly one, --to one or more. */
static pc_status check_from_to(const pc_mail_opts *o, pc_error *err) {
  pc_status st = pc_mail_check_addresses(o->from, NULL, err);
  if (st == PC_OK) {
    size_t n = 0;
    st = pc_mail_check_addresses(o->from, &n, err);
    if (st == PC_OK && n != 1)
      st = pc_error_set(err, PC_ERR_USAGE, "--from: one address, not %zu", n);
  }
  if (st == PC_OK)
    st = pc_mail_check_addresses(o->to, NULL, err);
  return st;
}

/* The message's contents: the text and the HTML (the sender's words above
 * the article in both) and the attachment's PDF or EPUB (--attach pdf,
 * --attach epub). */
struct bodies {
  struct pc_buf plain, rich, att;
};

static void bodies_cleanup(struct bodies *b) {
  pc_buf_cleanup(&b->plain);
  pc_buf_cleanup(&b->rich);
  pc_buf_cleanup(&b->att);
}

/* The sender's words above the article, inside the HTML's <body>. */
static void rich_body(struct pc_buf *rich, const char *html, size_t html_len,
                      const char *message) {
  const char *body = strstr(html, "<body>");
  if (body && message && *message) {
    body += 6;
    pc_buf_add(rich, html, (size_t)(body - html));
    pc_buf_adds(rich, "\n<div class=\"pc-message\" style=\"border-bottom: 1px "
                      "solid #bbb; margin-bottom: 1.5em; padding-bottom: "
                      "1em; white-space: pre-wrap;\">");
    pc_html_esc(rich, message, strlen(message));
    pc_buf_adds(rich, "</div>");
    pc_buf_adds(rich, body);
  } else {
    pc_buf_add(rich, html, html_len);
  }
}

/* Renders the contents into b; on failure nothing is left in b. */
static pc_status compose_bodies(const pc_doc *doc, const pc_mail_opts *o,
                                struct bodies *b, pc_error *err) {
  /* the parts' contents, from presscut's own renderers */
  char *text = NULL, *html = NULL;
  size_t text_len = 0, html_len = 0;
  pc_status st = pc_render(doc, PC_FORMAT_TEXT, &text, &text_len, err);
  if (st == PC_OK)
    st = pc_print_html(doc, &o->print, &html, &html_len, err);
  pc_buf_init(&b->att, PC_MAX_OUTPUT);
  if (st == PC_OK && o->attach == PC_ATTACH_PDF && !o->attachment)
    st = pc_pdf(&doc, 1, &o->print, pc_buf_write, &b->att, err);
  if (st == PC_OK && o->attach == PC_ATTACH_EPUB && !o->attachment)
    st = pc_epub(&doc, 1, &o->print, pc_buf_write, &b->att, err);
  if (st != PC_OK) {
    pc_free(text);
    pc_free(html);
    pc_buf_cleanup(&b->att);
    return st;
  }
  pc_buf_init(&b->plain, PC_MAX_OUTPUT);
  pc_buf_init(&b->rich, PC_MAX_OUTPUT);
  if (o->message && *o->message) {
    pc_buf_adds(&b->plain, o->message);
    pc_buf_adds(&b->plain, "\n\n-- \n\n");
  }
  pc_buf_add(&b->plain, text, text_len);
  rich_body(&b->rich, html, html_len, o->message);
  pc_free(text);
  pc_free(html);
  if (b->plain.failed || b->rich.failed || b->att.failed) {
    bodies_cleanup(b);
    return pc_error_set(err, PC_ERR_TOO_LARGE, "message too large");
  }
  return PC_OK;
}

/* A message with its headers: From, To, Subject, Date, Message-ID and
 * X-Mailer (the addresses checked already). */
static GMimeMessage *message_new(const pc_mail_opts *o, const char *subject) {
  GMimeParserOptions *po = g_mime_parser_options_get_default();
  GMimeMessage *m = g_mime_message_new(TRUE);
  InternetAddressList *from = internet_address_list_parse(po, o->from);
  InternetAddressList *to = internet_address_list_parse(po, o->to);
  internet_address_list_append(g_mime_message_get_from(m), from);
  internet_address_list_append(g_mime_message_get_to(m), to);
  g_object_unref(from);
  g_object_unref(to);
  g_mime_message_set_subject(m, subject, "utf-8");
  GDateTime *now = g_date_time_new_now_local();
  g_mime_message_set_date(m, now);
  g_date_time_unref(now);
  /* the Message-ID's domain is the sender's (GMime: time and random
   * characters, no host name); made once, here: the outbox stores it with
   * the message, so every retry and flush sends the same one */
  InternetAddress *fa = internet_address_list_get_address(
      g_mime_message_get_from(m), 0);
  const char *fad = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(fa));
  const char *dom = strrchr(fad, '@');
  char *mid = g_mime_utils_generate_message_id(dom ? dom + 1 : "presscut");
  g_mime_message_set_message_id(m, mid);
  g_free(mid);
  g_mime_object_set_header(GMIME_OBJECT(m), "X-Mailer", "presscut " PC_VERSION,
                           NULL);
  return m;
}

/* The caller's attachment (pc_mail_opts.attachment), in base64. */
static GMimePart *given_attachment(const pc_mail_opts *o) {
  const char *type = o->attachment_type ? o->attachment_type
                                        : "application/octet-stream";
  char media[64];
  snprintf(media, sizeof media, "%s", type);
  char *slash = strchr(media, '/');
  if (slash)
    *slash = '\0';
  GMimePart *ap = g_mime_part_new_with_type(media, slash ? slash + 1
                                                         : "octet-stream");
  g_mime_part_set_filename(ap, o->attachment_name ? o->attachment_name
                                                  : "attachment");
  GMimeStream *ms = g_mime_stream_mem_new_with_buffer(o->attachment,
                                                      o->attachment_len);
  GMimeDataWrapper *dw =
      g_mime_data_wrapper_new_with_stream(ms, GMIME_CONTENT_ENCODING_DEFAULT);
  g_mime_part_set_content(ap, dw);
  g_object_unref(dw);
  g_object_unref(ms);
  g_mime_part_set_content_encoding(ap, GMIME_CONTENT_ENCODING_BASE64);
  return ap;
}

/* The attachment: the PDF, the EPUB, or (--attach html) the HTML, named
 * after the title, in base64. */
static GMimePart *attachment_part(const pc_mail_opts *o, const char *title,
                                  const struct bodies *b) {
  if (o->attachment)
    return given_attachment(o);
  bool html = o->attach == PC_ATTACH_HTML;
  bool epub = o->attach == PC_ATTACH_EPUB;
  const char *ext = html ? "html" : epub ? "epub" : "pdf";
  GMimePart *ap = g_mime_part_new_with_type(
      html ? "text" : "application", html ? "html" : epub ? "epub+zip" : "pdf");
  char *fname = pc_mail_filename(title, ext);
  char fallback[16];
  snprintf(fallback, sizeof fallback, "article.%s", ext);
  g_mime_part_set_filename(ap, fname ? fname : fallback);
  free(fname);
  const char *data = html ? b->rich.data : b->att.data;
  size_t dlen = html ? b->rich.len : b->att.len;
  GMimeStream *ms = g_mime_stream_mem_new_with_buffer(data ? data : "", dlen);
  GMimeDataWrapper *dw =
      g_mime_data_wrapper_new_with_stream(ms, GMIME_CONTENT_ENCODING_DEFAULT);
  g_mime_part_set_content(ap, dw);
  g_object_unref(dw);
  g_object_unref(ms);
  if (html)
    g_mime_object_set_content_type_parameter(GMIME_OBJECT(ap), "charset",
                                             "utf-8");
  g_mime_part_set_content_encoding(ap, GMIME_CONTENT_ENCODING_BASE64);
  return ap;
}

/* The body of m: multipart/alternative { text/plain, text/html }, inside
 * multipart/mixed with the attachment unless --attach none. */
static void message_parts(GMimeMessage *m, const pc_mail_opts *o,
                          const char *title, const struct bodies *b) {
  GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
  GMimeTextPart *tp = text_part("plain", b->plain.data ? b->plain.data : "");
  GMimeTextPart *hp = text_part("html", b->rich.data ? b->rich.data : "");
  g_mime_multipart_add(alt, GMIME_OBJECT(tp));
  g_mime_multipart_add(alt, GMIME_OBJECT(hp));
  g_object_unref(tp);
  g_object_unref(hp);
  GMimeObject *top = GMIME_OBJECT(alt);
  GMimeMultipart *mixed = NULL;
  if (o->attach != PC_ATTACH_NONE || o->attachment) {
    mixed = g_mime_multipart_new_with_subtype("mixed");
    g_mime_multipart_add(mixed, GMIME_OBJECT(alt));
    GMimePart *ap = attachment_part(o, title, b);
    g_mime_multipart_add(mixed, GMIME_OBJECT(ap));
    g_object_unref(ap);
    top = GMIME_OBJECT(mixed);
  }
  g_mime_message_set_mime_part(m, top);
  g_object_unref(alt);
  if (mixed)
    g_object_unref(mixed);
}

/* m as text with CRLF line ends into *out (NULL if out of memory); returns
 * GMime's count of bytes written, negative on its failure. */
static ssize_t message_write(GMimeMessage *m, char **out, size_t *out_len) {
  /* 7-bit transfer encodings (quoted-printable, base64): every line
   * within the limits of RFC 5322 */
  g_mime_object_encode(GMIME_OBJECT(m), GMIME_ENCODING_CONSTRAINT_7BIT);
  GMimeFormatOptions *fo = g_mime_format_options_clone(NULL);
  g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
  GMimeStream *os = g_mime_stream_mem_new();
  ssize_t w = g_mime_object_write_to_stream(GMIME_OBJECT(m), fo, os);
  GByteArray *ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(os));
  if (w >= 0 && ba) {
    *out = malloc(ba->len + 1);
    if (*out) {
      memcpy(*out, ba->data, ba->len);
      (*out)[ba->len] = '\0';
      if (out_len)
        *out_len = ba->len;
    }
  }
  g_object_unref(os);
  g_mime_format_options_free(fo);
  return w;
}

pc_status pc_mail_compose(const pc_doc *doc, const pc_mail_opts *o,
                          char **out, size_t *out_len, pc_error *err) {
  if (!doc || !o || !out)
    return pc_error_set(err, PC_ERR_USAGE, "pc_mail_compose: NULL argument");
  *out = NULL;
  pc_status st = check_from_to(o, err);
  if (st != PC_OK)
    return st;
  const char *title = pc_doc_meta(doc, PC_META_TITLE);
  const char *subject = o->subject && *o->subject ? o->subject
                        : title                   ? title
                                                  : "An article";
  if (strpbrk(subject, "\r\n"))
    return pc_error_set(err, PC_ERR_USAGE, "--subject: one line");
  struct bodies b;
  st = compose_bodies(doc, o, &b, err);
  if (st != PC_OK)
    return st;
  st = pc_mail_init(err); /* done already by the address checks above */
  if (st != PC_OK) {
    bodies_cleanup(&b);
    return st;
  }
  GMimeMessage *m = message_new(o, subject);
  message_parts(m, o, title, &b);
  ssize_t w = message_write(m, out, out_len);
  g_object_unref(m);
  bodies_cleanup(&b);
  if (!*out)
    return pc_error_set(err, w < 0 ? PC_ERR_INTERNAL : PC_ERR_NOMEM,
                        "cannot write the message");
  return PC_OK;
}

char *pc_mail_attachment_name(const pc_doc *doc, const char *ext) {
  return pc_mail_filename(pc_doc_meta(doc, PC_META_TITLE), ext);
}
