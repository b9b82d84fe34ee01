/* outbox.c - a composed message is never lost.
 *
 * A message is written to DIR/.tmp-NAME, synced, and renamed to DIR/NAME
 * (NAME ends in .eml) before any attempt to send it.  To send, a flush
 * first claims it by renaming it to NAME.sending-PID: a rename is atomic,
 * so of two flushes only one gets it.  The file is removed once the server
 * has accepted the message, and renamed back to NAME when delivery fails.
 * A claim whose process is gone (killed mid-send) goes back to the queue.
 *
 * The policy it was queued under travels with it: a first line
 *     X-Presscut-Outbox: tls=required; user=NAME
 * (the TLS mode, and the AUTH user when there is one, percent-encoded;
 * never the password, which a flush is given as a send is) is stripped
 * before the message is sent, and a flush honours it: never a weaker TLS
 * mode than the message was queued with, and AUTH as that user.  A
 * message stored without the line (an older outbox) is sent with the
 * flush's settings.
 */
#include "mail.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CLAIM ".sending-"

static pc_status mkdirs(const char *dir, pc_error *err) {
  char path[4096];
  if (strlen(dir) >= sizeof path)
    return pc_error_set(err, PC_ERR_USAGE, "outbox path too long");
  snprintf(path, sizeof path, "%s", dir);
  for (char *p = path + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
      return pc_error_set(err, PC_ERR_IO, "%s: %s", path, strerror(errno));
    *p = '/';
  }
  if (mkdir(path, 0700) != 0 && errno != EEXIST)
    return pc_error_set(err, PC_ERR_IO, "%s: %s", path, strerror(errno));
  return PC_OK;
}

#define POLICY "X-Presscut-Outbox: "

/* The value of a hexadecimal digit, or -1. */
static int hex_value(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

static const char *tls_name(pc_tls t) {
  return t == PC_TLS_REQUIRED ? "required" : t == PC_TLS_OFF ? "off" : "auto";
}

/* The policy line of o (tls, user), "\r\n" ended, into b. */
static void policy_line(struct pc_buf *b, const pc_smtp_opts *o) {
  pc_buf_printf(b, POLICY "tls=%s", tls_name(o->tls));
  if (o->user) {
    pc_buf_adds(b, "; user=");
    for (const unsigned char *p = (const unsigned char *)o->user; *p; p++) {
      if ((pc_ascii_is_word(*p) && *p != '_') || strchr("@._+-", *p))
        pc_buf_addc(b, (char)*p);
      else
        pc_buf_printf(b, "%%%02X", *p);
    }
  }
  pc_buf_adds(b, "\r\n");
}

/* The stored policy of a message (its first line), when it has one:
 * *tls, *user (malloc'd or NULL) and the message after the line
 * (*body, *blen).  False when the message has no policy line. */
static bool policy_read(const char *msg, size_t len, pc_tls *tls, char **user,
                        const char **body, size_t *blen) {
  size_t pl = strlen(POLICY);
  const char *nl = len > pl ? memchr(msg, '\n', len) : NULL;
  if (!nl || strncmp(msg, POLICY, pl) != 0)
    return false;
  *tls = PC_TLS_AUTO;
  *user = NULL;
  const char *p = msg + pl;
  while (p < nl) {
    const char *e = memchr(p, ';', (size_t)(nl - p));
    if (!e)
      e = nl;
    while (p < e && *p == ' ')
      p++;
    size_t n = (size_t)(e - p);
    while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
      n--;
    if (n >= 4 && strncmp(p, "tls=", 4) == 0)
      *tls = n == 12 && strncmp(p + 4, "required", 8) == 0 ? PC_TLS_REQUIRED
             : n == 7 && strncmp(p + 4, "off", 3) == 0    ? PC_TLS_OFF
                                                           : PC_TLS_AUTO;
    else if (n > 5 && strncmp(p, "user=", 5) == 0 && !*user &&
             (*user = malloc(n)) != NULL) {
      size_t k = 0;
      for (size_t i = 5; i < n; i++) {
        if (p[i] == '%' && i + 2 < n && hex_value(p[i + 1]) >= 0 &&
            hex_value(p[i + 2]) >= 0) {
          (*user)[k++] = (char)(hex_value(p[i + 1]) * 16 + hex_value(p[i + 2]));
          i += 2;
        } else {
          (*user)[k++] = p[i];
        }
      }
      (*user)[k] = '\0';
    }
    p = e + 1;
  }
  *body = nl + 1;
  *blen = len - (size_t)(nl + 1 - msg);
  return true;
}

pc_status pc_outbox_put(const char *dir, const char *msg, size_t len,
                        char **name, pc_error *err) {
  return pc_outbox_queue(dir, msg, len, NULL, name, err);
}

/* Writes all of data to fd; false (errno) when it cannot. */
static bool write_all(int fd, const char *data, size_t len) {
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      if (w == 0)
        errno = ENOSPC;
      return false;
    }
    off += (size_t)w;
  }
  return true;
}

