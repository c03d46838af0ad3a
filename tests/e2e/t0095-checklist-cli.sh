#!/bin/sh
# The levelled control checklist from the command line: the level from
# the profile and what it puts on the list, recording a status (and every
# refusal leaving the data file untouched), adopting an item above the
# level, the filters, the gap list's order and reasons with and without
# high risks, the summary, the exports (CSV, and a workbook read back by
# LibreOffice), and an audit trail that still verifies.
. "$(dirname "$0")/lib.sh"

q() {
	sqlite3 d.db "$1"
}

# The whole data file as text: equal before and after means nothing written.
state() {
	sqlite3 d.db .dump | cksum
}

# refused CODE NAME ARGS…: expects exit CODE and nothing written.
refused() {
	code=$1
	name=$2
	shift 2
	before=$(state)
	run --data d.db "$@"
	expect_rc "$code" "$name"
	expect_eq "$(state)" "$before" "$name: nothing written"
}

m() {
	run --data d.db "$@"
}

# The catalogue's counts, read here from the file itself.
GUIDE="$MAMORI_SOURCE_ROOT/data/catalog/guideline.tsv"
at_level() {
	awk -F'\t' -v l="$1" '$1 !~ /^#/ && $1 != "id" && $6 <= l' "$GUIDE" | wc -l
}
L1=$(at_level 1)
L2=$(at_level 2)
ALL=$(at_level 3)

"$MAMORI" --data d.db init --org "チェックリスト社" --email boss@example.jp >/dev/null

# --- help -------------------------------------------------------------------

run checklist --help
expect_rc 0 "checklist --help exits 0"
expect_in "mamori checklist" "$out" "checklist --help shows its usage"
run --lang en checklist --help
expect_in "Usage: mamori checklist" "$out" "checklist --help in English"
run --help
expect_in "checklist" "$out" "the main help lists checklist"

# --- the level and what it puts on the list ---------------------------------

m checklist summary
expect_rc 0 "summary"
expect_in "貴社のレベル：L1" "$out" "a new company stands at L1"
expect_in "対象 $L1 項目" "$out" "L1 has every L1 item of the catalogue ($L1)"
expect_in "L1 の実施状況：0%" "$out" "nothing is done yet"
expect_in "mamori profile" "$out" "says where the level comes from"
expect_in "1. 3 組織のアカウント管理プロセスを確立する" "$out" \
	"the first thing to do: set up account management"
expect_in "L1 の項目／重要なデータを把握する／仕組みを整える項目" "$out" \
	"with the reasons for its place"
m checklist list --format csv
expect_eq "$(echo "$out" | sed 1d | wc -l)" "$L1" "the list holds the L1 items"
m profile --large-data yes
m checklist list --format csv
expect_eq "$(echo "$out" | sed 1d | wc -l)" "$L2" "L2 holds the L1 and L2 items ($L2)"
m profile --dedicated-admin yes --csirt yes
m checklist list --format csv
expect_eq "$(echo "$out" | sed 1d | wc -l)" "$ALL" "L3 holds every item ($ALL)"
m checklist list --level 2 --format csv
expect_eq "$(echo "$out" | sed 1d | cut -d, -f2 | sort -u)" "2" "--level 2 shows that level's items"
m profile --dedicated-admin no --large-data no --csirt no
m checklist summary
expect_in "貴社のレベル：L1" "$out" "back at L1"

# --- recording a status -----------------------------------------------------

m checklist set 3.1.1 --status partly --owner 山田 --note "承認の記録は紙" \
	--review 2027-01-31
expect_rc 0 "a status recorded"
expect_in "項目 3.1.1 を記録しました（一部）" "$out" "and said so"
expect_eq "$(q "select status, owner, note, review_on, updated_by from checklist_status where item = '3.1.1'")" \
	"partly|山田|承認の記録は紙|2027-01-31|cli" "stored"
expect_eq "$(q "select action, target from audit_event order by seq desc limit 1")" \
	"checklist.set|checklist:3.1.1" "with its audit event"
expect_in "status: partly" "$(q "select after from audit_event order by seq desc limit 1")" \
	"the event says what changed"
m checklist set 3.1.1 --owner 山田
expect_in "変わりませんでした" "$out" "the same value again changes nothing"
expect_eq "$(q "select count(*) from audit_event where action = 'checklist.set'")" 1 \
	"and writes no event"
