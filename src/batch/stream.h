/* stream.h - batch's input: a file or pipe read as it is or as gzip
 * members, knowing where each member starts in the compressed file.
 *
 * zlib's gz* functions read both kinds too, but hide member boundaries;
 * a WARC record's offset in a .warc.gz is the offset of the gzip member
 * that holds it (what CDX indexes and WARC readers seek to), so the
 * reader here inflates member by member and never mixes two members in
 * its buffer. */
#ifndef PC_BATCH_STREAM_H
#define PC_BATCH_STREAM_H

#include "internal.h"

struct pc_stream;

/* Takes fd (closed by pc_stream_close, or here on failure); gzip is
 * recognised by its magic bytes.  NULL on out of memory. */
struct pc_stream *pc_stream_open(int fd);
void pc_stream_close(struct pc_stream *s);

/* Up to n decoded bytes into buf; 0 at the end (or after an error:
 * pc_stream_failed tells). */
size_t pc_stream_read(struct pc_stream *s, void *buf, size_t n);

/* The next line, '\n' included, malloc'd and NUL-terminated (NUL bytes in
 * it are kept; *len is its length).  A line over max bytes is read to its
 * end and only its first max bytes are kept, with *over set.  NULL at the
 * end or on out of memory. */
char *pc_stream_line(struct pc_stream *s, size_t max, size_t *len,
                     bool *over);

/* Copies up to n of the next bytes without consuming them; with gzip,
 * only from the current member.  Returns how many. */
size_t pc_stream_peek(struct pc_stream *s, void *buf, size_t n);

/* Where the next byte is: the offset of its gzip member in the file when
 * it is the member's first byte (*member true), else its offset in the
 * decoded stream (*member false; plain files: the file offset). */
unsigned long long pc_stream_where(struct pc_stream *s, bool *member);

/* The bytes read from the file so far (compressed bytes for gzip): the
 * progress against the file's size. */
unsigned long long pc_stream_taken(const struct pc_stream *s);

/* A read error, a damaged gzip member or a file cut inside a member was
 * met; the data before it was delivered. */
bool pc_stream_failed(const struct pc_stream *s);

#endif
