/*
** Plans kept per set of values (PostgreSQL engine; docs/DECISIONS.md "plans kept per set of values").
**
** A statement that PostgreSQL must plan for its values (not db_pg_generic_safe: ranges, IN lists, optional
** filters) is planned again at each execution: 0.3-1.2 ms of a small page's few milliseconds. Pages are asked
** again and again with the same values (the same unit, the same day, the same page), so the second time a
** statement comes with the same values on a connection, it is prepared once more with those values written into
** its text: a statement without parameters, whose one plan is the plan for exactly those values -- the plan a
** custom plan would be, kept. From the third time on it runs without planning. Values seen only once (a lookup
** per person) never get one. PostgreSQL plans a kept statement again when a table it reads changes shape, or when
** an ANALYZE changes the table's size in pg_class (not for new statistics alone).
** Writes, bulk loads, blobs and a session whose plan mode is its administrator's are left as they are.
**
** Values are bound everywhere above the engine; here they are written into SQL text, so only plain ones are:
** digits, ASCII letters and "/-.:_" (ids, dates, unit paths, codes, a page's LIMIT), quoted by libpq's
** PQescapeLiteral all the same. A statement with any other value -- a name, a searched word, a quote -- runs
** as it is, with its values bound (docs/SECURITY.md).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/db_pg_internal.h"
#include "core/err.h"

#define LITERAL_MAX (64 * 1024) /* statements longer with their values written in are run as they are */

