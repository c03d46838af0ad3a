#!/usr/bin/env python3
"""Risks from an incident case in one action: the form on /cases/{id}
(assets of the case's medium first, a filter by name, every pair ticked),
the risks made for two assets in one step with an audit event each, pairs
an asset already has skipped and reported, refusal without an assessment
(with the way to start one), nothing written on bad input (another
organisation's asset, a pair not of the case), the roles that may not,
and POST /api/v1/cases/{id}/risks checked against docs/api/openapi.yaml."""
import json
import os
import re
import sqlite3
import sys
import urllib.parse

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
TEMPLATE = "/api/v1/cases/{id}/risks"


def check(r, status, name, template=TEMPLATE, method="post"):
    """The status, media type and body as documented; the parsed body."""
    ok = tap.eq(r.status, status, f"{name}: status {status}")
    ctype = "application/problem+json" if status >= 400 else "application/json"
    tap.eq((r.header("Content-Type") or "").split(";")[0], ctype,
           f"{name}: {ctype}")
    try:
        body = json.loads(r.body)
        resp = spec["paths"][template][method]["responses"][str(status)]
        if "$ref" in resp:
            resp = spec["components"]["responses"][resp["$ref"].split("/")[-1]]
        schema = dict(resp["content"][ctype]["schema"])
        schema["components"] = spec["components"]
        jsonschema.Draft202012Validator(schema).validate(body)
        tap.ok(True, f"{name}: body matches the OpenAPI schema")
    except Exception as e:  # noqa: BLE001
        tap.ok(False, f"{name}: body matches the OpenAPI schema", e,
               r.text[:500])
        body = None
    return body if ok else None


def api(client, path, token, body=None, raw=None, method="POST"):
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


def form(client, case, assets, pairs, draft=False):
    fields = [("csrf", client.csrf("/settings"))]
    fields += [("asset", str(a)) for a in assets]
    fields += [("pair", p) for p in pairs]
    if draft:
        fields.append(("draft", "1"))
    return client.post(f"/cases/{case}/risks", fields)


