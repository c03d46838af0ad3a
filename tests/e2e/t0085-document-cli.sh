#!/bin/sh
# mamori document: the document register from the command line: add with
# a Markdown file, list and its filters, show, a new version, submit and
# approval by the named approver only, a new draft beside the approved
# version, return and withdrawal, versions and their comparison, bad
# input refused with nothing written, and the exports.
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

"$MAMORI" --data d.db init --org "文書テスト" --email boss@example.jp >/dev/null
"$MAMORI" --data d.db user add ceo@example.jp --role executive >/dev/null
"$MAMORI" --data d.db user add clerk@example.jp --role employee >/dev/null

printf '# アカウント管理手順\n\n1. 申請する\n' >v1.md
m document add PR-01 --title "アカウント管理手順" --type procedure \
	--owner "総務部長" --retention 3年 --label 社外秘 --file v1.md \
	--note 初版 --by boss@example.jp
expect_rc 0 "a procedure is added from a Markdown file"
expect_in "PR-01" "$out" "the answer names it"
expect_eq "$(q "select code || '|' || type || '|' || status || '|' || label || '|' || latest_version from document")" \
	"PR-01|procedure|draft|internal|1" "stored with its built-in label's id"
expect_eq "$(q "select author || '|' || note from document_version")" \
	"boss@example.jp|初版" "version 1 with its author and note"
expect_eq "$(q "select count(*) from audit_event where action = 'document.add'")" \
	1 "document.add is audited"

m document add P-01 --title "情報セキュリティ基本方針" --type policy \
	--owner 社長 --next-review 2000-01-31 --approver ceo@example.jp
expect_rc 0 "a policy without a text, approved by the CEO only"

refused 1 "a lower-case number" document add p-02 --title x --type rule --owner o
expect_in "P-01" "$err" "the message shows how a number looks"
refused 1 "a number in use" document add PR-01 --title x --type rule --owner o
refused 1 "an unknown type" document add R-01 --title x --type memo --owner o
refused 1 "a day that does not exist" document add R-01 --title x \
	--type rule --owner o --next-review 2026-02-30
refused 1 "an approver who is no member" document add R-01 --title x \
	--type rule --owner o --approver nobody@example.jp
refused 1 "a file that is not there" document add R-01 --title x \
	--type rule --owner o --file missing.md
printf 'a\377b\n' >bad.md
refused 1 "a file that is not UTF-8" document add R-01 --title x \
	--type rule --owner o --file bad.md
refused 2 "no title" document add R-01 --type rule --owner o
refused 2 "an option of another verb" document add R-01 --title x \
	--type rule --owner o --status draft
refused 1 "an editor that is no member" document add R-01 --title x \
	--type rule --owner o --by clerk@example.jp

m document list
expect_rc 0 "the register is listed"
expect_in "アカウント管理手順" "$out" "with the procedure"
m document list --type policy --format csv
expect_in "P-01" "$out" "filtered by type"
expect_not_in "PR-01" "$out" "the procedure is left out"
m document list --due today --format json
expect_in '"P-01"' "$out" "the overdue review"
expect_not_in "PR-01" "$out" "a document without a date is never due"
refused 1 "a bad due day" document list --due yesterday

printf '# アカウント管理手順\n\n1. 申請する\n2. 上長が承認する\n' >v2.md
m document edit PR-01 --file v2.md --note "承認を追加"
expect_rc 0 "version 2"
expect_in "2" "$out" "the answer names the version"
m document edit PR-01 --retention 3年
expect_in "何も書き込みませんでした" "$out" "an edit that changes nothing says so"
m document diff PR-01 1 2
expect_rc 0 "the comparison"
expect_in "+2. 上長が承認する" "$out" "the added line is marked"
refused 2 "a comparison needs two numbers" document diff PR-01 1
refused 1 "a version that does not exist" document diff PR-01 1 9

refused 1 "a draft cannot be approved" document approve PR-01 --by boss@example.jp
m document submit PR-01
expect_rc 0 "submitted"
expect_in "承認待ち" "$out" "in review"
refused 1 "an employee cannot approve" document approve PR-01 --by clerk@example.jp
refused 2 "approval needs --by" document approve PR-01
m document approve PR-01 --by boss@example.jp
expect_rc 0 "approved by an executive"
expect_eq "$(q "select status || '|' || approved_version || '|' || approved_by from document where code = 'PR-01'")" \
	"approved|2|boss@example.jp" "version 2 is in force"

printf '# 改訂案\n' >v3.md
m document edit PR-01 --file v3.md
expect_eq "$(q "select status || '|' || approved_version || '|' || latest_version from document where code = 'PR-01'")" \
	"draft|2|3" "a new draft, the approved version still in force"
m document show PR-01
expect_in "第2版" "$out" "show names the version in force"
expect_in "# 改訂案" "$out" "and prints the newest text"
m document show PR-01 --version 1
expect_in "1. 申請する" "$out" "an older version"
m document versions PR-01 --format csv
expect_in "承認を追加" "$out" "the versions with their notes"

printf '# 基本方針\n' | "$MAMORI" --data d.db document edit P-01 --file - >/dev/null
expect_eq "$(q "select latest_version from document where code = 'P-01'")" 1 \
	"a text from standard input"
m document submit P-01
refused 1 "only the named approver approves" document approve P-01 --by boss@example.jp
expect_in "ceo@example.jp" "$err" "the refusal names the approver"
m document return P-01 --by ceo@example.jp
expect_rc 0 "the approver returns it"
expect_eq "$(q "select status from document where code = 'P-01'")" draft "back to draft"
m document withdraw P-01 --by ceo@example.jp
expect_rc 0 "withdrawn"
refused 1 "a withdrawn document takes no new text" document edit P-01 --file v1.md
refused 1 "nor a second withdrawal" document withdraw P-01 --by ceo@example.jp
refused 1 "an unknown document" document show X-99

m document templates --format csv
expect_in "account-management" "$out" "the templates are listed"
m document add PR-02 --template account-management --owner 情報システム担当
expect_rc 0 "a document from a template"
m document show PR-02
expect_in "文書テスト" "$out" "filled with the organisation's name"
expect_in "情報システム担当" "$out" "the owner given overrides the template's"
expect_not_in "{company}" "$out" "no placeholder left"
refused 1 "an unknown template" document add PR-03 --template nope
refused 2 "a template belongs to add" document edit PR-02 --template roles

m document export --format xlsx --output reg.xlsx
expect_rc 0 "the register as a workbook"
expect_eq "$(head -c 2 reg.xlsx)" "PK" "a zip archive"
m document export --lang en --output reg.csv
expect_in "Title" "$(cat reg.csv)" "a CSV in English"
refused 2 "a workbook needs --output" document export --format xlsx
expect_eq "$(ls | grep -c tmp-)" 0 "no temporary file is left"

run --data d.db audit verify
expect_rc 0 "the audit chain verifies"
expect_eq "$(q "select count(*) from audit_event where action like 'document.%'")" \
	11 "every change is audited"

done_testing
