#!/bin/sh
# mamori diagnose: answers from the terminal, JSON and CSV files; the
# result printed and saved; bad input refused with nothing written.
. "$(dirname "$0")/lib.sh"

runs() {
	sqlite3 d.db "select count(*) from diagnosis_run where completed_at is not null"
}

"$MAMORI" --data d.db init --org "診断テスト" --email a@example.jp >/dev/null

# 25 answers on standard input, one per line; "?" is わからない.
answers=$(for i in $(seq 1 25); do
	case $i in 3) echo 0 ;; 7) echo "?" ;; 9) echo 2 ;; *) echo 4 ;; esac
done)
out=$(echo "$answers" | "$MAMORI" --data d.db diagnose)
rc=$?
err=""
expect_rc 0 "answers from standard input"
expect_in "合計点：89 / 100" "$out" "the total: 22 x 4 + 0 - 1 + 2"
expect_in "「わからない」：1 項目" "$out" "unknown answers are counted"
expect_in " 3. " "$out" "the weakest item is listed"
expect_eq "$(runs)" 1 "the run is saved"

printf '{"answers": {%s}, "notes": {"1": "毎月確認"}, "unit": "大阪"}\n' \
	"$(seq -s, 1 25 | sed 's/\([0-9]*\)/"\1": 4/g')" >all4.json
run --data d.db diagnose --file all4.json --format json
expect_rc 0 "answers from a JSON file"
expect_eq "$(echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], d["unit"], len(d["weakest"]))')" \
	"100 大阪 0" "JSON output for scripts"
expect_eq "$(sqlite3 d.db "select note from diagnosis_answer where item = 1 and note != ''")" \
	"毎月確認" "notes are saved"

# A CSV from Excel: BOM, CRLF, a header, full-width digits, a quoted note.
printf '\357\273\277item,answer,note\r\n' >excel.csv
for i in $(seq 1 25); do
	if [ "$i" -eq 1 ]; then
		printf '１,－１,"確認中, 後日"\r\n' >>excel.csv
	else
		printf '%s,2\r\n' "$i" >>excel.csv
	fi
done
run --lang en --data d.db diagnose --file excel.csv --no-save
expect_rc 0 "answers from an Excel CSV"
expect_in "Total: 47 / 100" "$out" "24 x 2 - 1, in English"
expect_eq "$(runs)" 2 "--no-save saves nothing"

sed 's/"25": 4/"25": 3/' all4.json >bad.json
run --data d.db diagnose --file bad.json
expect_rc 1 "an answer of 3 is refused"
expect_in "質問 25" "$err" "the message names the item"
expect_in "「3」" "$err" "and the value"
sed 's/,"25": 4//' all4.json >short.json
run --data d.db diagnose --file short.json
expect_rc 1 "a missing answer is refused"
expect_in "質問 25 の回答がありません" "$err" "naming the first missing item"
run --data d.db diagnose --file nonexistent.json
expect_rc 1 "a missing file exits 1"
run --data d.db diagnose --file all4.json --org 99
expect_rc 1 "an unknown organisation exits 1"
expect_eq "$(runs)" 2 "nothing was written by any refused run"
run --data d.db diagnose --format xml
expect_rc 2 "a bad format is a usage error"
expect_eq "$("$MAMORI" --data d.db audit verify >/dev/null; echo $?)" 0 \
	"the audit chain holds"

done_testing
