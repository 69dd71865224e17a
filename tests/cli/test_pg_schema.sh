#!/usr/bin/env bash
# Parity of the two schemas (issue 13; docs/ARCHITECTURE.md "Two engines"): a database made by
# `canbo init` (SQLite, src/schema/*.sql) and an empty PostgreSQL 15 database given
# src/schema/pg/*.sql in order (psql, one transaction per file) must have
#   - one PostgreSQL file per SQLite migration (same number and name), each applying cleanly;
#   - the same tables and views (ignoring sqlite_*, the FTS5 tables cadre_fts* and
#     schema_migrations, which each backend creates itself), the same columns in the same
#     order with matching kinds (INTEGER/bigint, TEXT/text, BLOB/bytea, REAL/double precision)
#     and NOT NULL flags (a SQLite PRIMARY KEY column counts as NOT NULL, as PostgreSQL makes it);
#   - the same primary, unique and foreign keys, as many CHECK constraints per table, the same
#     triggers (name, table, timing, event; each engine's own aside: SQLite's FTS5 ones, PostgreSQL's
#     *_memo_version, which count changes for the memos, schema/pg/0045) and the same indexes (name, table,
#     uniqueness, partial or not, columns, an expression as <expr>; sqlite_autoindex_* and PostgreSQL's constraint
#     indexes are the keys);
#   - the same rows in every table a migration fills (rule_versions, counters_state, ...), ids
#     included, and the next id PostgreSQL hands out = SQLite's;
#   - vi_fold() in SQL = the C vi_fold (src/core/vi.c) on every Vietnamese vowel with every tone,
#     upper and lower case, precomposed and decomposed (NFD), đ/Đ, ASCII, and the demo's names
#     (the C side is the search_key canbo stores: vi_fold(full_name) || ' ' || vi_fold(code));
#   - the word-prefix search of pg/0001_init.sql (vi_search_words @@ 'w':* & ...) = FTS5's
#     MATCH '"w"*' on the demo's search keys, and the planner can use the GIN index cadre_fts;
#   - the data migrations on rows: 0001..0011 applied on both (sqlite3 shell, psql), the same
#     rows written (relatives, evaluations, an administrator's rule versions that 0020 must
#     keep), the guards of 0006 refusing with the same messages, then 0012.. applied: every
#     table the same row by row, ids included, and the next ids the same.
# Prints "ok NAME" or "FAIL NAME: detail" per check; exits non-zero on any failure.
SUITE=${SUITE:-pg_schema}
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
sdb=$T/s.db

pass() { echo "ok $1"; ok "$1"; }
fail() { echo "FAIL $1: $2"; bad "$1" "$2" 2>/dev/null; }
# same NAME FILE_SQLITE FILE_PG: the two (sorted) texts are equal, else the first lines of the diff
same() {
  if diff "$2" "$3" > "$T/diff"; then pass "$1"; else fail "$1" "sqlite (<) vs postgresql (>): $(head -c 800 "$T/diff" | tr '\n' ';')"; fi
}

out=$(bash "$top/scripts/pg-tmp.sh" 2> "$T/pgtmp.err") || { fail cluster "$(head -c 600 "$T/pgtmp.err")"; done_tests; exit 1; }
url=$(sed -n 's/^URL=//p' <<< "$out")
pgdir=$(sed -n 's/^STOP=.* stop //p' <<< "$out")
trap 'bash "$top/scripts/pg-tmp.sh" stop "$pgdir"; rm -rf "$T"' EXIT
pg() { psql "$url" -qXAt -v ON_ERROR_STOP=1 "$@"; }
lite() { sqlite3 -batch "$sdb" "$@"; }

# ---- the files and their application ------------------------------------------------------
(cd "$top/src/schema" && ls [0-9]*.sql) > "$T/files.lite"
(cd "$top/src/schema/pg" && ls [0-9]*.sql) > "$T/files.pg"
same files "$T/files.lite" "$T/files.pg"

"$CANBO" --db "$sdb" init > "$T/init.out" 2>&1 && pass sqlite-init || fail sqlite-init "$(head -c 400 "$T/init.out")"
applied=0
for f in "$top"/src/schema/pg/[0-9]*.sql; do
  if psql "$url" -qX -v ON_ERROR_STOP=1 --single-transaction -f "$f" > /dev/null 2> "$T/apply.err"; then
    applied=$((applied + 1))
  else
    fail "apply-$(basename "$f" .sql)" "$(head -c 600 "$T/apply.err")"
  fi
