/*
** The server's listening sockets and the connection count per client address
** that its threads share (docs/ARCHITECTURE.md "The HTTP server").
**
** Each server thread runs its own libmicrohttpd daemon on its own listening
** socket; the sockets share the address with SO_REUSEPORT, so the kernel
** spreads new connections over the threads. (One socket shared by a pool of
** threads let whichever thread woke first accept a whole burst of
** connections: a client that opened its keep-alive connections at once was
** often served by one thread of two, at half the machine; issue 9,
** docs/PERFORMANCE.md.) The daemons' own per-address limits would each count
** only their share, so the limit is counted here, across them.
*/
#ifndef CANBO_HTTP_LISTEN_H
#define CANBO_HTTP_LISTEN_H

#include <stdbool.h>
#include <sys/socket.h>

/*
** Open n listening sockets on addr (a port of 0: one the system picks, the
** same for all), each non-blocking, close-on-exec, SO_REUSEPORT. Fails with
** -1 and errno (EADDRINUSE when any other socket listens there, including
** another canbo's group: it is probed first without SO_REUSEPORT, so two
** servers never split one port). On success fds[0..n-1] and *port are set.
*/
int listen_group(const struct sockaddr *addr, socklen_t len, int n, int *fds, int *port);

/* The connections one client address may hold (0: no limit). Set before serving. */
void addr_limit_set(unsigned limit);

/* Whether a new connection from sa is admitted now (its address holds fewer than the limit). */
bool addr_admits(const struct sockaddr *sa);

/*
** Count a connection from sa that the server opened: 1 when its address is
** within the limit, 0 when it went over it with this one (two threads admitted
** it at once: close the connection), both to be taken back by addr_close; -1
** when it could not be counted (out of memory: close it, do not take it back).
*/
int addr_open(const struct sockaddr *sa);
/* Take back a connection addr_open counted (1 or 0). */
void addr_close(const struct sockaddr *sa);

#endif
