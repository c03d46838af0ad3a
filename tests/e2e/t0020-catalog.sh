#!/bin/sh
# mamori catalog: list, filter, show and search the compiled-in catalogues.
. "$(dirname "$0")/lib.sh"

# count CATALOGUE [FILTERS…]: number of rows listed as JSON.
count() {
	"$MAMORI" catalog "$@" --format json |
		python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
}

run catalog
expect_rc 0 "catalog lists the catalogues"
expect_in "guideline" "$out" "guideline catalogue listed"

expect_eq "$(count controls)" 93 "93 controls"
expect_eq "$(count controls --theme organizational)" 37 "37 organizational"
expect_eq "$(count controls --theme people)" 8 "8 people"
expect_eq "$(count controls --theme physical)" 14 "14 physical"
expect_eq "$(count controls --theme technological)" 34 "34 technological"
expect_eq "$(count controls --new)" 11 "11 new in 2022"
expect_eq "$(count controls --attribute type:Corrective)" 14 "14 corrective"
expect_eq "$(count controls --attribute concept:recover)" 6 \
	"attribute values are case-insensitive"
expect_eq "$(count guideline)" 170 "170 guideline items"
expect_eq "$(count guideline --level 1)" 110 "110 at L1"
expect_eq "$(count guideline --level L2)" 51 "51 at L2"
expect_eq "$(count guideline --level 3)" 9 "9 at L3"
expect_eq "$(count guideline --kind establish)" 10 "10 establish items"
expect_eq "$(count guideline --domain cloud)" 8 "8 cloud items"
expect_eq "$(count guideline --domain backup)" 4 "4 backup items"
expect_eq "$(count guideline --owner executive --level 1)" 9 \
	"filters combine"
expect_eq "$(count diagnosis)" 25 "25 diagnosis items"
expect_eq "$(count diagnosis --part 2)" 13 "13 employee items"
expect_eq "$(count cloud --phase select)" 6 "6 selection checks"
expect_eq "$(count five-points)" 5 "5 points"
expect_eq "$(count regulations)" 11 "11 regulation sections"
expect_eq "$(count executive)" 10 "3 principles and 7 actions"

run catalog show controls 5.12
expect_rc 0 "show a control"
expect_in "情報の分類" "$out" "control title in Japanese"
expect_in "5.13" "$out" "related controls shown"
run --lang en catalog show controls 5.12
expect_in "Classification of information" "$out" "control title in English"
run catalog show guideline 3.2.2
expect_in "Software ISAC" "$out" "guideline credit shown"
run catalog show diagnosis 11
expect_rc 0 "show a diagnosis item"
run catalog show executive action-7
expect_rc 0 "show an executive action"

run catalog show controls 9.99
expect_rc 1 "unknown id exits 1"
expect_in "9.99" "$err" "unknown id is named"
run catalog show nothing 1
expect_rc 2 "unknown catalogue exits 2"
run catalog guideline --theme people
expect_rc 2 "a filter that does not apply exits 2"
expect_in "--theme" "$err" "the filter is named"
run catalog guideline --level 4
expect_rc 2 "bad level exits 2"
run catalog controls --format xml
expect_rc 2 "bad format exits 2"

run catalog search バックアップ
expect_rc 0 "search in Japanese"
expect_in "8.13" "$out" "search finds control 8.13"
run catalog search backup
expect_in "8.13" "$out" "English search words find Japanese titles"

run catalog controls --format csv
expect_in "ID,テーマ,名称" "$out" "CSV header"
"$MAMORI" catalog guideline --format json | python3 -m json.tool >/dev/null
expect_rc 0 "JSON output parses"

done_testing
