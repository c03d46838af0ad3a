#!/usr/bin/env python3
"""The printable documents as PDF downloads from the web: the basic policy
and the handbook (/policy/export.pdf, /handbook/export.pdf) and the risk
assessment report (/risks/report.pdf), who may fetch them, what they say
(read back with poppler's pdftotext and pdfinfo), Japanese line breaking
on text written to provoke bad breaks, and the links on the pages.  About
20 s under the sanitizers."""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

tap = Tap()
srv = Server(org="株式会社報告書テスト")
tmp = tempfile.mkdtemp(prefix="mamori-report-")

# Characters Japanese typesetting keeps off the start of a line.
NO_START = "。、，．）」』】ーッャュョっゃゅょ"


def pdf_text(data, *args):
    path = os.path.join(tmp, "doc.pdf")
    with open(path, "wb") as f:
        f.write(data)
    r = subprocess.run(["pdftotext", *args, path, "-"], capture_output=True)
    return r.stdout.decode("utf-8", "replace")


def pdf_info(data):
    path = os.path.join(tmp, "info.pdf")
    with open(path, "wb") as f:
        f.write(data)
    r = subprocess.run(["pdfinfo", path], capture_output=True)
    return r.stdout.decode("utf-8", "replace")


def pages(data):
    m = re.search(r"^Pages:\s+(\d+)", pdf_info(data), re.M)
    return int(m.group(1)) if m else 0


def is_pdf(r, name, base):
    tap.eq(r.status, 200, f"{name}: 200")
    tap.eq(r.header("Content-Type"), "application/pdf", f"{name}: a PDF")
    tap.ok(r.body.startswith(b"%PDF-"), f"{name}: the body is a PDF")
    disp = r.header("Content-Disposition") or ""
    tap.ok(re.fullmatch(rf'attachment; filename="{base}-\d{{4}}-\d\d-\d\d\.pdf"', disp)
           is not None, f"{name}: downloaded as {base}-DATE.pdf", disp)


