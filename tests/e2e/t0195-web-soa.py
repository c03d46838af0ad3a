#!/usr/bin/env python3
"""The Statement of Applicability on the web and in the JSON API: the
table with its filters and progress, one control's entry saved and
refused, suggestions from a risk treatment, a weak self-diagnosis answer
and a case, accepted and rejected; approval blocked with its list, then
granted to the executive only; versions, their differences, the exports
in a language of their own (CSV read, XLSX opened), every API endpoint
against docs/api/openapi.yaml, permissions, another organisation seeing
nothing, and an audit chain that still verifies."""
import csv
import datetime
import io
import json
import os
import re
import sqlite3
import sys
import zipfile

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


def schema_for(method, template, status, ctype):
    op = spec["paths"][template][method.lower()]
    resp = op["responses"][str(status)]
    if "$ref" in resp:
        resp = spec["components"]["responses"][resp["$ref"].split("/")[-1]]
    return resp["content"][ctype]["schema"]


def check(r, method, template, status, name):
    """The status, the media type and the body's schema, as documented;
    the parsed body (None when the status is not the one expected)."""
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


def api(client, method, path, token=None, body=None, raw=None, lang=None):
    headers = {}
    if token:
        headers["Authorization"] = "Bearer " + token
    if lang:
        headers["Accept-Language"] = lang
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


