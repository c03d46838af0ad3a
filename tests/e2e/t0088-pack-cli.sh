#!/bin/sh
# The audit document pack from the command line: `mamori export pack` of
# the sample organisation with an approved policy and document, its
# members read back (unzip, poppler, LibreOffice), the manifest and the
# audit event, then `mamori export verify` on the pack as made and on
# packs changed every way that matters (a flipped byte, a member
# rewritten with a valid CRC, a member removed, one added, a foreign ZIP,
# no ZIP at all).  About 10 s, most of it LibreOffice starting.
. "$(dirname "$0")/lib.sh"

for tool in pdftotext pdfinfo soffice unzip zip sqlite3 python3; do
	if command -v "$tool" >/dev/null 2>&1; then
		ok "$tool is installed"
	else
		not_ok "$tool is installed" "scripts/deps.sh test installs it"
	fi
done

m() {
	run --data d.db "$@"
}

q() {
	sqlite3 d.db "$1"
}

"$MAMORI" --data d.db init --org "株式会社まもり製作所" --email boss@example.jp \
	--name "山田太郎" --sample </dev/null >/dev/null 2>&1
m policy generate --objective o01 --objective o02
m policy approve 1 --by boss@example.jp
expect_rc 0 "the basic policy is approved"
printf '# アカウント管理手順\n\n1. 利用者は上長の承認を得て申請する。\n2. 退職の翌日までに無効にする。\n' >pr.md
m document add PR-01 --title "アカウント管理手順" --type procedure \
	--owner 総務部長 --label 社外秘 --file pr.md --by boss@example.jp
m document submit PR-01
m document approve PR-01 --by boss@example.jp
expect_rc 0 "a procedure is approved"
m document add R-01 --title "持ち出しの決まり" --type rule --owner 総務部長 \
	--file pr.md --by boss@example.jp
expect_rc 0 "a rule stays a draft"

# --- building ----------------------------------------------------------------

m export pack --output pack.zip
expect_rc 0 "export pack writes the pack"
expect_in "pack.zip" "$out" "and says where"
expect_eq "$err" "" "nothing on stderr when it is not a terminal"
sha=$(echo "$out" | sed -n 's/^sha256 //p')
expect_eq "$(sha256sum pack.zip | cut -d' ' -f1)" "$sha" "the SHA-256 printed is the file's"
expect_eq "$(ls -a | grep -c 'pack.zip.')" 0 "no temporary file or parts folder is left"

list=$(unzip -Z1 pack.zip)
expect_eq "$(echo "$list" | head -n 2 | tr '\n' ' ')" "manifest.json manifest.txt " \
	"the manifest comes first, then its readable index"
for f in policy/basic-policy.pdf documents/PR-01.pdf \
	registers/document-register.xlsx registers/asset-register.xlsx \
	registers/risk-assessment-report.pdf registers/risk-assessment-report.xlsx \
	registers/checklist-status.xlsx registers/self-diagnosis.pdf \
	registers/self-diagnosis.xlsx registers/audit-trail.xlsx; do
	expect_in "$f" "$list" "the pack holds $f"
done
expect_not_in "documents/R-01" "$list" "a draft document is not packed"

mkdir x
(cd x && unzip -q ../pack.zip)
for f in $(cd x && find . -name '*.pdf' | sort); do
	pages=$(pdfinfo "x/$f" 2>/dev/null | sed -n 's/^Pages: *//p')
	if [ -n "$pages" ] && [ "$pages" -ge 1 ]; then
		ok "$f opens in poppler ($pages pages)"
	else
		not_ok "$f opens in poppler"
	fi
	expect_in "株式会社まもり製作所" "$(pdftotext "x/$f" - 2>/dev/null)" \
		"$f: its Japanese text reads back"
done
expect_in "退職の翌日までに無効にする" "$(pdftotext x/documents/PR-01.pdf - 2>/dev/null)" \
	"the document's approved text is in its PDF"

soffice --headless "-env:UserInstallation=file://$T/lo-profile" \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' \
	--outdir "$T/lo" x/registers/asset-register.xlsx >/dev/null 2>&1
assets=$(cat "$T/lo/asset-register.csv" 2>/dev/null)
expect_in "顧客名簿" "$assets" "LibreOffice reads the asset register back"
expect_eq "$(echo "$assets" | tail -n +2 | grep -c .)" \
	"$(q "select count(*) from asset where deleted_at is null")" \
	"with a row per asset"

manifest=$(cat x/manifest.json)
expect_in '"format": "mamori-audit-pack"' "$manifest" "manifest.json names its format"
expect_in '"name": "株式会社まもり製作所"' "$manifest" "and the organisation"
expect_in '"schema_version"' "$manifest" "and the schema version"
expect_eq "$(python3 -c '
import json, hashlib, os
m = json.load(open("x/manifest.json"))
bad = [f["path"] for f in m["files"]
       if hashlib.sha256(open("x/" + f["path"], "rb").read()).hexdigest() != f["sha256"]
       or os.path.getsize("x/" + f["path"]) != f["size"]]
