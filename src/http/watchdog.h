#ifndef KRING_WATCHDOG_H
#define KRING_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Slow clients. libmicrohttpd drops a connection that stays silent for the
 * connection timeout, but one that trickles a byte a second never goes
 * silent. The watchdog gives every connection a deadline to finish sending
 * a request's headers, and then its body; past it, the socket is shut down and libmicrohttpd
 * closes the connection, while everyone else is served as usual.
 */
struct watchdog;

/* Starts the watchdog thread; NULL when it cannot. */
struct watchdog *watchdog_start(int header_seconds);
void watchdog_stop(struct watchdog *w);

/* A connection opened (fd): it must send its headers in time. Returns a handle. */
void *watchdog_track(struct watchdog *w, int fd);
/* Its headers are complete: the body must follow within three header timeouts. */
void watchdog_headers_done(struct watchdog *w, void *handle);
/* Its body is complete: no deadline while the request is handled and answered. */
void watchdog_body_done(struct watchdog *w, void *handle);
/* A request was answered: a new deadline for the next request's headers. */
void watchdog_request_done(struct watchdog *w, void *handle);
/* The connection closed. */
void watchdog_forget(struct watchdog *w, void *handle);

#endif
