#!/usr/bin/env python3
"""sqlmap against the running server (docs/SECURITY.md, V5).

Debian's sqlmap, bounded: SQLite only, boolean, error and UNION
techniques, level 1 and risk 1, short timeouts and one run per target
under a time limit.  Targets: the login form (with its CSRF token), the
asset form (session cookie and CSRF token), the filters and sorting of
the register and risk lists, the JSON API's list
parameters with a bearer token, and a JSON body.  Every parameter must
come out as not injectable; sqlmap finding an injection point, or not
finishing, fails the test.  About 15 s under ASan.
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

tap = Tap()
SQLMAP = shutil.which("sqlmap")
if not SQLMAP:
    # scripts/deps.sh test installs it; a missing tool is a broken setup.
    tap.ok(False, "sqlmap is installed (scripts/deps.sh test)")
    tap.done()

srv = Server(org="検査株式会社")
out = tempfile.mkdtemp(prefix="mamori-sqlmap-")
try:
    srv.cli("asset", "add", "顧客名簿", "--medium", "paper", "--c", "2",
            "--i", "1", "--a", "1")
    srv.cli("risk", "method", "ipa")
    admin = srv.client()
    admin.login(srv.admin, srv.password)
    admin.setup_mfa()
    page = admin.post("/settings/tokens", {"csrf": admin.csrf("/settings"),
                                           "name": "sqlmap", "scope": "write",
                                           "days": "1"})
    m = re.search(r"(mmr_[0-9a-f]{64})", page.text)
    token = m.group(1) if m else ""
    tap.ok(token, "a write token for the API runs")
    base = f"http://127.0.0.1:{srv.port}"
    cookie = "mamori_session=" + admin.cookies.get("mamori_session", "")
    bearer = "Authorization: Bearer " + token

    def sqlmap(name, *args, limit=90):
        cmd = [SQLMAP, "--batch", "--disable-coloring", "--flush-session",
               "--dbms=SQLite", "--technique=BEU", "--level=1", "--risk=1",
               "--time-sec=1", "--timeout=10", "--retries=0",
               "--output-dir", out, *args]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True,
                               timeout=limit)
        except subprocess.TimeoutExpired:
            tap.ok(False, f"{name}: sqlmap finished within {limit} s")
            return
        text = r.stdout + r.stderr
        # A boolean-blind hint that sqlmap then rejects as a false
        # positive (answers that differ anyway, as a new asset's id does)
        # is not a finding; a confirmed injection point is.
        found = re.findall(r"(?i)(identified the following injection point"
                           r"|parameter '[^']*' is vulnerable)", text)
        for host in os.listdir(out):
            log = os.path.join(out, host, "log")
            if os.path.exists(log) and os.path.getsize(log):
                found.append(open(log).read()[:300])
        clean = re.search(r"(?i)all tested parameters do not appear to be "
                          r"injectable|do not appear to be injectable", text)
        # Each parameter named with -p is reported on: tested, clean.
        params = args[list(args).index("-p") + 1].split(",")
        seen = set(re.findall(r"parameter '(?:JSON )?([a-z_]+)' does not "
                              r"seem to be injectable", text))
        tests = len(re.findall(r"\[INFO\] testing '", text))
        tap.ok(not found and clean and seen == set(params),
               f"{name}: nothing injectable ({tests} tests over "
               f"{len(seen)} parameters)", *found,
               "untested: " + ",".join(sorted(set(params) - seen)),
               *[ln for ln in text.splitlines()
                 if "CRITICAL" in ln or "ERROR" in ln][:5])

    sqlmap("login form",
           "-u", base + "/login", "--data",
           "csrf=x&email=nobody%40example.jp&password=wrong-password",
           "--csrf-token=csrf", "--csrf-url=" + base + "/login",
           "--ignore-code=401", "-p", "email,password")
    db = sqlite3.connect(srv.data)
    count = "select count(*) from asset"
    before = db.execute(count).fetchone()[0]
    sqlmap("register form (session and CSRF token)",
           "-u", base + "/assets", "--cookie", cookie, "--data",
           "csrf=x&name=n&medium=paper&category=c&notes=m"
           "&registered_on=2026-04-01",
           "--csrf-token=csrf", "--csrf-url=" + base + "/assets/new",
           "--ignore-code=400,422", "-p", "name,category,notes")
    # The form's token was fetched anew for each try: they were written.
    tap.ok(db.execute(count).fetchone()[0] > before + 10,
           "sqlmap's form posts got past the CSRF check")
    sqlmap("register list filters",
           "-u", base + "/assets?sort=name&dir=asc&importance=2&personal=1",
           "--cookie", cookie, "-p", "sort,dir,importance,personal")
    sqlmap("risk list filters",
           "-u", base + "/risks?grade=high&status=planned&treatment=reduce"
           "&sort=level&asset=1", "--cookie", cookie,
           "-p", "grade,status,treatment,sort,asset")
    sqlmap("API register search",
           "-u", base + "/api/v1/assets?q=x&sort=name&dir=asc&limit=5"
           "&after=1", "-H", bearer, "-p", "q,sort,dir,limit,after")
    sqlmap("API risk filters",
           "-u", base + "/api/v1/risks?grade=high&limit=5&asset=1",
           "-H", bearer, "-p", "grade,limit,asset")
    sqlmap("API JSON body",
           "-u", base + "/api/v1/assets", "-H", bearer,
           "--data", '{"name": "x", "medium": "paper", "category": "y"}',
           "-p", "name,medium,category")
    tap.ok(srv.proc.poll() is None, "the server is still up")
finally:
    srv.stop()
    shutil.rmtree(out, ignore_errors=True)
tap.done()
