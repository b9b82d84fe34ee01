/* connlimits.c - connection-level limits of presscut serve (see
 * connlimits.h). */
#include "internal.h"
#include "core/dl_mhd.h"
#include "server/connlimits.h"

#include <dlfcn.h>
#include <malloc.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How often the sweeper looks for late heads and bodies. */
#define SWEEP_MS 200

/* A connection, from accepted to closed; its fd is still open when it is
 * forgotten (libmicrohttpd notifies the close before it closes the fd). */
struct conn {
  struct conn *prev, *next;
  int fd;
  struct sockaddr_storage addr;
  enum pc_conn_phase phase;
  double since; /* monotonic seconds: when the phase began */
  bool cut;     /* its socket was shut down */
};

struct pc_connlimits {
  struct pc_connlimits_cfg cfg;
  pthread_mutex_t lock; /* everything below */
  pthread_cond_t wake;  /* the sweeper's sleep, cut short by quit */
  struct conn *head;
  unsigned count;
  size_t inflight, peak; /* body bytes held; most since the last trim */
  size_t freed;          /* bytes given back since the last trim */
  /* body bytes held per client address: at most one entry an address
   * with bytes held, so max_conns entries are enough (0 bytes: free) */
  struct addr_held {
    struct sockaddr_storage addr;
    size_t bytes;
  } *held;
  bool quit;
  pthread_t sweeper;
};

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The same client address (the port aside). */
static bool same_addr(const struct sockaddr *a, const struct sockaddr *b) {
  if (a->sa_family != b->sa_family)
    return false;
  if (a->sa_family == AF_INET)
    return memcmp(&((const struct sockaddr_in *)(const void *)a)->sin_addr,
                  &((const struct sockaddr_in *)(const void *)b)->sin_addr,
                  sizeof(struct in_addr)) == 0;
  if (a->sa_family == AF_INET6)
    return memcmp(&((const struct sockaddr_in6 *)(const void *)a)->sin6_addr,
                  &((const struct sockaddr_in6 *)(const void *)b)->sin6_addr,
                  sizeof(struct in6_addr)) == 0;
  return true; /* no address to tell clients apart: one client */
}

static bool late(const struct pc_connlimits *l, const struct conn *k,
                 double now) {
  if (k->cut || k->phase == PC_CONN_WORK)
    return false;
  unsigned limit = k->phase == PC_CONN_HEAD ? l->cfg.head_s : l->cfg.body_s;
  return now - k->since > (double)limit;
}

/* Shuts down the sockets of late connections, every SWEEP_MS. */
static void *sweep(void *arg) {
  struct pc_connlimits *l = arg;
  pthread_mutex_lock(&l->lock);
  while (!l->quit) {
    double now = now_s();
    for (struct conn *k = l->head; k; k = k->next)
      if (late(l, k, now)) {
        shutdown(k->fd, SHUT_RDWR);
        k->cut = true;
      }
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_nsec += SWEEP_MS * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
      until.tv_sec++;
      until.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&l->wake, &l->lock, &until);
  }
  pthread_mutex_unlock(&l->lock);
  return NULL;
}

bool pc_connlimits_new(const struct pc_connlimits_cfg *cfg,
                       struct pc_connlimits **out) {
  *out = NULL;
  struct pc_connlimits *l = calloc(1, sizeof *l);
  if (!l)
    return false;
  l->cfg = *cfg;
  if (!(l->held = calloc(cfg->max_conns + 1u, sizeof *l->held))) {
    free(l);
    return false;
  }
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_init(&l->wake, &ca);
  pthread_condattr_destroy(&ca);
  pthread_mutex_init(&l->lock, NULL);
  if (pthread_create(&l->sweeper, NULL, sweep, l) != 0) {
    pthread_cond_destroy(&l->wake);
    pthread_mutex_destroy(&l->lock);
    free(l->held);
    free(l);
    return false;
  }
  *out = l;
  return true;
}

void pc_connlimits_free(struct pc_connlimits *l) {
  if (!l)
    return;
  pthread_mutex_lock(&l->lock);
  l->quit = true;
  pthread_cond_signal(&l->wake);
  pthread_mutex_unlock(&l->lock);
  pthread_join(l->sweeper, NULL);
  for (struct conn *k = l->head, *next; k; k = next) {
    next = k->next;
    free(k);
  }
  pthread_cond_destroy(&l->wake);
  pthread_mutex_destroy(&l->lock);
  free(l->held);
  free(l);
}

enum MHD_Result pc_connlimits_accept(void *cls, const struct sockaddr *addr,
                                     socklen_t len) {
  struct pc_connlimits *l = cls;
  (void)len;
  unsigned reserve = l->cfg.max_conns / 8, same = 0;
  pthread_mutex_lock(&l->lock);
  for (const struct conn *k = l->head; k; k = k->next)
    same += same_addr((const struct sockaddr *)&k->addr, addr);
  bool shared = l->cfg.shared_peer &&
                l->cfg.shared_peer(l->cfg.shared_closure, addr);
  bool ok = l->count < l->cfg.max_conns &&
            (shared || (same < l->cfg.per_addr &&
                        (same == 0 || l->count + reserve < l->cfg.max_conns)));
  pthread_mutex_unlock(&l->lock);
  return ok ? MHD_YES : MHD_NO;
}

