#!/usr/bin/env python3
"""Importing and exporting the register from the web page: a file with
mistakes shows every problem (row, column, value, why) and writes nothing;
a Shift_JIS file from Excel with the IPA sheet's title rows is previewed,
then imported by a job whose progress the page shows; the register comes
out as CSV and as a workbook that goes back in unchanged."""
import io
import os
import re
import sqlite3
import sys
import time
import uuid
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

tap = Tap()
srv = Server(org="株式会社取り込み")


def upload(c, name, data, **fields):
    """Posts the import form as a browser does: multipart/form-data."""
    boundary = uuid.uuid4().hex
    parts = []
    fields = {"csrf": c.csrf("/assets/import"), **fields}
    for k, v in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; '
                     f'name="{k}"\r\n\r\n{v}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; '
                 f'name="file"; filename="{name}"\r\nContent-Type: '
                 'application/octet-stream\r\n\r\n'.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return c.request("POST", "/assets/import", body=b"".join(parts), raw=True,
                     headers={"Content-Type":
                              f"multipart/form-data; boundary={boundary}"})


def count(sql):
    return db.execute(sql).fetchone()[0]


try:
    c = srv.client()
    c.login(srv.admin, srv.password)
    c.setup_mfa()
    db = sqlite3.connect(srv.data)

    page = c.get("/assets/import")
    tap.eq(page.status, 200, "the import page opens")
    tap.ok('enctype="multipart/form-data"' in page.text, "with a file form")

    header = "業務分類,情報資産名称,備考,利用者範囲,管理部署,媒体・保存先,個人情報," \
             "要配慮個人情報,マイナンバー,機密性,完全性,可用性,重要度,保存期限,登録日\r\n"
    bad = (header +
           "営業,顧客名簿,,営業,営業部,社内サーバー,有,,,3,2,1,,5年,2026/4/1\r\n"
           "総務,,,,総務部,書類,,,,0,1,0,,,2026/4/1\r\n"
           "総務,給与台帳,,,総務部,フロッピー,,,,2,2,x,,,2026/13/1\r\n")
    r = upload(c, "bad.csv", bad.encode("utf-8-sig"))
    tap.eq(r.status, 400, "a file with mistakes is refused")
    tap.ok("件の問題が見つかりました" in r.text, "with the number of problems")
    for row, what in [("2", "<td>3</td>"), ("3", "情報資産名称"),
                      ("4", "<td>x</td>"), ("4", "2026/13/1")]:
        tap.ok(re.search(rf'<td class="num">{row}</td>.*?{re.escape(what)}', r.text,
                         re.S) is not None, f"row {row} names {what}")
    tap.eq(count("select count(*) from asset"), 0, "nothing was written")
    tap.eq(count("select count(*) from import_batch"), 0, "nor kept")

    r = upload(c, "picture.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    tap.eq(r.status, 400, "a picture is refused")
    r = upload(c, "empty.csv", b"")
    tap.eq(r.status, 400, "an empty upload is refused")

    # The IPA sheet saved as CSV on Japanese Windows: Shift_JIS, title rows
    # above a two-row header.
    rows = ["情報資産管理台帳,,,,,,,,,,,,,,",
            "株式会社取り込み,,,,,,,,,,,,,,",
            "業務分類,情報資産名称,備考,利用者範囲,管理部署,媒体・保存先,"
            "個人情報の種類,,,評価値,,,重要度,保存期限,登録日",
            ",,,,,,個人情報,要配慮個人情報,マイナンバー,機密性,完全性,可用性,,,"]
    for n in range(300):
        rows.append(f"営業,顧客台帳{n:03d},,営業部員,営業部,事務所PC,有,,,"
                    f"{n % 3},1,0,,５年,2026/4/1")
    sjis = ("\r\n".join(rows) + "\r\n").encode("cp932")
    r = upload(c, "台帳.csv", sjis)
    tap.eq(r.status, 200, "the IPA ledger in Shift_JIS is read")
    tap.ok("Shift_JIS" in r.text and "見出しは 3 行目" in r.text,
           "the page says how it was read")
    tap.ok("300 件を登録できます" in r.text, "all 300 rows are ready")
    tap.eq(count("select count(*) from asset"), 0, "nothing is written before the click")
    batch = int(re.search(r'action="/assets/import/(\d+)"', r.text).group(1))

    r = c.post(f"/assets/import/{batch}", {"csrf": c.csrf("/assets/import")})
    tap.eq(r.status, 303, "the import starts")
    for _ in range(100):
        page = c.get(f"/assets/import/{batch}")
        if "取り込み中" not in page.text:
            break
        time.sleep(0.1)
    tap.ok("取り込みました" in page.text and "300 / 0 / 0" in page.text,
           "and ends: 300 added")
    tap.eq(count("select count(*) from asset"), 300, "300 assets")
    tap.eq(count("select count(*) from audit_event where action = 'asset.import'"), 300,
           "each with its audit event")
    tap.eq(count("select data from import_batch"), "", "the file is not kept")
    r = c.post(f"/assets/import/{batch}", {"csrf": c.csrf("/assets/import")})
    tap.eq(count("select count(*) from asset"), 300, "a second click imports nothing twice")

    # Export, and the workbook back in: nothing changes.
    csv = c.get("/assets/export.csv?layout=ipa")
    tap.eq(csv.status, 200, "the register exports as CSV")
    tap.ok(csv.body.startswith(b"\xef\xbb\xbf") and "顧客台帳299" in csv.text,
           "with a BOM for Excel")
    tap.ok("attachment" in (csv.header("Content-Disposition") or ""), "as a download")
    x = c.get("/assets/export.xlsx")
    tap.eq(x.status, 200, "and as a workbook")
    book = zipfile.ZipFile(io.BytesIO(x.body))
    tap.ok("xl/worksheets/sheet1.xml" in book.namelist(), "a real xlsx")
    r = upload(c, "register.xlsx", x.body)
    tap.eq(r.status, 200, "the exported workbook is read back")
    batch = int(re.search(r'action="/assets/import/(\d+)"', r.text).group(1))
    c.post(f"/assets/import/{batch}", {"csrf": c.csrf("/assets/import")})
    for _ in range(100):
        page = c.get(f"/assets/import/{batch}")
        if "取り込み中" not in page.text:
            break
        time.sleep(0.1)
    tap.ok("0 / 0 / 300" in page.text, "and changes nothing: 300 unchanged")
    tap.eq(count("select count(*) from asset"), 300, "still 300 assets")

    # Another organisation's batch is not found.
    c.post("/orgs", {"csrf": c.csrf("/orgs"), "name": "別会社"})
    b = count("select id from organisation where name = '別会社'")
    c.post("/orgs/switch", {"csrf": c.csrf("/orgs"), "org": str(b)})
    tap.eq(c.get(f"/assets/import/{batch}").status, 404,
           "another organisation's import is not found")
    tap.eq(srv.cli("audit", "verify").returncode, 0, "the audit chain holds")
finally:
    srv.stop()
tap.done()
