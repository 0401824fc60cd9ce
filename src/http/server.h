#ifndef KRING_SERVER_H
#define KRING_SERVER_H

#include <stdbool.h>

#include "http/http.h"

/*
 * Starts libmicrohttpd on srv->cfg->listen with a thread pool of
 * cfg->threads, a connection timeout and a per-connection memory limit.
 * Prints "kring: listening on http://HOST:PORT" to stderr. False (with a
 * reason on stderr) when it cannot.
 */
bool server_start(struct server *srv);

/*
 * Stops accepting connections, waits up to `grace_seconds` for requests in
 * flight to be answered (their audit events are stored before that), then
 * stops the daemon.
 */
void server_stop(struct server *srv, int grace_seconds);

#endif
