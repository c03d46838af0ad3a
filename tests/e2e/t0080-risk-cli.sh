#!/bin/sh
# The asset register, the risk assessment and the treatment plan from the
# command line: every verb, the IPA and 3-point paths from rating to grade
# and priority, re-assessment and what it carries over, who may accept a
# risk, bad input refused with the data file untouched, and an audit trail
# that still verifies.
. "$(dirname "$0")/lib.sh"

q() {
	sqlite3 d.db "$1"
}

# The whole data file as text: equal before and after means nothing written.
state() {
	sqlite3 d.db .dump | cksum
}

# Row counts of the tables a refused command could have touched.
counts() {
	q "select (select count(*) from asset) || ' ' ||
		(select count(*) from risk) || ' ' ||
		(select count(*) from risk_assessment) || ' ' ||
		(select count(*) from plan_task) || ' ' ||
		(select count(*) from audit_event)"
}

# refused CODE NAME ARGS…: expects exit CODE and nothing written.
refused() {
	code=$1
	name=$2
	shift 2
	before=$(state)
	rows=$(counts)
	run --data d.db "$@"
	expect_rc "$code" "$name"
	expect_eq "$(counts)" "$rows" "$name: no row added or removed"
	expect_eq "$(state)" "$before" "$name: nothing written"
}

m() {
	run --data d.db "$@"
}

"$MAMORI" --data d.db init --org "台帳テスト" --email boss@example.jp >/dev/null
"$MAMORI" --data d.db user add lead@example.jp --role department_lead >/dev/null
"$MAMORI" --data d.db user add staff@example.jp --role employee >/dev/null

# --- help -------------------------------------------------------------------

for cmd in asset risk plan; do
	run "$cmd" --help
	expect_rc 0 "$cmd --help exits 0"
	expect_in "mamori $cmd" "$out" "$cmd --help shows its usage"
	run --lang en "$cmd" --help
	expect_in "Usage: mamori $cmd" "$out" "$cmd --help in English"
done
run --help
expect_in "asset" "$out" "the main help lists asset"
expect_in "plan" "$out" "the main help lists plan"

# --- assets before any method: rated on the IPA scale -----------------------

m asset
expect_rc 0 "an empty register lists"
expect_in "該当する情報資産はありません" "$out" "and says it is empty"
m asset add 顧客名簿 --medium paper --personal personal --c 2 --i 1 --a 1 \
	--owner 総務部長 --category 営業 --label 社外秘
expect_rc 0 "asset added"
expect_in "情報資産 #1「顧客名簿」を登録しました" "$out" "with its id"
expect_eq "$(q 'select medium, personal, c, i, a, importance, label from asset where id = 1')" \
	"paper|1|2|1|1|2|internal" "stored with the importance derived and the label's id"
m asset add 顧客名簿 --medium クラウドサービス --personal personal,my_number
expect_rc 0 "a medium given by its display name"
expect_eq "$(q 'select medium, personal, c from asset where id = 2')" "cloud|5|-1" \
	"stored as the key, unrated"
m asset add 図面データ --medium NAS --department 設計部 --registered 2024-04-01
expect_rc 0 "a medium of the organisation's own"
expect_eq "$(q 'select medium, registered_on from asset where id = 3')" "NAS|2024-04-01" \
	"stored as typed"

