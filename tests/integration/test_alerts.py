"""T5 with the real programs: Debian's Prometheus scrapes a target this test controls; the target
goes down; the alert reaches Pactum both ways (Prometheus -> Pactum's Alertmanager v2 API, and
Prometheus -> Alertmanager -> Pactum's webhook) and the incident opens with the right trigger and a
discovery time of startsAt + the rule's `for`. Plus what Pactum does with hostile alert bodies."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import TEST_PLAN, PactumTestCase, free_port, require_programs, run

PROMETHEUS = shutil.which("prometheus")
ALERTMANAGER = shutil.which("prometheus-alertmanager")


def short_plan(directory):
    """The example plan with "down for 10 s" in place of "down for 4 hours"."""
    with open(TEST_PLAN, encoding="utf-8") as f:
        text = f.read()
    text, n = re.subn(r"(match: \['alertname=\"ServiceDown\"'\]\n\s+for: )4h", r"\g<1>10s", text)
    assert n == 1, "the example plan's ServiceDown rule moved"
    path = os.path.join(directory, "short-plan.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


class Target:
    """A /metrics endpoint that can be taken down."""

    def __init__(self):
        self.port = 0
        self.up()

    def up(self):
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = b"orders_processed_total 42\n"
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; version=0.0.4")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)  # the same port again
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self):
        self.server.shutdown()
        self.server.server_close()


def wait_ready(port, path, proc, what, timeout=30):
    import http.client
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{what} exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", path)
            ok = conn.getresponse().status == 200
            conn.close()
            if ok:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not become ready on port {port}")


@require_programs("prometheus", "prometheus-alertmanager")
class WithPrometheus(PactumTestCase):
    def setUp(self):
        self.plan_dir = tempfile.mkdtemp(prefix="pactum-alert-plan-")
        self.plan = short_plan(self.plan_dir)
        super().setUp()
        self.token = run("token", "create", "--data", self.data, "--user", "admin", "--name", "monitoring",
                         "--scopes", "alerts").stdout.strip()
        self.procs = []
        self.logs = []
        self.target = Target()

    def tearDown(self):
        for p in self.procs:
            p.terminate()
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        for log in self.logs:
            log.close()
        super().tearDown()
        shutil.rmtree(self.plan_dir, ignore_errors=True)

    def start(self, args, port, ready_path, what):
        log = open(os.path.join(self.tmp, what + ".log"), "wb")
        self.logs.append(log)
        p = subprocess.Popen(args, stdout=log, stderr=log)
        self.procs.append(p)
        wait_ready(port, ready_path, p, what)
        return p

    def alertmanager(self, pactum_port):
        port = free_port()
        config = os.path.join(self.tmp, "alertmanager.yml")
        with open(config, "w") as f:
            f.write(f"""
route:
  receiver: pactum
  group_by: [alertname, service]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: pactum
    webhook_configs:
      - url: http://127.0.0.1:{pactum_port}/api/v1/alerts/webhook
        send_resolved: true
        http_config:
          authorization: {{credentials: {self.token}}}
""")
        self.start([ALERTMANAGER, f"--config.file={config}", f"--storage.path={self.tmp}/am",
                    f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="],
                   port, "/-/ready", "alertmanager")
        return port

    def prometheus(self, alertmanager_target, token=None):
        port = free_port()
        rules = os.path.join(self.tmp, "rules.yml")
        with open(rules, "w") as f:
            f.write("""
groups:
  - name: pactum-test
    interval: 1s
    rules:
      - alert: ServiceDown
        expr: up{job="orders"} == 0
        labels: {service: orders, party: B}
        annotations: {summary: 订单服务不可用, description: "orders target down"}
""")
        auth = f"\n    authorization: {{credentials: {token}}}" if token else ""
        config = os.path.join(self.tmp, "prometheus.yml")
        with open(config, "w") as f:
            f.write(f"""
global: {{scrape_interval: 1s, evaluation_interval: 1s}}
rule_files: [{rules}]
scrape_configs:
  - job_name: orders
    static_configs: [{{targets: ["127.0.0.1:{self.target.port}"]}}]
alerting:
  alertmanagers:
  - api_version: v2{auth}
    static_configs: [{{targets: ["{alertmanager_target}"]}}]
