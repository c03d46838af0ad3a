#!/usr/bin/env python3
"""The asset register, the risk assessment and the treatment plan in the
web UI: register and rate assets, choose the method, identify risks from
the catalogue, rate them (IPA), see them on the heat map and in priority
order, treat and accept the top one, plan its control, print the report,
then reassess with the 3-point method; bad input is refused with a message
and nothing written; another organisation sees nothing of it."""
import datetime
import html
import os
import re
import sqlite3
import sys
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

tap = Tap()
srv = Server(org="株式会社まもり商店")


def count(sql, *args):
    return db.execute(sql, args).fetchone()[0]


try:
    c = srv.client()
    c.login(srv.admin, srv.password)
    c.setup_mfa()
    db = sqlite3.connect(srv.data)

    # --- the register ---
    page = c.get("/assets")
    tap.eq(page.status, 200, "the register opens")
    tap.ok("情報資産管理台帳" in page.text, "under its Japanese name")
    tap.ok("IPA の方法" in page.text, "before a method is chosen, IPA's scale is used")

    def add(name, medium, c_, i, a, **extra):
        fields = {"csrf": c.csrf("/assets/new"), "name": name, "medium": medium,
                  "c": str(c_), "i": str(i), "a": str(a),
                  "registered_on": "2026-04-01"}
        fields.update(extra)
        return c.post("/assets", fields)

    r = add("顧客名簿", "server", 2, 2, 1, category="営業", department="営業部",
            owner="営業部長", personal="personal", label="internal")
    tap.eq(r.status, 303, "an asset is registered")
    first = int(r.header("Location").rsplit("/", 1)[1])
    add("顧客名簿", "portable", 2, 1, 0, category="営業", department="営業部",
        owner="営業部長", personal="personal")
    add("就業規則", "paper", 0, 1, 0, category="総務", department="総務部")
    add("<b>見積書</b>", "cloud", 1, 1, 1, category="営業")
    tap.eq(count("select count(*) from asset"), 4, "four rows, one per medium")
    tap.eq(count("select importance from asset where id = ?", first), 2,
           "the importance is the highest of C, I and A, worked out")

    # Bad input: a message naming the field, nothing written.
    for fields, what in [
        ({"name": ""}, "an empty name"),
        ({"c": "3"}, "a rating off IPA's 0-2 scale"),
        ({"c": "2", "i": "", "a": ""}, "a partial rating"),
        ({"registered_on": "2026-02-30"}, "a date that does not exist"),
        ({"label": "top-secret"}, "a label the organisation has not defined"),
        ({"personal": "passport"}, "an unknown kind of personal data"),
        ({"name": "x" * 201}, "a name over 200 characters"),
    ]:
        base = {"name": "給与台帳", "medium": "office_pc", "c": "2", "i": "2",
                "a": "1", "registered_on": "2026-04-01"}
        base.update(fields)
        base["csrf"] = c.csrf("/assets/new")
        r = c.post("/assets", base)
        tap.eq(r.status, 400, f"{what} is refused")
    r = c.post("/assets", {"csrf": c.csrf("/assets/new"), "name": "給与台帳",
                           "medium": "office_pc", "c": "3", "i": "2", "a": "1",
                           "registered_on": "2026-04-01"})
    tap.ok("機密性" in r.text and "「3」" in r.text or "'3'" in r.text,
           "the message names the field and the value")
    tap.eq(count("select count(*) from asset"), 4, "nothing was written by refused forms")

    page = c.get("/assets?sort=name")
    tap.ok("&lt;b&gt;見積書&lt;/b&gt;" in page.text and "<b>見積書</b>" not in page.text,
           "names are escaped")
    names = re.findall(r'<a href="/assets/\d+">([^<]+)</a>', page.text)
    tap.eq(names, sorted(names, key=lambda s: s.encode()), "sorted by name")
    page = c.get("/assets?department=" + quote("総務部"))
    tap.ok("就業規則" in page.text and "顧客名簿" not in page.text, "filtered by department")
    page = c.get("/assets?personal=personal")
    tap.eq(len(re.findall(r'<a href="/assets/\d+">', page.text)), 2,
           "filtered by personal data")
    page = c.get("/assets?q=" + quote("名簿"))
    tap.ok("2 件" in page.text, "searched")
    page = c.get("/assets?limit=10&sort=id")
    tap.ok('rel="next"' not in page.text, "one page holds four rows")
    tap.eq(c.get("/assets?sort=colour").status, 400, "an unknown sort is refused")
    tap.eq(c.get("/assets?limit=5").status, 400, "a page of 5 rows is refused")

    # Keyset paging: 30 more rows, pages of 10 forward and back.
    for n in range(30):
        add(f"記録{n:02d}", "office_pc", 1, 1, 1, category="記録")
    p1 = c.get("/assets?sort=id&limit=10")
    nxt = html.unescape(re.search(r'rel="next" href="([^"]+)"', p1.text).group(1))
    p2 = c.get(nxt)
    ids1 = [int(x) for x in re.findall(r'<td class="num">(\d+)</td>', p1.text)]
    ids2 = [int(x) for x in re.findall(r'<td class="num">(\d+)</td>', p2.text)]
    tap.ok(len(ids2) >= 10 and min(ids2) > max(ids1), "the next page follows on")
    prv = html.unescape(re.search(r'rel="prev" href="([^"]+)"', p2.text).group(1))
    back = [int(x) for x in re.findall(r'<td class="num">(\d+)</td>', c.get(prv).text)]
    tap.eq(back[:10], ids1[:10], "and the previous page comes back")

    # Edit, history, copy, bulk, delete.
    r = c.post(f"/assets/{first}", {"csrf": c.csrf(f"/assets/{first}"),
                                     "name": "顧客名簿", "medium": "server",
                                     "c": "2", "i": "2", "a": "2",
                                     "registered_on": "2026-04-01",
                                     "department": "営業部", "owner": "営業部長",
                                     "personal": "personal", "label": "internal",
                                     "category": "営業"})
    tap.eq(r.status, 303, "an asset is changed")
    page = c.get(f"/assets/{first}")
    tap.ok("変更の履歴" in page.text and "a: 1" in page.text and "a: 2" in page.text,
           "its history shows the change, before and after")
    page = c.get(f"/assets/new?copy={first}")
    tap.ok('value="顧客名簿"' in page.text, "a copy starts from the original")
    ids = [str(x) for x in db.execute("select id from asset where category = '記録'"
                                      " order by id limit 3")]
    ids = [x.strip("(),") for x in ids]
    r = c.post("/assets/bulk", [("csrf", c.csrf("/assets")), ("field", "department"),
                                ("value", "管理部")] + [("id", i) for i in ids])
    tap.eq(r.status, 303, "a bulk change is applied")
    tap.eq(count("select count(*) from asset where department = '管理部'"), 3,
           "to the three selected assets")
    r = c.post("/assets/bulk", [("csrf", c.csrf("/assets")), ("field", "label"),
                                ("value", "nope")] + [("id", i) for i in ids])
    tap.eq(r.status, 400, "a bulk change with a bad value is refused")
    tap.eq(count("select count(*) from asset where label = 'nope'"), 0,
           "and changes none of them")
    r = c.post(f"/assets/{ids[0]}/delete", {"csrf": c.csrf(f"/assets/{ids[0]}")})
    tap.eq(r.status, 303, "an asset is deleted")
    tap.eq(c.get(f"/assets/{ids[0]}").status, 404, "and is gone from the register")

    # Labels of the organisation's own.
    r = c.post("/assets/labels", {"csrf": c.csrf("/assets/labels"),
                                   "labels": "極秘\n社外秘\n公開\n部外秘"})
    tap.eq(r.status, 303, "the organisation adds a label of its own")
    r = c.post("/assets/labels", {"csrf": c.csrf("/assets/labels"),
                                   "labels": "極秘\n公開"})
    tap.eq(r.status, 400, "a label still in use cannot be removed")

    # --- the method and the risks ---
    page = c.get("/risks")
    tap.ok("評価方法を決める" in page.text, "risks wait for a method")
    page = c.get("/risks/method")
    tap.ok("被害発生可能性の換算表" in page.text, "the IPA table is shown")
    r = c.post("/risks/method", {"csrf": c.csrf("/risks/method"), "do": "start",
                                  "method": "ipa", "low_max": "2", "medium_max": "4"})
    tap.eq(r.status, 303, "the IPA assessment starts")

    page = c.get(f"/risks/new?asset={first}")
    pairs = re.findall(r'name="pair" value="([^"]+)">', page.text)
    tap.ok(len(pairs) >= 5, f"pairs are suggested for a server ({len(pairs)})")
    r = c.post("/risks", [("csrf", c.csrf("/risks")), ("asset", str(first))] +
               [("pair", p) for p in pairs[:5]] +
               [("own_threat", "取引先からの問い合わせ対応での誤案内"),
                ("own_vulnerability", "手順書がない")])
    tap.eq(r.status, 303, "five suggested risks and one of our own are registered")
    tap.eq(count("select count(*) from risk"), 6, "six risks")
    page = c.get(f"/risks/new?asset={first}")
    tap.ok("登録済み" in page.text, "registered pairs are not offered twice")
    r = c.post("/risks", [("csrf", c.csrf("/risks")), ("asset", str(first))] +
               [("pair", p) for p in pairs[:5]] +
               [("own_threat", "取引先からの問い合わせ対応での誤案内"),
                ("own_vulnerability", "手順書がない")])
    tap.eq(r.status, 303, "the same form sent again")
    tap.eq(count("select count(*) from risk"), 6, "adds no second copy of any risk")
    r = c.post("/risks", [("csrf", c.csrf("/risks")), ("asset", str(first)),
                          ("pair", f"{first}:t99:v01")])
    tap.eq(r.status, 400, "an unknown catalogue pair is refused")
    tap.eq(count("select count(*) from risk"), 6, "nothing added")

    rid = count("select min(id) from risk")
    r = c.post(f"/risks/{rid}", {"csrf": c.csrf(f"/risks/{rid}"),
                                  "threat_level": "3", "vulnerability_level": "3",
                                  "consequence": "顧客情報が漏れる"})
    tap.eq(r.status, 303, "a risk is rated")
    tap.eq(db.execute("select likelihood, level from risk where id = ?", (rid,)).fetchone(),
           (3, 6), "threat 3 x vulnerability 3 -> likelihood 3, value 2 x 3 = 6")
    other = count("select max(id) from risk")
    c.post(f"/risks/{other}", {"csrf": c.csrf(f"/risks/{other}"),
                                "threat_level": "2", "vulnerability_level": "2"})
    tap.eq(db.execute("select likelihood, level from risk where id = ?", (other,)).fetchone(),
           (1, 2), "threat 2 x vulnerability 2 -> likelihood 1, value 2")
    r = c.post(f"/risks/{rid}", {"csrf": c.csrf(f"/risks/{rid}"), "threat_level": "4",
                                  "vulnerability_level": "3"})
    tap.eq(r.status, 400, "a threat of 4 is refused")
    r = c.post(f"/risks/{rid}", {"csrf": c.csrf(f"/risks/{rid}"), "threat_level": "3",
                                  "vulnerability_level": "3", "treatment": "reduce"})
    tap.eq(r.status, 400, "a treatment without a reason is refused")
    tap.eq(count("select level from risk where id = ?", rid), 6, "the risk is unchanged")

    page = c.get("/risks")
    tap.ok('<svg class="heatmap"' in page.text, "the heat map is drawn")
    tap.ok('href="/risks?cell=2,3#risk-list"' in page.text, "its cells link to their risks")
    cell = c.get("/risks?cell=2,3")
    tap.ok(f'href="/risks/{rid}"' in cell.text and f'href="/risks/{other}"' not in cell.text,
           "a cell lists only its risks")
    order = [int(x) for x in re.findall(r'href="/risks/(\d+)"', page.text)]
    tap.eq(order[0], rid, "the largest risk is first in priority")
    tap.ok("大" in page.text, "graded 大")

    # Treat the top risk, accept it, plan its control.
    r = c.post(f"/risks/{rid}", [("csrf", c.csrf(f"/risks/{rid}")),
                                 ("threat_level", "3"), ("vulnerability_level", "3"),
                                 ("treatment", "reduce"), ("reason", "漏えいの影響が大きい"),
                                 ("controls", "8.7"), ("controls_more", "5.12 8.13"),
                                 ("status", "planned"), ("residual_vulnerability", "1")])
    tap.eq(r.status, 303, "the top risk is treated")
    tap.eq(sorted(x[0] for x in db.execute(
        "select ref from risk_control where risk_id = ? and kind = 'control'", (rid,))),
        ["5.12", "8.13", "8.7"], "with three controls")
    tap.eq(count("select residual_level from risk where id = ?", rid), 2,
           "residual: 2 x table(3, 1) = 2")
    r = c.post(f"/risks/{rid}", [("csrf", c.csrf(f"/risks/{rid}")),
                                 ("treatment", "reduce"), ("reason", "x"),
                                 ("threat_level", "3"), ("vulnerability_level", "3"),
                                 ("controls_more", "9.99")])
    tap.eq(r.status, 400, "an unknown control is refused")

    pw = "a long enough passphrase for tests"
    srv.cli("user", "add", "it@example.jp", "--role", "sysadmin", "--password-stdin",
            stdin=pw + "\n")
    it = srv.client()
    it.login("it@example.jp", pw)
    it.setup_mfa()
    r = it.post(f"/risks/{rid}/accept", {"csrf": it.csrf(f"/risks/{rid}")})
    tap.eq(r.status, 403, "a system administrator cannot accept a risk")
    r = c.post(f"/risks/{rid}/accept", {"csrf": c.csrf(f"/risks/{rid}")})
    tap.eq(r.status, 303, "the executive accepts the residual risk")
    tap.eq(db.execute("select accepted_by from risk where id = ?", (rid,)).fetchone()[0],
           srv.admin, "recorded with who")
    tap.eq(count("select count(*) from audit_event where action = 'risk.accept'"), 1,
           "and in the audit trail")
    tap.eq(c.post(f"/risks/{rid}/accept", {"csrf": c.csrf(f"/risks/{rid}")}).status, 409,
           "accepted once")

    r = c.post("/plan", {"csrf": c.csrf("/plan"), "control": "8.7",
                          "task": "全PCにウイルス対策ソフトを入れる", "owner": "情報システム担当",
                          "planned_start": "2026-01-05", "planned_end": "2026-02-27"})
    tap.eq(r.status, 303, "a plan task is added")
    page = c.get("/plan")
    tap.ok("overdue" in page.text and "遅れ" in page.text, "a task past its end is overdue")
    tap.ok("まだ作業のない管理策" in page.text and "5.12" in page.text,
           "chosen controls without a task are listed")
    task = count("select id from plan_task")
    r = c.post(f"/plan/{task}", {"csrf": c.csrf("/plan"), "status": "finished",
                                  "actual_start": "2026-01-06", "actual_end": "2026-02-20"})
    tap.eq(r.status, 303, "the task is finished")
    tap.ok("遅れ" not in c.get("/plan").text, "and no longer overdue")
    r = c.post("/plan", {"csrf": c.csrf("/plan"), "control": "8.7", "task": "x",
                          "planned_start": "2026-03-01", "planned_end": "2026-02-01"})
    tap.eq(r.status, 400, "an end before the start is refused")
    r = c.post("/plan", {"csrf": c.csrf("/plan"), "control": "99.1", "task": "x"})
    tap.eq(r.status, 400, "an unknown control is refused")
    tap.eq(count("select count(*) from plan_task"), 1, "nothing else was written")

    report = c.get("/risks/report")
    tap.eq(report.status, 200, "the report prints")
    for head in ["起こり得る結果", "重要度", "被害発生可能性", "リスク値", "優先順位",
                 "対応", "対応状況"]:
        tap.ok(head in report.text, f"the report has the column {head}")
    tap.ok("顧客情報が漏れる" in report.text, "and the consequence written")

    # --- a new assessment with the 3-point method ---
    r = c.post("/risks/method", {"csrf": c.csrf("/risks/method"), "do": "start",
                                  "method": "three_point", "low_max": "2",
                                  "medium_max": "4"})
    tap.eq(r.status, 400, "closing the assessment needs a confirmation")
    r = c.post("/risks/method", {"csrf": c.csrf("/risks/method"), "do": "start",
                                  "method": "three_point", "low_max": "2",
                                  "medium_max": "4", "confirm": "1"})
    tap.eq(r.status, 303, "a 3-point assessment starts")
    tap.eq(count("select count(*) from risk_assessment where closed_at is not null"), 1,
           "the IPA one is closed")
    tap.eq(count("select level from risk where id = ?", rid), 6,
           "its results stay as they were")
    tap.eq(db.execute("select c, i, a, importance from asset where id = ?",
                      (first,)).fetchone(), (3, 3, 3, 3),
           "the register moves to the 1-3 scale")
    new_top = count("select id from risk where assessment_id = (select id from "
                    "risk_assessment where closed_at is null) and threat_id = "
                    "(select threat_id from risk where id = ?) and vulnerability_id = "
                    "(select vulnerability_id from risk where id = ?)", rid, rid)
    tap.eq(db.execute("select likelihood, level, accepted_by from risk where id = ?",
                      (new_top,)).fetchone(), (3, 9, None),
           "the likelihood carries over, 3 x 3 = 9, to be accepted anew")
    closed = count("select id from risk_assessment where closed_at is not null")
    tap.ok("IPA" in c.get(f"/risks/report?assessment={closed}").text,
           "the closed report is still there")
    r = c.post(f"/risks/{rid}", {"csrf": c.csrf(f"/risks/{rid}"), "likelihood": "1"})
    tap.eq(r.status, 409, "a closed assessment's risk cannot change")
    r = c.post("/risks/method", {"csrf": c.csrf("/risks/method"), "do": "criteria",
                                  "low_max": "6", "medium_max": "4"})
    tap.eq(r.status, 400, "criteria out of order are refused")
    r = c.post("/risks/method", {"csrf": c.csrf("/risks/method"), "do": "criteria",
                                  "low_max": "3", "medium_max": "6"})
    tap.eq(r.status, 303, "the 3-point criteria change")

    # --- the register lists are kept per version of the data: a change
    # made anywhere (here by the CLI, another process) shows at once ---
    before = c.get("/assets?sort=name&limit=200")
    before_again = c.get("/assets?sort=name&limit=200")
    tap.eq(before.text, before_again.text, "the same list twice is the same")
    srv.cli("asset", "add", "外から追加した資産", "--medium", "paper")
    after = c.get("/assets?sort=name&limit=200")
    tap.ok("外から追加した資産" in after.text, "an asset added by the CLI shows at once")
    it_view = it.get("/assets?sort=name&limit=200")
    tap.ok('form="bulk"' in after.text and 'name="id"' in after.text,
           "an editor sees the selection boxes")
    srv.cli("user", "add", "aud@example.jp", "--role", "auditor", "--expires",
            (datetime.date.today() + datetime.timedelta(days=9)).isoformat(),
            "--password-stdin", stdin=pw + "\n")
    aud = srv.client()
    aud.login("aud@example.jp", pw)
    aview = aud.get("/assets?sort=name&limit=200")
    tap.ok("外から追加した資産" in aview.text and 'name="id"' not in aview.text,
           "a read-only auditor sees the same rows, without selection boxes")
    tap.ok(it_view.status == 200, "each reader gets a page of their own")

    # --- another organisation sees none of it ---
    c.post("/orgs", {"csrf": c.csrf("/orgs"), "name": "別会社"})
    b = count("select id from organisation where name = '別会社'")
    c.post("/orgs/switch", {"csrf": c.csrf("/orgs"), "org": str(b)})
    tap.eq(c.get(f"/assets/{first}").status, 404, "another organisation's asset is not found")
    tap.eq(c.get(f"/risks/{rid}").status, 404, "nor its risk")
    r = c.post(f"/assets/{first}", {"csrf": c.csrf("/assets"), "name": "乗っ取り",
                                     "medium": "paper", "registered_on": "2026-01-01"})
    tap.eq(r.status, 404, "nor can it be changed")
    tap.ok("顧客名簿" not in c.get("/assets").text, "the register is empty there")

    tap.eq(srv.cli("audit", "verify").returncode, 0, "the audit chain holds")
finally:
    srv.stop()
tap.done()