refused 1 "C above the IPA scale" asset add 見積書 --medium paper --c 3 --i 1 --a 1
expect_in "機密性" "$err" "the message names the field"
refused 1 "a partial rating" asset add 見積書 --medium paper --c 1
expect_in "三つそろえて" "$err" "says to rate all three"
refused 1 "an unknown classification" asset add 見積書 --medium paper --label 部外秘
expect_in "部外秘" "$err" "naming it"
refused 1 "a date that does not exist" asset add 見積書 --medium paper --registered 2024-02-30
expect_in "登録日" "$err" "naming the field"
refused 1 "an empty name" asset add "" --medium paper
refused 1 "a name too long" asset add "$(printf '%0201d' 0)" --medium paper
expect_in "200" "$err" "saying the limit"
refused 1 "a control character" asset add "$(printf 'a\tb')" --medium paper
refused 2 "no --medium" asset add 見積書
expect_in "--medium" "$err" "naming the option"
refused 2 "a rating that is not a number" asset add 見積書 --medium paper --c high
refused 2 "an unknown kind of personal data" asset add 見積書 --medium paper --personal health
refused 2 "a filter on add" asset add 見積書 --medium paper --search x
refused 2 "an unknown verb" asset frobnicate
refused 2 "an id that is not one" asset show abc
refused 1 "an organisation that does not exist" asset add 見積書 --medium paper --org 9
refused 2 "the io verbs come first" asset --org 1 export

# --- list, filters, paging --------------------------------------------------

m asset
expect_in "顧客名簿" "$out" "the list shows the assets"
expect_in "クラウドサービス" "$out" "media in words"
expect_in "社外秘" "$out" "labels in words"
expect_in "3 件のうち 3 件" "$err" "the count goes to stderr"
m --lang en asset list --medium 書類
expect_in "paper" "$out" "filter by a medium's display name"
expect_not_in "cloud" "$out" "only that medium"
m asset --importance unrated --format csv
expect_in "図面データ" "$out" "unrated assets"
expect_not_in "顧客名簿,営業" "$out" "not the rated one"
m asset --personal my_number --format json
expect_in '"id": "2"' "$out" "filter by personal data (JSON)"
expect_not_in '"id": "1"' "$out" "only assets holding it"
m asset --search 図面
expect_in "図面データ" "$out" "search"
m asset --sort name --format csv
expect_in "図面データ" "$(echo "$out" | sed -n 2p)" "sorted by name"
m asset --sort name --desc --format csv
expect_in "顧客名簿" "$(echo "$out" | sed -n 2p)" "and the other way"
m asset --limit 1
expect_in "--after 1" "$err" "a page says how to continue"
m asset --limit 1 --after 1 --format csv
expect_in "顧客名簿" "$out" "the next page"
expect_eq "$(echo "$out" | wc -l)" 2 "one row on it"
m asset --limit 0
expect_rc 2 "a limit of 0"
m asset --sort size
expect_rc 2 "an unknown sort"
m asset --importance 7
expect_rc 2 "an importance off every scale"

# --- edit, copy, show and the history ---------------------------------------

m asset edit 1 --notes "金庫で保管" --c 1
expect_rc 0 "asset edited"
expect_eq "$(q 'select notes, c, importance from asset where id = 1')" "金庫で保管|1|1" \
	"only the options given changed; the importance follows"
m asset edit 1 --notes "金庫で保管"
expect_rc 0 "an edit that changes nothing"
expect_in "変わっていません" "$out" "says so"
expect_eq "$(q "select count(*) from audit_event where target = 'asset:1'")" 2 \
	"and records no event"
refused 2 "edit with no option" asset edit 1
refused 1 "edit of an asset that does not exist" asset edit 99 --notes x
refused 1 "an edit that breaks a rule" asset edit 1 --i unrated
m asset edit 1 --c 2
m asset copy 1 --medium office_pc
expect_rc 0 "asset copied to another medium"
expect_eq "$(q 'select name, medium, c, personal from asset where id = 4')" \
	"顧客名簿|office_pc|2|1" "the same information on another medium"
m asset show 1
expect_rc 0 "show"
expect_in "機密性: 2（大）" "$out" "ratings with their meaning"
expect_in "重要度: 2（大）" "$out" "and the importance"
expect_in "リスクアセスメントはまだ始まっていません" "$out" "no assessment yet"
expect_in "変更の履歴" "$out" "the history"
expect_in "機密性: 1 → 2" "$out" "shows what changed"
expect_in "情報資産の登録" "$out" "down to the creation"
m --lang en asset show 4
expect_in "copied from asset: 1" "$out" "a copy says where it came from"
refused 1 "show of a missing asset" asset show 99

