#!/usr/bin/env python3
"""The audit document pack from the web page: the form starts a build in
the background while the server goes on answering, the page follows it to
the end, the pack downloads and passes `mamori export verify`, the build
is in the audit trail with the file's SHA-256, only those who may read the
trail reach the page, and another organisation can neither see nor fetch
the pack.  About 10 s."""
import datetime
import hashlib
import io
import os
import re
import sqlite3
import subprocess
import sys
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import MAMORI, Server, Tap  # noqa: E402

tap = Tap()
srv = Server(org="株式会社パック")
pw = "a long enough passphrase for tests"


def wait_done(c, seconds=120):
    """Follows the page as a browser does while it asks to refresh."""
    page = c.get("/pack")
    seen_refresh = False
    end = time.time() + seconds
    while page.header("Refresh") and time.time() < end:
        seen_refresh = True
        time.sleep(0.2)
        page = c.get("/pack")
    return page, seen_refresh


try:
    db = sqlite3.connect(srv.data)
    srv.cli("asset", "add", "顧客名簿", "--medium", "paper", "--c", "2",
            "--i", "1", "--a", "1")
    srv.cli("policy", "generate", "--objective", "o01")
    srv.cli("policy", "approve", "1", "--by", srv.admin)

    c = srv.client()
    c.login(srv.admin, srv.password)
    c.setup_mfa()

    page = c.get("/pack")
    tap.eq(page.status, 200, "the pack page opens")
    tap.ok('action="/pack"' in page.text and 'name="lang"' in page.text,
           "with a form to build one in a chosen language")
    tap.ok('href="/pack"' in c.get("/").text, "the navigation links to it")

    r = c.post("/pack", {"csrf": c.csrf("/pack"), "lang": "fr"})
    tap.eq(r.status, 400, "an unknown language is refused")
    tap.ok("ja" in r.text and "en" in r.text, "naming the choices")
    r = c.post("/pack", {"lang": "ja"})
    tap.eq(r.status, 403, "a POST without the CSRF token is refused")
    tap.eq(db.execute("select count(*) from audit_event where action = "
                      "'export.pack'").fetchone()[0], 0,
           "and nothing was built")

    r = c.post("/pack", {"csrf": c.csrf("/pack"), "lang": "ja"})
    tap.eq(r.status, 303, "the form starts the build")
    tap.eq(r.header("Location"), "/pack", "and returns to the page")
    other = c.get("/assets")
    tap.eq(other.status, 200, "other pages answer while it builds")
    page, _ = wait_done(c)
    tap.ok(not page.header("Refresh"), "the build ends")
    ids = re.findall(r'href="/pack/([0-9a-f]{32})"', page.text)
    tap.eq(len(ids), 1, "the page offers the finished pack")
    pack_id = ids[0] if ids else "0" * 32

    r = c.get("/pack/" + pack_id)
    tap.eq(r.status, 200, "it downloads")
    tap.eq(r.header("Content-Type"), "application/zip", "as a ZIP")
    tap.ok("attachment" in (r.header("Content-Disposition") or ""),
           "as an attachment")
    path = os.path.join(srv.dir, "downloaded.zip")
    with open(path, "wb") as f:
        f.write(r.body)
    names = zipfile.ZipFile(io.BytesIO(r.body)).namelist()
    tap.eq(names[:2], ["manifest.json", "manifest.txt"],
           "the manifest comes first")
    tap.ok("policy/basic-policy.pdf" in names and
           "registers/asset-register.xlsx" in names,
           "with the approved policy and the asset register")
    v = subprocess.run([MAMORI, "export", "verify", path],
                       capture_output=True, text=True)
    tap.eq(v.returncode, 0, "mamori export verify passes on the download")
    sha = hashlib.sha256(r.body).hexdigest()
    tap.ok(sha in v.stdout, "and prints the download's SHA-256")

    ev = db.execute("select actor, target, after from audit_event where "
                    "action = 'export.pack'").fetchall()
    tap.eq(len(ev), 1, "the build is one event in the audit trail")
    if ev:
        tap.eq(ev[0][0], srv.admin, "by the one who asked for it")
        tap.ok(("sha256: " + sha) in ev[0][2], "with the pack's SHA-256")
        tap.ok(pack_id in ev[0][1], "naming the file")
    audit_page = c.get("/audit")
    tap.ok("export.pack" in audit_page.text or "監査提出パック" in audit_page.text,
           "the audit page lists it")

    folder = srv.data + ".packs"
    left = sorted(os.listdir(folder))
    tap.eq(left, ["%s-%s.zip" % (db.execute(
        "select id from organisation").fetchone()[0], pack_id)],
        "only the finished pack is left in the folder")

    tap.eq(c.get("/pack/" + "f" * 32).status, 404, "an unknown pack is 404")
    tap.eq(c.get("/pack/..%2Fm.db").status, 404, "a path is no pack id")
    tap.eq(c.get("/pack/" + pack_id.upper()).status, 404,
           "only the exact id names it")

    # --- who may --------------------------------------------------------
    until = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    for role in ("auditor", "employee", "department_lead"):
        args = ["user", "add", role + "@example.jp", "--role", role,
                "--password-stdin"]
        if role == "auditor":
            args += ["--expires", until]
        srv.cli(*args, stdin=pw + "\n")
    aud = srv.client()
    aud.login("auditor@example.jp", pw)
    tap.eq(aud.get("/pack").status, 200, "the external auditor opens the page")
    tap.eq(aud.get("/pack/" + pack_id).status, 200, "and downloads the pack")
    for role in ("employee", "department_lead"):
        u = srv.client()
        u.login(role + "@example.jp", pw)
        tap.eq(u.get("/pack").status, 403, f"a {role} may not open the page")
        tap.eq(u.get("/pack/" + pack_id).status, 403,
               f"nor download the pack")
        tap.ok('href="/pack"' not in u.get("/").text,
               f"nor sees the link ({role})")

    # --- another organisation ---------------------------------------------
    r = c.post("/orgs", {"csrf": c.csrf(), "name": "B社"})
    tap.eq(r.status, 303, "the admin creates organisation B")
    b = db.execute("select id from organisation where name = 'B社'").fetchone()[0]
    c.post("/orgs/switch", {"csrf": c.csrf(), "org": str(b)})
    page = c.get("/pack")
    tap.ok(pack_id not in page.text, "B's page does not list A's pack")
    tap.eq(c.get("/pack/" + pack_id).status, 404,
           "and B cannot download it")
    r = c.post("/pack", {"csrf": c.csrf("/pack"), "lang": "en"})
    tap.eq(r.status, 303, "B builds a pack of its own")
    page, _ = wait_done(c)
    ids_b = re.findall(r'href="/pack/([0-9a-f]{32})"', page.text)
    tap.eq(len(ids_b), 1, "B sees only its own pack")
    if ids_b:
        m = zipfile.ZipFile(io.BytesIO(c.get("/pack/" + ids_b[0]).body))
        tap.ok('"name": "B社"' in m.read("manifest.json").decode(),
               "B's pack is B's")
        tap.ok("Audit pack" in m.read("manifest.txt").decode(),
               "in the language chosen")
    c.post("/orgs/switch", {"csrf": c.csrf(), "org": str(db.execute(
        "select id from organisation where name = '株式会社パック'").fetchone()[0])})
    tap.ok(ids_b and ids_b[0] not in c.get("/pack").text,
           "A's page does not list B's pack")

    r = subprocess.run([MAMORI, "--data", srv.data, "audit", "verify"],
                       capture_output=True, text=True)
    tap.eq(r.returncode, 0, "the audit chains hold")
finally:
    srv.stop()
tap.done()
