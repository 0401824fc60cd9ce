#ifndef KRING_COMMANDS_H
#define KRING_COMMANDS_H

/* Each command gets the arguments after its name and returns the exit code. */
int cmd_init(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_retention(int argc, char **argv);
int cmd_totp_key(int argc, char **argv);

#endif
