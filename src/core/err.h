/*
** Error codes shared by every layer. Functions return 0 on success or one of
** these negative values; the CLI maps them to exit codes and the web layer to
** HTTP statuses in one place each (main.c cli_exit_code, web/respond.c).
*/
#ifndef CANBO_ERR_H
#define CANBO_ERR_H

enum {
  CB_OK = 0,
  CB_EINVAL = -1,    /* bad input data (exit 3 / HTTP 400) */
  CB_ENOTFOUND = -2, /* no such record, or outside the user's scope (404) */
  CB_EEXIST = -3,    /* a key that must be new already exists (400/409) */
  CB_EDB = -4,       /* database failure (exit 1 / 500) */
  CB_EPERM = -5,     /* not allowed (403) */
  CB_EIO = -6,       /* file or network failure (exit 1) */
  CB_ERULE = -7,     /* refused by a rule finding (422) */
  CB_EUSAGE = -8,    /* command-line usage (exit 2) */
  CB_ELIMIT = -9,    /* rate limited (429) */
  CB_ECONFLICT = -10, /* the record changed since the version the caller read (409) */
};

#endif
