#!/usr/bin/env python3
"""Kept pages with forms (the treatment plan and the Statement of
Applicability): a page is built once per data version and kept, and its
forms must still carry each reader's own CSRF token, never the token of
whoever built it, whether the page was built for this request or read
from what is kept; a form sent with the token of the page works, a token
of another session does not; a change shows at once; a page shown again
with a refused form is neither kept nor shown to anyone else."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Server, Tap  # noqa: E402

tap = Tap()
srv = Server(org="株式会社とっておき")
PW = "a long enough passphrase for tests"


def tokens(page):
    return set(re.findall(r'name="csrf" value="([^"]*)"', page.text))


def own_token(client):
    """The session's token, from the header's logout form (never kept)."""
    page = client.get("/settings")
    m = re.search(r'action="/logout" class="inline"><input type="hidden" '
                  r'name="csrf" value="([0-9a-f]{64})"', page.text)
    return m.group(1) if m else None


try:
    for who in ("a@example.jp", "b@example.jp"):
        srv.cli("user", "add", who, "--role", "department_lead",
                "--password-stdin", stdin=PW + "\n")
    a, b = srv.client(), srv.client()
    tap.eq(a.login("a@example.jp", PW).status, 303, "the first lead logs in")
    tap.eq(b.login("b@example.jp", PW).status, 303, "the second lead logs in")
    ta, tb = own_token(a), own_token(b)
    tap.ok(ta and tb and ta != tb, "two sessions, two tokens")

    r = a.post("/plan", {"csrf": ta, "control": "8.7", "task": "バックアップの復元を試す",
                         "owner": "総務", "planned_start": "2026-01-05",
                         "planned_end": "2099-02-27"})
    tap.eq(r.status, 303, "a task is added to the plan")

    for path in ("/plan", "/soa", "/plan?due=soon"):
        # Built for a's first request, then read from what is kept by b,
        # then by a again; each time only the reader's own token.
        for name, client, own in (("a", a, ta), ("b", b, tb), ("a", a, ta),
                                  ("b", b, tb)):
            page = client.get(path)
            tap.eq(page.status, 200, f"{path} opens for {name}")
            tap.eq(tokens(page), {own}, f"{path}: every form has {name}'s own token")

    page = b.get("/plan")
    m = re.search(r'action="/plan/(\d+)" class="stack"><input type="hidden" '
                  r'name="csrf" value="([0-9a-f]{64})"', page.text)
    tap.ok(m is not None, "the kept plan has a task's form")
    task, form_token = m.group(1), m.group(2)
    tap.eq(form_token, tb, "with the reader's token in it")
    r = b.post(f"/plan/{task}", {"csrf": ta, "status": "started",
                                 "actual_start": "2026-01-06"})
    tap.eq(r.status, 403, "another session's token is refused")
    r = b.post(f"/plan/{task}", {"csrf": form_token, "status": "started",
                                 "actual_start": "2026-01-06"})
    tap.eq(r.status, 303, "the form as the kept page gave it is accepted")
    page = a.get("/plan")
    tap.ok("2026-01-06" in page.text, "the change shows at once to the other reader")
    tap.eq(tokens(page), {ta}, "still with the reader's own token")

    r = a.post("/plan", {"csrf": ta, "control": "8.7", "task": "逆の日付",
                         "planned_start": "2026-03-01", "planned_end": "2026-02-01"})
    tap.eq(r.status, 400, "a refused form shows the plan again")
    tap.ok("逆の日付" in r.text, "with what was typed")
    tap.eq(tokens(r), {ta}, "and the sender's own token")
    page = b.get("/plan")
    tap.ok("逆の日付" not in page.text, "the other reader never sees it")
    tap.eq(tokens(page), {tb}, "nor the sender's token")
finally:
    srv.stop()
tap.done()
