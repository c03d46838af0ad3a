#!/usr/bin/env python3
"""Every route with every role: allowed, or 403 — nothing in between.

The expected role -> permission table below is written out again on
purpose, independently of src/core/permission.c, and the routes are read
from src/web/routes.c, so a new route without an expectation fails here.
"""
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

ROOT = os.environ.get("MAMORI_SOURCE_ROOT",
                      os.path.join(os.path.dirname(__file__), "..", ".."))

ROLES = ["executive", "security_lead", "department_lead", "sysadmin",
         "training_lead", "audit_lead", "document_lead", "employee",
         "auditor", "consultant"]
GRANTS = {
    "PERM_MEMBER": set(ROLES),
    "PERM_VIEW": set(ROLES) - {"employee"},
    "PERM_EDIT": {"security_lead", "department_lead", "sysadmin",
                  "training_lead", "audit_lead", "document_lead", "consultant"},
    "PERM_APPROVE": {"executive"},
    "PERM_ADMIN": {"security_lead", "sysadmin", "consultant"},
    "PERM_AUDIT_VIEW": {"executive", "security_lead", "audit_lead", "auditor",
                        "consultant"},
    "PERM_ANSWER": {"executive", "security_lead", "department_lead", "sysadmin",
                    "training_lead", "audit_lead", "document_lead", "consultant"},
    "PERM_ACCEPT_RISK": {"executive", "department_lead"},
}
ADMINS = GRANTS["PERM_ADMIN"]

