-- canbo schema 24, PostgreSQL form of src/schema/0024_hardening.sql (same tables, columns,
-- indexes and rows; kinds as in pg/0001_init.sql).
-- WITHOUT ROWID (a SQLite storage choice) has no counterpart: these are ordinary tables.
-- canbo schema 24 (issue 12, hardening): refused requests as aggregated counts,
-- and the addresses each user has logged in from (docs/SECURITY.md).

-- One row per minute, actor, address, route and reason with the number of
-- refusals (403: permission, CSRF, cross-site login). The first refusal of a
-- bucket also writes one audit row ("denied"); the others only count here. An
-- actor and address get at most 16 route buckets a minute; further routes
-- count under route '*', so a flood of refusals grows nothing but counters.
CREATE TABLE denials (
  minute TEXT NOT NULL,                       -- 'YYYY-MM-DDTHH:MMZ' (UTC)
  actor  TEXT NOT NULL,                       -- user name, or 'anonymous'
  addr   TEXT NOT NULL,                       -- client address
  route  TEXT NOT NULL,                       -- 'METHOD /pattern' of the route table, or '*'
  reason TEXT NOT NULL,                       -- permission | csrf | cross-site login
  count  BIGINT NOT NULL,
  PRIMARY KEY (minute, actor, addr, route, reason)
);

-- Addresses a user has logged in from successfully: failed logins from these
-- count against that address only, so a stranger elsewhere cannot lock the
-- user out of the places they work from (core/auth_session.c).
CREATE TABLE login_known (
  username TEXT NOT NULL,
  addr     TEXT NOT NULL,
  last_at  BIGINT NOT NULL,                  -- unix seconds of the last successful login
  PRIMARY KEY (username, addr)
);
