#!/usr/bin/env bash
# canbo rules retirement: CONTRACT §4 JSON (whole lines), exit codes 2 and 3,
# and a sample of birth months 1955..1990 checked against the groups of
# Nghị định 135/2020 Phụ lục I written out below (not the C formula).
. "$(dirname "$0")/lib.sh"

# expect_line NAME WANT CMD...   exit 0 and stdout exactly WANT (one line)
expect_line() {
  local name=$1 want=$2; shift 2
  local got rc
  got=$("$@" 2> "$T/err"); rc=$?
  if [ "$rc" -eq 0 ] && [ "$got" = "$want" ]; then ok "$name"; else bad "$name" "exit $rc; got '$got', wanted '$want'"; fi
}
r() { "$CANBO" rules retirement "$@"; }

expect_line man_1961_10 '{"sex":"M","birth":"1961-10","age":{"years":60,"months":6},"reached":"2022-04","retirement_date":"2022-04-30","pension_from":"2022-05-01"}' r --sex M --birth 1961-10
expect_line man_1961_01 '{"sex":"M","birth":"1961-01","age":{"years":60,"months":3},"reached":"2021-04","retirement_date":"2021-04-30","pension_from":"2021-05-01"}' r --sex M --birth 1961-01
expect_line woman_1966_08 '{"sex":"F","birth":"1966-08","age":{"years":55,"months":4},"reached":"2021-12","retirement_date":"2021-12-31","pension_from":"2022-01-01"}' r --sex F --birth 1966-08
expect_line full_birth_date '{"sex":"M","birth":"1961-10-15","age":{"years":60,"months":6},"reached":"2022-04","retirement_date":"2022-04-30","pension_from":"2022-05-01"}' r --birth 1961-10-15 --sex M
expect_line year_only '{"sex":"F","birth":"1966","age":{"years":55,"months":4},"reached":"2021-05","retirement_date":"2021-05-31","pension_from":"2021-06-01"}' r --sex F --birth 1966
expect_line equals_form '{"sex":"M","birth":"1960-02","age":{"years":60,"months":0},"reached":"2020-02","retirement_date":"2020-02-29","pension_from":"2020-03-01"}' r --sex=M --birth=1960-02
expect_line man_cap '{"sex":"M","birth":"1966-04","age":{"years":62,"months":0},"reached":"2028-04","retirement_date":"2028-04-30","pension_from":"2028-05-01"}' r --sex M --birth 1966-04
expect_line woman_cap '{"sex":"F","birth":"1975-05","age":{"years":60,"months":0},"reached":"2035-05","retirement_date":"2035-05-31","pension_from":"2035-06-01"}' r --sex F --birth 1975-05
expect_line vn_form_normalized '{"sex":"F","birth":"1965-12-31","age":{"years":55,"months":0},"reached":"2020-12","retirement_date":"2020-12-31","pension_from":"2021-01-01"}' r --sex F --birth 31/12/1965
expect_line needs_no_database '{"sex":"M","birth":"1961-01","age":{"years":60,"months":3},"reached":"2021-04","retirement_date":"2021-04-30","pension_from":"2021-05-01"}' "$CANBO" --db "$T/none/x.db" rules retirement --sex M --birth 1961-01

# usage errors: exit 2, usage on stderr, nothing on stdout
expect_exit no_subcommand 2 "$CANBO" rules
expect_grep no_subcommand_usage '^usage: canbo rules retirement' "$T/err"
expect_exit unknown_rule 2 "$CANBO" rules pension --sex M --birth 1961-01
expect_exit missing_sex 2 r --birth 1961-01
expect_grep missing_sex_usage '^usage:' "$T/err"
expect_exit missing_birth 2 r --sex F
expect_exit sex_needs_value 2 r --birth 1961-01 --sex
expect_exit bad_sex 2 r --sex X --birth 1961-01
expect_exit lowercase_sex 2 r --sex m --birth 1961-01
expect_exit unknown_option 2 r --sex M --birth 1961-01 --frob
expect_exit extra_argument 2 r extra --sex M --birth 1961-01
expect_eq usage_no_stdout 0 "$(wc -c < "$T/out")"

