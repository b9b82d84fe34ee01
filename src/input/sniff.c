/* sniff.c - tells HTML from plain text by the first bytes. */
#include "input.h"

#include <string.h>

pc_input_kind pc_sniff(const char *data, size_t len) {
  size_t i = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
                     data[i] == '\n' || data[i] == '\f'))
    i++;
  if (i < len && data[i] == '<') {
    static const char *const tags[] = {"<!doctype html", "<html", "<head",
                                       "<body", "<!--", "<meta", "<div",
                                       "<p", "<article", "<title", "<?xml",
                                       "<script", "<h1", "<table", "<section",
                                       "<main", "<link", "<style"};
    for (size_t k = 0; k < sizeof tags / sizeof *tags; k++)
      if (len - i >= strlen(tags[k]) && pc_ascii_istarts(data + i, tags[k]))
        return PC_INPUT_HTML;
  }
  /* Tags in the first 4 KiB: a fragment of HTML without a doctype. */
  size_t lim = len < 4096 ? len : 4096;
  size_t tags = 0;
  for (size_t k = 0; k + 3 < lim; k++)
    if (data[k] == '<' && (data[k + 1] == '/' || data[k + 1] == 'p' ||
                           data[k + 1] == 'a' || data[k + 1] == 'd' ||
                           data[k + 1] == 'b' || data[k + 1] == 'P'))
      tags++;
  if (tags >= 4)
    return PC_INPUT_HTML;
  /* UTF-16 with a BOM is sniffed after conversion by the caller. */
  return PC_INPUT_TEXT;
}

/* Magic numbers of what is surely not a page: the kind's name. */
static const char *magic_kind(const unsigned char *u, size_t len) {
  static const struct {
    const char *magic;
    size_t n;
    const char *kind;
  } m[] = {
      {"%PDF-", 5, "a PDF"},
      {"\x7f" "ELF", 4, "an executable"},
      {"\x89PNG\r\n\x1a\n", 8, "an image (PNG)"},
      {"GIF87a", 6, "an image (GIF)"},
      {"GIF89a", 6, "an image (GIF)"},
      {"\xff\xd8\xff", 3, "an image (JPEG)"},
      {"II*\0", 4, "an image (TIFF)"},
      {"MM\0*", 4, "an image (TIFF)"},
      {"PK\x03\x04", 4, "an archive (ZIP, or an office document)"},
      {"\x1f\x8b", 2, "compressed data (gzip)"},
      {"BZh", 3, "compressed data (bzip2)"},
      {"\xfd" "7zXZ\0", 6, "compressed data (xz)"},
      {"\x28\xb5\x2f\xfd", 4, "compressed data (zstd)"},
      {"7z\xbc\xaf\x27\x1c", 6, "an archive (7-Zip)"},
      {"Rar!\x1a\x07", 6, "an archive (RAR)"},
      {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "an office document"},
      {"SQLite format 3", 16, "a database (SQLite)"},
      {"OggS", 4, "audio or video (Ogg)"},
      {"ID3", 3, "audio (MP3)"},
      {"fLaC", 4, "audio (FLAC)"},
      {"wOFF", 4, "a font (WOFF)"},
      {"wOF2", 4, "a font (WOFF2)"},
      {"\0asm", 4, "a WebAssembly module"},
      {"\xca\xfe\xba\xbe", 4, "an executable"},
      {"\xcf\xfa\xed\xfe", 4, "an executable"},
  };
  for (size_t i = 0; i < sizeof m / sizeof *m; i++)
    if (len >= m[i].n && memcmp(u, m[i].magic, m[i].n) == 0)
      return m[i].kind;
  if (len >= 12 && memcmp(u, "RIFF", 4) == 0)
    return memcmp(u + 8, "WEBP", 4) == 0 ? "an image (WebP)"
                                         : "audio or video (RIFF)";
  if (len >= 12 && memcmp(u + 4, "ftyp", 4) == 0)
    return "an image or a video (ISO media)";
  return NULL;
}

/* A Content-Type naming what is surely not a page (its top-level type or
 * a known application type): the kind's name. */
static const char *type_kind(const char *ct) {
  while (*ct == ' ' || *ct == '\t')
    ct++;
  static const struct {
    const char *prefix, *kind;
  } t[] = {
      {"image/", "an image"},
      {"audio/", "audio"},
      {"video/", "a video"},
      {"font/", "a font"},
      {"model/", "a 3D model"},
      {"application/pdf", "a PDF"},
      {"application/zip", "an archive"},
      {"application/gzip", "compressed data"},
      {"application/x-gzip", "compressed data"},
      {"application/x-tar", "an archive"},
      {"application/x-7z", "an archive"},
      {"application/vnd.rar", "an archive"},
      {"application/x-executable", "an executable"},
      {"application/wasm", "a WebAssembly module"},
      {"application/msword", "an office document"},
      {"application/vnd.ms-", "an office document"},
      {"application/vnd.openxmlformats", "an office document"},
      {"application/vnd.oasis.opendocument", "an office document"},
  };
  for (size_t i = 0; i < sizeof t / sizeof *t; i++)
    if (pc_ascii_istarts(ct, t[i].prefix))
      return t[i].kind;
  return NULL;
}

/* Bytes no text has (C0 controls but TAB, LF, VT, FF, CR and ESC, which
 * ISO-2022 encodings use); NUL is counted apart. */
static bool binary_byte(unsigned char c) {
  return c > 0 && c < 0x20 && c != '\t' && c != '\n' && c != 0x0b &&
         c != '\f' && c != '\r' && c != 0x1b;
}

/* The bytes of the first 8 KiB that no text has: controls, and NULs
 * that are not in a run of 16 or more (a file padded or damaged by a run
 * of zeros is still a text; UTF-16 without a byte order mark, with a NUL
 * every other byte, is not one). */
static size_t binary_bytes(const unsigned char *u, size_t lim) {
  size_t bad = 0;
  for (size_t i = 0; i < lim;) {
    if (u[i] != 0) {
      bad += binary_byte(u[i++]);
      continue;
    }
    size_t j = i;
    while (j < lim && u[j] == 0)
      j++;
    if (j - i < 16)
      bad += j - i;
    i = j;
  }
  return bad;
}

const char *pc_input_refusal(const char *data, size_t len,
                             const char *content_type) {
  const unsigned char *u = (const unsigned char *)data;
  const char *kind = content_type ? type_kind(content_type) : NULL;
  if (kind)
    return kind;
  if ((len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                    (u[0] == 0xFE && u[1] == 0xFF))) ||
      (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF))
    return NULL; /* a byte order mark: text (UTF-16 has NULs) */
  if ((kind = magic_kind(u, len)) != NULL)
    return kind;
  if (pc_sniff(data, len) == PC_INPUT_HTML)
    return NULL; /* a page with garbage in it is a damaged page */
  /* A few stray control bytes are a damaged text, not a binary: more
   * than one in 64 of the first 8 KiB (and at least 4) is a binary. */
  size_t lim = len < 8192 ? len : 8192;
  size_t bad = binary_bytes(u, lim);
  if (bad >= 4 && bad > lim / 64)
    return "binary data";
  return NULL;
}