pc_status pc_outbox_queue(const char *dir, const char *msg, size_t len,
                          const pc_smtp_opts *policy, char **name,
                          pc_error *err) {
  if (name)
    *name = NULL;
  if (!dir || !msg)
    return pc_error_set(err, PC_ERR_USAGE, "pc_outbox_queue: NULL argument");
  pc_status st = mkdirs(dir, err);
  if (st != PC_OK)
    return st;
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  char base[96], tmp[4200], fin[4200];
  /* time first, so that a flush sends in the order of writing */
  snprintf(base, sizeof base, "%lld.%09ld-%ld.eml", (long long)ts.tv_sec,
           ts.tv_nsec, (long)getpid());
  snprintf(tmp, sizeof tmp, "%s/.tmp-%s", dir, base);
  snprintf(fin, sizeof fin, "%s/%s", dir, base);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return pc_error_set(err, PC_ERR_IO, "%s: %s", tmp, strerror(errno));
  struct pc_buf pl;
  pc_buf_init(&pl, 4096);
  if (policy)
    policy_line(&pl, policy);
  if ((pl.len && !write_all(fd, pl.data, pl.len)) || !write_all(fd, msg, len)) {
    int e = errno;
    pc_buf_cleanup(&pl);
    close(fd);
    unlink(tmp);
    return pc_error_set(err, PC_ERR_IO, "%s: %s", tmp, strerror(e));
  }
  pc_buf_cleanup(&pl);
  if (fsync(fd) != 0 || close(fd) != 0) {
    int e = errno;
    unlink(tmp);
    return pc_error_set(err, PC_ERR_IO, "%s: %s", tmp, strerror(e));
  }
  if (rename(tmp, fin) != 0) {
    int e = errno;
    unlink(tmp);
    return pc_error_set(err, PC_ERR_IO, "%s: %s", fin, strerror(e));
  }
  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) { /* the rename itself on disk */
    fsync(dfd);
    close(dfd);
  }
  if (name)
    *name = strdup(base);
  return PC_OK;
}

static bool is_message(const char *n) {
  size_t l = strlen(n);
  return n[0] != '.' && l > 4 && strcmp(n + l - 4, ".eml") == 0;
}

