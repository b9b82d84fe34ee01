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