try:
    c = srv.client()
    c.login(srv.admin, srv.password)
    c.setup_mfa()
    pw = "a long enough passphrase for tests"
    for email, role in [("staff@example.jp", "employee"),
                        ("auditor@example.jp", "auditor")]:
        args = ["user", "add", email, "--role", role, "--password-stdin"]
        if role == "auditor":
            args += ["--expires", "2099-12-31"]
        srv.cli(*args, stdin=pw + "\n")
    staff = srv.client()
    tap.eq(staff.login("staff@example.jp", pw).status, 303, "an employee logs in")
    auditor = srv.client()
    tap.eq(auditor.login("auditor@example.jp", pw).status, 303, "an auditor logs in")

    # --- the policy ---------------------------------------------------------
    tap.eq(c.get("/policy/export.pdf").status, 404, "no policy yet: 404")
    r = c.post("/policy/generate", [("csrf", c.csrf("/policy")),
                                    ("objective", "o01"), ("objective", "o02")])
    tap.eq(r.status, 303, "a policy is drafted")
    page = c.get("/policy")
    tap.ok('href="/policy/export.pdf"' in page.text, "the policy page links its PDF")
    r = c.get("/policy/export.pdf")
    is_pdf(r, "the policy", "policy")
    text = pdf_text(r.body)
    tap.ok("情報セキュリティ基本方針" in text, "the title, in Japanese, intact")
    tap.ok("株式会社報告書テスト" in text, "the organisation")
    tap.ok("社外秘" in text, "a draft is labelled 社外秘")
    tap.ok("595.276 x 841.89" in pdf_info(r.body), "A4 portrait")

    # A text written so that breaking at any character would start lines
    # with ー, ッ, 、 or 。 at one width or another.
    units = ["カッター、", "ショップ。", "コーヒーッ", "（注）「ー」", "ちょっと、"]
    body = "# 基本方針\n\n" + "\n\n".join(u * 40 for u in units) + "\n"
    obj = "o01 o02"
    r = c.post("/policy", {"csrf": c.csrf("/policy"), "body": body, "objectives": obj})
    tap.eq(r.status, 303, "a text that invites bad line breaks is saved")
    r = c.get("/policy/export.pdf")
    tap.eq(r.status, 200, "and exported")
    lines = [ln for ln in pdf_text(r.body).splitlines() if ln.strip()]
    wrapped = [ln for ln in lines if "カッター" in ln or "ショップ" in ln]
    tap.ok(len(wrapped) >= 6, "the paragraphs wrap over several lines", len(wrapped))
    bad = [ln for ln in lines if ln[0] in NO_START]
    tap.eq(bad, [], "no line starts with a character kept off the start of a line")
    bad = [ln for ln in lines if ln[-1] in "（「『【"]
    tap.eq(bad, [], "no line ends with an opening bracket")

    r = c.post("/policy/approve", {"csrf": c.csrf("/policy"), "version": "2"})
    tap.eq(r.status, 303, "the executive approves")
    text = pdf_text(c.get("/policy/export.pdf").body)
    tap.ok("承認：管理者（" in text, "the approval names the approver (display name) and date",
           text[:400])
    tap.ok(re.search(r"\d{4}\.\d\d\.\d\d", text) is not None,
           "the approval seal carries the date")

    # --- the handbook -------------------------------------------------------
    tap.eq(c.get("/handbook/export.pdf").status, 404, "no handbook yet: 404")
    r = c.post("/handbook/generate", {"csrf": c.csrf("/handbook")})
    tap.eq(r.status, 303, "the handbook is drafted")
    tap.ok('href="/handbook/export.pdf"' in c.get("/handbook").text,
           "the handbook page links its PDF")
    r = c.get("/handbook/export.pdf")
    is_pdf(r, "the handbook", "handbook")
    n = pages(r.body)
    tap.ok(n >= 2, f"the handbook runs over {n} pages")
    last = pdf_text(r.body, "-f", str(n), "-l", str(n))
    tap.ok(re.search(rf"^{n} ?/ ?{n}$", last, re.M) is not None,
           f"its last page says {n} / {n}", last[-200:])

    # --- who may fetch them -------------------------------------------------
    tap.eq(staff.get("/policy/export.pdf").status, 403,
           "an employee may not fetch the policy PDF (PERM_VIEW)")
    tap.eq(staff.get("/handbook/export.pdf").status, 200,
           "but may fetch the handbook (PERM_MEMBER)")
    tap.eq(staff.get("/risks/report.pdf").status, 403,
           "nor the risk report")
    tap.eq(auditor.get("/policy/export.pdf").status, 200, "an auditor may")
    logged_out = srv.client()
    r = logged_out.get("/risks/report.pdf")
    tap.eq(r.status, 303, "without a session: to the login")

    # --- the risk report ----------------------------------------------------
    tap.eq(c.get("/risks/report.pdf").status, 409,
           "before a method is chosen there is no report")
    srv.cli("risk", "method", "ipa")
    for i in range(8):
        srv.cli("asset", "add", f"顧客名簿{i + 1}", "--medium", "paper",
                "--personal", "personal", "--c", "2", "--i", "1", "--a", "1")
        srv.cli("risk", "suggest", str(i + 1), "--add")
    tap.ok('href="/risks/report.pdf"' in c.get("/risks").text,
           "the risk page links the report's PDF")
    r = c.get("/risks/report.pdf")
    is_pdf(r, "the risk report", "risk-report")
    info = pdf_info(r.body)
    tap.ok("841.89 x 595.276" in info, "A4 landscape", info)
    n = pages(r.body)
    tap.ok(n >= 3, f"the register runs over {n} pages")
    for p in range(1, n + 1):
        t = pdf_text(r.body, "-f", str(p), "-l", str(p))
        tap.ok("起こり得る結果" in t, f"page {p} repeats the register's header")
        tap.ok(re.search(rf"^{p} ?/ ?{n}$", t, re.M) is not None,
               f"page {p} says {p} / {n}")
    text = pdf_text(r.body)
    tap.ok("顧客名簿8" in text, "the risks of the last asset are in it")
    tap.ok("リスク対応計画" in text, "with the treatment plan")
    tap.eq(auditor.get("/risks/report.pdf").status, 200, "an auditor may fetch it")
    tap.eq(c.get("/risks/report.pdf?assessment=99").status, 404,
           "an assessment that does not exist: 404")
    tap.eq(c.get("/risks/report.pdf?assessment=x").status, 404,
           "nor one that is not a number")

    r = auditor.post("/lang", {"csrf": auditor.csrf(), "lang": "en", "next": "/"})
    tap.eq(r.status, 303, "the auditor switches to English")
    text = pdf_text(auditor.get("/risks/report.pdf").body)
    tap.ok("Risk assessment report" in text, "the report in English", text[:300])
    tap.ok("Internal" in text, "labelled Internal")
finally:
    srv.stop()
tap.done()