# --- the method -------------------------------------------------------------

refused 1 "risks before any assessment" risk list
expect_in "mamori risk method ipa" "$err" "says how to start"
refused 1 "a risk before any assessment" risk add 1 --threat t06 --vulnerability v16
m risk method
expect_rc 0 "the methods before choosing one"
expect_in "IPA リスク分析シート方式" "$out" "the IPA sheet"
expect_in "3 段階評価方式" "$out" "and the 3-point method"
refused 2 "an unknown method" risk method five_point
refused 1 "IPA bands cannot move" risk method ipa --low-max 1
expect_in "IPA" "$err" "says the bands are fixed"
m risk method ipa
expect_rc 0 "IPA assessment started"
expect_in "リスクアセスメント #1" "$out" "numbered 1"
expect_in "大（4〜6）" "$out" "with its bands"
expect_eq "$(q 'select no, method, low_max, medium_max from risk_assessment')" "1|ipa|0|3" \
	"stored with the sheet's bands"
m risk method ipa
expect_rc 0 "the same method again"
expect_in "すでに" "$out" "is already in use"
refused 2 "another method without --reassess" risk method three_point
expect_in "--reassess" "$err" "asks for --reassess"
expect_in "引き継" "$err" "and says what carries over"
refused 2 "bounds without --criteria" risk method ipa --medium-max 4
refused 1 "IPA criteria cannot change" risk method --criteria --low-max 1
refused 2 "--criteria without bounds" risk method --criteria
refused 2 "--criteria with --reassess" risk method --criteria --reassess --low-max 1

# --- suggest and add ----------------------------------------------------------

m risk suggest 1
expect_rc 0 "suggestions for a paper asset"
expect_in "紛失・置き忘れ" "$out" "loss fits paper"
expect_in "個人情報の漏えい" "$out" "personal data brings its own threat"
expect_not_in "ランサムウェア" "$out" "ransomware does not fit paper"
m risk suggest 1 --format csv
pairs=$(echo "$out" | sed 1d | wc -l)
m risk suggest 3 --format csv
expect_not_in "t25" "$out" "no personal-data threat without personal data"
m risk suggest 1 --add
expect_rc 0 "suggestions added"
expect_eq "$(q 'select count(*) from risk where asset_id = 1')" "$pairs" \
	"one risk per suggested pair"
expect_eq "$(q 'select count(*) from risk where asset_id = 1 and level = -1 and likelihood = -1')" \
	"$pairs" "all unrated"
m risk suggest 1 --add
expect_in "リスクを 0 件追加" "$out" "a second run adds nothing"
expect_eq "$(q 'select count(*) from risk where asset_id = 1')" "$pairs" "no duplicates"
m risk suggest 1
expect_in "はい" "$out" "the list marks the pairs already there"
refused 1 "a duplicate risk" risk add 1 --threat t06 --vulnerability v16
expect_in "リスク #" "$err" "naming the existing one"
refused 1 "an unknown threat" risk add 1 --threat t99 --vulnerability v16
expect_in "t99" "$err" "naming it"
refused 1 "an unknown vulnerability" risk add 1 --threat t06 --vulnerability v999
refused 2 "both a threat id and a text" risk add 1 --threat t06 --threat-text x --vulnerability v16
refused 2 "no vulnerability" risk add 1 --threat t06
refused 1 "a risk for a missing asset" risk add 99 --threat t06 --vulnerability v16
refused 1 "a consequence too long" risk add 3 --threat-text 浸水 --vulnerability v18 \
	--consequence "$(printf '%0501d' 0)"