# invalid dates: exit 3, a message naming the value
expect_exit feb_30 3 r --sex M --birth 2021-02-30
expect_grep feb_30_message "không hợp lệ: '2021-02-30'" "$T/err"
expect_exit month_13 3 r --sex M --birth 1961-13
expect_grep month_13_message "1961-13" "$T/err"
expect_exit month_00 3 r --sex F --birth 1961-00
expect_exit feb_29_common_year 3 r --sex F --birth 1967-02-29
expect_exit garbage 3 r --sex F --birth hôm-qua
expect_exit trailing_text 3 r --sex F --birth 1961-10x
expect_exit year_out_of_range 3 r --sex F --birth 1700
expect_eq data_error_no_stdout 0 "$(wc -c < "$T/out")"
expect_exit feb_29_leap_year 0 r --sex F --birth 1968-02-29

# Phụ lục I groups: "first_birth_month age_months" per group, in order.
men_groups="1800-01 720
1961-01 723
1961-10 726
1962-07 729
1963-04 732
1964-01 735
1964-10 738
1965-07 741
1966-04 744"
women_groups="1800-01 660
1966-01 664
1966-09 668
1967-05 672
1968-01 676
1968-09 680
1969-05 684
1970-01 688
1970-09 692
1971-05 696
1972-01 700
1972-09 704
1973-05 708
1974-01 712
1974-09 716
1975-05 720"
idx() { echo $((10#${1%-*} * 12 + 10#${1#*-} - 1)); } # YYYY-MM -> month count
age_for() {                                           # sex birth_index -> age in months
  local groups age=0 from a
  [ "$1" = M ] && groups=$men_groups || groups=$women_groups
  while read -r from a; do [ "$2" -ge "$(idx "$from")" ] && age=$a; done <<< "$groups"
  echo "$age"
}
checked=0 wrong=0
for ((b = 1955 * 12; b <= 1990 * 12 + 11; b += 7)); do
  for sex in M F; do
    birth=$(printf '%04d-%02d' $((b / 12)) $((b % 12 + 1)))
    age=$(age_for $sex $b)
    reached=$((b + age))
    want=$(printf '"age":{"years":%d,"months":%d},"reached":"%04d-%02d"' $((age / 12)) $((age % 12)) $((reached / 12)) $((reached % 12 + 1)))
    got=$("$CANBO" rules retirement --sex $sex --birth "$birth")
    checked=$((checked + 1))
    case $got in
    *"$want"*) ;;
    *)
      wrong=$((wrong + 1))
      [ "$wrong" -le 5 ] && echo "  $sex $birth: got $got, wanted $want" >&2 ;;
    esac
  done
done
expect_eq sample_checked 124 "$checked"
expect_eq sample_matches_table 0 "$wrong"

# docs/canbo.1 stays true to the command table: every command of `canbo --help`
# has an entry, and an entry marked "Coming" is not in the table yet.
man=$(dirname "$0")/../../docs/canbo.1
"$CANBO" --help > "$T/help"
cmds=$(sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' "$T/help" | tr '\n' ' ')
expect_grep help_lists_rules '^  rules ' "$T/help"
for c in $cmds; do
  expect_grep "man_has_$c" "^\\.B canbo $c( |$)" "$man"
  if grep -A1 -E "^\\.B canbo $c( |$)" "$man" | grep -q 'Coming'; then bad "man_${c}_not_coming" "$c is in the command table; drop 'Coming' in docs/canbo.1"; fi
done
for c in $(grep -B1 '^\.I Coming' "$man" | sed -n 's/^\.B canbo \([a-z]*\).*/\1/p'); do
  case " $cmds " in
  *" $c "*) bad "man_coming_$c" "$c is in the command table but docs/canbo.1 says 'Coming'" ;;
  *) ok "man_coming_$c" ;;
  esac
done
done_tests
