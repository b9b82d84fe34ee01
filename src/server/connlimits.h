/* connlimits.h - connection-level limits of presscut serve: connections
 * in all and per client address (with room kept for new addresses), a
 * deadline for a whole request head and for a whole body, and a budget of
 * request-body bytes held by all connections together.
 *
 * libmicrohttpd's idle timeout restarts on every byte, so the deadlines
 * are kept here: each connection is registered when accepted
 * (MHD_OPTION_NOTIFY_CONNECTION), and a sweeper thread shuts down the
 * socket of one whose head or body is late; libmicrohttpd then sees the
 * socket end and closes the connection as usual.
 *
 * Threads: the callbacks run on libmicrohttpd's thread, the sweeper on
 * its own; one mutex guards the table. */
#ifndef PC_SERVER_CONNLIMITS_H
#define PC_SERVER_CONNLIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include <microhttpd.h>

struct pc_connlimits;

struct pc_connlimits_cfg {
  unsigned max_conns;    /* connections in all */
  unsigned per_addr;     /* connections from one client address */
  unsigned head_s;       /* seconds to receive a whole request head */
  unsigned body_s;       /* seconds to receive a whole body */
  size_t max_inflight;   /* body bytes held by all connections */
  size_t addr_inflight;  /* ... and by the connections of one address */
  /* Peers the per-address caps do not apply to (trusted reverse proxies,
   * which carry many clients' connections), or NULL. */
  bool (*shared_peer)(void *closure, const struct sockaddr *addr);
  void *shared_closure;
};

/* Starts the sweeper; *out is the caller's, freed by
 * pc_connlimits_free (after the daemon has stopped).  false when out of
 * memory or no thread. */
bool pc_connlimits_new(const struct pc_connlimits_cfg *cfg,
                       struct pc_connlimits **out);
void pc_connlimits_free(struct pc_connlimits *l);

/* MHD_AcceptPolicyCallback (cls: the limits): refuses a connection over
 * the per-address cap or the total, and, in the last eighth of the total,
 * one from an address that already has a connection (neither for a
 * shared_peer: the total only). */
enum MHD_Result pc_connlimits_accept(void *cls, const struct sockaddr *addr,
                                     socklen_t len);
/* MHD_NotifyConnectionCallback (cls: the limits): registers and forgets
 * connections; the head deadline starts at once. */
void pc_connlimits_notify(void *cls, struct MHD_Connection *c,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode code);

enum pc_conn_phase {
  PC_CONN_HEAD, /* receiving a request head: the head deadline runs */
  PC_CONN_BODY, /* receiving its body: the body deadline runs */
  PC_CONN_WORK  /* working or answering: no deadline here */
};
/* Moves c's connection to phase (its deadline starts now); from
 * libmicrohttpd's thread. */
void pc_connlimits_phase(struct pc_connlimits *l, struct MHD_Connection *c,
                         enum pc_conn_phase phase);

/* Takes n bytes of the body budget; false (nothing taken) past it.
 * pc_connlimits_give returns them (call it after freeing the body, on
 * the thread that allocated it); after a flood of a few MiB, once an
 * eighth or less of it is still held, freed memory is given back to the
 * system. */
bool pc_connlimits_take(struct pc_connlimits *l, const struct sockaddr *addr,
                        size_t n);
void pc_connlimits_give(struct pc_connlimits *l, const struct sockaddr *addr,
                        size_t n);

#endif
