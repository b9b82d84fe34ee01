/* arena.c - bump allocator: a document's strings and blocks die together. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct pc_arena_chunk {
  struct pc_arena_chunk *next;
  size_t used, size;
  max_align_t data[]; /* flexible, aligned storage */
};

#define CHUNK_MIN (16u * 1024u)

void pc_arena_init(struct pc_arena *a) {
  a->head = NULL;
  a->total = 0;
}

void pc_arena_cleanup(struct pc_arena *a) {
  struct pc_arena_chunk *c = a->head;
  while (c) {
    struct pc_arena_chunk *next = c->next;
    free(c);
    c = next;
  }
  a->head = NULL;
  a->total = 0;
}

void *pc_arena_alloc(struct pc_arena *a, size_t n) {
  const size_t align = sizeof(max_align_t);
  if (n > SIZE_MAX / 2)
    return NULL;
  n = (n + align - 1) / align * align;
  if (n == 0)
    n = align;
  struct pc_arena_chunk *c = a->head;
  if (!c || c->size - c->used < n) {
    size_t size = n > CHUNK_MIN ? n : CHUNK_MIN;
    c = malloc(sizeof *c + size);
    if (!c)
      return NULL;
    c->size = size;
    c->used = 0;
    /* A big one-off allocation goes behind the head so the head's free
     * space is not wasted. */
    if (a->head && n > CHUNK_MIN) {
      c->next = a->head->next;
      a->head->next = c;
    } else {
      c->next = a->head;
      a->head = c;
    }
    a->total += size;
  }
  void *p = (char *)c->data + c->used;
  c->used += n;
  memset(p, 0, n);
  return p;
}

char *pc_arena_strndup(struct pc_arena *a, const char *s, size_t n) {
  char *p = pc_arena_alloc(a, n + 1);
  if (!p)
    return NULL;
  if (n)
    memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *pc_arena_strdup(struct pc_arena *a, const char *s) {
  return pc_arena_strndup(a, s, strlen(s));
}
