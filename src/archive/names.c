/* names.c - a speaker's name as the archive keys it.
 *
 * "Russian President Vladimir Putin", "President Putin", "Vladimir Putin"
 * and "Putin": the words up to the last title word ("president", "mr",
 * the roles of data/en/roles.txt) are dropped, then the words before the
 * first given name (data/en/given-names.txt), so the first and third give
 * the canonical name "vladimir putin"; the second and fourth are a bare
 * surname "putin", which the backend links to the one full name having
 * that surname, when there is exactly one (ar_backend.link). */
#include "archive/archive.h"

#include <stdlib.h>
#include <string.h>

struct ar_lex {
  GHashTable *given, *title;
};

static pc_status add_words(void *closure, const char *s, const char *e,
                           pc_error *err) {
  GHashTable *h = closure;
  const char *w = s;
  while (w < e) {
    while (w < e && *w == ' ')
      w++;
    const char *we = w;
    while (we < e && *we != ' ')
      we++;
    if (we > w)
      g_hash_table_add(h, g_ascii_strdown(w, we - w));
    w = we;
  }
  (void)err;
  return PC_OK;
}

/* given-names.txt: "name f|m": the first word only. */
static pc_status add_first(void *closure, const char *s, const char *e,
                           pc_error *err) {
  const char *sp = memchr(s, ' ', (size_t)(e - s));
  return add_words(closure, s, sp ? sp : e, err);
}

static pc_status parse_given(void *dst, const char *s, size_t n,
                             pc_error *err) {
  return pc_data_lines(s, n, add_first, dst, err);
}

static pc_status parse_words(void *dst, const char *s, size_t n,
                             pc_error *err) {
  return pc_data_lines(s, n, add_words, dst, err);
}

struct ar_lex *ar_lex_new(pc_error *err) {
  struct ar_lex *x = calloc(1, sizeof *x);
  if (!x) {
    pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    return NULL;
  }
  x->given = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  x->title = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  pc_status st = pc_data_load(NULL, "en/given-names.txt", parse_given,
                              x->given, err);
  if (st == PC_OK)
    st = pc_data_load(NULL, "en/honorifics.txt", parse_words, x->title, err);
  if (st == PC_OK)
    st = pc_data_load(NULL, "en/roles.txt", parse_words, x->title, err);
  static const char *const more[] = {"king",   "queen", "pope",  "sir",
                                     "dame",   "lord",  "lady",  "sheikh",
                                     "senator", "governor", "mayor", NULL};
  for (int i = 0; more[i]; i++)
    g_hash_table_add(x->title, g_strdup(more[i]));
  if (st != PC_OK) {
    ar_lex_free(x);
    return NULL;
  }
  return x;
}

void ar_lex_free(struct ar_lex *x) {
  if (!x)
    return;
  g_hash_table_destroy(x->given);
  g_hash_table_destroy(x->title);
  free(x);
}

/* The words of a name: split at spaces, outer punctuation off each
 * ("Mr." -> "Mr", "(Putin)" -> "Putin"); as written and lower case. */
static int split(const char *name, char **w, char **lw, int max) {
  int n = 0;
  char **parts = g_strsplit_set(name, " \t\n\r", -1);
  for (int i = 0; parts[i] && n < max; i++) {
    char *p = parts[i];
    size_t l = strlen(p);
    while (l && strchr(".,;:()[]\"'!?", p[l - 1]))
      l--;
    size_t b = 0;
    while (b < l && strchr(".,;:()[]\"'!?", p[b]))
      b++;
    if (b >= l)
      continue;
    w[n] = g_strndup(p + b, l - b);
    lw[n] = g_utf8_strdown(w[n], -1);
    n++;
  }
  g_strfreev(parts);
  return n;
}

static char *join(char **w, int from, int to) {
  GString *s = g_string_new(NULL);
  for (int i = from; i < to; i++) {
    if (i > from)
      g_string_append_c(s, ' ');
    g_string_append(s, w[i]);
  }
  return g_string_free(s, FALSE);
}

bool ar_name_make(const struct ar_lex *x, const char *name, const char *type,
                  struct ar_name *n) {
  memset(n, 0, sizeof *n);
  bool person = !type || strcmp(type, "person") == 0;
  enum { MAXW = 24 };
  char *w[MAXW], *lw[MAXW];
  int k = name ? split(name, w, lw, MAXW) : 0;
  if (!k)
    return false;
  n->form = join(lw, 0, k);
  if (!person) {
    char *typed = g_strconcat(type, ":", n->form, NULL);
    g_free(n->form);
    n->form = typed;
  }
  int from = 0;
  if (person) {
    for (int i = 0; i < k - 1; i++) /* through the last title word */
      if (g_hash_table_contains(x->title, lw[i]) &&
          !g_unichar_islower(g_utf8_get_char(w[i + 1])))
        from = i + 1; /* not "spokesman for the United States" */
    for (int i = from; i < k - 1; i++)
      if (g_hash_table_contains(x->given, lw[i])) {
        from = i;
        break;
      }
  } else if (k > 1 && strcmp(lw[0], "the") == 0) {
    from = 1;
  }
  n->canon = join(lw, from, k);
  n->cdisp = join(w, from, k);
  n->surname = g_strdup(lw[k - 1]);
  n->bare = person && k - from == 1;
  for (int i = 0; i < k; i++)
    g_free(w[i]), g_free(lw[i]);
  return true;
}

void ar_name_clear(struct ar_name *n) {
  g_free(n->form);
  g_free(n->canon);
  g_free(n->cdisp);
  g_free(n->surname);
  memset(n, 0, sizeof *n);
}

char *ar_form_key(const char *name, const char *type) {
  return g_strconcat(type ? type : "\x1e", "\x1f", name, NULL);
}

bool ar_form_hit(GHashTable *forms, const char *key, long long *id,
                 long long *speaker) {
  const struct ar_form_hit *h = g_hash_table_lookup(forms, key);
  if (h)
    *id = h->id, *speaker = h->speaker;
  return h != NULL;
}

void ar_form_keep(GHashTable *forms, char *key, long long id,
                  long long speaker) {
  if (!id) {
    g_free(key);
    return;
  }
  struct ar_form_hit *h = g_new(struct ar_form_hit, 1);
  h->id = id, h->speaker = speaker;
  g_hash_table_insert(forms, key, h);
}

long long ar_form_get(GHashTable *forms, ar_form_fn get, void *db,
                      const struct ar_lex *x, const char *name,
                      const char *type, long long *speaker) {
  char *key = ar_form_key(name, type);
  long long id = 0;
  if (ar_form_hit(forms, key, &id, speaker)) {
    g_free(key);
    return id;
  }
  id = get(db, x, name, type, speaker);
  ar_form_keep(forms, key, id, *speaker);
  return id;
}
