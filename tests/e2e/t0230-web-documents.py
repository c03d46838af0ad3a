#!/usr/bin/env python3
"""The document register (文書化した情報): every page and endpoint, the
Markdown text made harmless (raw HTML, javascript: links), versions and
their comparison, the approval flow with a named approver, refusals that
name the field and write nothing, permissions by role, isolation between
organisations, the exports, and the API against docs/api/openapi.yaml."""
import datetime
import html.parser
import json
import os
import re
import sqlite3
import sys

import jsonschema
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

ROOT = os.environ.get("MAMORI_SOURCE_ROOT",
                      os.path.join(os.path.dirname(__file__), "..", ".."))
spec = yaml.safe_load(open(os.path.join(ROOT, "docs/api/openapi.yaml"),
                           encoding="utf-8"))
tap = Tap()
PW = "a long enough passphrase for tests"
XSS = ("# 手順\n\n<script>alert(1)</script>\n\n"
       "[押して](javascript:alert(2))\n\n<img src=x onerror=alert(3)>\n\n"
       "<a href=\"javascript:alert(4)\">x</a>\n")


def harmless(html):
    """No markup from the text: the source may show as escaped text (in
    the editor, in a comparison), never as a tag or a link."""
    return ("<script>alert" not in html and
            not re.search(r"<[a-z]+[^<>]*\son[a-z]+=", html) and
            'href="javascript' not in html and
            not re.search(r"<img\b", html))


class Nesting(html.parser.HTMLParser):
    """Checks that elements close in the order they opened."""
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.problems = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass  # <br />: opens and closes at once

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def well_formed(page):
    n = Nesting()
    n.feed(page)
    n.close()
    return not n.problems and not n.stack, n.problems[:3] + n.stack[-3:]


def schema_for(method, template, status, ctype):
    op = spec["paths"][template][method.lower()]
    resp = op["responses"][str(status)]
    if "$ref" in resp:
        resp = spec["components"]["responses"][resp["$ref"].split("/")[-1]]
    return resp["content"][ctype]["schema"]


def check(r, method, template, status, name):
    """Status, media type and body schema as documented; the body."""
    ok = tap.eq(r.status, status, f"{name}: status {status}")
    ctype = "application/problem+json" if status >= 400 else "application/json"
    tap.eq((r.header("Content-Type") or "").split(";")[0], ctype,
           f"{name}: {ctype}")
    try:
        body = json.loads(r.body)
        schema = dict(schema_for(method, template, status, ctype))
        schema["components"] = spec["components"]
        jsonschema.Draft202012Validator(schema).validate(body)
        tap.ok(True, f"{name}: body matches the OpenAPI schema")
    except Exception as e:  # noqa: BLE001
        tap.ok(False, f"{name}: body matches the OpenAPI schema", e,
               r.text[:500])
        body = None
    return body if ok else None


def api(client, method, path, token, body=None, raw=None):
    headers = {"Authorization": "Bearer " + token}
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
    if data is not None:
        headers["Content-Type"] = "application/json"
    return client.request(method, path, body=data, headers=headers, raw=True)


def new_token(client, scope, name):
    page = client.post("/settings/tokens", {"csrf": client.csrf("/settings"),
                                            "name": name, "scope": scope,
                                            "days": "30"})
    m = re.search(r'id="new-token">(mmr_[0-9a-f]{64})<', page.text)
    return m.group(1) if m else None


def doc_form(c, **kw):
    f = {"csrf": c.csrf("/documents/new"), "code": "PR-01",
         "title": "アカウント管理手順", "type": "procedure",
         "owner": "総務部長", "approver": "", "next_review": "",
         "retention": "3年", "label": "", "body": "# 手順\n\n1. 申請する\n",
         "note": "初版"}
    f.update(kw)
    return f


