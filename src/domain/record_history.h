/*
** The history of the records (docs/RECORDS.md): every change of a cadre's
** file -- the cadre's own fields, their posts, courses, ratings,
** disciplines and family members -- with who, when, the old and the new
** stored value, the date from which the new value holds and the reason.
** Rows are only ever added, in the same transaction as the change (and
** beside its audit row, which is what `canbo audit verify` checks).
**
** Also the Editor: who is changing records, from where, and within which
** unit scope -- passed to every function that writes a record.
*/
#ifndef CANBO_RECORD_HISTORY_H
#define CANBO_RECORD_HISTORY_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"

typedef struct {
  const char *actor;  /* username, or "cli:<os user>" */
  const char *source; /* "form" | "api" | "import" | "cli" | "demo" | "act:rotation:ID" ... */
  const char *scope;  /* the unit path the actor is limited to; NULL = the whole organization */
  bool admin;         /* role admin: sees voided records and may restore them */
} Editor;

/*
** Append one history row. entity is "cadre", "position", "training",
** "evaluation", "discipline", "family" or "user"; action "create",
** "update", "void" or "restore"; field/old/new for updates (NULL
** otherwise); effective_date for dated changes (NULL otherwise). In the
** caller's transaction. 0 or CB_EDB.
*/
int history_add(Db *db, const Editor *ed, long long cadre_id, const char *entity, long long entity_id,
                const char *action, const char *field, const char *old_value, const char *new_value,
                const char *effective_date, const char *reason);

/*
** Void (reason given: by `actor`, with the reason) or restore (reason NULL) record `id` of `table`, one of the
** record tables (cadre_records, position_records, training_records, evaluation_records, discipline_records,
** family_records; any other is CB_EINVAL): the void columns set or cleared and the version bumped, in the
** caller's transaction. 0, CB_EEXIST (a restore whose unique key a live record now holds), CB_EDB.
*/
int record_set_void(Db *db, const char *table, long long id, const char *actor, const char *reason);

typedef struct {
  long long id, entity_id;
  const char *at, *by, *entity, *action, *field, *old_value, *new_value, *effective_date, *reason, *source;
  /* The post a change of a post is about, as it reads now ("Phó Chủ tịch UBND xã Hải Xuân, từ 01/01/2020"); NULL
     for other rows and for a post's creation, whose new value says it already. */
  const char *subject;
} HistoryItem;

/* The history of cadre `cadre_id`'s file, newest first, at most `limit` rows (0: all). *out in `a`. */
int history_for_cadre(Db *db, Arena *a, long long cadre_id, int limit, HistoryItem **out, int *n);
/* history_for_cadre in two halves (db_run_together): the statement (NULL on error), then its rows. */
DbStmt *history_stmt_for_cadre(Db *db, long long cadre_id, int limit);
int history_read(DbStmt *st, Arena *a, HistoryItem **out, int *n);

/* The Vietnamese label of an action ("Tạo mới", "Sửa", "Hủy", "Khôi phục"). */
const char *history_action_label(const char *action);
/* A unit code ("KL") or title code of a history value as people read it: "Phường Ka Long (KL)"; the code when unknown. */
const char *history_code_named(Db *db, Arena *a, bool unit, const char *code);

#endif