done
[ "$applied" -eq "$(wc -l < "$T/files.pg")" ] && pass "apply-all ($applied files)"

# ---- tables, views, columns -----------------------------------------------------------------
skip() { echo "${1:-}name NOT LIKE 'sqlite_%' AND ${1:-}name NOT LIKE 'cadre_fts%' AND ${1:-}name <> 'schema_migrations'"; }
SKIP_LITE=$(skip)
lite "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('table', 'view') AND $SKIP_LITE" |
  LC_ALL=C sort > "$T/rel.lite"
pg -c "SELECT CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END || ' ' || table_name
       FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'" |
  LC_ALL=C sort > "$T/rel.pg"
same tables-and-views "$T/rel.lite" "$T/rel.pg"

# table|position|column|kind|notnull
lite "SELECT m.name || '|' || p.cid || '|' || p.name || '|' ||
        CASE upper(p.type) WHEN 'INTEGER' THEN 'int' WHEN 'TEXT' THEN 'text' WHEN 'BLOB' THEN 'blob'
                           WHEN 'REAL' THEN 'real' ELSE 'other:' || p.type END || '|' ||
        (CASE WHEN p.\"notnull\" OR p.pk > 0 THEN 1 ELSE 0 END)
      FROM sqlite_master m, pragma_table_info(m.name) p
      WHERE m.type IN ('table', 'view') AND $(skip m.)" | LC_ALL=C sort -t'|' -k1,1 -k2,2n > "$T/cols.lite"
pg -c "SELECT table_name || '|' || (ordinal_position - 1) || '|' || column_name || '|' ||
         CASE data_type WHEN 'bigint' THEN 'int' WHEN 'text' THEN 'text' WHEN 'bytea' THEN 'blob'
                        WHEN 'double precision' THEN 'real' ELSE 'other:' || data_type END || '|' ||
         (CASE is_nullable WHEN 'NO' THEN 1 ELSE 0 END)
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'" |
  LC_ALL=C sort -t'|' -k1,1 -k2,2n > "$T/cols.pg"
same columns "$T/cols.lite" "$T/cols.pg"

# ---- keys and indexes ------------------------------------------------------------------------
# table|pk|cols and table|unique|cols
lite "SELECT m.name || '|pk|' || (SELECT group_concat(name, ',') FROM
        (SELECT name FROM pragma_table_info(m.name) WHERE pk > 0 ORDER BY pk))
      FROM sqlite_master m WHERE m.type = 'table' AND $(skip m.)
        AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE pk > 0)
      UNION ALL
      SELECT m.name || '|unique|' || (SELECT group_concat(name, ',') FROM
        (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno))
      FROM sqlite_master m, pragma_index_list(m.name) l
      WHERE m.type = 'table' AND $(skip m.) AND l.origin = 'u'" | LC_ALL=C sort > "$T/keys.lite"
pg -c "SELECT t.relname || '|' || CASE c.contype WHEN 'p' THEN 'pk' ELSE 'unique' END || '|' ||
         array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ',')
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace s ON s.oid = t.relnamespace
       WHERE s.nspname = 'public' AND c.contype IN ('p', 'u') AND t.relname <> 'schema_migrations'" |
  LC_ALL=C sort > "$T/keys.pg"
same keys "$T/keys.lite" "$T/keys.pg"

# index|table|unique|partial|cols
lite "SELECT l.name || '|' || m.name || '|' || l.\"unique\" || '|' || l.partial || '|' ||
        (SELECT group_concat(coalesce(name, '<expr>'), ',') FROM (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno))
      FROM sqlite_master m, pragma_index_list(m.name) l
      WHERE m.type = 'table' AND $(skip m.) AND l.origin = 'c'" | LC_ALL=C sort > "$T/idx.lite"
pg -c "SELECT i.relname || '|' || t.relname || '|' || x.indisunique::int || '|' || (x.indpred IS NOT NULL)::int || '|' ||
         array_to_string(ARRAY(SELECT CASE x.indkey[k - 1] WHEN 0 THEN '<expr>' ELSE pg_get_indexdef(x.indexrelid, k, true) END
                               FROM generate_series(1, x.indnatts) k ORDER BY k), ',')
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace s ON s.oid = t.relnamespace
       WHERE s.nspname = 'public' AND i.relname <> 'cadre_fts' AND t.relname <> 'schema_migrations'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)" | LC_ALL=C sort > "$T/idx.pg"