""")
        self.start([PROMETHEUS, f"--config.file={config}", f"--storage.tsdb.path={self.tmp}/prom",
                    f"--web.listen-address=127.0.0.1:{port}"], port, "/-/ready", "prometheus")
        return port

    def wait_for_incident(self, admin, timeout=90):
        deadline = time.time() + timeout
        while time.time() < deadline:
            incidents = admin.get("/api/v1/incidents")["incidents"]
            if incidents:
                return incidents
            time.sleep(0.5)
        self.fail("no incident opened within %ds" % timeout)

    def check_incident(self, server, source):
        admin = server.login("admin")
        time.sleep(3)  # a few scrapes while the target is up: no alert
        self.assertEqual(admin.get("/api/v1/incidents")["incidents"], [])
        self.target.down()
        incidents = self.wait_for_incident(admin)
        time.sleep(3)  # repeats keep arriving: still one incident
        incidents = admin.get("/api/v1/incidents")["incidents"]
        self.assertEqual(len(incidents), 1, incidents)
        incident = incidents[0]
        self.assertEqual(incident["trigger"], "T1")
        self.assertEqual(incident["condition"], "T1.outage")
        self.assertEqual(incident["responsible_party"], "B")  # the alert's party label
        self.assertEqual(incident["phenomenon"], "订单服务不可用")
        alerts = admin.get(f"/api/v1/incidents/{incident['id']}/alerts")["alerts"]
        self.assertEqual(len(alerts), 1)
        self.assertEqual(alerts[0]["source"], source)
        self.assertTrue(alerts[0]["opened"])
        started = alerts[0]["startsAt"]
        # P1's clock counts from when the condition became true: startsAt + 10 s, to the millisecond.
        self.assertEqual(incident["discovered_at"], shift(started, 10))

        # The service comes back: the alert resolving is recorded on the incident, which stays open
        # for people to resolve and close.
        self.target.up()
        deadline = time.time() + 60
        while time.time() < deadline:
            timeline = admin.get(f"/api/v1/incidents/{incident['id']}")["timeline"]
            resolved = [e for e in timeline if e["type"] == "incident.alert_resolved"]
            if resolved:
                break
            time.sleep(0.5)
        else:
            self.fail("the alert's resolution was not recorded on the incident within 60 s")
        self.assertEqual(resolved[0]["payload"]["alertname"], "ServiceDown")
        self.assertEqual(resolved[0]["payload"]["summary"], "订单服务不可用")
        self.assertEqual(resolved[0]["actor"]["user"], "system:" + source)
        self.assertEqual(admin.get(f"/api/v1/incidents/{incident['id']}")["status"], "reported")
        alerts = admin.get(f"/api/v1/incidents/{incident['id']}/alerts")["alerts"]
        self.assertEqual(alerts[0]["status"]["state"], "resolved")

    def test_T5_prometheus_posts_to_pactums_alertmanager_api(self):
        server = self.serve()
        self.prometheus(f"127.0.0.1:{server.port}", token=self.token)
        self.check_incident(server, "prometheus")

    def test_T5_prometheus_to_alertmanager_to_pactums_webhook(self):
        server = self.serve()
        am = self.alertmanager(server.port)
        self.prometheus(f"127.0.0.1:{am}")
        self.check_incident(server, "alertmanager")


def shift(rfc3339, seconds):
    from datetime import datetime, timedelta, timezone
    t = datetime.strptime(rfc3339, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    t += timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


class BadAlerts(PactumTestCase):
    def setUp(self):
        super().setUp()
        token = run("token", "create", "--data", self.data, "--user", "admin", "--name", "monitoring",
                    "--scopes", "alerts").stdout.strip()
        self.server = self.serve()
        from harness import Client
        self.monitoring = Client(self.server.port, token=token)

    def test_T5_malformed_batches_are_refused_whole_and_nothing_is_stored(self):
        good = {"labels": {"alertname": "DataCorruption", "dataset": "orders"}}
        for body, field in [
            ([good, {"labels": {"service": "api"}}], "alerts[1].labels.alertname"),
            ([good, {"labels": {"alertname": "X"}, "startsAt": "2099-01-01T00:00:00Z"}], "alerts[1].startsAt"),
            ([good] * 1001, "alerts"),
            ({"labels": {}}, "alerts"),
        ]:
            status, _, text = self.monitoring.request("POST", "/api/v2/alerts", body)
            self.assertEqual(status, 400, text)
            self.assertEqual(json.loads(text)["error"]["field"], field, text)
        status, _, text = self.monitoring.request("POST", "/api/v2/alerts", raw=b"[{", headers={"Content-Type": "application/json"})
        self.assertEqual(status, 400, text)
        self.assertEqual(self.monitoring.get("/api/v2/alerts"), [])

    def test_T5_a_token_without_the_alerts_scope_is_refused(self):
        token = run("token", "create", "--data", self.data, "--user", "admin", "--name", "reader",
                    "--scopes", "read").stdout.strip()
        from harness import Client
        status, _, _ = Client(self.server.port, token=token).request("POST", "/api/v2/alerts", [])
        self.assertEqual(status, 403)
        status, _, _ = Client(self.server.port).request("POST", "/api/v2/alerts", [])
        self.assertEqual(status, 401)

    def test_T5_generic_event_opens_an_incident_at_once_for_a_zero_duration_rule(self):
        r = self.monitoring.post("/api/v1/alerts/event", {"name": "DataCorruption", "labels": {"dataset": "orders"},
                                                          "summary": "订单表校验失败"})
        self.assertEqual(r, {"received": 1, "recorded": 1})
        again = self.monitoring.post("/api/v1/alerts/event", {"name": "DataCorruption", "labels": {"dataset": "orders"},
                                                              "summary": "订单表校验失败"})
        self.assertEqual(again["recorded"], 0)  # no `at`, still firing: the same episode, nothing new
        admin = self.server.login("admin")
        deadline = time.time() + 20
        while time.time() < deadline and not admin.get("/api/v1/incidents")["incidents"]:
            time.sleep(0.2)
        incidents = admin.get("/api/v1/incidents")["incidents"]
        self.assertEqual(len(incidents), 1, incidents)
        self.assertEqual(incidents[0]["condition"], "T1.data_loss")
        self.assertEqual(incidents[0]["phenomenon"], "订单表校验失败")
        import urllib.request
        with urllib.request.urlopen(f"http://127.0.0.1:{self.server.port}/metrics") as r:
            metrics = r.read().decode()
        self.assertIn("\npactum_alerts 1\n", metrics)
        self.assertIn("pactum_event_log_checkpoints_total", metrics)


if __name__ == "__main__":
    unittest.main()