srv = Server(org="株式会社まもり商事")
try:
    db = sqlite3.connect(srv.data)

    def count(sql, *args):
        return db.execute(sql, args).fetchone()[0]

    def rows():
        return tuple(count(f"select count(*) from {t}") for t in
                     ("document", "document_version", "audit_event"))

    def last_event():
        return db.execute("select action, target, before, after from"
                          " audit_event order by id desc limit 1").fetchone()

    admin = srv.client()
    admin.login(srv.admin, srv.password)
    admin.setup_mfa()
    today = datetime.date.today()

    # ---------------- the register, empty; a new document ----------------
    r = admin.get("/documents")
    tap.eq(r.status, 200, "the register answers")
    tap.ok('id="no-documents"' in r.text and "文書管理台帳" in r.text,
           "an empty register says so")
    tap.ok('href="/documents"' in admin.get("/").text,
           "the navigation links the register")
    tap.eq(admin.get("/documents/new").status, 200, "the new-document form")

    before = rows()
    r = admin.post("/documents", doc_form(admin, preview="1", body=XSS))
    tap.eq(r.status, 200, "a preview of a new document")
    tap.ok('id="doc-preview"' in r.text and "<h1>手順</h1>" in r.text,
           "the preview shows the rendered text")
    tap.ok(harmless(r.text), "the preview is harmless", r.text[-1500:])
    tap.eq(rows(), before, "a preview writes nothing")

    r = admin.post("/documents", doc_form(admin))
    tap.eq(r.status, 303, "a document is registered")
    m = re.fullmatch(r"/documents/(\d+)", r.header("Location") or "")
    tap.ok(m, "the answer names the new document")
    did = int(m.group(1)) if m else 0
    tap.eq(rows(), (before[0] + 1, before[1] + 1, before[2] + 1),
           "one document, its version 1, one audit event")
    ev = last_event()
    tap.ok(ev[0] == "document.add" and ev[1] == f"document:{did}" and
           "code: PR-01" in ev[3] and "version: 1" in ev[3],
           "document.add is in the audit trail", ev)

    # Refusals: the field named, status 4xx, nothing written.
    cases = [
        ({"code": "pr-01"}, 400, "PR-01", "a lower-case code"),
        ({"code": "P--1"}, 400, "文書番号", "two hyphens in a row"),
        ({"code": "PR-01", "title": "別"}, 409, "すでに使われています",
         "a code in use"),
        ({"code": "PR-02", "title": ""}, 400, "文書名", "no title"),
        ({"code": "PR-02", "owner": ""}, 400, "管理責任者", "no owner"),
        ({"code": "PR-02", "type": "memo"}, 400, "種類", "an unknown type"),
        ({"code": "PR-02", "next_review": "2026-02-30"}, 400, "次回見直し日",
         "a day that does not exist"),
        ({"code": "PR-02", "label": "top-secret"}, 400, "機密区分",
         "a label nobody defined"),
        ({"code": "PR-02", "approver": "nobody@example.jp"}, 400,
         "承認者", "an approver who is no member"),
        ({"code": "PR-02", "note": "a\u0007b"}, 400, "変更の理由",
         "a control character in the note"),
    ]
    before = rows()
    for fields, status, text, what in cases:
        r = admin.post("/documents", doc_form(admin, **fields))
        tap.ok(r.status == status and text in r.text and
               'role="alert"' in r.text, f"refused: {what}",
               r.status, re.findall(r'role="alert">([^<]*)', r.text))
    tap.eq(rows(), before, "refusals write nothing")
    r = admin.post("/documents", doc_form(admin, code="PR-02", title=""))
    tap.ok('value="PR-02"' in r.text and "申請する" in r.text,
           "what was typed stays in the form")

    # Templates: a draft filled from the organisation, written only when
    # it is registered.
    r = admin.get("/documents/new")
    tap.ok('id="templates"' in r.text and
           "/documents/new?template=account-management" in r.text,
           "the templates are offered")
    before = rows()
    r = admin.get("/documents/new?template=account-management")
    tap.ok(r.status == 200 and 'value="PR-01"' in r.text and
           "アカウント管理手順" in r.text and "株式会社まもり商事" in r.text and
           "翌日まで" in r.text and "{company}" not in r.text and
           'id="doc-preview"' in r.text,
           "a template fills the form and the preview")
    tap.eq(rows(), before, "opening a template writes nothing")
    tap.eq(admin.get("/documents/new?template=nope").status, 404,
           "an unknown template")
    admin.post("/lang", {"csrf": admin.csrf(), "lang": "en", "next": "/"})
    r = admin.get("/documents/new?template=take-out")
    tap.ok("Rules for taking information out" in r.text and
           "Internal" in r.text, "in the reader's language")
    admin.post("/lang", {"csrf": admin.csrf(), "lang": "ja", "next": "/"})

    # ---------------- the page, edits and versions ----------------
    r = admin.get(f"/documents/{did}")
    tap.eq(r.status, 200, "the document's page")
    tap.ok('id="facts"' in r.text and "PR-01" in r.text and
           'id="draft"' in r.text and "申請する" in r.text and
           'id="in-force"' not in r.text, "facts and the draft text")
    tap.ok(f'action="/documents/{did}/submit"' in r.text and
           f'action="/documents/{did}/approve"' not in r.text,
           "a draft can be submitted, not yet approved")

    r = admin.get(f"/documents/{did}/edit")
    tap.ok(r.status == 200 and 'id="doc-body"' in r.text and
           r.field("base") == "1", "the editor starts from version 1")
    r = admin.post(f"/documents/{did}/edit",
                   {"csrf": admin.csrf(), "base": "1", "body": XSS,
                    "note": "", "preview": "1"})
    tap.ok(r.status == 200 and harmless(r.text) and "<h1>手順</h1>" in r.text,
           "the editor's preview is harmless")
    r = admin.post("/documents/preview", {"csrf": admin.csrf(), "body": XSS})
    tap.ok(r.status == 200 and r.text.startswith("<h1>手順</h1>") and
           harmless(r.text) and "<html" not in r.text,
           "the preview endpoint answers a fragment, harmless")
    r = admin.post("/documents/preview", {"body": "# x"})
    tap.eq(r.status, 403, "the preview endpoint checks the CSRF token")

    before = rows()
    body2 = "# 手順\n\n1. 申請する\n2. 上長が承認する\n"
    r = admin.post(f"/documents/{did}/edit",
                   {"csrf": admin.csrf(), "base": "1", "body": body2,
                    "note": "承認の手順を追加"})
    tap.eq(r.status, 303, "version 2 is saved")
    tap.eq(rows(), (before[0], before[1] + 1, before[2] + 1),
           "one version, one audit event")
    ev = last_event()
    tap.ok(ev[0] == "document.save" and "version: 2" in ev[3] and
           "note: 承認の手順を追加" in ev[3], "document.save is audited", ev)
    before = rows()
    r = admin.post(f"/documents/{did}/edit",
                   {"csrf": admin.csrf(), "base": "1", "body": "上書き",
                    "note": ""})
    tap.ok(r.status == 409 and "第2版" in r.text and "上書き" in r.text,
           "a save on top of a newer version is refused, the text kept")
    tap.eq(rows(), before, "nothing written")
    r = admin.post(f"/documents/{did}/edit",
                   {"csrf": admin.csrf(), "base": "x", "body": "a"})
    tap.eq(r.status, 400, "a base that is no number")

    # XSS in a saved version: the pages never carry it.
    r = admin.post(f"/documents/{did}/edit",
                   {"csrf": admin.csrf(), "base": "2", "body": XSS,
                    "note": "<b>n</b>"})
    tap.eq(r.status, 303, "version 3 with markup saved")
    for path in (f"/documents/{did}", f"/documents/{did}/version?n=3",
                 f"/documents/{did}/diff?a=2&b=3"):
        r = admin.get(path)
        tap.ok(r.status == 200 and harmless(r.text) and
               "<b>n</b>" not in r.text, f"{path} is harmless")
    r = admin.post(f"/documents/{did}/edit",
                   {"csrf": admin.csrf(), "base": "3", "body": body2,
                    "note": "元に戻す"})
    tap.eq(r.status, 303, "version 4 saved")

    r = admin.get(f"/documents/{did}/diff?a=1&b=2")
    tap.ok(r.status == 200 and 'class="added"' in r.text and
           "上長が承認する" in r.text and 'class="removed"' not in r.text,
           "the comparison marks the added line")
    r = admin.get(f"/documents/{did}/diff?a=2&b=1")
    tap.ok('class="removed"' in r.text, "and the other way round, removed")
    tap.eq(admin.get(f"/documents/{did}/diff?a=1").status, 400,
           "a comparison needs two versions")
    tap.eq(admin.get(f"/documents/{did}/diff?a=1&b=99").status, 404,
           "a version that does not exist")
    tap.eq(admin.get(f"/documents/{did}/version?n=0").status, 400,
           "version 0 is no version")
    tap.eq(admin.get(f"/documents/{did}/version?n=99").status, 404,
           "version 99 does not exist")
    tap.eq(admin.get("/documents/abc").status, 404, "a document id that is no number")
    r = admin.get(f"/documents/{did}")
    tap.ok('id="versions"' in r.text and r.text.count("/version?n=") >= 4,
           "every version is listed")

    for path in ("/documents", "/documents/new",
                 "/documents/new?template=outsourcing", f"/documents/{did}",
                 f"/documents/{did}/edit", f"/documents/{did}/version?n=2",
                 f"/documents/{did}/diff?a=1&b=3"):
        ok, why = well_formed(admin.get(path).text)
        tap.ok(ok, f"{path}: elements nest properly", why)

    # ---------------- approval ----------------
    r = admin.post(f"/documents/{did}/approve", {"csrf": admin.csrf()})
    tap.ok(r.status == 409 and "下書き" in r.text,
           "a draft cannot be approved", r.status)
    before = rows()
    r = admin.post(f"/documents/{did}/submit", {"csrf": admin.csrf()})
    tap.eq(r.status, 303, "submitted for approval")
    ev = last_event()
    tap.ok(ev[0] == "document.submit" and "status: in_review" in ev[3],
           "document.submit audited", ev)
    r = admin.get(f"/documents/{did}")
    tap.ok("承認待ち" in r.text and
           f'action="/documents/{did}/approve"' in r.text and
           f'action="/documents/{did}/return"' in r.text,
           "in review: approve and return offered to the approver")
    r = admin.post(f"/documents/{did}/approve", {"csrf": admin.csrf()})
    tap.eq(r.status, 303, "approved")
    ev = last_event()
    tap.ok(ev[0] == "document.approve" and "version: 4" in ev[3],
           "document.approve audited with the version", ev)
    tap.eq(rows(), (before[0], before[1], before[2] + 2), "two events, no rows")
    tap.eq(count("select approved_version from document where id=?", did), 4,
           "version 4 is in force")

    # A new draft of an approved document: the approved text stays.
    r = admin.post(f"/documents/{did}/edit",
                   {"csrf": admin.csrf(), "base": "4",
                    "body": "# 手順（改訂案）\n", "note": "改訂"})
    tap.eq(r.status, 303, "a new draft of the approved document")
    r = admin.get(f"/documents/{did}")
    tap.ok('id="in-force"' in r.text and 'id="draft"' in r.text and
           "上長が承認する" in r.text and "改訂案" in r.text and
           "下書き" in r.text, "the approved text in force beside the draft")

    # A named approver: only that member approves.
    srv.cli("user", "add", "ceo@example.jp", "--role", "executive",
            "--password-stdin", stdin=PW + "\n")
    ceo = srv.client()
    ceo.login("ceo@example.jp", PW)
    r = admin.post(f"/documents/{did}",
                   {**doc_form(admin, approver="ceo@example.jp"),
                    "csrf": admin.csrf()})
    tap.eq(r.status, 303, "the register fields change")
    ev = last_event()
    tap.ok(ev[0] == "document.edit" and ev[2] == "approver: " and
           ev[3] == "approver: ceo@example.jp", "document.edit audited", ev)
    before = rows()
    r = admin.post(f"/documents/{did}", {**doc_form(admin, approver="ceo@example.jp"),
                                         "csrf": admin.csrf()})
    tap.eq(rows(), before, "a save that changes nothing writes nothing")
    admin.post(f"/documents/{did}/submit", {"csrf": admin.csrf()})
    r = admin.post(f"/documents/{did}/approve", {"csrf": admin.csrf()})
    tap.ok(r.status == 403 and "ceo@example.jp" in r.text,
           "another executive may not approve", r.status)
    r = ceo.post(f"/documents/{did}/return", {"csrf": ceo.csrf()})
    tap.eq(r.status, 303, "the named approver returns it")
    tap.eq(count("select status from document where id=?", did), "draft",
           "back to draft")
    admin.post(f"/documents/{did}/submit", {"csrf": admin.csrf()})
    r = ceo.post(f"/documents/{did}/approve", {"csrf": ceo.csrf()})
    tap.eq(r.status, 303, "the named approver approves")
    tap.eq(count("select approved_version from document where id=?", did), 5,
           "version 5 is in force")

    # ---------------- filters, review dates, exports ----------------
    past = (today - datetime.timedelta(days=3)).isoformat()
    soon = (today + datetime.timedelta(days=10)).isoformat()
    for code, title, typ, review in (("P-01", "情報セキュリティ基本方針", "policy", past),
                                     ("REC-01", "入退室記録", "record", soon)):
        r = admin.post("/documents", doc_form(admin, code=code, title=title,
                                              type=typ, next_review=review,
                                              label="internal", body=""))
        tap.eq(r.status, 303, f"{code} registered")
    pid = count("select id from document where code='P-01'")
    tap.eq(count("select latest_version from document where id=?", pid), 0,
           "a document without a text has no version")
    r = admin.post(f"/documents/{pid}/submit", {"csrf": admin.csrf()})
    tap.eq(r.status, 409, "a document without a text cannot be submitted")
    r = admin.get("/documents")
    tap.ok('<tr class="overdue">' in r.text and "期限切れ" in r.text and
           "まもなく" in r.text, "overdue and soon-due reviews are marked")
    r = admin.get("/documents?type=record")
    tap.ok("REC-01" in r.text and "PR-01" not in r.text, "filtered by type")
    r = admin.get("/documents?status=approved")
    tap.ok("PR-01" in r.text and "REC-01" not in r.text, "filtered by status")
    r = admin.get("/documents?due=overdue")
    tap.ok("P-01" in r.text and "REC-01" not in r.text, "overdue reviews only")
    r = admin.get("/documents?due=soon&sort=review")
    tap.ok(r.text.find("P-01") < r.text.find("REC-01") and "PR-01" not in r.text,
           "reviews due within 30 days, soonest first")
    for q in ("type=memo", "status=x", "sort=size", "due=tomorrow"):
        tap.eq(admin.get("/documents?" + q).status, 400, f"a bad filter: {q}")
    r = admin.get("/documents/export.csv")
    tap.ok(r.status == 200 and r.body.startswith(b"\xef\xbb\xbf") and
           "文書番号" in r.text and "PR-01" in r.text and
           "attachment" in (r.header("Content-Disposition") or ""),
           "the register as CSV")
    r = admin.get("/documents/export.csv?lang=en&type=policy")
    tap.ok("Title" in r.text and "P-01" in r.text and "PR-01" not in r.text,
           "in English, filtered")
    r = admin.get("/documents/export.xlsx")
    tap.ok(r.status == 200 and r.body[:2] == b"PK" and "spreadsheetml" in
           (r.header("Content-Type") or ""), "the register as a workbook")
    tap.eq(admin.get("/documents/export.csv?lang=fr").status, 400,
           "an unknown language")

    # ---------------- withdrawal ----------------
    rid = count("select id from document where code='REC-01'")
    r = admin.post(f"/documents/{rid}/withdraw", {"csrf": admin.csrf()})
    tap.eq(r.status, 303, "withdrawn")
    before = rows()
    r = admin.post(f"/documents/{rid}/edit", {"csrf": admin.csrf(),
                                              "base": "0", "body": "x"})
    tap.eq(r.status, 409, "a withdrawn document takes no new text")
    r = admin.post(f"/documents/{rid}", doc_form(admin, code="REC-01"))
    tap.eq(r.status, 409, "nor new register fields")
    r = admin.post(f"/documents/{rid}/withdraw", {"csrf": admin.csrf()})
    tap.eq(r.status, 409, "nor a second withdrawal")
    tap.eq(rows(), before, "nothing written")
    tap.ok("REC-01" not in admin.get("/documents?due=soon").text,
           "a withdrawn document has no review due")

    # ---------------- permissions ----------------
    until = (today + datetime.timedelta(days=7)).isoformat()
    clients = {}
    for role in ("employee", "auditor", "document_lead"):
        args = ["user", "add", f"{role}@example.jp", "--role", role,
                "--password-stdin"]
        if role == "auditor":
            args += ["--expires", until]
        srv.cli(*args, stdin=PW + "\n")
        clients[role] = srv.client()
        clients[role].login(f"{role}@example.jp", PW)
    tap.eq(clients["employee"].get("/documents").status, 403,
           "an employee does not read the register")
    aud = clients["auditor"]
    r = aud.get(f"/documents/{did}")
    tap.ok(r.status == 200 and "/edit" not in r.text and
           'id="fields"' not in r.text and "/approve" not in r.text,
           "an auditor reads, with no buttons")
    tap.eq(aud.post("/documents", doc_form(aud, code="AU-01")).status, 403,
           "an auditor cannot register")
    tap.eq(aud.post("/documents/preview", {"csrf": aud.csrf(), "body": "x"}).status,
           403, "nor use the preview")
    dl = clients["document_lead"]
    r = dl.post("/documents", doc_form(dl, code="PR-09"))
    tap.eq(r.status, 303, "a document lead registers")
    nid = int(r.header("Location").rsplit("/", 1)[1])
    tap.eq(dl.post(f"/documents/{nid}/submit", {"csrf": dl.csrf()}).status,
           303, "and submits")
    tap.eq(dl.post(f"/documents/{nid}/approve", {"csrf": dl.csrf()}).status,
           403, "but does not approve")
    tap.ok("/approve" not in dl.get(f"/documents/{nid}").text,
           "and is not offered the button")

    # ---------------- the API ----------------
    W = new_token(admin, "write", "文書")
    R = new_token(admin, "read", "文書・読み取り")
    c = srv.client()
    src = open(os.path.join(ROOT, "src/web/routes.c"), encoding="utf-8").read()
    mine = re.findall(r'"(GET|PUT|POST|DELETE|PATCH)", "(/api/v1/documents[^"]*)"', src)
    tap.eq(len(mine), 8, "eight API routes for documents")
    for m, p in mine:
        shape = re.escape(p).replace(r"\{\}", r"\{[a-z_]+\}")
        found = [x for x in spec["paths"] if re.fullmatch(shape, x)]
        tap.ok(found and m.lower() in spec["paths"][found[0]],
               f"{m} {p} is in openapi.yaml")
    body = check(api(c, "GET", "/api/v1/documents", R), "GET",
                 "/api/v1/documents", 200, "the list")
    tap.ok(body and body["count"] == 4, "four documents")
    body = check(api(c, "GET", "/api/v1/documents?type=procedure&sort=updated", R),
                 "GET", "/api/v1/documents", 200, "filtered")
    tap.ok(body and {d["code"] for d in body["items"]} == {"PR-01", "PR-09"},
           "the procedures")
    body = check(api(c, "GET", f"/api/v1/documents?due_before={today.isoformat()}", R),
                 "GET", "/api/v1/documents", 200, "reviews due")
    tap.ok(body and [d["code"] for d in body["items"]] == ["P-01"],
           "due on or before today")
    check(api(c, "GET", "/api/v1/documents?colour=red", R), "GET",
          "/api/v1/documents", 400, "an unknown parameter")
    check(api(c, "GET", "/api/v1/documents?status=lost", R), "GET",
          "/api/v1/documents", 400, "an unknown status")

    before = rows()
    r = api(c, "POST", "/api/v1/documents", W,
            {"code": "R-01", "title": "情報取扱規程", "type": "rule",
             "owner": "情報セキュリティ責任者", "body": XSS, "note": "初版",
             "next_review": "2027-04-01", "label": None, "approver": None})
    body = check(r, "POST", "/api/v1/documents", 201, "register by the API")
    aid = body["id"] if body else 0
    tap.eq(r.header("Location"), f"/api/v1/documents/{aid}", "Location names it")
    tap.ok(body and body["latest_version"] == 1 and body["status"] == "draft" and
           body["body"] == XSS and body["body_in_force"] is None,
           "version 1, a draft, the text as written")
    tap.eq(rows(), (before[0] + 1, before[1] + 1, before[2] + 1),
           "one row, one version, one event")
    bad = [
        ({"code": "R-02", "title": "x", "type": "rule"}, 400, "api.missing_field", "owner"),
        ({"code": "R-02", "title": "x", "type": "rule", "owner": "o", "org_id": 2},
         400, "api.unknown_field", "org_id"),
        ({"code": "R-02", "title": 5, "type": "rule", "owner": "o"}, 400,
         "api.wrong_type", "title"),
        ({"code": "r-02", "title": "x", "type": "rule", "owner": "o"}, 422,
         "document.bad_code", "code"),
        ({"code": "R-01", "title": "x", "type": "rule", "owner": "o"}, 409,
         "document.code_taken", None),
        ({"code": "R-02", "title": "x", "type": "memo", "owner": "o"}, 422,
         "input.bad_choice", "type"),
        ({"code": "R-02", "title": "", "type": "rule", "owner": "o"}, 422,
         "input.required", "title"),
        ({"code": "R-02", "title": "x", "type": "rule", "owner": "o",
          "next_review": "2027-13-01"}, 422, "input.bad_date", "next_review"),
        ({"code": "R-02", "title": "x", "type": "rule", "owner": "o",
          "label": "nope"}, 422, "document.unknown_label", "label"),
        ({"code": "R-02", "title": "x", "type": "rule", "owner": "o",
          "approver": "x@example.jp"}, 422, "document.approver_unknown", "approver"),
        ({"code": "R-02", "title": "x", "type": "rule", "owner": "o",
          "body": "x" * 200001}, 422, "document.body_too_long", "body"),
    ]
    before = rows()
    for payload, status, key, field in bad:
        r = api(c, "POST", "/api/v1/documents", W, payload)
        p = check(r, "POST", "/api/v1/documents", status, key)
        tap.ok(p and p["type"] == "urn:mamori:problem:" + key and
               p.get("field") == field, f"{key} names {field}", r.text[:300])
    check(api(c, "POST", "/api/v1/documents", R,
              {"code": "R-03", "title": "x", "type": "rule", "owner": "o"}),
          "POST", "/api/v1/documents", 403, "a read token cannot write")
    tap.eq(rows(), before, "refused requests write nothing")

    body = check(api(c, "GET", f"/api/v1/documents/{aid}", R), "GET",
                 "/api/v1/documents/{id}", 200, "one document")
    body = check(api(c, "PATCH", f"/api/v1/documents/{aid}", W,
                     {"body": "# 規程\n\n第1条\n", "note": "整理",
                      "base_version": 1, "status": "in_review",
                      "retention": "永年"}),
                 "PATCH", "/api/v1/documents/{id}", 200,
                 "a new text, a field and the submission at once")
    tap.ok(body and body["latest_version"] == 2 and
           body["status"] == "in_review" and body["retention"] == "永年",
           "version 2 in review")
    tap.eq(db.execute("select group_concat(action, ' ') from (select action"
                      " from audit_event order by id desc limit 3)").fetchone()[0],
           "document.submit document.save document.edit",
           "three events, in order")
    before = rows()
    p = check(api(c, "PATCH", f"/api/v1/documents/{aid}", W,
                  {"body": "古い版から", "base_version": 1}),
              "PATCH", "/api/v1/documents/{id}", 409, "a stale base")
    p = check(api(c, "PATCH", f"/api/v1/documents/{aid}", W,
                  {"status": "approved"}),
              "PATCH", "/api/v1/documents/{id}", 422, "approval is not a PATCH")
    tap.ok(p and p.get("field") == "status", "naming status")
    p = check(api(c, "PATCH", f"/api/v1/documents/{aid}", W,
                  {"title": "変更", "code": "bad code"}),
              "PATCH", "/api/v1/documents/{id}", 422, "a bad code in a PATCH")
    tap.eq(rows(), before, "nothing written")
    body = check(api(c, "PATCH", f"/api/v1/documents/{aid}", W, {}),
                 "PATCH", "/api/v1/documents/{id}", 200, "an empty PATCH")
    tap.eq(rows(), before, "changes nothing and writes nothing")

    body = check(api(c, "GET", f"/api/v1/documents/{aid}/versions", R), "GET",
                 "/api/v1/documents/{id}/versions", 200, "the versions")
    tap.ok(body and [v["version"] for v in body["items"]] == [2, 1],
           "newest first")
    body = check(api(c, "GET", f"/api/v1/documents/{aid}/version?n=1", R), "GET",
                 "/api/v1/documents/{id}/version", 200, "version 1")
    tap.ok(body and body["body"] == XSS and body["note"] == "初版", "its text")
    check(api(c, "GET", f"/api/v1/documents/{aid}/version?n=7", R), "GET",
          "/api/v1/documents/{id}/version", 404, "no version 7")
    check(api(c, "GET", f"/api/v1/documents/{aid}/version", R), "GET",
          "/api/v1/documents/{id}/version", 400, "no version number")

    check(api(c, "POST", f"/api/v1/documents/{aid}/approve", W, {"version": 1}),
          "POST", "/api/v1/documents/{id}/approve", 409,
          "approving a version that is not the newest")
    D = new_token(dl, "write", "文書管理")
    check(api(c, "POST", f"/api/v1/documents/{aid}/approve", D, {}),
          "POST", "/api/v1/documents/{id}/approve", 403,
          "a document lead does not approve")
    body = check(api(c, "POST", f"/api/v1/documents/{aid}/approve", W,
                     {"version": 2}),
                 "POST", "/api/v1/documents/{id}/approve", 200, "approved")
    tap.ok(body and body["approved_version"] == 2 and
           body["body_in_force"] == "# 規程\n\n第1条\n" and
           body["approved_by"] == srv.admin, "version 2 in force")
    check(api(c, "POST", f"/api/v1/documents/{aid}/approve", W),
          "POST", "/api/v1/documents/{id}/approve", 409, "approved twice")
    body = check(api(c, "POST", f"/api/v1/documents/{aid}/withdraw", W),
                 "POST", "/api/v1/documents/{id}/withdraw", 200, "withdrawn")
    tap.ok(body and body["status"] == "withdrawn", "status withdrawn")
    check(api(c, "PATCH", f"/api/v1/documents/{aid}", W, {"title": "x"}),
          "PATCH", "/api/v1/documents/{id}", 409, "a withdrawn document is final")
    check(api(c, "GET", "/api/v1/documents/999999", R), "GET",
          "/api/v1/documents/{id}", 404, "an unknown document")

    # ---------------- isolation ----------------
    r = admin.post("/orgs", {"csrf": admin.csrf(), "name": "となりの工務店"})
    tap.eq(r.status, 303, "a second organisation")
    other = count("select id from organisation where name='となりの工務店'")
    admin.post("/orgs/switch", {"csrf": admin.csrf(), "org": str(other)})
    r = admin.get("/documents")
    tap.ok('id="no-documents"' in r.text and "PR-01" not in r.text,
           "the other organisation's register is empty")
    for path in (f"/documents/{did}", f"/documents/{did}/edit",
                 f"/documents/{did}/version?n=1",
                 f"/documents/{did}/diff?a=1&b=2"):
        tap.eq(admin.get(path).status, 404, f"{path} is not found there")
    before = rows()
    for path in (f"/documents/{did}/edit", f"/documents/{did}/submit",
                 f"/documents/{did}"):
        r = admin.post(path, {**doc_form(admin), "base": "5"})
        tap.eq(r.status, 404, f"POST {path} is not found there")
    # The creator of an organisation is no executive there: the role is
    # refused before anything is looked up.
    for path in (f"/documents/{did}/approve", f"/documents/{did}/withdraw"):
        r = admin.post(path, {"csrf": admin.csrf()})
        tap.ok(r.status in (403, 404), f"POST {path} is refused there")
    r = admin.post("/documents", doc_form(admin))
    tap.eq(r.status, 303, "the same code is free in another organisation")
    tap.eq(rows()[0], before[0] + 1, "and only that was written")
    r = admin.get("/documents/export.csv")
    tap.ok(r.text.count("PR-01") == 1 and "P-01" not in r.text.replace("PR-01", ""),
           "the export holds only its own documents")
    check(api(c, "GET", f"/api/v1/documents/{aid}", W), "GET",
          "/api/v1/documents/{id}", 200, "the token still acts in its own organisation")

    r = srv.cli("audit", "verify", check=False)
    tap.ok(r.returncode == 0, "the audit chains verify", r.stdout, r.stderr)
finally:
    srv.stop()
tap.done()
