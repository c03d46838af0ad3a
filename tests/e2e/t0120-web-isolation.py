#!/usr/bin/env python3
"""Organisations are isolated: the organisation comes from the session only.

A member of organisation A cannot switch to, read or act in organisation B,
whatever ids it sends; an expired external auditor cannot log in.
"""
import datetime
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

tap = Tap()
srv = Server(org="A社")
try:
    pw = "a long enough passphrase for tests"
    admin = srv.client()
    admin.login(srv.admin, srv.password)
    admin.setup_mfa()
    r = admin.post("/orgs", {"csrf": admin.csrf(), "name": "B社"})
    tap.eq(r.status, 303, "admin creates organisation B")
    db = sqlite3.connect(srv.data)
    ids = dict(db.execute("select name, id from organisation"))
    a, b = ids["A社"], ids["B社"]
    tap.ok("B社" in admin.get("/orgs").text, "B is listed for its creator")
    tap.ok("<script>" not in admin.get("/orgs").text, "no markup from data")

    srv.cli("user", "add", "emp@example.jp", "--role", "employee", "--org",
            str(a), "--password-stdin", stdin=pw + "\n")
    emp = srv.client()
    emp.login("emp@example.jp", pw)
    tap.ok("B社" not in emp.get("/orgs").text, "a member of A does not see B")
    r = emp.post("/orgs/switch", {"csrf": emp.csrf(), "org": str(b)})
    tap.eq(r.status, 404, "switching to B answers 404")
    r = emp.post("/orgs/switch", {"csrf": emp.csrf(), "org": "999999"})
    tap.eq(r.status, 404, "a missing organisation answers the same")
    r = emp.post("/orgs/switch", {"csrf": emp.csrf(), "org": str(a),
                                  "org_id": str(b)})
    tap.eq(r.status, 303, "extra org fields are ignored")

    # Events of B stay in B's chain; A's audit list never shows them.
    admin.post("/orgs/switch", {"csrf": admin.csrf(), "org": str(b)})
    tap.ok("B社" in admin.get("/").text, "admin switched to B")
    admin.post("/lang", {"csrf": admin.csrf(), "lang": "en", "next": "/"})
    auditor_until = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    srv.cli("user", "add", "aud@example.jp", "--role", "auditor", "--org",
            str(a), "--expires", auditor_until, "--password-stdin",
            stdin=pw + "\n")
    aud = srv.client()
    aud.login("aud@example.jp", pw)
    text = aud.get("/audit").text
    # The switch itself happened in A; the language change after it, in B.
    tap.ok("session.switch_org" in text and "account.lang" not in text,
           "A's audit list holds none of B's events")
    tap.ok("org.create" in text, "A's own events are listed")
    r = aud.get("/audit?org=%d" % b)
    tap.ok("account.lang" not in r.text, "an org parameter changes nothing")
    r = aud.post("/orgs", {"csrf": aud.csrf(), "name": "C社"})
    tap.eq(r.status, 403, "the auditor cannot create organisations")

    # Ids of the other organisation's members and tokens answer 404.
    admin.post("/lang", {"csrf": admin.csrf(), "lang": "ja", "next": "/"})
    r = admin.post("/members", [("csrf", admin.csrf("/members")),
                                ("email", "bmember@example.jp"),
                                ("name", "B の人"), ("role", "employee")])
    bmember = db.execute("select id from account where email='bmember@example.jp'").fetchone()[0]
    page = admin.post("/settings/tokens", {"csrf": admin.csrf("/settings"),
                                           "name": "B", "scope": "read", "days": "1"})
    btoken = db.execute("select id from api_token where org_id=?", (b,)).fetchone()[0]
    admin.post("/orgs/switch", {"csrf": admin.csrf(), "org": str(a)})
    tap.ok("A社" in admin.get("/").text, "admin back in A")
    r = admin.post("/members/roles", [("csrf", admin.csrf("/members")),
                                      ("account", str(bmember)), ("role", "executive")])
    tap.eq(r.status, 404, "changing roles of B's member from A: 404")
    r = admin.post("/members/remove", {"csrf": admin.csrf("/members"),
                                       "account": str(bmember)})
    tap.eq(r.status, 404, "removing B's member from A: 404")
    r = admin.post("/settings/tokens/revoke", {"csrf": admin.csrf("/settings"),
                                               "id": str(btoken)})
    tap.eq(r.status, 404, "revoking B's token from A: 404")
    tap.eq(db.execute("select count(*) from membership where account_id=?",
                      (bmember,)).fetchone()[0], 1, "B's member untouched")

    # An auditor whose access ended cannot log in.
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    srv.cli("user", "add", "old@example.jp", "--role", "auditor", "--org",
            str(a), "--expires", yesterday, "--password-stdin",
            stdin=pw + "\n")
    old = srv.client()
    tap.eq(old.login("old@example.jp", pw).status, 401,
           "an expired auditor cannot log in")
finally:
    srv.stop()
tap.done()
