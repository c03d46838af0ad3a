#!/bin/sh
# mamori soa: the Statement of Applicability from the command line: the
# list and its filters, one control, changes with their audit events, bad
# input refused with nothing written, suggestions from a risk treatment, a
# weak self-diagnosis answer and a case, accepted and rejected; approval
# blocked until every control is settled, by the executive only; versions,
# their differences and the exports in either language.
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

events() {
	q "select count(*) from audit_event where action like 'soa.%'"
}

"$MAMORI" --data d.db init --org "適用宣言テスト" --email boss@example.jp >/dev/null
"$MAMORI" --data d.db user add lead@example.jp --role department_lead >/dev/null

# --- help -------------------------------------------------------------------

run soa --help
expect_rc 0 "soa --help exits 0"
expect_in "mamori soa approve --by" "$out" "the usage names every verb"
run --lang en soa --help
expect_in "Usage: mamori soa" "$out" "and in English"
run --help
expect_in "soa" "$out" "the main help lists soa"

# --- the statement before anything is decided -------------------------------

m soa
expect_rc 0 "the statement lists before it is started"
expect_in "適用 0・除外 0・未決定 93（全 93 管理策）" "$out" "93 controls, all undecided"
expect_in "承認された版はまだありません" "$out" "no version yet"
expect_eq "$(q 'select count(*) from soa_entry')" 0 "reading writes nothing"
m soa list --format json
expect_eq "$(echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), d[0]["control"], d[0]["applicable"])')" \
	"93 5.1 undecided" "JSON for scripts: 93 rows with names"
m soa list --theme people --format csv
expect_eq "$(echo "$out" | tail -n +2 | wc -l)" 8 "the people theme has 8 controls"
expect_in "6.1,people," "$out" "names for scripts in CSV"
m soa show 5.1
expect_rc 0 "one control"
expect_in "情報セキュリティのための方針群" "$out" "its title"
expect_in "未決定" "$out" "undecided"
expect_in "適用するかどうかが決まっていません" "$out" "and what blocks approval"
refused 1 "an unknown control" soa show 9.99
expect_in "9.99" "$err" "named in the message"
refused 2 "show without an id" soa show
refused 2 "an unknown verb" soa publish
refused 2 "an option of another verb" soa list --by boss@example.jp

# --- changes -----------------------------------------------------------------

m soa set 5.1 --applicable yes --reason risk,legal --status partly \
	--owner 総務部長 --notes "方針書 第2版" --reviewed 2026-01-10
expect_rc 0 "an entry recorded"
expect_in "管理策 5.1 を更新しました" "$out" "and reported"
expect_eq "$(q 'select count(*) from soa_entry')" 93 "the first change starts all 93 rows"
expect_eq "$(q "select applicable, reasons, status, owner, reviewed_on from soa_entry where control = '5.1'")" \
	"yes|3|partly|総務部長|2026-01-10" "stored with the reasons as bits"
expect_eq "$(q "select after from audit_event where action = 'soa.update' and target = 'soa:5.1'")" \
	"applicable: yes
reasons: risk,legal
status: partly
owner: 総務部長
notes: 方針書 第2版
reviewed_on: 2026-01-10" "the audit event says what changed"
n_before=$(events)
m soa set 5.1 --owner 総務部長
expect_rc 0 "the same value again"
expect_in "変わりませんでした" "$out" "is unchanged"
expect_eq "$(events)" "$n_before" "and writes no audit event"

m soa set 5.2 --applicable no --justification "少人数で兼務のため、役割表で足りる"
expect_rc 0 "an exclusion with its justification"
expect_eq "$(q "select applicable, reasons, status from soa_entry where control = '5.2'")" \
	"no|0|not_applicable" "excluding makes it 該当なし"
m soa set 5.1 --applicable no --justification "本社のみ"
expect_rc 0 "excluding an applicable control"
expect_eq "$(q "select reasons, status from soa_entry where control = '5.1'")" \
	"0|not_applicable" "drops its reasons"
m soa set 5.1 --applicable yes --reason risk,legal --status partly
expect_rc 0 "and back"
expect_eq "$(q "select justification from soa_entry where control = '5.1'")" "" \
	"applying drops the reason for exclusion"

refused 1 "an exclusion without a justification" soa set 5.3 --applicable no
expect_in "5.3 を除外する理由" "$err" "asks why"
refused 1 "applicable without a reason" soa set 5.3 --applicable yes
expect_in "理由を一つ以上" "$err" "asks for a reason"
refused 1 "applicable but not applicable" soa set 5.1 --status not_applicable
refused 1 "an impossible review date" soa set 5.1 --reviewed 2026-02-30
expect_in "最終見直し日" "$err" "names the field"
refused 1 "a control character in the owner" soa set 5.1 --owner "$(printf 'a\tb')"
refused 2 "an unknown reason" soa set 5.1 --reason risk,law
refused 2 "an unknown status" soa set 5.1 --status done
refused 2 "an unknown applicability" soa set 5.1 --applicable maybe
refused 1 "an unknown control" soa set 9.99 --applicable yes --reason risk
refused 2 "set with nothing to change" soa set 5.1

