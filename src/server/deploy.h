/* deploy.h - what presscut serve needs to run behind a reverse proxy and
 * under systemd (docs/deploy.md): its listening socket (TCP or a Unix
 * socket, opened here so that a failure names its reason), the base path,
 * the trusted proxies whose X-Forwarded-For names the client, the access
 * log line, and sd_notify.
 *
 * Nothing here keeps state between calls: the caller owns every struct. */
#ifndef PC_SERVER_DEPLOY_H
#define PC_SERVER_DEPLOY_H

#include "internal.h"

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

/* A listening socket. */
struct pc_listener {
  int fd;                 /* -1 when not open */
  int family;             /* AF_INET, AF_INET6 or AF_UNIX */
  unsigned port;          /* the bound port (TCP) */
  char host[128];         /* "127.0.0.1", "::1" (no brackets); "" for unix */
  char path[sizeof(((struct sockaddr_un *)0)->sun_path)]; /* unix */
};

/* Opens and binds a listening socket for listen ("HOST:PORT", "[V6]:PORT"
 * or "unix:/PATH"), non-blocking.  A Unix socket is made mode 0660, and a
 * socket file nobody listens on any more is replaced.  PC_ERR_USAGE for a
 * malformed address, PC_ERR_NETWORK when it cannot listen
 * ("127.0.0.1:8080: address already in use"). */
pc_status pc_listener_open(const char *listen, struct pc_listener *l,
                           pc_error *err);
/* Removes a Unix socket's file (after the socket is closed). */
void pc_listener_unlink(const struct pc_listener *l);

/* The base path "/presscut/" from "/presscut", "presscut/" or
 * "/presscut/" into out; "/" for NULL.  PC_ERR_USAGE when it is not a
 * plain path (no "//", "..", query, fragment or control byte). */
pc_status pc_base_path(const char *in, char *out, size_t n, pc_error *err);

#define PC_MAX_PROXIES 32

/* The trusted proxies. */
struct pc_proxies {
  size_t n;
  struct {
    int family;
    unsigned char addr[16];
    unsigned bits; /* prefix length */
  } net[PC_MAX_PROXIES];
  bool unix_peers; /* "unix": peers on the Unix socket */
};

/* "127.0.0.1,10.0.0.0/8,::1,unix" into p (NULL: none).  PC_ERR_USAGE for
 * an entry that is none of these. */
pc_status pc_proxies_parse(const char *list, struct pc_proxies *p,
                           pc_error *err);

/* Whether the socket peer is a trusted proxy. */
bool pc_proxy_peer(const struct pc_proxies *p, const struct sockaddr *peer);

/* The client of a request whose socket peer is peer: the peer itself,
 * unless it is a trusted proxy and xff (the X-Forwarded-For values,
 * joined by commas, or NULL) is given; then the right-most address of
 * xff that is not a trusted proxy (an entry that is not an address stops
 * the walk at the hop before it).  Into *out (family 0 for a Unix peer)
 * and, as text ("203.0.113.7", "unix", "?"), into text. */
void pc_client_of(const struct pc_proxies *p, const struct sockaddr *peer,
                  const char *xff, struct sockaddr_storage *out, char *text,
                  size_t n);

/* One access-log line into out (no newline): UTC time to the
 * millisecond, the client when client is not NULL, method, path (bytes
 * outside printable ASCII, spaces and '%' written %XX, at most 400 bytes
 * of it), status ("-" when no answer was sent), body bytes and
 * milliseconds. */
void pc_access_line(char *out, size_t n, const char *client,
                    const char *method, const char *path, unsigned status,
                    size_t bytes, double ms);

/* sd_notify(0, state) when NOTIFY_SOCKET is set (libsystemd loaded when
 * first needed); a failure to load it is reported on stderr once per
 * call. */
void pc_notify_systemd(const char *state);

#endif