m risk add 3 --threat-text "台風で事務所が浸水" --vulnerability v18
expect_rc 0 "a threat in the organisation's own words"
own=$(q "select id from risk where threat = '台風で事務所が浸水'")
m risk add 4 --threat t07 --vulnerability v21
theft=$(q "select id from risk where asset_id = 4 and threat_id = 't07'")
expect_eq "$(q "select consequence != '' from risk where id = $theft")" 1 \
	"a catalogue threat brings its typical consequence"

# --- the IPA path: rate -> likelihood -> level -> grade -> rank ------------

loss=$(q "select id from risk where asset_id = 1 and threat_id = 't06' and vulnerability_id = 'v16'")
m risk rate "$loss" --threat 3 --vulnerability 2
expect_rc 0 "IPA rating"
expect_in "重要度 2 × 被害発生可能性 2 = リスク値 4（大）" "$out" \
	"threat 3 and vulnerability 2 give likelihood 2; 2 x 2 = 4, large"
expect_in "優先順位: 1 位" "$out" "the highest risk comes first"
expect_eq "$(q "select likelihood, level from risk where id = $loss")" "2|4" "stored"
m risk rate "$theft" --threat 2 --vulnerability 3
expect_in "リスク値 4（大）" "$out" "2 and 3 give 2: level 4 again"
expect_in "優先順位: 1 位" "$out" "tied levels share a rank"
m risk rate "$own" --threat 1 --vulnerability 1
expect_in "情報資産の C・I・A がまだ評価されていない" "$out" \
	"an unrated asset gives no level yet"
m asset edit 3 --c 1 --i 0 --a 0
expect_eq "$(q "select importance, likelihood, level from risk where id = $own")" "1|1|1" \
	"rating the asset gives its risks a level"
m risk list
expect_in "中" "$out" "level 1 is medium"
m --lang en risk list --format json
expect_in '"rank": "3"' "$out" "below the two at level 4 it ranks 3"
expect_in '"grade": "large"' "$out" "grades in English"
refused 1 "a likelihood under IPA" risk rate "$loss" --likelihood 2
expect_in "--threat" "$err" "says what IPA takes"
refused 1 "a threat off the scale" risk rate "$loss" --threat 4
refused 2 "a threat that is not a number" risk rate "$loss" --threat high
refused 2 "rate with no rating" risk rate "$loss"
refused 1 "rate a missing risk" risk rate 9999 --threat 1

m risk list --grade high --format csv
expect_eq "$(echo "$out" | sed 1d | wc -l)" 2 "two risks graded high"
m risk list --cell 1,1 --format csv
expect_in "台風で事務所が浸水" "$out" "the heat map cell 1,1"
expect_eq "$(echo "$out" | sed 1d | wc -l)" 1 "holds one risk"
m risk list --asset 4 --sort id --format csv
expect_eq "$(echo "$out" | sed 1d | wc -l)" 1 "the risks of one asset"
m risk list --treatment none --limit 1
expect_in "--after" "$err" "risks page too"
refused 2 "an unknown grade" risk list --grade extreme
refused 2 "a malformed cell" risk list --cell 2
refused 1 "a cell off the IPA map" risk list --cell 3,1

# --- treatment --------------------------------------------------------------

m risk treat "$loss" --treatment reduce --reason "持ち出し簿をつける" \
	--controls 5.10,7.10 --guideline 3.2.8 --status planned --residual-vulnerability 1
expect_rc 0 "treatment recorded"
expect_in "低減" "$out" "in words"
expect_in "対応後のリスク値: 2（中）" "$out" "the residual level: 2 x 1"
expect_eq "$(q "select group_concat(kind || ':' || ref, ' ') from (select * from risk_control where risk_id = $loss order by kind, ref)")" \
	"control:5.10 control:7.10 guideline:3.2.8" "controls and guideline items linked"
