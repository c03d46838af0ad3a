#!/bin/sh
# The command line for an incident case's risks (mamori case), the
# executive's checklist (mamori executive) and the 15 checks of a cloud
# service (mamori cloud checks|check): what each writes, the audit event
# of every change, and bad input refused naming the option, with nothing
# written.
. "$(dirname "$0")/lib.sh"

q() {
	sqlite3 d.db "$1"
}

events() {
	q 'select count(*) from audit_event'
}

"$MAMORI" --data d.db init --org "事例テスト" --email boss@example.jp >/dev/null
"$MAMORI" --data d.db asset add "VPN装置" --medium server >/dev/null
"$MAMORI" --data d.db asset add "経理のPC" --medium office_pc >/dev/null

# ---- mamori case ----
run --data d.db case pairs c02
expect_rc 0 "a case's pairs listed"
expect_in "t03" "$out" "with the threat id"
expect_in "v43" "$out" "and the vulnerability id"
run --data d.db case pairs c02 --format json
expect_in '"vulnerability_id": "v38"' "$out" "pairs as JSON"

before=$(events)
run --data d.db case risks c02 --asset 1
expect_rc 1 "no assessment: refused"
expect_in "mamori risk method" "$err" "says how to start one"
expect_eq "$(q 'select count(*) from risk')" 0 "no risk written"
expect_eq "$(events)" "$before" "no event written"

"$MAMORI" --data d.db risk method ipa >/dev/null
before=$(events)
run --data d.db case risks c02 --asset 1 --asset 2
expect_rc 0 "risks registered for two assets"
expect_in "6 件のリスクを登録しました" "$out" "three pairs for each of two assets"
expect_eq "$(q "select count(*) from risk where threat_id = 't03' and vulnerability_id = 'v43'")" 2 \
	"the VPN pair on both assets"
expect_eq "$(q "select count(*) from audit_event where action = 'risk.create' and client = 'cli' and after like '% case:c02'")" 6 \
	"an audit event per risk, naming the case"
expect_eq "$(events)" $((before + 6)) "and nothing else"

run --data d.db case risks c02 --asset 1 --asset 1 --pair t03:v43 --pair t01:v38 --format json
expect_rc 0 "the same pairs again"
expect_in '"result": "skipped"' "$out" "are skipped"
expect_not_in '"result": "created"' "$out" "and nothing is created"
expect_eq "$(q 'select count(*) from risk')" 6 "no duplicate written"

run --data d.db case risks c04 --asset 1 --draft
expect_rc 0 "risks and the draft rules and procedures"
expect_in "PR-C04" "$out" "the draft is named"
expect_eq "$(q "select type || ' ' || status || ' ' || latest_version from document where code = 'PR-C04'")" \
	"procedure draft 1" "a draft procedure, version 1"
expect_in "## 実施手順" "$(q "select body from document_version v join document d on d.id = v.document_id where d.code = 'PR-C04'")" \
	"with the case's procedures"
run --data d.db case risks c04 --asset 1 --draft --format json
expect_rc 0 "again, as JSON"
expect_in "PR-C04" "$err" "the draft is said beside the rows"
expect_eq "$(q "select count(*) from document where code = 'PR-C04'")" 1 "and not made twice"
run --data d.db --lang en case risks c05 --asset 2 --pair t09:v29
expect_rc 0 "one chosen pair"
expect_in "Registered 1 risk(s)" "$out" "said in English"
expect_eq "$(q "select count(*) from risk where asset_id = 2 and threat_id = 't09'")" 1 \
	"only the chosen pair"

before=$(events)
risks=$(q 'select count(*) from risk')
run --data d.db case risks c02 --asset 1 --asset 99
expect_rc 1 "an unknown asset is refused"
expect_in "--asset 99" "$err" "naming the option and the id"
run --data d.db case risks c02 --asset x
expect_rc 1 "a malformed asset id is refused"
expect_in "--asset" "$err" "naming the option"
run --data d.db case risks c02 --asset 1 --pair t01:v01
expect_rc 1 "a pair not of the case is refused"
expect_in "--pair" "$err" "naming the option"
run --data d.db case risks c02
expect_rc 1 "--asset is required"
expect_in "--asset" "$err" "naming it"
run --data d.db case risks c99 --asset 1
expect_rc 1 "an unknown case"
expect_in "c99" "$err" "named"
expect_eq "$(q 'select count(*) from risk')" "$risks" "no risk written by refusals"
expect_eq "$(events)" "$before" "no event written by refusals"
run --data d.db case risks
expect_rc 2 "a case id is needed"
run --data d.db case risks c02 --help
expect_rc 0 "help on the verb"
expect_in "mamori case risks" "$out" "shows the usage"

