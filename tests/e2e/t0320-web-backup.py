#!/usr/bin/env python3
"""The scheduled backup of `mamori serve` and the /backup page.

A server with --backup-every 0.0005 (1.8 s) and --backup-keep 2 takes
encrypted backups in the background while pages are served; only the two
newest files stay; the newest verifies.  /backup shows the last backup,
the schedule and the log; the home page warns an administrator when there
is no backup, when the last one is too old and when the last restore test
is more than six months old, and says nothing once both are recent.
About 15 s.
"""
import os
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import MAMORI, Server, Tap, free_port  # noqa: E402

tap = Tap()
PASS = "correct horse battery staple"


def start(data, port, log, *extra, env=None):
    proc = subprocess.Popen(
        [MAMORI, "--data", data, "serve", "--quiet", "--listen",
         f"127.0.0.1:{port}", "--threads", "2", *extra],
        stdout=log, stderr=log, env=env)
    for _ in range(200):
        try:
            import http.client
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                c.close()
                return proc
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the server did not start")


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def log_rows(data, where):
    db = sqlite3.connect(f"file:{data}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM backup_log WHERE " + where
                          ).fetchone()[0]
    finally:
        db.close()


srv = Server()
proc = srv.proc
try:
    web = srv.client()
    web.login(srv.admin, srv.password)
    web.setup_mfa()
    home = web.get("/")
    tap.ok('id="backup-warning"' in home.text and
           'id="warn-backup-none"' in home.text,
           "home warns an administrator that there is no backup")
    tap.ok('id="warn-test-none"' in home.text,
           "and that no restore test was made")
    page = web.get("/backup")
    tap.eq(page.status, 200, "/backup answers")
    tap.ok('id="backup-schedule"' in page.text and "--backup-dir" in page.text,
           "/backup says that nothing is scheduled")

    # A schedule: encrypted, every 1.8 s, two files kept.
    stop(proc)
    bdir = os.path.join(srv.dir, "backups")
    os.mkdir(bdir)
    env = dict(os.environ, MAMORI_BACKUP_PASSPHRASE=PASS)
    port = free_port()
    r = subprocess.run([MAMORI, "--data", srv.data, "serve", "--listen",
                        f"127.0.0.1:{port}", "--backup-dir",
                        os.path.join(srv.dir, "nowhere")],
                       capture_output=True, text=True, env=env, timeout=30)
    tap.ok(r.returncode == 1 and "nowhere" in r.stderr,
           "a backup folder that does not exist is refused at start",
           r.stderr)
    r = subprocess.run([MAMORI, "--data", srv.data, "serve",
                        "--backup-every", "2"],
                       capture_output=True, text=True, timeout=30)
    tap.eq(r.returncode, 2, "--backup-every without --backup-dir is a usage error")
    proc = start(srv.data, port, srv.log, "--backup-dir", bdir,
                 "--backup-every", "0.0005", "--backup-keep", "2", env=env)
    web.port = port
    began = time.time()
    served = 0
    while time.time() - began < 60 and \
            log_rows(srv.data, "kind = 'backup' AND ok = 1") < 4:
        # Pages go on being served while backups are taken.
        if web.get("/backup").status == 200:
            served += 1
        time.sleep(0.2)
    taken = log_rows(srv.data, "kind = 'backup' AND ok = 1")
    tap.ok(taken >= 4, f"the schedule took {taken} backups in the background")
    tap.ok(served > 0, f"{served} pages served meanwhile")
    tap.eq(log_rows(srv.data, "ok = 0"), 0, "no scheduled backup failed")
    files = sorted(f for f in os.listdir(bdir))
    tap.ok(len(files) in (2, 3) and all(
        f.startswith("mamori-") and f.endswith(".mamori-backup") for f in files)
        and not any(f.startswith(".mamori-tmp") for f in files),
        "only the newest two are kept (a third may be under way)", *files)
    newest = os.path.join(bdir, sorted(
        f for f in files if f.endswith(".mamori-backup"))[-1])
    with open(newest, "rb") as f:
        head = f.read(10)
    tap.ok(head[:8] == b"MAMORIBK" and head[9] == 1,
           "scheduled backups are encrypted with the passphrase given")
    page = web.get("/backup")
    tap.ok('id="backup-schedule"' in page.text and bdir in page.text and
           "--backup-dir" not in page.text,
           "/backup shows the schedule")
    tap.ok('id="backup-log"' in page.text and
           page.text.count("<tr>") >= 5,
           "/backup lists the scheduled runs")
    home = web.get("/")
    tap.ok('id="warn-backup-' not in home.text,
           "the backup warning is gone once backups are taken")
    r = subprocess.run([MAMORI, "--data", srv.data, "backup", "verify",
                        newest], capture_output=True, text=True, env=env)
    tap.eq(r.returncode, 0, "the newest scheduled backup verifies",)
    home = web.get("/")
    tap.ok('id="backup-warning"' not in home.text,
           "no warning with a recent backup and restore test")
    page = web.get("/backup")
    i = page.text.find('id="last-test"')
    tap.ok(i > 0 and os.path.basename(newest) in page.text[i:i + 2000]
           and "notice warn" not in page.text[i:i + 2000],
           "/backup shows the restore test")

    # Old: a backup 8 days ago without a schedule, a test 200 days ago.
    stop(proc)
    db = sqlite3.connect(srv.data)
    db.execute("UPDATE backup_log SET at = at - 8 * 86400 WHERE kind = 'backup'")
    db.execute("UPDATE backup_log SET at = at - 200 * 86400"
               " WHERE kind = 'restore_test'")
    db.commit()
    db.close()
    port = free_port()
    proc = start(srv.data, port, srv.log)
    web.port = port
    home = web.get("/")
    tap.ok('id="warn-backup-old"' in home.text,
           "home warns when the last backup is a week old")
    tap.ok('id="warn-test-old"' in home.text,
           "home warns when the last restore test is half a year old")
finally:
    stop(proc)
tap.done()