print(len(m["files"]), bad)')" "11 []" "every file's size and SHA-256 are as listed"
absent=$(python3 -c '
import json
for a in json.load(open("x/manifest.json"))["absent"]: print(a["item"], a["reason"])')
expect_in "handbook pack.absent_not_written" "$absent" "the missing handbook is listed as absent"
expect_in "soa pack.absent_soa_not_started" "$absent" "and the SoA not started"
index=$(cat x/manifest.txt)
expect_in "情報セキュリティハンドブック: まだ作成していません" "$index" \
	"manifest.txt says what is missing and why"
expect_in "documents/PR-01.pdf" "$index" "and lists the files"

expect_eq "$(q "select count(*) from audit_event where action = 'export.pack'")" 1 \
	"the pack is recorded in the audit trail"
expect_in "sha256: $sha" "$(q "select after from audit_event where action = 'export.pack'")" \
	"with its SHA-256"
m audit verify
expect_rc 0 "the audit chain still holds"

m --lang en export pack --output en.zip
expect_rc 0 "a pack in English"
expect_in "Handbook" "$(unzip -p en.zip manifest.txt)" "its index is in English"
m export pack --lang en --output en2.zip
expect_in '"language": "en"' "$(unzip -p en2.zip manifest.json)" "--lang sets the pack's language"

# --- verifying ---------------------------------------------------------------

m export verify pack.zip
expect_rc 0 "verify passes on the pack as made"
expect_in "$sha" "$out" "and prints its SHA-256"

# patch FILE MEMBER: flips one byte in the middle of MEMBER's stored data.
patch() {
	python3 - "$1" "$2" <<'EOF'
import sys, zipfile
path, name = sys.argv[1], sys.argv[2]
info = zipfile.ZipFile(path).getinfo(name)
data = bytearray(open(path, "rb").read())
head = info.header_offset
start = head + 30 + int.from_bytes(data[head + 26:head + 28], "little") \
    + int.from_bytes(data[head + 28:head + 30], "little")
data[start + info.compress_size // 2] ^= 0x20
open(path, "wb").write(data)
EOF
}

cp pack.zip flip.zip
patch flip.zip registers/risk-assessment-report.pdf
m export verify flip.zip
expect_rc 1 "a flipped byte fails verify"
expect_in "registers/risk-assessment-report.pdf" "$err" "naming the member"

# The same change with a CRC that matches: only the hash can tell.
python3 - <<'EOF'
import zipfile
src = zipfile.ZipFile("pack.zip")
with zipfile.ZipFile("edit.zip", "w") as dst:
    for info in src.infolist():
        data = src.read(info)
        if info.filename == "registers/checklist-status.xlsx":
            data = data[:-1] + bytes([data[-1] ^ 1])
        dst.writestr(info, data)
EOF
m export verify edit.zip
expect_rc 1 "a member rewritten with a valid CRC fails verify"
expect_in "registers/checklist-status.xlsx" "$err" "naming the member"
expect_in "SHA-256" "$err" "and saying its hash differs"

cp pack.zip less.zip
zip -q -d less.zip documents/PR-01.pdf
m export verify less.zip
expect_rc 1 "a removed member fails verify"
expect_in "documents/PR-01.pdf" "$err" "naming it"

cp pack.zip more.zip
echo "後から足したメモ" >note.txt
zip -q more.zip note.txt
m export verify more.zip
expect_rc 1 "an added member fails verify"
expect_in "note.txt" "$err" "naming it"

zip -q foreign.zip note.txt pr.md
m export verify foreign.zip
expect_rc 1 "a foreign ZIP fails verify"
expect_in "manifest.json" "$err" "saying it has no manifest"

m export verify note.txt
expect_rc 1 "a file that is no ZIP fails verify"
m export verify nothing.zip
expect_rc 1 "a missing file fails verify"

# --- refusals ----------------------------------------------------------------

m export pack
expect_rc 2 "export pack needs --output"
m export pack --output p.zip --lang fr
expect_rc 2 "an unknown language is refused"
m export pack --org 99 --output p99.zip
expect_rc 1 "an unknown organisation is refused"
expect_eq "$(ls p99.zip* 2>/dev/null)" "" "and nothing is written"
cp pack.zip keep.zip
m export pack --output no-such-dir/p.zip
expect_rc 1 "a folder that does not exist is refused"
m export
expect_rc 2 "export without a verb shows the usage"
m export verify
expect_rc 2 "verify without a file shows the usage"
m export --help
expect_rc 0 "export --help"
expect_in "mamori export verify" "$out" "the help names both verbs"
expect_eq "$(q "select count(*) from audit_event where action = 'export.pack'")" 3 \
	"a refused pack writes no audit event"

done_testing
