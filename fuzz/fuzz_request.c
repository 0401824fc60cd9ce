/*
 * libFuzzer driver for the request adapter: a real kring server (routing,
 * access checks, handlers, store) in this process on a loopback port, fed
 * whole HTTP requests. The first byte picks the mode: raw bytes exactly as
 * sent, or "METHOD \n PATH \n BODY" sent as a well-formed request signed in
 * as the demo professional, so that the fuzzer reaches the handlers behind
 * the access checks. Any crash or sanitizer report fails; the server must
 * answer every request (or close the connection) and stay up.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <sodium.h>

#include "audit/audit_group.h"
#include "auth/session.h"
#include "auth/totp.h"
#include "cli/config.h"
#include "cli/demo.h"
#include "http/server.h"
#include "http/static_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static struct server srv;
static char fuzz_dir[64];

/* Removes the temporary database when the fuzzer exits. */
static void remove_dir(void)
{
	char path[96];
	const char *files[] = {"f.db", "f.db-wal", "f.db-shm"};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", fuzz_dir, files[i]);
		unlink(path);
	}
	rmdir(fuzz_dir);
}
static struct config cfg;
static unsigned short port;
static char token[TOKEN_CHARS + 1];

static unsigned short port_of(const char *url)
{
	const char *colon = strrchr(url, ':');
	return colon ? (unsigned short)atoi(colon + 1) : 0;
}

static bool make_token(void)
{
	struct store_conn *c = store_acquire(srv.store);
	struct arena a;
	struct store_user u;
	struct session_tokens t;
	bool ok = false;
	arena_init(&a);
	if (store_user_by_username(c, &a, "professional", &u) == STORE_OK &&
	    store_begin(c, true) == STORE_OK &&
	    session_start(c, &cfg, u.id, NULL, &t) == STORE_OK && store_commit(c) == STORE_OK) {
		memcpy(token, t.token, sizeof(token));
		ok = true;
	}
	store_release(c);
	arena_free(&a);
	return ok;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char dir[] = "/dev/shm/kring-fuzz-XXXXXX", db[64]; /* memory: no fsync per audit event */
	if (sodium_init() < 0 || !totp_init() || !mkdtemp(dir))
		abort();
	snprintf(db, sizeof(db), "%s/f.db", dir);
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s", dir);
	atexit(remove_dir);
	setenv("TZ", "Europe/Amsterdam", 1);
	static struct config_raw raw; /* lives as long as cfg, which points into it */
	config_raw_set(&raw, CFG_DB, db);
	config_raw_set(&raw, CFG_LISTEN, "127.0.0.1:0");
	config_raw_set(&raw, CFG_DEMO, "true");
	config_raw_set(&raw, CFG_THREADS, "2");
	config_raw_set(&raw, CFG_CONNECTION_TIMEOUT, "2");
	config_raw_set(&raw, CFG_HEADER_TIMEOUT, "2");
	/* random paths are refused as not found by the thousand: without this the
	 * demo accounts would meet only the 429 of file routes after the first 100 */
	config_raw_set(&raw, CFG_FILE_REFUSALS_MAX, "1000000");
	if (!config_resolve(&raw, &cfg))
		abort();
	srv.cfg = &cfg;
	srv.store = store_open(cfg.db, 3); /* two request threads and the audit committer */
	if (!srv.store || store_migrate(srv.store) < 0 || !demo_seed(srv.store))
		abort();
	srv.audit_group = audit_group_start(srv.store); /* as kring serve */
	if (!srv.audit_group)
		abort();
	srv.files = static_files_load(cfg.web_dir);
	if (!srv.files || !make_token())
		abort();
	srv.quiet = true; /* no log line per request; sanitizer reports still go to stderr */
	if (!server_start(&srv))
		abort();
	port = port_of(srv.url);
	return 0;
}

static void exchange(const char *req, size_t len)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	/* A keep-alive request is not closed on a half-close: stop reading after a pause. */
	struct timeval tv = {.tv_usec = 300000};
	char buf[4096];
	if (fd < 0)
		abort();
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0)
		abort(); /* the server is gone */
	if (len)
		(void)!send(fd, req, len, MSG_NOSIGNAL);
	shutdown(fd, SHUT_WR);
	while (recv(fd, buf, sizeof(buf), 0) > 0)
		;
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || size > 65536)
		return 0;
	if (data[0] & 1) {
		exchange((const char *)data + 1, size - 1);
		return 0;
	}
	/* "METHOD\nPATH\nBODY" as a signed-in JSON request. */
	const char *p = (const char *)data + 1, *end = (const char *)data + size;
	const char *nl1 = memchr(p, '\n', (size_t)(end - p));
	const char *nl2 = nl1 ? memchr(nl1 + 1, '\n', (size_t)(end - nl1 - 1)) : NULL;
	if (!nl2 || nl1 - p > 16 || nl2 - nl1 > 2048)
		return 0;
	size_t body_len = (size_t)(end - nl2 - 1);
	char *req = malloc(body_len + 4096);
	if (!req)
		abort();
	int n = snprintf(req, 4096,
	                 "%.*s %.*s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
	                 "Content-Type: application/json\r\nContent-Length: %zu\r\n"
	                 "Connection: close\r\n\r\n",
	                 (int)(nl1 - p), p, (int)(nl2 - nl1 - 1), nl1 + 1, token, body_len);
	if (n > 0 && n < 4096) {
		memcpy(req + n, nl2 + 1, body_len);
		exchange(req, (size_t)n + body_len);
	}
	free(req);
	/* A DELETE may have ended the session (DELETE /api/v1/session): sign in again so
	 * that later inputs still reach the handlers behind the access checks. On
	 * failure the old token stays: fewer paths reached, but no false crash. */
	if (nl1 - p == 6 && memcmp(p, "DELETE", 6) == 0)
		(void)make_token();
	return 0;
}