same indexes "$T/idx.lite" "$T/idx.pg"
# foreign keys: table|columns|referenced table|referenced columns
lite "SELECT m.name || '|' || group_concat(f.\"from\", ',') || '|' || f.\"table\" || '|' || group_concat(f.\"to\", ',')
      FROM sqlite_master m, pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table' AND $(skip m.) GROUP BY m.name, f.id" | LC_ALL=C sort > "$T/fk.lite"
pg -c "SELECT c.conrelid::regclass::text || '|' ||
         array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ',') || '|' ||
         c.confrelid::regclass::text || '|' ||
         array_to_string(ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o), ',')
       FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace
       WHERE s.nspname = 'public' AND c.contype = 'f'" | LC_ALL=C sort > "$T/fk.pg"
same foreign-keys "$T/fk.lite" "$T/fk.pg"
# CHECK constraints: how many per table (SQLite keeps them only in the CREATE TABLE text)
lite "SELECT name || '|' || ((length(sql) - length(replace(sql, 'CHECK (', ''))) / 7) FROM sqlite_master
      WHERE type = 'table' AND $(skip) AND sql LIKE '%CHECK (%'" | LC_ALL=C sort > "$T/chk.lite"
pg -c "SELECT t.relname || '|' || count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = 'public' AND c.contype = 'c' GROUP BY t.relname" |
  LC_ALL=C sort > "$T/chk.pg"
same check-constraints "$T/chk.lite" "$T/chk.pg"
# triggers (SQLite's FTS5 ones and PostgreSQL's memo_version counters aside): name|table|timing|event
lite "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'cadres_fts%'" |
  sed -nE 's/^CREATE TRIGGER ([a-z_0-9]+) (BEFORE|AFTER) (INSERT|UPDATE|DELETE)( OF [a-z_, ]+)? ON ([a-z_]+).*/\1|\5|\2|\3/p' |
  LC_ALL=C sort > "$T/trg.lite"
pg -c "SELECT trigger_name || '|' || event_object_table || '|' || action_timing || '|' || event_manipulation
       FROM information_schema.triggers WHERE trigger_schema = 'public' AND trigger_name NOT LIKE '%_memo_version'" |
  LC_ALL=C sort > "$T/trg.pg"