srv = Server(org="株式会社事例商会")
try:
    db = sqlite3.connect(srv.data)

    def count(sql, *args):
        return db.execute(sql, args).fetchone()[0]

    def rows():
        """What a refused request must leave as it was."""
        return (count("select count(*) from risk"),
                count("select count(*) from audit_event"))

    web = srv.client()
    web.login(srv.admin, srv.password)
    web.setup_mfa()
    W = new_token(web, "write", "書き込み")
    R = new_token(web, "read", "読み取り")
    tap.ok(W and R, "write and read tokens")

    for name, medium in (("VPN装置", "server"), ("ファイルサーバー", "server"),
                         ("経理のPC", "office_pc")):
        srv.cli("asset", "add", name, "--medium", medium)
    ids = dict(db.execute("select name, id from asset"))
    vpn, files, pc = ids["VPN装置"], ids["ファイルサーバー"], ids["経理のPC"]

    # Another organisation's asset, which this one must never reach.
    web.post("/orgs", {"csrf": web.csrf(), "name": "他社"})
    orgs = dict(db.execute("select name, id from organisation"))
    web.post("/orgs/switch", {"csrf": web.csrf(), "org": str(orgs["株式会社事例商会"])})
    srv.cli("asset", "add", "他社の名簿", "--medium", "server", "--org",
            str(orgs["他社"]))
    other = count("select id from asset where name = '他社の名簿'")

    # ---------------- before any assessment ----------------
    page = web.get("/cases/c02")
    tap.eq(page.status, 200, "the case page")
    tap.ok('id="register"' in page.text and 'href="/risks/method"' in page.text,
           "without an assessment: the section says how to start one")
    tap.ok('action="/cases/c02/risks"' not in page.text, "and offers no form")
    before = rows()
    r = form(web, "c02", [vpn], ["t03:v43"])
    tap.eq(r.status, 409, "registering without an assessment is refused")
    tap.ok('href="/risks/method"' in r.text, "with a link to choose the method")
    p = check(api(web, "/api/v1/cases/c02/risks", W, {"assets": [vpn]}), 409,
              "API without an assessment")
    tap.ok(p and p["type"].endswith("caserisk.no_assessment"), "says why")
    tap.eq(rows(), before, "nothing written without an assessment")

    r = web.post("/risks/method", {"csrf": web.csrf("/risks/method"),
                                   "do": "start", "method": "ipa"})
    tap.eq(r.status, 303, "an IPA assessment starts")

    # ---------------- the form ----------------
    page = web.get("/cases/c02")
    offered = re.findall(r'name="asset" value="(\d+)"', page.text)
    tap.eq(offered, [str(vpn), str(files), str(pc)],
           "assets on the case's medium (server) first, by name, then the rest")
    tap.ok(str(other) not in offered, "another organisation's asset is not offered")
    pairs = re.findall(r'name="pair" value="([^"]+)" checked', page.text)
    tap.eq(pairs, ["t03:v43", "t01:v38", "t03:v48"],
           "the case's pairs, all ticked")
    page = web.get("/cases/c02?q=" + "VPN")
    tap.eq(re.findall(r'name="asset" value="(\d+)"', page.text), [str(vpn)],
           "the filter narrows the list by name")
    page = web.get("/cases/c02?q=" + urllib.parse.quote("該当なし"))
    tap.ok('name="asset"' not in page.text and "/assets" in page.text,
           "no match: says so, with the way to the register")

    # ---------------- register for two assets ----------------
    before = rows()
    r = form(web, "c02", [vpn, files], ["t03:v43", "t01:v38", "t03:v48"])
    tap.eq(r.status, 200, "risks registered from the case")
    tap.eq(count("select count(*) from risk"), before[0] + 6,
           "three pairs for each of two assets")
    tap.eq(count("select count(*) from audit_event where action = 'risk.create'"
                 " and after like '% case:c02'"), 6,
           "one audit event per risk, naming the case")
    tap.eq(rows()[1], before[1] + 6, "and no other event")
    made = [int(x) for x in re.findall(r'href="/risks/(\d+)">#', r.text)]
    tap.eq(len(made), 6, "the page links the six new risks")
    tap.ok(f'href="/risks?asset={vpn}#risk-list"' in r.text,
           "and each asset's list of risks")
    tap.ok("<textarea" in r.text and "readonly" in r.text,
           "the case's rules and procedures as text to copy")
    tap.eq(count("select count(*) from risk where level = -1 and threat_level = -1"),
           6, "the new risks are unrated")

    # The same again, plus a third asset: duplicates skipped and reported.
    before = rows()
    r = form(web, "c02", [vpn, pc], ["t03:v43"])
    tap.eq(r.status, 200, "a second run")
    tap.ok("1 件のリスクを登録しました" in r.text and "1 件は登録していません" in r.text,
           "one made, one skipped, both said")
    tap.eq(count("select count(*) from risk where asset_id = ? and threat_id = 't03'"
                 " and vulnerability_id = 'v43'", vpn), 1, "no duplicate risk")
    tap.eq(rows(), (before[0] + 1, before[1] + 1), "one risk and one event")

    # ---------------- the draft rules and procedures ----------------
    tap.ok('name="draft" value="1" checked' in web.get("/cases/c03").text,
           "the form offers the draft, ticked")
    first_pair = re.findall(r'name="pair" value="([^"]+)"', web.get("/cases/c03").text)[:1]
    r = form(web, "c03", [pc], first_pair, draft=True)
    tap.eq(r.status, 200, "risks and the draft in one action")
    doc = db.execute("select id, title, type, status, latest_version from document"
                     " where code = 'PR-C03'").fetchone()
    tap.ok(doc and doc[2] == "procedure" and doc[3] == "draft" and doc[4] == 1,
           "a draft procedure PR-C03, version 1", doc)
    body = db.execute("select body from document_version where document_id = ?",
                      (doc[0],)).fetchone()[0] if doc else ""
    tap.ok("## 対策基準" in body and "## 実施手順" in body and "1. " in body and
           "8.7" in body, "its text: the case's rules, numbered steps, its controls", body[:300])
    tap.ok(f'href="/documents/{doc[0] if doc else 0}"' in r.text and "PR-C03" in r.text,
           "the result page links the draft")
    tap.eq(count("select count(*) from audit_event where action = 'document.add'"
                 " and target = ?", f"document:{doc[0] if doc else 0}"), 1,
           "the draft is in the audit trail")
    r = form(web, "c03", [pc], first_pair, draft=True)
    tap.ok(r.status == 200 and "すでに登録されている" in r.text and
           count("select count(*) from document where code = 'PR-C03'") == 1,
           "a second run leaves the registered draft as it is")

    # ---------------- bad input: nothing written ----------------
    before = rows()
    r = form(web, "c02", [vpn, other], ["t03:v43", "t03:v48"])
    tap.eq(r.status, 404, "another organisation's asset: 404")
    r = form(web, "c02", [pc, 999999], ["t03:v48"])
    tap.eq(r.status, 404, "an unknown asset: 404")
    r = form(web, "c02", [pc], ["t01:v01"])
    tap.eq(r.status, 400, "a pair not of the case: 400")
    r = form(web, "c02", [pc], ["t03"])
    tap.eq(r.status, 400, "a malformed pair: 400")
    r = form(web, "c02", ["x"], ["t03:v48"])
    tap.eq(r.status, 400, "a malformed asset id: 400")
    r = form(web, "c02", [], ["t03:v48"])
    tap.eq(r.status, 400, "no asset: 400")
    r = form(web, "c02", [pc], [])
    tap.eq(r.status, 400, "no pair: 400")
    r = form(web, "c99", [pc], ["t03:v48"])
    tap.eq(r.status, 404, "an unknown case: 404")
    r = web.post("/cases/c02/risks", [("asset", str(pc)), ("pair", "t03:v48")])
    tap.eq(r.status, 403, "no CSRF token: refused")
    tap.eq(rows(), before, "nothing written by refused forms")

    # ---------------- roles ----------------
    until = count("select date('now', '+30 days')")
    srv.cli("user", "add", "emp@example.jp", "--role", "employee",
            "--password-stdin", stdin=PW + "\n")
    srv.cli("user", "add", "aud@example.jp", "--role", "auditor", "--expires",
            until, "--password-stdin", stdin=PW + "\n")
    emp = srv.client()
    emp.login("emp@example.jp", PW)
    aud = srv.client()
    aud.login("aud@example.jp", PW)
    EMP = new_token(emp, "write", "社員")
    before = rows()
    page = emp.get("/cases/c02")
    tap.ok(page.status == 200 and 'id="register"' not in page.text,
           "an employee reads the case without the form")
    tap.eq(form(emp, "c02", [pc], ["t03:v48"]).status, 403,
           "an employee may not register risks")
    tap.eq(form(aud, "c02", [pc], ["t03:v48"]).status, 403,
           "nor may an auditor")
    p = check(api(web, "/api/v1/cases/c02/risks", EMP, {"assets": [pc]}), 403,
              "API: an employee's token")
    tap.eq(rows(), before, "nothing written by refused roles")

    # ---------------- the API ----------------
    case = check(api(web, "/api/v1/cases/c10", R, method="GET"), 200,
                 "the case lists its pairs", "/api/v1/cases/{id}", "get")
    tap.ok(case and case["pairs"][0] == {"threat": "t02", "vulnerability": "v37"},
           "pairs as the POST takes them")
    before = rows()
    r = api(web, "/api/v1/cases/c10/risks", W,
            {"assets": [pc, files], "pairs": [{"threat": "t02", "vulnerability": "v37"}]})
    p = check(r, 201, "API: one pair for two assets")
    tap.ok(p and p["case"] == "c10" and len(p["created"]) == 2 and p["skipped"] == [],
           "two made")
    tap.ok(p and {x["asset"] for x in p["created"]} == {pc, files},
           "one for each asset")
    tap.eq(rows(), (before[0] + 2, before[1] + 2), "two risks, two events")
    p = check(api(web, "/api/v1/cases/c10/risks", W, {"assets": [pc]}), 201,
              "API: all the case's pairs by default")
    tap.ok(p and len(p["created"]) == 2 and len(p["skipped"]) == 1 and
           p["skipped"][0]["risk"] in [x["risk"] for x in
                                       json.loads(r.body)["created"]],
           "the pair it had is skipped, naming the risk there")
    tap.eq(count("select count(*) from audit_event where action = 'risk.create'"
                 " and after like '% case:c10'"), 4, "an event per risk made by the API")
    tap.eq(p and p["draft"], None, "no draft unless asked")
    p = check(api(web, "/api/v1/cases/c10/risks", W, {"assets": [files], "draft": True}),
              201, "API: with the draft")
    tap.ok(p and p["draft"] and p["draft"]["code"] == "PR-C10" and
           p["draft"]["existed"] is False, "the draft named", p and p["draft"])
    p = check(api(web, "/api/v1/cases/c10/risks", W, {"assets": [files], "draft": True}),
              201, "API: the draft again")
    tap.ok(p and p["draft"]["existed"] is True, "the draft that existed is named")

    before = rows()
    for body, status, field, name in [
        ({"assets": [other]}, 404, None, "another organisation's asset"),
        ({"assets": [pc, 999999]}, 404, None, "an unknown asset among good ones"),
        ({"assets": []}, 422, "assets", "no asset"),
        ({"assets": [0]}, 422, "assets", "asset id 0"),
        ({"assets": list(range(1, 202))}, 422, "assets", "more than 200 assets"),
        ({"assets": ["1"]}, 400, "assets", "an asset id as a string"),
        ({"assets": pc}, 400, "assets", "assets not an array"),
        ({}, 400, "assets", "assets missing"),
        ({"assets": [pc], "colour": 1}, 400, "colour", "an unknown member"),
        ({"assets": [pc], "pairs": []}, 422, "pairs", "no pair"),
        ({"assets": [pc], "pairs": [{"threat": "t01", "vulnerability": "v01"}]},
         422, "pairs", "a pair not of the case"),
        ({"assets": [pc], "pairs": [{"threat": "t02"}]}, 400, "pairs",
         "a pair without its vulnerability"),
        ({"assets": [pc], "pairs": [{"threat": "t02", "vulnerability": "v37",
                                     "x": 1}]}, 400, "pairs", "a pair with more"),
        ({"assets": [pc], "pairs": ["t02:v37"]}, 400, "pairs", "a pair as a string"),
        ({"assets": [pc], "draft": "yes"}, 400, "draft", "draft as a string"),
    ]:
        p = check(api(web, "/api/v1/cases/c10/risks", W, body), status,
                  f"API: {name}")
        if field:
            tap.ok(p and p.get("field") == field, f"API: {name}: names {field}")
    p = check(api(web, "/api/v1/cases/c10/risks", W, raw=b"{"), 400,
              "API: malformed JSON")
    p = check(api(web, "/api/v1/cases/c99/risks", W, {"assets": [pc]}), 404,
              "API: an unknown case")
    p = check(api(web, "/api/v1/cases/c10/risks", R, {"assets": [pc]}), 403,
              "API: a read token")
    tap.eq(rows(), before, "nothing written by refused requests")

    # Every answer documented; the route is in openapi.yaml.
    tap.ok("post" in spec["paths"][TEMPLATE], "POST cases/{id}/risks documented")
    r = srv.cli("audit", "verify", check=False)
    tap.eq(r.returncode, 0, "the audit chain verifies")
finally:
    srv.stop()
tap.done()
