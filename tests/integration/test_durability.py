"""Crashes, restarts and tampering: what was acknowledged survives kill -9, an obligation that
fell due while the server was down is breached exactly once, and one altered byte in the log is
found and named by `pactum audit verify`."""
import http.client
import os
import signal
import sqlite3
import threading
import time
import unittest

from harness import ApiError, Client, PactumTestCase, run


class Durability(PactumTestCase):
    def test_a_second_server_on_one_sqlite_data_directory_is_refused_and_the_first_goes_on(self):
        first = self.serve()
        tech = first.login("tech-a")
        with self.assertRaises(AssertionError) as refused:
            self.serve()
        self.assertIn("another pactum serve is running on", str(refused.exception))
        self.assertIn("serve.lock", str(refused.exception))
        tech.post("/api/v1/incidents", self.report_body(), expect=201)
        # The CLI works beside the running server, as before.
        run("audit", "verify", "--data", self.data)
        # A killed server leaves no lock behind: the next one starts.
        first.proc.send_signal(signal.SIGKILL)
        first.proc.wait()
        self.serve().login("tech-a")

    def test_kill_9_during_a_burst_of_reports_loses_nothing_acknowledged(self):
        server = self.serve()
        clients = [server.login(u) for u in ("tech-a", "comms-a", "admin", "finance-a")]
        acknowledged, failed = [], []
        lock = threading.Lock()
        stop = threading.Event()

        def burst(client, n):
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    r = client.post("/api/v1/incidents",
                                    self.report_body(phenomenon=f"burst {n}-{i}"), expect=201)
                    with lock:
                        acknowledged.append(r["incident"]["id"])
                except Exception:  # the server died under us: this one may or may not be stored
                    with lock:
                        failed.append(f"burst {n}-{i}")
                    return

        threads = [threading.Thread(target=burst, args=(c, n)) for n, c in enumerate(clients * 2)]
        for t in threads:
            t.start()
        time.sleep(1.5)
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
        stop.set()
        for t in threads:
            t.join()
        self.assertGreater(len(acknowledged), 20, "the burst should have stored a good number")

        restarted = self.serve()
        admin = restarted.login("admin")
        listed = admin.incidents()
        ids = {i["id"] for i in listed}
        missing = [i for i in acknowledged if i not in ids]
        self.assertEqual(missing, [], "every acknowledged report is there after the crash")
        for incident in listed:  # nothing half there: every stored report is whole
            self.assertTrue(incident["phenomenon"].startswith("burst"))
            self.assertEqual(incident["status"], "reported")
        self.assertEqual(len(ids), len(listed), "no duplicate ids")
        verify = admin.post("/api/v1/audit/verify", {})
        self.assertTrue(verify["intact"], verify)
        restarted.stop()
        self.assertEqual(run("audit", "verify", "--data", self.data).returncode, 0)

    def test_an_obligation_due_while_down_is_breached_exactly_once(self):
        server = self.serve()
        tech = server.login("tech-a")
        iid = tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        self.assertEqual(server.stop(), 0, "SIGTERM stops cleanly")
        # Two hours later (the P2 sync was due within one), the server comes back.
        for _ in range(2):
            server = self.serve("--dev-clock-offset", "2h")
            admin = server.login("admin")
            deadline = time.time() + 10
            while time.time() < deadline:
                inc = admin.get(f"/api/v1/incidents/{iid}")
                breaches = [e for e in inc["timeline"] if e["type"] == "obligation.breached"
                            and e["payload"]["obligation"] == "sync"]
                if breaches:
                    break
                time.sleep(0.1)
            self.assertEqual(len(breaches), 1)
            server.stop()

    def test_one_changed_byte_is_named_by_audit_verify(self):
        server = self.serve()
        tech = server.login("tech-a")
        for i in range(3):
            tech.post("/api/v1/incidents", self.report_body(phenomenon=f"事件{i}"), expect=201)
        server.stop()
        self.assertEqual(run("audit", "verify", "--data", self.data).returncode, 0)
        db = sqlite3.connect(os.path.join(self.data, "pactum.db"))
        seq = db.execute("SELECT seq FROM events WHERE type='incident.reported' "
                         "ORDER BY seq LIMIT 1 OFFSET 1").fetchone()[0]
        db.execute("DROP TRIGGER events_append_only_update")
        db.execute("UPDATE events SET payload = replace(payload, '事件1', '事件7') WHERE seq = ?", (seq,))
        db.commit()
        db.close()
        p = run("audit", "verify", "--data", self.data, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn(f"event {seq} ", p.stderr)
        self.assertIn("altered", p.stderr)

    def test_T5_sigterm_during_a_burst_of_alerts_exits_cleanly_and_keeps_every_acknowledged_alert(self):
        # Alerts are acknowledged from the server's first event loop: stopping mid-burst must not
        # hang (a request waiting for a loop that has stopped) nor crash, and every alert it
        # acknowledged is there after a restart.
        token = run("token", "create", "--data", self.data, "--user", "admin", "--name", "monitoring",
                    "--scopes", "alerts").stdout.strip()
        # Three loops: the connections of the other two are answered from the first one.
        server = self.serve("--threads", "3")
        acknowledged = []
        lock = threading.Lock()

        def burst(n):
            client = Client(server.port, token=token)
            for i in range(100000):
                name = f"burst-{n}-{i}"
                try:
                    status, _, _ = client.request("POST", "/api/v2/alerts",
                                                  [{"labels": {"alertname": "Burst", "instance": name}}])
                except (OSError, http.client.HTTPException):  # the server closed the connection: this one was not acknowledged
                    return
                if status != 200:
                    return
                with lock:
                    acknowledged.append(name)

        threads = [threading.Thread(target=burst, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        self.assertEqual(server.stop(signal.SIGTERM), 0, server.saved_output)
        for t in threads:
            t.join()
        self.assertGreater(len(acknowledged), 20, "the burst should have stored a good number")
        self.assertIn('"msg":"stopped"', server.saved_output)

        restarted = self.serve()
        stored = Client(restarted.port, token=token).get("/api/v2/alerts")
        instances = {a["labels"]["instance"] for a in stored}
        missing = [a for a in acknowledged if a not in instances]
        self.assertEqual(missing, [], "every acknowledged alert is there after the restart")

    def test_sigterm_finishes_and_exits_cleanly(self):
        server = self.serve()
        server.login("tech-a").post("/api/v1/incidents", self.report_body(), expect=201)
        self.assertEqual(server.stop(signal.SIGTERM), 0)
        self.assertIn('"msg":"stopped"', server.output())


if __name__ == "__main__":
    unittest.main()
