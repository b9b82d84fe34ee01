/* hyph.c - dictionary hyphenation with libhyphen (the LibreOffice
 * dictionaries Debian ships in /usr/share/hyphen): soft hyphens (U+00AD)
 * inserted where a word may break, for pango to use. */
#include "hyph.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <hyphen.h>
#include <utf8proc.h>

#define HYPH_DIR "/usr/share/hyphen"
#define MAX_WORD 64 /* bytes; longer "words" (URLs, codes) are left alone */

void *pc_hyph_load(const char *lang) {
  if (!lang || strlen(lang) < 2 || strlen(lang) > 8)
    return NULL;
  for (const char *p = lang; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '-'))
      return NULL; /* a language tag, never a path */
  char want[3] = {(char)(lang[0] | 0x20), (char)(lang[1] | 0x20), 0};
  /* the language's main region first (en_US, de_DE, fr_FR, ru_RU) */
  char path[512];
  char upper[3] = {(char)(want[0] - 32), (char)(want[1] - 32), 0};
  const char *tries[3] = {"%s/hyph_%s_%s.dic", "%s/hyph_%s.dic", NULL};
  for (int k = 0; tries[k]; k++) {
    if (k == 0 && strcmp(want, "en") == 0)
      snprintf(path, sizeof path, "%s/hyph_en_US.dic", HYPH_DIR);
    else if (k == 0)
      snprintf(path, sizeof path, tries[0], HYPH_DIR, want, upper);
    else
      snprintf(path, sizeof path, tries[1], HYPH_DIR, want);
    FILE *f = fopen(path, "rb");
    if (f) {
      fclose(f);
      HyphenDict *d = hnj_hyphen_load(path);
      if (d)
        return d;
    }
  }
  /* any region of the language */
  DIR *dir = opendir(HYPH_DIR);
  if (!dir)
    return NULL;
  char prefix[16];
  snprintf(prefix, sizeof prefix, "hyph_%.2s_", want);
  HyphenDict *d = NULL;
  for (struct dirent *e; !d && (e = readdir(dir));) {
    size_t n = strlen(e->d_name);
    if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && n > 4 &&
        strcmp(e->d_name + n - 4, ".dic") == 0) {
      snprintf(path, sizeof path, "%s/%s", HYPH_DIR, e->d_name);
      d = hnj_hyphen_load(path);
    }
  }
  closedir(dir);
  return d;
}

void pc_hyph_free(void *dict) {
  if (dict)
    hnj_hyphen_free(dict);
}

static bool letter(uint32_t cp) {
  utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Soft hyphens into one word [s, s + n) of nchars characters. */
static void word(HyphenDict *d, const char *s, size_t n, size_t nchars,
                 struct pc_buf *out, size_t *map, size_t base) {
  char low[MAX_WORD * 2 + 8];
  size_t ll = 0;
  bool same = true; /* lower-casing kept every character's length */
  for (size_t i = 0; i < n && same;) {
    uint32_t cp;
    size_t k = pc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!k)
      break;
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t el =
        utf8proc_encode_char(utf8proc_tolower((utf8proc_int32_t)cp), enc);
    same = el == (utf8proc_ssize_t)k && ll + k < sizeof low;
    if (same)
      memcpy(low + ll, enc, k), ll += k;
    i += k;
  }
  low[ll] = '\0'; /* libhyphen reads the word as a C string too */
  char hy[MAX_WORD * 2 + 8];
  /* an 8-bit dictionary (ISO 8859-1 German, KOI8-R Russian) reads the word
   * in its own charset, one byte a character */
  char *conv = NULL;
  const char *w = low;
  size_t wl = ll;
  if (same && !d->utf8) {
    gsize cl = 0;
    conv = g_convert(low, (gssize)ll, d->cset, "UTF-8", NULL, &cl, NULL);
    same = conv && cl == nchars;
    w = conv, wl = cl;
  }
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  /* hyphenate2: hyphenate3's compound levels leak (libhyphen 2.8.8); the
   * word-end minimums (2 before, 3 after) are applied below */
  bool ok = same && nchars >= 5 &&
            hnj_hyphen_hyphenate2(d, w, (int)wl, hy, NULL, &rep, &pos, &cut) ==
                0;
  if (rep) { /* non-standard points ("Schiff=fahrt") are not used */
    for (size_t i = 0; i < wl; i++)
      free(rep[i]);
    free(rep);
  }
  free(pos);
  free(cut);
  g_free(conv);
  size_t ci = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = pc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!k)
      k = 1;
    for (size_t j = 0; j < k; j++)
      map[base + i + j] = out->len + j;
    pc_buf_add(out, s + i, k);
    i += k;
    /* hyphens[] counts characters (one byte each in 8-bit charsets) */
    size_t at = ci;
    if (ok && i < n && (hy[at] & 1) && ci >= 1 && ci + 3 < nchars)
      pc_buf_add(out, "\xC2\xAD", 2);
    ci++;
  }
}

char *pc_hyphenate(void *dict, const char *s, size_t n, size_t *out_len,
                   size_t **map_out) {
  struct pc_buf out;
  pc_buf_init(&out, (size_t)-1);
  size_t *map = malloc((n + 1) * sizeof *map);
  if (!map)
    return NULL;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = pc_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!k || !dict || !letter(cp)) {
      if (!k)
        k = 1;
      for (size_t j = 0; j < k && i + j < n; j++)
        map[i + j] = out.len + j;
      pc_buf_add(&out, s + i, i + k <= n ? k : n - i);
      i += k;
      continue;
    }
    size_t e = i, chars = 0;
    while (e < n) {
      size_t k2 = pc_utf8_decode((const unsigned char *)s + e, n - e, &cp);
      if (!k2 || !letter(cp))
        break;
      e += k2;
      chars++;
    }
    if (e - i <= MAX_WORD) {
      word(dict, s + i, e - i, chars, &out, map, i);
    } else {
      for (size_t j = i; j < e; j++)
        map[j] = out.len + (j - i);
      pc_buf_add(&out, s + i, e - i);
    }
    i = e;
  }
  map[n] = out.len;
  if (out.failed) {
    free(map);
    pc_buf_cleanup(&out);
    return NULL;
  }
  if (!out.data)
    pc_buf_add(&out, "", 0);
  *map_out = map;
  return pc_buf_steal(&out, out_len);
}
