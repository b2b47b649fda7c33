"""Starts the real `pactum` binary and talks to it over HTTP, for the integration tests.

Standard library only (these tests run with Debian's /usr/bin/python3). The binary's path comes
from PACTUM_BINARY and the example plan from PACTUM_SOURCE_DIR (both set by ctest).
"""
import atexit
import email
import glob
import http.client
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.parse
from datetime import datetime

BINARY = os.environ.get("PACTUM_BINARY", "build/debug/bin/pactum")
SOURCE = os.environ.get("PACTUM_SOURCE_DIR", ".")
EXAMPLE_PLAN = os.path.join(SOURCE, "examples", "cooperation-plan.yaml")
PASSWORD = "integration-password"


def _test_plan():
    """The example plan with an agreement that ends on 2099-12-31 instead of 2028-12-31.

    The servers under test run on the real clock (the dev clock starts at real time): with the
    example's term, every incident reported from 2029 on would be refused (G4) and the plan would
    have expired (G5). Tests that need the term's end move the dev clock past TEST_PLAN_ENDS."""
    with open(EXAMPLE_PLAN, encoding="utf-8") as f:
        text = f.read()
    ends = "  ends: 2028-12-31 "
    assert ends in text, "the example plan's agreement.ends moved: update tests/integration/harness.py"
    fd, path = tempfile.mkstemp(prefix="pactum-test-plan-", suffix=".yaml")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text.replace(ends, "  ends: 2099-12-31 ", 1))
    atexit.register(os.remove, path)
    return path


TEST_PLAN = _test_plan()  # what every test's data directory starts from
TEST_PLAN_ENDS = "2099-12-31"


def advance_dev_clock_to(server, when, user="admin"):
    """Moves a server's dev clock forward to `when` (an aware datetime), to the minute, in steps
    the dev clock takes (at most 100000 hours each), signing in afresh for each (a jump ends the
    sessions open before it); returns the last answer (now, offset_ms). Sign in again after."""
    answer = server.login(user).post("/api/v1/dev/clock", {"advance": "1m"})
    while True:
        now = datetime.fromisoformat(answer["now"].replace("Z", "+00:00"))
        minutes = math.ceil((when - now).total_seconds() / 60)
        if minutes <= 0:
            return answer
        step = f"{min(minutes // 60, 100000)}h" if minutes >= 60 else f"{minutes}m"
        answer = server.login(user).post("/api/v1/dev/clock", {"advance": step})


# Users of the example plan: (id, party, contact, admin).
USERS = [
    ("admin", "A", "a-zhang", True),     # leader of A, administrator
    ("tech-a", "A", "a-li", False),      # technical lead of A
    ("comms-a", "A", "a-liu", False),    # communications lead of A (an emergency contact)
    ("finance-a", "A", "a-wang", False),
    ("leader-b", "B", "b-wang", False),  # leader of B (an emergency contact)
    ("tech-b", "B", "b-zhou", False),
]


def require_programs(*names):
    """A class decorator for tests that need real programs (Prometheus, amtool, aiosmtpd …).

    When one is missing the tests are skipped on a developer's machine, but under CI=true they fail:
    scripts/bootstrap installs every one of them, so a missing program in CI is a broken install,
    not a reason to pass without testing."""
    missing = [n for n in names if shutil.which(n) is None and not os.path.exists(n)]

    def decorate(cls):
        if not missing:
            return cls
        reason = "needs " + ", ".join(missing) + " (scripts/bootstrap installs them)"
        if os.environ.get("CI") == "true":
            def fail(self):
                raise AssertionError("CI=true and " + reason)
            cls.setUp = fail
            return cls
        return unittest.skip(reason)(cls)

    return decorate


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """A real SMTP server (aiosmtpd) on a free port, keeping what it receives in a maildir."""

    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.process = subprocess.Popen(
            ["/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
             "-c", "aiosmtpd.handlers.Mailbox", directory],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def smtp_config(self):
        """The notify file's smtp line that sends through this server."""
        return f'smtp: {{url: "smtp://127.0.0.1:{self.port}", from: pactum@pactum.example}}\n'

    def accepts_connections(self):
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def messages(self):
        """Every mail received, parsed, in the maildir's order."""
        out = []
        for path in sorted(glob.glob(os.path.join(self.directory, "new", "*"))):
            with open(path, "rb") as f:
                out.append(email.message_from_bytes(f.read()))
        return out

    def stop(self):
        self.process.terminate()
        self.process.wait()


def run(*args, env=None, check=True, input=None):
    """Runs a pactum command; returns the CompletedProcess."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    p = subprocess.run([BINARY, *args], capture_output=True, text=True, env=full_env, input=input,
                       timeout=120)
    if check and p.returncode != 0:
        raise AssertionError(f"pactum {' '.join(args)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


class ApiError(Exception):
    def __init__(self, status, body):
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body


class Client:
    """A signed-in user (session cookie + CSRF token), or a bearer token."""

    def __init__(self, port, cookie=None, csrf=None, token=None):
        self.port = port
        self.cookie = cookie
        self.csrf = csrf
        self.token = token

    def request(self, method, path, body=None, headers=None, raw=None):
        status, response_headers, data = self.request_bytes(method, path, body, headers, raw)
        return status, response_headers, data.decode()

    def request_bytes(self, method, path, body=None, headers=None, raw=None):
        """The same, with the body as bytes (a PDF)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Accept": "application/json"}
        if self.cookie:
            h["Cookie"] = self.cookie
            if method not in ("GET", "HEAD"):
                h["X-CSRF-Token"] = self.csrf
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, dict(r.getheaders()), data

    def call(self, method, path, body=None, expect=None, headers=None):
        status, _, text = self.request(method, path, body, headers)
        payload = json.loads(text) if text and text.lstrip().startswith(("{", "[")) else text
        if expect is not None and status != expect:
            raise ApiError(status, text)
        if expect is None and status >= 400:
            raise ApiError(status, text)
        return payload

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def incidents(self, query="status=all"):
        """Every incident the list's `query` selects: each page (200 at most) by its cursor."""
        listed, cursor = [], ""
        while True:
            page = self.get(f"/api/v1/incidents?{query}&limit=200{cursor}")
            listed += page["incidents"]
            if "next_cursor" not in page:
                return listed
            cursor = "&cursor=" + page["next_cursor"]

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body if body is not None else {}, **kw)

    def upload(self, data, name, content_type="application/octet-stream"):
        """Uploads an evidence file (L4) as the raw body: what the server stored (its sha256…)."""
        status, _, text = self.request("POST", "/api/v1/files?name=" + urllib.parse.quote(name),
                                       headers={"Content-Type": content_type}, raw=data)
        if status != 201:
            raise ApiError(status, text)
        return json.loads(text)


