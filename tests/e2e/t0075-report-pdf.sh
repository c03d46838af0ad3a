#!/bin/sh
# Printable documents from the command line, read back by other programs:
# the basic policy, the handbook and the risk report as PDF (poppler:
# text, page size, fonts; pages kept as PNG in tests/e2e/artifacts/), the
# risk report as a workbook and as CSV (LibreOffice, iconv for Shift_JIS),
# and the refusals that leave no file behind.  About 15 s, most of it
# LibreOffice starting.
. "$(dirname "$0")/lib.sh"

ART="$MAMORI_SOURCE_ROOT/tests/e2e/artifacts"
mkdir -p "$ART"

for tool in pdftotext pdfinfo pdffonts pdftoppm soffice iconv sqlite3; do
	if command -v "$tool" >/dev/null 2>&1; then
		ok "$tool is installed"
	else
		not_ok "$tool is installed" "scripts/deps.sh test installs it"
	fi
done

m() {
	run --data d.db "$@"
}

# pdf_page FILE N: the text of page N.
pdf_page() {
	pdftotext -f "$2" -l "$2" "$1" - 2>/dev/null
}

# pages FILE: the page count.
pages() {
	pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'
}

# page_no FILE P NP NAME: page P's foot says "P / NP" (pdftotext may
# drop the thin spaces around the slash).
page_no() {
	if pdf_page "$1" "$2" | grep -Eq "^$2 ?/ ?$3\$"; then
		ok "$4"
	else
		not_ok "$4" "no line \"$2 / $3\" on page $2"
	fi
}

# no_bad_line_start FILE NAME: no line of the text starts with a
# character that Japanese typesetting keeps off the start of a line.
no_bad_line_start() {
	bad=$(pdftotext "$1" - 2>/dev/null |
		grep -E '^(。|、|，|．|）|」|』|】|ー|ッ|ャ|ュ|ョ|っ|ゃ|ゅ|ょ)' || true)
	expect_eq "$bad" "" "$2: no line starts with 。、）」ー or a small kana"
}

# fonts_embedded FILE NAME: every font embedded, and as a subset.
fonts_embedded() {
	fonts=$(pdffonts "$1" 2>/dev/null | tail -n +3)
	expect_in "NotoSansCJKjp" "$fonts" "$2: Noto Sans CJK JP is used"
	notsub=$(echo "$fonts" | awk '$0 != "" && !($(NF-4) == "yes" && $(NF-3) == "yes") { print }')
	expect_eq "$notsub" "" "$2: every font is embedded (emb yes) and subset (sub yes)"
}

"$MAMORI" --data d.db init --org "株式会社まもり製作所" --email boss@example.jp \
	--name "山田太郎" --sample </dev/null >/dev/null 2>&1
m policy generate --objective o01 --objective o02 --objective o03
expect_rc 0 "the policy is drafted"
m policy approve 1 --by boss@example.jp
expect_rc 0 "and approved"
m policy generate --handbook
expect_rc 0 "the handbook is drafted"

# --- the basic policy --------------------------------------------------------

m policy show --format pdf --output policy.pdf
expect_rc 0 "policy show --format pdf writes a file"
expect_in "policy.pdf" "$err" "and says where"
expect_eq "$(head -c 5 policy.pdf)" "%PDF-" "it is a PDF"
info=$(pdfinfo policy.pdf 2>/dev/null)
expect_in "A4" "$info" "the policy is on A4"
expect_in "595.276 x 841.89" "$info" "portrait"
np=$(pages policy.pdf)
text=$(pdftotext policy.pdf - 2>/dev/null)
expect_in "情報セキュリティ基本方針" "$text" "the Japanese title comes out intact"
expect_in "株式会社まもり製作所" "$text" "the organisation"
expect_in "承認" "$text" "the approval box"
expect_in "確認" "$text" "the check box"
expect_in "作成" "$text" "the preparer's box"
expect_in "山田太郎" "$text" "the approver's seal names the approver"
expect_in "社外秘" "$text" "a draft policy is labelled 社外秘"
expect_in "第1版" "$text" "the version"
for p in $(seq 1 "$np"); do
	page_no policy.pdf "$p" "$np" "policy page $p says $p / $np"
done
no_bad_line_start policy.pdf "policy"
fonts_embedded policy.pdf "policy"
size=$(wc -c <policy.pdf)
if [ "$size" -lt 2000000 ]; then
	ok "the policy stays small ($size bytes): fonts are subset"
else
	not_ok "the policy stays small" "$size bytes"
fi

m policy publish 1 --by boss@example.jp
m policy show --format pdf --output policy.pdf
expect_in "公開" "$(pdftotext policy.pdf - 2>/dev/null)" "a published policy is labelled 公開"
pdftoppm -r 60 -png policy.pdf "$ART/t0075-policy"

m policy show --format md
expect_rc 0 "the policy as Markdown"
expect_in "# 情報セキュリティ基本方針" "$out" "with its title"
expect_in "承認：山田太郎" "$out" "and its approval"
m policy show --format html
expect_in "<table class=\"seals\">" "$out" "the policy as HTML has the seal boxes"
expect_in "size: A4 portrait" "$out" "and prints on A4"

# --- the handbook: several pages of prose ----------------------------------

m policy show --handbook --format pdf --output handbook.pdf
expect_rc 0 "the handbook as PDF"
np=$(pages handbook.pdf)
if [ "$np" -ge 2 ]; then
	ok "the handbook runs over $np pages"
