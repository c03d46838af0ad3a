#!/usr/bin/env python3
"""Durability: no acknowledged write is ever lost.

Each round 200 concurrent clients create assets and risks and rewrite
their own assets' notes through the JSON API of the real server; at a
random moment the server is killed with SIGKILL, then started again on
the same data file.  Every write answered with a 2xx must be there with
its content (a write in flight when the server died may or may not be),
`mamori audit verify` must pass and SQLite's integrity_check must say ok.

MAMORI_DURABILITY_ROUNDS sets the number of rounds (20 by default, which
`make test` runs; `make soak` runs 200).
"""
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import http.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import MAMORI, Server, Tap, free_port  # noqa: E402

ROUNDS = int(os.environ.get("MAMORI_DURABILITY_ROUNDS", "20"))
CLIENTS = 200
PW = "a long enough passphrase for tests"
tap = Tap()
rng = random.Random(int(os.environ.get("MAMORI_DURABILITY_SEED",
                                       str(int(time.time())))))


class Ledger:
    """What one client was told: the acknowledged writes, and the writes
    it sent whose answer it never saw (they may or may not be there)."""

    def __init__(self):
        self.assets = {}      # id -> name
        self.risks = {}       # id -> (asset id, threat text)
        self.notes = {}       # asset id -> acknowledged notes
        self.pending = {}     # asset id -> notes sent after the last ack


def start(data, port, log):
    proc = subprocess.Popen(
        [MAMORI, "--data", data, "serve", "--quiet", "--listen",
         f"127.0.0.1:{port}", "--threads", "2"], stdout=log, stderr=log)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                c.close()
                return proc
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the server did not start again")


def call(port, method, path, token, body):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        c.request(method, path, body=json.dumps(body).encode(),
                  headers={"Authorization": "Bearer " + token,
                           "Content-Type": "application/json"})
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def client(n, rnd, port, token, ledger, stop, acks):
    k = 0
    mine = []
    while not stop.is_set():
        k += 1
        op = k % 3
        try:
            if op == 1 or not mine:
                name = f"r{rnd}-c{n}-{k} 顧客台帳"
                st, body = call(port, "POST", "/api/v1/assets", token,
                                {"name": name, "medium": "書類",
                                 "c": 1, "i": 1, "a": 1})
                if st == 201:
                    aid = json.loads(body)["id"]
                    ledger.assets[aid] = name
                    mine.append(aid)
                    acks[0] += 1
            elif op == 2:
                aid = mine[-1]
                threat = f"r{rnd}-c{n}-{k} 持ち出し"
                st, body = call(port, "POST", "/api/v1/risks", token,
                                {"asset": aid, "threat_text": threat,
                                 "vulnerability_text": "施錠なし"})
                if st == 201:
                    ledger.risks[json.loads(body)["id"]] = (aid, threat)
                    acks[0] += 1
            else:
                aid = mine[k % len(mine)]
                notes = f"r{rnd}-c{n}-{k} 更新"
                ledger.pending.setdefault(aid, []).append(notes)
                st, body = call(port, "PUT", f"/api/v1/assets/{aid}", token,
                                {"name": ledger.assets[aid], "medium": "書類",
                                 "notes": notes, "category": "", "users": "",
                                 "owner": "", "department": "", "personal": 0,
                                 "c": 1, "i": 1, "a": 1, "retention": "",
                                 "registered_on": "2024-04-01", "label": ""})
                if st == 200:
                    ledger.notes[aid] = notes
                    ledger.pending[aid] = []
                    acks[0] += 1
        except (OSError, http.client.HTTPException, ValueError):
            # The server is gone: whatever was in flight is unacknowledged.
            if stop.wait(0.01):
                return


srv = Server(org="耐久試験株式会社")
proc = srv.proc
try:
    srv.cli("risk", "method", "ipa")
    web = srv.client()
    web.login(srv.admin, srv.password)
    web.setup_mfa()
    page = web.post("/settings/tokens", {"csrf": web.csrf("/settings"),
                                         "name": "durability", "scope": "write",
                                         "days": "30"})
    m = re.search(r'id="new-token">(mmr_[0-9a-f]{64})<', page.text)
    tap.ok(m, "a write token for the load")
    token = m.group(1)
    port = srv.port
    log = srv.log
    began = time.time()
    lost_total = 0
    for rnd in range(1, ROUNDS + 1):
        ledgers = [Ledger() for _ in range(CLIENTS)]
        stop = threading.Event()
        acks = [0]
        threads = [threading.Thread(target=client,
                                    args=(i, rnd, port, token, ledgers[i],
                                          stop, acks), daemon=True)
                   for i in range(CLIENTS)]
        for t in threads:
            t.start()
        # Some writes first, then a random moment.
        t0 = time.time()
        while acks[0] < 20 and time.time() - t0 < 30:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 1.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        stop.set()
        for t in threads:
            t.join(60)
        tap.ok(not any(t.is_alive() for t in threads),
               f"round {rnd}: every client stopped")

        port = free_port()
        proc = start(srv.data, port, log)
        db = sqlite3.connect(f"file:{srv.data}?mode=ro", uri=True)
        assets = dict(db.execute("SELECT id, name FROM asset"))
        notes = dict(db.execute("SELECT id, notes FROM asset"))
        risks = {r[0]: (r[1], r[2]) for r in
                 db.execute("SELECT id, asset_id, threat FROM risk")}
        db.close()
        missing = []
        n_acked = 0
        for lg in ledgers:
            for aid, name in lg.assets.items():
                n_acked += 1
                if assets.get(aid) != name:
                    missing.append(f"asset {aid} {name!r}: {assets.get(aid)!r}")
            for rid, want in lg.risks.items():
                n_acked += 1
                if risks.get(rid) != want:
                    missing.append(f"risk {rid} {want!r}: {risks.get(rid)!r}")
            for aid, want in lg.notes.items():
                n_acked += 1
                if notes.get(aid) not in [want] + lg.pending.get(aid, []):
                    missing.append(f"notes of {aid} {want!r}: "
                                   f"{notes.get(aid)!r}")
        lost_total += len(missing)
        tap.ok(not missing and n_acked > 0,
               f"round {rnd}: all {n_acked} acknowledged writes are there",
               *missing[:10])
        r = subprocess.run([MAMORI, "--data", srv.data, "audit", "verify"],
                           capture_output=True, text=True)
        tap.ok(r.returncode == 0, f"round {rnd}: the audit chain verifies",
               r.stdout, r.stderr)
        r = subprocess.run(["sqlite3", srv.data, "PRAGMA integrity_check"],
                           capture_output=True, text=True)
        tap.eq(r.stdout.strip(), "ok", f"round {rnd}: integrity_check says ok")
    print(f"# {ROUNDS} rounds in {time.time() - began:.1f} s, "
          f"{lost_total} lost writes")
finally:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
tap.done()
