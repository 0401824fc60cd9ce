#include "cli/backup_crypt.h"

#include <string.h>

#include "util/secret_file.h"

#define CHUNK 65536

bool backup_key_load(const char *path,
                     unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES])
{
	unsigned char buf[SECRET_FILE_KEY_MAX];
	size_t n;
	enum secret_file_status opened = secret_file_read_key(path, buf, &n);
	if (opened == SECRET_FILE_OPEN_TO_OTHERS) {
		fprintf(stderr,
		        "kring: the key file %s may be read by others: make it its owner's only "
		        "(chmod 600 %s)\n",
		        path, path);
		return false;
	}
	if (opened == SECRET_FILE_UNREADABLE) {
		fprintf(stderr, "kring: cannot read the key file %s\n", path);
		return false;
	}
	bool ok = opened == SECRET_FILE_OK &&
	          crypto_generichash(key, crypto_secretstream_xchacha20poly1305_KEYBYTES, buf, n,
	                             (const unsigned char *)"kring backup key", 16) == 0;
	if (opened == SECRET_FILE_TOO_SHORT)
		fprintf(stderr, "kring: the key file %s must hold at least %d bytes\n", path,
		        SECRET_FILE_KEY_MIN);
	sodium_memzero(buf, sizeof(buf));
	return ok;
}

bool backup_is_encrypted(const char *path)
{
	char magic[BACKUP_MAGIC_LEN];
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return false;
	bool yes = fread(magic, 1, sizeof(magic), fp) == sizeof(magic) &&
	           !memcmp(magic, BACKUP_MAGIC, BACKUP_MAGIC_LEN);
	fclose(fp);
	return yes;
}

bool backup_encrypt(FILE *in, FILE *out,
                    const unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES])
{
	static unsigned char plain[CHUNK],
	    sealed[CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES];
	unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	crypto_secretstream_xchacha20poly1305_state st;
	crypto_secretstream_xchacha20poly1305_init_push(&st, header, key);
	bool ok = fwrite(BACKUP_MAGIC, 1, BACKUP_MAGIC_LEN, out) == BACKUP_MAGIC_LEN &&
	          fwrite(header, 1, sizeof(header), out) == sizeof(header);
	for (bool last = false; ok && !last;) {
		size_t n = fread(plain, 1, CHUNK, in);
		if (ferror(in))
			ok = false;
		last = feof(in);
		unsigned long long len;
		crypto_secretstream_xchacha20poly1305_push(
		    &st, sealed, &len, plain, n, NULL, 0,
		    last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
		ok = ok && fwrite(sealed, 1, (size_t)len, out) == len;
	}
	sodium_memzero(&st, sizeof(st));
	return ok && fflush(out) == 0;
}

bool backup_decrypt(FILE *in, FILE *out,
                    const unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES])
{
	static unsigned char sealed[CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES],
	    plain[CHUNK];
	unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	char magic[BACKUP_MAGIC_LEN];
	crypto_secretstream_xchacha20poly1305_state st;
	if (fread(magic, 1, sizeof(magic), in) != sizeof(magic) ||
	    memcmp(magic, BACKUP_MAGIC, BACKUP_MAGIC_LEN) != 0 ||
	    fread(header, 1, sizeof(header), in) != sizeof(header) ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&st, header, key) != 0)
		return false;
	bool final = false, ok = true;
	while (ok && !final) {
		size_t n = fread(sealed, 1, sizeof(sealed), in);
		unsigned long long len;
		unsigned char tag;
		if (ferror(in) || n == 0 ||
		    crypto_secretstream_xchacha20poly1305_pull(&st, plain, &len, &tag, sealed, n,
		                                               NULL, 0) != 0) {
			ok = false;
			break;
		}
		final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
		ok = fwrite(plain, 1, (size_t)len, out) == len;
	}
	/* nothing may follow the final chunk */
	if (ok && fgetc(in) != EOF)
		ok = false;
	sodium_memzero(&st, sizeof(st));
	sodium_memzero(plain, sizeof(plain));
	return ok && fflush(out) == 0;
}