m soa list --applicable yes --format csv
expect_eq "$(echo "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "5.1 " "filter by applicability"
m soa list --status not_applicable --format csv
expect_eq "$(echo "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "5.2 " "filter by status"
refused 2 "an unknown theme" soa list --theme legal

# --- suggestions ---------------------------------------------------------------

m soa suggest
expect_in "いま示せる提案はありません" "$out" "nothing to suggest yet"
"$MAMORI" --data d.db asset add 顧客名簿 --medium paper --c 2 --i 1 --a 1 >/dev/null
"$MAMORI" --data d.db risk method ipa >/dev/null
"$MAMORI" --data d.db risk add 1 --threat t06 --vulnerability v16 >/dev/null
"$MAMORI" --data d.db risk add 1 --threat t01 --vulnerability v16 >/dev/null
"$MAMORI" --data d.db risk treat 1 --treatment reduce --reason 持ち出し簿 --controls 5.10 >/dev/null
"$MAMORI" --data d.db risk treat 2 --treatment reduce --reason 施錠 --controls 5.10,5.1 >/dev/null
# Item 7 answered 一部実施 (2): its control 5.14 is suggested.
for i in $(seq 1 25); do
	case $i in 7) echo 2 ;; *) echo 4 ;; esac
done | "$MAMORI" --data d.db diagnose >/dev/null

m soa suggest --format csv
expect_rc 0 "suggestions listed"
expect_in "5.10,情報及びその他の関連資産の利用の許容範囲,risk,リスク対応: 顧客名簿 /" "$out" \
	"from the risk treatment, with the asset"
expect_in "（リスク 2 件）,risk" "$out" "and the number of risks"
expect_in "5.14,情報転送,diagnosis:7,自社診断 項目7: 一部実施している,practice" "$out" \
	"from the weak diagnosis answer"
expect_not_in "5.1,情報セキュリティのための方針群,risk" "$out" \
	"not for a control that applies for risk already"
m soa suggest --case c03 --format csv
expect_in "8.7,マルウェアに対する保護,case:c03,事例 c03:" "$out" "from a picked case"
refused 2 "an unknown case" soa suggest --case c99
refused 2 "accept and reject at once" soa suggest --accept 5.10 --reject 5.14
refused 1 "no suggestion for that control" soa suggest --accept 5.20
refused 1 "a suggestion of an unknown control" soa suggest --accept 9.99

m soa suggest --accept 5.10
expect_rc 0 "a suggestion accepted"
expect_in "管理策 5.10 の提案を採用しました" "$out" "and reported"
expect_eq "$(q "select applicable, reasons from soa_entry where control = '5.10'")" "yes|1" \
	"applicable for risk treatment"
m soa suggest --reject 5.14
expect_rc 0 "a suggestion rejected"
expect_eq "$(q "select source, basis, accepted from soa_decision where control = '5.14'")" \
	"diagnosis:7|2|0" "the decision is remembered with its basis"
expect_eq "$(q "select applicable from soa_entry where control = '5.14'")" "undecided" \
	"rejecting changes nothing in the entry"
m soa suggest --format csv
expect_not_in "5.14" "$out" "a rejected suggestion is not shown again"
expect_not_in "5.10" "$out" "nor an accepted one"
for i in $(seq 1 25); do
	case $i in 7) echo 0 ;; *) echo 4 ;; esac
done | "$MAMORI" --data d.db diagnose >/dev/null
m soa suggest --format csv
expect_in "5.14,情報転送,diagnosis:7,自社診断 項目7: 実施していない" "$out" \
	"it comes back when the answer changes"
m soa suggest --case c03 --accept 8.7 --source case:c03
expect_rc 0 "a case's suggestion accepted by source"
expect_eq "$(q "select applicable, reasons from soa_entry where control = '8.7'")" "yes|8" \
	"applicable for good practice"
expect_eq "$(q "select count(*) from audit_event where action = 'soa.accept'")" 2 \
	"each acceptance is audited"

# --- approval ------------------------------------------------------------------

refused 1 "approval while controls are undecided" soa approve --by boss@example.jp
expect_in "承認できません" "$err" "refused"
expect_in "5.3: 適用するかどうかが決まっていません" "$err" "listing what blocks it"
refused 1 "approval by someone who is not the executive" soa approve --by lead@example.jp
refused 2 "approve without --by" soa approve

# The bulk of the statement is settled directly, as a long session of the
# web form would; the command line settles the rest.
q "update soa_entry set applicable = 'yes', reasons = 8, status = 'implemented'
	where applicable = 'undecided' and control not in ('5.3', '5.4')"
