/* web.c - the accusation network as one JSON object, for the archive view
 * of `presscut serve --db` (PC_ARCHIVE_NETWORK).
 *
 * The same edges as GraphML (claimant -> accused, a polarity, the number
 * of claims, the first and last date); each node also carries its
 * mentions, the claims it takes part in (as claimant or accused) among
 * the edges given, which the page sizes it by. */
#include "archive/archive.h"

#include <string.h>

struct node {
  const char *name, *type;
  long long mentions;
  size_t id;
};

/* The node of name, made on first sight (nodes numbered in order). */
static struct node *node_of(GHashTable *ids, GPtrArray *order,
                            const char *name, const char *type) {
  struct node *n = g_hash_table_lookup(ids, name);
  if (n)
    return n;
  n = g_new0(struct node, 1);
  n->name = name;
  n->type = type;
  n->id = order->len;
  g_hash_table_insert(ids, (gpointer)name, n);
  g_ptr_array_add(order, n);
  return n;
}

static void str_field(struct pc_buf *b, const char *k, const char *v) {
  pc_buf_printf(b, ",\"%s\":", k);
  if (v)
    pc_json_cstr(b, v);
  else
    pc_buf_adds(b, "null");
}

void ar_network_json(struct pc_buf *b, const GPtrArray *edges, size_t limit) {
  size_t n = edges->len;
  if (limit && limit < n)
    n = limit;
  GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *order = g_ptr_array_new_with_free_func(g_free);
  size_t *ends = g_new0(size_t, 2 * n + 1);
  for (size_t i = 0; i < n; i++) {
    const struct ar_edge_row *e = g_ptr_array_index(edges, i);
    struct node *c = node_of(ids, order, e->claimant ? e->claimant : "",
                             e->ctype);
    struct node *a = node_of(ids, order, e->accused ? e->accused : "",
                             e->atype);
    c->mentions += e->count;
    if (a != c)
      a->mentions += e->count;
    ends[2 * i] = c->id;
    ends[2 * i + 1] = a->id;
  }
  pc_buf_adds(b, "{\"nodes\":[");
  for (guint i = 0; i < order->len; i++) {
    const struct node *nd = g_ptr_array_index(order, i);
    pc_buf_printf(b, "%s{\"id\":%u", i ? "," : "", i);
    str_field(b, "name", nd->name);
    str_field(b, "type", nd->type ? nd->type : "unknown");
    pc_buf_printf(b, ",\"mentions\":%lld}", nd->mentions);
  }
  pc_buf_adds(b, "],\"edges\":[");
  for (size_t i = 0; i < n; i++) {
    const struct ar_edge_row *e = g_ptr_array_index(edges, i);
    pc_buf_printf(b, "%s{\"source\":%zu,\"target\":%zu,\"count\":%lld",
                  i ? "," : "", ends[2 * i], ends[2 * i + 1], e->count);
    str_field(b, "polarity", e->polarity);
    str_field(b, "first", e->first);
    str_field(b, "last", e->last);
    pc_buf_addc(b, '}');
  }
  pc_buf_printf(b, "],\"truncated\":%s}\n",
                n < edges->len ? "true" : "false");
  g_free(ends);
  g_ptr_array_free(order, TRUE);
  g_hash_table_destroy(ids);
}
