#ifndef KRING_DEVICE_H
#define KRING_DEVICE_H

/*
 * The coarse description of a device that a session's list shows ("Firefox
 * op Android"), so that a user can tell their phone from a computer they
 * forgot to log out of. Only the browser family and the OS family are kept,
 * each from a fixed list: never the User-Agent itself (its version numbers
 * and device models narrow down who someone is), never the address. Both
 * are static strings from the lists in device.c.
 */
struct device {
	const char *browser; /* "Firefox", "Chrome", ...; NULL: not known */
	const char *os;      /* "Android", "iOS", "Windows", ...; NULL: not known */
};

/* The families named in a User-Agent header; both NULL for a NULL or unknown header. */
struct device device_from_user_agent(const char *user_agent);

#endif
