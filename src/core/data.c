/* data.c - the data files: a user's --data-dir copy or the built-in one,
 * and the line format they all share. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* Reads path whole and passes it to parse; the file is open (f). */
static pc_status load_file(FILE *f, const char *path,
                           pc_status (*parse)(void *, const char *, size_t,
                                              pc_error *),
                           void *dst, pc_error *err) {
  struct pc_buf b;
  pc_buf_init(&b, 16u * 1024u * 1024u);
  char tmp[8192];
  size_t k;
  while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
    pc_buf_add(&b, tmp, k);
  bool bad = ferror(f) || b.failed;
  fclose(f);
  pc_status st = bad ? pc_error_set(err, PC_ERR_IO, "cannot read %s", path)
                     : parse(dst, b.data ? b.data : "", b.len, err);
  pc_buf_cleanup(&b);
  return st;
}

pc_status pc_data_load(const char *data_dir, const char *name,
                       pc_status (*parse)(void *, const char *, size_t,
                                          pc_error *),
                       void *dst, pc_error *err) {
  if (data_dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", data_dir, name);
    FILE *f = fopen(path, "rb");
    if (f)
      return load_file(f, path, parse, dst, err);
  }
  for (size_t i = 0; i < pc_data_nfiles; i++)
    if (strcmp(pc_data_files[i].name, name) == 0)
      return parse(dst, (const char *)pc_data_files[i].data,
                   pc_data_files[i].len, err);
  return pc_error_set(err, PC_ERR_INTERNAL, "built-in data %s missing", name);
}

pc_status pc_data_lines(const char *s, size_t n,
                        pc_status (*line)(void *, const char *, const char *,
                                          pc_error *),
                        void *closure, pc_error *err) {
  const char *end = s + n;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *le = nl ? nl : end;
    if (le > s && *s != '#') {
      pc_status st = line(closure, s, le, err);
      if (st != PC_OK)
        return st;
    }
    s = nl ? nl + 1 : end;
  }
  return PC_OK;
}

pc_status pc_data_words(const char *s, const char *e,
                        pc_status (*word)(void *, const char *, const char *,
                                          pc_error *),
                        void *closure, pc_error *err) {
  while (s < e) {
    while (s < e && *s == ' ')
      s++;
    const char *we = s;
    while (we < e && *we != ' ')
      we++;
    if (we > s) {
      pc_status st = word(closure, s, we, err);
      if (st != PC_OK)
        return st;
    }
    s = we;
  }
  return PC_OK;
}
