/*
** Listening sockets for the server's threads and the per-address connection
** count they share (core/http_listen.h).
*/
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/http_listen.h"

/* ---- listening sockets ---- */

/* A TCP socket on addr's family with SO_REUSEADDR, and SO_REUSEPORT when group; -1 on failure. */
static int tcp_socket(const struct sockaddr *addr, bool group) {
  int fd = socket(addr->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (addr->sa_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
  if (group && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

static int port_of(const struct sockaddr_storage *ss) {
  if (ss->ss_family == AF_INET6) return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
  return ntohs(((const struct sockaddr_in *)ss)->sin_port);
}

static void set_port(struct sockaddr_storage *ss, int port) {
  if (ss->ss_family == AF_INET6) ((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
  else ((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
}

/* 0 when nothing listens on addr (a plain bind succeeds), else -1 and errno. A port of 0 always passes. */
static int probe_free(const struct sockaddr_storage *ss, socklen_t len) {
  if (port_of(ss) == 0) return 0;
  int fd = tcp_socket((const struct sockaddr *)ss, false);
  if (fd < 0) return -1;
  int rc = bind(fd, (const struct sockaddr *)ss, len);
  int e = errno;
  close(fd);
  errno = e;
  return rc;
}

int listen_group(const struct sockaddr *addr, socklen_t len, int n, int *fds, int *port) {
  struct sockaddr_storage ss;
  if (len > sizeof ss || n < 1) {
    errno = EINVAL;
    return -1;
  }
  memset(&ss, 0, sizeof ss);
  memcpy(&ss, addr, len);
  if (probe_free(&ss, len) != 0) return -1;
  for (int i = 0; i < n; i++) fds[i] = -1;
  for (int i = 0; i < n; i++) {
    fds[i] = tcp_socket((const struct sockaddr *)&ss, true);
    if (fds[i] < 0 || bind(fds[i], (const struct sockaddr *)&ss, len) != 0 || listen(fds[i], SOMAXCONN) != 0) goto fail;
    if (i == 0) { /* the port the system chose for a port of 0: the others join it */
      struct sockaddr_storage got;
      socklen_t glen = sizeof got;
      if (getsockname(fds[0], (struct sockaddr *)&got, &glen) != 0) goto fail;
      set_port(&ss, port_of(&got));
    }
  }
  *port = port_of(&ss);
  return 0;
fail:;
  int e = errno;
  for (int i = 0; i < n; i++)
    if (fds[i] >= 0) close(fds[i]), fds[i] = -1;
  errno = e;
  return -1;
}

/* ---- connections per client address ---- */

typedef struct AddrCount {
  unsigned char key[17]; /* family, then the 4 or 16 address bytes */
  unsigned count;
  struct AddrCount *next;
} AddrCount;

#define ADDR_BUCKETS 1024
static pthread_mutex_t g_addr_lock = PTHREAD_MUTEX_INITIALIZER;
static AddrCount *g_addr[ADDR_BUCKETS];
static unsigned g_addr_limit;

void addr_limit_set(unsigned limit) { g_addr_limit = limit; }

/* sa's key (an IPv4 address seen through IPv6 as the IPv4 address) and its bucket. */
static unsigned addr_key(const struct sockaddr *sa, unsigned char key[17]) {
  memset(key, 0, 17);
  const unsigned char *b = NULL;
  size_t n = 0;
  if (sa->sa_family == AF_INET) b = (const unsigned char *)&((const struct sockaddr_in *)sa)->sin_addr, n = 4;
  else if (sa->sa_family == AF_INET6) {
    const struct in6_addr *a6 = &((const struct sockaddr_in6 *)sa)->sin6_addr;
    if (IN6_IS_ADDR_V4MAPPED(a6)) b = a6->s6_addr + 12, n = 4;
    else b = a6->s6_addr, n = 16;
  }
  key[0] = (unsigned char)n;
  if (b) memcpy(key + 1, b, n);
  unsigned h = 2166136261u; /* FNV-1a */
  for (int i = 0; i < 17; i++) h = (h ^ key[i]) * 16777619u;
  return h % ADDR_BUCKETS;
}

/* The entry of key in bucket h, or NULL; *link is where it hangs (for removal). Under g_addr_lock. */
static AddrCount *addr_find(unsigned h, const unsigned char key[17], AddrCount ***link) {
  AddrCount **l = &g_addr[h];
  while (*l && memcmp((*l)->key, key, 17) != 0) l = &(*l)->next;
  if (link) *link = l;
  return *l;
}

bool addr_admits(const struct sockaddr *sa) {
  if (!g_addr_limit || !sa) return true;
  unsigned char key[17];
  unsigned h = addr_key(sa, key);
  pthread_mutex_lock(&g_addr_lock);
  AddrCount *e = addr_find(h, key, NULL);
  bool ok = !e || e->count < g_addr_limit;
  pthread_mutex_unlock(&g_addr_lock);
  return ok;
}

int addr_open(const struct sockaddr *sa) {
  unsigned char key[17];
  unsigned h = addr_key(sa, key);
  int rc = -1;
  pthread_mutex_lock(&g_addr_lock);
  AddrCount *e = addr_find(h, key, NULL);
  if (!e && (e = calloc(1, sizeof *e)) != NULL) {
    memcpy(e->key, key, sizeof e->key);
    e->next = g_addr[h];
    g_addr[h] = e;
  }
  if (e) rc = ++e->count <= g_addr_limit || !g_addr_limit ? 1 : 0;
  pthread_mutex_unlock(&g_addr_lock);
  return rc;
}

void addr_close(const struct sockaddr *sa) {
  unsigned char key[17];
  unsigned h = addr_key(sa, key);
  pthread_mutex_lock(&g_addr_lock);
  AddrCount **link;
  AddrCount *e = addr_find(h, key, &link);
  if (e && --e->count == 0) {
    *link = e->next;
    free(e);
  }
  pthread_mutex_unlock(&g_addr_lock);
}