static unsigned long long fnv64(const char *s) {
  unsigned long long h = 1469598103934665603ull;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

/* True for a value that may be written into SQL text: digits, ASCII letters and "/-.:_" only. */
static bool plain_value(const char *v) {
  for (; *v; v++)
    if (!((*v >= '0' && *v <= '9') || (*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') || strchr("/-.:_", *v)))
      return false;
  return true;
}

/* The SQL name of a parameter type the server inferred, for the cast of its value; NULL: not one written in. */
static const char *type_name(Oid t) {
  switch (t) {
  case 16: return "boolean";
  case 20: return "bigint";
  case 21: return "smallint";
  case 23: return "integer";
  case 25: return "text";
  case 700: return "real";
  case 701: return "double precision";
  case 1043: return "varchar";
  case 1082: return "date";
  case 1700: return "numeric";
  default: return NULL;
  }
}

/*
** p's text with st's values written in place of $1..$n: each value a quoted literal, cast to the type the server
** inferred for its parameter (`types`: PQdescribePrepared), so that the statement is typed exactly as the prepared
** one ('2024' - '2' would be "operator is not unique"); without `types` (the key that tells two sets of values
** apart) no casts. Quoted strings of the text are copied as they are (canbo's statements have no comments,
** quoted identifiers, E'' or $$ strings where a parameter could hide; a text that still came out wrong fails its
** PREPARE, and the statement then runs as it is). malloc'd; NULL when too long, a type is not known, or out of
** memory.
*/
static char *literal_sql(PgDb *d, const PgPrep *p, const PgStmt *st, const Oid *types) {
  Buf b = BUF_INIT;
  for (const char *s = p->pgsql; *s && b.len < LITERAL_MAX;) {
    if (*s == '\'') { /* a string of the statement itself, '' inside */
      const char *e = s + 1;
      while (*e && !(*e == '\'' && e[1] != '\'')) e += *e == '\'' ? 2 : 1;
      if (*e) e++;
      buf_append(&b, s, (size_t)(e - s));
      s = e;
      continue;
    }
    if (*s != '$' || s[1] < '0' || s[1] > '9') {
      buf_putc(&b, *s++);
      continue;
    }
    char *end;
    long k = strtol(s + 1, &end, 10);
    s = end;
    const char *type = types && k >= 1 && k <= p->nparams ? type_name(types[k - 1]) : NULL;
    if (k < 1 || k > p->nparams || (types && !type)) { /* not its parameter, or a type not written in */
      buf_free(&b);
      return NULL;
    }
    const char *v = st->vals[k - 1];
    char *q = v ? PQescapeLiteral(d->c, v, strlen(v)) : NULL;
    if (v && !q) {
      buf_free(&b);
      return NULL;
    }
    buf_puts(&b, q ? q : "NULL");
    PQfreemem(q);
    if (type) buf_printf(&b, "::%s", type);
  }
  if (b.len >= LITERAL_MAX || !b.p) {
    buf_free(&b);
    return NULL;
  }
  return b.p;
}

/* p->ptypes: the parameters' types as the server inferred them, asked once (p is prepared). 0 or CB_EDB. */
static int param_types(PgDb *d, PgPrep *p) {
  if (p->ptypes) return 0;
  if (pg_conn_ready(d)) return CB_EDB;
  PGresult *r = PQdescribePrepared(d->c, p->name);
  int rc = PQresultStatus(r) == PGRES_COMMAND_OK && PQnparams(r) == p->nparams ? 0 : CB_EDB;
  if (!rc && !(p->ptypes = malloc(sizeof(Oid) * (size_t)p->nparams))) rc = CB_EDB;
  for (int i = 0; !rc && i < p->nparams; i++) p->ptypes[i] = PQparamtype(r, i);
  PQclear(r);
  return rc;
}

/*
** Prepare `sql` as `name` (pg_prepare_guarded). 0, CB_EINVAL when the
** server refused the text itself (SQLSTATE class 42: never to be tried again for this statement), CB_EDB otherwise
** (a value its type refuses, the connection: the statement runs as it is this time).
*/
static int prepare_literal(PgDb *d, const PgPrep *p, const char *name, const char *sql) {
  if (pg_conn_ready(d)) return CB_EDB;
  PGresult *r = pg_prepare_guarded(d, name, sql, 0, NULL);
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  const char *state = ok ? NULL : PQresultErrorField(r, PG_DIAG_SQLSTATE);
  bool text = state && strncmp(state, "42", 2) == 0;
  if (text) /* the statement with placeholders, not the values (they stay out of the log) */
    fprintf(stderr, "canbo: note: no plan kept for this statement's values, it runs as it is: %s  in: %.300s\n",
            PQresultErrorMessage(r), p->pgsql);
  PQclear(r);
  return ok ? 0 : text ? CB_EINVAL : CB_EDB;
}

/* Forget a kept plan (on the server too, unless the transaction has failed: then the connection keeps it). */
static void forget(PgDb *d, PgValuePlan *vp) {
  if (vp->sql && PQtransactionStatus(d->c) != PQTRANS_INERROR && !pg_conn_ready(d)) {
    char sql[48];
    snprintf(sql, sizeof sql, "DEALLOCATE %s", vp->name);
    PQclear(PQexec(d->c, sql));
  }
  free(vp->sql);
  memset(vp, 0, sizeof *vp);
}

const char *pg_value_plan(PgDb *d, PgStmt *st) {
  PgPrep *p = st->p;
  if (p->generic || p->no_values || !d->plan_switch || d->bulk || d->batch || p->nparams == 0 || !p->name[0] ||
      pg_is_write(p->sql) || PQtransactionStatus(d->c) == PQTRANS_INERROR) /* (failed: nothing may be prepared) */
    return NULL;
  for (int i = 0; i < p->nparams; i++)
    if (st->kind[i] == 'b' || (st->vals[i] && !plain_value(st->vals[i]))) return NULL;
  char *sql = literal_sql(d, p, st, NULL); /* the key: the values, without their casts */
  if (!sql) return NULL;
  unsigned long long h = fnv64(sql);
  PgValuePlan *victim = &d->vplan[0];
  for (int i = 0; i < PG_VALUE_PLANS; i++) {
    PgValuePlan *vp = &d->vplan[i];
    if (vp->sql && vp->h == h && strcmp(vp->sql, sql) == 0) { /* kept: no planning */
      vp->used = ++d->vclock;
      free(sql);
      return vp->name;
    }
    if (!vp->sql ? victim->sql != NULL : victim->sql && vp->used < victim->used) victim = vp; /* empty, else oldest */
  }
  bool seen = false;
  for (int i = 0; i < PG_VALUE_SEEN && !seen; i++) seen = d->vseen[i] == h;
  if (!seen) { /* the first time: run as it is, remembered */
    d->vseen[d->vseen_next++ % PG_VALUE_SEEN] = h;
    free(sql);
    return NULL;
  }
  char *typed = param_types(d, p) == 0 ? literal_sql(d, p, st, p->ptypes) : NULL;
  if (!typed) {
    free(sql);
    return NULL;
  }
  forget(d, victim);
  char name[sizeof victim->name];
  snprintf(name, sizeof name, "cv%u", ++d->serial);
  int rc = prepare_literal(d, p, name, typed);
  free(typed);
  if (rc) {
    if (rc == CB_EINVAL) p->no_values = true; /* a text that cannot take values: never again */
    free(sql);
    return NULL;
  }
  victim->sql = sql, victim->h = h, victim->used = ++d->vclock;
  memcpy(victim->name, name, sizeof name);
  return victim->name;
}

void pg_value_plans_free(PgDb *d) {
  for (int i = 0; i < PG_VALUE_PLANS; i++) free(d->vplan[i].sql);
  memset(d->vplan, 0, sizeof d->vplan);
}