# How each route is exercised: a concrete path for its pattern, and the
# form for POSTs (deliberately incomplete, so nothing really changes —
# the point is the permission answer, which comes before validation).
EXERCISE = {
    ("GET", "/static/{}"): ("/static/style.css", None),
    ("GET", "/healthz"): ("/healthz", None),
    ("GET", "/login"): ("/login", None),
    ("POST", "/login"): ("/login", {}),
    ("POST", "/lang"): ("/lang", {"lang": "ja", "next": "/"}),
    ("GET", "/login/mfa"): ("/login/mfa", None),
    ("POST", "/login/mfa"): ("/login/mfa", {"code": "x"}),
    ("POST", "/logout"): None,        # ends the session: checked apart
    ("POST", "/logout/all"): None,    # likewise
    ("GET", "/"): ("/", None),
    ("GET", "/controls"): ("/controls", None),
    ("GET", "/controls/{}"): ("/controls/5.12", None),
    ("GET", "/guideline"): ("/guideline", None),
    ("GET", "/guideline/{}"): ("/guideline/3.2.2", None),
    ("GET", "/settings"): ("/settings", None),
    ("POST", "/settings/password"): ("/settings/password", {"current": "x"}),
    ("POST", "/settings/mfa"): ("/settings/mfa", {"code": "x"}),
    ("POST", "/settings/mfa/off"): ("/settings/mfa/off", {"code": "x"}),
    ("GET", "/audit"): ("/audit", None),
    ("GET", "/audit.csv"): ("/audit.csv", None),
    ("GET", "/orgs"): ("/orgs", None),
    ("POST", "/orgs/switch"): ("/orgs/switch", {"org": "x"}),
    ("POST", "/orgs"): ("/orgs", {"name": ""}),
    ("POST", "/settings/tokens"): ("/settings/tokens", {"name": ""}),
    ("GET", "/backup"): ("/backup", None),
    ("GET", "/members"): ("/members", None),
    ("GET", "/start"): ("/start", None),
    ("GET", "/policy"): ("/policy", None),
    ("POST", "/policy"): ("/policy", {"body": ""}),
    ("GET", "/policy/print"): ("/policy/print", None),
    ("GET", "/policy/export.pdf"): ("/policy/export.pdf", None),
    ("POST", "/policy/generate"): ("/policy/generate", {"objective": "x"}),
    ("POST", "/policy/approve"): ("/policy/approve", {"version": "x"}),
    ("POST", "/policy/publish"): ("/policy/publish", {"version": "x"}),
    ("GET", "/handbook"): ("/handbook", None),
    ("POST", "/handbook"): ("/handbook", {"body": ""}),
    ("GET", "/handbook/print"): ("/handbook/print", None),
    ("GET", "/handbook/export.pdf"): ("/handbook/export.pdf", None),
    ("POST", "/handbook/generate"): ("/handbook/generate", {"objective": "x"}),
    ("POST", "/handbook/approve"): ("/handbook/approve", {"version": "x"}),
    ("POST", "/handbook/publish"): ("/handbook/publish", {"version": "x"}),
    ("GET", "/executive"): ("/executive", None),
    ("POST", "/executive"): ("/executive", {"item": "x"}),
    ("GET", "/cases"): ("/cases", None),
    ("GET", "/cases/{}"): ("/cases/c01", None),
    ("POST", "/cases/{}/risks"): ("/cases/c01/risks", {"pair": "x"}),
    ("GET", "/cloud"): ("/cloud", None),
    ("POST", "/cloud"): ("/cloud", {"name": ""}),
    ("GET", "/cloud/{}"): ("/cloud/999999", None),
    ("POST", "/cloud/{}"): ("/cloud/999999", {"name": ""}),
    ("POST", "/cloud/{}/checks"): ("/cloud/999999/checks", {}),
    ("GET", "/profile"): ("/profile", None),
    ("POST", "/profile"): ("/profile", {"employees": "-1"}),
    ("GET", "/five"): ("/five", None),
    ("POST", "/five"): ("/five", {"point": "x"}),
    ("GET", "/diagnosis"): ("/diagnosis", None),
    ("POST", "/diagnosis"): ("/diagnosis", {"unit": "x" * 101}),
    ("GET", "/diagnosis/compare"): ("/diagnosis/compare", None),
    ("GET", "/diagnosis/{}"): ("/diagnosis/999999", None),
    ("POST", "/diagnosis/{}"): ("/diagnosis/999999", {"do": "save"}),
    ("POST", "/members"): ("/members", {"email": "x"}),
    ("POST", "/members/roles"): ("/members/roles", {"account": "x"}),
    ("POST", "/members/remove"): ("/members/remove", {"account": "x"}),
    ("POST", "/settings/tokens/revoke"): ("/settings/tokens/revoke",
                                          {"id": "x"}),
    ("GET", "/assets"): ("/assets", None),
    ("POST", "/assets"): ("/assets", {"name": ""}),
    ("GET", "/assets/new"): ("/assets/new", None),
    ("POST", "/assets/bulk"): ("/assets/bulk", {"field": "x"}),
    ("GET", "/assets/labels"): ("/assets/labels", None),
    ("POST", "/assets/labels"): ("/assets/labels", {}),
    ("GET", "/assets/{}"): ("/assets/999999", None),
    ("GET", "/assets/export.csv"): ("/assets/export.csv", None),
    ("GET", "/assets/export.xlsx"): ("/assets/export.xlsx", None),
    ("GET", "/assets/import"): ("/assets/import", None),
    ("POST", "/assets/import"): ("/assets/import", {"layout": "x"}),
    ("GET", "/assets/import/{}"): ("/assets/import/999999", None),
    ("POST", "/assets/import/{}"): ("/assets/import/999999", {}),
    ("POST", "/assets/{}"): ("/assets/999999", {"name": ""}),
    ("POST", "/assets/{}/delete"): ("/assets/999999/delete", {}),
    ("GET", "/risks"): ("/risks", None),
    ("POST", "/risks"): ("/risks", {"asset": "x"}),
    ("GET", "/risks/method"): ("/risks/method", None),
    ("POST", "/risks/method"): ("/risks/method", {"method": "x"}),
    ("GET", "/risks/new"): ("/risks/new?asset=999999", None),
    ("GET", "/risks/report"): ("/risks/report", None),
    ("GET", "/risks/report.pdf"): ("/risks/report.pdf", None),
    ("GET", "/risks/{}"): ("/risks/999999", None),
    ("POST", "/risks/{}"): ("/risks/999999", {"treatment": "x"}),
    ("POST", "/risks/{}/accept"): ("/risks/999999/accept", {}),
    ("POST", "/risks/{}/delete"): ("/risks/999999/delete", {}),
    ("GET", "/plan"): ("/plan", None),
    ("POST", "/plan"): ("/plan", {"task": ""}),
    ("POST", "/plan/{}"): ("/plan/999999", {"task": ""}),
    ("POST", "/plan/{}/delete"): ("/plan/999999/delete", {}),
    ("GET", "/checklist"): ("/checklist", None),
    ("GET", "/checklist/gaps"): ("/checklist/gaps", None),
    ("GET", "/checklist/export.csv"): ("/checklist/export.csv", None),
    ("GET", "/checklist/export.xlsx"): ("/checklist/export.xlsx", None),
    ("GET", "/checklist/{}"): ("/checklist/3.1.1", None),
    ("POST", "/checklist/{}"): ("/checklist/3.1.1", {"status": "x"}),
    ("GET", "/soa"): ("/soa", None),
    ("POST", "/soa/approve"): ("/soa/approve", {}),
    ("GET", "/soa/suggestions"): ("/soa/suggestions", None),
    ("POST", "/soa/suggestions"): ("/soa/suggestions", {"decision": "x"}),
    ("GET", "/soa/versions"): ("/soa/versions", None),
    ("GET", "/soa/versions/{}"): ("/soa/versions/999999", None),
    ("GET", "/soa/diff"): ("/soa/diff?a=1&b=2", None),
    ("GET", "/soa/export.csv"): ("/soa/export.csv?lang=en", None),
    ("GET", "/soa/export.xlsx"): ("/soa/export.xlsx?lang=ja", None),
    ("GET", "/soa/export.pdf"): ("/soa/export.pdf?lang=ja", None),
    ("GET", "/soa/{}"): ("/soa/5.1", None),
    ("POST", "/soa/{}"): ("/soa/5.1", {"applicable": "maybe"}),
    ("GET", "/documents"): ("/documents", None),
    ("POST", "/documents"): ("/documents", {"code": ""}),
    ("GET", "/documents/new"): ("/documents/new", None),
    ("POST", "/documents/preview"): ("/documents/preview", {"body": "# x"}),
    ("GET", "/documents/export.csv"): ("/documents/export.csv", None),
    ("GET", "/documents/export.xlsx"): ("/documents/export.xlsx?lang=en",
                                        None),
    ("GET", "/documents/{}"): ("/documents/999999", None),
    ("POST", "/documents/{}"): ("/documents/999999", {"code": ""}),
    ("GET", "/documents/{}/edit"): ("/documents/999999/edit", None),
    ("POST", "/documents/{}/edit"): ("/documents/999999/edit", {"body": ""}),
    ("POST", "/documents/{}/submit"): ("/documents/999999/submit", {}),
    ("POST", "/documents/{}/return"): ("/documents/999999/return", {}),
    ("POST", "/documents/{}/approve"): ("/documents/999999/approve", {}),
    ("POST", "/documents/{}/withdraw"): ("/documents/999999/withdraw", {}),
    ("GET", "/documents/{}/version"): ("/documents/999999/version?n=1",
                                       None),
    ("GET", "/documents/{}/diff"): ("/documents/999999/diff?a=1&b=2", None),
    ("GET", "/pack"): ("/pack", None),
    ("POST", "/pack"): ("/pack", {"lang": "x"}),
    ("GET", "/pack/{}"): ("/pack/" + "0" * 32, None),
}

