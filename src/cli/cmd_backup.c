/* kring backup and kring restore: consistent, optionally encrypted copies of a SQLite database. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "cli/backup_crypt.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "store/store_query.h"
#include "util/arena.h"

static const char backup_help[] =
    "usage: kring backup --db PATH --out FILE [--key-file KEY]\n"
    "\n"
    "Copies a SQLite database as one consistent snapshot while kring serve keeps\n"
    "running (SQLite's online backup API) into FILE, which must not exist and is\n"
    "made readable by its owner only. With --key-file the copy is encrypted and\n"
    "authenticated (libsodium secretstream; the key file holds at least 32 random\n"
    "bytes and is kept apart from the backups). The backup is recorded in the audit\n"
    "trail as an export.\n"
    "\n"
    "PostgreSQL is backed up with pg_dump or base backups (docs/deploy.md); for a\n"
    "postgresql:// database kring backup checks the connection and says so.\n"
    "\n"
    "Exit 0 when the backup is written, 1 when it is not, 2 on wrong use.\n";

static const char restore_help[] =
    "usage: kring restore --db PATH --from FILE [--key-file KEY] [--force]\n"
    "\n"
    "Replaces the SQLite database at PATH with a backup made by kring backup.\n"
    "Before anything is replaced, the backup is decrypted (when it is encrypted:\n"
    "--key-file), its file is checked page by page (integrity_check) and its audit\n"
    "trail's hash chain is verified; any failure leaves PATH as it was. The\n"
    "restored file and its directory are flushed to the disk before success is\n"
    "reported. Stop kring serve first: when PATH's write-ahead log exists the\n"
    "database looks in use and restore refuses unless --force.\n"
    "\n"
    "Exit 0 when restored, 1 when refused, 2 on wrong use.\n";

/* A new empty file next to `near` (same directory, so rename is atomic), mode 0600. */
static char *temp_next_to(const char *near, const char *what)
{
	size_t len = strlen(near) + strlen(what) + 16;
	char *path = malloc(len);
	if (!path)
		return NULL;
	snprintf(path, len, "%s.%s-XXXXXX", near, what);
	int fd = mkstemp(path);
	if (fd < 0) {
		fprintf(stderr, "kring: cannot create a file next to %s: %s\n", near,
		        strerror(errno));
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

/* Flushes the directory that holds `path` to the disk. */
static bool sync_dir_of(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return false;
	int dir = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	bool ok = dir >= 0 && fsync(dir) == 0;
	if (dir >= 0)
		close(dir);
	free(copy);
	return ok;
}

/* Flushes a file and the directory entry that names it to the disk. */
static bool sync_path(const char *path)
{
	int fd = open(path, O_RDONLY);
	bool ok = fd >= 0 && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	return ok && sync_dir_of(path);
}

/* sync_path(out), saying so on stderr when it fails. */
static bool flush_backup(const char *out)
{
	if (sync_path(out))
		return true;
	fprintf(stderr, "kring backup: cannot flush %s to the disk: %s\n", out, strerror(errno));
	return false;
}

/* Copies or encrypts the snapshot at tmp into out, which must not exist yet. */
static bool write_out(const char *tmp, const char *out, const char *key_file)
{
	if (!key_file) {
		if (link(tmp, out) != 0) {
			fprintf(stderr, "kring backup: cannot write %s: %s\n", out,
			        strerror(errno));
			return false;
		}
		if (flush_backup(out))
			return true;
		unlink(out);
		return false;
	}
	unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	if (!backup_key_load(key_file, key))
		return false;
	int fd = open(out, O_WRONLY | O_CREAT | O_EXCL, 0600);
	FILE *in = fopen(tmp, "rb"), *dst = fd >= 0 ? fdopen(fd, "wb") : NULL;
	bool ok = in && dst && backup_encrypt(in, dst, key);
	if (fd < 0)
		fprintf(stderr, "kring backup: cannot write %s: %s\n", out, strerror(errno));
	else if (!dst)
		close(fd);
	if (in)
		fclose(in);
	if (dst && fclose(dst) != 0)
		ok = false;
	sodium_memzero(key, sizeof(key));
	ok = ok && flush_backup(out);
	if (!ok && fd >= 0)
		unlink(out);
	return ok;
}

/* Records the backup in the audit trail; false (reason on stderr) when it cannot. */
static bool audit_backup(struct store_conn *c, bool encrypted)
{
	struct arena a;
	arena_init(&a);
	struct audit_event ev = {.action = "export",
	                         .object_type = "backup",
	                         .reason = encrypted ? "kring backup (encrypted)" : "kring backup"};
	bool ok = audit_append(c, &a, &ev) == STORE_OK;
	if (!ok)
		fputs(
		    "kring backup: its audit event could not be stored, so the backup was removed "
		    "(is this a kring database? run kring init)\n",
		    stderr);
	arena_free(&a);
	return ok;
}

static bool is_pg_url(const char *db)
{
	return !strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11);
}

static int backup(const struct config *cfg, const char *out, const char *key_file)
{
	struct stat sb;
	if (stat(out, &sb) == 0) {
		fprintf(stderr, "kring backup: %s exists; choose a new file\n", out);
		return 1;
	}
	/* SQLite would make an empty database for a mistyped path */
	if (!is_pg_url(cfg->db) && stat(cfg->db, &sb) != 0) {
		fprintf(stderr, "kring backup: there is no database at %s\n", cfg->db);
		return 1;
	}
	struct store *s = store_open(cfg->db, 1);
	if (!s)
		return 1;
	struct store_conn *c = store_acquire(s);
	int rc = 1;
	char *tmp = NULL;
	if (!store_can_backup(s)) {
		if (store_ping(c))
			fputs("kring backup: the PostgreSQL database answers; back it up with "
			      "pg_dump "
			      "or base backups (docs/deploy.md)\n",
			      stderr);
		else
			fputs("kring backup: the PostgreSQL database does not answer\n", stderr);
		goto done;
	}
	/* A plain snapshot never lands beside an encrypted backup: it is made next to the
	 * database (where the same data already is) and encrypted from there. */
	tmp = temp_next_to(key_file ? cfg->db : out, "partial");
	if (!tmp || store_backup(c, tmp) != STORE_OK || !write_out(tmp, out, key_file))
		goto done;
	if (!audit_backup(c, key_file != NULL)) {
		unlink(out);
		goto done;
	}
	if (stat(out, &sb) == 0)
		printf("kring backup: wrote %s (%lld bytes, %s)\n", out, (long long)sb.st_size,
		       key_file ? "encrypted" : "not encrypted");
	rc = 0;
done:
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	store_release(c);
	store_close(s);
	return rc;
}

/* Decrypts or copies the backup into tmp. */
static bool unpack(const char *from, const char *tmp, const char *key_file)
{
	bool encrypted = backup_is_encrypted(from);
	if (encrypted && !key_file) {
		fprintf(stderr, "kring restore: %s is encrypted; give its --key-file\n", from);
		return false;
	}
	if (!encrypted && key_file) {
		fprintf(stderr, "kring restore: %s is not an encrypted kring backup\n", from);
		return false;
	}
	unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	if (encrypted && !backup_key_load(key_file, key))
		return false;
	FILE *in = fopen(from, "rb"), *out = fopen(tmp, "wb");
	bool ok = in && out;
	if (!in)
		fprintf(stderr, "kring restore: cannot read %s: %s\n", from, strerror(errno));
	if (ok && encrypted) {
		ok = backup_decrypt(in, out, key);
		if (!ok)
			fprintf(stderr,
			        "kring restore: %s does not decrypt with this key, or was "
			        "changed or cut short\n",
			        from);
	} else if (ok) {
		char buf[65536];
		size_t n;
		while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0)
			ok = fwrite(buf, 1, n, out) == n;
		ok = ok && !ferror(in);
	}
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = false;
	sodium_memzero(key, sizeof(key));
	return ok;
}