class Server:
    """A `pactum serve` process on a free port, over a data directory."""

    def __init__(self, data_dir, extra_args=(), dev_clock=True, wrapper=(), env=None):
        self.data_dir = data_dir
        self.env = env  # variables added to the server's environment
        self.wrapper = list(wrapper)  # a command that runs pactum, e.g. prlimit's; it must exec
        self.port = free_port()
        self.extra_args = list(extra_args)
        self.dev_clock = dev_clock
        self.proc = None
        self.log = None
        self.saved_output = ""

    def start(self):
        args = [*self.wrapper, BINARY, "serve", "--listen", f"127.0.0.1:{self.port}", "--data", self.data_dir,
                "--log-level", "info", *self.extra_args]
        if self.dev_clock:
            args.append("--dev-clock")
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=self.log,
                                     env={**os.environ, **(self.env or {})})
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"pactum serve exited with {self.proc.returncode}:\n{self.output()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                conn.request("GET", "/readyz")
                ok = conn.getresponse().status == 200
                conn.close()
                if ok:
                    return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("pactum serve did not become ready:\n" + self.output())

    def output(self):
        if self.log.closed:
            return self.saved_output
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self, sig=signal.SIGTERM, timeout=20):
        """Stops the server; returns its exit code (or -9 after SIGKILL)."""
        if self.proc is None:
            return None
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.proc = None
        self.saved_output = self.output()
        self.log.close()
        return code

    def login(self, user, password=PASSWORD):
        status, headers, text = Client(self.port).request(
            "POST", "/api/v1/session", {"user": user, "password": password})
        if status != 200:
            raise ApiError(status, text)
        cookie = headers["Set-Cookie"].split(";")[0]
        return Client(self.port, cookie=cookie, csrf=json.loads(text)["csrf"])

    def anonymous(self):
        return Client(self.port)


class PactumTestCase(unittest.TestCase):
    """A fresh data directory with the test plan (TEST_PLAN) in force and the USERS."""

    plan = TEST_PLAN  # a subclass may start from another plan file

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pactum-it-")
        self.data = os.path.join(self.tmp, "data")
        run("init", "--data", self.data, "--plan", self.plan)
        for user, party, contact, admin in USERS:
            args = ["user", "add", user, "--data", self.data, "--party", party, "--contact", contact]
            if admin:
                args.append("--admin")
            run(*args, env={"PACTUM_PASSWORD": PASSWORD})
        self.servers = []

    def tearDown(self):
        for s in self.servers:
            s.stop(signal.SIGKILL)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def serve(self, *extra_args, dev_clock=True, wrapper=(), env=None):
        s = Server(self.data, extra_args, dev_clock, wrapper, env).start()
        self.servers.append(s)
        return s

    def wait(self, what, timeout=30):
        """What `what()` returns once it is truthy (polled every 0.2 s); fails after `timeout` s."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = what()
            if value:
                return value
            time.sleep(0.2)
        self.fail("timed out waiting")

    @staticmethod
    def report_body(**overrides):
        body = {
            "trigger": "T1",
            "condition": "T1.outage",
            "phenomenon": "订单系统无法访问",
            "scope": "全部线上订单",
            "cause_guess": "数据库主节点宕机",
            "discovered_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 600)),
            "responsible_party": "A",
        }
        body.update(overrides)
        return body
