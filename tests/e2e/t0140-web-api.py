#!/usr/bin/env python3
"""The JSON API: tokens, scopes, problem+json, and every answer checked
against docs/api/openapi.yaml (OpenAPI 3.1, JSON Schema 2020-12)."""
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


def schema_for(method, template, status, ctype):
    op = spec["paths"][template][method.lower()]
    resp = op["responses"][str(status)]
    if "$ref" in resp:
        resp = spec["components"]["responses"][resp["$ref"].split("/")[-1]]
    return resp["content"][ctype]["schema"]


def check(r, method, template, status, name):
    """The status, the media type and the body's schema, as documented."""
    ok = tap.eq(r.status, status, f"{name}: status {status}")
    ctype = "application/problem+json" if status >= 400 else "application/json"
    tap.eq((r.header("Content-Type") or "").split(";")[0], ctype,
           f"{name}: {ctype}")
    try:
        body = json.loads(r.body)
        schema = dict(schema_for(method, template, status, ctype))
        schema["components"] = spec["components"]
        schema = json.loads(json.dumps(schema).replace(
            "#/components/", "#/components/"))
        jsonschema.Draft202012Validator(schema).validate(body)
        tap.ok(True, f"{name}: body matches the OpenAPI schema")
    except Exception as e:  # noqa: BLE001
        tap.ok(False, f"{name}: body matches the OpenAPI schema", e, r.text[:500])
        body = None
    return body if ok else None


def api(client, method, path, token=None, body=None):
    headers = {}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    return client.request(method, path, body=data, headers=headers, raw=True)