static void remember(struct pc_connlimits *l, struct MHD_Connection *c,
                     void **socket_context) {
  const union MHD_ConnectionInfo *fd =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
  const union MHD_ConnectionInfo *ad =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  struct conn *k = calloc(1, sizeof *k);
  if (!k || !fd || !ad || !ad->client_addr) { /* not tracked: no deadline */
    free(k);
    return;
  }
  k->fd = fd->connect_fd;
  size_t alen = ad->client_addr->sa_family == AF_INET6
                    ? sizeof(struct sockaddr_in6)
                : ad->client_addr->sa_family == AF_INET
                    ? sizeof(struct sockaddr_in)
                    : sizeof(sa_family_t); /* a Unix socket: no address */
  memcpy(&k->addr, ad->client_addr, alen);
  k->phase = PC_CONN_HEAD;
  k->since = now_s();
  pthread_mutex_lock(&l->lock);
  k->next = l->head;
  if (l->head)
    l->head->prev = k;
  l->head = k;
  l->count++;
  pthread_mutex_unlock(&l->lock);
  *socket_context = k;
}

void pc_connlimits_notify(void *cls, struct MHD_Connection *c,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode code) {
  struct pc_connlimits *l = cls;
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    remember(l, c, socket_context);
    return;
  }
  struct conn *k = *socket_context;
  if (!k)
    return;
  pthread_mutex_lock(&l->lock);
  if (k->prev)
    k->prev->next = k->next;
  else
    l->head = k->next;
  if (k->next)
    k->next->prev = k->prev;
  l->count--;
  pthread_mutex_unlock(&l->lock);
  free(k);
  *socket_context = NULL;
}

void pc_connlimits_phase(struct pc_connlimits *l, struct MHD_Connection *c,
                         enum pc_conn_phase phase) {
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  struct conn *k = ci ? ci->socket_context : NULL;
  if (!k)
    return;
  pthread_mutex_lock(&l->lock);
  k->phase = phase;
  k->since = now_s();
  pthread_mutex_unlock(&l->lock);
}

/* addr's entry in l->held (a free one when it holds nothing), or NULL
 * when none is free; under l->lock. */
static struct addr_held *held_of(struct pc_connlimits *l,
                                 const struct sockaddr *addr) {
  struct addr_held *free_one = NULL;
  for (unsigned i = 0; i <= l->cfg.max_conns; i++) {
    struct addr_held *h = &l->held[i];
    if (h->bytes && same_addr((const struct sockaddr *)&h->addr, addr))
      return h;
    if (!h->bytes && !free_one)
      free_one = h;
  }
  return free_one;
}

static size_t addr_len(const struct sockaddr *a) {
  return a->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
         : a->sa_family == AF_INET ? sizeof(struct sockaddr_in)
                                   : sizeof(struct sockaddr);
}

bool pc_connlimits_take(struct pc_connlimits *l, const struct sockaddr *addr,
                        size_t n) {
  pthread_mutex_lock(&l->lock);
  struct addr_held *h = addr ? held_of(l, addr) : NULL;
  bool ok = n <= l->cfg.max_inflight - l->inflight &&
            (!addr || (h && n <= l->cfg.addr_inflight - h->bytes));
  if (ok) {
    l->inflight += n;
    if (l->inflight > l->peak)
      l->peak = l->inflight;
    if (h) {
      if (!h->bytes)
        memcpy(&h->addr, addr, addr_len(addr));
      h->bytes += n;
    }
  }
  pthread_mutex_unlock(&l->lock);
  return ok;
}

/* Gives freed memory back to the system: glibc's malloc_trim, and
 * mimalloc's mi_collect when the program allocates with mimalloc (the
 * presscut command does; the library does not link it). */
static void give_back_memory(void) {
  malloc_trim(0);
  void *sym = dlsym(RTLD_DEFAULT, "mi_collect");
  if (sym) {
    void (*collect)(bool);
    memcpy(&collect, &sym, sizeof collect);
    collect(true);
  }
}

void pc_connlimits_give(struct pc_connlimits *l, const struct sockaddr *addr,
                        size_t n) {
  if (!n)
    return;
  pthread_mutex_lock(&l->lock);
  l->inflight -= n < l->inflight ? n : l->inflight;
  struct addr_held *h = addr ? held_of(l, addr) : NULL;
  if (h && h->bytes)
    h->bytes -= n < h->bytes ? n : h->bytes;
  l->freed += n;
  /* after a flood (a few MiB held): once most of it is gone, and again
   * when all of it is (what was freed after the first trim) */
  bool trim = (l->peak >= ((size_t)4 << 20) && l->inflight <= l->peak / 8) ||
              (l->inflight == 0 && l->freed >= ((size_t)4 << 20));
  if (trim) {
    l->peak = l->inflight;
    l->freed = 0;
  }
  pthread_mutex_unlock(&l->lock);
  if (trim)
    give_back_memory();
}