else
	not_ok "the handbook runs over pages" "$np"
fi
page_no handbook.pdf "$np" "$np" "its last page says $np / $np"
expect_in "社外秘" "$(pdf_page handbook.pdf "$np")" "and carries the classification"
no_bad_line_start handbook.pdf "handbook"
fonts_embedded handbook.pdf "handbook"
pdftoppm -r 60 -f 1 -l 2 -png handbook.pdf "$ART/t0075-handbook"

# --- the risk report ---------------------------------------------------------

m risk report --format pdf --output risk.pdf
expect_rc 0 "risk report --format pdf"
info=$(pdfinfo risk.pdf 2>/dev/null)
expect_in "841.89 x 595.276" "$info" "the risk report is A4 landscape"
np=$(pages risk.pdf)
if [ "$np" -ge 2 ]; then
	ok "the register spans $np pages"
else
	not_ok "the register spans pages" "$np"
fi
# The register's header row on every page it runs over (the last page
# also holds the plan, whose own header is checked separately).
for p in $(seq 1 "$np"); do
	page=$(pdf_page risk.pdf "$p")
	expect_in "起こり得る結果" "$page" "risk page $p repeats the register's header"
	page_no risk.pdf "$p" "$np" "risk page $p says $p / $np"
	expect_in "社外秘" "$page" "risk page $p carries the classification"
done
text=$(pdftotext risk.pdf - 2>/dev/null)
expect_in "リスクアセスメント報告書" "$text" "the title"
expect_in "リスクマップ" "$text" "the heat map"
expect_in "リスク対応計画" "$text" "the treatment plan"
expect_in "パスワードの決まりを作り" "$text" "a task of the plan"
no_bad_line_start risk.pdf "risk report"
fonts_embedded risk.pdf "risk report"
pdftoppm -r 60 -png risk.pdf "$ART/t0075-risk"

# --- the workbook and CSV, read back by LibreOffice -------------------------

m risk report --format xlsx --output risk.xlsx
expect_rc 0 "risk report --format xlsx"
m risk report --format csv --output risk.csv
expect_rc 0 "the register as CSV (UTF-8)"
expect_eq "$(head -c 3 risk.csv | od -An -tx1 | tr -d ' \n')" "efbbbf" "with a BOM"
m risk report --format csv --encoding cp932 --output risk-sjis.csv
expect_rc 0 "the register as CSV in Shift_JIS"
if iconv -f CP932 -t UTF-8 risk-sjis.csv >sjis.csv 2>/dev/null; then
	ok "the Shift_JIS file decodes as CP932"
else
	not_ok "the Shift_JIS file decodes as CP932"
fi
tail -c +4 risk.csv >utf8.csv
expect_eq "$(cksum <sjis.csv)" "$(cksum <utf8.csv)" "Shift_JIS and UTF-8 say the same"
# 優 (the header's first character) is 0x97 0x44 in Shift_JIS.
expect_eq "$(head -c 2 risk-sjis.csv | od -An -tx1 | tr -d ' \n')" "9744" \
	"the Shift_JIS file starts with its header, without a BOM"

# Every sheet to its own CSV (the last option, -1), cells as shown.
soffice --headless "-env:UserInstallation=file://$T/lo-profile" \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
	--outdir "$T/lo" risk.xlsx >/dev/null 2>&1
cover=$(cat "$T/lo/risk-表紙.csv" 2>/dev/null)
expect_in "リスクアセスメント報告書" "$cover" "LibreOffice opens the cover sheet"
expect_in "組織,株式会社まもり製作所" "$cover" "with the organisation"
expect_in "リスク一覧" "$cover" "and lists the sheets"
tr -d '\r' <utf8.csv >utf8-lf.csv
tr -d '\r' <"$T/lo/risk-リスク一覧.csv" >lo-risks.csv 2>/dev/null
expect_eq "$(cksum <lo-risks.csv)" "$(cksum <utf8-lf.csv)" \
	"the workbook's register reads back as the CSV does"
plan=$(cat "$T/lo/risk-対応計画.csv" 2>/dev/null)
expect_in "管理策,作業内容,担当者,開始予定日" "$plan" "the plan sheet has its header"
expect_in "5.17,パスワードの決まりを作り、全員に周知する,鈴木 一郎,2026-" "$plan" \
	"and its tasks, dates as dates"

# --- refusals ----------------------------------------------------------------

# A character Shift_JIS lacks: refused, naming row and column, no file.
sqlite3 d.db "update asset set name = '𠮷野家の名簿' where id = (select asset_id from risk order by id limit 1)"
m risk report --format csv --encoding cp932 --output bad.csv
expect_rc 1 "a character Shift_JIS lacks is refused"
expect_in "情報資産" "$err" "naming the column"
expect_in "𠮷" "$err" "and the character"
expect_in "行目" "$err" "and the row"
expect_eq "$(ls bad.csv* 2>/dev/null)" "" "and no file is left behind"
m policy show --format pdf
expect_rc 2 "a PDF needs --output"
m policy show --format xlsx --output x.xlsx
expect_rc 2 "the policy has no workbook form"
expect_eq "$(ls x.xlsx* 2>/dev/null)" "" "nothing written"
m risk report --encoding latin1 --format csv --output x.csv
expect_rc 2 "an unknown encoding is refused"
m risk report --format pdf --output /nonexistent/dir/r.pdf
expect_rc 1 "an unwritable place is an input error"
expect_in "/nonexistent/dir/r.pdf" "$err" "naming the file"

done_testing
