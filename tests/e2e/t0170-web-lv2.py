#!/usr/bin/env python3
"""The rest of the LV1/LV2 path: the basic policy (draft, edit, approve,
publish, print, ★★), the handbook from the diagnosis, the executive's
checklist, the incident cases and the cloud services register."""
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

tap = Tap()
srv = Server(org="株式会社まもり工務店")
try:
    c = srv.client()
    c.login(srv.admin, srv.password)
    c.setup_mfa()
    c.post("/profile", {"csrf": c.csrf(), "representative": "<script>alert(1)</script>",
                        "services": "住宅の設計*施工*", "employees": "9"})

    # The policy: draft from the template with two objectives.
    r = c.post("/policy/generate", [("csrf", c.csrf("/policy")),
                                    ("objective", "o01"), ("objective", "o03")])
    tap.eq(r.status, 303, "a policy is drafted")
    page = c.get("/policy")
    tap.ok("株式会社まもり工務店" in page.text, "the company name is filled in")
    tap.ok("<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text,
           "profile values are escaped in the document")
    tap.ok("住宅の設計*施工*" in page.text, "Markdown in values is shown as typed")
    tap.ok("第1版" in page.text and "下書き" in page.text, "version 1, a draft")
    db = sqlite3.connect(srv.data)
    obj = db.execute("select objectives from policy_doc").fetchone()[0]
    tap.eq(obj, "o01 o03", "the chosen objectives are kept")
    r = c.post("/policy/generate", [("csrf", c.csrf("/policy")), ("objective", "o99")])
    tap.eq(r.status, 400, "an unknown objective is refused")

    body = "# 基本方針\n\n私たちは情報を守ります。\n\n<script>alert(2)</script>\n\n[x](javascript:alert(3))\n"
    r = c.post("/policy", {"csrf": c.csrf("/policy"), "body": body, "objectives": obj})
    tap.eq(r.status, 303, "an edited text is saved")
    page = c.get("/policy")
    tap.ok("第2版" in page.text, "as version 2")
    tap.ok("<script>alert(2)</script>" not in page.text, "raw HTML in the text is not passed through")
    tap.ok('href="javascript:' not in page.text, "javascript: links are dropped")
    tap.eq(c.post("/policy", {"csrf": c.csrf("/policy"), "body": ""}).status, 400,
           "an empty text is refused")
    tap.eq(db.execute("select count(*) from policy_doc").fetchone()[0], 2,
           "every version is kept")

    r = c.post("/policy/publish", {"csrf": c.csrf("/policy"), "version": "2"})
    tap.eq(r.status, 409, "an unapproved version cannot be published")
    # A security lead without the executive role cannot approve.
    pw = "a long enough passphrase for tests"
    srv.cli("user", "add", "lead@example.jp", "--role", "security_lead",
            "--password-stdin", stdin=pw + "\n")
    lead = srv.client()
    lead.login("lead@example.jp", pw)
    lead.setup_mfa()
    r = lead.post("/policy/approve", {"csrf": lead.csrf("/policy"), "version": "2"})
    tap.eq(r.status, 403, "only the executive approves")
    r = c.post("/policy/approve", {"csrf": c.csrf("/policy"), "version": "2"})
    tap.eq(r.status, 303, "the executive approves")
    r = c.post("/policy/approve", {"csrf": c.csrf("/policy"), "version": "2"})
    tap.eq(r.status, 409, "approving twice is refused")
    tap.ok("★★</strong><span>準備中" in c.get("/five").text, "★★ waits for publication")
    r = c.post("/policy/publish", {"csrf": c.csrf("/policy"), "version": "2"})
    tap.eq(r.status, 303, "the approved policy is published")
    page = c.get("/policy/print")
    tap.ok('class="seals"' in page.text and "承認" in page.text, "the print page has seal boxes")
    tap.ok("私たちは情報を守ります。" in page.text, "and the text")

    # ★★ = a completed diagnosis + a published policy.
    r = c.post("/diagnosis", {"csrf": c.csrf(), "unit": ""})
    run = r.header("Location")
    answers = {f"a{i}": "4" for i in range(1, 26)}
    answers.update({"a6": "0", "a14": "2", "csrf": c.csrf(run), "do": "complete"})
    tap.eq(c.post(run, answers).status, 303, "a diagnosis is completed")
    tap.ok("★★</strong><span>宣言できます" in c.get("/five").text, "★★ is ready")

    # The handbook from the diagnosis: weak items first, marked.
    r = c.post("/handbook/generate", {"csrf": c.csrf("/handbook")})
    tap.eq(r.status, 303, "the handbook is drafted")
    hb = db.execute("select body from policy_doc where kind='handbook'").fetchone()[0]
    tap.ok("（重点）" in hb or "(重点)" in hb, "weak items are marked as a focus")
    part2 = hb.split("## 従業員としての対策")[1]
    first = re.search(r"- \*\*(.+?)\*\*", part2).group(1)
    rule6 = [l.split("\t")[1] for l in open(os.path.join(
        os.environ.get("MAMORI_SOURCE_ROOT", "."), "data/catalog/handbook.tsv"),
        encoding="utf-8") if l.startswith("6\t")][0]
    tap.eq(first, rule6, "the weakest rule of a part comes first")
    tap.eq(c.get("/handbook/print").status, 200, "the handbook prints")
    srv.cli("user", "add", "emp@example.jp", "--password-stdin", stdin=pw + "\n")
    emp = srv.client()
    emp.login("emp@example.jp", pw)
    tap.eq(emp.get("/handbook").status, 200, "every employee can read the handbook")
    tap.eq(emp.get("/policy").status, 403, "an employee does not see the policy drafts")

    # The executive's checklist.
    r = c.post("/executive", {"csrf": c.csrf("/executive"), "item": "action-1",
                              "done": "1", "note": "方針を朝礼で説明"})
    tap.eq(r.status, 303, "the executive signs an action off")
    tap.ok("方針を朝礼で説明" in c.get("/executive").text, "with the note")
    tap.eq(c.post("/executive", {"csrf": c.csrf("/executive"), "item": "action-9",
                                 "done": "1"}).status, 400, "an unknown item is refused")
    tap.eq(lead.post("/executive", {"csrf": lead.csrf("/executive"),
                                    "item": "action-2", "done": "1"}).status, 403,
           "only the executive signs")

    # Incident cases.
    page = c.get("/cases")
    tap.eq(len(re.findall(r'href="/cases/c\d\d"', page.text)), 14, "14 incident cases")
    page = c.get("/cases/c02")
    tap.ok("<ol>" in page.text and "/controls/" in page.text,
           "a case lists procedures and links to controls")
    tap.eq(c.get("/cases/c99").status, 404, "an unknown case: 404")

    # The cloud services register.
    form = {"csrf": c.csrf("/cloud"), "name": "オンラインストレージ", "purpose": "図面の共有",
            "data": "顧客の図面", "importance": "2", "contract": "terms"}
    r = c.post("/cloud", form)
    tap.eq(r.status, 303, "a cloud service is registered")
    svc = r.header("Location")
    page = c.get(svc)
    tap.eq(page.text.count("<li>") - page.text.count('<li><a') >= 15, True,
           "all 15 checks start open")
    checks = {"csrf": c.csrf(svc)}
    for i in range(1, 16):
        checks[f"s{i}"] = "yes" if i <= 12 else "no"
    checks["n13"] = "解約時の手順を確認中"
    tap.eq(c.post(svc + "/checks", checks).status, 303, "checks saved")
    page = c.get(svc)
    open_items = re.search(r'id="open-items">(.*?)</ul>', page.text, re.S).group(1)
    tap.eq(open_items.count("<li>"), 3, "three checks remain open")
    tap.ok("12 / 15" in c.get("/cloud").text, "the register shows progress")
    r = c.post("/cloud", dict(form, name=""))
    tap.eq(r.status, 400, "a service needs a name")
    r = c.post("/cloud", dict(form, importance="7", csrf=c.csrf("/cloud")))
    tap.eq(r.status, 400, "importance is 0 to 2")
    c.post("/orgs", {"csrf": c.csrf("/orgs"), "name": "B社"})
    b = db.execute("select id from organisation where name='B社'").fetchone()[0]
    c.post("/orgs/switch", {"csrf": c.csrf("/orgs"), "org": str(b)})
    tap.eq(c.get(svc).status, 404, "another organisation's service: 404")
    tap.eq(c.post(svc + "/checks", {"csrf": c.csrf(), "s1": "no"}).status, 404,
           "and its checks cannot be changed")
    tap.eq(srv.cli("audit", "verify", check=False).returncode, 0, "audit chain intact")
finally:
    srv.stop()
tap.done()
