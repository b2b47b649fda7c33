"""T5 with Alertmanager's own client: Debian's amtool (prometheus-alertmanager 0.25) against a real
`pactum serve`, with a token of the `alerts` scope in its --http.config.file, as an operator would
point it at Pactum. It adds and queries alerts in every output format (amtool crashed on an alert
without an end), and adds, queries and expires silences: a maintenance window keeps the alerts it
mutes from opening incidents, and is on the hash-chained log for both parties.

amtool missing: skipped, except with CI=true, where that is a failure."""
import json
import os
import re
import shutil
import subprocess
import time
import unittest

from harness import Client, PactumTestCase, run

AMTOOL = shutil.which("amtool")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class WithAmtool(PactumTestCase):
    def setUp(self):
        if not AMTOOL:
            if os.environ.get("CI") == "true":
                self.fail("amtool is missing: install Debian's prometheus-alertmanager")
            self.skipTest("needs amtool (Debian's prometheus-alertmanager)")
        super().setUp()
        self.token = run("token", "create", "--data", self.data, "--user", "admin", "--name", "amtool",
                         "--scopes", "alerts").stdout.strip()
        self.http_config = os.path.join(self.tmp, "amtool-http.yml")
        with open(self.http_config, "w") as f:
            f.write(f"authorization:\n  credentials: {self.token}\n")
        self.server = self.serve()

    def amtool(self, *args, check=True):
        """Runs amtool against the server; returns its standard output."""
        p = subprocess.run([AMTOOL, f"--alertmanager.url=http://127.0.0.1:{self.server.port}",
                            f"--http.config.file={self.http_config}", *args],
                           capture_output=True, text=True, timeout=60)
        if check and p.returncode != 0:
            raise AssertionError(f"amtool {' '.join(args)} exited with {p.returncode}:\n{p.stdout}\n{p.stderr}")
        return p if not check else p.stdout

    def wait_for_incidents(self, admin, count, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            incidents = admin.get("/api/v1/incidents")["incidents"]
            if len(incidents) >= count:
                return incidents
            time.sleep(0.2)
        self.fail(f"{count} incident(s) did not open within {timeout} s")

    def test_T5_amtool_adds_and_queries_alerts_in_every_output_format(self):
        self.amtool("alert", "add", "DiskAlmostFull", "host=db-1", "--annotation=summary=磁盘将满")
        simple = self.amtool("alert", "query", "-o", "simple")
        self.assertIn("DiskAlmostFull", simple)
        self.assertIn("磁盘将满", simple)
        extended = self.amtool("alert", "query", "-o", "extended")  # crashed on a null endsAt
        self.assertIn('host="db-1"', extended)
        self.assertIn("active", extended)
        alerts = json.loads(self.amtool("alert", "query", "-o", "json"))
        self.assertEqual(len(alerts), 1)
        for field in ("annotations", "receivers", "fingerprint", "startsAt", "updatedAt", "endsAt", "status",
                      "labels"):
            self.assertIn(field, alerts[0])
        self.assertEqual(alerts[0]["status"]["state"], "active")
        self.assertNotIn("DiskAlmostFull", self.amtool("alert", "query", "alertname=Other"))  # filtered out
        self.assertIn("DiskAlmostFull", self.amtool("alert", "query", "host=~db-.*"))

        # The status amtool checks its version against is Pactum's.
        version = run("--version").stdout.split()[-1]
        status = Client(self.server.port, token=self.token).get("/api/v2/status")
        self.assertEqual(status["versionInfo"]["version"], version)
        cluster = self.amtool("cluster", "show")
        self.assertIn("disabled", cluster)

    def test_T5_a_silence_from_amtool_keeps_the_alerts_it_mutes_from_opening_incidents(self):
        admin = self.server.login("admin")
        silence_id = self.amtool("silence", "add", "alertname=DataCorruption", "dataset=orders", "--duration=2h",
                                 "--comment=订单库迁移 (maintenance)").strip()
        self.assertRegex(silence_id, UUID)
        self.assertIn(silence_id, self.amtool("silence", "query"))
        self.assertEqual(self.amtool("silence", "query", "-q", "dataset=orders").split(), [silence_id])
        self.assertEqual(self.amtool("silence", "query", "-q", "dataset=users").split(), [])

        # Two alerts of a zero-duration rule: the muted one opens nothing, the other opens its
        # incident (both are looked at in the same evaluation).
        self.amtool("alert", "add", "DataCorruption", "dataset=orders")
        self.amtool("alert", "add", "DataCorruption", "dataset=users")
        incidents = self.wait_for_incidents(admin, 1)
        self.assertEqual([i["scope"] for i in incidents], ["dataset=users"])
        shown = self.amtool("alert", "query", "-o", "extended")  # amtool shows the active ones
        self.assertIn('dataset="users"', shown)
        self.assertNotIn('dataset="orders"', shown)
        muted = json.loads(self.amtool("alert", "query", "-s", "dataset=orders", "-o", "json"))
        self.assertEqual(len(muted), 1)
        self.assertEqual(muted[0]["status"]["state"], "suppressed")
        self.assertEqual(muted[0]["status"]["silencedBy"], [silence_id])

        # The window ends early: the alert still firing opens its incident, discovered then.
        self.amtool("silence", "expire", silence_id)
        self.assertEqual(self.amtool("silence", "query", "-q").split(), [])
        expired = json.loads(self.amtool("silence", "query", "--expired", "-o", "json"))
        self.assertEqual([s["id"] for s in expired], [silence_id])
        self.assertEqual(expired[0]["status"]["state"], "expired")
        incidents = self.wait_for_incidents(admin, 2)
        orders = [i for i in incidents if i["scope"] == "dataset=orders"]
        self.assertEqual(len(orders), 1, incidents)
        self.assertEqual(orders[0]["discovered_at"], expired[0]["endsAt"])
        self.assertNotEqual(self.amtool("silence", "expire", silence_id, check=False).returncode, 0)

        # Both parties see the window on the hash-chained log, in its own stream.
        events = admin.get("/api/v1/events?limit=10000")["events"]
        windows = [(e["type"], e["payload"]["id"]) for e in events if e["stream"] == "silences"]
        self.assertEqual(windows, [("silence.created", silence_id), ("silence.expired", silence_id)])
        self.assertEqual(self.server.login("leader-b").get("/api/v1/silences")["silences"][0]["id"], silence_id)

    def test_T5_silences_survive_a_restart(self):
        kept = self.amtool("silence", "add", "service=api", "--duration=3h", "--comment=upgrade").strip()
        ended = self.amtool("silence", "add", "service=db", "--duration=3h", "--comment=upgrade").strip()
        self.amtool("silence", "expire", ended)
        before = json.loads(self.amtool("silence", "query", "--expired", "-o", "json"))
        self.server.stop()
        self.server = self.serve()
        self.assertEqual(self.amtool("silence", "query", "-q").split(), [kept])
        after = json.loads(self.amtool("silence", "query", "--expired", "-o", "json"))
        self.assertEqual(after, before)
        reader = run("token", "create", "--data", self.data, "--user", "tech-b", "--name", "reader",
                     "--scopes", "read").stdout.strip()
        listed = Client(self.server.port, token=reader).get("/api/v1/silences")["silences"]
        self.assertEqual([(s["id"], s["state"]) for s in listed], [(kept, "active"), (ended, "expired")])

    def test_T5_an_alert_resolving_is_noted_on_its_incidents_timeline(self):
        # Not only on the alerts stream: the incident's own timeline says the alert resolved.
        admin = self.server.login("admin")
        start = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
        self.amtool("alert", "add", "DataCorruption", "dataset=orders", "--annotation=summary=订单表校验失败",
                    f"--start={start}")
        incident = self.wait_for_incidents(admin, 1)[0]
        end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
        self.amtool("alert", "add", "DataCorruption", "dataset=orders", "--annotation=summary=订单表校验失败",
                    f"--start={start}", f"--end={end}")
        deadline = time.time() + 30
        while time.time() < deadline:
            timeline = admin.get(f"/api/v1/incidents/{incident['id']}")["timeline"]
            resolved = [e for e in timeline if e["type"] == "incident.alert_resolved"]
            if resolved:
                break
            time.sleep(0.2)
        else:
            self.fail("the alert's resolution was not noted on the incident within 30 s")
        self.assertEqual(resolved[0]["payload"]["alertname"], "DataCorruption")
        self.assertEqual(resolved[0]["actor"]["user"], "system:prometheus")
        self.assertNotIn("DataCorruption", self.amtool("alert", "query"))  # resolved: no longer listed


if __name__ == "__main__":
    unittest.main()
