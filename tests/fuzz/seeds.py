#!/usr/bin/env python3
"""seeds.py: writes the starting corpus of the file-reading fuzz targets.

Usage: tests/fuzz/seeds.py MAMORI_BINARY [CORPUS_DIR]

The corpora of form, router, api, pages and http were written by hand and
grown by the fuzzer; those of csv, xlsx, ledger, markdown, catalog and
answers start from what this script makes: real exports of the demo
organisation (so every reader starts from files it is meant to read),
Shift_JIS and tab-separated variants, workbooks taken apart into the
"@@@ part" lists fuzz_xlsx.c reassembles, the built-in catalogue files,
and a few hostile inputs of each kind.  Files are named by the hash of
their bytes, as libFuzzer names what it keeps, so running it again adds
nothing twice.  Nothing in the test suite runs it.
"""
import csv
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def put(corpus, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(corpus, name)
    os.makedirs(d, exist_ok=True)
    h = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, "seed-" + h), "wb") as f:
        f.write(data)


def exports(mamori, tmp):
    db = os.path.join(tmp, "d.db")
    run = lambda *a: subprocess.run([mamori, "--data", db] + list(a),
                                    check=True, capture_output=True)
    run("init", "--org", "シード", "--email", "s@example.jp", "--sample")
    out = {}
    for lang in ("ja", "en"):
        for layout in ("full", "ipa"):
            csv = run("--lang", lang, "asset", "export", "--layout",
                      layout).stdout
            out["%s-%s.csv" % (lang, layout)] = csv
            path = os.path.join(tmp, "%s-%s.xlsx" % (lang, layout))
            run("--lang", lang, "asset", "export", "--layout", layout,
                "--output", path)
            with open(path, "rb") as f:
                out["%s-%s.xlsx" % (lang, layout)] = f.read()
    return out


def parts_of(book, keep=None):
    """A workbook as fuzz_xlsx.c's text form: "@@@ name" and the bytes."""
    z = zipfile.ZipFile(io.BytesIO(book))
    chunks = []
    for info in z.infolist():
        if keep and info.filename not in keep:
            continue
        chunks.append(b"@@@ " + info.filename.encode() + b"\n" +
                      z.read(info.filename))
    return b"\n".join(chunks)


SMALL_BOOK = {
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas'
    '.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships'
    '/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
    'name="台帳" sheetId="1" r:id="rId1"/><sheet name="Other" sheetId="2" '
    'r:id="rId2"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns='
    '"http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/'
    'sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="/xl/worksheets/sheet2.xml"/></Relationships>',
    "xl/styles.xml": '<?xml version="1.0"?><styleSheet xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt '
    'numFmtId="164" formatCode="yyyy/mm/dd"/></numFmts><cellXfs count="3">'
    '<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>'
    '</styleSheet>',
    "xl/sharedStrings.xml": '<?xml version="1.0"?><sst xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main"><si><t>情報資産名称</t></si>'
    '<si><r><t>顧客</t></r><r><t xml:space="preserve"> 名簿</t></r></si>'
    '<si><t>機密性</t></si><si><t>=cmd|\' /C calc\'!A0</t></si></sst>',
    "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns="http:'
    '//schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c>'
    '</row><row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="inlineStr">'
    '<is><t>&lt;script&gt;x</t></is></c><c r="C3"><v>2</v></c><c r="D3" '
    's="1"><v>45383</v></c><c r="E3" s="2"><v>45383.5</v></c><c r="F3" '
    't="b"><v>1</v></c><c r="G3" t="str"><f>A1</f><v>x</v></c><c r="H3" '
    't="e"><v>#N/A</v></c><c r="XFD3" t="s"><v>3</v></c></row>'
    '</sheetData></worksheet>',
    "xl/worksheets/sheet2.xml": '<?xml version="1.0"?><worksheet xmlns="http:'
    '//schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row>'
    '<c><v>1</v></c><c t="inlineStr"><is><t>二枚目</t></is></c></row>'
    '</sheetData></worksheet>',
}


def small_book(extra=b""):
    return b"\n".join(b"@@@ " + k.encode() + b"\n" + v.encode()
                      for k, v in SMALL_BOOK.items()) + extra


CSV_HOSTILE = [
    "名称,機密性\n\"改行\nを含む\",2\n\"閉じない,1\n",
    "\ufeffa\tb\tc\n1\t2\t3\n\"x\"\"y\"\t\t\n",
    "=cmd|' /C calc'!A0,@SUM(1),+1,-1\n",
    ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n",
    "a\r\nb\rc\n\n\n",
    "\"\",\"\"\"\"\n",
]

MARKDOWN = [
    "# 情報セキュリティ基本方針\n\n{company}は、**お客様**の情報を守ります。\n\n"
    "1. 法令を守る\n2. 教育する\n\n- [リンク](https://example.jp)\n",
    "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n",
    "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) "
    "[z](&#106;avascript:alert(1))\n![i](data:text/html;base64,PHNjcmlwdD4=)\n",
    "<a href=\"javascript:x\">a</a> <svg onload=alert(1)>\n",
    "| 列 | 値 |\n|---|---|\n| a | `code` |\n\n```html\n<script>\n```\n",
    "> 引用\n> > 入れ子\n\n***\n\n[ref]: http://example.jp \"t\"\n[ref]\n",
    "*" * 200 + "\n" + "[" * 200 + "\n",
    "テキスト<!-- コメント -->\n\n&lt;b&gt; &amp; &#0; &#x110000;\n",
]

