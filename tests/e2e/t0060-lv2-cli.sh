#!/bin/sh
# The LV1/LV2 registers from the command line: profile, five basics,
# basic policy and handbook, cloud services; bad input refused with
# nothing written, every change in the audit trail.
. "$(dirname "$0")/lib.sh"

q() {
	sqlite3 d.db "$1"
}

"$MAMORI" --data d.db init --org "宣言テスト" --email boss@example.jp >/dev/null
"$MAMORI" --data d.db user add staff@example.jp --role employee >/dev/null

# Profile: only the options given change, the level follows the answers.
run --data d.db profile --representative "山田 花子" --employees 12
expect_rc 0 "profile set"
expect_in "代表者名: 山田 花子" "$out" "the representative is shown"
expect_in "L1" "$out" "no admin, no large data, no CSIRT: level 1"
run --data d.db profile --csirt yes
expect_rc 0 "one answer changed"
expect_in "山田 花子" "$out" "the other fields stay"
expect_in "L2" "$out" "a CSIRT raises the level to 2"
run --data d.db profile --employees many
expect_rc 2 "a bad number is a usage error"
expect_in "--employees" "$err" "naming the option"
run --data d.db profile --csirt perhaps
expect_rc 2 "yes/no only"
expect_eq "$(q 'select employees from org_profile')" 12 \
	"nothing written by a refused run"

# Five basics: ★ once all five are committed.
for i in 1 2 3 4; do
	"$MAMORI" --data d.db five set "$i" committed >/dev/null
done
run --data d.db five set 5 in_progress --note "来月までに"
expect_rc 0 "a point recorded"
expect_in "来月までに" "$out" "with its note"
expect_in "★ 準備中" "$out" "one point short of one star"
run --data d.db --lang en five set 5 committed
expect_in "★ ready to declare" "$out" "all five committed: one star"
expect_in "★★ not yet" "$out" "two stars need a diagnosis and a policy"
run --data d.db five set 6 committed
expect_rc 2 "there is no sixth point"
run --data d.db five set 1 done
expect_rc 2 "an unknown status is a usage error"
expect_in "not_started" "$err" "the message lists the statuses"

# Basic policy: drafted, approved and published by the executive only.
run --data d.db policy
expect_rc 1 "no policy yet"
expect_in "mamori policy generate" "$err" "says how to draft one"
run --data d.db policy generate --objective o99
expect_rc 1 "an unknown objective is refused"
expect_in "o99" "$err" "naming it"
expect_eq "$(q 'select count(*) from policy_doc')" 0 "no version written"
run --data d.db policy generate --objective o01 --objective o02
expect_rc 0 "policy drafted"
expect_in "# 情報セキュリティ基本方針" "$out" "the text goes to stdout"
expect_in "宣言テスト" "$out" "with the company name"
expect_in "山田 花子" "$out" "and the representative"
expect_in "第1版 · 下書き" "$err" "the state goes to stderr"
run --data d.db policy publish 1 --by boss@example.jp
expect_rc 1 "a draft cannot be published"
run --data d.db policy approve 1 --by staff@example.jp
expect_rc 1 "an employee cannot approve"
expect_in "staff@example.jp" "$err" "the message names the account"
run --data d.db policy approve 1
expect_rc 2 "--by is required"
run --data d.db policy approve 1 --by boss@example.jp
expect_rc 0 "the executive approves"
expect_in "承認済み" "$err" "approved"
run --data d.db policy publish 1 --by boss@example.jp
expect_rc 0 "and publishes"
expect_eq "$(q 'select count(*) from policy_doc where published_at is not null')" 1 \
	"published in the data file"
run --data d.db policy publish 1 --by boss@example.jp
expect_rc 1 "published once only"
run --data d.db policy retract 1
expect_rc 2 "an unknown verb"

# Two stars once the self-diagnosis is done as well.
printf '{"answers": {%s}}\n' \
	"$(seq -s, 1 25 | sed 's/\([0-9]*\)/"\1": 2/g')" >all2.json
"$MAMORI" --data d.db diagnose --file all2.json >/dev/null
run --data d.db --lang en five
expect_in "★★ ready to declare" "$out" "diagnosis and policy: two stars"

# The handbook picks up the diagnosis.
run --data d.db --lang en policy generate --handbook
expect_rc 0 "handbook drafted"
expect_in "宣言テスト Information Security Handbook" "$out" "titled for the company"
expect_eq "$(q "select count(*) from policy_doc where kind = 'handbook'")" 1 \
	"saved as its own document"

# Cloud services register.
run --data d.db cloud add "Microsoft 365" --data "メール、顧客名簿" --importance 2
expect_rc 0 "a service registered"
expect_in "0/15" "$out" "with no checks done yet"
run --data d.db cloud --format json
expect_eq "$(echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["name"], d[0]["importance"])')" \
	"Microsoft 365 2" "JSON for scripts"
run --data d.db cloud add "X" --importance 3
expect_rc 2 "importance is 0, 1 or 2"
long=$(python3 -c 'print("あ" * 201)')
run --data d.db cloud add "$long"
expect_rc 1 "a name over 200 characters is refused"
expect_eq "$(q 'select count(*) from cloud_service')" 1 "only one service saved"
run --data d.db cloud add
expect_rc 2 "add needs a name"

# Catalogues the commands refer to.
run --data d.db catalog objectives
expect_in "o01" "$out" "the policy objectives are listed"
first_case=$("$MAMORI" catalog cases --format csv | sed -n 2p | cut -d, -f1)
run catalog show cases "$first_case"
expect_rc 0 "an incident case shown in full"
expect_in "手順" "$out" "with its procedures"

expect_eq "$(q "select group_concat(action, ' ') from (select action from audit_event where action in ('profile.save', 'five.set', 'doc.generate', 'doc.approve', 'doc.publish', 'cloud.add') order by id)" | wc -w)" 13 \
	"every change is in the audit trail (2 + 6 + 2 + 1 + 1 + 1)"
expect_eq "$("$MAMORI" --data d.db audit verify >/dev/null; echo $?)" 0 \
	"the audit chain holds"

done_testing