/* The unpacked backup is a sound database with an intact audit chain. */
static bool check_backup(const char *tmp, int64_t *events)
{
	struct store *s = store_open(tmp, 1);
	if (!s) {
		fputs("kring restore: the backup is not a kring database\n", stderr);
		return false;
	}
	struct store_conn *c = store_acquire(s);
	struct audit_verification v = {0};
	bool ok = store_check_integrity(c) == STORE_OK;
	if (!ok)
		fputs("kring restore: the backup's database file is damaged\n", stderr);
	if (ok && (audit_verify(c, &v) != STORE_OK || v.bad_id || v.events == 0)) {
		if (v.bad_id)
			fprintf(
			    stderr,
			    "kring restore: the backup's audit chain is BROKEN at event %" PRId64
			    ": %s\n",
			    v.bad_id, v.problem);
		else
			fputs("kring restore: the backup has no readable audit trail\n", stderr);
		ok = false;
	}
	*events = v.events;
	store_release(c);
	store_close(s);
	return ok;
}

static bool exists(const char *path, const char *suffix)
{
	char buf[4096];
	struct stat sb;
	snprintf(buf, sizeof(buf), "%s%s", path, suffix);
	return stat(buf, &sb) == 0;
}

static void remove_side_file(const char *path, const char *suffix)
{
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s%s", path, suffix);
	unlink(buf);
}

/* Renames path+suffix to path+suffix+".before-restore" (or back); true when done or absent. */
static bool move_side_file(const char *path, const char *suffix, bool back)
{
	char cur[4096], aside[4200];
	snprintf(cur, sizeof(cur), "%s%s", path, suffix);
	snprintf(aside, sizeof(aside), "%s%s.before-restore", path, suffix);
	int rc = back ? rename(aside, cur) : rename(cur, aside);
	return rc == 0 || errno == ENOENT;
}