routes = []
src = open(os.path.join(ROOT, "src/web/routes.c"), encoding="utf-8").read()
for m in re.finditer(r'\{\s*"(GET|POST|PUT|DELETE)",\s*"([^"]+)",\s*(\w+),\s*(PERM_\w+),\s*([^}]+)\}', src):
    flags = m.group(5).strip()
    # API routes take tokens, not sessions: t0140-web-api covers them.
    if flags == "A":
        continue
    routes.append((m.group(1), m.group(2), m.group(3), m.group(4),
                   "ROUTE_PUBLIC" in flags))

tap = Tap()
tap.ok(len(routes) >= 20, f"routes read from routes.c ({len(routes)})")
for method, pattern, *_ in routes:
    tap.ok((method, pattern) in EXERCISE, f"{method} {pattern} has an expectation")

srv = Server()
try:
    until = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    pw = "a long enough passphrase for tests"
    clients = {}
    for role in ROLES:
        email = f"{role}@example.jp"
        args = ["user", "add", email, "--role", role, "--password-stdin"]
        if role == "auditor":
            args += ["--expires", until]
        srv.cli(*args, stdin=pw + "\n")
        c = srv.client()
        r = c.login(email, pw)
        tap.eq(r.status, 303, f"{role} logs in")
        if role in ADMINS:
            c.setup_mfa()
        clients[role] = c

    for method, pattern, handler, perm, public in routes:
        ex = EXERCISE.get((method, pattern))
        if not ex:
            continue
        path, form = ex
        for role in ROLES:
            c = clients[role]
            if method == "GET":
                r = c.get(path)
            else:
                fields = dict(form)
                fields["csrf"] = c.csrf("/settings")
                r = c.post(path, fields)
            allowed = public or role in GRANTS[perm]
            if allowed:
                tap.ok(r.status != 403 and r.status < 500,
                       f"{role} may {method} {pattern} ({r.status})",
                       r.text[:300])
            else:
                tap.eq(r.status, 403, f"{role} may not {method} {pattern}")

    # The routes that end a session, last.
    for role in ROLES:
        c = clients[role]
        r = c.post("/logout", {"csrf": c.csrf("/settings")})
        tap.eq(r.status, 303, f"{role} may POST /logout")
finally:
    srv.stop()
tap.done()