[ -s "$T/trg.lite" ] && same triggers "$T/trg.lite" "$T/trg.pg" || fail triggers "no SQLite trigger read"
expect_gin=$(pg -c "SELECT t.relname || ' ' || am.amname FROM pg_class i JOIN pg_index x ON x.indexrelid = i.oid
                    JOIN pg_class t ON t.oid = x.indrelid JOIN pg_am am ON am.oid = i.relam WHERE i.relname = 'cadre_fts'")
[ "$expect_gin" = "cadre_records gin" ] && pass search-index || fail search-index "cadre_fts is '$expect_gin'"

# ---- rows the migrations write ----------------------------------------------------------------
# one query per engine counts every table's rows; only the filled tables are dumped
tables=$(lite "SELECT name FROM sqlite_master WHERE type = 'table' AND $SKIP_LITE ORDER BY name")
count_sql=$(for t in $tables; do printf "SELECT '%s|' || count(*) FROM \"%s\" UNION ALL " "$t" "$t"; done)
count_sql="${count_sql% UNION ALL }"
lite "$count_sql" > "$T/counts.lite"
pg -c "$count_sql" > "$T/counts.pg" 2>&1
same row-counts "$T/counts.lite" "$T/counts.pg"
nonempty=0
# memo_version counts the changes of units, titles and rule versions on PostgreSQL only (schema/pg/0045: engine
# bookkeeping, not data, not copied): a migration that updates a rule version counts one there
for tn in $(grep -v '|0$' "$T/counts.lite" | grep -v '^memo_version|'); do
  t=${tn%|*} nl=${tn#*|}
  nonempty=$((nonempty + 1))
  row=$(lite "SELECT group_concat('coalesce(CAST(\"' || name || '\" AS TEXT), ''<NULL>'')', ' || ''|'' || ')
              FROM pragma_table_info('$t')")
  key=$(lite "SELECT group_concat('\"' || name || '\"', ', ') FROM (SELECT name FROM pragma_table_info('$t') WHERE pk > 0 ORDER BY pk)")
  lite "SELECT $row FROM \"$t\" ORDER BY ${key:-1}" > "$T/rows.lite"
  pg -c "SELECT $row FROM \"$t\" ORDER BY ${key:-1}" > "$T/rows.pg" 2>&1
  same "rows-$t ($nl)" "$T/rows.lite" "$T/rows.pg"
done
[ "$nonempty" -ge 2 ] && pass "seeded-tables ($nonempty)" || fail seeded-tables "only $nonempty tables have rows"
# the next rule version gets the same id on both (SQLite: max(rowid) + 1)
want=$(( $(lite "SELECT max(id) FROM rule_versions") + 1 ))
got=$(pg -c "BEGIN" -c "INSERT INTO rule_versions(rule, title, basis, effective_from, confidence)
             VALUES ('X-1', 'x', 'x', '2000-01-01', 'V') RETURNING id" -c "ROLLBACK" 2>&1)
expect_eq_ok() { [ "$2" = "$3" ] && pass "$1" || fail "$1" "wanted '$2', got '$3'"; }
expect_eq_ok next-id "$want" "$got"

# ---- triggers that refuse a row: same messages ---------------------------------------------
pg -c "BEGIN" -c "INSERT INTO units(code, name, level) VALUES ('U', 'U', 'province')" \
   -c "INSERT INTO cadre_records(code, full_name, sort_name, sort_key, search_key, gender, birth_date, unit_id, created_at, updated_at)
       SELECT c, c, c, '\\x00', lower(c), 'M', '1980-01-01', (SELECT id FROM units), 'x', 'x' FROM (VALUES ('A'), ('B')) v(c)" \
   -c "INSERT INTO family_records(cadre_id, relation, full_name, relative_cadre_id)
       SELECT a.id, 'sibling', 'B', b.id FROM cadre_records a, cadre_records b WHERE a.code = 'A' AND b.code = 'B'" \
   -c "SELECT count(*) FROM counters_dirty" -c "ROLLBACK" > "$T/trig.out" 2>&1
expect_eq_ok counters-trigger 2 "$(tail -n1 "$T/trig.out")"
refusal() { # NAME MESSAGE SQL...: the INSERT is refused with MESSAGE
  pg -c "BEGIN" -c "INSERT INTO units(code, name, level) VALUES ('U', 'U', 'province')" \
     -c "INSERT INTO cadre_records(code, full_name, sort_name, sort_key, search_key, gender, birth_date, unit_id, created_at, updated_at)
         SELECT c, c, c, '\\x00', lower(c), 'M', '1980-01-01', (SELECT id FROM units), 'x', 'x' FROM (VALUES ('A'), ('B')) v(c)" \
     -c "$3" -c "ROLLBACK" > "$T/ref.out" 2>&1
  grep -qF "ERROR:  $2" "$T/ref.out" && pass "$1" || fail "$1" "$(head -c 400 "$T/ref.out")"
}
refusal family-not-self 'a cadre cannot be their own relative' \
  "INSERT INTO family_records(cadre_id, relation, full_name, relative_cadre_id) SELECT id, 'sibling', 'A', id FROM cadre_records WHERE code = 'A'"
refusal family-link-once 'this pair of cadres is already recorded as relatives (the reverse relation is implied)' \
  "INSERT INTO family_records(cadre_id, relation, full_name, relative_cadre_id)
   SELECT a.id, 'sibling', 'B', b.id FROM cadre_records a, cadre_records b WHERE a.code = 'A' AND b.code = 'B'
   UNION ALL SELECT b.id, 'sibling', 'A', a.id FROM cadre_records a, cadre_records b WHERE a.code = 'A' AND b.code = 'B'"

# ---- vi_fold: every Vietnamese letter, precomposed and NFD, and ASCII -------------------------
python3 - "$T" <<'PY'
import sys, unicodedata
T = sys.argv[1]
vowels = "a ă â e ê i o ô ơ u ư y".split()
tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
letters = []
for v in vowels:
    for t in tones:
        letters.append(unicodedata.normalize("NFC", v + t))
letters += ["đ", "đ"]  # a name of one letter is refused (a name has at least two letters)
words = []
for group in (letters[i:i + 6] for i in range(0, len(letters), 6)):
    words.append(" ".join(group))
    words.append(" ".join(x.upper() for x in group))
words.append("ĐỖ Đình Đức đđ ĐĐ")
words.append("ABCDEFGHIJKLM NOPQRSTUVWXYZ abcdefghijklm nopqrstuvwxyz")
names = words + [unicodedata.normalize("NFD", w) for w in words]
assert sum(1 for w in words for c in w if unicodedata.normalize("NFD", c) != c) >= 134
with open(T + "/units.csv", "w") as f:
    f.write("code,name,level,parent_code\nU1,Đơn vị,province,\n")
with open(T + "/cadres.csv", "w") as f, open(T + "/corpus.csv", "w") as g:
    f.write("code,full_name,gender,birth_date,unit_code\n")
    for i, n in enumerate(names):
        code = "F%03d" % i
        f.write('%s,"%s",M,1980-01-01,U1\n' % (code, n))
        g.write('%s,"%s"\n' % (code, n))
PY
fdb=$T/fold.db
"$CANBO" --db "$fdb" init > /dev/null 2>&1
"$CANBO" --db "$fdb" import units "$T/units.csv" > "$T/imp.out" 2>&1 &&
  "$CANBO" --db "$fdb" import cadres "$T/cadres.csv" --encoding utf8 >> "$T/imp.out" 2>&1 &&
  pass corpus-import || fail corpus-import "$(head -c 600 "$T/imp.out")"
sqlite3 -batch "$fdb" "SELECT code || '|' || search_key FROM cadre_records ORDER BY code" > "$T/fold.lite"
pg -c "CREATE TABLE fold_in (code text, name text)" -c "\\copy fold_in FROM '$T/corpus.csv' WITH (FORMAT csv)" \
   -c "SELECT code || '|' || vi_fold(name) || ' ' || vi_fold(code) FROM fold_in ORDER BY code" > "$T/fold.pg" 2>&1
if [ "$(wc -l < "$T/fold.lite")" -ge 40 ]; then same "vi-fold-letters ($(wc -l < "$T/fold.lite") names)" "$T/fold.lite" "$T/fold.pg"
else fail vi-fold-letters "only $(wc -l < "$T/fold.lite") names imported"; fi
# whitespace, punctuation and NULL as the C function treats them
expect_eq_ok vi-fold-spaces "a b-c d.e" "$(pg -c "SELECT vi_fold(E' \\t A \\n\\r B-C  D.E \\t')")"
expect_eq_ok vi-fold-null "t" "$(pg -c "SELECT vi_fold(NULL) IS NULL")"

# ---- the demo's names, and the search on them ---------------------------------------------------
ddb=$T/demo.db
"$CANBO" --db "$ddb" demo --cadres 200 --seed 7 > "$T/demo.out" 2>&1 || fail demo "$(head -c 400 "$T/demo.out")"
sqlite3 -batch -csv "$ddb" "SELECT code, full_name, search_key FROM cadre_records ORDER BY id LIMIT 200" > "$T/demo.csv"
demo_max=$(sqlite3 -batch "$ddb" "SELECT max(id) FROM (SELECT id FROM cadre_records ORDER BY id LIMIT 200)")
pg -c "CREATE TABLE demo_in (code text, full_name text, search_key text)" \
   -c "\\copy demo_in FROM '$T/demo.csv' WITH (FORMAT csv)" > /dev/null 2>&1
n=$(pg -c "SELECT count(*) FROM demo_in")
bad_names=$(pg -c "SELECT string_agg(code || ': ' || search_key || ' vs ' || vi_fold(full_name) || ' ' || vi_fold(code), '; ')
                   FROM demo_in WHERE vi_fold(full_name) || ' ' || vi_fold(code) IS DISTINCT FROM search_key")
[ "$n" -ge 200 ] && [ -z "$bad_names" ] && pass "vi-fold-demo ($n names)" || fail vi-fold-demo "$n names; $bad_names"

# Word-prefix search: FTS5 MATCH '"w1"* "w2"*' = vi_search_words(search_key) @@ 'w1':* & 'w2':*
# one script per engine; each line "N|matching codes"
lq=""; pq=""; n=0
for q in "ng" "nguyen" "nguyen v" "th" "thi h" "h" "van a" "tr" "le thi" "cb" "a" "hoang" "d" "dang" "xyz" "thu tr"; do
  n=$((n + 1)); fts=$(printf '"%s"* ' $q)
  lq="$lq SELECT '$n|' || coalesce(group_concat(code, ' '), '') FROM (SELECT c.code FROM cadre_fts f
        JOIN cadre_records c ON c.id = f.rowid WHERE cadre_fts MATCH '${fts% }' AND c.id <= $demo_max ORDER BY c.code);"
  pq="$pq SELECT '$n|' || coalesce(string_agg(code, ' ' ORDER BY code COLLATE \"C\"), '') FROM demo_in
        WHERE vi_search_words(search_key) @@ vi_search_query(\$\$$q\$\$);"
done
sqlite3 -batch "$ddb" "$lq" > "$T/search.lite"
pg -c "$pq" > "$T/search.pg" 2>&1
hits=$(grep -c '|.' "$T/search.lite")
search_diff=$(diff "$T/search.lite" "$T/search.pg" | head -c 600 | tr '\n' ';')
[ -z "$search_diff" ] && [ "${hits:-0}" -ge 10 ] && pass "search-prefix (${hits} queries with hits)" ||
  fail search-prefix "${search_diff:-only ${hits:-0} queries found anything}"
# The same on keys with punctuation and non-ASCII letters (where the two tokenizers could differ).
keys="nguyen van-an cb-001|le.thi_ha x/y|o'neil 12ab|tran  a1b2 (c)|ß ñ ж ệ|a--b__c..d|x,y;z:w"
sqlite3 -batch "$T/tok.db" "CREATE VIRTUAL TABLE k USING fts5(key, tokenize = 'unicode61 remove_diacritics 0', prefix = '2')"
i=0; IFS='|' read -ra keyv <<< "$keys"; lk=""; pk=""
for k in "${keyv[@]}"; do
  i=$((i + 1)); lk="$lk INSERT INTO k(rowid, key) VALUES ($i, '${k//\'/\'\'}');"; pk="$pk ($i, \$\$$k\$\$),"
done
sqlite3 -batch "$T/tok.db" "$lk"
lq=""; pq=""; n=0
for q in van an cb 001 thi ha x y o neil ne 12 12ab ab a1 a1b2 b2 c ß ñ ж ệ a b d w z "van an" "le thi ha" \
         "van-an" "cb-001" "le.thi_h" "(c)" "o'n"; do
  # the words as fts_query() splits them: ASCII letters and digits and every non-ASCII byte
  qw=$(printf '%s' "$q" | LC_ALL=C tr -c 'A-Za-z0-9\200-\377' ' ')
  fts=$(printf '"%s"* ' $qw); tsq=$(printf "'%s':* & " $qw); tsq=${tsq% & }
  n=$((n + 1))
  lq="$lq SELECT '$n|' || coalesce(group_concat(rowid, ' '), '') FROM (SELECT rowid FROM k WHERE k MATCH '${fts% }' ORDER BY rowid);"
  lq="$lq SELECT '$n|' || coalesce(group_concat(rowid, ' '), '') FROM (SELECT rowid FROM k WHERE k MATCH '${fts% }' ORDER BY rowid);"
  pq="$pq SELECT '$n|' || coalesce(string_agg(id::text, ' ' ORDER BY id), '') FROM tok
          WHERE vi_search_words(key) @@ CAST(\$\$$tsq\$\$ AS tsquery);
          SELECT '$n|' || coalesce(string_agg(id::text, ' ' ORDER BY id), '') FROM tok
          WHERE vi_search_words(key) @@ vi_search_query(\$\$$q\$\$);"
done
sqlite3 -batch "$T/tok.db" "$lq" > "$T/tok.lite"
pg -c "CREATE TABLE tok (id int, key text)" -c "INSERT INTO tok VALUES ${pk%,}" -c "$pq" > "$T/tok.pg" 2>&1
tok_diff=$(diff "$T/tok.lite" "$T/tok.pg" | head -c 600 | tr '\n' ';')
[ "$(wc -l < "$T/tok.lite")" -ge 60 ] || tok_diff="only $(wc -l < "$T/tok.lite") answers from SQLite"
[ -z "$tok_diff" ] && pass search-tokens || fail search-tokens "$tok_diff"
plan=$(pg -c "SET enable_seqscan = off" -c "EXPLAIN SELECT id FROM cadre_records WHERE vi_search_words(search_key) @@ CAST('''ng'':*' AS tsquery)")
grep -q "cadre_fts" <<< "$plan" && pass search-uses-index || fail search-uses-index "$(tr '\n' ' ' <<< "$plan")"

# ---- data migrations on rows: 0001..0011 on both, the same rows, then the rest ----------------
# (the SQLite files through the sqlite3 shell, the PostgreSQL ones through psql, as above)
mdb=$T/mid.db
murl=${url/\/canbo\?//mid?}
pg -c "CREATE DATABASE mid"
mpg() { psql "$murl" -qXAt -v ON_ERROR_STOP=1 "$@"; }
apply_range() { # FROM TO: the migrations numbered FROM..TO on both
  local f b
  for f in "$top"/src/schema/[0-9]*.sql; do
    b=$(basename "$f"); [[ "$b" < "$1" || "$b" > "$2" ]] && continue
    sqlite3 -bail "$mdb" < "$f" > /dev/null 2>> "$T/mid.err" || echo "sqlite $b" >> "$T/mid.err"
    psql "$murl" -qX -v ON_ERROR_STOP=1 --single-transaction -f "$top/src/schema/pg/$b" > /dev/null 2>> "$T/mid.err" ||
      echo "pg $b" >> "$T/mid.err"
  done
}
: > "$T/mid.err"
apply_range 0001 0011_~
# the same rows on both (@HEX@ = a blob literal), including an administrator's rule edits that
# 0020 must respect: a changed parameter, a version on a day 0020 moves a row to (PLAN-3) and
# one on a day 0020 inserts (DISC-1), which must be kept and cost no id
data="INSERT INTO units(code, name, level, path) VALUES ('U1', 'Tỉnh ủy', 'province', '/1/'), ('U2', 'Huyện ủy', 'district', '/1/2/');
UPDATE units SET parent_id = 1 WHERE id = 2;
INSERT INTO titles(code, name, level, category) VALUES ('T1', 'Bí thư', 'province', 'standing'), ('T2', 'Chủ tịch', 'district', 'key');
INSERT INTO cadres(code, full_name, sort_name, sort_key, search_key, gender, birth_date, unit_id, created_at, updated_at) VALUES
 ('C1', 'Nguyễn Văn An', 'an', @HEX@616e@, 'nguyen van an c1', 'M', '1975-03-12', 1, '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z'),
 ('C2', 'Trần Thị Bình', 'binh', @HEX@62696e68@, 'tran thi binh c2', 'F', '1980-07', 2, '2020-01-02T00:00:00Z', '2020-01-02T00:00:00Z'),
 ('C3', 'Đặng Văn Đạt', 'dat', @HEX@646174@, 'dang van dat c3', 'M', '1990', 2, '2020-01-03T00:00:00Z', '2020-01-03T00:00:00Z');
INSERT INTO positions(cadre_id, unit_id, title_id, start_date) VALUES (1, 1, 1, '2015-01-01'), (2, 2, 2, '2018-05-01');
INSERT INTO trainings(cadre_id, program, start_date, status) VALUES (3, 'llct', '2019-09-01', 'completed');
INSERT INTO disciplines(cadre_id, form, authority, decision_date) VALUES (2, 'reprimand', 'party', '2019-03-04');
INSERT INTO relatives(cadre_id, relative_id, relation) VALUES (1, 2, 'spouse'), (3, 1, 'child');
INSERT INTO evaluations(cadre_id, year, rating, score) VALUES (1, 2020, 'good', NULL), (2, 2021, 'excellent', 95), (1, 2021, 'completed', 60);
UPDATE rule_versions SET params = '{\"max_per_title\":5}' WHERE rule = 'PLAN-1' AND effective_from = '2021-12-27';
INSERT INTO rule_versions(rule, title, params, basis, effective_from, confidence) VALUES
 ('PLAN-3', 'Quản trị viên', '{}', 'Văn bản của đơn vị', '2021-12-27', 'V'),
 ('DISC-1', 'Quản trị viên', '{}', 'Văn bản của đơn vị', '2017-12-19', 'V');"
data_lite=$(sed -E "s/@HEX@([0-9a-f]*)@/X'\1'/g" <<< "$data")
data_pg=$(sed -E "s/@HEX@([0-9a-f]*)@/'\\\\x\1'::bytea/g" <<< "$data")
sqlite3 -bail "$mdb" "$data_lite" 2>> "$T/mid.err" || echo "sqlite data" >> "$T/mid.err"
mpg -c "$data_pg" 2>> "$T/mid.err" || echo "pg data" >> "$T/mid.err"
# the guards of 0006, same messages
for r in "3, 3, 'sibling'|a cadre cannot be their own relative" \
         "2, 1, 'spouse'|this pair of cadres is already recorded as relatives (the reverse relation is implied)"; do
  v=${r%%|*} msg=${r#*|}
  sqlite3 "$mdb" "INSERT INTO relatives(cadre_id, relative_id, relation) VALUES ($v)" > "$T/g.lite" 2>&1
  mpg -c "INSERT INTO relatives(cadre_id, relative_id, relation) VALUES ($v)" > "$T/g.pg" 2>&1
  if grep -qF "$msg" "$T/g.lite" && grep -qF "ERROR:  $msg" "$T/g.pg"; then pass "relatives-guard ($v)"
  else fail "relatives-guard ($v)" "sqlite: $(head -c 200 "$T/g.lite"); pg: $(head -c 200 "$T/g.pg")"; fi
done
apply_range 0012 9999
[ -s "$T/mid.err" ] && fail migrate-with-rows "$(head -c 600 "$T/mid.err")" || pass migrate-with-rows
# every filled table, row by row in key order (blobs as hex)
mtables=$(sqlite3 -batch "$mdb" "SELECT name FROM sqlite_master WHERE type = 'table' AND $SKIP_LITE ORDER BY name")
count_sql=$(for t in $mtables; do printf "SELECT '%s|' || count(*) FROM \"%s\" UNION ALL " "$t" "$t"; done)
count_sql="${count_sql% UNION ALL }"
sqlite3 -batch "$mdb" "$count_sql" > "$T/mcounts.lite"
mpg -c "$count_sql" > "$T/mcounts.pg" 2>&1
same migrated-row-counts "$T/mcounts.lite" "$T/mcounts.pg"
: > "$T/mrows.lite"; : > "$T/mrows.pg"
for tn in $(grep -v '|0$' "$T/mcounts.lite" | grep -v '^memo_version|'); do
  t=${tn%|*}
  cols_of() { # the row as text; blobs through the engine's hex function ($1)
    sqlite3 -batch "$mdb" "SELECT group_concat(CASE WHEN upper(type) = 'BLOB' THEN replace('$1', 'X', '\"' || name || '\"')
                           ELSE 'coalesce(CAST(\"' || name || '\" AS TEXT), ''<NULL>'')' END, ' || ''|'' || ')
                           FROM pragma_table_info('$t')"
  }
  key=$(sqlite3 -batch "$mdb" "SELECT group_concat('\"' || name || '\"', ', ') FROM (SELECT name FROM pragma_table_info('$t') WHERE pk > 0 ORDER BY pk)")
  sqlite3 -batch "$mdb" "SELECT '$t|' || $(cols_of 'hex(X)') FROM \"$t\" ORDER BY ${key:-1}" >> "$T/mrows.lite"
  mpg -c "SELECT '$t|' || $(cols_of "upper(encode(X, ''hex''))") FROM \"$t\" ORDER BY ${key:-1}" >> "$T/mrows.pg" 2>&1
done
same "migrated-rows ($(wc -l < "$T/mrows.lite") rows)" "$T/mrows.lite" "$T/mrows.pg"
grep -q '^family_records|' "$T/mrows.lite" && grep -q '^evaluation_records|' "$T/mrows.lite" &&
  grep -q "^rule_versions|.*|Quản trị viên|" "$T/mrows.lite" && pass migrated-rows-present ||
  fail migrated-rows-present "family_records, evaluation_records or the administrator's versions are missing"
next_l=$(sqlite3 -batch "$mdb" "INSERT INTO rule_versions(rule, title, basis, effective_from, confidence)
                                VALUES ('X-1', 'x', 'x', '2000-01-01', 'V'); SELECT last_insert_rowid()")
next_p=$(mpg -c "INSERT INTO rule_versions(rule, title, basis, effective_from, confidence)
                 VALUES ('X-1', 'x', 'x', '2000-01-01', 'V') RETURNING id" 2>&1)
expect_eq_ok migrated-next-id "$next_l" "$next_p"
next_l=$(sqlite3 -batch "$mdb" "INSERT INTO family_records(cadre_id, relation, full_name) VALUES (1, 'parent', 'x'); SELECT last_insert_rowid()")
next_p=$(mpg -c "INSERT INTO family_records(cadre_id, relation, full_name) VALUES (1, 'parent', 'x') RETURNING id" 2>&1)
expect_eq_ok migrated-next-family-id "$next_l" "$next_p"

done_tests
[ "$_fail" -eq 0 ]