refused 1 "an unknown control" risk treat "$theft" --treatment reduce --reason x --controls 5.10,9.99
expect_in "9.99" "$err" "naming it"
refused 1 "an unknown guideline item" risk treat "$theft" --treatment reduce --reason x --guideline 99.1
refused 1 "a treatment without a reason" risk treat "$theft" --treatment transfer
expect_in "理由" "$err" "asks for the reason"
refused 1 "a status without a treatment" risk treat "$theft" --status done
refused 1 "a residual rating above the current one" risk treat "$loss" --residual-vulnerability 3
refused 1 "a residual likelihood under IPA" risk treat "$loss" --residual-likelihood 1
refused 2 "an unknown treatment" risk treat "$loss" --treatment ignore
refused 2 "treat with no option" risk treat "$loss"

# --- acceptance -------------------------------------------------------------

refused 1 "an employee cannot accept" risk accept "$loss" --by staff@example.jp
expect_in "staff@example.jp" "$err" "naming the account"
refused 1 "a stranger cannot accept" risk accept "$loss" --by nobody@example.jp
refused 1 "a malformed address" risk accept "$loss" --by boss
refused 2 "--by is required" risk accept "$loss"
refused 1 "an untreated risk cannot be accepted" risk accept "$theft" --by boss@example.jp
m risk accept "$loss" --by lead@example.jp
expect_rc 0 "the department lead accepts"
expect_eq "$(q "select accepted_by, accepted_at > 0 from risk where id = $loss")" \
	"lead@example.jp|1" "who and when recorded"
refused 1 "accepted once only" risk accept "$loss" --by boss@example.jp
expect_in "lead@example.jp" "$err" "says by whom"
m risk treat "$loss" --status done
expect_eq "$(q "select accepted_by is null from risk where id = $loss")" 1 \
	"a change withdraws the acceptance"
m risk accept "$loss" --by boss@example.jp
expect_rc 0 "the executive accepts what is now"

# --- heat map, report, delete -----------------------------------------------

m risk heatmap
expect_rc 0 "heat map"
expect_in "重要度 / 可能性" "$out" "with its axes"
expect_in "2（大）" "$out" "two risks in the cell 2,2, graded large"
m risk report
expect_rc 0 "report"
expect_in "リスクアセスメント報告書：台帳テスト" "$out" "titled with the organisation"
expect_in "■ 優先順位 1" "$out" "in priority order"
expect_in "5.10 7.10（ガイドライン 3.2.8）" "$out" "with the controls"
m --lang en risk report --format csv
expect_in "priority,id,asset,threat" "$out" "CSV with its header"
expect_in "1,$loss," "$out" "the first priority listed"
m risk report --format json
expect_in '"controls": "5.10 7.10' "$out" "JSON"
m risk report --format text
expect_rc 0 "text is the report's default form"
m risk delete "$own"
expect_rc 0 "risk deleted"
expect_eq "$(q "select count(*) from risk where id = $own")" 0 "gone"
refused 1 "a risk deleted twice" risk delete "$own"
m asset show 1
expect_in "リスク（リスクアセスメント #1）" "$out" "show lists the asset's risks"
expect_in "低減" "$out" "with their treatment"

# --- re-assessment: IPA -> 3-point ------------------------------------------

risks=$(q 'select count(*) from risk where assessment_id = 1')
m risk method three_point --reassess --low-max 2 --medium-max 4
expect_rc 0 "a new assessment with the 3-point method"
expect_in "#1 は、結果をそのまま残して終了" "$out" "the old one is closed"
expect_in "被害発生可能性" "$out" "says what carries over"
expect_eq "$(q 'select no, method, low_max, medium_max, closed_at is null from risk_assessment order by no')" \
	"1|ipa|0|3|0
2|three_point|2|4|1" "one closed, one open"
expect_eq "$(q 'select count(*) from risk where assessment_id = 1')" "$risks" \
	"the closed assessment keeps its risks"
expect_eq "$(q 'select count(*) from risk where assessment_id = 2')" "$risks" \
	"all carried to the new one"
expect_eq "$(q "select accepted_by from risk where id = $loss")" "boss@example.jp" \
	"the closed one keeps its acceptance"