m checklist show 3.1.1
expect_rc 0 "show"
expect_in "状況: 一部" "$out" "shows the status"
expect_in "担当者: 山田" "$out" "the person in charge"
expect_in "関連管理策: 5.16 5.18" "$out" "the item's controls"
expect_in "一部は実施済み" "$out" "why it ranks where it does"
m checklist set 3.1.2 --status not_applicable --reason "アカウントは一つだけ"
expect_rc 0 "not applicable with a reason"
expect_eq "$(q "select status, reason from checklist_status where item = '3.1.2'")" \
	"not_applicable|アカウントは一つだけ" "stored with its reason"
m checklist set 3.1.2 --status done
expect_eq "$(q "select status, reason from checklist_status where item = '3.1.2'")" \
	"done|" "the reason goes with the exclusion"
m checklist set 3.1.2 --status unanswered
expect_eq "$(q "select count(*) from checklist_status where item = '3.1.2'")" 0 \
	"an item back to nothing recorded has no row"

refused 1 "not applicable without a reason" checklist set 3.1.3 --status not_applicable
expect_in "理由" "$err" "asks for the reason"
refused 1 "a review date that is no date" checklist set 3.1.3 --review 2027-02-30
expect_in "次回の見直し日" "$err" "naming the field"
refused 1 "an owner on two lines" checklist set 3.1.3 --owner "$(printf 'a\nb')"
refused 1 "a note too long" checklist set 3.1.3 --note "$(printf '%02001d' 0)"
refused 1 "adopting an item of the level" checklist set 3.1.3 --adopt yes
expect_in "すでに含まれて" "$err" "says it is on the list already"
refused 1 "an item the guideline lacks" checklist set 99.1 --status done
expect_in "99.1" "$err" "naming it"
refused 1 "show an item the guideline lacks" checklist show 99.1
refused 2 "an unknown status" checklist set 3.1.3 --status finished
refused 2 "adopt neither yes nor no" checklist set 3.1.3 --adopt maybe
refused 2 "set with nothing to change" checklist set 3.1.3
refused 2 "set without an item" checklist set --status done
refused 2 "an option of another verb" checklist set 3.1.3 --limit 3
refused 2 "an unknown verb" checklist finish
refused 2 "an unknown domain" checklist list --domain kitchen
refused 2 "an unknown owner role" checklist list --owner 山田
refused 2 "a level off the scale" checklist list --level 4
refused 2 "a limit of none" checklist gaps --limit 0
refused 2 "an export format" checklist export --format pdf
refused 2 "a workbook without a file" checklist export --format xlsx
refused 2 "an export language" checklist export --lang fr
refused 2 "an export content" checklist export --what risks

# --- adopting an item above the level ---------------------------------------

L2ITEM=$(awk -F'\t' '$6 == 2 { print $1; exit }' "$GUIDE")
m checklist list --format csv
expect_not_in "$L2ITEM," "$out" "an L2 item is off an L1 list ($L2ITEM)"
m checklist set "$L2ITEM" --adopt yes
expect_rc 0 "an L2 item adopted"
m checklist list --format csv
expect_in "$L2ITEM,2," "$out" "it is on the list now"
expect_in ",adopted," "$out" "marked adopted"
m checklist summary
expect_in "対象 $L1 項目" "$out" "the coverage still counts the level's items only"
m checklist gaps --format csv
expect_eq "$(echo "$out" | tail -n 1 | cut -d, -f2)" "$L2ITEM" \
	"an adopted item comes after the level's items"
expect_in "採用した L2 の項目" "$(echo "$out" | tail -n 1)" "saying it was adopted"
m checklist set "$L2ITEM" --adopt no
m checklist gaps --format csv
expect_not_in "$L2ITEM," "$out" "given up, it leaves the list"

# --- filters ----------------------------------------------------------------