# ---- mamori executive ----
run --data d.db executive
expect_rc 0 "the checklist listed"
expect_in "principle-1" "$out" "the principles"
expect_in "action-7" "$out" "and the seven actions"
before=$(events)
run --data d.db executive set action-2 --status done --note "予算を確保"
expect_rc 0 "an item signed"
expect_in "予算を確保" "$out" "with its note"
expect_eq "$(q "select done || ' ' || note from executive_signoff where item = 'action-2'")" "1 予算を確保" \
	"stored"
expect_eq "$(q "select count(*) from audit_event where action = 'executive.sign' and target = 'action-2' and after = '1' and client = 'cli'")" 1 \
	"with its audit event"
run --data d.db executive set action-2 --status open
expect_rc 0 "an item reopened"
expect_eq "$(q "select done || ' ' || note from executive_signoff where item = 'action-2'")" "0 予算を確保" \
	"the note stays without --note"
run --data d.db executive list --format json
expect_in '"status": "open"' "$out" "JSON has the status word"
expect_eq "$(events)" $((before + 2)) "one event per change"
before=$(events)
run --data d.db executive set action-9 --status done
expect_rc 1 "an unknown item is refused"
expect_in "action-9" "$err" "naming it"
run --data d.db executive set action-1 --status finished
expect_rc 1 "an unknown status is refused"
expect_in "--status" "$err" "naming the option"
long=$(printf 'あ%.0s' $(seq 1 1001))
run --data d.db executive set action-1 --status done --note "$long"
expect_rc 1 "a note over 1000 characters is refused"
expect_in "--note" "$err" "naming the option"
run --data d.db executive set action-1
expect_rc 2 "--status is required"
expect_in "--status" "$err" "naming it"
expect_eq "$(q "select count(*) from executive_signoff where item = 'action-1'")" 0 \
	"nothing written by refusals"
expect_eq "$(events)" "$before" "no event written by refusals"
run --data d.db executive set --help
expect_rc 0 "help on the verb"

# ---- mamori cloud checks / check ----
"$MAMORI" --data d.db cloud add "Microsoft 365" >/dev/null
run --data d.db cloud checks 1
expect_rc 0 "the 15 checks listed"
expect_in "Microsoft 365" "$out" "for the service"
expect_eq "$(printf '%s\n' "$out" | grep -c '未回答')" 15 "all unanswered"
before=$(events)
run --data d.db cloud check 1 9 --status partly --note "管理者のみ多要素認証"
expect_rc 0 "a check answered"
expect_in "管理者のみ多要素認証" "$out" "with its note"
run --data d.db cloud check 1 9 --status yes
expect_eq "$(q "select status || ' ' || note from cloud_service_check where item = 9")" "yes 管理者のみ多要素認証" \
	"the note stays without --note"
expect_eq "$(q "select count(*) from audit_event where action = 'cloud.checks' and target = 'cloud:1' and client = 'cli'")" 2 \
	"an audit event per change"
expect_eq "$(events)" $((before + 2)) "and nothing else"
run --data d.db cloud checks 1 --format json
expect_in '"status": "yes"' "$out" "JSON has the status word"
run --data d.db cloud
expect_in "1/15" "$out" "the register counts the check done"
before=$(events)
run --data d.db cloud check 1 16 --status yes
expect_rc 1 "check 16 does not exist"
run --data d.db cloud check 1 3 --status maybe
expect_rc 1 "an unknown status is refused"
expect_in "--status" "$err" "naming the option"
run --data d.db cloud check 1 3 --status yes --note "$long"
expect_rc 1 "a long note is refused"
expect_in "--note" "$err" "naming the option"
run --data d.db cloud check 7 3 --status yes
expect_rc 1 "an unknown service is refused"
run --data d.db cloud check 1 3
expect_rc 2 "--status is required"
run --data d.db cloud checks 1 --status yes
expect_rc 2 "--status does not belong to checks"
expect_eq "$(q 'select count(*) from cloud_service_check where item <> 9')" 0 \
	"nothing written by refusals"
expect_eq "$(events)" "$before" "no event written by refusals"

run --data d.db audit verify
expect_rc 0 "the audit chain verifies"

done_testing
