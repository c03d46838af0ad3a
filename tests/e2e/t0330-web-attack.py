#!/usr/bin/env python3
"""Attacks on the running server over loopback (docs/SECURITY.md).

- Cross-site request forgery: every form route of src/web/routes.c, posted
  without a token and with a wrong one, answers 403 and writes nothing.
- Another organisation: every route that takes an id, for pages and the
  API, given the ids of organisation B while working in A, answers 404,
  shows none of B's text and changes none of B's rows.
- Session fixation: a session id set before the login is not the one
  after it, and never logs anyone in.
- Cross-site scripting: hostile text stored through the text fields of
  the API and the forms (assets, risks, plan, cloud services, profile,
  organisation and member names, diagnosis notes, SoA entries, checklist
  items) comes back escaped in every page, literal and
  formula-guarded in CSV, as plain strings (no formulas) in XLSX, and as
  text in PDF.
- Oversize headers and request lines are refused; a client sending its
  request a byte a second is cut off after 20 s, and others are served at
  once meanwhile.

The route lists are read from src/web/routes.c, so a new route is attacked
too.  About 25 s under ASan, most of it the slow client.
"""
import csv
import io
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

ROOT = os.environ.get("MAMORI_SOURCE_ROOT",
                      os.path.join(os.path.dirname(__file__), "..", ".."))
tap = Tap()

ROUTE = re.compile(r'\{\s*"(GET|POST|PUT|PATCH|DELETE)",\s*"([^"]+)",\s*(\w+)')
routes = ROUTE.findall(open(os.path.join(ROOT, "src/web/routes.c"),
                            encoding="utf-8").read())
tap.ok(len(routes) > 100, f"{len(routes)} routes read from routes.c")

# Scripts in every shape a page could let through.
PAYLOADS = [
    "<script>alert('x1')</script>",
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    "javascript:alert(4)",
    "</textarea><iframe src=//evil.example>",
    "\uff1cscript\uff1ealert(6)\uff1c/script\uff1e",  # full-width brackets
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
]
# What must never appear in a page: the raw markup of the payloads.
RAW = ["<script>alert", "<img src=x", "<svg onload", "<iframe src=//evil",
       'onerror=alert(2)>', "onload=alert(3)>"]
MARK_B = "B社の秘密"

