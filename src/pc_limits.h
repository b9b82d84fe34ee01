/*
 * pc_limits.h - every hard limit of libpresscut, in one place.
 *
 * Each limit can be overridden at build time (-DPC_MAX_...=N) and names
 * the attack or accident it stops.
 */
#ifndef PC_LIMITS_H
#define PC_LIMITS_H

/* Bytes of input accepted by pc_extract() by default.  A hostile or broken
 * page of hundreds of MiB would otherwise cost gigabytes of DOM. */
#ifndef PC_MAX_INPUT_DEFAULT
#define PC_MAX_INPUT_DEFAULT (32u * 1024u * 1024u)
#endif

/* Bytes of a fetched body (HTTP). */
#ifndef PC_MAX_FETCH_DEFAULT
#define PC_MAX_FETCH_DEFAULT (10u * 1024u * 1024u)
#endif

/* Element nesting depth walked by the extractor.  Deeper subtrees are
 * ignored: 100,000 nested <div>s would otherwise recurse off the stack. */
#ifndef PC_MAX_DEPTH
#define PC_MAX_DEPTH 512
#endif

/* Elements the DOM may hold; past it parsing stops and what was parsed is
 * used.  Stops memory blow-up from millions of tiny tags. */
#ifndef PC_MAX_NODES
#define PC_MAX_NODES 2000000u
#endif

/* Body blocks per document. */
#ifndef PC_MAX_BLOCKS
#define PC_MAX_BLOCKS 100000u
#endif

/* Bytes of one JSON-LD script parsed for metadata. */
#ifndef PC_MAX_JSONLD
#define PC_MAX_JSONLD (1024u * 1024u)
#endif

/* Bytes of one metadata value (title, byline...) kept. */
#ifndef PC_MAX_META
#define PC_MAX_META 2048u
#endif

/* Bytes of one attribute value we copy (src, href).  A 1 MiB data: URL in
 * an attribute would otherwise be copied around per block. */
#ifndef PC_MAX_ATTR
#define PC_MAX_ATTR 8192u
#endif

/* Quotations, claims and entities kept per document: a page of a million
 * "he said" would otherwise make the output, not the input, the attack. */
#ifndef PC_MAX_QUOTES
#define PC_MAX_QUOTES 20000u
#endif
#ifndef PC_MAX_ENTITIES
#define PC_MAX_ENTITIES 20000u
#endif

/* Bytes of any output buffer (rendering). */
#ifndef PC_MAX_OUTPUT
#define PC_MAX_OUTPUT (256u * 1024u * 1024u)
#endif

/* presscut serve, per connection (src/server/connlimits.c).  Defaults of
 * pc_serve_opts; each has an option of `presscut serve`. */
/* Connections in all, and from one client address: three addresses must
 * not fill the server (slowloris). */
#ifndef PC_SERVE_MAX_CONNS
#define PC_SERVE_MAX_CONNS 256u
#endif
#ifndef PC_SERVE_MAX_PER_ADDR
#define PC_SERVE_MAX_PER_ADDR 32u
#endif
/* Seconds to receive a whole request head, and a whole body: the idle
 * timeout restarts on every byte, so a byte every few seconds would
 * otherwise hold a connection for ever. */
#ifndef PC_SERVE_HEAD_TIMEOUT
#define PC_SERVE_HEAD_TIMEOUT 10u
#endif
#ifndef PC_SERVE_BODY_TIMEOUT
#define PC_SERVE_BODY_TIMEOUT 60u
#endif
/* Bytes of request bodies held at once by all connections: 200 bodies of
 * 10 MiB took 2 GiB. */
#ifndef PC_SERVE_MAX_INFLIGHT
#define PC_SERVE_MAX_INFLIGHT (64u * 1024u * 1024u)
#endif
/* Query arguments of one request: libmicrohttpd 0.9.75 keeps each in the
 * connection's 256 KiB pool and, when it runs out there, never answers. */
#ifndef PC_SERVE_MAX_QUERY_ARGS
#define PC_SERVE_MAX_QUERY_ARGS 100u
#endif
/* Images of one print call (pc_print_opts.max_image_fetches,
 * max_image_total, image_budget_s defaults): a page of 500 <img> of
 * distinct (or slow) URLs would otherwise make one PDF request 500
 * fetches of 10 MiB and 10 s each. */
#ifndef PC_MAX_IMAGE_FETCHES
#define PC_MAX_IMAGE_FETCHES 50
#endif
#ifndef PC_MAX_IMAGE_TOTAL
#define PC_MAX_IMAGE_TOTAL (32u * 1024u * 1024u)
#endif
#ifndef PC_IMAGE_BUDGET_S
#define PC_IMAGE_BUDGET_S 30
#endif

#endif /* PC_LIMITS_H */