srv = Server()
try:
    web = srv.client()
    web.login(srv.admin, srv.password)
    web.setup_mfa()

    # Every API route of routes.c is documented.
    src = open(os.path.join(ROOT, "src/web/routes.c"), encoding="utf-8").read()
    for m in re.finditer(r'"(GET|PUT|POST|DELETE)", "(/api/[^"]+)"', src):
        # The route's "{}" is any named parameter in the document.
        shape = re.escape(m.group(2)).replace(r"\{\}", r"\{[a-z_]+\}")
        found = [p for p in spec["paths"] if re.fullmatch(shape, p)]
        tap.ok(found and m.group(1).lower() in spec["paths"][found[0]],
               f"{m.group(1)} {m.group(2)} is in openapi.yaml")

    def new_token(scope, name):
        page = web.post("/settings/tokens", {"csrf": web.csrf("/settings"),
                                             "name": name, "scope": scope,
                                             "days": "30"})
        m = re.search(r'id="new-token">(mmr_[0-9a-f]{64})<', page.text)
        return m.group(1) if m else None

    read = new_token("read", "読み取り用")
    write = new_token("write", "書き込み用")
    tap.ok(read and write, "tokens are created and shown once")
    db = sqlite3.connect(srv.data)
    stored = [r[0] for r in db.execute("select token_hash from api_token")]
    tap.ok(read not in stored and len(stored) == 2, "only token hashes are stored")

    c = srv.client()
    r = api(c, "GET", "/api/v1/me")
    check(r, "GET", "/api/v1/me", 401, "no token")
    tap.ok((r.header("WWW-Authenticate") or "").startswith("Bearer"),
           "401 names the Bearer scheme")
    check(api(c, "GET", "/api/v1/me", "mmr_" + "0" * 64), "GET", "/api/v1/me",
          401, "unknown token")
    # A browser session is no API credential.
    r = web.request("GET", "/api/v1/me", raw=True)
    tap.eq(r.status, 401, "a session cookie does not open the API")

    me = check(api(c, "GET", "/api/v1/me", read), "GET", "/api/v1/me", 200, "me")
    tap.ok(me and me["organisation"]["name"] == "テスト株式会社" and
           "security_lead" in me["roles"], "me names the organisation and roles")

    body = check(api(c, "GET", "/api/v1/controls", read), "GET",
                 "/api/v1/controls", 200, "all controls")
    tap.ok(body and body["count"] == 93 and len(body["items"]) == 93, "93 controls")
    r = c.request("GET", "/api/v1/controls", headers={
        "Authorization": "Bearer " + read, "Accept-Encoding": "gzip"}, raw=True)
    import gzip as gz
    tap.ok(r.header("Content-Encoding") == "gzip" and
           json.loads(gz.decompress(r.body))["count"] == 93,
           "the whole list comes gzip-compressed when asked")
    body = check(api(c, "GET", "/api/v1/guideline", read), "GET",
                 "/api/v1/guideline", 200, "all guideline items")
    tap.ok(body and body["count"] == 170, "170 guideline items")
    body = check(api(c, "GET", "/api/v1/controls?theme=people", read), "GET",
                 "/api/v1/controls", 200, "controls by theme")
    tap.ok(body and body["count"] == 8 and len(body["items"]) == 8, "8 people controls")
    body = check(api(c, "GET", "/api/v1/controls?concept=Recover", read), "GET",
                 "/api/v1/controls", 200, "controls by concept")
    tap.ok(body and body["count"] == 6, "6 recover controls")
    check(api(c, "GET", "/api/v1/controls?theme=space", read), "GET",
          "/api/v1/controls", 400, "bad filter")
    body = check(api(c, "GET", "/api/v1/controls/5.12", read), "GET",
                 "/api/v1/controls/{id}", 200, "one control")
    tap.ok(body and "5.13" in body["related"], "related controls")
    check(api(c, "GET", "/api/v1/controls/9.99", read), "GET",
          "/api/v1/controls/{id}", 404, "missing control")
    body = check(api(c, "GET", "/api/v1/guideline?level=1", read), "GET",
                 "/api/v1/guideline", 200, "guideline at L1")
    tap.ok(body and body["count"] == 110, "110 items at L1")
    check(api(c, "GET", "/api/v1/guideline/3.2.2", read), "GET",
          "/api/v1/guideline/{id}", 200, "one guideline item")
    body = check(api(c, "GET", "/api/v1/audit?limit=5", read), "GET",
                 "/api/v1/audit", 200, "audit page")
    tap.ok(body and body["total"] >= 3 and len(body["items"]) <= 5, "audit paging")

    # The self-diagnosis through the API.
    answers = [4] * 25
    answers[2] = 0
    answers[6] = -1
    body = check(api(c, "POST", "/api/v1/diagnosis", write,
                     {"answers": answers, "unit": "本社", "notes": {"3": "検討中"}}),
                 "POST", "/api/v1/diagnosis", 201, "record a diagnosis")
    tap.ok(body and body["total"] == 23 * 4 - 1 and body["unit"] == "本社",
           "the result is scored")
    tap.ok(body and [w["no"] for w in body["weakest"]] == [3, 7],
           "weakest items first")
    run_id = body["id"] if body else 0
    check(api(c, "GET", f"/api/v1/diagnosis/{run_id}", read), "GET",
          "/api/v1/diagnosis/{id}", 200, "read it back")
    body = check(api(c, "GET", "/api/v1/diagnosis", read), "GET",
                 "/api/v1/diagnosis", 200, "list the runs")
    tap.ok(body and body["count"] >= 1, "the run is listed")
    check(api(c, "POST", "/api/v1/diagnosis", read, {"answers": answers}),
          "POST", "/api/v1/diagnosis", 403, "a read token cannot record")
    r = api(c, "POST", "/api/v1/diagnosis", write, {"answers": answers[:24]})
    check(r, "POST", "/api/v1/diagnosis", 400, "24 answers")
    tap.ok("urn:mamori:problem:answers.missing" in r.text, "the problem names what is missing")
    bad = list(answers)
    bad[4] = 3
    r = api(c, "POST", "/api/v1/diagnosis", write, {"answers": bad})
    check(r, "POST", "/api/v1/diagnosis", 400, "an answer of 3")
    tap.ok("answers.bad_answer" in r.text and "5" in r.text, "the problem names the item")
    check(api(c, "GET", "/api/v1/diagnosis/999999", read), "GET",
          "/api/v1/diagnosis/{id}", 404, "a missing run")

    # The LV1/LV2 registers.
    body = check(api(c, "PUT", "/api/v1/profile", write,
                     {"representative": "山田 太郎", "employees": 12,
                      "large_private_data": True}),
                 "PUT", "/api/v1/profile", 200, "set the profile")
    tap.ok(body and body["level"] == 2, "the profile gives L2")
    check(api(c, "GET", "/api/v1/profile", read), "GET", "/api/v1/profile",
          200, "read the profile")
    r = api(c, "PUT", "/api/v1/profile", write, {"employees": -1})
    check(r, "PUT", "/api/v1/profile", 400, "a negative headcount")
    tap.ok("input.out_of_range" in r.text, "the problem names the rule")
    check(api(c, "PUT", "/api/v1/profile", write, {"color": "red"}), "PUT",
          "/api/v1/profile", 400, "an unknown field")
    for p in range(1, 6):
        body = check(api(c, "PUT", f"/api/v1/five/{p}", write,
                         {"status": "committed", "note": f"点{p}"}),
                     "PUT", "/api/v1/five/{point}", 200, f"commit point {p}")
    tap.ok(body and body["one_star"] is True, "★ is ready through the API")
    check(api(c, "PUT", "/api/v1/five/3", write, {"status": "maybe"}), "PUT",
          "/api/v1/five/{point}", 400, "an unknown state")
    check(api(c, "PUT", "/api/v1/five/6", write, {"status": "committed"}),
          "PUT", "/api/v1/five/{point}", 404, "a sixth point")
    check(api(c, "GET", "/api/v1/five", read), "GET", "/api/v1/five", 200,
          "read the five points")
    check(api(c, "GET", "/api/v1/policy", read), "GET", "/api/v1/policy",
          404, "no policy yet")
    web.post("/policy/generate", [("csrf", web.csrf("/policy")), ("objective", "o02")])
    body = check(api(c, "GET", "/api/v1/policy", read), "GET",
                 "/api/v1/policy", 200, "the drafted policy")
    tap.ok(body and body["version"] == 1 and body["approved_by"] is None,
           "version 1, not approved")
    body = check(api(c, "GET", "/api/v1/executive", read), "GET",
                 "/api/v1/executive", 200, "the executive checklist")
    tap.ok(body and len(body) == 10, "3 principles and 7 actions")
    body = check(api(c, "POST", "/api/v1/cloud", write,
                     {"name": "会計クラウド", "importance": 2, "nda": True}),
                 "POST", "/api/v1/cloud", 201, "register a cloud service")
    sid = body["id"] if body else 0
    body = check(api(c, "GET", f"/api/v1/cloud/{sid}", read), "GET",
                 "/api/v1/cloud/{id}", 200, "read it with its checks")
    tap.ok(body and len(body["checks"]) == 15, "15 checks")
    check(api(c, "GET", "/api/v1/cloud", read), "GET", "/api/v1/cloud", 200,
          "list the register")
    check(api(c, "POST", "/api/v1/cloud", write, {"name": ""}), "POST",
          "/api/v1/cloud", 400, "a service needs a name")
    check(api(c, "POST", "/api/v1/cloud", write, {"name": "x", "importance": 5}),
          "POST", "/api/v1/cloud", 400, "importance is 0 to 2")
    body = check(api(c, "GET", "/api/v1/cases", read), "GET", "/api/v1/cases",
                 200, "the case library")
    tap.ok(body and len(body) == 14, "14 cases")
    check(api(c, "GET", "/api/v1/cases/c05", read), "GET",
          "/api/v1/cases/{id}", 200, "one case")
    check(api(c, "GET", "/api/v1/cases/c99", read), "GET",
          "/api/v1/cases/{id}", 404, "a missing case")

    # Scopes: read cannot change; write can.
    check(api(c, "PUT", "/api/v1/me", read, {"lang": "en"}), "PUT",
          "/api/v1/me", 403, "read-only token cannot change")
    check(api(c, "PUT", "/api/v1/me", write, {"lang": "xx"}), "PUT",
          "/api/v1/me", 400, "bad language")
    check(api(c, "PUT", "/api/v1/me", write, {"lang": "en", "x": 1}), "PUT",
          "/api/v1/me", 400, "unknown field")
    r = c.request("PUT", "/api/v1/me", body=b"{not json",
                  headers={"Authorization": "Bearer " + write,
                           "Content-Type": "application/json"}, raw=True)
    check(r, "PUT", "/api/v1/me", 400, "malformed JSON")
    r = c.request("PUT", "/api/v1/me", body=b"lang=en",
                  headers={"Authorization": "Bearer " + write,
                           "Content-Type": "application/x-www-form-urlencoded"},
                  raw=True)
    check(r, "PUT", "/api/v1/me", 415, "not JSON")
    me = check(api(c, "PUT", "/api/v1/me", write, {"lang": "en"}), "PUT",
               "/api/v1/me", 200, "change language")
    tap.ok(me and me["lang"] == "en", "language changed")
    r = api(c, "GET", "/api/v1/nothing", read)
    tap.eq(r.status, 404, "unknown API path: 404")
    tap.eq(r.header("Content-Type"), "application/problem+json",
           "unknown API path: problem+json")

    # Permissions: an employee's token cannot read the audit trail.
    pw = "a long enough passphrase for tests"
    srv.cli("user", "add", "emp@example.jp", "--password-stdin", stdin=pw + "\n")
    emp = srv.client()
    emp.login("emp@example.jp", pw)
    page = emp.post("/settings/tokens", {"csrf": emp.csrf("/settings"),
                                         "name": "e", "scope": "read", "days": "1"})
    etok = re.search(r'id="new-token">(mmr_[0-9a-f]{64})<', page.text).group(1)
    check(api(c, "GET", "/api/v1/audit", etok), "GET", "/api/v1/audit", 403,
          "employee may not read the audit trail")
    r = api(c, "GET", "/api/v1/audit", etok)
    tap.ok("urn:mamori:problem:http.forbidden" in r.text, "problem type names the reason")

    # Revocation is immediate; another account cannot revoke my token.
    tid = db.execute("select id from api_token where name = '読み取り用'").fetchone()[0]
    r = emp.post("/settings/tokens/revoke", {"csrf": emp.csrf("/settings"), "id": str(tid)})
    tap.eq(r.status, 404, "someone else's token cannot be revoked")
    r = web.post("/settings/tokens/revoke", {"csrf": web.csrf("/settings"), "id": str(tid)})
    tap.eq(r.status, 303, "revoke own token")
    check(api(c, "GET", "/api/v1/me", read), "GET", "/api/v1/me", 401,
          "revoked token refused")
    db.execute("update api_token set expires_on = '2000-01-01' where name = '書き込み用'")
    db.commit()
    check(api(c, "GET", "/api/v1/me", write), "GET", "/api/v1/me", 401,
          "expired token refused")
    actions = [r[0] for r in db.execute("select action from audit_event")]
    tap.ok("token.create" in actions and "token.revoke" in actions,
           "token changes are in the audit trail")

    # Recovery codes: shown once at MFA set-up, each usable once.
    srv.cli("user", "add", "sys@example.jp", "--role", "sysadmin",
            "--password-stdin", stdin=pw + "\n")
    sysc = srv.client()
    sysc.login("sys@example.jp", pw)
    page = sysc.get("/settings")
    from webtest import totp
    secret = page.field("secret")
    r = sysc.post("/settings/mfa", {"csrf": page.field("csrf"), "secret": secret,
                                    "code": totp(secret)})
    codes = re.findall(r"<li><code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</code>", r.text)
    tap.eq(len(codes), 10, "ten recovery codes shown once")
    stored = [x[0] for x in db.execute(
        "select code_hash from recovery_code r join account a"
        " on a.id = r.account_id where a.email = 'sys@example.jp'")]
    tap.ok(codes[0] not in stored and len(stored) == 10, "only their hashes are stored")
    tap.ok(codes[0] not in sysc.get("/settings").text, "not shown again")
    other = srv.client()
    other.login("sys@example.jp", pw)
    page = other.get("/login/mfa")
    r = other.post("/login/mfa", {"csrf": page.field("csrf"), "code": codes[0]})
    tap.eq(r.status, 303, "a recovery code passes the second factor")
    tap.eq(other.get("/").status, 200, "logged in with it")
    third = srv.client()
    third.login("sys@example.jp", pw)
    page = third.get("/login/mfa")
    r = third.post("/login/mfa", {"csrf": page.field("csrf"), "code": codes[0]})
    tap.eq(r.header("Location"), "/login/mfa?failed=1", "a used code does not work twice")
finally:
    srv.stop()
tap.done()
