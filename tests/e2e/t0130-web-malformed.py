#!/usr/bin/env python3
"""Malformed and hostile input gets a clear 4xx, never a crash."""
import os
import socket
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

tap = Tap()
srv = Server()
try:
    c = srv.client()
    c.login(srv.admin, srv.password)
    c.setup_mfa()
    csrf = c.csrf()

    r = c.request("GET", "/controls?theme=%ff", raw=True)
    tap.eq(r.status, 400, "invalid UTF-8 in the query: 400")
    r = c.request("GET", "/%ff", raw=True)
    tap.eq(r.status, 400, "invalid UTF-8 in the path: 400")
    r = c.get("/controls?theme=nonsense")
    tap.eq(r.status, 400, "an unknown filter value: 400")
    r = c.request("POST", "/orgs", body=b"csrf=" + csrf.encode() + b"&name=%zz",
                  headers={"Content-Type": "application/x-www-form-urlencoded"},
                  raw=True)
    tap.eq(r.status, 400, "a bad percent escape in a form: 400")
    r = c.request("POST", "/orgs", body=b"csrf=" + csrf.encode() + b"&name=%00x",
                  headers={"Content-Type": "application/x-www-form-urlencoded"},
                  raw=True)
    tap.eq(r.status, 400, "a NUL byte in a form: 400")
    r = c.request("POST", "/orgs", body=b"{}",
                  headers={"Content-Type": "application/json"}, raw=True)
    tap.eq(r.status, 400, "a body that is not a form: 400")
    big = b"csrf=" + csrf.encode() + b"&name=" + b"a" * (2 * 1024 * 1024)
    r = c.request("POST", "/orgs", body=big,
                  headers={"Content-Type": "application/x-www-form-urlencoded"},
                  raw=True)
    tap.eq(r.status, 413, "a 2 MB body: 413")
    many = "&".join(f"f{i}=1" for i in range(300))
    r = c.request("POST", "/orgs", body=f"csrf={csrf}&{many}".encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"},
                  raw=True)
    tap.eq(r.status, 400, "300 form fields: 400")
    r = c.post("/orgs", {"csrf": csrf, "name": "x" * 201})
    tap.eq(r.status, 400, "a 201-character name: 400")
    tap.ok("200" in r.text, "the message gives the limit")
    r = c.post("/orgs", {"csrf": csrf, "name": "<script>alert(1)</script>"})
    tap.eq(r.status, 303, "markup in a name is accepted as text")
    page = c.get("/orgs").text
    tap.ok("<script>alert(1)</script>" not in page and
           "&lt;script&gt;alert(1)&lt;/script&gt;" in page,
           "and shown escaped")
    r = c.request("PUT", "/orgs")
    tap.eq(r.status, 405, "an unsupported method: 405")
    r = c.get("/no/such/page")
    tap.eq(r.status, 404, "an unknown page: 404")
    r = c.get("/controls/9.99")
    tap.eq(r.status, 404, "an unknown control: 404")
    r = c.get("/static/../../etc/passwd")
    tap.ok(r.status in (400, 404), "no path traversal for assets", r.status)
    r = srv.client().get("/login?next=//evil.example/")
    tap.ok('value="/"' in r.text, "an off-site next is dropped")

    # Headers far beyond the limit: refused, and the server lives on.
    s = socket.create_connection(("127.0.0.1", srv.port))
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n")
    reply = s.recv(100)
    s.close()
    tap.ok(reply[:12] in (b"HTTP/1.1 431", b"HTTP/1.1 413", b"HTTP/1.1 400") or
           reply == b"", "huge headers refused", reply)
    tap.eq(c.get("/healthz").status, 200, "the server still answers")

    # Compression where it pays: assets and the cached API lists.
    import gzip as gz
    plain = c.get("/static/style.css")
    r = c.get("/static/style.css", headers={"Accept-Encoding": "gzip, br"})
    tap.eq(r.header("Content-Encoding"), "gzip", "gzip when the client accepts it")
    tap.ok(gz.decompress(r.body) == plain.body and len(r.body) < len(plain.body) / 2,
           "the same bytes, less than half the size")
    tap.eq(plain.header("Vary"), "Accept-Encoding", "Vary: Accept-Encoding")
    r = c.get("/static/style.css", headers={"Accept-Encoding": "gzip;q=0, deflate"})
    tap.eq(r.header("Content-Encoding"), None, "gzip;q=0 is respected")
    r = c.get("/static/favicon.svg", headers={"Accept-Encoding": "gzip"})
    tap.eq(r.header("Content-Encoding"), None, "small files are sent plain")
    home = c.get("/")
    m = __import__("re").search(r'href="(/static/style\.css\?v=[0-9a-f]+)"', home.text)
    tap.ok(m is not None, "pages link assets by a versioned address")
    r = c.get(m.group(1))
    tap.eq(r.header("Cache-Control"), "public, max-age=31536000, immutable",
           "a versioned asset is cached for a year")
    tap.eq(c.get("/static/style.css?v=stale").header("Cache-Control"),
           "public, max-age=86400, must-revalidate", "a stale version is revalidated")
    etag = plain.header("ETag")
    r = c.get("/static/style.css", headers={"If-None-Match": etag})
    tap.eq(r.status, 304, "a known ETag gets 304")

    # The audit chain: intact, then tampered with and caught.
    tap.eq(srv.cli("audit", "verify", check=False).returncode, 0,
           "audit chain intact")
    db = sqlite3.connect(srv.data)
    try:
        db.execute("update audit_event set actor = 'x' where seq = 2 and org_id = 1")
        db.commit()
        tap.ok(False, "the trail refuses updates")
    except sqlite3.DatabaseError as e:
        tap.ok("append-only" in str(e), "the trail refuses updates", e)
    db.execute("drop trigger audit_event_no_update")
    db.execute("update audit_event set actor = 'intruder' where seq = 2 and org_id = 1")
    db.commit()
    bad_id = db.execute("select id from audit_event where seq = 2 and org_id = 1").fetchone()[0]
    v = srv.cli("audit", "verify", check=False)
    tap.eq(v.returncode, 1, "a tampered chain fails verification")
    tap.ok(f"ID {bad_id}" in v.stderr or f"id {bad_id}" in v.stderr,
           "verification names the first broken event", v.stderr)
finally:
    rc = srv.stop()
tap.eq(rc, 0, "clean stop")
tap.done()