/* Claims of processes that are gone go back to the queue. */
static void requeue_stale(const char *dir) {
  DIR *d = opendir(dir);
  if (!d)
    return;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    const char *c = strstr(e->d_name, CLAIM);
    if (!c || e->d_name[0] == '.')
      continue;
    long pid = strtol(c + strlen(CLAIM), NULL, 10);
    if (pid > 0 && (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
      continue; /* still being sent */
    char from[4200], to[4200];
    snprintf(from, sizeof from, "%s/%s", dir, e->d_name);
    snprintf(to, sizeof to, "%s/%.*s", dir, (int)(c - e->d_name), e->d_name);
    rename(from, to);
  }
  closedir(d);
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  struct pc_buf b;
  pc_buf_init(&b, PC_MAX_OUTPUT);
  char chunk[65536];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
    pc_buf_add(&b, chunk, k);
  bool bad = ferror(f) || b.failed;
  fclose(f);
  if (bad) {
    pc_buf_cleanup(&b);
    return NULL;
  }
  if (!b.data)
    pc_buf_add(&b, "", 0);
  return pc_buf_steal(&b, len);
}

/* How strict a TLS mode is: off < auto < required. */
static int tls_rank(pc_tls t) {
  return t == PC_TLS_REQUIRED ? 2 : t == PC_TLS_OFF ? 0 : 1;
}

/* Sends a stored message under its policy and the flush's settings o:
 * the stricter TLS mode of the two, and AUTH as the stored user (with the
 * password the flush was given). */
static pc_status send_stored(const char *msg, size_t len,
                             const pc_smtp_opts *o, pc_error *err) {
  pc_tls tls;
  char *user = NULL;
  const char *body;
  size_t blen;
  if (!policy_read(msg, len, &tls, &user, &body, &blen))
    return pc_smtp_send(msg, len, o, err);
  pc_smtp_opts eff = *o;
  if (tls_rank(tls) > tls_rank(o->tls))
    eff.tls = tls;
  pc_status st = PC_OK;
  if (user && o->user && strcmp(user, o->user) != 0)
    st = pc_error_set(err, PC_ERR_USAGE,
                      "queued to be sent as %s, not as %s", user, o->user);
  else if (user && !o->password)
    st = pc_error_set(err, PC_ERR_USAGE,
                      "queued to be sent as %s: its password is needed "
                      "(--password-file or PRESSCUT_SMTP_PASSWORD)", user);
  if (user)
    eff.user = user;
  if (st == PC_OK)
    st = pc_smtp_send(body, blen, &eff, err);
  free(user);
  return st;
}

/* Claims, sends and removes one message; false when it stays queued. */
static bool send_one(const char *dir, const char *name, const pc_smtp_opts *o,
                     pc_error *err) {
  char path[4200], claimed[4300];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  snprintf(claimed, sizeof claimed, "%s%s%ld", path, CLAIM, (long)getpid());
  if (rename(path, claimed) != 0) {
    /* another flush has it, or it is gone: not ours to send */
    pc_error_set(err, PC_ERR_NOT_FOUND, "%s: %s", name, strerror(errno));
    return false;
  }
  size_t len = 0;
  char *msg = read_all(claimed, &len);
  pc_status st = msg ? send_stored(msg, len, o, err)
                     : pc_error_set(err, PC_ERR_IO, "%s: cannot read", name);
  free(msg);
  if (st == PC_OK) {
    unlink(claimed);
    return true;
  }
  rename(claimed, path); /* back to the queue */
  return false;
}

pc_status pc_outbox_flush(const char *dir, const char *name,
                          const pc_smtp_opts *o, size_t *sent, size_t *failed,
                          pc_error *err) {
  size_t ns = 0, nf = 0;
  if (sent)
    *sent = 0;
  if (failed)
    *failed = 0;
  if (!dir || !o)
    return pc_error_set(err, PC_ERR_USAGE, "pc_outbox_flush: NULL argument");
  if (name && (strchr(name, '/') || !is_message(name)))
    return pc_error_set(err, PC_ERR_USAGE, "not an outbox message: %s", name);
  requeue_stale(dir);
  char **names = NULL;
  size_t n = 0, cap = 0;
  if (name) {
    names = malloc(sizeof *names);
    if (!names || !(names[0] = strdup(name))) {
      free(names);
      return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    }
    n = 1;
  } else {
    DIR *d = opendir(dir);
    if (!d) {
      if (errno == ENOENT)
        return PC_OK; /* nothing was ever queued */
      return pc_error_set(err, PC_ERR_IO, "%s: %s", dir, strerror(errno));
    }
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
      if (!is_message(e->d_name))
        continue;
      if (n == cap) {
        size_t nc = cap ? cap * 2 : 16;
        char **nn = realloc(names, nc * sizeof *nn);
        if (!nn)
          break;
        names = nn, cap = nc;
      }
      if ((names[n] = strdup(e->d_name)) != NULL)
        n++;
    }
    closedir(d);
    if (n > 1)
      qsort(names, n, sizeof *names, cmp_names);
  }
  pc_error last = {""};
  pc_status st = PC_OK;
  for (size_t i = 0; i < n; i++) {
    pc_error e = {""};
    if (send_one(dir, names[i], o, &e)) {
      ns++;
    } else if (!strstr(e.msg, "No such file")) {
      nf++;
      last = e;
      st = PC_ERR_NETWORK;
    }
    free(names[i]);
  }
  free(names);
  if (sent)
    *sent = ns;
  if (failed)
    *failed = nf;
  if (st != PC_OK)
    return pc_error_set(err, st, "%s", last.msg);
  return PC_OK;
}
