/*
** Shared fixture of test_appointment.c and test_relative.c (header-only, so
** it is not a test program itself): a temporary database with a small
** organization imported through the real importer.
*/
#ifndef TEST_FIXTURE_APPT_H
#define TEST_FIXTURE_APPT_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/arena.h"
#include "core/db.h"
#include "domain/importer.h"

typedef struct {
  char path[80];
  Db *db;
  Arena *a;
} Fx;

static const char FX_UNITS[] = "code,name,level,parent_code,locality\n"
                               "QN,Tỉnh Quảng Ninh,province,,Quảng Ninh\n"
                               "MC,Thành phố Móng Cái,district,QN,Móng Cái\n"
                               "PTC,Phòng Tài chính - Kế hoạch,district,MC,Móng Cái\n"
                               "PKT,Phòng Kinh tế,district,MC,Móng Cái\n"
                               "HX,Phường Hải Xuân,commune,MC,Hải Xuân\n";
static const char FX_TITLES[] = "code,name,level,category,rank,function\n"
                                "TP,Trưởng phòng,district,leader,40,head\n"
                                "PP,Phó Trưởng phòng,district,leader,30,deputy_head\n"
                                "KT,Kế toán,district,other,10,accounting\n"
                                "CV,Chuyên viên,district,other,5,other\n"
                                "BT,Bí thư Đảng ủy phường,commune,key,50,party_secretary\n";

/* Import `csv` of `kind`; 0 or the importer's code (errors printed). */
static inline int fx_import(Fx *f, const char *kind, const char *csv) {
  ImportErrors e;
  int n;
  int rc = importer_run(f->db, f->a, kind, kind, csv, strlen(csv), "test", NULL, &e, &n);
  for (int i = 0; rc && i < e.n; i++) fprintf(stderr, "%s\n", e.lines[i]);
  return rc;
}

static inline int fx_open(void **state, const char *name, const char *cadres, const char *positions) {
  Fx *f = calloc(1, sizeof *f);
  snprintf(f->path, sizeof f->path, "/tmp/canbo-test-%s-%d.db", name, (int)getpid());
  unlink(f->path);
  if (db_open(f->path, &f->db) != 0 || db_migrate(f->db, NULL) != 0) return -1;
  f->a = arena_new();
  if (fx_import(f, "units", FX_UNITS) || fx_import(f, "titles", FX_TITLES) || fx_import(f, "cadres", cadres) ||
      (positions && fx_import(f, "positions", positions)))
    return -1;
  *state = f;
  return 0;
}

static inline int fx_close(void **state) {
  Fx *f = *state;
  db_close(f->db);
  arena_free(f->a);
  char p[96];
  unlink(f->path);
  snprintf(p, sizeof p, "%s-wal", f->path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", f->path);
  unlink(p);
  snprintf(p, sizeof p, "%s.audit-head", f->path), unlink(p); /* core/audit.h head file */
  free(f);
  return 0;
}

/* A single integer from a query with one text parameter (NULL = none). */
static inline long long fx_int(Fx *f, const char *sql_literal_only, const char *arg) {
  DbStmt *st = db_prepare_trusted(f->db, sql_literal_only);
  if (arg) db_bind_text(st, 1, arg);
  long long v = db_step(st) == DB_ROW ? db_int(st, 0) : -1;
  db_finalize(st);
  return v;
}

/* A single text from a query with one text parameter, copied into f->a. */
static inline const char *fx_text(Fx *f, const char *sql_literal_only, const char *arg) {
  DbStmt *st = db_prepare_trusted(f->db, sql_literal_only);
  if (arg) db_bind_text(st, 1, arg);
  const char *v = db_step(st) == DB_ROW ? arena_strdup(f->a, db_text(st, 0)) : NULL;
  db_finalize(st);
  return v;
}

#endif
