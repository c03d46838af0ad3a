#!/usr/bin/env python3
"""The dashboard (home page, GET /api/v1/dashboard, `mamori dashboard`)
and the control browser's crosswalk and search.

The figures are checked against what the test set up and against the
registers' own lists: the diagnosis total, SECURITY ACTION readiness,
the risks by grade, overdue and soon-due tasks, the checklist and the
Statement of Applicability; every figure links to its list; a change
shows at once (the rendered parts are cached per data version); the
API answer matches docs/api/openapi.yaml and the command line prints
the same document."""
import datetime
import html
import json
import os
import re
import sys

import jsonschema
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

ROOT = os.environ.get("MAMORI_SOURCE_ROOT",
                      os.path.join(os.path.dirname(__file__), "..", ".."))
spec = yaml.safe_load(open(os.path.join(ROOT, "docs/api/openapi.yaml"),
                           encoding="utf-8"))
tap = Tap()
PW = "a long enough passphrase for tests"


def validate(body, template, status=200, method="get"):
    resp = spec["paths"][template][method]["responses"][str(status)]
    if "$ref" in resp:
        resp = spec["components"]["responses"][resp["$ref"].split("/")[-1]]
    ctype = "application/problem+json" if status >= 400 else "application/json"
    schema = dict(resp["content"][ctype]["schema"])
    schema["components"] = spec["components"]
    try:
        jsonschema.Draft202012Validator(schema).validate(body)
        return tap.ok(True, f"{template} {status}: matches the OpenAPI schema")
    except jsonschema.ValidationError as e:
        return tap.ok(False, f"{template} {status}: matches the OpenAPI schema", e)


def api(client, method, path, token, body=None):
    headers = {"Authorization": "Bearer " + token}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    return client.request(method, path, body=data, headers=headers, raw=True)


def jget(client, path, token, status=200):
    r = api(client, "GET", path, token)
    tap.eq(r.status, status, f"GET {path}: {status}")
    try:
        return json.loads(r.body)
    except ValueError:
        return None


def new_token(client, scope, name):
    page = client.post("/settings/tokens", {"csrf": client.csrf("/settings"),
                                            "name": name, "scope": scope,
                                            "days": "30"})
    m = re.search(r'id="new-token">(mmr_[0-9a-f]{64})<', page.text)
    return m.group(1) if m else None


def figure(page, href):
    """The big value of the figure card that links to href."""
    m = re.search(r'<a class="figure[^"]*" href="%s"><strong>([^<]*)</strong>'
                  % re.escape(html.escape(href)), page)
    return html.unescape(m.group(1)) if m else None