srv = Server(org="A社")
try:
    db = sqlite3.connect(srv.data)
    admin = srv.client()
    admin.login(srv.admin, srv.password)
    admin.setup_mfa()

    # --- session fixation ------------------------------------------------
    fixed = "f" * 64
    c = srv.client()
    c.cookies["mamori_session"] = fixed
    c.get("/login")
    r = c.login(srv.admin, srv.password)
    after = c.cookies.get("mamori_session")
    tap.ok(r.status == 303 and after and after != fixed,
           "login issues a new session id, not the one planted before it")
    c2 = srv.client()
    c2.cookies["mamori_session"] = fixed
    r = c2.get("/assets")
    tap.ok(r.status in (303, 403) and "/login" in (r.header("Location") or "/login"),
           "the planted id logs nobody in", r.status)
    tap.eq(db.execute("select count(*) from session where token_hash = ?",
                      (fixed,)).fetchone()[0], 0, "and is stored nowhere")

    # --- organisation B with data of its own --------------------------------
    r = admin.post("/orgs", {"csrf": admin.csrf(), "name": "B社"})
    tap.eq(r.status, 303, "admin creates organisation B")
    ids = dict(db.execute("select name, id from organisation"))
    a, b = ids["A社"], ids["B社"]
    ob = ["--org", str(b)]
    srv.cli("asset", "add", MARK_B + "資産", "--medium", "paper", "--c", "2",
            "--i", "1", "--a", "1", *ob)
    b_asset = db.execute("select id from asset where org_id=?", (b,)).fetchone()[0]
    srv.cli("risk", "method", "ipa", *ob)
    srv.cli("risk", "add", str(b_asset), "--threat-text", MARK_B + "脅威",
            "--vulnerability-text", MARK_B + "脆弱性", *ob)
    b_risk = db.execute("select id from risk where org_id=?", (b,)).fetchone()[0]
    srv.cli("plan", "add", "5.1", MARK_B + "作業", *ob)
    b_plan = db.execute("select id from plan_task where org_id=?", (b,)).fetchone()[0]
    srv.cli("cloud", "add", MARK_B + "クラウド", *ob)
    b_cloud = db.execute("select id from cloud_service where org_id=?",
                         (b,)).fetchone()[0]
    admin.post("/orgs/switch", {"csrf": admin.csrf(), "org": str(b)})
    admin.post("/diagnosis", {"csrf": admin.csrf("/diagnosis")})
    admin.post("/orgs/switch", {"csrf": admin.csrf(), "org": str(a)})
    b_runs = [x[0] for x in db.execute(
        "select id from diagnosis_run where org_id=?", (b,))]
    tap.ok(len(b_runs) == 1, "B has a diagnosis run")
    by_kind = {"assets": b_asset, "risks": b_risk, "plan": b_plan,
               "cloud": b_cloud, "diagnosis": b_runs[0] if b_runs else 0}

    def b_rows():
        out = []
        for table in ("asset", "risk", "plan_task", "cloud_service",
                      "diagnosis_run", "diagnosis_answer"):
            out.append(sorted(map(repr, db.execute(
                f"select * from {table} where org_id=?", (b,)))))
        return out

    # A token of A for the API.
    page = admin.post("/settings/tokens", {"csrf": admin.csrf("/settings"),
                                           "name": "attack", "scope": "write",
                                           "days": "1"})
    m = re.search(r"(mmr_[0-9a-f]{64})", page.text)
    token = m.group(1) if m else ""
    tap.ok(token, "a write token of A")

    def api(method, path, body=None):
        h = {"Authorization": "Bearer " + token}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        cl = srv.client()
        return cl.request(method, path, body=data, headers=h, raw=True)

    # --- every route with an id, given B's ids ------------------------------
    before = b_rows()
    tried = leaked = 0
    fields = {"name": "x", "task": "x", "control": "5.1", "medium": "paper",
              "threat_text": "x", "vulnerability_text": "x", "reason": "x",
              "treatment": "reduce", "status": "done", "by": srv.admin}
    for method, pattern, handler in routes:
        if "{}" not in pattern:
            continue
        kind = pattern.split("/")[3 if pattern.startswith("/api/") else 1]
        if kind not in by_kind:
            continue
        path = pattern.replace("{}", str(by_kind[kind]))
        if pattern.startswith("/api/"):
            r = api(method, path, fields if method in ("POST", "PUT", "PATCH")
                    else None)
        elif method == "GET":
            r = admin.get(path)
        else:
            r = admin.post(path, dict(fields, csrf=admin.csrf()))
        tried += 1
        if r.status != 404 or MARK_B in r.text:
            leaked += 1
            tap.ok(False, f"{method} {path} with B's id: {r.status}")
    tap.ok(tried >= 25, f"{tried} routes tried with B's ids, all 404",
           f"{leaked} answered otherwise")
    tap.ok(b_rows() == before, "none of B's rows changed")
    for path in ("/assets", "/risks", "/plan", "/cloud", "/diagnosis",
                 "/assets/export.csv", "/risks/report", "/audit",
                 "/api/v1/assets", "/api/v1/risks", "/api/v1/plan"):
        r = admin.get(path) if not path.startswith("/api/") else api("GET", path)
        tap.ok(MARK_B not in r.text, f"{path} lists nothing of B")

    # --- CSRF: every form route, no token and a wrong one -------------------
    events = db.execute("select count(*) from audit_event").fetchone()[0]
    bad = []
    posts = [p for m_, p, h in routes if m_ == "POST" and
             not p.startswith("/api/")]
    for pattern in posts:
        path = pattern.replace("{}", "1")
        for form in ({"name": "x"}, {"name": "x", "csrf": "0" * 64}):
            r = admin.post(path, form)
            if r.status != 403:
                bad.append(f"{path} {form.get('csrf', 'none')[:4]} {r.status}")
    tap.ok(not bad and len(posts) > 40,
           f"{len(posts)} form routes refuse a missing or wrong token", *bad)
    tap.eq(db.execute("select count(*) from audit_event").fetchone()[0],
           events, "and nothing was written")
    # Logged out, the login form's own token guards it the same way.
    anon = srv.client()
    r = anon.post("/login", {"email": srv.admin, "password": srv.password})
    tap.eq(r.status, 403, "a login without the form's token: 403")
    tap.ok("mamori_session" not in anon.cookies, "and no session")

    # --- cross-site scripting --------------------------------------------
    made = []
    for i, p in enumerate(PAYLOADS):
        r = api("POST", "/api/v1/assets", {
            "name": p, "medium": "server", "category": p, "notes": p,
            "users": p, "owner": p, "department": p, "retention": p,
            "c": 2, "i": 1, "a": 1})
        tap.eq(r.status, 201, f"asset with payload {i} stored")
        made.append(json.loads(r.body)["id"] if r.status == 201 else 0)
    srv.cli("risk", "method", "ipa", "--org", str(a))
    for i, p in enumerate(PAYLOADS[:6]):
        r = api("POST", "/api/v1/risks", {"asset": made[0], "threat_text": p,
                                          "vulnerability_text": p,
                                          "consequence": p})
        tap.ok(r.status == 201, f"risk with payload {i} stored", r.status,
               r.text[:200])
        r = api("POST", "/api/v1/plan", {"control": "5.1", "task": p,
                                         "owner": p})
        tap.ok(r.status == 201, f"plan task with payload {i} stored",
               r.status, r.text[:200])
        r = api("POST", "/api/v1/cloud", {"name": p + str(i), "purpose": p})
        tap.ok(r.status == 201, f"cloud service with payload {i} stored",
               r.status, r.text[:200])
    r = api("PUT", "/api/v1/profile", {"representative": PAYLOADS[0],
                                       "services": PAYLOADS[1],
                                       "industry": PAYLOADS[2]})
    tap.ok(r.status in (200, 204), "profile with payloads stored",
           r.status, r.text[:200])
    r = admin.post("/orgs", {"csrf": admin.csrf(), "name": PAYLOADS[1]})
    tap.eq(r.status, 303, "an organisation named with a payload")
    r = admin.post("/diagnosis", {"csrf": admin.csrf("/diagnosis")})
    run = db.execute("select max(id) from diagnosis_run where org_id=?",
                     (a,)).fetchone()[0]
    admin.post(f"/diagnosis/{run}", {"csrf": admin.csrf(f"/diagnosis/{run}"),
                                     "q1": "4", "note1": PAYLOADS[0]})
    r = admin.post("/soa/5.1", [("csrf", admin.csrf("/soa/5.1")),
                                ("applicable", "yes"), ("reason_risk", "1"),
                                ("status", "partly"), ("owner", PAYLOADS[1]),
                                ("notes", PAYLOADS[0]),
                                ("justification", PAYLOADS[6])])
    tap.eq(r.status, 303, "an SoA entry with payloads")
    r = admin.post("/checklist/3.1.1", {"csrf": admin.csrf("/checklist/3.1.1"),
                                        "status": "partly",
                                        "owner": PAYLOADS[1],
                                        "note": PAYLOADS[0],
                                        "evidence": PAYLOADS[7]})
    tap.eq(r.status, 303, "a checklist item with payloads")
    r = admin.post("/members", [("csrf", admin.csrf("/members")),
                                ("email", "xss@example.jp"),
                                ("name", PAYLOADS[0]), ("role", "employee")])
    tap.ok(r.status in (200, 303), "a member named with a payload", r.status)
    stored = db.execute("select count(*) from asset where name = ?",
                        (PAYLOADS[0],)).fetchone()[0]
    tap.eq(stored, 1, "payloads are stored as typed, not altered")

    pages = ["/", "/assets", "/assets?q=" + "%3Cscript%3E", "/risks",
             "/plan", "/cloud", "/orgs", "/profile", "/risks/report",
             "/audit", "/diagnosis", f"/diagnosis/{run}", "/start",
             "/soa", "/soa/5.1", "/checklist", "/checklist/3.1.1",
             "/checklist/gaps", "/members", "/documents"]
    pages += [f"/assets/{x}" for x in made[:6]]
    pages += [f"/risks/{x[0]}" for x in db.execute(
        "select id from risk where org_id=? limit 6", (a,))]
    pages += [f"/cloud/{x[0]}" for x in db.execute(
        "select id from cloud_service where org_id=? limit 6", (a,))]
    for path in pages:
        r = admin.get(path)
        if r.status == 404:
            continue
        hits = [x for x in RAW if x in r.text]
        tap.ok(r.status == 200 and not hits,
               f"{path}: payloads escaped", r.status, *hits)
    # Values in attributes stay inside their quotes.
    r = admin.get(f"/assets/{made[1]}")
    tap.ok("&quot;&gt;&lt;img" in r.text or "&#34;&gt;&lt;img" in r.text,
           "a quote in an attribute value is escaped")
    tap.ok(not re.search(r'href="\s*javascript:', r.text, re.I),
           "no javascript: link")

    # CSV: text literal; a cell a spreadsheet would run is prefixed with '.
    r = admin.get("/assets/export.csv")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    tap.ok(PAYLOADS[0] in cells, "CSV keeps the text literal")
    tap.ok("'" + PAYLOADS[6] in cells, "=cmd|… is written as '=cmd|…")
    for path in ("/assets/export.csv", "/soa/export.csv",
                 "/checklist/export.csv", "/documents/export.csv",
                 "/audit.csv"):
        r = admin.get(path)
        if r.status == 404:
            continue
        rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
        cells = [cell for row in rows[1:] for cell in row]
        danger = [x for x in cells if x[:1] in ("=", "+", "-", "@") and
                  not re.fullmatch(r"-?\d+(\.\d+)?", x)]
        tap.ok(r.status == 200 and not danger,
               f"{path}: no cell starts a formula", r.status, *danger[:5])
    # XLSX: strings only, no formula element anywhere.
    for path in ("/assets/export.xlsx", "/soa/export.xlsx",
                 "/checklist/export.xlsx", "/documents/export.xlsx"):
        r = admin.get(path)
        if r.status == 404:
            continue
        book = zipfile.ZipFile(io.BytesIO(r.body))
        xml = "".join(book.read(n).decode("utf-8") for n in book.namelist()
                      if n.startswith("xl/") and n.endswith(".xml"))
        tap.ok(r.status == 200 and "<f>" not in xml and "<f " not in xml,
               f"{path}: no formulas")
        if path == "/assets/export.xlsx":
            tap.ok("&lt;script&gt;alert(&apos;x1&apos;)" in xml or
                   "&lt;script&gt;alert('x1')" in xml,
                   "XLSX keeps the payload as text")

    # PDF: the text is there as text (pdftotext reads it back).
    admin.post("/policy/generate", {"csrf": admin.csrf("/policy")})
    for path in ("/risks/report.pdf", "/policy/export.pdf"):
        r = admin.get(path)
        ok = r.status == 200 and r.body.startswith(b"%PDF")
        tap.ok(ok, f"{path} is a PDF", r.status)
        if ok and path == "/risks/report.pdf":
            t = subprocess.run(["pdftotext", "-", "-"], input=r.body,
                               capture_output=True).stdout.decode("utf-8",
                                                                  "replace")
            tap.ok("<script>alert('x1')</script>" in t.replace("\u2019", "'"),
                   "the risk report shows the payload as text")

    # --- oversize and slow requests ---------------------------------------
    def raw_request(data, wait=10):
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=wait)
        try:
            s.sendall(data)
            return s.recv(200)
        except OSError:
            return b""
        finally:
            s.close()

    reply = raw_request(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " +
                        b"a" * 200000 + b"\r\n\r\n")
    tap.ok(reply[:12] in (b"HTTP/1.1 431", b"HTTP/1.1 413", b"HTTP/1.1 400")
           or reply == b"", "a 200 KB header is refused", reply[:40])
    reply = raw_request(b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    tap.ok(reply[:12] in (b"HTTP/1.1 414", b"HTTP/1.1 431", b"HTTP/1.1 400")
           or reply == b"", "a 100 KB request line is refused", reply[:40])

    # A slow client sending one byte a second never falls silent, so
    # MHD's silence timeout alone would keep it for hours; the server
    # gives a request head SERVER_HEAD_DEADLINE (20 s) and then cuts it.
    # A second one sends a whole head and then trickles its body: after
    # the same 20 s a body must have come at SERVER_BODY_MIN_RATE (4 KB/s)
    # on average, so it is cut too. Other clients are served at once all
    # the while.
    slow = socket.create_connection(("127.0.0.1", srv.port), timeout=40)
    body = socket.create_connection(("127.0.0.1", srv.port), timeout=40)
    body.sendall(b"POST /login HTTP/1.1\r\nHost: x\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\n"
                 b"Content-Length: 500\r\n\r\n")
    served = []
    start = time.monotonic()
    closed = {"head": None, "body": None}

    def trickle(sock, which, byte):
        if closed[which] is not None:
            return
        try:
            sock.sendall(bytes([byte]))
            sock.setblocking(False)
            try:
                if sock.recv(100) == b"":
                    closed[which] = time.monotonic() - start
            except BlockingIOError:
                pass
            finally:
                sock.setblocking(True)
        except OSError:
            closed[which] = time.monotonic() - start

    for ch in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 60:
        trickle(slow, "head", ch)
        trickle(body, "body", ord("a"))
        if closed["head"] is not None and closed["body"] is not None:
            break
        t0 = time.monotonic()
        r = srv.client().get("/healthz")
        served.append((r.status, time.monotonic() - t0))
        time.sleep(1)
    slow.close()
    body.close()
    tap.ok(closed["head"] is not None and 15 < closed["head"] < 26,
           "a client sending a byte a second is cut off after about 20 s",
           f"after {closed['head']} s")
    tap.ok(closed["body"] is not None and 15 < closed["body"] < 26,
           "a body trickled a byte a second is cut off after about 20 s",
           f"after {closed['body']} s")
    tap.ok(len(served) >= 15 and
           all(st == 200 and dt < 2 for st, dt in served),
           f"{len(served)} other requests were served meanwhile",
           max((dt for _, dt in served), default=0))
finally:
    srv.stop()
tap.done()