new_loss=$(q "select id from risk where assessment_id = 2 and asset_id = 1 and threat_id = 't06' and vulnerability_id = 'v16'")
expect_eq "$(q "select treatment, likelihood, importance, level, accepted_by is null from risk where id = $new_loss")" \
	"reduce|2|3|6|1" "treatment and likelihood carried, C/I/A moved up a step, acceptance not"
expect_eq "$(q 'select c, i, a from asset where id = 1')" "3|2|2" "the asset's ratings converted"
m asset show 1
expect_in "機密性: 2 → 3" "$out" "the history shows the conversion"
expect_in "3 段階評価方式" "$out" "and the new scale"
m risk list --grade high --format csv
expect_in "$new_loss" "$out" "level 6 is high above medium 4"

# --- the 3-point path -------------------------------------------------------

new_theft=$(q "select id from risk where assessment_id = 2 and asset_id = 4")
m risk rate "$new_theft" --likelihood 1
expect_rc 0 "3-point rating"
expect_in "重要度 3 × 被害発生可能性 1 = リスク値 3（中）" "$out" "3 x 1 = 3, medium"
refused 1 "threat levels under 3-point" risk rate "$new_theft" --threat 2
expect_in "--likelihood" "$err" "says what 3-point takes"
refused 1 "a likelihood off the scale" risk rate "$new_theft" --likelihood 0
m risk method --criteria --low-max 3 --medium-max 6
expect_rc 0 "criteria changed"
expect_eq "$(q 'select low_max, medium_max from risk_assessment where no = 2')" "3|6" "stored"
m risk list --grade low --format csv
expect_in "$new_theft" "$out" "level 3 is now low"
m risk list --grade medium --format csv
expect_in "$new_loss" "$out" "level 6 is now medium"
refused 1 "criteria out of order" risk method --criteria --low-max 5 --medium-max 4
expect_in "受容基準" "$err" "names the criteria"
refused 1 "a criterion above the highest level" risk method --criteria --medium-max 10
m risk method
expect_in "低（1〜3）" "$out" "the method shows the chosen criteria"
m risk treat "$new_theft" --treatment retain --reason "保険で備える" --residual-likelihood 1
expect_in "対応後のリスク値: 3" "$out" "a residual likelihood under 3-point"
refused 1 "a residual vulnerability under 3-point" risk treat "$new_theft" --residual-vulnerability 1

# --- and back: 3-point -> IPA ----------------------------------------------

m risk method ipa --reassess
expect_rc 0 "back to IPA"
expect_in "脅威と脆弱性の大きさ" "$out" "says the threat and vulnerability need rating again"
expect_eq "$(q 'select count(*) from risk r join risk_assessment a on a.id = r.assessment_id where a.no = 3 and r.likelihood != -1')" \
	0 "no likelihood survives without threat and vulnerability"
expect_eq "$(q 'select c, i, a from asset where id = 1')" "2|1|1" "ratings back on the IPA scale"
expect_eq "$(q "select treatment from risk r join risk_assessment a on a.id = r.assessment_id where a.no = 3 and r.asset_id = 4")" \
	"retain" "the treatment carried"

# --- deleting an asset ------------------------------------------------------

open_risks=$(q "select count(*) from risk r join risk_assessment a on a.id = r.assessment_id where a.closed_at is null and r.asset_id = 1")
m asset delete 1
expect_rc 0 "asset deleted"
expect_in "リスク $open_risks 件も削除" "$out" "with its risks in the open assessment"
expect_eq "$(q 'select deleted_at is not null from asset where id = 1')" 1 "kept, marked deleted"
expect_eq "$(q "select count(*) from risk r join risk_assessment a on a.id = r.assessment_id where a.closed_at is null and r.asset_id = 1")" \
	0 "no risk left in the open assessment"
expect_eq "$(q 'select count(*) from risk where assessment_id = 1 and asset_id = 1')" "$pairs" \
	"closed assessments keep theirs"