/*
 * Renames tmp over db. tmp is flushed to the disk first, so that a crash
 * cannot leave a half-written file where the database was. The old
 * write-ahead log must not be replayed onto the restored file, so it and its
 * index are moved aside first, and put back when the rename fails. The
 * rename is flushed (the directory) before the old log is removed, so that a
 * crash cannot leave the old database without its log; when that flush
 * fails the old log stays aside (PATH-wal.before-restore) and the restore
 * is reported as failed. True only when the restored file and its name are
 * on the disk.
 */
static bool put_in_place(const char *tmp, const char *db)
{
	if (!sync_path(tmp)) {
		fprintf(stderr, "kring restore: cannot flush %s to the disk: %s\n", tmp,
		        strerror(errno));
		return false;
	}
	bool aside = move_side_file(db, "-wal", false) && move_side_file(db, "-shm", false);
	if (!aside || rename(tmp, db) != 0) {
		fprintf(stderr, "kring restore: cannot replace %s: %s\n", db, strerror(errno));
		move_side_file(db, "-wal", true);
		move_side_file(db, "-shm", true);
		return false;
	}
	if (!sync_dir_of(db)) {
		fprintf(stderr,
		        "kring restore: %s is replaced by the backup, but the change could not be "
		        "flushed to the disk (%s); an old log is kept as %s-wal.before-restore. "
		        "Check the disk and restore again\n",
		        db, strerror(errno), db);
		return false;
	}
	/* names SQLite never opens: should a crash bring them back, they do no harm */
	remove_side_file(db, "-wal.before-restore");
	remove_side_file(db, "-shm.before-restore");
	return true;
}

static int restore(const struct config *cfg, const char *from, const char *key_file, bool force)
{
	int64_t events = 0;
	if (is_pg_url(cfg->db)) {
		fputs("kring restore: restore PostgreSQL with pg_restore (docs/deploy.md)\n",
		      stderr);
		return 1;
	}
	if (strlen(cfg->db) > 4000) {
		fputs("kring restore: the --db path is longer than 4000 characters\n", stderr);
		return 2;
	}
	/* the only copy of what an earlier restore that failed could not flush */
	if (exists(cfg->db, "-wal.before-restore")) {
		fprintf(stderr,
		        "kring restore: %s-wal.before-restore is left from an earlier restore that "
		        "failed; look at it, move it away, and restore again\n",
		        cfg->db);
		return 1;
	}
	struct stat old;
	bool had_old = stat(cfg->db, &old) == 0;
	if (exists(cfg->db, "-wal") && !force) {
		fprintf(stderr,
		        "kring restore: %s looks in use (%s-wal exists); stop kring serve, or "
		        "use --force\n",
		        cfg->db, cfg->db);
		return 1;
	}
	char *tmp = temp_next_to(cfg->db, "restore");
	if (!tmp)
		return 1;
	bool ok = unpack(from, tmp, key_file) && check_backup(tmp, &events);
	/* the restored file belongs to whoever owned the old one (the service's user) */
	if (ok && had_old && chown(tmp, old.st_uid, old.st_gid) != 0 && errno != EPERM) {
		fprintf(stderr, "kring restore: cannot give the file its owner: %s\n",
		        strerror(errno));
		ok = false;
	}
	if (ok)
		ok = put_in_place(tmp, cfg->db);
	if (!ok)
		unlink(tmp);
	remove_side_file(tmp, "-wal");
	remove_side_file(tmp, "-shm");
	free(tmp);
	if (!ok)
		return 1;
	printf("kring restore: %s restored from %s; integrity ok, audit chain intact: %" PRId64
	       " events\n",
	       cfg->db, from, events);
	return 0;
}

/* Parses the options of kring backup or kring restore and runs it. */
static int run(int argc, char **argv, bool is_restore)
{
	const char *file = NULL, *key_file = NULL;
	bool force = false;
	const struct cli_opt backup_opts[] = {{"db", true, CFG_DB, NULL, NULL},
	                                      {"out", true, -1, &file, NULL},
	                                      {"key-file", true, -1, &key_file, NULL},
	                                      {0}};
	const struct cli_opt restore_opts[] = {{"db", true, CFG_DB, NULL, NULL},
	                                       {"from", true, -1, &file, NULL},
	                                       {"key-file", true, -1, &key_file, NULL},
	                                       {"force", false, -1, NULL, &force},
	                                       {0}};
	struct cli_command c;
	int rc = cli_command_start(&c, argc, argv, is_restore ? restore_opts : backup_opts,
	                           is_restore ? restore_help : backup_help,
	                           is_restore ? "restore" : "backup", false);
	if (rc == CLI_GO && (!c.cfg.db || !file)) {
		fprintf(stderr, "kring %s: --db and --%s are required\n",
		        is_restore ? "restore" : "backup", is_restore ? "from" : "out");
		rc = 2;
	}
	if (rc == CLI_GO)
		rc = is_restore ? restore(&c.cfg, file, key_file, force)
		                : backup(&c.cfg, file, key_file);
	cli_command_free(&c);
	return rc;
}

int cmd_backup(int argc, char **argv)
{
	return run(argc, argv, false);
}

int cmd_restore(int argc, char **argv)
{
	return run(argc, argv, true);
}