m soa set 5.3 --applicable yes --reason contract
refused 1 "an applicable control without a status blocks" soa approve --by boss@example.jp
expect_in "5.3: 適用するのに実施状況が未設定です" "$err" "named"
m soa set 5.3 --status not_implemented
m soa set 5.4 --applicable no --justification "経営陣は一人のため"
m soa set 5.10 --status implemented
m soa set 5.1 --status implemented
m soa set 8.7 --status partly
m soa approve --by boss@example.jp
expect_rc 0 "approved once nothing blocks it"
expect_in "第1版として承認しました" "$out" "as version 1"
expect_eq "$(q 'select no, approved_by from soa_version')" "1|boss@example.jp" "the version is kept"
expect_eq "$(q 'select count(*) from soa_version_entry')" 93 "with all 93 entries"
m soa
expect_in "最新の承認済みは第1版です" "$out" "the list names the version"

m soa set 8.7 --status implemented --owner 情報システム担当
m soa set 5.4 --applicable yes --reason legal --status partly
m soa approve --by boss@example.jp
expect_in "第2版として承認しました" "$out" "a second version"
m soa versions --format csv
expect_rc 0 "versions listed"
expect_eq "$(echo "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "2 1 " "newest first"
m soa diff 1 2
expect_rc 0 "the difference of two versions"
expect_in "2 の管理策に違いがあります" "$out" "counted"
m soa diff 1 2 --format csv
expect_in "5.4,applicable,no,yes" "$out" "5.4 became applicable"
expect_in "8.7,status,partly,implemented" "$out" "8.7's status"
expect_in "8.7,owner,,情報システム担当" "$out" "8.7's owner"
m soa diff 2 2
expect_in "違いはありません" "$out" "a version against itself"
refused 1 "an unknown version" soa diff 1 9
refused 2 "diff needs two numbers" soa diff 1
refused 2 "diff needs numbers" soa diff 1 two

# --- exports -------------------------------------------------------------------

m soa export --lang en
expect_rc 0 "CSV to standard output"
expect_eq "$(head -c 3 .out | od -An -tx1 | tr -d ' \n')" "efbbbf" "starts with a BOM for Excel"
expect_in "Control,Theme,Title,Applicable,Reasons for inclusion" "$out" "headers in English"
expect_in "5.4,Organizational controls," "$out" "values in English"
expect_in ",Applies,Law or regulation," "$out" "applicability and reasons in English"
m --lang en soa export --lang ja --output soa.csv
expect_rc 0 "Japanese CSV while the interface is English"
expect_in "管理策,テーマ,名称,適用,採用の理由" "$(cat soa.csv)" "Japanese headers"
expect_in "soa.csv" "$err" "the file is reported"
refused 2 "an unknown language" soa export --lang fr
refused 2 "a workbook needs --output" soa export --format xlsx
refused 2 "an unknown export format" soa export --format docx
refused 2 "a PDF needs --output" soa export --format pdf
m soa export --format pdf --lang ja --output soa.pdf
expect_rc 0 "a PDF written"
expect_eq "$(ls soa.pdf.* 2>/dev/null | wc -l)" 0 "no temporary PDF left behind"
expect_in "Page size:       841.89 x 595.276 pts (A4)" "$(pdfinfo soa.pdf)" "A4 landscape"
pdf=$(pdftotext -layout soa.pdf - | tr -s ' ')
expect_in "適用宣言書" "$pdf" "the PDF is titled"
expect_in "組織的管理策" "$pdf" "grouped by theme"
expect_in "技術的管理策" "$pdf" "down to the technological controls"
expect_in "5.4 経営陣の責任 適用する 法令・規制" "$pdf" "a row as text"
expect_in "承認" "$pdf" "with the seal boxes"
m --lang ja soa export --format pdf --lang en --output soa-en.pdf
expect_in "Statement of Applicability" "$(pdftotext soa-en.pdf -)" "an English PDF from a Japanese interface"
m soa export --format xlsx --lang ja --output soa.xlsx
expect_rc 0 "a workbook written"
expect_eq "$(ls soa.xlsx.* 2>/dev/null | wc -l)" 0 "no temporary file left behind"
expect_in "xl/worksheets/sheet1.xml" "$(python3 -c 'import zipfile,sys; print(zipfile.ZipFile("soa.xlsx").namelist())')" \
	"a zip with its sheet"
soffice --headless "-env:UserInstallation=file://$T/lo-profile" \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' \
	--outdir "$T/lo" soa.xlsx >/dev/null 2>&1
lo=$(cat "$T/lo/soa.csv" 2>/dev/null)
expect_in '"管理策","テーマ","名称","適用","採用の理由"' "$lo" "LibreOffice opens it: the header"
expect_in '"5.4","組織的管理策","経営陣の責任","適用する","法令・規制"' "$lo" "a row read back"

# --- the trail -------------------------------------------------------------------

expect_eq "$(q "select count(*) from audit_event where action = 'soa.approve' and client = 'cli'")" 2 \
	"each approval is audited"
run --data d.db audit verify
expect_rc 0 "the audit chain verifies"

done_testing
