#!/usr/bin/env python3
"""Members and roles from the web: add, change, remove, with the rules."""
import datetime
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

tap = Tap()
srv = Server()
try:
    admin = srv.client()
    admin.login(srv.admin, srv.password)
    admin.setup_mfa()
    page = admin.get("/members")
    tap.eq(page.status, 200, "members page for an administrator")
    tap.ok("（あなた）" in page.text, "the administrator's own row is marked")

    def add(email, name, roles, expires=""):
        fields = [("csrf", admin.csrf("/members")), ("email", email),
                  ("name", name), ("expires", expires)]
        fields += [("role", r) for r in roles]
        return admin.post("/members", fields)

    r = add("sato@example.jp", "佐藤 花子", ["department_lead", "document_lead"])
    tap.eq(r.status, 200, "a member is added")
    m = re.search(r'id="new-password">([^<]+)<', r.text)
    tap.ok(m is not None, "the initial password is shown once")
    pw = m.group(1)
    tap.ok(pw not in admin.get("/members").text, "and not again")

    sato = srv.client()
    tap.eq(sato.login("sato@example.jp", pw).status, 303, "the new member logs in")
    tap.ok(sato.get("/settings").text.count("初期パスワードのままです") == 1,
           "and is asked to change the generated password")

    r = add("sato@example.jp", "佐藤 花子", ["department_lead"])
    tap.eq(r.status, 400, "adding the same member twice is refused")
    tap.ok("既にこの組織のメンバー" in r.text, "with a clear message")
    r = add("aud@example.jp", "監査 太郎", ["auditor"])
    tap.eq(r.status, 400, "an auditor without an end date is refused")
    tap.ok("終了日" in r.text, "the message names the end date")
    r = add("bad", "x", ["employee"])
    tap.eq(r.status, 400, "a bad e-mail address is refused")
    r = add("x@example.jp", "x", [])
    tap.eq(r.status, 400, "no role is refused")
    r = add("x@example.jp", "x", ["king"])
    tap.eq(r.status, 400, "an unknown role is refused")
    until = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    r = add("aud@example.jp", "監査 太郎", ["auditor"], until)
    tap.eq(r.status, 200, "an auditor with an end date is added")

    db = sqlite3.connect(srv.data)
    sid = db.execute("select id from account where email='sato@example.jp'").fetchone()[0]
    me = db.execute("select id from account where email=?", (srv.admin,)).fetchone()[0]
    tap.eq(sato.get("/").status, 200, "the member is logged in")
    r = admin.post("/members/roles", [("csrf", admin.csrf("/members")),
                                      ("account", str(sid)), ("role", "employee")])
    tap.eq(r.status, 303, "roles are changed")
    tap.eq(sato.get("/").status, 303, "a change of roles ends the member's session")
    roles = [x[0] for x in db.execute("select role from membership where account_id=?", (sid,))]
    tap.eq(roles, ["employee"], "only the new roles remain")
    r = admin.post("/members/roles", [("csrf", admin.csrf("/members")),
                                      ("account", str(me)), ("role", "employee")])
    tap.eq(r.status, 400, "an administrator cannot change their own roles")

    # A second organisation can take an existing account (consultants).
    admin.post("/orgs", {"csrf": admin.csrf("/orgs"), "name": "B社"})
    b = db.execute("select id from organisation where name='B社'").fetchone()[0]
    admin.post("/orgs/switch", {"csrf": admin.csrf("/orgs"), "org": str(b)})
    r = add("sato@example.jp", "佐藤 花子", ["consultant"])
    tap.eq(r.status, 200, "an existing account joins another organisation")
    tap.ok('id="new-password"' not in r.text, "without a new password")
    tap.eq(db.execute("select count(*) from account where email='sato@example.jp'").fetchone()[0],
           1, "still one account")
    r = admin.post("/members/remove", {"csrf": admin.csrf("/members"),
                                       "account": str(sid)})
    tap.eq(r.status, 303, "removed from B")
    r = admin.post("/members/remove", {"csrf": admin.csrf("/members"),
                                       "account": str(sid)})
    tap.eq(r.status, 404, "removing again: not a member")
    tap.eq(db.execute("select count(*) from membership where account_id=?", (sid,)).fetchone()[0],
           1, "still a member of A")
    actions = [x[0] for x in db.execute("select action from audit_event")]
    for a in ("member.add", "member.roles", "member.remove"):
        tap.ok(a in actions, f"audit records {a}")
    tap.eq(srv.cli("audit", "verify", check=False).returncode, 0, "chain intact")
finally:
    srv.stop()
tap.done()
