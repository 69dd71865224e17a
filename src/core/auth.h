/*
** Users, roles, passwords, sessions and permissions. Knows nothing of HTTP:
** the web layer passes tokens and addresses in and gets users out.
**
** Roles: viewer (read), officer (read + change cadre records, import),
** admin (everything, users, rules). A user may carry a unit scope: then every
** read and write is limited to that unit and the units below it, and
** records outside it behave exactly as missing ones (CB_ENOTFOUND / 404).
*/
#ifndef CANBO_AUTH_H
#define CANBO_AUTH_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"

typedef enum { ROLE_NONE = 0, ROLE_VIEWER = 1, ROLE_OFFICER = 2, ROLE_ADMIN = 3 } Role;

typedef struct {
  long long id;
  const char *username;
  Role role;
  const char *unit_code; /* NULL: whole organization */
  const char *scope;     /* unit path prefix ("/1/7/"), NULL: everything */
  bool disabled;         /* a disabled user cannot log in; their sessions end at once */
  const char *created_at; /* filled by auth_user_list */
} User;

Role auth_role_parse(const char *s);      /* ROLE_NONE when unknown */
const char *auth_role_name(Role r);       /* "admin" ... */
const char *auth_role_label(Role r);      /* Vietnamese label */

/*
** Create a user with an argon2id hash of `password` (libsodium). `unit_code`
** NULL/"" for an unscoped user. Audited as actor `actor` in one transaction.
** CB_EINVAL (bad role, empty name/password < 8 bytes), CB_EEXIST, CB_ENOTFOUND
** (unit), CB_EDB.
*/
int auth_user_add(Db *db, Arena *a, const char *actor, const char *username, const char *role,
                  const char *unit_code, const char *password);
/* The same as auth_user_add inside the caller's transaction (no BEGIN/COMMIT; e.g. `canbo demo`). */
int auth_user_insert(Db *db, Arena *a, const char *actor, const char *username, const char *role,
                     const char *unit_code, const char *password);
/* The user called `username` (without checking a password). 0 or CB_ENOTFOUND. */
int auth_user_find(Db *db, Arena *a, const char *username, User *out);
/* True when `password` matches the user's stored hash. Constant work whether the user exists or not. */
bool auth_password_ok(Db *db, const char *username, const char *password);

/* --- Sessions, CSRF, rate limits (auth_session.c) --- */

typedef struct {
  const char *token; /* the cookie value (hex, 64 chars); only its SHA-256 is stored */
  const char *csrf;  /* the session's CSRF token (hex) */
} Session;

/*
** Check the password and open a session. `addr` is the client address for
** rate limiting. The attempt is counted against the limits atomically before
** the password is checked, and taken back on success. 0 with *user and *s
** filled (arena); CB_EPERM on wrong credentials (the failure stays counted), with user->disabled set when the
** password was right but the account is disabled (only its owner learns it: the page can say so);
** CB_ELIMIT when too many recent failures (see AUTH_FAIL_*); CB_EDB.
*/
int auth_login(Db *db, Arena *a, const char *username, const char *password, const char *addr, User *user,
               Session *s);
/* The user of a live session token, and its CSRF token. 0 or CB_ENOTFOUND (unknown/expired). */
int auth_session_user(Db *db, Arena *a, const char *token, User *out, const char **csrf);
/* End the session of `token` (no error when it does not exist). */
int auth_logout(Db *db, const char *token);

/* End every session of user `user_id` except the one of `keep_token` (NULL: all), in every thread at once. */
int auth_sessions_end(Db *db, long long user_id, const char *keep_token);

/* --- Managing users (auth_users.c) --- */

/*
** Why `password` is not good enough for `username`, in Vietnamese, or NULL:
** at least 12 characters, not the user name (nor containing it), not one
** of the common passwords, not one character repeated or a plain sequence.
*/
const char *auth_password_problem(const char *username, const char *password);
/* Every user, by name (arena). */
int auth_user_list(Db *db, Arena *a, User **out, int *n);
/*
** Change a user's role, unit scope (unit_code "" = the whole organization)
** and disabled flag; NULL leaves one as it is. Disabling (and any change of
** role or scope) ends the user's sessions at once. An admin cannot disable
** themselves, take away their own admin role or change their own unit
** (CB_EPERM: each would lock them out of the users and rules). Audited. 0,
** CB_EINVAL (role), CB_ENOTFOUND (user or unit), CB_EPERM, CB_EDB.
*/
int auth_user_update(Db *db, Arena *a, const char *actor, const char *username, const char *role,
                     const char *unit_code, const int *disabled);
/*
** Set the password of `username` (admin reset, or the user's own change
** after auth_password_ok on the old one). *problem gets the policy's
** message when the password is refused (CB_EINVAL). Ends the user's other
** sessions (all but keep_token). Audited (without the password). 0,
** CB_EINVAL, CB_ENOTFOUND, CB_EDB.
*/
int auth_user_set_password(Db *db, Arena *a, const char *actor, const char *username, const char *password,
                           const char *keep_token, const char **problem);

/*
** Session lifetime; failed-login window and limits. Failures count per
** client address (AUTH_FAIL_MAX_ADDR), per user and address, and per user
** only from addresses the user never logged in from (AUTH_FAIL_MAX_USER
** each): a stranger's guesses lock the user out of new addresses, never of
** one the user already logged in from (docs/SECURITY.md).
*/
#define AUTH_SESSION_SECONDS (12 * 3600)
#define AUTH_FAIL_WINDOW (15 * 60)
#define AUTH_FAIL_MAX_USER 5
#define AUTH_FAIL_MAX_ADDR 20
/* Seconds until a rate-limited login may be tried again (0 when not limited); for Retry-After. */
long long auth_login_retry_after(Db *db, Arena *a, const char *username, const char *addr);
/* Constant-time comparison of two tokens (CSRF); false when either is NULL or empty. */
bool auth_token_equal(const char *a, const char *b);

#endif
