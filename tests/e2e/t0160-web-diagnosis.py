#!/usr/bin/env python3
"""The LV1/LV2 path over HTTP: profile and level, 5か条 and ★, the
self-diagnosis (resume, complete, results, advice, units, comparison)."""
import os
import re
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
    page = c.get("/start")
    tap.eq(page.status, 200, "the first-steps guide")
    tap.ok(page.text.count("未着手") >= 3, "steps start as to do")

    # Profile and the level questions.
    r = c.post("/profile", {"csrf": c.csrf(), "representative": "山田 太郎",
                            "services": "建築設計", "employees": "18",
                            "industry": "建設業", "dedicated_admin": "1",
                            "large_private_data": "1", "has_csirt": "0"})
    tap.eq(r.status, 303, "profile saved")
    page = c.get("/profile")
    tap.ok('id="level">L2<' in page.text, "dedicated admin + much data = L2")
    r = c.post("/profile", {"csrf": c.csrf(), "employees": "-3"})
    tap.eq(r.status, 400, "a negative headcount is refused")
    tap.ok("従業員数" in r.text, "the message names the field")

    # The five points and ★.
    for p in range(1, 6):
        r = c.post("/five", {"csrf": c.csrf(), "point": str(p),
                             "status": "committed" if p < 5 else "in_progress",
                             "note": f"点{p}"})
        tap.eq(r.status, 303, f"point {p} saved")
    tap.ok("★</strong><span>準備中" in c.get("/five").text, "★ not ready with one open point")
    c.post("/five", {"csrf": c.csrf(), "point": "5", "status": "committed"})
    tap.ok("★</strong><span>宣言できます" in c.get("/five").text, "★ ready with all five")
    r = c.post("/five", {"csrf": c.csrf(), "point": "6", "status": "committed"})
    tap.eq(r.status, 400, "a sixth point is refused")

    # A run: answer part of it, leave, resume, complete.
    r = c.post("/diagnosis", {"csrf": c.csrf(), "unit": ""})
    tap.eq(r.status, 303, "a diagnosis starts")
    run = r.header("Location")
    answers = {f"a{i}": "4" for i in range(1, 11)}
    answers.update({"csrf": c.csrf(run), "do": "save", "n3": "12文字以上で運用"})
    tap.eq(c.post(run, answers).status, 303, "ten answers saved")
    page = c.get(run)
    tap.ok("10 / 25" in page.text, "the run resumes with ten answered")
    tap.ok('value="12文字以上で運用"' in page.text, "notes are kept")
    r = c.post(run, {"csrf": c.csrf(run), "do": "complete", "a11": "0"})
    tap.eq(r.status, 400, "completing with open items is refused")
    tap.ok("まだ答えていない" in r.text, "and says why")
    full = {f"a{i}": "4" for i in range(1, 26)}
    full.update({"a11": "0", "a12": "-1", "a13": "2", "a20": "0",
                 "csrf": c.csrf(run), "do": "complete"})
    r = c.post(run, full)
    tap.eq(r.status, 303, "completed")
    page = c.get(run)
    score = int(re.search(r'id="score">(-?\d+)<', page.text).group(1))
    tap.eq(score, 21 * 4 + 0 - 1 + 2 + 0, "the total is the sum of the answers")
    tap.ok("おおむね良好" in page.text or "70" in page.text, "the score band is named")
    order = re.findall(r'<li><h3><span class="no">(\d+)</span>', page.text)
    tap.eq(order[:4], ["11", "12", "20", "13"], "weakest first: not done and unknown, then partly")
    tap.ok('href="/controls/8.13"' in page.text, "advice links to controls")
    tap.ok("「わからない」と答えた項目" in page.text, "unknown answers are flagged")
    r = c.post(run, full)
    tap.eq(r.status, 409, "a completed run cannot change")
    bad = dict(full)
    r2 = c.post("/diagnosis", {"csrf": c.csrf(), "unit": ""})
    bad.update({"a1": "3", "csrf": c.csrf(), "do": "save"})
    tap.eq(c.post(r2.header("Location"), bad).status, 400, "an answer of 3 is refused")

    # A department answers too; the overview combines them.
    r = c.post("/diagnosis", {"csrf": c.csrf(), "unit": "大阪営業所"})
    run2 = r.header("Location")
    second = {f"a{i}": "4" for i in range(1, 26)}
    second.update({"a1": "0", "csrf": c.csrf(run2), "do": "complete"})
    tap.eq(c.post(run2, second).status, 303, "the branch office completes its run")
    page = c.get("/diagnosis")
    tap.ok("部署・拠点ごとの最新の回答をまとめた結果" in page.text, "units are combined")
    combined = int(re.search(r'id="score">(-?\d+)<', page.text).group(1))
    tap.eq(combined, score - 4, "the combined score takes each item's weakest answer")
    tap.ok("<svg class=\"chart\"" in page.text and "<title>" in page.text,
           "a trend chart with a text alternative")
    ids = [x.split("/")[-1] for x in (run, run2)]
    page = c.get(f"/diagnosis/compare?run={ids[0]}&run={ids[1]}")
    tap.eq(page.status, 200, "two runs compared")
    tap.ok(page.text.count('class="badge worse"') == 1, "item 1 went worse")
    tap.eq(c.get(f"/diagnosis/compare?run={ids[0]}").status, 400, "one run is not a comparison")

    # Isolation: another organisation's run is not found.
    c.post("/orgs", {"csrf": c.csrf("/orgs"), "name": "B社"})
    db = sqlite3.connect(srv.data)
    b = db.execute("select id from organisation where name='B社'").fetchone()[0]
    c.post("/orgs/switch", {"csrf": c.csrf("/orgs"), "org": str(b)})
    tap.eq(c.get(run).status, 404, "A's run from B: 404")
    tap.eq(c.post(run, {"csrf": c.csrf(), "a1": "4", "do": "save"}).status, 404,
           "answering A's run from B: 404")
    actions = [x[0] for x in db.execute("select action from audit_event")]
    tap.ok("diagnosis.complete" in actions and "five.set" in actions,
           "the path is in the audit trail")
finally:
    srv.stop()
tap.done()
