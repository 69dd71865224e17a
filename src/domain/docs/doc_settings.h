/*
** What a board enters when it generates a document and wants to see again
** next time (table doc_settings, schema 0018): per issuing unit and kind of
** document, the layout (party | state), the issuing body's two lines, the
** body's symbol in the number, the place, the signer's authority, post and
** name, and the usual recipients. When nothing is stored, defaults are
** derived from the issuing unit ("Đảng bộ thành phố Móng Cái" -> the body
** "THÀNH ỦY MÓNG CÁI" under its parent unit's name, symbol "TU", place = the
** unit's locality, "T/M BAN THƯỜNG VỤ" / "BÍ THƯ") and the kind
** (docs/DOCUMENTS.md lists them).
**
** Not for: the document itself (doc_kinds.h), HTTP or the CLI.
*/
#ifndef CANBO_DOCS_DOC_SETTINGS_H
#define CANBO_DOCS_DOC_SETTINGS_H
#include <stdbool.h>
#include "core/arena.h"
#include "core/db.h"
#include "domain/unit.h"

typedef struct {
  const char *layout;                 /* "party" | "state" */
  const char *body_parent, *body_name; /* the issuing body's upper line and the body */
  const char *symbol;                 /* "TU" in "Số 12-QĐ/TU" */
  const char *place;                  /* "Móng Cái" */
  const char *authority;              /* "T/M BAN THƯỜNG VỤ" or "" */
  const char *signer_post, *signer_name;
  const char *recipients;             /* one per line */
  bool stored;                        /* read from doc_settings (else all defaults) */
} DocSettings;

/* True for the six kinds: mau-2c, to-trinh, bien-ban, quyet-dinh, danh-sach, bao-cao. */
bool doc_kind_valid(const char *kind);
/*
** The committee of a Party unit named `name`, with its number symbol:
** "Đảng bộ thành phố Móng Cái" -> "Thành ủy Móng Cái", "TU"; "Đảng bộ huyện
** X" -> "Huyện ủy X", "HU"; "Đảng bộ phường X" -> "Đảng ủy phường X", "ĐU";
** a board or office of a committee ("Ban Tổ chức Thành ủy", "Văn phòng
** Huyện ủy X") -> the name itself, with the initials of its words before
** the committee and the committee's symbol ("BTCTU", "VPHU", "UBKTTU", as in
** "Số 12-TTr/BTCTU"); anything else -> the name itself, "". Strings in `a`.
*/
void doc_committee(Arena *a, const char *name, const char **committee, const char **symbol);
/*
** The board of organisation of `committee`: "Ban Tổ chức Thành ủy Móng Cái"; `committee` itself when it already
** is a Ban Tổ chức ("Ban Tổ chức Thành ủy", a board issuing in its own name), so that no document names a
** "Ban Tổ chức Ban Tổ chức ...". In `a`.
*/
const char *doc_board(Arena *a, const char *committee);
/* Is `name` a State authority of the people: "Ủy ban nhân dân…", "UBND…", "Hội đồng nhân dân…", "HĐND…"? */
bool doc_state_named(const char *name);
/* Is `name` a Party committee's unit ("Đảng bộ thành phố X", "Xã Y"), not a board or office of one? */
bool doc_party_committee(Arena *a, const char *name);
/*
** The name of unit u as a State body's heading names it (Nghị định 30/2020), with its place: "Ủy ban nhân dân
** thành phố" of locality Móng Cái -> "Ủy ban nhân dân thành phố Móng Cái"; a Party committee's unit ("Đảng bộ
** thành phố Móng Cái", "Xã Hải Đông") -> its People's Committee ("Ủy ban nhân dân xã Hải Đông"); any other name
** as it is. In `a`.
*/
const char *doc_state_name(Arena *a, const Unit *u);
/*
** The body that issued an act by a State number ("2088/QĐ-UBND", number/kind-issuer): the unit whose code is the
** number's issuer symbol ("UBND"), whatever the reader's scope -- the rule of the documents (doc_act_issuer) and of
** the annual report's "Cơ quan quyết định". 0; CB_EINVAL (not a State number); CB_ENOTFOUND (no unit carries
** that code: the body cannot be told); CB_EDB.
*/
int doc_state_number_body(Db *db, Arena *a, const char *number, Unit *out);
/* The defaults of `kind` for issuing unit u under `parent` (NULL: a root), see the file comment; in `a`. */
void doc_settings_defaults(Arena *a, const Unit *u, const Unit *parent, const char *kind, const char *layout,
                           DocSettings *out);
/*
** The settings of (u, kind): the stored ones (a stored NULL field takes its
** default), else the defaults. `layout` (NULL = stored or "party") picks the
** defaults when the stored layout differs. 0 or CB_EDB.
*/
int doc_settings_get(Db *db, Arena *a, const Unit *u, const char *kind, const char *layout, DocSettings *out);
/*
** Store s for (u, kind), replacing what was there, with an audit row
** (action "update", entity "doc_settings", key "UNIT/KIND", after = the
** values). Runs in the caller's transaction. 0 or CB_EDB.
*/
int doc_settings_save(Db *db, const char *actor, const Unit *u, const char *kind, const DocSettings *s);

#endif
