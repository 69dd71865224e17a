#!/usr/bin/env bash
# canbo export: csv / json / xlsx, Vietnamese name order, round trips
# (export -> import into a new database -> export gives the same bytes),
# an audit row per export, usage errors.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
fx=$top/tests/cli/fixtures
ex=$top/docs/examples
db=$T/e.db
cd "$T" || exit 1
"$CANBO" --db "$db" init >/dev/null
for k in units titles cadres positions trainings; do "$CANBO" --db "$db" import $k "$ex/$k.csv" >/dev/null; done
audits() { sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'export'"; }

# csv: the import header and format; compared with the examples (rows sorted: export is by code)
norm() { head -n 1 "$1"; tail -n +2 "$1" | sort; }
for k in units titles cadres positions trainings; do
  expect_exit "csv_$k" 0 "$CANBO" --db "$db" export $k
  cp "$T/out" "exp_$k.csv"
  expect_eq "csv_${k}_header" "$(head -n 1 "$ex/$k.csv")" "$(head -n 1 "exp_$k.csv")"
  expect_eq "csv_${k}_same_as_example" "$(norm "$ex/$k.csv")" "$(norm "exp_$k.csv")"
done
expect_eq audit_per_export 5 "$(audits)"
expect_eq audit_export_row 'export|cadres|csv|{"rows":4,"format":"csv"}' \
  "$(sqlite3 "$db" "SELECT action||'|'||entity||'|'||entity_key||'|'||after FROM audit WHERE action = 'export' AND entity = 'cadres'")"

# round trip: import the exports into a fresh database, export again: identical
db2=$T/e2.db
"$CANBO" --db "$db2" init >/dev/null
for k in units titles cadres positions trainings; do
  expect_exit "reimport_$k" 0 "$CANBO" --db "$db2" import $k "exp_$k.csv"
  "$CANBO" --db "$db2" export $k > "exp2_$k.csv"
  expect_eq "round_trip_$k" "$(cat "exp_$k.csv")" "$(cat "exp2_$k.csv")"
done

# people with quotes, commas and a two-line note: the export is the input, byte for byte
db3=$T/p.db
"$CANBO" --db "$db3" init >/dev/null
"$CANBO" --db "$db3" import units "$ex/units.csv" >/dev/null
expect_exit people_import 0 "$CANBO" --db "$db3" import cadres "$fx/people.csv"
expect_exit people_export 0 "$CANBO" --db "$db3" export cadres --out people_out.csv
expect_eq people_round_trip "$(sha256sum < "$fx/people.csv")" "$(sha256sum < people_out.csv)"

# messy input comes back normalized: ISO dates, M/F, NFC, trimmed
expect_exit messy_import 0 "$CANBO" --db "$db3" import cadres "$fx/messy_cadres.csv"
"$CANBO" --db "$db3" export cadres > all.csv
expect_grep messy_normalized '^M01,Nguyễn Thị Mai,F,1985-03-05,HX,"Hải Xuân, Móng Cái",,,,,,,,,,,"có dấu phẩy, và ""ngoặc"""$' all.csv
expect_grep messy_partial_date '^M03,Đỗ Thị Hoa,F,1990,HX,' all.csv

# --sort name: given name, then middle, then family, in Vietnamese order
expect_exit sort_name 0 "$CANBO" --db "$db3" export cadres --sort name
order=$(tail -n +2 "$T/out" | grep '^P0' | cut -d, -f2 | tr '\n' '|')
expect_eq sort_name_order "Nguyễn Thị Anh|Trần Văn Ánh|Phạm Văn Dũng|Lê Văn Đạt|Vũ Văn Ổn|Hoàng Thị Ơn|" "$order"
expect_eq sort_default_by_code "P01 P02 P03 P04 P05 P06" "$("$CANBO" --db "$db3" export cadres | grep -o '^P0[0-9]' | tr '\n' ' ' | sed 's/ $//')"

# json: an array of objects with the import keys, null for empty, numbers for integers
expect_exit json_export 0 "$CANBO" --db "$db" export titles --format json --out titles.json
expect_eq json_shape "5|CT_UBND|85|55|null|true" "$(node -e '
  const d = JSON.parse(require("fs").readFileSync("titles.json", "utf8"));
  const t = d.find(x => x.code === "CT_UBND"), u = d.find(x => x.code === "UV_BCH");
  console.log([d.length, t.code, t.rank, t.max_age_first, String(u.min_llct),
    JSON.stringify(Object.keys(t)) === JSON.stringify(["code","name","level","category","rank","function","min_llct","min_qlnn","min_degree","max_age_first"])].join("|"));')"
expect_exit json_people 0 "$CANBO" --db "$db3" export cadres --format json --sort name
expect_eq json_people_first "Nguyễn Thị Anh|null" "$(node -e '
  let s = ""; process.stdin.on("data", c => s += c).on("end", () => {
    const d = JSON.parse(s).filter(x => x.code.startsWith("P0"));
    console.log(d[0].full_name + "|" + d[0].notes); });' < "$T/out")"
expect_exit json_empty 0 "$CANBO" --db "$db3" export positions --format json
expect_eq json_empty_array "[]" "$(tr -d '\n' < "$T/out")"

# xlsx: a valid zip, every XML part well-formed, Vietnamese header labels, bold frozen header
expect_exit xlsx_export 0 "$CANBO" --db "$db3" export cadres --format xlsx --out c.xlsx
expect_exit xlsx_zip_ok 0 unzip -tq c.xlsx
mkdir x && (cd x && unzip -q ../c.xlsx)
bad=0 n=0
while IFS= read -r -d '' f; do n=$((n + 1)); xmllint --noout "$f" 2>>"$T/xml.err" || bad=$((bad + 1)); done \
  < <(find x -name '*.xml' -print0 -o -name '*.rels' -print0)
expect_eq xlsx_xml_wellformed "0 bad of $n" "$bad bad of $n"
expect_grep xlsx_vietnamese_header 'Họ và tên' <(cat x/xl/worksheets/sheet1.xml x/xl/sharedStrings.xml 2>/dev/null)
expect_grep xlsx_vietnamese_data 'Hoàng Văn Long' <(cat x/xl/worksheets/sheet1.xml x/xl/sharedStrings.xml 2>/dev/null)
expect_grep xlsx_frozen 'state="frozen"' x/xl/worksheets/sheet1.xml
expect_grep xlsx_bold '<b/>' x/xl/styles.xml
expect_grep xlsx_sheet_name 'name="Cán bộ"' x/xl/workbook.xml
expect_eq xlsx_rows 12 "$(grep -o '<row ' x/xl/worksheets/sheet1.xml | wc -l)" # header + 6 people + 5 messy

# usage errors, and no audit row for them
before=$(audits)
expect_exit xlsx_needs_out 2 "$CANBO" --db "$db" export cadres --format xlsx
expect_exit bad_format 2 "$CANBO" --db "$db" export cadres --format pdf
expect_exit bad_sort 2 "$CANBO" --db "$db" export cadres --sort age
expect_exit unknown_kind 2 "$CANBO" --db "$db" export widgets
expect_grep unknown_kind_lists 'units titles cadres positions trainings' "$T/err"
expect_exit unwritable 1 "$CANBO" --db "$db" export cadres --out "$T/no/such/dir/x.csv"
expect_eq no_audit_for_failures "$before" "$(audits)"
expect_exit audit_chain_ok 0 "$CANBO" --db "$db" audit verify
done_tests
