#!/usr/bin/env python3
"""The levelled control checklist on the web and through the API.

/checklist (the executive summary, the views by domain, function and
owner role, the filters), one item's page and form, /checklist/gaps with
the reason for each position, the exports (CSV in either language, the
workbook), and GET/PATCH /api/v1/checklist… against docs/api/openapi.yaml.
The gap order is checked against the rule itself, with and without a
high-grade risk; the counts per level against the catalogue file; and
every refusal leaves the data as it was. Also: who may read and who may
change, another organisation sees none of it, and the audit trail
verifies."""
import csv
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

# The catalogue, read here from its file: id -> (kind, domain, function, level).
CATALOGUE = {}
with open(os.path.join(ROOT, "data/catalog/guideline.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or line.startswith("id\t"):
            continue
        col = line.rstrip("\n").split("\t")
        CATALOGUE[col[0]] = (col[1], col[2], col[3], int(col[5]))
AT = {n: sum(1 for v in CATALOGUE.values() if v[3] <= n) for n in (1, 2, 3)}
# An L2 item to adopt: the last, far from the risk the test treats below.
L2_ITEM = [k for k, v in CATALOGUE.items() if v[3] == 2][-1]
FUNCTIONS = ["identify", "protect", "detect", "respond", "recover"]


def validate(body, template, status=200, method="get"):
    resp = spec["paths"][template][method]["responses"][str(status)]
    if "$ref" in resp:
        resp = spec["components"]["responses"][resp["$ref"].split("/")[-1]]
    ctype = "application/problem+json" if status >= 400 else "application/json"
    schema = dict(resp["content"][ctype]["schema"])
    schema["components"] = spec["components"]
    try:
        jsonschema.Draft202012Validator(schema).validate(body)
        return tap.ok(True, f"{method.upper()} {template} {status}: matches the schema")
    except jsonschema.ValidationError as e:
        return tap.ok(False, f"{method.upper()} {template} {status}: matches the schema", e)


def api(client, method, path, token, body=None, raw=None):
    headers = {"Authorization": "Bearer " + token}
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
    if data is not None:
        headers["Content-Type"] = "application/json"
    r = client.request(method, path, body=data, headers=headers, raw=True)
    try:
        r.json = json.loads(r.body)
    except ValueError:
        r.json = None
    return r


def new_token(client, scope, name):
    page = client.post("/settings/tokens", {"csrf": client.csrf("/settings"),
                                            "name": name, "scope": scope,
                                            "days": "30"})
    m = re.search(r'id="new-token">(mmr_[0-9a-f]{64})<', page.text)
    return m.group(1) if m else None


def rows(page, table_id):
    """The data-item ids of a table's rows, in order."""
    m = re.search(r'<table[^>]*id="%s".*?</table>' % table_id, page, re.S)
    return re.findall(r'<tr[^>]*data-item="([^"]+)"', m.group(0)) if m else []


def db():
    return sqlite3.connect("file:%s?mode=ro" % srv.data, uri=True)


def snapshot():
    with db() as con:
        return (con.execute("select * from checklist_status order by org_id, item").fetchall(),
                con.execute("select count(*) from audit_event").fetchone()[0])


def gap_key(g):
    """The rule's key for a gap (from its own fields and the catalogue)."""
    kind, domain, function, level = CATALOGUE[g["id"]]
    important = function in ("identify", "protect") and \
        domain in ("data", "account", "backup")
    return (g["included"] == "adopted", -g["high_risks"], not important,
            kind != "establish", FUNCTIONS.index(function), -g["treated_risks"],
            level, g["status"] == "partly")


def check_order(gaps, name):
    keys = [gap_key(g) for g in gaps]
    bad = [i for i in range(1, len(keys)) if keys[i - 1] > keys[i]]
    tap.ok(not bad, name, [gaps[i]["id"] for i in bad[:3]])


srv = Server(org="株式会社さくら精機")
try:
    web = srv.client()
    web.login(srv.admin, srv.password)
    web.setup_mfa()
    W = new_token(web, "write", "書き込み")
    R = new_token(web, "read", "読み取み")
    c = srv.client()
    tap.ok(W and R, "write and read tokens")

    # ---------------- the summary and the list ----------------
    page = web.get("/checklist")
    tap.eq(page.status, 200, "/checklist")
    t = page.text
    tap.ok("貴社のレベル：L1" in t, "the organisation's level")
    tap.ok('href="/profile"' in t, "and where to change it")
    tap.ok(re.search(r'id="coverage">0%<', t), "nothing done yet: 0%")
    tap.ok(f"対象 {AT[1]} 項目" in t, f"the L1 items counted ({AT[1]})")
    tap.ok(t.count("<svg") >= 9, "a bar per domain")
    top = re.search(r'<ol class="advice" id="top-gaps">(.*?)</ol>', t, re.S)
    tap.ok(top and top.group(1).count("<li>") == 5, "the top of the gap list")
    tap.ok(top and 'href="/checklist/3"' in top.group(1).split("</li>")[0],
           "first: set up account management")
    tap.ok(top and "L1 の項目／重要なデータを把握する／仕組みを整える項目" in top.group(1),
           "with the reasons for its place")
    tap.ok("リスクアセスメントを始めると" in t, "says a risk assessment would sharpen it")
    tap.eq(len(rows(t, "checklist")), AT[1], "the table lists the L1 items")
    tap.ok(re.search(r'<a href="/checklist" aria-current="page"', t), "the navigation")

    for view, group in [("domain", "アカウント"), ("function", "識別"), ("owner", "経営層")]:
        p = web.get(f"/checklist?view={view}")
        tap.eq(p.status, 200, f"view by {view}")
        tap.ok(re.search(r'<tr class="group"><th[^>]*>%s' % group, p.text),
               f"grouped under {group}")
    p = web.get("/checklist?view=owner")
    owned = rows(p.text, "checklist")
    tap.ok(len(owned) >= AT[1], "by owner, an item with two roles shows twice")
    tap.eq(web.get("/checklist?view=table").status, 400, "an unknown view: 400")

    p = web.get("/checklist?domain=account")
    ids = rows(p.text, "checklist")
    tap.ok(ids and all(CATALOGUE[i][1] == "account" and CATALOGUE[i][3] == 1 for i in ids),
           "filtered by domain")
    p = web.get("/checklist?level=2")
    ids = rows(p.text, "checklist")
    tap.eq(len(ids), AT[2] - AT[1], "level 2 shows that level's items")
    tap.ok("レベル外" in p.text, "marked above the level")
    p = web.get("/checklist?function=recover&view=function")
    ids = rows(p.text, "checklist")
    tap.ok(ids and all(CATALOGUE[i][2] == "recover" for i in ids), "filtered by function")
    tap.eq(web.get("/checklist?domain=kitchen").status, 400, "an unknown domain: 400")
    tap.eq(web.get("/checklist?open=yes").status, 400, "open takes 1 only")

    # ---------------- one item ----------------
    p = web.get("/checklist/3.1.1")
    tap.eq(p.status, 200, "an item's page")
    tap.ok('id="item-form"' in p.text and 'href="/guideline/3.1.1"' in p.text,
           "its form and the catalogue entry")
    tap.ok('name="adopted"' not in p.text, "nothing to adopt at the level")
    tap.eq(web.get("/checklist/99.1").status, 404, "an item the guideline lacks: 404")
    csrf = web.csrf("/checklist/3.1.1")
    r = web.post("/checklist/3.1.1", {"csrf": csrf, "status": "partly",
                                      "owner": "情報システム 山田", "note": "承認は紙\r\nで記録",
                                      "evidence": "アカウント申請書", "review_on": "2027-03-31"})
    tap.eq(r.status, 303, "a status saved")
    tap.eq(r.header("Location"), "/checklist/3.1.1?saved=1", "back to the item")
    p = web.get("/checklist/3.1.1?saved=1")
    tap.ok("記録しました" in p.text and "情報システム 山田" in p.text, "shown as saved")
    with db() as con:
        row = con.execute("select status, owner, note, evidence, review_on, updated_by "
                          "from checklist_status where item = '3.1.1'").fetchone()
        ev = con.execute("select action, target, after from audit_event "
                         "order by seq desc limit 1").fetchone()
    tap.eq(row, ("partly", "情報システム 山田", "承認は紙\nで記録", "アカウント申請書",
                 "2027-03-31", srv.admin), "stored (line breaks as LF)")
    tap.eq(ev[:2], ("checklist.set", "checklist:3.1.1"), "with its audit event")
    tap.ok("status: partly" in ev[2] and "note: 承認は紙 で記録" in ev[2],
           "which says what changed, one line a field")

    before = snapshot()
    for name, form, text in [
            ("not applicable without a reason", {"status": "not_applicable"}, "理由"),
            ("a review date that is no date", {"review_on": "2027-02-30"}, "次回の見直し日"),
            ("an unknown status", {"status": "finished"}, "状況"),
            ("an owner on two lines", {"owner": "a\nb"}, "担当者"),
            ("adopting an item of the level", {"adopt_offered": "1", "adopted": "1"},
             "すでに含まれて")]:
        form["csrf"] = csrf
        r = web.post("/checklist/3.1.2", form)
        tap.eq(r.status, 400, f"{name}: 400")
        tap.ok(text in r.text and 'role="alert"' in r.text, f"{name}: says why")
    tap.eq(snapshot(), before, "the refusals wrote nothing")
    r = web.post("/checklist/3.1.1", {"csrf": csrf, "status": "partly",
                                      "owner": "情報システム 山田"})
    tap.eq(r.status, 303, "a save that changes nothing")
    tap.eq(snapshot(), before, "writes nothing")

    p = web.get(f"/checklist/{L2_ITEM}")
    tap.ok('name="adopted"' in p.text, f"an L2 item ({L2_ITEM}) may be adopted")
    r = web.post(f"/checklist/{L2_ITEM}", {"csrf": csrf, "adopt_offered": "1",
                                          "adopted": "1"})
    tap.eq(r.status, 303, "adopted")
    t = web.get("/checklist").text
    tap.ok(L2_ITEM in rows(t, "checklist"), "it is on the list now")
    tap.ok(f"対象 {AT[1]} 項目" in t, "the coverage still counts the level only")

    # ---------------- the gap list ----------------
    p = web.get("/checklist/gaps")
    tap.eq(p.status, 200, "/checklist/gaps")
    order = rows(p.text, "gaps")
    tap.eq(len(order), AT[1] + 1, "every open item of the level, and the adopted one")
    tap.eq(order[-1], L2_ITEM, "the adopted item last")
    tap.ok("採用した L2 の項目" in p.text, "saying it was adopted")
    tap.ok("一部は実施済み" in p.text, "a partly done item says so")
    g = api(c, "GET", "/api/v1/checklist/gaps", R)
    tap.eq(g.status, 200, "GET /api/v1/checklist/gaps")
    validate(g.json, "/api/v1/checklist/gaps")
    tap.eq([x["id"] for x in g.json["items"]], order, "the API's order is the page's")
    tap.ok(g.json["assessment_open"] is False, "no assessment yet")
    check_order(g.json["items"], "the order follows the rule (no risks)")
    first = g.json["items"][0]
    tap.eq([x["key"] for x in first["reasons"]],
           ["checklist.why.level", "checklist.why.identify_data", "checklist.why.establish"],
           "the first one's reasons, as keys")
    tap.eq(first["reasons"][0]["value"], 1, "with their numbers")

    # A high-grade risk whose treatment chose control 5.16 and item 3.2.8.
    r = api(c, "POST", "/api/v1/assets", W,
            {"name": "顧客名簿", "medium": "server", "c": 2, "i": 1, "a": 1,
             "registered_on": "2026-04-01"})
    asset = r.json["id"]
    r = web.post("/risks/method", {"csrf": web.csrf("/risks/method"), "do": "start",
                                   "method": "ipa"})
    tap.eq(r.status, 303, "an IPA assessment starts")
    r = api(c, "POST", "/api/v1/risks", W,
            {"asset": asset, "threat": "t06", "vulnerability": "v16"})
    risk = r.json["id"]
    r = api(c, "PATCH", f"/api/v1/risks/{risk}", W,
            {"threat_level": 3, "vulnerability_level": 3, "treatment": "reduce",
             "reason": "承認を記録する", "controls": ["5.16"], "guideline": ["3.2.8"]})
    tap.ok(r.status == 200 and r.json["grade"] == "high", "a high risk, treated")
    g = api(c, "GET", "/api/v1/checklist/gaps", R)
    validate(g.json, "/api/v1/checklist/gaps")
    tap.ok(g.json["assessment_open"] is True, "the assessment is open")
    check_order(g.json["items"], "the order follows the rule (with a high risk)")
    touched = [x for x in g.json["items"] if x["high_risks"]]
    tap.ok(all(x["included"] == "level" for x in touched), "none of them adopted")
    tap.ok(touched and g.json["items"][:len(touched)] == touched,
           "the items touching the high risk come first")
    tap.ok("3.1.1" in [x["id"] for x in touched], "3.1.1 shares control 5.16")
    tap.ok(all(x["reasons"][1]["key"] == "checklist.why.high_risks" for x in touched),
           "saying so right after the level")
    p = web.get("/checklist/gaps")
    tap.eq(rows(p.text, "gaps"), [x["id"] for x in g.json["items"]], "the page agrees")
    tap.ok("高リスク 1 件に関わる" in p.text, "the reason in words")
    tap.ok("リスクアセスメントを始めると" not in p.text, "no hint once one is open")
    i = api(c, "GET", "/api/v1/checklist/3.2.8", R)
    tap.ok(i.json["high_risks"] == 1 and i.json["treated_risks"] == 1 and
           i.json["included"] == "excluded" and i.json["rank"] is None,
           "the chosen L2 item: touched, chosen, but off the list")
    g = api(c, "GET", "/api/v1/checklist/gaps?limit=3", R)
    tap.ok(len(g.json["items"]) == 3 and g.json["total"] == AT[1] + 1,
           "a limit keeps the total")
    r = api(c, "GET", "/api/v1/checklist/gaps?limit=0", R)
    tap.ok(r.status == 400 and r.json["field"] == "limit", "limit 0: 400 naming limit")
    validate(r.json, "/api/v1/checklist/gaps", 400)

    # ---------------- the API ----------------
    r = api(c, "GET", "/api/v1/checklist", R)
    tap.eq(r.status, 200, "GET /api/v1/checklist")
    validate(r.json, "/api/v1/checklist")
    cov = r.json["coverage"]
    tap.ok(cov["items"] == AT[1] and cov["partly"] == 1 and cov["done"] == 0 and
           cov["percent"] == 0, "the coverage: one partly of the L1 items", cov)
    acc = next(x for x in cov["domains"] if x["domain"] == "account")
    tap.eq(acc["partly"], 1, "in the account domain")
    tap.eq(r.json["count"], AT[1] + 1, "the L1 items and the adopted one")
    r = api(c, "GET", "/api/v1/checklist?status=partly&domain=account", R)
    tap.eq([x["id"] for x in r.json["items"]], ["3.1.1"], "filters")
    r = api(c, "GET", "/api/v1/checklist?owner=hr_lead", R)
    tap.ok(r.json["items"] and all("hr_lead" in x["owners"] for x in r.json["items"]),
           "by owner role")
    for q, field in [("status=finished", "status"), ("level=4", "level"),
                     ("domain=kitchen", "domain"), ("colour=red", "colour")]:
        r = api(c, "GET", f"/api/v1/checklist?{q}", R)
        tap.ok(r.status == 400 and r.json["field"] == field, f"{q}: 400 naming {field}",
               r.status, r.json)
    r = api(c, "GET", "/api/v1/checklist/3.1.1", R)
    validate(r.json, "/api/v1/checklist/{id}")
    tap.ok(r.json["status"] == "partly" and r.json["note"] == "承認は紙\nで記録" and
           r.json["rank"] >= 1, "one item, with its rank")
    r = api(c, "GET", "/api/v1/checklist/99.1", R)
    tap.eq(r.status, 404, "an unknown item: 404")

    r = api(c, "PATCH", "/api/v1/checklist/3.1.3", W,
            {"status": "done", "owner": "佐藤", "evidence": "設定画面の写し",
             "review_on": "2027-04-01"})
    tap.eq(r.status, 200, "PATCH records a status")
    validate(r.json, "/api/v1/checklist/{id}", 200, "patch")
    tap.ok(r.json["status"] == "done" and r.json["rank"] is None, "done: off the gap list")
    r = api(c, "PATCH", "/api/v1/checklist/3.1.4", W,
            {"status": "not_applicable", "reason": "共有アカウントはない"})
    tap.ok(r.status == 200 and r.json["reason"] == "共有アカウントはない", "not applicable")
    r = api(c, "GET", "/api/v1/checklist", R)
    cov = r.json["coverage"]
    tap.ok(cov["done"] == 1 and cov["not_applicable"] == 1 and
           cov["percent"] == round((1 + 0.5) * 100 / (AT[1] - 1)),
           "done 1, partly ½, not applicable out of the denominator", cov)
    before = snapshot()
    for name, body, status, field in [
            ("not applicable without a reason", {"status": "not_applicable"}, 422, "reason"),
            ("an unknown status", {"status": "finished"}, 422, "status"),
            ("a bad date", {"review_on": "2027-13-01"}, 422, "review_on"),
            ("a note too long", {"note": "x" * 2001}, 422, "note"),
            ("adopting within the level", {"adopted": True}, 422, "adopted"),
            ("adopted as a string", {"adopted": "yes"}, 400, "adopted"),
            ("an owner as a number", {"owner": 3}, 400, "owner"),
            ("an unknown member", {"colour": "red"}, 400, "colour")]:
        r = api(c, "PATCH", "/api/v1/checklist/3.2.1", W, body)
        tap.ok(r.status == status and r.json and r.json.get("field") == field,
               f"{name}: {status} naming {field}", r.status, r.json)
    validate(r.json, "/api/v1/checklist/{id}", 400, "patch")
    r = api(c, "PATCH", "/api/v1/checklist/3.2.1", W, raw=b"{")
    tap.eq(r.status, 400, "malformed JSON: 400")
    r = api(c, "PATCH", "/api/v1/checklist/99.1", W, {"status": "done"})
    tap.eq(r.status, 404, "PATCH an unknown item: 404")
    r = api(c, "PATCH", "/api/v1/checklist/3.2.1", R, {"status": "done"})
    tap.eq(r.status, 403, "a read token may not PATCH")
    tap.eq(snapshot(), before, "the refusals wrote nothing")
    r = api(c, "PATCH", "/api/v1/checklist/3.1.3", W, {"owner": "佐藤"})
    tap.eq(r.status, 200, "a PATCH that changes nothing")
    tap.eq(snapshot(), before, "writes nothing")

    # ---------------- the level ----------------
    r = api(c, "PUT", "/api/v1/profile", W, {"large_private_data": True})
    tap.eq(r.json["level"], 2, "the profile's answers raise the level to L2")
    r = api(c, "GET", "/api/v1/checklist", R)
    tap.ok(r.json["level"] == 2 and r.json["coverage"]["items"] == AT[2] and
           r.json["count"] == AT[2], f"L2 holds the L1 and L2 items ({AT[2]})")
    adopted = next(x for x in r.json["items"] if x["id"] == L2_ITEM)
    tap.ok(adopted["included"] == "level" and adopted["adopted"] is True,
           "the adopted item is on the list by level now, keeping its flag")
    tap.ok("貴社のレベル：L2" in web.get("/checklist").text, "the page says L2")
    api(c, "PUT", "/api/v1/profile", W,
        {"dedicated_admin": True, "large_private_data": True, "has_csirt": True})
    r = api(c, "GET", "/api/v1/checklist", R)
    tap.ok(r.json["level"] == 3 and r.json["count"] == AT[3] == len(CATALOGUE),
           f"L3 holds every item ({AT[3]})")
    api(c, "PUT", "/api/v1/profile", W, {})

    # ---------------- exports ----------------
    r = web.get("/checklist/export.csv?lang=en")
    tap.eq(r.status, 200, "the status as CSV")
    tap.ok(r.header("Content-Type").startswith("text/csv") and
           "checklist-status.csv" in r.header("Content-Disposition"), "a CSV download")
    body = r.body.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(body)))
    tap.eq(table[0][:4], ["id", "level", "kind", "domain"], "English headers, asked for")
    tap.eq(len(table) - 1, len(CATALOGUE), "every item of the catalogue")
    row = next(x for x in table if x[0] == "3.1.1")
    tap.eq(row[7:12], ["L1", "partly", "", "情報システム 山田", "承認は紙\nで記録"],
           "the item's status in English, its texts as typed")
    r = web.get("/checklist/export.csv?what=gaps")
    table = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
    tap.eq(table[0][:3], ["順位", "ID", "レベル"], "the gap list in the reader's Japanese")
    g = api(c, "GET", "/api/v1/checklist/gaps", R)
    tap.eq([x[1] for x in table[1:]], [x["id"] for x in g.json["items"]],
           "in the gap list's order")
    tap.ok("高リスク 1 件に関わる" in body or any("高リスク" in x[11] for x in table[1:]),
           "with the reasons")
    r = web.get("/checklist/export.xlsx?what=gaps&lang=en")
    tap.eq(r.status, 200, "the gap list as a workbook")
    tap.ok("spreadsheetml" in r.header("Content-Type") and
           "checklist-gaps.xlsx" in r.header("Content-Disposition"), "an xlsx download")
    try:
        z = zipfile.ZipFile(io.BytesIO(r.body))
        shared = z.read("xl/sharedStrings.xml").decode()
        sheets = z.read("xl/workbook.xml").decode()
        tap.ok('name="Priorities"' in sheets, "the sheet named in English")
        tap.ok("why it ranks here" in shared and "touches 1 high risks" in shared,
               "headers and reasons in English")
    except (zipfile.BadZipFile, KeyError) as e:
        tap.ok(False, "a workbook that opens", e)
    for q in ["what=risks", "lang=fr"]:
        tap.eq(web.get(f"/checklist/export.csv?{q}").status, 400, f"{q}: 400")

    # ---------------- permissions ----------------
    for role in ["employee", "auditor", "department_lead", "executive"]:
        args = ["user", "add", f"{role}@example.jp", "--role", role, "--password-stdin"]
        if role == "auditor":
            args += ["--expires", "2099-12-31"]
        srv.cli(*args, stdin=PW + "\n")
    emp = srv.client()
    emp.login("employee@example.jp", PW)
    tap.eq(emp.get("/checklist").status, 403, "an employee may not read the checklist")
    aud = srv.client()
    aud.login("auditor@example.jp", PW)
    tap.eq(aud.get("/checklist").status, 200, "an auditor may read it")
    tap.ok('id="item-form"' not in aud.get("/checklist/3.2.1").text,
           "but is shown no form")
    r = aud.post("/checklist/3.2.1", {"csrf": aud.csrf("/settings"), "status": "done"})
    tap.eq(r.status, 403, "and may not record")
    for role in ["department_lead", "executive"]:
        u = srv.client()
        u.login(f"{role}@example.jp", PW)
        r = u.post("/checklist/3.2.1", {"csrf": u.csrf("/settings"), "status": "partly",
                                        "owner": role})
        tap.eq(r.status, 303, f"the {role} may record (they answer, as in the diagnosis)")

    # ---------------- another organisation ----------------
    r = web.post("/orgs", {"csrf": web.csrf(), "name": "別会社"})
    orgs = re.findall(r'name="org" value="(\d+)"', web.get("/orgs").text)
    other = max(int(x) for x in orgs)
    web.post("/orgs/switch", {"csrf": web.csrf(), "org": str(other)})
    t = web.get("/checklist").text
    tap.ok(re.search(r'id="coverage">0%<', t) and "情報システム 山田" not in t,
           "another organisation's checklist starts empty")
    p = web.get("/checklist/3.1.1")
    tap.ok("情報システム 山田" not in p.text, "and shows none of the first one's")
    r = web.get("/checklist/export.csv")
    tap.ok("情報システム 山田" not in r.body.decode("utf-8-sig"), "nor exports it")
    r = api(c, "GET", "/api/v1/checklist/3.1.1", R)
    tap.eq(r.json["owner"], "情報システム 山田", "the first one's token still sees its own")

    # ---------------- the audit trail ----------------
    v = srv.cli("audit", "verify", check=False)
    tap.eq(v.returncode, 0, "the audit trail verifies")
finally:
    srv.stop()
tap.done()
