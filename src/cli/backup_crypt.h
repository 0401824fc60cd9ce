#ifndef KRING_BACKUP_CRYPT_H
#define KRING_BACKUP_CRYPT_H

/*
 * Encrypted backup files: "KRINGBK1", libsodium's secretstream header, then
 * the database in 64 KiB chunks, each encrypted and authenticated
 * (XChaCha20-Poly1305); the last chunk carries the FINAL tag, so a file cut
 * short, reordered or changed anywhere fails to decrypt. The key is derived
 * from a key file of at least 32 bytes (BLAKE2b), kept outside the database
 * and the backups.
 */

#include <stdbool.h>
#include <stdio.h>

#include <sodium.h>

#define BACKUP_MAGIC     "KRINGBK1"
#define BACKUP_MAGIC_LEN 8

/* Reads the key file into key; false with a reason on stderr. */
bool backup_key_load(const char *path,
                     unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES]);

/* Whether the file at path starts like an encrypted backup. */
bool backup_is_encrypted(const char *path);

/* Encrypts in into out (both open files); false on a read or write error. */
bool backup_encrypt(FILE *in, FILE *out,
                    const unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES]);

/*
 * Decrypts in into out. False when the file is not an encrypted backup, the
 * key is wrong, or any byte was changed, added or cut off (out then holds
 * garbage and must be thrown away).
 */
bool backup_decrypt(FILE *in, FILE *out,
                    const unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES]);

#endif
