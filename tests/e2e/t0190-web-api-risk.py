#!/usr/bin/env python3
"""The JSON API of the asset register, the risk assessment and the
treatment plan: every endpoint, keyset paging, every kind of bad input
(refused with a problem naming the field, nothing written), the
permissions of the pages, a read-only token, another organisation's
token, and every answer checked against docs/api/openapi.yaml."""
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
    if status == 204:
        tap.eq(r.body, b"", f"{name}: no body")
        tap.ok(str(status) in spec["paths"][template][method.lower()]["responses"],
               f"{name}: 204 is documented")
        return ok
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


def api(client, method, path, token=None, body=None, raw=None, ctype=None,
        lang=None):
    headers = {}
    if token:
        headers["Authorization"] = "Bearer " + token
    if lang:
        headers["Accept-Language"] = lang
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
    if data is not None:
        headers["Content-Type"] = ctype or "application/json"
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

    def rows():
        """What a refused request must leave as it was."""
        return tuple(count(f"select count(*) from {t}")
                     for t in ("asset", "risk", "risk_control", "plan_task",
                               "audit_event"))

    web = srv.client()
    web.login(srv.admin, srv.password)
    web.setup_mfa()
    W = new_token(web, "write", "書き込み")
    R = new_token(web, "read", "読み取り")
    tap.ok(W and R, "write and read tokens of the security lead")
    c = srv.client()

    # Every route of this feature is documented, PATCH included.
    src = open(os.path.join(ROOT, "src/web/routes.c"), encoding="utf-8").read()
    mine = re.findall(r'"(GET|PUT|POST|DELETE|PATCH)", "(/api/v1/(?:assets|risk|plan)[^"]*)"', src)
    tap.eq(len(mine), 18, "eighteen routes for assets, risks and the plan")
    for m, p in mine:
        shape = re.escape(p).replace(r"\{\}", r"\{[a-z_]+\}")
        found = [x for x in spec["paths"] if re.fullmatch(shape, x)]
        tap.ok(found and m.lower() in spec["paths"][found[0]],
               f"{m} {p} is in openapi.yaml")

    # ---------------- assets ----------------
    body = check(api(c, "GET", "/api/v1/assets", R), "GET", "/api/v1/assets",
                 200, "an empty register")
    tap.ok(body and body["items"] == [] and body["total"] == 0 and
           body["next"] is None and body["prev"] is None, "no rows, no cursors")

    def asset(**kw):
        a = {"name": "顧客名簿", "medium": "server", "c": 2, "i": 2, "a": 1,
             "registered_on": "2026-04-01"}
        a.update(kw)
        return a

    before = rows()
    r = api(c, "POST", "/api/v1/assets", W,
            asset(category="営業", department="営業部", owner="営業部長",
                  personal=["personal", "my_number"], label="internal",
                  notes="取引先ごとの担当者と連絡先", users="営業部",
                  retention="5年"))
    body = check(r, "POST", "/api/v1/assets", 201, "register an asset")
    first = body["id"] if body else 0
    tap.eq(r.header("Location"), f"/api/v1/assets/{first}", "Location names it")
    tap.ok(body and body["importance"] == 2 and body["personal"] ==
           ["personal", "my_number"] and body["label"] == "internal" and
           body["risk_count"] == 0, "importance worked out, personal data kept")
    ev = db.execute("select action, target, after from audit_event order by"
                    " id desc limit 1").fetchone()
    tap.ok(ev[0] == "asset.create" and ev[1] == f"asset:{first}" and
           "name: 顧客名簿" in ev[2] and "c: 2" in ev[2],
           "asset.create is in the audit trail with the fields set")
    tap.eq(rows()[0], before[0] + 1, "one row")
    body = check(api(c, "POST", "/api/v1/assets", W,
                     {"name": "就業規則", "medium": "paper"}),
                 "POST", "/api/v1/assets", 201, "defaults for what is absent")
    tap.ok(body and body["c"] is None and body["importance"] is None and
           re.fullmatch(r"\d{4}-\d\d-\d\d", body["registered_on"]) and
           body["category"] == "" and body["personal"] == [],
           "unrated, registered today, texts empty")
    paper = body["id"] if body else 0
    body = check(api(c, "POST", "/api/v1/assets", W,
                     asset(name="見積書", medium="NAS（事務所）", c=1, i=1, a=1)),
                 "POST", "/api/v1/assets", 201, "a medium of the organisation's own")
    nas = body["id"] if body else 0
    body = check(api(c, "GET", f"/api/v1/assets/{first}", R), "GET",
                 "/api/v1/assets/{id}", 200, "read an asset")
    tap.ok(body and body["notes"] == "取引先ごとの担当者と連絡先", "as written")

    # Bad input: the problem names the field; nothing is written.
    cases = [
        (asset(colour="red"), 400, "api.unknown_field", "colour", "an unknown member"),
        (asset(org_id=2), 400, "api.unknown_field", "org_id", "an organisation in the body"),
        (asset(name=5), 400, "api.wrong_type", "name", "a number for the name"),
        (asset(c="2"), 400, "api.wrong_type", "c", "a rating as a string"),
        (asset(c=1.5), 400, "api.wrong_type", "c", "a fractional rating"),
        (asset(c=True), 400, "api.wrong_type", "c", "a boolean rating"),
        (asset(personal="personal"), 400, "api.wrong_type", "personal", "personal not an array"),
        (asset(personal=[1]), 400, "api.wrong_type", "personal", "personal of numbers"),
        (asset(label=None), 400, "api.wrong_type", "label", "a null label"),
        (asset(c=3), 422, "risk.bad_rating", "c", "a rating off IPA's 0-2"),
        (asset(a=-1), 422, "risk.bad_rating", "a", "-1 (unrated is null)"),
        (asset(i=10 ** 12), 422, "risk.bad_rating", "i", "a huge rating"),
        (asset(i=None, a=None), 422, "asset.partly_rated", "c", "a partial rating"),
        (asset(name=""), 422, "input.required", "name", "an empty name"),
        (asset(name="x" * 201), 422, "input.too_long", "name", "a name over 200 characters"),
        (asset(notes="x" * 2001), 422, "input.too_long", "notes", "notes over 2000 characters"),
        (asset(name="a\u0007b"), 422, "input.control_char", "name", "a control character"),
        ({"name": "給与台帳"}, 422, "input.required", "medium", "no medium"),
        (asset(registered_on="2026-02-30"), 422, "input.bad_date", "registered_on", "a date that does not exist"),
        (asset(label="top-secret"), 422, "asset.unknown_label", "label", "a label nobody defined"),
        (asset(personal=["passport"]), 422, "input.bad_choice", "personal", "an unknown kind of personal data"),
    ]
    before = rows()
    for payload, status, key, field, what in cases:
        r = api(c, "POST", "/api/v1/assets", W, payload)
        p = check(r, "POST", "/api/v1/assets", status, what)
        tap.ok(p and p["type"] == "urn:mamori:problem:" + key and
               p.get("field") == field, f"{what}: {key} naming {field}",
               r.text[:300])
    p = json.loads(api(c, "POST", "/api/v1/assets", W, asset(c=3)).body)
    tap.ok("機密性" in p["detail"] and "3" in p["detail"], "the detail says which field and value")
    p = json.loads(api(c, "POST", "/api/v1/assets", W, asset(c=3), lang="en").body)
    tap.ok("confidentiality" in p["detail"] and p["title"].startswith("A value"),
           "in English when asked")
    r = api(c, "POST", "/api/v1/assets", W, raw=b'{"name": "a", "name": "b", "medium": "paper"}')
    p = check(r, "POST", "/api/v1/assets", 400, "a member twice")
    r = api(c, "POST", "/api/v1/assets", W, raw=b'{"name": "a",')
    p = check(r, "POST", "/api/v1/assets", 400, "malformed JSON")
    tap.ok(p and p["type"].endswith("api.bad_json"), "named as bad JSON")
    r = api(c, "POST", "/api/v1/assets", W, raw=b'["name"]')
    check(r, "POST", "/api/v1/assets", 400, "an array for a body")
    r = api(c, "POST", "/api/v1/assets", W, raw=b"name=a", ctype="application/x-www-form-urlencoded")
    check(r, "POST", "/api/v1/assets", 415, "a form for a body")
    r = api(c, "POST", "/api/v1/assets", W, raw='{"name": "\udcff"}'.encode("utf-8", "surrogatepass"))
    check(r, "POST", "/api/v1/assets", 400, "bytes that are not UTF-8")
    tap.eq(rows(), before, "nothing was written by any refused request")

    # PUT replaces every editable member, and needs them all.
    full = asset(category="営業", department="営業部", owner="営業部長",
                 personal=["personal"], label="internal", notes="",
                 users="営業部", retention="7年")
    before = rows()
    partial = dict(full)
    del partial["retention"]
    p = check(api(c, "PUT", f"/api/v1/assets/{first}", W, partial), "PUT",
              "/api/v1/assets/{id}", 400, "a PUT without every member")
    tap.ok(p and p["type"].endswith("api.missing_field") and p["field"] == "retention",
           "names the member missing")
    p = check(api(c, "PUT", f"/api/v1/assets/{first}", W, dict(full, c=7)), "PUT",
              "/api/v1/assets/{id}", 422, "a PUT off the scale")
    check(api(c, "PUT", f"/api/v1/assets/{first}", W, dict(full, extra=1)), "PUT",
          "/api/v1/assets/{id}", 400, "a PUT with an unknown member")
    check(api(c, "PUT", "/api/v1/assets/999999", W, full), "PUT",
          "/api/v1/assets/{id}", 404, "a PUT of a missing asset")
    tap.eq(rows(), before, "refused PUTs wrote nothing")
    body = check(api(c, "PUT", f"/api/v1/assets/{first}", W, full), "PUT",
                 "/api/v1/assets/{id}", 200, "replace an asset")
    tap.ok(body and body["retention"] == "7年" and body["notes"] == "" and
           body["personal"] == ["personal"], "replaced, notes cleared as sent")
    ev = db.execute("select action, before, after from audit_event order by"
                    " id desc limit 1").fetchone()
    tap.ok(ev[0] == "asset.update" and "retention: 5年" in ev[1] and
           "retention: 7年" in ev[2] and "name" not in ev[2],
           "asset.update records only what changed")
    n = count("select count(*) from audit_event")
    check(api(c, "PUT", f"/api/v1/assets/{first}", W, full), "PUT",
          "/api/v1/assets/{id}", 200, "the same PUT again")
    tap.eq(count("select count(*) from audit_event"), n, "a PUT that changes nothing writes nothing")

    # Keyset paging over 25 more rows.
    for k in range(25):
        api(c, "POST", "/api/v1/assets", W,
            asset(name=f"記録{k:02d}", medium="office_pc", c=1, i=k % 3,
                  a=0, category="記録", department="総務部" if k % 2 else "経理部"))
    total = count("select count(*) from asset where deleted_at is null")
    p1 = check(api(c, "GET", "/api/v1/assets?limit=10&sort=id", R), "GET",
               "/api/v1/assets", 200, "page 1")
    tap.ok(p1 and len(p1["items"]) == 10 and p1["total"] == total and
           p1["next"] and p1["prev"] is None, "ten rows, a next cursor, no prev")
    p2 = check(api(c, "GET", f"/api/v1/assets?limit=10&sort=id&after={p1['next']}", R),
               "GET", "/api/v1/assets", 200, "page 2")
    ids1 = [a["id"] for a in p1["items"]]
    ids2 = [a["id"] for a in p2["items"]]
    tap.ok(len(ids2) == 10 and min(ids2) > max(ids1), "page 2 follows on")
    back = check(api(c, "GET", f"/api/v1/assets?limit=10&sort=id&before={p2['prev']}", R),
                 "GET", "/api/v1/assets", 200, "back to page 1")
    tap.eq([a["id"] for a in back["items"]], ids1, "the same rows come back")
    seen, cursor = [], None
    while True:
        q = "/api/v1/assets?limit=7&sort=name&dir=desc" + (f"&after={cursor}" if cursor else "")
        page = json.loads(api(c, "GET", q, R).body)
        seen += [a["name"] for a in page["items"]]
        cursor = page["next"]
        if not cursor:
            break
    tap.eq(len(seen), total, "walking every page by name sees every row once")
    tap.eq(seen, sorted(seen, key=lambda s: s.encode(), reverse=True), "in descending name order")
    body = check(api(c, "GET", "/api/v1/assets?department=" + "%E7%B7%8F%E5%8B%99%E9%83%A8", R),
                 "GET", "/api/v1/assets", 200, "filter by department")
    tap.ok(body and body["total"] == 12 and all(a["department"] == "総務部" for a in body["items"]),
           "only 総務部")
    body = json.loads(api(c, "GET", "/api/v1/assets?personal=personal&importance=2", R).body)
    tap.eq([a["id"] for a in body["items"]], [first], "personal data and importance 2")
    body = json.loads(api(c, "GET", "/api/v1/assets?importance=unrated", R).body)
    tap.eq([a["id"] for a in body["items"]], [paper], "the unrated")
    body = json.loads(api(c, "GET", "/api/v1/assets?medium=NAS%EF%BC%88%E4%BA%8B%E5%8B%99%E6%89%80%EF%BC%89", R).body)
    tap.eq([a["id"] for a in body["items"]], [nas], "an own medium")
    body = json.loads(api(c, "GET", "/api/v1/assets?q=%E5%90%8D%E7%B0%BF&label=internal&owner=%E5%96%B6%E6%A5%AD%E9%83%A8%E9%95%B7&category=%E5%96%B6%E6%A5%AD", R).body)
    tap.eq([a["id"] for a in body["items"]], [first], "search, label, owner and category together")
    for q, field in [("sort=colour", "sort"), ("dir=up", "dir"), ("limit=0", "limit"),
                     ("limit=201", "limit"), ("after=abc", "after"), ("before=-1", "before"),
                     ("after=1&before=2", "before"), ("importance=7", "importance"),
                     ("personal=passport", "personal"), ("colour=red", "colour"),
                     ("org=2", "org")]:
        p = check(api(c, "GET", "/api/v1/assets?" + q, R), "GET", "/api/v1/assets",
                  400, f"list with {q}")
        tap.ok(p and p.get("field") == field, f"{q}: the problem names {field}")

    # ---------------- risks, before any assessment ----------------
    body = check(api(c, "GET", "/api/v1/risk-method", R), "GET",
                 "/api/v1/risk-method", 200, "the method before an assessment")
    tap.ok(body and body["method"] == "ipa" and body["assessment"] is None and
           body["likelihood_table"][2][2] == 3, "IPA by default, with its table")
    check(api(c, "GET", "/api/v1/risks", R), "GET", "/api/v1/risks", 200, "no risks yet")
    body = check(api(c, "GET", "/api/v1/risks/heatmap", R), "GET",
                 "/api/v1/risks/heatmap", 200, "an empty heat map")
    tap.ok(body and sum(x["count"] for x in body["cells"]) == 0, "all zero")
    before = rows()
    p = check(api(c, "POST", "/api/v1/risks", W, {"asset": first, "threat": "t01",
                                                  "vulnerability": "v01"}),
              "POST", "/api/v1/risks", 409, "a risk before any assessment")
    tap.ok(p and p["type"].endswith("api.no_assessment"), "says to start an assessment")
    tap.eq(rows(), before, "nothing written")

    r = web.post("/risks/method", {"csrf": web.csrf("/risks/method"), "do": "start",
                                   "method": "ipa"})
    tap.eq(r.status, 303, "an IPA assessment starts in the web UI")
    method = check(api(c, "GET", "/api/v1/risk-method", R), "GET",
                   "/api/v1/risk-method", 200, "the method in force")
    tap.ok(method and method["assessment"]["no"] == 1 and
           [g["grade"] for g in method["grades"]] == ["low", "medium", "high"] and
           method["grades"][2]["min"] == 4 and method["grades"][2]["max"] == 6 and
           len(method["scales"]["threat"]) == 3, "assessment no. 1, bands and scales")
    body = json.loads(api(c, "GET", "/api/v1/risk-method", R, lang="en").body)
    tap.eq(body["grades"][2]["label"], "large", "labels in the request's language")

    # ---------------- risks: identify ----------------
    before = rows()
    r = api(c, "POST", "/api/v1/risks", W, {"asset": first, "threat": "t01",
                                           "vulnerability": "v01"})
    risk = check(r, "POST", "/api/v1/risks", 201, "identify a catalogue risk")
    rid = risk["id"] if risk else 0
    tap.eq(r.header("Location"), f"/api/v1/risks/{rid}", "Location names it")
    tap.ok(risk and risk["threat"]["id"] == "t01" and risk["threat"]["title"] and
           risk["consequence"] and risk["level"] is None and risk["rank"] is None and
           risk["asset"]["id"] == first and risk["importance"] == 2,
           "unrated, the catalogue's title and usual consequence")
    tap.eq(rows()[1], before[1] + 1, "one risk row")
    tap.eq(db.execute("select action, target from audit_event order by id desc limit 1").fetchone(),
           ("risk.create", f"risk:{rid}"), "risk.create is in the audit trail")
    own = check(api(c, "POST", "/api/v1/risks", W,
                    {"asset": first, "threat_text": "元社員による持ち出し",
                     "vulnerability_text": "退職時にアカウントを止めていない",
                     "consequence": "顧客が競合に流れる"}),
                "POST", "/api/v1/risks", 201, "identify a risk of our own")
    tap.ok(own and own["threat"]["id"] is None and
           own["threat"]["title"] == "元社員による持ち出し", "the own text is the title")
    own_id = own["id"] if own else 0
    before = rows()
    bad = [
        ({"asset": first, "threat": "t01", "threat_text": "x", "vulnerability": "v01"},
         400, "api.one_of", "threat", "a threat twice over"),
        ({"asset": first, "vulnerability": "v01"}, 400, "api.one_needed", "threat", "no threat"),
        ({"threat": "t01", "vulnerability": "v01"}, 400, "api.missing_field", "asset", "no asset"),
        ({"asset": str(first), "threat": "t01", "vulnerability": "v01"}, 400,
         "api.wrong_type", "asset", "the asset as a string"),
        ({"asset": first, "threat": 1, "vulnerability": "v01"}, 400, "api.wrong_type",
         "threat", "a threat id as a number"),
        ({"asset": first, "threat": "t01", "vulnerability": "v01", "level": 3}, 400,
         "api.unknown_field", "level", "a derived member"),
        ({"asset": 0, "threat": "t01", "vulnerability": "v01"}, 422, "input.bad_choice",
         "asset", "asset 0"),
        ({"asset": first, "threat": "t99", "vulnerability": "v01"}, 422,
         "input.bad_choice", "threat", "a threat not in the catalogue"),
        ({"asset": first, "threat": "t01", "vulnerability": "v999"}, 422,
         "input.bad_choice", "vulnerability", "a vulnerability not in the catalogue"),
        ({"asset": first, "threat_text": "", "vulnerability": "v01"}, 422,
         "input.required", "threat_text", "an empty own threat"),
        ({"asset": first, "threat": "t01", "vulnerability": "v01", "consequence": "x" * 501},
         422, "input.too_long", "consequence", "a consequence over 500 characters"),
        ({"asset": 999999, "threat": "t01", "vulnerability": "v01"}, 422,
         "asset.not_found", "asset", "an asset that does not exist"),
        ({"asset": first, "threat": "t01", "vulnerability": "v01"}, 409,
         "api.risk_twice", None, "the same pair again"),
    ]
    for payload, status, key, field, what in bad:
        r = api(c, "POST", "/api/v1/risks", W, payload)
        p = check(r, "POST", "/api/v1/risks", status, what)
        tap.ok(p and p["type"] == "urn:mamori:problem:" + key and
               (field is None or p.get("field") == field), f"{what}: {key}", r.text[:300])
    tap.eq(rows(), before, "no refused risk was written")

    # ---------------- risks: rate and treat ----------------
    def risk_row(i):
        return db.execute("select * from risk where id = ?", (i,)).fetchone()

    body = check(api(c, "GET", f"/api/v1/risks/{rid}", R), "GET",
                 "/api/v1/risks/{id}", 200, "read a risk")
    state = (risk_row(rid), rows())
    bad = [
        ({"likelihood": 2}, 422, "api.not_in_method", "likelihood",
         "a likelihood under IPA (it comes from the table)"),
        ({"residual_likelihood": 1}, 422, "api.not_in_method", "residual_likelihood",
         "a residual likelihood under IPA"),
        ({"threat_level": 4}, 422, "risk.bad_rating", "threat_level", "a threat of 4"),
        ({"threat_level": 0}, 422, "risk.bad_rating", "threat_level", "a threat of 0"),
        ({"threat_level": "3"}, 400, "api.wrong_type", "threat_level", "a rating as a string"),
        ({"treatment": "reduce"}, 422, "risk.reason_needed", "reason", "a treatment without its reason"),
        ({"status": "planned"}, 422, "risk.status_without", "status", "a status without a treatment"),
        ({"treatment": "fix", "reason": "x"}, 422, "input.bad_choice", "treatment", "an unknown treatment"),
        ({"status": "later"}, 422, "input.bad_choice", "status", "an unknown status"),
        ({"controls": ["9.99"]}, 422, "input.bad_choice", "controls", "a control that does not exist"),
        ({"controls": "5.15"}, 400, "api.wrong_type", "controls", "controls as a string"),
        ({"controls": [5.15]}, 400, "api.wrong_type", "controls", "controls as numbers"),
        ({"guideline": ["99.99"]}, 422, "input.bad_choice", "guideline", "a guideline item that does not exist"),
        ({"controls": [f"5.{n}" for n in range(1, 38)]}, 422, "risk.too_many_refs",
         "controls", "33 controls and more"),
        ({"vulnerability_level": 1, "residual_vulnerability": 3}, 422,
         "risk.residual_above", "residual_vulnerability", "a residual above the current"),
        ({"reason": "x" * 501}, 422, "input.too_long", "reason", "a reason over 500 characters"),
        ({"accepted_by": "me"}, 400, "api.unknown_field", "accepted_by", "an acceptance by PATCH"),
    ]
    for payload, status, key, field, what in bad:
        r = api(c, "PATCH", f"/api/v1/risks/{rid}", W, payload)
        p = check(r, "PATCH", "/api/v1/risks/{id}", status, what)
        tap.ok(p and p["type"] == "urn:mamori:problem:" + key and p.get("field") == field,
               f"{what}: {key} naming {field}", r.text[:300])
    tap.eq((risk_row(rid), rows()), state, "no refused PATCH changed the risk or wrote anything")

    body = check(api(c, "PATCH", f"/api/v1/risks/{rid}", W,
                     {"threat_level": 3, "vulnerability_level": 3}),
                 "PATCH", "/api/v1/risks/{id}", 200, "rate a risk")
    tap.ok(body and body["likelihood"] == method["likelihood_table"][2][2] == 3 and
           body["level"] == 6 and body["grade"] == "high" and body["rank"] == 1,
           "likelihood from the table, 2 x 3 = 6, high, first")
    body = check(api(c, "PATCH", f"/api/v1/risks/{rid}", W,
                     {"treatment": "reduce", "reason": "顧客情報のため",
                      "controls": ["5.15", "8.5", "5.15"], "guideline": ["3.1.1"],
                      "status": "planned", "residual_vulnerability": 1}),
                 "PATCH", "/api/v1/risks/{id}", 200, "treat a risk")
    tap.ok(body and body["controls"] == ["5.15", "8.5"] and body["guideline"] == ["3.1.1"] and
           body["residual_likelihood"] == 1 and body["residual_level"] == 2 and
           body["residual_grade"] == "medium" and body["treatment"] == "reduce",
           "controls kept once each, residual 2 x 1 = 2")
    ev = db.execute("select action, before, after from audit_event order by id desc limit 1").fetchone()
    tap.ok(ev[0] == "risk.update" and "treatment: reduce" in ev[2] and "controls: 5.15 8.5" in ev[2],
           "risk.update records the change")

    # The list: order, rank, filters, paging.
    extra = []
    for aid in [a["id"] for a in p1["items"][2:8]]:
        x = json.loads(api(c, "POST", "/api/v1/risks", W,
                           {"asset": aid, "threat": "t03", "vulnerability": "v01"}).body)
        extra.append(x["id"])
        api(c, "PATCH", f"/api/v1/risks/{x['id']}", W, {"threat_level": 1, "vulnerability_level": 3})
    body = check(api(c, "GET", "/api/v1/risks", R), "GET", "/api/v1/risks", 200, "the priority list")
    tap.ok(body and body["items"][0]["id"] == rid and body["total"] == 8,
           "the highest level first, eight risks")
    levels = [x["level"] for x in body["items"] if x["level"] is not None]
    tap.eq(levels, sorted(levels, reverse=True), "in falling level")
    p1r = check(api(c, "GET", "/api/v1/risks?limit=3", R), "GET", "/api/v1/risks", 200, "risks page 1")
    p2r = check(api(c, "GET", f"/api/v1/risks?limit=3&after={p1r['next']}", R), "GET",
                "/api/v1/risks", 200, "risks page 2")
    p1b = json.loads(api(c, "GET", f"/api/v1/risks?limit=3&before={p2r['prev']}", R).body)
    tap.ok([x["id"] for x in p1b["items"]] == [x["id"] for x in p1r["items"]] and
           not set(x["id"] for x in p1r["items"]) & set(x["id"] for x in p2r["items"]),
           "risk pages follow on and come back")
    for q, want in [("grade=high", [rid]), ("grade=unrated", [own_id]),
                    ("cell=2,3", [rid]), ("status=planned", [rid]),
                    ("treatment=reduce", [rid]), (f"asset={first}&sort=id&dir=asc", [rid, own_id])]:
        body = check(api(c, "GET", "/api/v1/risks?" + q, R), "GET", "/api/v1/risks", 200, q)
        tap.eq([x["id"] for x in body["items"]] if body else None, want, f"filtered: {q}")
    body = json.loads(api(c, "GET", "/api/v1/risks?treatment=none", R).body)
    tap.eq(body["total"], 7, "treatment=none lists the undecided")
    for q, field in [("grade=huge", "grade"), ("cell=9,9", "cell"), ("cell=2", "cell"),
                     ("status=later", "status"), ("treatment=fix", "treatment"),
                     ("asset=x", "asset"), ("sort=name", "sort"), ("limit=500", "limit"),
                     ("page=2", "page")]:
        p = check(api(c, "GET", "/api/v1/risks?" + q, R), "GET", "/api/v1/risks", 400, f"risks with {q}")
        tap.ok(p and p.get("field") == field, f"{q}: names {field}")
    body = check(api(c, "GET", "/api/v1/risks/heatmap", R), "GET", "/api/v1/risks/heatmap",
                 200, "the heat map")
    cell = {(x["importance"], x["likelihood"]): x for x in body["cells"]} if body else {}
    tap.ok(body and cell[(2, 3)]["count"] == 1 and cell[(2, 3)]["grade"] == "high" and
           body["rated"] == 7 and body["unrated"] == 1 and body["by_grade"]["high"] == 1,
           "counts per cell and grade")
    check(api(c, "GET", "/api/v1/risks/heatmap?x=1", R), "GET", "/api/v1/risks/heatmap",
          400, "the heat map takes no parameters")

    # The asset's C/I/A move its risks.
    body = json.loads(api(c, "GET", f"/api/v1/assets/{first}", R).body)
    tap.eq(body["risk_count"], 2, "the asset counts its two risks")
    api(c, "PUT", f"/api/v1/assets/{first}", W, dict(full, c=1, i=1, a=1))
    body = json.loads(api(c, "GET", f"/api/v1/risks/{rid}", R).body)
    tap.ok(body["importance"] == 1 and body["level"] == 3 and body["grade"] == "medium",
           "a lower importance lowers the level")
    api(c, "PUT", f"/api/v1/assets/{first}", W, full)

    # ---------------- acceptance ----------------
    srv.cli("user", "add", "ceo@example.jp", "--role", "executive", "--password-stdin",
            stdin=PW + "\n")
    ceo = srv.client()
    ceo.login("ceo@example.jp", PW)
    E = new_token(ceo, "write", "社長")
    ER = new_token(ceo, "read", "社長・読み取り")
    # Someone who edits but is no risk owner (the administrator who ran
    # init holds the executive role too).
    srv.cli("user", "add", "doc@example.jp", "--role", "document_lead",
            "--password-stdin", stdin=PW + "\n")
    doc = srv.client()
    doc.login("doc@example.jp", PW)
    D = new_token(doc, "write", "文書管理")
    before = rows()
    p = check(api(c, "POST", f"/api/v1/risks/{rid}/accept", D), "POST",
              "/api/v1/risks/{id}/accept", 403, "a document lead cannot accept")
    tap.ok(p and p["type"].endswith("http.forbidden"), "forbidden by role")
    check(api(c, "POST", f"/api/v1/risks/{rid}/accept", ER), "POST",
          "/api/v1/risks/{id}/accept", 403, "a read token cannot accept")
    p = check(api(c, "POST", f"/api/v1/risks/{own_id}/accept", E), "POST",
              "/api/v1/risks/{id}/accept", 409, "an unrated risk cannot be accepted")
    tap.ok(p and p["type"].endswith("risk.cannot_accept"), "says why")
    check(api(c, "POST", f"/api/v1/risks/{rid}/accept", E, {"note": "x"}), "POST",
          "/api/v1/risks/{id}/accept", 400, "accept takes no members")
    check(api(c, "PATCH", f"/api/v1/risks/{rid}", E, {"reason": "x"}), "PATCH",
          "/api/v1/risks/{id}", 403, "the executive does not edit risks")
    tap.eq(rows(), before, "refused acceptances wrote nothing")
    body = check(api(c, "POST", f"/api/v1/risks/{rid}/accept", E), "POST",
                 "/api/v1/risks/{id}/accept", 200, "the executive accepts")
    tap.ok(body and body["accepted_by"] == "ceo@example.jp" and body["accepted_at"],
           "accepted by the executive")
    tap.eq(db.execute("select action from audit_event order by id desc limit 1").fetchone()[0],
           "risk.accept", "risk.accept is in the audit trail")
    check(api(c, "POST", f"/api/v1/risks/{rid}/accept", E, raw=b"{}"), "POST",
          "/api/v1/risks/{id}/accept", 409, "accepted once only")
    n = count("select count(*) from audit_event")
    body = check(api(c, "PATCH", f"/api/v1/risks/{rid}", W, {"status": "planned"}),
                 "PATCH", "/api/v1/risks/{id}", 200, "a PATCH that changes nothing")
    tap.ok(body and body["accepted_by"] == "ceo@example.jp" and
           count("select count(*) from audit_event") == n,
           "keeps the acceptance and writes nothing")
    body = check(api(c, "PATCH", f"/api/v1/risks/{rid}", W, {"status": "done"}),
                 "PATCH", "/api/v1/risks/{id}", 200, "a real change")
    tap.ok(body and body["accepted_by"] is None and body["accepted_at"] is None,
           "withdraws the acceptance")

    # ---------------- the plan ----------------
    body = check(api(c, "GET", "/api/v1/plan", R), "GET", "/api/v1/plan", 200, "an empty plan")
    tap.ok(body and body["count"] == 0 and
           {u["ref"] for u in body["unplanned"]} == {"5.15", "8.5", "3.1.1"},
           "the treatment's choices wait for tasks")
    r = api(c, "POST", "/api/v1/plan", W, {"control": "5.15", "task": "アクセス権の棚卸し",
                                          "owner": "総務部長", "planned_start": "2099-05-01",
                                          "planned_end": "2099-06-30"})
    task = check(r, "POST", "/api/v1/plan", 201, "add a task")
    tid = task["id"] if task else 0
    tap.eq(r.header("Location"), f"/api/v1/plan/{tid}", "Location names it")
    tap.ok(task and task["control_title"] and task["actual_end"] is None and
           task["status"] == "not_started", "with the control's title")
    late = check(api(c, "POST", "/api/v1/plan", W, {"control": "8.5", "task": "多要素認証",
                                                    "planned_end": "2020-01-31"}),
                 "POST", "/api/v1/plan", 201, "add a task that is late")
    tap.ok(late and late["overdue"] is True, "marked overdue")
    body = check(api(c, "GET", "/api/v1/plan", R), "GET", "/api/v1/plan", 200, "the plan")
    tap.ok(body and body["count"] == 2 and body["overdue"] == 1 and
           [u["ref"] for u in body["unplanned"]] == ["3.1.1"], "two tasks, one late")
    check(api(c, "GET", f"/api/v1/plan/{tid}", R), "GET", "/api/v1/plan/{id}", 200, "read a task")
    before = rows()
    for payload, status, key, field, what in [
        ({"task": "x"}, 400, "api.missing_field", "control", "no control"),
        ({"control": "9.99", "task": "x"}, 422, "input.bad_choice", "control", "a control that does not exist"),
        ({"control": "5.15", "task": ""}, 422, "input.required", "task", "an empty task"),
        ({"control": "5.15", "task": "x", "planned_start": "2026-07-01",
          "planned_end": "2026-06-01"}, 422, "plan.end_before_start", "planned_end", "an end before the start"),
        ({"control": "5.15", "task": "x", "actual_end": "2026-06-01", "status": "started"},
         422, "plan.end_unfinished", "actual_end", "an actual end while unfinished"),
        ({"control": "5.15", "task": "x", "planned_end": "2026-13-01"}, 422,
         "input.bad_date", "planned_end", "a month 13"),
        ({"control": "5.15", "task": "x", "status": "done"}, 422, "input.bad_choice",
         "status", "an unknown status"),
        ({"control": "5.15", "task": "x", "planned_start": 20260501}, 400,
         "api.wrong_type", "planned_start", "a date as a number"),
        ({"control": "5.15", "task": "x", "risk": 1}, 400, "api.unknown_field", "risk",
         "an unknown member"),
    ]:
        r = api(c, "POST", "/api/v1/plan", W, payload)
        p = check(r, "POST", "/api/v1/plan", status, what)
        tap.ok(p and p["type"] == "urn:mamori:problem:" + key and p.get("field") == field,
               f"{what}: {key} naming {field}", r.text[:300])
    r = api(c, "PATCH", f"/api/v1/plan/{tid}", W, {"status": "started", "actual_end": "2026-06-01"})
    check(r, "PATCH", "/api/v1/plan/{id}", 422, "a PATCH breaking a rule")
    tap.eq(rows(), before, "no refused task was written")
    body = check(api(c, "PATCH", f"/api/v1/plan/{late['id']}", W,
                     {"status": "finished", "actual_start": "2026-01-10",
                      "actual_end": "2026-02-01", "planned_start": None}),
                 "PATCH", "/api/v1/plan/{id}", 200, "finish a task")
    tap.ok(body and body["overdue"] is False and body["planned_start"] is None and
           body["task"] == "多要素認証", "no longer late; the rest kept")
    n = count("select count(*) from audit_event")
    check(api(c, "PATCH", f"/api/v1/plan/{tid}", W, {"owner": "総務部長"}),
          "PATCH", "/api/v1/plan/{id}", 200, "a task PATCH that changes nothing")
    tap.eq(count("select count(*) from audit_event"), n, "writes nothing")
    check(api(c, "DELETE", f"/api/v1/plan/{tid}", W), "DELETE", "/api/v1/plan/{id}", 204,
          "delete a task")
    check(api(c, "GET", f"/api/v1/plan/{tid}", R), "GET", "/api/v1/plan/{id}", 404, "it is gone")
    check(api(c, "DELETE", f"/api/v1/plan/{tid}", W), "DELETE", "/api/v1/plan/{id}", 404,
          "and cannot be deleted twice")
    tap.eq([x[0] for x in db.execute("select action from audit_event where target like 'plan:%'"
                                     " order by id")],
           ["plan.create", "plan.create", "plan.update", "plan.delete"],
           "every plan change is in the audit trail")

    # ---------------- read-only and employee tokens ----------------
    before = rows()
    for m, path, payload, tmpl in [
        ("POST", "/api/v1/assets", asset(name="x"), "/api/v1/assets"),
        ("PUT", f"/api/v1/assets/{first}", full, "/api/v1/assets/{id}"),
        ("DELETE", f"/api/v1/assets/{first}", None, "/api/v1/assets/{id}"),
        ("POST", "/api/v1/risks", {"asset": first, "threat": "t02", "vulnerability": "v02"}, "/api/v1/risks"),
        ("PATCH", f"/api/v1/risks/{rid}", {"reason": "y"}, "/api/v1/risks/{id}"),
        ("DELETE", f"/api/v1/risks/{rid}", None, "/api/v1/risks/{id}"),
        ("POST", "/api/v1/plan", {"control": "5.15", "task": "x"}, "/api/v1/plan"),
        ("PATCH", f"/api/v1/plan/{late['id']}", {"task": "y"}, "/api/v1/plan/{id}"),
        ("DELETE", f"/api/v1/plan/{late['id']}", None, "/api/v1/plan/{id}"),
    ]:
        p = check(api(c, m, path, R, payload), m, tmpl, 403, f"read token: {m} {path}")
        tap.ok(p and p["type"].endswith("api.read_only"), f"{m} {path}: read only")
    tap.eq(rows(), before, "nothing written with a read token")
    srv.cli("user", "add", "emp@example.jp", "--role", "employee", "--password-stdin",
            stdin=PW + "\n")
    emp = srv.client()
    emp.login("emp@example.jp", PW)
    EMP = new_token(emp, "write", "社員")
    before = rows()
    for m, path, tmpl in [("GET", "/api/v1/assets", "/api/v1/assets"),
                          ("GET", f"/api/v1/assets/{first}", "/api/v1/assets/{id}"),
                          ("GET", "/api/v1/risk-method", "/api/v1/risk-method"),
                          ("GET", "/api/v1/risks", "/api/v1/risks"),
                          ("GET", "/api/v1/risks/heatmap", "/api/v1/risks/heatmap"),
                          ("GET", f"/api/v1/risks/{rid}", "/api/v1/risks/{id}"),
                          ("GET", "/api/v1/plan", "/api/v1/plan")]:
        p = check(api(c, m, path, EMP), m, tmpl, 403, f"employee: {m} {path}")
    check(api(c, "POST", "/api/v1/assets", EMP, asset(name="x")), "POST", "/api/v1/assets",
          403, "an employee cannot register an asset")
    check(api(c, "POST", "/api/v1/assets", E, asset(name="x")), "POST", "/api/v1/assets",
          403, "nor can the executive (no edit right)")
    check(api(c, "GET", "/api/v1/assets"), "GET", "/api/v1/assets", 401, "no token")
    tap.eq(rows(), before, "nothing written by refused tokens")

    # ---------------- delete ----------------
    before = rows()
    check(api(c, "DELETE", f"/api/v1/risks/{own_id}", W), "DELETE", "/api/v1/risks/{id}",
          204, "delete a risk")
    check(api(c, "GET", f"/api/v1/risks/{own_id}", R), "GET", "/api/v1/risks/{id}", 404,
          "it is gone")
    tap.eq(rows()[1], before[1] - 1, "one risk fewer")
    check(api(c, "DELETE", f"/api/v1/assets/{nas}", W), "DELETE", "/api/v1/assets/{id}",
          204, "delete an asset")
    check(api(c, "GET", f"/api/v1/assets/{nas}", R), "GET", "/api/v1/assets/{id}", 404,
          "it is gone")
    check(api(c, "DELETE", f"/api/v1/assets/{nas}", W), "DELETE", "/api/v1/assets/{id}",
          404, "and cannot be deleted twice")
    ev = db.execute("select action, before from audit_event order by id desc limit 1").fetchone()
    tap.ok(ev[0] == "asset.delete" and "name: 見積書" in ev[1], "asset.delete keeps what it was")
    p = check(api(c, "POST", "/api/v1/risks", W, {"asset": nas, "threat": "t02",
                                                  "vulnerability": "v02"}),
              "POST", "/api/v1/risks", 422, "a risk for a deleted asset")
    r = api(c, "PATCH", f"/api/v1/assets/{first}", W, full)
    tap.ok(r.status == 405 and r.header("Allow") == "GET, HEAD, PUT, DELETE" and
           r.header("Content-Type") == "application/problem+json",
           "PATCH on an asset: 405 naming the methods it has")
    for path, tmpl in [("/api/v1/assets/abc", "/api/v1/assets/{id}"),
                       ("/api/v1/risks/0", "/api/v1/risks/{id}"),
                       ("/api/v1/plan/99999999999", "/api/v1/plan/{id}")]:
        check(api(c, "GET", path, R), "GET", tmpl, 404, f"{path} is not found")

    # ---------------- a closed assessment ----------------
    r = web.post("/risks/method", {"csrf": web.csrf("/risks/method"), "do": "start",
                                   "method": "three_point", "low_max": "2",
                                   "medium_max": "4", "confirm": "1"})
    tap.eq(r.status, 303, "a 3-point assessment starts in the web UI")
    body = check(api(c, "GET", f"/api/v1/risks/{rid}", R), "GET", "/api/v1/risks/{id}",
                 200, "a risk of the closed assessment")
    tap.ok(body and body["grade"] == "high" and body["level"] == 6,
           "still graded by its own method")
    before = rows()
    for m, path, payload, tmpl in [
        ("PATCH", f"/api/v1/risks/{rid}", {"reason": "z"}, "/api/v1/risks/{id}"),
        ("DELETE", f"/api/v1/risks/{rid}", None, "/api/v1/risks/{id}"),
        ("POST", f"/api/v1/risks/{rid}/accept", None, "/api/v1/risks/{id}/accept"),
    ]:
        p = check(api(c, m, path, E if "accept" in path else W, payload), m, tmpl, 409,
                  f"{m} a closed assessment's risk")
        tap.ok(p and p["type"].endswith("risk.closed"), f"{m}: the record is kept as it was")
    tap.eq(rows(), before, "nothing written")
    method = check(api(c, "GET", "/api/v1/risk-method", R), "GET", "/api/v1/risk-method",
                   200, "the 3-point method")
    tap.ok(method and method["method"] == "three_point" and method["likelihood_table"] is None and
           method["criteria"] == {"low_max": 2, "medium_max": 4} and
           method["scales"]["threat"] == [] and method["assessment"]["no"] == 2,
           "its criteria, no table, no threat scale")
    body = json.loads(api(c, "GET", f"/api/v1/risks?asset={first}&sort=id&dir=asc", R).body)
    new_rid = body["items"][0]["id"]
    tap.ok(new_rid != rid and body["items"][0]["threat"]["id"] == "t01",
           "the risk is carried into the new assessment")
    p = check(api(c, "PATCH", f"/api/v1/risks/{new_rid}", W, {"threat_level": 2}),
              "PATCH", "/api/v1/risks/{id}", 422, "a threat level under the 3-point method")
    tap.ok(p and p["type"].endswith("api.not_in_method") and p["field"] == "threat_level",
           "not rated by this method")
    tap.eq(body["items"][0]["likelihood"], 3, "its likelihood carried over")
    body = check(api(c, "PATCH", f"/api/v1/risks/{new_rid}", W, {"likelihood": 2}),
                 "PATCH", "/api/v1/risks/{id}", 200, "a likelihood rated directly")
    tap.ok(body and body["importance"] == 3 and body["level"] == 6 and body["grade"] == "high",
           "C/I/A moved to the 3-point scale: 3 x 2 = 6, high")

    # ---------------- another organisation ----------------
    web.post("/orgs", {"csrf": web.csrf("/orgs"), "name": "別会社"})
    b = count("select id from organisation where name = '別会社'")
    web.post("/orgs/switch", {"csrf": web.csrf("/orgs"), "org": str(b)})
    B = new_token(web, "write", "別会社")
    tap.ok(B, "a token of the other organisation")
    before = rows()
    for m, path, payload, tmpl in [
        ("GET", f"/api/v1/assets/{first}", None, "/api/v1/assets/{id}"),
        ("PUT", f"/api/v1/assets/{first}", full, "/api/v1/assets/{id}"),
        ("DELETE", f"/api/v1/assets/{first}", None, "/api/v1/assets/{id}"),
        ("GET", f"/api/v1/risks/{new_rid}", None, "/api/v1/risks/{id}"),
        ("PATCH", f"/api/v1/risks/{new_rid}", {"reason": "x"}, "/api/v1/risks/{id}"),
        ("DELETE", f"/api/v1/risks/{new_rid}", None, "/api/v1/risks/{id}"),
        ("GET", f"/api/v1/plan/{late['id']}", None, "/api/v1/plan/{id}"),
        ("PATCH", f"/api/v1/plan/{late['id']}", {"task": "x"}, "/api/v1/plan/{id}"),
        ("DELETE", f"/api/v1/plan/{late['id']}", None, "/api/v1/plan/{id}"),
    ]:
        check(api(c, m, path, B, payload), m, tmpl, 404, f"another organisation: {m} {path}")
    body = json.loads(api(c, "GET", "/api/v1/assets", B).body)
    tap.eq(body["total"], 0, "its register is empty")
    tap.eq(json.loads(api(c, "GET", "/api/v1/plan", B).body)["count"], 0, "its plan is empty")
    tap.eq(json.loads(api(c, "GET", "/api/v1/risks", B).body)["total"], 0, "and its risks")
    web.post("/risks/method", {"csrf": web.csrf("/risks/method"), "do": "start", "method": "ipa"})
    p = check(api(c, "POST", "/api/v1/risks", B, {"asset": first, "threat": "t01",
                                                  "vulnerability": "v01"}),
              "POST", "/api/v1/risks", 422, "a risk on another organisation's asset")
    tap.ok(p and p["type"].endswith("asset.not_found"), "that asset does not exist here")
    tap.eq(rows()[:4], before[:4], "nothing of the first organisation was touched")

    r = srv.cli("audit", "verify", check=False)
    tap.eq(r.returncode, 0, "the audit chains hold with the API's events")
finally:
    srv.stop()
tap.done()
