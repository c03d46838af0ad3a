#!/usr/bin/env python3
"""Login, sessions, second factor, CSRF, headers and lockout over HTTP."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap, totp  # noqa: E402

tap = Tap()
srv = Server()
try:
    c = srv.client()
    r = c.get("/")
    tap.eq(r.status, 303, "anonymous home redirects")
    tap.eq(r.header("Location"), "/login?next=%2F", "to the login page")

    page = c.get("/login")
    tap.eq(page.status, 200, "login page")
    tap.ok("ログイン" in page.text, "login page is Japanese by default")
    csp = page.header("Content-Security-Policy") or ""
    tap.ok("unsafe-inline" not in csp and "frame-ancestors 'none'" in csp,
           "CSP without unsafe-inline, frame-ancestors none", csp)
    tap.eq(page.header("X-Content-Type-Options"), "nosniff", "nosniff")
    tap.ok(page.header("Referrer-Policy") is not None, "Referrer-Policy set")
    tap.eq(page.header("Cache-Control"), "no-store", "pages are not cached")

    en = srv.client()
    en.lang = "en-US,en;q=0.8"
    tap.ok("Log in" in en.get("/login").text, "Accept-Language en gives English")

    # Same answer for an unknown address and a wrong password.
    bad1 = c.login("nobody@example.jp", "whatever password 1")
    bad2 = c.login(srv.admin, "wrong password here")
    tap.eq(bad1.status, 401, "unknown user is refused")
    tap.eq(bad2.status, 401, "wrong password is refused")
    msg = lambda r: r.text.split('id="login-error">')[1].split("<")[0]
    tap.eq(msg(bad1), msg(bad2), "the same message for both")

    # CSRF: a login form without the token is refused.
    r = c.post("/login", {"email": srv.admin, "password": srv.password})
    tap.eq(r.status, 403, "login without CSRF token refused")

    pre = dict(c.cookies)
    r = c.login(srv.admin, srv.password)
    tap.eq(r.status, 303, "login succeeds")
    set_cookie = r.header("Set-Cookie") or ""
    cookie = [v for v in r.headers_all("Set-Cookie") if v.startswith("mamori_session=")]
    tap.ok(cookie and "HttpOnly" in cookie[0] and "SameSite=Strict" in cookie[0],
           "session cookie is HttpOnly and SameSite=Strict", cookie)
    token = c.cookies.get("mamori_session", "")
    tap.eq(len(token), 64, "session token has 256 bits")
    tap.ok(pre.get("mamori_session") != token, "a new token at login")
    hashes = srv.cli("audit", "verify").stdout
    import sqlite3
    db = sqlite3.connect(srv.data)
    stored = [r[0] for r in db.execute("select token_hash from session")]
    tap.ok(token not in stored and len(stored) == 1, "only the token's hash is stored")

    # Administrators must set up the second factor first.
    r = c.get("/")
    tap.eq(r.status, 303, "admin without MFA is sent to settings")
    tap.ok(r.header("Location", ).startswith("/settings"), "to the MFA section")
    secret = c.setup_mfa()
    tap.eq(len(secret), 32, "MFA secret shown in base32")
    tap.eq(c.get("/").status, 200, "home after MFA setup")
    tap.ok(db.execute("select mfa_enabled from account").fetchone()[0] == 1,
           "MFA stored as enabled")

    # POST without CSRF token from a logged-in session.
    r = c.post("/logout", {})
    tap.eq(r.status, 403, "logout without CSRF refused")
    r = c.post("/logout", {"csrf": "0" * 64})
    tap.eq(r.status, 403, "logout with a wrong CSRF token refused")
    r = c.post("/logout", {"csrf": c.csrf()})
    tap.eq(r.status, 303, "logout")
    tap.eq(c.get("/").status, 303, "logged out")
    tap.ok(db.execute("select count(*) from session").fetchone()[0] == 0,
           "session removed from the store")

    # Second login asks for the code.
    r = c.login(srv.admin, srv.password)
    tap.eq(r.header("Location"), "/login/mfa", "login asks for the second factor")
    tap.eq(c.get("/").header("Location"), "/login/mfa", "nothing else before the code")
    page = c.get("/login/mfa")
    r = c.post("/login/mfa", {"csrf": page.field("csrf"), "code": "000000"
                              if totp(secret) != "000000" else "111111"})
    tap.eq(r.header("Location"), "/login/mfa?failed=1", "a wrong code is refused")
    r = c.post("/login/mfa", {"csrf": page.field("csrf"), "code": totp(secret)})
    tap.eq(r.status, 303, "the right code is accepted")
    tap.eq(c.get("/").status, 200, "home after the second factor")

    # Language switch is stored with the account.
    r = c.post("/lang", {"csrf": c.csrf(), "lang": "en", "next": "/"})
    tap.eq(r.status, 303, "switch to English")
    tap.ok("Home" in c.get("/").text, "pages in English")
    c.post("/lang", {"csrf": c.csrf(), "lang": "ja", "next": "/"})
    tap.ok("ホーム" in c.get("/").text, "and back to Japanese")

    # Log out everywhere ends the other session too.
    other = srv.client()
    other.login_mfa(srv.admin, srv.password, secret)
    tap.eq(other.get("/").status, 200, "a second session")
    c.post("/logout/all", {"csrf": c.csrf()})
    tap.eq(other.get("/").status, 303, "log out everywhere ends it")

    # The audit trail recorded it all and its chain holds.
    actions = [r[0] for r in db.execute("select action from audit_event order by id")]
    for a in ("login.failed", "login", "account.mfa_on", "logout", "login.mfa_failed",
              "login.mfa", "account.lang", "logout.all"):
        tap.ok(a in actions, f"audit records {a}")
    v = srv.cli("audit", "verify", check=False)
    tap.eq(v.returncode, 0, "audit chain verifies")

    # Lockout: 5 failures within 15 minutes lock the account and address.
    fresh = srv.client()
    for i in range(3):
        fresh.login(srv.admin, f"wrong password {i}")
    r = fresh.login(srv.admin, srv.password)
    tap.eq(r.status, 429, "locked after five failures")
    tap.ok("15" in r.text, "the lock message gives the time")
    r = fresh.login("someone.else@example.jp", "any password here")
    tap.eq(r.status, 429, "the client address is locked too")
finally:
    rc = srv.stop()
tap.eq(rc, 0, "server stops cleanly on SIGTERM")
tap.done()
