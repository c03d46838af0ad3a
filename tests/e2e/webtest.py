"""webtest.py: drive the real mamori server over HTTP from end-to-end tests.

Starts `mamori serve` on a free loopback port with a fresh data file,
keeps a cookie jar per client, fills forms with their CSRF tokens,
computes TOTP codes (RFC 6238) and reports checks as TAP lines.
Standard library only.
"""
import base64
import hashlib
import hmac
import http.client
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse

MAMORI = os.environ.get("MAMORI", "mamori")


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, *detail):
        self.n += 1
        if cond:
            print(f"ok {self.n} - {name}")
        else:
            self.failed += 1
            print(f"not ok {self.n} - {name}")
            for d in detail:
                for line in str(d).splitlines()[:20]:
                    print(f"# {line}")
        sys.stdout.flush()
        return cond

    def eq(self, got, want, name):
        return self.ok(got == want, name, f"got:  {got!r}", f"want: {want!r}")

    def done(self):
        print(f"1..{self.n}")
        sys.exit(1 if self.failed else 0)


def totp(secret_b32, at=None, step=30, digits=6):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((at if at is not None else time.time()) // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    off = mac[-1] & 15
    code = (struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF) % 10 ** digits
    return f"{code:0{digits}d}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A mamori data file and the server serving it."""

    def __init__(self, org="テスト株式会社", admin="admin@example.jp",
                 password="correct horse battery staple"):
        self.dir = tempfile.mkdtemp(prefix="mamori-web-")
        self.data = os.path.join(self.dir, "m.db")
        self.password = password
        self.admin = admin
        self.cli("init", "--org", org, "--email", admin, "--password-stdin",
                 stdin=password + "\n")
        self.port = free_port()
        self.log = open(os.path.join(self.dir, "serve.log"), "w")
        self.proc = subprocess.Popen(
            [MAMORI, "--data", self.data, "serve", "--listen",
             f"127.0.0.1:{self.port}", "--threads", "2"],
            stdout=self.log, stderr=self.log)
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), 0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start: " + open(self.log.name).read())

    def cli(self, *args, stdin=None, check=True):
        r = subprocess.run([MAMORI, "--data", self.data, *args], input=stdin,
                           capture_output=True, text=True)
        if check and r.returncode:
            raise RuntimeError(f"mamori {args}: {r.returncode} {r.stderr}")
        return r

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        return self.proc.returncode

    def client(self):
        return Client(self.port)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def field(self, name):
        """The value of the first form field called name (hidden inputs)."""
        m = re.search(r'name="%s" value="([^"]*)"' % re.escape(name), self.text)
        return m.group(1) if m else None


class Client:
    """A browser-like client: a cookie jar and no automatic redirects."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.lang = None

    def request(self, method, path, body=None, headers=None, raw=False):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.lang:
            h["Accept-Language"] = self.lang
        if body is not None and not raw:
            body = urllib.parse.urlencode(body).encode()
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if raw:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in h.items():
                conn.putheader(k, v)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders()
            if body is not None:
                conn.send(body)
        else:
            conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        resp = Response(r.status, r.getheaders(), r.read())
        conn.close()
        for c in resp.headers_all("Set-Cookie"):
            name, _, rest = c.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in c:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields, **kw):
        return self.request("POST", path, body=fields, **kw)

    def csrf(self, path="/"):
        """The CSRF token of the logged-in user, read from a page."""
        return self.get(path).field("csrf")

    def login(self, email, password, next_path="/"):
        page = self.get("/login")
        return self.post("/login", {"csrf": page.field("csrf") or "",
                                    "email": email, "password": password,
                                    "next": next_path})

    def setup_mfa(self):
        """Turns on the second factor from the settings page; returns the
        secret."""
        page = self.get("/settings")
        secret = page.field("secret")
        r = self.post("/settings/mfa", {"csrf": page.field("csrf"),
                                        "secret": secret,
                                        "code": totp(secret)})
        # The answer is the settings page with the recovery codes, once.
        assert r.status == 200 and "recovery-codes" in r.text, r.status
        self.recovery_codes = re.findall(r"<li><code>([a-z0-9-]{19})</code>", r.text)
        return secret

    def login_mfa(self, email, password, secret):
        r = self.login(email, password)
        assert r.status == 303 and r.header("Location") == "/login/mfa", r.status
        page = self.get("/login/mfa")
        return self.post("/login/mfa", {"csrf": page.field("csrf"),
                                        "code": totp(secret)})
