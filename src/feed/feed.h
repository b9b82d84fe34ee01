/*
 * feed.h - the feed module: RSS 2.0, RSS 1.0, Atom and OPML parsed with
 * libxml2 into pc_feed (feed.c), and the dates feeds write (date.c).
 * The API is in presscut.h (pc_feed_*); this is what the two files share.
 */
#ifndef PC_FEED_H
#define PC_FEED_H

#include "internal.h"

/* The most bytes a feed may have, and the most entries kept. */
#define PC_FEED_MAX_BYTES (16u * 1024u * 1024u)
#define PC_FEED_MAX_ENTRIES 10000u

/* The "YYYY-MM-DDTHH:MM:SSZ" of t into out (at least 21 bytes). */
void pc_feed_format_time(long long t, char *out, size_t n);

#endif