ANSWERS = [
    '{"answers": {"1": 4, "2": 2, "3": 0, "4": -1}, "notes": {"3": "未実施"},'
    ' "unit": "本社"}',
    '{"answers": [4, 2, 0, -1, 4, 2, 0, -1, 4, 2, 0, -1, 4, 2, 0, -1, 4, 2, 0,'
    ' -1, 4, 2, 0, -1, 4]}',
    '{"answers": {"0": 4, "26": 2, "x": 1, "1": 3, "2": "4"}}',
    '{"answers": {"1": 4}, "notes": {"1": "' + "あ" * 1001 + '"}}',
    '[1, 2]',
    '{"unit": 5}',
    "設問,回答,メモ\n1,4,\n２,２,全角\n3,0,\"改行\nあり\"\n25,-1,\n",
    "\ufeffitem,answer,note\n1,4\n1,2\n26,4\n",
    "1,5\n",
]


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: seeds.py MAMORI_BINARY [CORPUS_DIR]")
    mamori = os.path.abspath(sys.argv[1])
    corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE,
                                                                "corpus")
    with tempfile.TemporaryDirectory() as tmp:
        ex = exports(mamori, tmp)

    # csv: the exports as they are, in Shift_JIS, tab separated, no BOM.
    for name, data in ex.items():
        if not name.endswith(".csv"):
            continue
        text = data.decode("utf-8-sig")
        put(corpus, "csv", data)
        put(corpus, "csv", text.encode("cp932", errors="replace"))
        # Tab separated with every cell quoted: the quotes also keep the
        # header from reading as one run of text to seed-overlap.
        tabbed = io.StringIO()
        csv.writer(tabbed, delimiter="\t", quoting=csv.QUOTE_ALL,
                   lineterminator="\n").writerows(
            csv.reader(io.StringIO(text)))
        put(corpus, "csv", tabbed.getvalue().encode())
        # The ledger target: its first byte picks the layout and language.
        flags = (1 if "full" in name else 0) | (8 if "en" in name else 0)
        put(corpus, "ledger", bytes([flags]) + data)
        put(corpus, "ledger", bytes([flags | 2 | 4]) +
            text.encode("cp932", errors="replace"))
        put(corpus, "ledger", bytes([flags | 16]) + data)
    for text in CSV_HOSTILE:
        put(corpus, "csv", text)
        put(corpus, "ledger", b"\x02" + text.encode())
    put(corpus, "csv", b"\x82\xa0\x82\xa2,\x83\x65\n\x81\n")  # bad Shift_JIS
    put(corpus, "csv", b"\xef\xbb\xbf\xff\xfe,x\n")

    # xlsx: the real workbooks, whole and as part lists, and a small
    # hand-made one with shared, inline, rich and date cells.
    for name, data in ex.items():
        if not name.endswith(".xlsx"):
            continue
        put(corpus, "xlsx", data)
        put(corpus, "xlsx", parts_of(data, keep={
            "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/workbook.xml",
            "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
            "xl/styles.xml"}))
        flags = (1 if "full" in name else 0) | (8 if "en" in name else 0)
        put(corpus, "ledger", bytes([flags]) + data)
    put(corpus, "xlsx", small_book())
    put(corpus, "xlsx", small_book(b"\n@@@ sheet:Other\n"))
    put(corpus, "xlsx", small_book("\n@@@ sheet:無い\n".encode()))
    put(corpus, "xlsx", b"@@@ xl/workbook.xml\n<workbook><sheets><sheet "
        b"name=\"a\" r:id=\"x\"/></sheets></workbook>")
    put(corpus, "xlsx", b"PK\x03\x04" + b"\0" * 26)

    # markdown
    with open(os.path.join(ROOT, "docs", "ARCHITECTURE.md"), "rb") as f:
        put(corpus, "markdown", f.read()[:3000])
    for text in MARKDOWN:
        put(corpus, "markdown", text)

    # catalog: every built-in file as the replacement of itself (large
    # ones cut to their first lines), and a few broken tables.
    for sub in ("catalog", "templates"):
        for fn in sorted(os.listdir(os.path.join(ROOT, "data", sub))):
            if not fn.endswith(".tsv"):
                continue
            with open(os.path.join(ROOT, "data", sub, fn), "rb") as f:
                lines = f.read().split(b"\n")
            body = b"\n".join(lines[:40]) + b"\n"
            put(corpus, "catalog", ("%s/%s\n" % (sub, fn)).encode() + body)
    put(corpus, "catalog", "catalog/threats.tsv\nid\tja\n1\tx\textra\n")
    put(corpus, "catalog", "other.tsv\n# c\nkey\tja\ten\na\tあ\n\tb\t\n")
    put(corpus, "catalog", b"other.tsv\nkey\tja\ten\r\na\t\xe3\x81\tb\n")

    # answers
    for text in ANSWERS:
        put(corpus, "answers", text)


if __name__ == "__main__":
    main()