m checklist list --domain account --format csv
expect_eq "$(echo "$out" | sed 1d | cut -d, -f3 | sort -u)" "account" "by domain"
m checklist list --function detect --format csv
expect_eq "$(echo "$out" | sed 1d | cut -d, -f4 | sort -u)" "detect" "by function"
m checklist list --owner hr_lead --format csv
expect_eq "$(echo "$out" | sed 1d | cut -d, -f5 | grep -vc hr_lead)" 0 "by owner role"
m checklist list --status partly --format csv
expect_eq "$(echo "$out" | sed 1d | cut -d, -f1)" "3.1.1" "by status"
m checklist set 3.1.4 --status done
m checklist list --open --domain account --format csv
expect_not_in "3.1.4," "$out" "--open leaves done items out"
expect_in "3.1.1," "$out" "and keeps the partly done"
m checklist list --domain account
expect_in "貴社のレベル：L1" "$out" "the table names the level"
expect_in "一部" "$out" "and the states in words"
m --lang en checklist list --format json --status done
expect_in '"status": "done"' "$out" "JSON for scripts"

# --- the gap list -----------------------------------------------------------

m checklist gaps --limit 3
expect_rc 0 "gaps"
expect_in "組織のアカウント管理プロセス" "$(echo "$out" | sed -n 3p)" "in priority order"
expect_in "3 件を表示しました" "$out" "as many as asked"
expect_in "リスクアセスメントを始めると" "$out" "and the risk register's part in it"
m checklist gaps --format csv
open=$(echo "$out" | sed 1d | wc -l)
expect_eq "$open" "$((L1 - 1))" "every open item of the level (one done)"

# A high risk whose treatment chose control 5.16 and item 3.2.8.
m asset add 顧客名簿 --medium paper --personal personal --c 2 --i 1 --a 1
m risk method ipa
m risk add 1 --threat t06 --vulnerability v16
loss=$(q "select id from risk where asset_id = 1 and threat_id = 't06' and vulnerability_id = 'v16'")
m risk rate "$loss" --threat 3 --vulnerability 2
m risk treat "$loss" --treatment reduce --reason "承認を記録する" --controls 5.16 \
	--guideline 3.2.8
expect_rc 0 "a high risk treated"
m checklist gaps --format csv
first=$(echo "$out" | sed -n 2p)
expect_in ",1,0,L1 の項目／高リスク 1 件に関わる" "$first" "items touching the high risk come first"
m checklist gaps --format json
expect_in '"high_risks": "1"' "$out" "counted in JSON"
m checklist show 3.2.8
expect_in "リスク対応での選択: 1" "$out" "the item the treatment chose"
expect_in "関わる高リスク: 1" "$out" "touches the high risk"
expect_in "L2（レベル外）" "$out" "though above the level, so no gap"
m checklist show 3.1.1
expect_in "関わる高リスク: 1" "$out" "an item sharing control 5.16 touches it too"
m checklist summary
expect_not_in "リスクアセスメントを始めると" "$out" "no hint once an assessment is open"

# --- exports ----------------------------------------------------------------

m checklist export
expect_rc 0 "CSV to standard output"
expect_in "ID,レベル,区分,領域" "$out" "Japanese headers by default"
expect_in "3.1.1,L1,プロセスの実行,アカウント" "$out" "an item in Japanese"
m checklist export --lang en --what gaps --output gaps.csv
expect_rc 0 "the gap list to a file"
expect_in "gaps.csv" "$err" "saying where"
expect_in "rank,id,level,domain" "$(cat gaps.csv)" "English headers"
expect_in "touches 1 high risks" "$(cat gaps.csv)" "the reasons in English"
m checklist export --format xlsx --output list.xlsx
expect_rc 0 "a workbook"
soffice --headless "-env:UserInstallation=file://$T/lo-profile" \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' \
	--outdir "$T/lo" list.xlsx >/dev/null 2>&1
lo=$(cat "$T/lo/list.csv" 2>/dev/null)
expect_in '"ID","レベル","区分","領域"' "$lo" "LibreOffice opens it: the header"
expect_in '"3.1.1","L1","プロセスの実行","アカウント","識別","システム管理者","承認されたアカウント","L1","一部",,"山田","承認の記録は紙",,"2027-01-31","cli"' \
	"$lo" "cells read back"
expect_eq "$(echo "$lo" | sed 1d | wc -l)" "$ALL" "every item of the catalogue"
before=$(state)
run --data d.db checklist export --format xlsx --output "$T/no/such/dir/x.xlsx"
expect_rc 1 "a workbook that cannot be written"
expect_eq "$(ls "$T" | grep -c 'x.xlsx')" 0 "leaves nothing behind"

# --- the audit trail --------------------------------------------------------

m audit verify
expect_rc 0 "the audit trail verifies"

done_testing
