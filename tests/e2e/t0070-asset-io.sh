#!/bin/sh
# The asset register in and out of files: CSV (UTF-8 with a BOM, Shift_JIS,
# the IPA sheet with title rows and its two-row header) and Excel
# workbooks.  A file with any problem is refused whole with every problem
# listed and nothing written; exports open in LibreOffice as they should;
# export, import into a fresh data file and export again gives the same
# bytes.
. "$(dirname "$0")/lib.sh"

q() {
	sqlite3 "$1" "$2"
}

"$MAMORI" --data d.db init --org "台帳テスト" --email boss@example.jp >/dev/null

# --- good files ---------------------------------------------------------

# Excel's "CSV UTF-8": a BOM, CRLF, a quoted cell over two lines.
printf '\357\273\277業務分類,情報資産名称,備考,利用者範囲,管理部署,媒体・保存先,個人情報,要配慮個人情報,マイナンバー,機密性,完全性,可用性,重要度,保存期限,登録日\r\n人事,社員名簿,"住所と\r\n電話番号",人事部,総務部,事務所PC,有,,,２,0,0,2,5年,2024/4/1\r\n営業,顧客リスト,,営業部,営業部,社内サーバー,○,,,2,2,1,,,\r\n' >bom.csv
run --data d.db asset import bom.csv
expect_rc 0 "a UTF-8 file with a BOM is imported"
expect_in "2 件を取り込みました" "$out" "and says how many"
expect_in "CSV（UTF-8）" "$out" "and what it read"
expect_in "IPA の方法" "$out" "and which method rates the assets"
expect_eq "$(q d.db "select count(*) from asset")" 2 "two assets in the data file"
expect_eq "$(q d.db "select c || i || a || importance || '|' || medium || '|' || personal || '|' || registered_on || '|' || replace(notes, char(10), '/') from asset where name = '社員名簿'")" \
	"2002|office_pc|1|2024-04-01|住所と/電話番号" \
	"full-width digits, media, marks, dates and line breaks are normalised"
expect_eq "$(q d.db "select count(*) from audit_event where action = 'asset.import'")" 2 \
	"one audit event per asset"

# What Excel on Japanese Windows saves as "CSV": Shift_JIS, with the
# IPA sheet's title rows and its header over two rows.
printf 'リスク分析シート　情報資産管理台帳\n作成：総務部\n\n業務分類,情報資産名称,備考,利用者範囲,管理部署,媒体・保存先,個人情報の種類,,,評価値,,,重要度,保存期限,登録日\n,,,,,,個人情報,要配慮個人情報,マイナンバー,機密性,完全性,可用性,,,\n総務,契約書①,,全社,総務部,書類,,,,1,1,0,1,10年,2023/4/1\n人事,健康診断結果,,人事部,総務部,書類,有,有,,2,1,1,2,5年,2023/4/1\n' |
	iconv -f UTF-8 -t CP932 >sjis.csv
run --data d.db asset import sjis.csv
expect_rc 0 "a Shift_JIS file with title rows is imported"
expect_in "CSV（Shift_JIS）、見出しは 4 行目" "$out" "the header found below the titles"
expect_eq "$(q d.db "select personal || '|' || c || i || a from asset where name = '健康診断結果'")" \
	"3|211" "the two-row header's columns are read"
expect_eq "$(q d.db "select count(*) from asset where name = '契約書①'")" 1 \
	"Windows characters survive Shift_JIS"

# --- bad files: every problem named, nothing written --------------------

printf '情報資産名称,媒体・保存先,機密性,完全性,可用性,個人情報,登録日\n見積書,書類,3,1,1,,\n,書類,1,1,1,,\n請求書,,1,,1,たぶん,2024/2/30\n' >bad.csv
before=$(q d.db "select count(*) from asset")
run --data d.db asset import bad.csv
expect_rc 1 "a file with problems is refused"
expect_in "2 行目・「機密性」の列（値：3）" "$err" "an IPA rating of 3 is named with row, column and value"
expect_in "0〜2" "$err" "with the scale"
expect_in "3 行目・「情報資産名称」の列" "$err" "a missing name"
expect_in "4 行目・「媒体・保存先」の列" "$err" "a missing medium"
expect_in "4 行目・「個人情報」の列（値：たぶん）" "$err" "a mark that is no mark"
expect_in "4 行目・「登録日」の列（値：2024/2/30）" "$err" "a date that does not exist"
expect_in "4 行目・「完全性」の列" "$err" "half a rating"
expect_in "問題が 6 件あるため、何も取り込んでいません" "$err" "every problem, then the verdict"
expect_eq "$(q d.db "select count(*) from asset")" "$before" "nothing written"
run --data d.db --lang en asset import bad.csv
expect_in "Row 2, column '機密性' (value: 3)" "$err" "the problems in English too"

printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >picture.csv
run --data d.db asset import picture.csv
expect_rc 1 "a picture is refused"
expect_in "CSV ファイルでも Excel ブック（.xlsx）でもありません" "$err" "as neither CSV nor a workbook"
printf 'メモ\n今日の予定\n' >notes.csv
run --data d.db asset import notes.csv
expect_rc 1 "a text without a register's header is refused"
expect_in "見出しの行が見つかりません" "$err" "saying the header is missing"
run --data d.db asset import missing.csv
expect_rc 1 "a missing file"
expect_in "missing.csv" "$err" "is named"
expect_eq "$(q d.db "select count(*) from asset")" "$before" "still nothing written"

run --data d.db asset import --dry-run bom.csv
expect_rc 0 "a dry run"
expect_in "確認のみ：2 件" "$out" "checks"
expect_eq "$(q d.db "select count(*) from asset")" "$before" "and writes nothing"

# --- export -------------------------------------------------------------

q d.db "update asset set notes = '=HYPERLINK(\"http://example.com\")' where name = '契約書①'"
run --data d.db asset export
expect_rc 0 "CSV to standard output"
expect_eq "$(head -c 3 .out | od -An -tx1 | tr -d ' \n')" "efbbbf" "starts with a BOM for Excel"
expect_in "ID,業務分類,情報資産名称" "$out" "with the full layout's header"
expect_in "1,人事,社員名簿,\"住所と
電話番号\",人事部,,総務部,事務所PC,有,,,2,0,0,2,5年,2024-04-01," "$out" \
	"a row as Excel shows it"
expect_in "\"'=HYPERLINK" "$out" "a formula-like cell is neutralised"
run --data d.db --lang en asset export --layout ipa
expect_in "Business category,Asset name" "$out" "the IPA layout in English"
expect_in "in-house server,yes" "$out" "media and marks in English"

run --data d.db asset export --format xlsx
expect_rc 2 "a workbook needs --output"
run --data d.db asset export --output reg.xlsx
expect_rc 0 "a workbook written"
expect_in "4 件を reg.xlsx に書き出しました" "$err" "and reported"
expect_eq "$(ls reg.xlsx.* 2>/dev/null | wc -l)" 0 "no temporary file left behind"

# LibreOffice reads the workbook: text as text, numbers as numbers.
soffice --headless "-env:UserInstallation=file://$T/lo-profile" \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' \
	--outdir "$T/lo" reg.xlsx >/dev/null 2>&1
lo=$(cat "$T/lo/reg.csv" 2>/dev/null)
expect_in '"ID","業務分類","情報資産名称"' "$lo" "LibreOffice opens it: the header"
expect_in '1,"人事","社員名簿","住所と
電話番号","人事部",,"総務部","事務所PC","有",,,2,0,0,2,"5年","2024-04-01",' "$lo" \
	"cells read back, ratings as numbers"
expect_in '"=HYPERLINK(""http://example.com"")"' "$lo" "a formula-like text stays text"

# --- round trips --------------------------------------------------------

"$MAMORI" --data d.db asset export >first.csv
"$MAMORI" --data fresh.db init --org "移行先" --email boss@example.jp >/dev/null
run --data fresh.db asset import first.csv
expect_rc 0 "the export imports into a fresh data file"
"$MAMORI" --data fresh.db asset export >second.csv
if cmp -s first.csv second.csv; then
	ok "export, import, export: the same bytes"
else
	not_ok "export, import, export: the same bytes" "$(diff first.csv second.csv | head -5)"
fi

# The workbook back into its own data file: the same assets, unchanged.
run --data d.db asset import reg.xlsx
expect_rc 0 "our workbook imports"
expect_in "Excel ブックのシート「情報資産管理台帳」" "$out" "from its sheet"
expect_in "追加 0 件、更新 0 件、変更なし 4 件" "$out" "IDs find their assets, nothing changed"

# Edited in a spreadsheet and imported: the row with the ID is updated.
sed 's/^2,営業,顧客リスト,,営業部,/2,営業,顧客リスト（全社）,,営業部,/' first.csv >edited.csv
run --data d.db asset import edited.csv
expect_in "追加 0 件、更新 1 件、変更なし 3 件" "$out" "one asset updated"
expect_eq "$(q d.db "select name from asset where id = 2")" "顧客リスト（全社）" "with its new name"
expect_eq "$(q d.db "select count(*) from asset")" 4 "and no asset added"
run --data d.db audit verify
expect_rc 0 "the audit trail holds"

# A register written in English reads back in English.
"$MAMORI" --data d.db --lang en asset export >english.csv
"$MAMORI" --data en.db init --org "英語" --email boss@example.jp >/dev/null
run --data en.db asset import english.csv
expect_rc 0 "English headers and media import"
expect_eq "$(q en.db "select group_concat(medium, ' ') from asset")" \
	"office_pc server paper paper" "media back to their keys"

# --- usage --------------------------------------------------------------

run --data d.db asset import --help
expect_rc 0 "help"
expect_in "mamori asset import" "$out" "for import"
run --data d.db asset export --layout auto
expect_rc 2 "export has no auto layout"
run --data d.db asset import
expect_rc 2 "import needs a file"
run --data d.db asset import --progress first.csv
expect_in "取り込み中… 4 / 4 件（100%）" "$err" "progress on request"

done_testing