srv = Server(org="株式会社みはらし工務店")
try:
    web = srv.client()
    web.login(srv.admin, srv.password)
    web.setup_mfa()
    W = new_token(web, "write", "書き込み")
    R = new_token(web, "read", "読み取り")
    c = srv.client()
    tap.ok(W and R, "write and read tokens")

    # ---------------- before anything is recorded ----------------
    d = jget(c, "/api/v1/dashboard", R)
    validate(d, "/api/v1/dashboard")
    today = datetime.date.fromisoformat(d["date"])
    tap.ok(abs((today - datetime.date.today()).days) <= 1, "the date is today")
    tap.ok(d["diagnosis"]["units"] == 0 and d["diagnosis"]["total"] is None and
           d["diagnosis"]["trend"] == [], "no diagnosis yet")
    tap.ok(d["security_action"] == {"five_committed": 0, "diagnosis_done": False,
                                    "policy_published": False, "one_star": False,
                                    "two_star": False}, "SECURITY ACTION: nothing yet")
    tap.ok(d["risks"]["total"] == 0 and d["overdue_tasks"] == 0 and d["soon"] == 0,
           "no risks, nothing due")
    tap.ok(d["soa"]["started"] is False and d["soa"]["controls"] == 93 and
           d["soa"]["version"] is None, "the SoA is not started")
    ck = d["checklist"]
    guideline = jget(c, f"/api/v1/guideline?level={ck['level']}", R)
    tap.eq(ck["items"], guideline["count"] if guideline else None,
           "the checklist counts the items of the organisation's level")
    tap.ok(ck["unanswered"] == ck["items"] and ck["done"] == 0,
           "none of them answered yet")
    home = web.get("/")
    tap.eq(home.status, 200, "the home page")
    tap.eq(figure(home.text, "/diagnosis"), "未着手", "the diagnosis card says not yet")
    tap.eq(figure(home.text, "/start"), "—", "no star yet")
    tap.eq(figure(home.text, "/plan?due=overdue"), "0", "nothing overdue")

    box = re.search(r'<section class="card soa-box">.*?</section>',
                    web.get("/controls/5.12").text, re.S)
    tap.ok(box and 'href="/soa"' in box.group(0) and "まだ作られていません" in box.group(0),
           "before the SoA is started the control page says so and links /soa")

    # ---------------- set up ----------------
    answers = [4] * 25
    answers[0] = 2
    answers[9] = 0
    answers[19] = -1
    r = api(c, "POST", "/api/v1/diagnosis", W, {"answers": answers, "unit": "本社"})
    tap.eq(r.status, 201, "a first self-diagnosis")
    first_total = json.loads(r.body)["total"]
    answers[9] = 4
    r = api(c, "POST", "/api/v1/diagnosis", W, {"answers": answers, "unit": "本社"})
    second = json.loads(r.body)
    for p in range(1, 6):
        api(c, "PUT", f"/api/v1/five/{p}", W, {"status": "committed"})

    assets = []
    for i, (name, conf) in enumerate([("顧客名簿", 2), ("見積書", 1), ("社内報", 0)]):
        r = api(c, "POST", "/api/v1/assets", W,
                {"name": name, "medium": "server", "c": conf, "i": conf, "a": 1,
                 "registered_on": "2026-04-01"})
        assets.append(json.loads(r.body)["id"])
    r = web.post("/risks/method", {"csrf": web.csrf("/risks/method"), "do": "start",
                                   "method": "ipa"})
    tap.eq(r.status, 303, "an IPA assessment starts")
    ratings = [(3, 3), (3, 3), (1, 1)]  # importance 2, 1, 0
    risks = []
    for aid, (th, vu) in zip(assets, ratings):
        r = api(c, "POST", "/api/v1/risks", W,
                {"asset": aid, "threat": "t03", "vulnerability": "v01"})
        rid = json.loads(r.body)["id"]
        risks.append(rid)
        api(c, "PATCH", f"/api/v1/risks/{rid}", W,
            {"threat_level": th, "vulnerability_level": vu})
    r = api(c, "POST", "/api/v1/risks", W,
            {"asset": assets[1], "threat": "t01", "vulnerability": "v02"})
    tap.eq(r.status, 201, "and one risk left unrated")
    api(c, "PATCH", f"/api/v1/risks/{risks[0]}", W,
        {"treatment": "reduce", "reason": "顧客情報のため",
         "controls": ["5.15", "8.5", "8.13"], "status": "planned"})

    def day(n):
        return (today + datetime.timedelta(days=n)).isoformat()

    tasks = {}
    for key, ctl, end in [("late", "5.15", day(-3)), ("soon", "8.5", day(10)),
                          ("far", "8.13", day(90))]:
        r = api(c, "POST", "/api/v1/plan", W, {"control": ctl, "task": f"作業-{key}",
                                               "planned_end": end})
        tap.eq(r.status, 201, f"a task due {end}")
        tasks[key] = json.loads(r.body)["id"]

    # Two checklist items: one done with its review in five days, one
    # partly done whose review was due two days ago.
    r = api(c, "PATCH", "/api/v1/checklist/3.1.3", W,
            {"status": "done", "owner": "佐藤", "review_on": day(5)})
    tap.eq(r.status, 200, "a checklist item done")
    r = api(c, "PATCH", "/api/v1/checklist/3.1.1", W,
            {"status": "partly", "owner": "鈴木", "review_on": day(-2)})
    tap.eq(r.status, 200, "a checklist item partly done")

    # The Statement of Applicability: one control applies, partly done;
    # one is excluded.
    r = api(c, "PATCH", "/api/v1/soa/5.15", W,
            {"applicable": "yes", "reasons": ["risk"], "status": "partly",
             "owner": "情報システム担当"})
    tap.eq(r.status, 200, "an SoA entry applies")
    r = api(c, "PATCH", "/api/v1/soa/7.6", W,
            {"applicable": "no", "justification": "執務室だけで、保護区域はない"})
    tap.eq(r.status, 200, "an SoA entry is excluded")

    # A document whose review fell due a week ago.
    r = api(c, "POST", "/api/v1/documents", W,
            {"code": "P-01", "title": "情報セキュリティ方針", "type": "policy",
             "owner": "社長", "body": "# 方針\n", "next_review": day(-7)})
    tap.eq(r.status, 201, "a document to review")
    doc = json.loads(r.body)["id"]

    # ---------------- the figures ----------------
    d = jget(c, "/api/v1/dashboard", R)
    validate(d, "/api/v1/dashboard")
    runs = jget(c, "/api/v1/diagnosis", R)
    tap.eq(d["diagnosis"]["total"], second["total"], "the total is the latest run's")
    tap.eq([x["total"] for x in d["diagnosis"]["trend"]], [first_total, second["total"]],
           "the trend holds both runs, oldest first")
    tap.eq(d["diagnosis"]["units"], 1, "one unit answered")
    tap.ok(runs and runs["count"] == 2, "as the diagnosis list says")
    five = jget(c, "/api/v1/five", R)
    tap.ok(d["security_action"]["five_committed"] == 5 and
           d["security_action"]["one_star"] is True and
           d["security_action"]["one_star"] == five["one_star"] and
           d["security_action"]["diagnosis_done"] is True and
           d["security_action"]["two_star"] is False,
           "★ ready, ★★ waits for the published policy")

    listed = jget(c, "/api/v1/risks?limit=100", R)
    by_grade = {"low": 0, "medium": 0, "high": 0}
    for x in listed["items"]:
        if x["grade"]:
            by_grade[x["grade"]] += 1
    tap.eq(d["risks"]["by_grade"], by_grade, "risks by grade as the risk list has them")
    tap.eq(d["risks"]["total"], listed["total"], "every risk counted")
    tap.eq(d["risks"]["unrated"], 1, "the unrated one")
    heat = jget(c, "/api/v1/risks/heatmap", R)
    tap.ok(heat is not None and
           sum(x["count"] for x in heat["cells"]) == d["risks"]["total"] - 1,
           "the heat map holds the rated ones", heat)

    tap.eq(d["overdue_tasks"], 1, "one task overdue")
    tap.eq(d["soon"], 2, "a task and a review due within 30 days")
    tap.eq([(x["kind"], x["task_id"] or x["document_id"] or x["ref"], x["days"])
            for x in d["due"]],
           [("document", doc, -7), ("task", tasks["late"], -3), ("review", "3.1.1", -2),
            ("review", "3.1.3", 5), ("task", tasks["soon"], 10)],
           "the due list: what is past first, then the nearest")
    tap.ok(d["due"][0]["ref"] == "P-01" and d["due"][0]["what"] == "情報セキュリティ方針",
           "a document by its number and title")
    soa = jget(c, "/api/v1/soa", R)["summary"]
    tap.eq(d["soa"], {"started": True, "controls": 93,
                      "applicable": soa["applicable"], "excluded": soa["excluded"],
                      "undecided": soa["undecided"], "by_status": soa["by_status"],
                      "version": soa["version"], "approved_at": soa["approved_at"]},
           "the SoA figures are the statement's own")
    tap.ok(d["soa"]["applicable"] == 1 and d["soa"]["excluded"] == 1 and
           d["soa"]["undecided"] == 91 and d["soa"]["by_status"]["partly"] == 1,
           "one applies, one excluded, 91 open", d["soa"])
    checklist = jget(c, "/api/v1/checklist", R)
    cov = checklist["coverage"]
    ck = d["checklist"]
    tap.eq((ck["level"], ck["items"], ck["done"], ck["partly"], ck["not_applicable"],
            ck["percent"]),
           (checklist["level"], cov["items"], cov["done"], cov["partly"],
            cov["not_applicable"], cov["percent"]),
           "the checklist figures are the checklist's own")
    tap.ok(ck["done"] == 1 and ck["partly"] == 1 and
           sum(x["items"] for x in ck["domains"]) == ck["items"] and
           sum(x["done"] for x in ck["domains"]) == 1,
           "one done, one partly, the domains adding up", ck)
    tap.ok(all(x["task_id"] != tasks["far"] for x in d["due"]),
           "a task 90 days out is not due soon")

    # The same document from the command line.
    out = srv.cli("dashboard", "--format", "json").stdout
    cli = json.loads(out)
    tap.eq(cli, d, "`mamori dashboard --format json` prints the API's document")
    text = srv.cli("dashboard").stdout
    tap.ok(str(second["total"]) in text and "作業-late" in text,
           "the table form names the score and the late task", text)

    # The home page: figures and their links.
    home = web.get("/")
    tap.eq(figure(home.text, "/diagnosis"), f"{second['total']} 点",
           "the diagnosis card shows the latest total")
    tap.eq(figure(home.text, "/start"), "★", "the SECURITY ACTION card shows ★")
    tap.eq(figure(home.text, "/risks?grade=high#risk-list"), str(by_grade["high"]),
           "the high-risk card")
    tap.eq(figure(home.text, "/plan?due=overdue"), "1", "the overdue card")
    tap.eq(figure(home.text, "#due"), "2", "the due-soon card")
    tap.eq(figure(home.text, "/checklist"), f"{ck['percent']}%", "the checklist card")
    tap.ok('href="/checklist/3.1.1"' in home.text, "a due review links to its item")
    tap.ok(f'href="/documents/{doc}"' in home.text, "a due document links to it")
    tap.eq(figure(home.text, "/soa"), "0 / 1", "the SoA card: implemented of applicable")
    tap.ok('href="/soa?status=partly"' in home.text and
           'href="/soa?applicable=undecided"' in home.text,
           "the SoA bar's legend links to the filtered statement")
    listing = web.get("/soa?status=partly").text
    body = "".join(re.findall(r"<tbody>.*?</tbody>", listing, re.S))
    rows = re.findall(r'href="/soa/([0-9.]+)"', body)
    tap.eq(rows, ["5.15"], "/soa?status=partly lists 5.15 alone")
    tap.ok('href="/plan#task-%d"' % tasks["late"] in home.text and
           'href="/plan#task-%d"' % tasks["soon"] in home.text,
           "each due task links to its row in the plan")
    tap.ok(home.text.count("<svg") >= 3 and
           all('role="img"' in s and "<title>" in s
               for s in re.findall(r"<svg.*?</svg>", home.text, re.S)),
           "the charts are SVG, each with a text alternative")
    for href in sorted(set(re.findall(r'href="(/[^"#]*)', home.text))):
        href = html.unescape(href)
        if href.startswith("/logout"):
            continue
        st = web.get(href).status
        tap.ok(st == 200, f"the link {href} opens", st)

    # A change shows at once.
    api(c, "PATCH", f"/api/v1/plan/{tasks['late']}", W,
        {"status": "finished", "actual_end": today.isoformat()})
    home = web.get("/")
    tap.eq(figure(home.text, "/plan?due=overdue"), "0",
           "a finished task leaves the overdue card at once")
    tap.eq(jget(c, "/api/v1/dashboard", R)["overdue_tasks"], 0,
           "and the API's figure")
    api(c, "PATCH", f"/api/v1/plan/{tasks['late']}", W, {"status": "started",
                                                        "actual_end": None})
    tap.eq(figure(web.get("/").text, "/plan?due=overdue"), "1", "and comes back")

    # The plan's due filters behind the cards.
    plan = web.get("/plan?due=overdue")
    rows = re.findall(r'id="task-(\d+)"', plan.text)
    tap.eq(rows, [str(tasks["late"])], "/plan?due=overdue lists the late task only")
    rows = re.findall(r'id="task-(\d+)"', web.get("/plan?due=soon").text)
    tap.eq(rows, [str(tasks["soon"])], "/plan?due=soon lists the near task only")
    rows = re.findall(r'id="task-(\d+)"', web.get("/plan").text)
    tap.eq(sorted(rows), sorted(str(t) for t in tasks.values()), "/plan lists all three")
    tap.eq(web.get("/plan?due=someday").status, 400, "an unknown due filter is refused")

    # The English page.
    web.post("/lang", {"csrf": web.csrf(), "lang": "en", "next": "/"})
    en = web.get("/")
    web.post("/lang", {"csrf": web.csrf(), "lang": "ja", "next": "/"})
    tap.ok("Self-diagnosis" in en.text and "overdue" in en.text.lower(),
           "the dashboard in English")

    # ---------------- who sees what ----------------
    srv.cli("user", "add", "emp@example.jp", "--role", "employee", "--password-stdin",
            stdin=PW + "\n")
    emp = srv.client()
    emp.login("emp@example.jp", PW)
    page = emp.get("/")
    tap.eq(page.status, 200, "an employee opens the home page")
    tap.ok(figure(page.text, "/plan?due=overdue") is None and "<svg" not in page.text,
           "without the registers' figures")
    E = new_token(emp, "read", "社員")
    r = api(c, "GET", "/api/v1/dashboard", E)
    tap.eq(r.status, 403, "nor the API's")
    srv.cli("user", "add", "audit@example.jp", "--role", "auditor", "--expires",
            day(30), "--password-stdin",
            stdin=PW + "\n")
    aud = srv.client()
    aud.login("audit@example.jp", PW)
    tap.eq(figure(aud.get("/").text, "/plan?due=overdue"), "1",
           "the external auditor reads the figures")
    r = api(c, "GET", "/api/v1/dashboard", "mmr_" + "0" * 64)
    tap.eq(r.status, 401, "an unknown token is refused")
    r = srv.cli("dashboard", "--format", "yaml", check=False)
    tap.ok(r.returncode == 2 and "--format" in r.stderr,
           "a bad --format: a usage error (exit 2) naming the option", r.stderr)

    # ---------------- the control browser ----------------
    page = web.get("/controls/5.12")
    tap.eq(page.status, 200, "a control's page")
    tap.ok('href="/controls/5.13"' in page.text, "it links its related controls")
    tap.ok("soa-box" not in emp.get("/controls/5.12").text,
           "an employee sees the catalogue without the SoA entry")
    box = re.search(r'<section class="card soa-box">.*?</section>',
                    web.get("/controls/5.15").text, re.S)
    tap.ok(box and "一部実施" in box.group(0) and "情報システム担当" in box.group(0) and
           'href="/soa/5.15"' in box.group(0),
           "a started SoA: the control page shows its status and owner, linking the entry")
    box = re.search(r'<section class="card soa-box">.*?</section>',
                    web.get("/controls/7.6").text, re.S)
    tap.ok(box and "保護区域はない" in box.group(0), "and an exclusion's reason")
    body = jget(c, "/api/v1/controls/5.12", R)
    cw = body["crosswalk"]
    for g in cw["guideline"]:
        tap.ok(f'href="/guideline/{g}"' in page.text, f"guideline item {g} linked")
    for n in cw["diagnosis"]:
        tap.ok(re.search(r'href="/diagnosis[^"]*"[^>]*>[^<]*%d' % n, page.text) or
               f"{n}." in page.text, f"diagnosis item {n} named")
    body = jget(c, "/api/v1/controls/8.13", R)
    tap.ok(9 in body["crosswalk"]["diagnosis"] or body["crosswalk"]["guideline"],
           "backup (8.13) is where the crosswalk points", body["crosswalk"])
    found = re.findall(r'href="/controls/([0-9.]+)"',
                       web.get("/controls?q=backup").text)
    tap.ok("8.13" in found, "searching 'backup' finds 8.13", found)
    found = set(re.findall(r'href="/controls/([0-9.]+)"',
                           web.get("/controls?q=8.1").text))
    tap.ok({"8.1", "8.10", "8.13"} <= found and "5.1" not in found,
           "an id prefix finds its controls", found)
    new = jget(c, "/api/v1/controls?new=true", R)
    old = jget(c, "/api/v1/controls?new=false", R)
    tap.ok(new["count"] == 11 and new["count"] + old["count"] == 93 and
           all(x["new_in_2022"] for x in new["items"]),
           "eleven controls are new in 2022")
    r = api(c, "GET", "/api/v1/controls?new=maybe", R)
    tap.eq(r.status, 400, "new=maybe is refused")
    p = json.loads(r.body)
    tap.ok(p.get("field") == "new" and "maybe" in p.get("detail", ""),
           "naming the field and the value", p)
    validate(p, "/api/v1/controls", 400)
    out = srv.cli("catalog", "show", "controls", "5.12").stdout
    tap.ok("5.13" in out and all(g in out for g in cw["guideline"]),
           "the CLI shows the crosswalk", out)
finally:
    srv.stop()
tap.done()