refused 1 "deleted twice" asset delete 1
refused 1 "a deleted asset cannot be shown" asset show 1
refused 1 "no risks for a deleted asset" risk suggest 1

# --- the organisation's own classification labels --------------------------

q "insert into classification_label (org_id, position, label) values (1, 1, '社外秘'), (1, 2, '取扱注意')"
m asset add 就業規則 --medium paper --label 社外秘
expect_rc 0 "an own label"
expect_eq "$(q "select label from asset where name = '就業規則'")" "社外秘" \
	"kept as typed, not turned into a built-in id"
refused 1 "a built-in label the organisation replaced" asset add 就業規則 --medium paper --label public
m asset --label 取扱注意 --format csv
expect_rc 0 "filter by an own label"

# --- the treatment plan -----------------------------------------------------

m plan
expect_rc 0 "an empty plan"
expect_in "mamori plan add" "$out" "says how to start"
m plan add 5.10 "持ち出し簿の様式を作る" --owner 総務 --start 2000-01-01 --end 2000-01-31
expect_rc 0 "task added"
m plan add 3.2.8 "鍵付きキャビネットを購入" --end 2999-12-31
expect_rc 0 "a task under a guideline item"
m plan add 5.10 "全員に説明する"
refused 1 "an unknown control" plan add 9.99 "何か"
expect_in "9.99" "$err" "naming it"
refused 1 "a date that does not exist" plan add 5.10 "何か" --end 2000-13-01
refused 1 "an end before the start" plan add 5.10 "何か" --start 2000-02-01 --end 2000-01-01
refused 1 "an empty task" plan add 5.10 ""
refused 2 "add without the task" plan add 5.10
m plan
expect_in "■ 5.10" "$out" "grouped by control"
expect_in "情報及びその他の関連資産の利用の許容範囲" "$out" "with its title"
expect_in "■ 3.2.8 ガイドライン" "$out" "guideline items too"
expect_in "遅れ" "$out" "the late task is marked"
expect_in "予定より遅れている作業が 1 件" "$out" "and counted"
refused 1 "an actual end while unfinished" plan set 1 --actual-end 2000-01-20
refused 2 "an unknown status" plan set 1 --status done
refused 2 "set with nothing" plan set 1
refused 1 "set of a missing task" plan set 99 --owner x
m plan set 1 --status finished --actual-start 2000-01-05 --actual-end 2000-01-20
expect_rc 0 "task finished"
expect_eq "$(q 'select status, actual_end from plan_task where id = 1')" "finished|2000-01-20" \
	"stored"
m plan --format json
expect_in '"overdue": ""' "$out" "a finished task is not late"
expect_in '"control_title"' "$out" "JSON names the control"
m plan delete 3
expect_rc 0 "task deleted"
refused 1 "deleted twice" plan delete 3

# --- the catalogues behind the method ---------------------------------------

for kind in threats vulnerabilities risk-scales risk-likelihood risk-grades labels; do
	run catalog "$kind"
	expect_rc 0 "catalog $kind"
done
run catalog show threats t06
expect_in "紛失・置き忘れ" "$out" "a threat in full"
run --lang en catalog show vulnerabilities v16
expect_in "7.9" "$out" "a weakness with its controls"
run catalog
expect_in "risk-scales" "$out" "the new catalogues are listed"

# --- the audit trail --------------------------------------------------------

for action in asset.create asset.update asset.delete assessment.start \
	assessment.criteria risk.create risk.rate risk.treat risk.accept \
	risk.delete plan.create plan.update plan.delete; do
	expect_eq "$(q "select count(*) > 0 from audit_event where action = '$action' and client = 'cli'")" \
		1 "$action is in the audit trail"
done
expect_eq "$(q "select count(*) from audit_event where target = 'risk:$loss' and action = 'risk.accept'")" \
	2 "both acceptances recorded"
run --data d.db audit verify
expect_rc 0 "the audit chain verifies"

done_testing