srv = Server(org="株式会社まもり商事")
try:
    db = sqlite3.connect(srv.data)

    def count(sql, *args):
        return db.execute(sql, args).fetchone()[0]

    def snapshot():
        """What a refused request must leave as it was."""
        return tuple(db.execute(f"select * from {t} order by 1, 2").fetchall()
                     for t in ("soa_entry", "soa_version", "soa_decision")) + (
            count("select count(*) from audit_event"),)

    def entry(control):
        return db.execute("select applicable, reasons, justification, status,"
                          " owner, notes, reviewed_on from soa_entry where"
                          " control = ?", (control,)).fetchone()

    c = srv.client()
    c.login(srv.admin, srv.password)
    c.setup_mfa()

    # Every API route of the statement is documented.
    src = open(os.path.join(ROOT, "src/web/routes.c"), encoding="utf-8").read()
    mine = re.findall(r'"(GET|PUT|POST|DELETE|PATCH)", "(/api/v1/soa[^"]*)"', src)
    tap.eq(len(mine), 6, "six API routes for the statement")
    for m, p in mine:
        shape = re.escape(p).replace(r"\{\}", r"\{[a-z_]+\}")
        found = [x for x in spec["paths"] if re.fullmatch(shape, x)]
        tap.ok(found and m.lower() in spec["paths"][found[0]],
               f"{m} {p} is in openapi.yaml")

    # ---------------- the table ----------------
    r = c.get("/soa")
    tap.eq(r.status, 200, "the statement page")
    tap.eq(len(re.findall(r'<tr><td><a href="/soa/[5-8]\.\d+">', r.text)), 93,
           "93 controls, each linked to its entry")
    tap.ok("<svg" in r.text, "with progress bars")
    tap.ok("承認された版はまだありません" in r.text, "no version yet")
    tap.ok("未決定 93" in r.text, "all undecided")
    tap.ok("/soa/5.1\">5.1: 適用するかどうかが決まっていません" in r.text,
           "the approval section lists what blocks it")
    tap.ok('action="/soa/approve"' not in r.text, "no approval button while blocked")
    tap.eq(count("select count(*) from soa_entry"), 0, "reading writes nothing")
    r = c.get("/soa?theme=people")
    tap.eq(len(re.findall(r'<tr><td><a href="/soa/[5-8]\.\d+">', r.text)), 8,
           "the people theme: 8 controls")
    tap.ok('<tr><td><a href="/soa/5.1"' not in r.text, "and no other")
    tap.eq(c.get("/soa?theme=legal").status, 400, "an unknown theme is refused")
    tap.eq(c.get("/soa?status=done").status, 400, "an unknown status is refused")
    tap.eq(c.get("/soa?applicable=maybe").status, 400, "an unknown applicability is refused")

    # ---------------- one control ----------------
    r = c.get("/soa/5.15")
    tap.eq(r.status, 200, "one control's page")
    tap.ok("アクセス制御" in r.text and 'name="applicable"' in r.text,
           "its title and the form")
    tap.ok('href="/controls/5.15"' in r.text, "a link to the catalogue")
    tap.ok("リスク対応でこの管理策を選んだリスクはまだありません" in r.text, "no linked risk yet")
    tap.eq(c.get("/soa/9.99").status, 404, "an unknown control")

    def save(control, fields, client=None):
        cl = client or c
        f = [("csrf", cl.csrf(f"/soa/{control}"))] + list(fields)
        return cl.post(f"/soa/{control}", f)

    r = save("5.1", [("applicable", "yes"), ("reason_risk", "1"), ("reason_legal", "1"),
                     ("status", "partly"), ("owner", "総務部長"),
                     ("notes", "方針書 第2版"), ("reviewed_on", "2026-01-10"),
                     ("justification", "")])
    tap.eq(r.status, 303, "an entry saved")
    tap.eq(r.header("Location"), "/soa/5.1", "back to its page")
    tap.eq(entry("5.1"), ("yes", 3, "", "partly", "総務部長", "方針書 第2版", "2026-01-10"),
           "stored")
    tap.eq(count("select count(*) from soa_entry"), 93, "the first change starts all 93")
    tap.eq(count("select count(*) from audit_event where action = 'soa.update' and target = 'soa:5.1'"),
           1, "with its audit event")
    events = count("select count(*) from audit_event")
    r = save("5.1", [("applicable", "yes"), ("reason_risk", "1"), ("reason_legal", "1"),
                     ("status", "partly"), ("owner", "総務部長"),
                     ("notes", "方針書 第2版"), ("reviewed_on", "2026-01-10"),
                     ("justification", "")])
    tap.eq(r.status, 303, "the same values again")
    tap.eq(count("select count(*) from audit_event"), events, "write no audit event")

    before = snapshot()
    for fields, name, words in (
            ([("applicable", "no"), ("justification", "")],
             "an exclusion without a justification", "除外する理由"),
            ([("applicable", "yes"), ("status", "partly")],
             "applicable without a reason", "理由を一つ以上"),
            ([("applicable", "yes"), ("reason_risk", "1"), ("status", "not_applicable")],
             "applicable but not applicable", "該当なし"),
            ([("reviewed_on", "2026-02-30")], "an impossible date", "最終見直し日"),
            ([("applicable", "maybe")], "an unknown applicability", "適用"),
            ([("status", "done")], "an unknown status", "実施状況"),
            ([("owner", "x" * 201)], "an owner too long", "責任者")):
        r = save("5.1", fields)
        tap.eq(r.status, 400, f"{name} is refused")
        tap.ok(words in r.text and 'role="alert"' in r.text,
               f"{name}: the form again, naming the problem", r.text[-2000:])
    tap.eq(snapshot(), before, "nothing written by the refusals")
    r = c.post("/soa/5.1", {"applicable": "no"})
    tap.eq(r.status, 403, "a form without its token is refused")

    r = save("5.2", [("applicable", "no"), ("reason_practice", "1"),
                     ("justification", "少人数で兼務のため、役割表で足りる")])
    tap.eq(r.status, 303, "an exclusion saved")
    tap.eq(entry("5.2")[:4], ("no", 0, "少人数で兼務のため、役割表で足りる", "not_applicable"),
           "excluding clears the reasons and makes it 該当なし")
    r = c.get("/soa?applicable=no")
    tap.ok('href="/soa/5.2"' in r.text and 'href="/soa/5.1"' not in r.text,
           "the applicability filter")
    tap.ok("少人数で兼務のため" in r.text, "the justification is shown")
    r = c.get("/soa?status=partly")
    tap.ok('href="/soa/5.1"' in r.text and 'href="/soa/5.2"' not in r.text,
           "the status filter")

    # ---------------- suggestions ----------------
    srv.cli("asset", "add", "顧客名簿", "--medium", "paper", "--c", "2", "--i", "1", "--a", "1")
    srv.cli("risk", "method", "ipa")
    srv.cli("risk", "add", "1", "--threat", "t06", "--vulnerability", "v16")
    srv.cli("risk", "add", "1", "--threat", "t01", "--vulnerability", "v16")
    srv.cli("risk", "treat", "1", "--treatment", "reduce", "--reason", "持ち出し簿",
            "--controls", "5.10")
    srv.cli("risk", "treat", "2", "--treatment", "reduce", "--reason", "施錠",
            "--controls", "5.10,5.15")
    answers = "".join("2\n" if i == 7 else "4\n" for i in range(1, 26))
    srv.cli("diagnose", stdin=answers)

    r = c.get("/soa/suggestions")
    tap.eq(r.status, 200, "the suggestions page")
    tap.ok(re.search(r'href="/soa/5.10">5.10</a>.*?リスク対応: 顧客名簿 / .*?（リスク 2 件）',
                     r.text, re.S), "from the risk treatment, with the asset and the count")
    tap.ok(re.search(r'href="/soa/5.14">5.14</a>.*?自社診断 項目7: 一部実施している',
                     r.text, re.S), "from the weak diagnosis answer")
    tap.ok("事例 c03" not in r.text, "no case until one is picked")
    r = c.get("/soa/suggestions?case=c03")
    tap.ok("事例 c03" in r.text and 'href="/soa/8.7"' in r.text, "a picked case's controls")
    tap.eq(c.get("/soa/suggestions?case=c99").status, 400, "an unknown case is refused")
    r = c.get("/soa")
    tap.ok("適用の提案（3件）" in r.text, "the statement counts the open suggestions")
    r = c.get("/soa/5.10")
    tap.ok('href="/risks/1"' in r.text and 'href="/risks/2"' in r.text,
           "the control's page links its risks")

    def decide(control, source, decision, case=None):
        f = {"csrf": c.csrf("/soa/suggestions"), "control": control,
             "source": source, "decision": decision}
        if case:
            f["case"] = case
        return c.post("/soa/suggestions", f)

    r = decide("5.10", "risk", "accept")
    tap.eq(r.status, 303, "a suggestion accepted")
    tap.eq(entry("5.10")[:2], ("yes", 1), "applicable for risk treatment")
    r = decide("5.14", "diagnosis:7", "reject")
    tap.eq(r.status, 303, "a suggestion rejected")
    tap.eq(entry("5.14")[0], "undecided", "rejecting leaves the entry alone")
    tap.eq(db.execute("select basis, accepted from soa_decision where control = '5.14'").fetchone(),
           ("2", 0), "the decision is remembered")
    r = c.get("/soa/suggestions")
    tap.ok('href="/soa/5.14"' not in r.text and 'href="/soa/5.10"' not in r.text,
           "decided suggestions are not shown again")
    before = snapshot()
    r = decide("5.14", "diagnosis:7", "accept")
    tap.eq(r.status, 409, "a suggestion already decided is gone")
    r = decide("5.15", "risk", "maybe")
    tap.eq(r.status, 400, "an unknown decision is refused")
    tap.eq(snapshot(), before, "nothing written")
    r = decide("8.7", "case:c03", "accept", case="c03")
    tap.eq(r.status, 303, "a case's suggestion accepted")
    tap.eq(r.header("Location"), "/soa/suggestions?case=c03", "back to the case")
    tap.eq(entry("8.7")[:2], ("yes", 8), "applicable for good practice")
    srv.cli("diagnose", stdin=answers.replace("2\n", "0\n", 1))
    r = c.get("/soa/suggestions")
    tap.ok(re.search(r'href="/soa/5.14">5.14</a>.*?自社診断 項目7: 実施していない', r.text, re.S),
           "a rejected suggestion returns when its source changes")

    # ---------------- the API ----------------
    W = new_token(c, "write", "書き込み")
    R = new_token(c, "read", "読み取り")
    tap.ok(W and R, "write and read tokens")
    a = srv.client()
    body = check(api(a, "GET", "/api/v1/soa", R), "GET", "/api/v1/soa", 200, "the statement")
    if body:
        tap.eq(body["count"], 93, "93 entries")
        tap.eq([e["control"] for e in body["items"][:11]][9:],
               ["5.10", "5.11"], "in the standard's order")
        first = body["items"][0]
        tap.eq((first["applicable"], first["reasons"], first["status"], first["risks"]),
               ("yes", ["risk", "legal"], "partly", 0), "an entry with its names")
        tap.eq(body["items"][9]["risks"], 2, "the risks that chose a control")
        tap.eq(body["summary"]["version"], None, "no version")
        tap.ok(any(b["control"] == "5.3" and b["problem"] == "undecided"
                   for b in body["summary"]["blockers"]), "the blockers")
    body = check(api(a, "GET", "/api/v1/soa/5.10", R, lang="en"), "GET",
                 "/api/v1/soa/{id}", 200, "one entry")
    if body:
        tap.eq(body["title"], "Acceptable use of information and other associated assets",
               "titled in the request's language")
        tap.eq(sorted(x["id"] for x in body["linked_risks"]), [1, 2], "with its risks")
    check(api(a, "GET", "/api/v1/soa/9.99", R), "GET", "/api/v1/soa/{id}", 404,
          "an unknown control")
    body = check(api(a, "PATCH", "/api/v1/soa/5.3", W,
                     {"applicable": "yes", "reasons": ["contract", "legal"],
                      "status": "implemented", "owner": "情報システム担当",
                      "reviewed_on": "2026-03-01"}),
                 "PATCH", "/api/v1/soa/{id}", 200, "an entry changed")
    if body:
        tap.eq((body["reasons"], body["status"], body["reviewed_on"]),
               (["legal", "contract"], "implemented", "2026-03-01"), "the entry after it")
    tap.eq(entry("5.3")[:2], ("yes", 6), "stored")
    before = snapshot()
    for b, field, name in (
            ({"applicable": "no"}, "justification", "an exclusion without a justification"),
            ({"reasons": []}, "reasons", "applicable without a reason"),
            ({"reasons": ["law"]}, "reasons", "an unknown reason"),
            ({"status": "done"}, "status", "an unknown status"),
            ({"applicable": "maybe"}, "applicable", "an unknown applicability"),
            ({"reviewed_on": "2026-02-30"}, "reviewed_on", "an impossible date"),
            ({"owner": 5}, "owner", "a number for a text"),
            ({"colour": "red"}, "colour", "an unknown member")):
        # Wrong types and unknown members are malformed requests (400).
        status = 400 if field in ("owner", "colour") else 422
        body = check(api(a, "PATCH", "/api/v1/soa/5.3", W, b), "PATCH",
                     "/api/v1/soa/{id}", status, name)
        tap.eq(body and body.get("field"), field, f"{name}: names the member")
    r = api(a, "PATCH", "/api/v1/soa/5.3", W, raw=b"{")
    tap.eq(r.status, 400, "malformed JSON is refused")
    check(api(a, "PATCH", "/api/v1/soa/9.99", W, {"owner": "x"}), "PATCH",
          "/api/v1/soa/{id}", 404, "an unknown control cannot be changed")
    check(api(a, "PATCH", "/api/v1/soa/5.3", R, {"owner": "x"}), "PATCH",
          "/api/v1/soa/{id}", 403, "a read-only token cannot change it")
    tap.eq(snapshot(), before, "nothing written by the refusals")

    body = check(api(a, "POST", "/api/v1/soa/approve", W), "POST",
                 "/api/v1/soa/approve", 409, "approval while blocked")
    tap.ok(body and len(body["blockers"]) > 80, "lists what blocks it")
    tap.eq(snapshot(), before, "nothing approved")
    check(api(a, "POST", "/api/v1/soa/approve", R), "POST", "/api/v1/soa/approve",
          403, "a read-only token cannot approve")

    # The rest of the statement through the API, as a script would.
    for e in check(api(a, "GET", "/api/v1/soa", R), "GET", "/api/v1/soa", 200,
                   "the statement again")["items"]:
        if e["applicable"] == "undecided":
            r = api(a, "PATCH", f"/api/v1/soa/{e['control']}", W,
                    {"applicable": "yes", "reasons": ["practice"],
                     "status": "implemented"})
            if r.status != 200:
                tap.ok(False, f"PATCH {e['control']}", r.text)
                break
    api(a, "PATCH", "/api/v1/soa/5.10", W, {"status": "implemented"})
    api(a, "PATCH", "/api/v1/soa/8.7", W, {"status": "partly"})
    body = check(api(a, "GET", "/api/v1/soa", R), "GET", "/api/v1/soa", 200, "all decided")
    tap.eq(body and body["summary"]["blockers"], [], "nothing blocks approval")

    # The page offers approval to the executive and refuses everyone else.
    srv.cli("user", "add", "lead@example.jp", "--role", "department_lead",
            "--password-stdin", stdin=PW + "\n")
    lead = srv.client()
    lead.login("lead@example.jp", PW)
    tap.ok("経営者が承認できます" in lead.get("/soa").text, "an editor is told the executive approves")
    r = lead.post("/soa/approve", {"csrf": lead.csrf("/soa")})
    tap.eq(r.status, 403, "a department lead cannot approve")
    tap.ok('action="/soa/approve"' in c.get("/soa").text, "the executive gets the button")
    r = c.post("/soa/approve", {"csrf": c.csrf("/soa")})
    tap.eq(r.status, 303, "the executive approves")
    tap.eq(r.header("Location"), "/soa/versions/1", "version 1")
    tap.eq(db.execute("select no, approved_by from soa_version").fetchone(),
           (1, srv.admin), "stored with who approved")
    tap.eq(count("select count(*) from soa_version_entry"), 93, "with every entry")
    tap.ok("最新の承認済みは第1版です" in c.get("/soa").text, "the statement names it")

    api(a, "PATCH", "/api/v1/soa/8.7", W, {"status": "implemented", "owner": "総務部長"})
    api(a, "PATCH", "/api/v1/soa/5.4", W, {"applicable": "no",
                                            "justification": "経営陣は一人のため"})
    r = api(a, "POST", "/api/v1/soa/approve", W, raw=b"{}")
    body = check(r, "POST", "/api/v1/soa/approve", 201, "approved through the API")
    tap.eq(body and body["no"], 2, "as version 2")
    tap.eq(r.header("Location"), "/api/v1/soa/versions/2", "with its Location")
    body = check(api(a, "GET", "/api/v1/soa/versions", R), "GET", "/api/v1/soa/versions",
                 200, "the versions")
    tap.eq(body and [v["no"] for v in body["items"]], [2, 1], "newest first")
    tap.eq(body and (body["items"][0]["applicable"], body["items"][0]["excluded"]),
           (91, 2), "with their counts")
    body = check(api(a, "GET", "/api/v1/soa/versions/1", R), "GET",
                 "/api/v1/soa/versions/{n}", 200, "version 1")
    tap.eq(body and [e for e in body["items"] if e["control"] == "5.4"][0]["applicable"],
           "yes", "as it was approved")
    check(api(a, "GET", "/api/v1/soa/versions/9", R), "GET", "/api/v1/soa/versions/{n}",
          404, "an unknown version")
    check(api(a, "GET", "/api/v1/soa/versions/x", R), "GET", "/api/v1/soa/versions/{n}",
          404, "a version that is no number")

    # ---------------- versions and differences ----------------
    r = c.get("/soa/versions")
    tap.ok(r.status == 200 and 'href="/soa/versions/2"' in r.text and
           'action="/soa/diff"' in r.text, "the versions page with the comparison form")
    r = c.get("/soa/versions/1")
    tap.ok(r.status == 200 and srv.admin in r.text and 'name="applicable"' not in r.text,
           "a version, read-only, with its approver")
    tap.eq(c.get("/soa/versions/9").status, 404, "an unknown version")
    r = c.get("/soa/diff?a=1&b=2")
    tap.eq(r.status, 200, "the difference of two versions")
    tap.ok("2 の管理策に違いがあります" in r.text, "counted")
    tap.ok(re.search(r'href="/soa/8.7">8.7</a></td><td>実施状況</td><td>一部実施</td><td>実施済</td>',
                     r.text), "a changed status, before and after")
    tap.ok(re.search(r'href="/soa/5.4">5.4</a></td><td>適用</td><td>適用する</td><td>除外</td>',
                     r.text), "a control excluded")
    tap.ok("違いはありません" in c.get("/soa/diff?a=2&b=2").text, "a version against itself")
    tap.eq(c.get("/soa/diff?a=1").status, 400, "diff needs two versions")
    tap.eq(c.get("/soa/diff?a=1&b=x").status, 400, "diff needs numbers")
    tap.eq(c.get("/soa/diff?a=1&b=7").status, 404, "diff of an unknown version")

    # ---------------- exports ----------------
    r = c.get("/soa/export.csv?lang=en")
    tap.eq(r.status, 200, "CSV in English")
    tap.ok((r.header("Content-Type") or "").startswith("text/csv"), "as text/csv")
    tap.ok("attachment" in (r.header("Content-Disposition") or ""), "as a download")
    tap.eq(r.body[:3], b"\xef\xbb\xbf", "with a BOM for Excel")
    rows = list(csv.reader(io.StringIO(r.body[3:].decode())))
    tap.eq(rows[0][:5], ["Control", "Theme", "Title", "Applicable", "Reasons for inclusion"],
           "English headers while the page is Japanese")
    tap.eq(len(rows), 94, "a header and 93 rows")
    row = [x for x in rows if x[0] == "5.4"][0]
    tap.eq(row[1:4] + row[5:7], ["Organizational controls", "Management responsibilities",
                                 "Excluded", "経営陣は一人のため", "Not applicable"],
           "values in English, the organisation's words as written")
    r = c.get("/soa/export.csv?lang=ja")
    rows = list(csv.reader(io.StringIO(r.body[3:].decode())))
    tap.eq(rows[0][:3], ["管理策", "テーマ", "名称"], "Japanese headers")
    row = [x for x in rows if x[0] == "5.10"][0]
    tap.eq((row[3], row[4], row[9]), ("適用する", "リスク対応", "2"),
           "applicability, reasons and the linked risks")
    tap.eq(c.get("/soa/export.csv?lang=fr").status, 400, "an unknown language is refused")
    r = c.get("/soa/export.xlsx?lang=en")
    tap.eq(r.status, 200, "a workbook")
    try:
        z = zipfile.ZipFile(io.BytesIO(r.body))
        names = z.namelist()
        tap.ok("xl/worksheets/sheet1.xml" in names, "a zip with its sheet")
        shared = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in names else \
            z.read("xl/worksheets/sheet1.xml").decode()
        tap.ok("Reasons for inclusion" in shared and "Management responsibilities" in shared,
               "in English")
        tap.ok("Statement of Applicability" in z.read("xl/workbook.xml").decode(),
               "its sheet named")
    except zipfile.BadZipFile as e:
        tap.ok(False, "a zip with its sheet", e)
    r = c.get("/soa/export.xlsx?lang=ja&version=1")
    tap.eq(r.status, 200, "a version as a workbook")
    z = zipfile.ZipFile(io.BytesIO(r.body))
    tap.ok("適用宣言書" in z.read("xl/workbook.xml").decode(), "in Japanese")
    tap.eq(c.get("/soa/export.xlsx?version=9").status, 404, "an unknown version")
    r = c.get("/soa/export.pdf?lang=ja&version=1")
    tap.ok(r.status == 200 and r.body[:5] == b"%PDF-" and
           (r.header("Content-Type") or "").startswith("application/pdf"),
           "a version as a PDF", r.status)
    pdf_path = os.path.join(srv.dir, "soa.pdf")
    with open(pdf_path, "wb") as f:
        f.write(r.body)
    import subprocess
    text = subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True,
                          text=True).stdout
    tap.ok("適用宣言書" in text and "第1版" in text and "承認" in text,
           "titled, with its version and the approval box", text[:400])
    r = c.get("/soa/export.pdf?lang=en")
    tap.ok(r.status == 200 and r.body[:5] == b"%PDF-", "the working copy as a PDF in English")
    tap.eq(c.get("/soa/export.pdf?version=9").status, 404, "an unknown version as a PDF")
    tap.eq(c.get("/soa/export.pdf?lang=fr").status, 400, "an unknown language as a PDF")

    # ---------------- permissions ----------------
    srv.cli("user", "add", "staff@example.jp", "--role", "employee",
            "--password-stdin", stdin=PW + "\n")
    until = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    srv.cli("user", "add", "aud@example.jp", "--role", "auditor", "--expires", until,
            "--password-stdin", stdin=PW + "\n")
    staff = srv.client()
    staff.login("staff@example.jp", PW)
    tap.eq(staff.get("/soa").status, 403, "an employee cannot read the statement")
    tap.eq(staff.get("/soa/export.csv").status, 403, "nor export it")
    aud = srv.client()
    aud.login("aud@example.jp", PW)
    r = aud.get("/soa/5.1")
    tap.ok(r.status == 200 and 'name="applicable"' not in r.text and "総務部長" in r.text,
           "an auditor reads the entry without a form")
    before = snapshot()
    r = aud.post("/soa/5.1", {"csrf": aud.csrf("/soa"), "applicable": "no",
                              "justification": "x"})
    tap.eq(r.status, 403, "an auditor cannot change it")
    r = aud.post("/soa/suggestions", {"csrf": aud.csrf("/soa"), "control": "5.14",
                                      "source": "diagnosis:7", "decision": "accept"})
    tap.eq(r.status, 403, "nor decide a suggestion")
    tap.eq(snapshot(), before, "nothing written")

    # ---------------- another organisation ----------------
    c.post("/orgs", {"csrf": c.csrf("/orgs"), "name": "別会社"})
    b = count("select id from organisation where name = '別会社'")
    c.post("/orgs/switch", {"csrf": c.csrf("/orgs"), "org": str(b)})
    r = c.get("/soa")
    tap.ok("未決定 93" in r.text and "承認された版はまだありません" in r.text,
           "another organisation starts with its own statement")
    tap.eq(c.get("/soa/versions/1").status, 404, "and sees no version of the first")
    tap.eq(c.get("/soa/diff?a=1&b=2").status, 404, "nor their difference")
    tap.ok("総務部長" not in c.get("/soa/5.1").text, "nor an entry")
    tap.ok("5.10" not in c.get("/soa/suggestions").text, "nor its suggestions")
    rows = list(csv.reader(io.StringIO(c.get("/soa/export.csv?lang=en").body[3:].decode())))
    tap.eq({x[3] for x in rows[1:]}, {"Undecided"}, "its export is all undecided")
    r = save("5.1", [("applicable", "yes"), ("reason_contract", "1")])
    tap.eq(r.status, 303, "a change there")
    tap.eq(count("select count(*) from soa_entry where org_id = ?", b), 93, "starts its own rows")
    first_org = count("select id from organisation where name = '株式会社まもり商事'")
    tap.eq(count("select reasons from soa_entry where org_id = ? and control = '5.1'",
                 first_org), 3, "and leaves the first one's alone")

    tap.eq(srv.cli("audit", "verify").returncode, 0, "the audit chain holds")
finally:
    srv.stop()
tap.done()
