/* Unit scope as a value (core/scope.h). */
#include "core/scope.h"
#include <string.h>

/* The all marker (compared by address) and a prefix no unit path has (paths start with '/').
   A zero-filled Scope (prefix_ NULL) is nothing, so a Req not filled by the router sees nobody. */
static const char SCOPE_ALL[] = "*all";
static const char SCOPE_NOTHING[] = "!none";

Scope scope_all(void) { return (Scope){SCOPE_ALL}; }
Scope scope_none(void) { return (Scope){NULL}; }

Scope scope_unit(const char *unit_path) {
  size_t n = unit_path ? strlen(unit_path) : 0;
  if (n < 3 || unit_path[0] != '/' || unit_path[n - 1] != '/') return scope_none();
  return (Scope){unit_path};
}

Scope scope_from_user(const char *stored) {
  return stored && *stored ? scope_unit(stored) : scope_all();
}

bool scope_is_all(Scope s) { return s.prefix_ == SCOPE_ALL; }
bool scope_is_none(Scope s) { return s.prefix_ == NULL; }

bool scope_contains(Scope s, const char *unit_path) {
  if (scope_is_all(s)) return true;
  if (scope_is_none(s) || !unit_path) return false;
  return strncmp(unit_path, s.prefix_, strlen(s.prefix_)) == 0;
}

const char *scope_unit_path(Scope s) { return scope_is_all(s) || scope_is_none(s) ? NULL : s.prefix_; }

/* SQL: NULL for everything (SCOPE_SQL's "IS NULL" arm), a prefix no path has for nothing. */
static const char *sql_arg(Scope s) { return scope_is_all(s) ? NULL : scope_is_none(s) ? SCOPE_NOTHING : s.prefix_; }

void scope_bind(DbStmt *st, int idx, Scope s) { db_bind_text(st, idx, sql_arg(s)); }

const char *scope_legacy(Scope s) { return sql_arg(s); }

Scope scope_from_legacy(const char *s) {
  if (!s || !*s) return scope_all(); /* the old strings: NULL and "" both meant everything */
  return strcmp(s, SCOPE_NOTHING) == 0 ? scope_none() : scope_unit(s);
}
