"""Data backups (B1–B3), Pactum's own data included: `pactum backup` copies the database while the
server writes to it, and the copy holds every write acknowledged before it began and verifies;
`pactum restore` makes a data directory a server runs from, and refuses one that is not empty."""
import hashlib
import json
import os
import shutil
import subprocess
import threading
import time
from datetime import datetime, timedelta, timezone

from harness import Client, PactumTestCase, Server, run, require_programs

SHANGHAI = timezone(timedelta(hours=8))


class OwnBackup(PactumTestCase):
    def test_B1_a_backup_under_write_load_holds_all_acknowledged_before_it_and_verifies(self):
        server = self.serve()
        clients = [server.login(u) for u in ("tech-a", "comms-a", "admin")]
        acknowledged = []
        lock = threading.Lock()
        stop = threading.Event()
        errors = []

        def write(client, n):
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    r = client.post("/api/v1/incidents",
                                    self.report_body(phenomenon=f"load {n}-{i}"), expect=201)
                except Exception as e:  # noqa: BLE001 — the test fails on any, below
                    errors.append(e)
                    return
                with lock:
                    acknowledged.append(r["incident"]["id"])

        threads = [threading.Thread(target=write, args=(c, n)) for n, c in enumerate(clients)]
        for t in threads:
            t.start()
        try:
            deadline = time.time() + 30
            while time.time() < deadline and len(acknowledged) < 10 and not errors:
                time.sleep(0.05)
            with lock:
                before = list(acknowledged)
            copy = os.path.join(self.tmp, "pactum-backup.db")
            backed_up = run("backup", "--data", self.data, "--to", copy)
            time.sleep(0.3)  # writes go on after the copy: they are the server's, not the copy's
        finally:
            stop.set()
            for t in threads:
                t.join()
        self.assertEqual(errors, [])
        self.assertGreaterEqual(len(before), 10)
        self.assertIn("intact", backed_up.stdout)
        self.assertIn("backed up to", backed_up.stdout)

        restored = os.path.join(self.tmp, "restored")
        out = run("restore", "--from", copy, "--data", restored)
        self.assertIn("intact", out.stdout)
        self.assertEqual(run("audit", "verify", "--data", restored).returncode, 0)

        from_copy = Server(restored).start()
        self.servers.append(from_copy)
        admin = from_copy.login("admin")  # the accounts came with the copy
        listed = admin.incidents()
        ids = {i["id"] for i in listed}
        self.assertEqual([i for i in before if i not in ids], [],
                         "every report acknowledged before the backup began is in the copy")
        self.assertTrue(admin.post("/api/v1/audit/verify", {})["intact"])

    def test_B1_a_restore_with_the_keys_put_back_is_the_same_log_and_serves(self):
        server = self.serve()
        admin = server.login("admin")
        admin.post("/api/v1/incidents", self.report_body(), expect=201)
        identity = server.anonymous().get("/api/v1/log/keys")
        feed = admin.get("/api/v1/me/calendar")["url"]
        feed = feed[feed.index("/api/v1/calendar/"):]
        copy = os.path.join(self.tmp, "pactum-backup.db")
        run("backup", "--data", self.data, "--to", copy, "-q")
        server.stop()  # the machine is lost; the operator kept the two keys apart, once

        restored = os.path.join(self.tmp, "restored")
        out = run("restore", "--from", copy, "--data", restored)
        self.assertIn("secret.key and log.key", out.stdout, "the restore says what to put back")
        self.assertEqual(os.listdir(restored), ["pactum.db"], "the keys are not in the backup")
        for name in ("secret.key", "log.key"):
            self.assertTrue(os.path.exists(os.path.join(self.data, name)))
            shutil.copy2(os.path.join(self.data, name), restored)

        from_copy = Server(restored).start()
        self.servers.append(from_copy)
        self.assertEqual(from_copy.anonymous().get("/api/v1/log/keys"), identity,
                         "the same log key: the parties' witnesses go on cosigning")
        status, _, text = from_copy.anonymous().request("GET", feed)
        self.assertEqual(status, 200, "calendar addresses (from secret.key) still work")
        admin = from_copy.login("admin")
        admin.post("/api/v1/incidents", self.report_body(phenomenon="after the restore"), expect=201)
        self.assertTrue(admin.post("/api/v1/audit/verify", {})["intact"])
        from_copy.stop()
        self.assertEqual(run("audit", "verify", "--data", restored).returncode, 0)

    def test_B1_restore_refuses_a_non_empty_directory_and_backup_an_existing_file(self):
        copy = os.path.join(self.tmp, "copy.db")
        run("backup", "--data", self.data, "--to", copy, "-q")
        refused = run("restore", "--from", copy, "--data", self.data, check=False)
        self.assertEqual(refused.returncode, 1)
        self.assertIn("not empty", refused.stderr)
        again = run("backup", "--data", self.data, "--to", copy, check=False)
        self.assertEqual(again.returncode, 1)
        self.assertIn("exists", again.stderr)
        missing = run("restore", "--from", os.path.join(self.tmp, "nothing.db"),
                      "--data", os.path.join(self.tmp, "new"), check=False)
        self.assertEqual(missing.returncode, 1)
        self.assertIn("no backup at", missing.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "new")), "nothing made on failure")


def shanghai_day(rfc3339):
    t = datetime.fromisoformat(rfc3339.replace("Z", "+00:00"))
    return t.astimezone(SHANGHAI).strftime("%Y-%m-%d")


def b1(duties, day, location):
    for d in duties:
        if d["rule"] == "B1" and d["period"] == day and d["subject"] == location:
            return d
    raise AssertionError(f"no B1 duty for {day} at {location}")


@require_programs("curl")
class BackupRuns(PactumTestCase):
    def setUp(self):
        super().setUp()
        self.server = self.serve()
        token = run("token", "create", "--data", self.data, "--user", "tech-a", "--name",
                    "backup job", "--scopes", "backups").stdout.strip()
        self.job_token = token
        admin_token = run("token", "create", "--data", self.data, "--user", "admin", "--name",
                          "test", "--scopes", "read,admin").stdout.strip()
        self.admin = Client(self.server.port, token=admin_token)  # tokens outlive moved clocks

    def curl(self, path, body):
        """POSTs with the real curl binary, as a backup job's script would; (status, JSON)."""
        p = subprocess.run(
            ["curl", "-sS", "-o", "-", "-w", "\n%{http_code}", "-X", "POST",
             "-H", f"Authorization: Bearer {self.job_token}",
             "-H", "Content-Type: application/json", "--data", json.dumps(body),
             f"http://127.0.0.1:{self.server.port}{path}"],
            capture_output=True, text=True, timeout=60, check=True)
        text, status = p.stdout.rsplit("\n", 1)
        return int(status), json.loads(text)

    def run_body(self, now, **overrides):
        finished = datetime.fromisoformat(now.replace("Z", "+00:00"))
        stamp = "%Y-%m-%dT%H:%M:%SZ"  # whole seconds: not after the server's now
        body = {"location": "local",
                "started_at": (finished - timedelta(minutes=5)).strftime(stamp),
                "finished_at": finished.strftime(stamp), "size": 123456,
                "sha256": "ab" * 32, "result": "success"}
        body.update(overrides)
        return body

    def duties(self):
        return self.admin.get("/api/v1/programme")["duties"]

    def test_B1_a_day_without_a_run_is_breached_and_the_next_day_met_after_a_curl_report(self):
        first = self.admin.post("/api/v1/dev/clock", {"advance": "1m"})["now"]
        day = shanghai_day(first)
        self.assertEqual(b1(self.duties(), day, "local")["state"], "open")
        self.assertEqual(b1(self.duties(), day, "local")["owner_role"], "tech_lead")
        now = self.admin.post("/api/v1/dev/clock", {"advance": "24h"})["now"]
        next_day = shanghai_day(now)
        self.assertNotEqual(day, next_day)
        self.assertEqual(b1(self.duties(), day, "local")["state"], "breached")
        self.assertEqual(b1(self.duties(), next_day, "local")["state"], "open")

        status, created = self.curl("/api/v1/backups/runs", self.run_body(now))
        self.assertEqual(status, 201, created)
        self.assertTrue(created["id"].startswith("BR-"))
        self.assertEqual(created["result"], "success")
        met = b1(self.duties(), next_day, "local")
        self.assertEqual(met["state"], "met")
        self.assertEqual(met["met_by"], [created["id"]])
        self.assertEqual(b1(self.duties(), next_day, "cloud")["state"], "open",
                         "a run at one location does not meet another's")
        self.assertEqual(b1(self.duties(), day, "local")["state"], "breached")

        # The same report again: 409, and nothing is written twice.
        status, again = self.curl("/api/v1/backups/runs", self.run_body(now))
        self.assertEqual(status, 409, again)
        self.assertIn(created["id"], again["error"]["message"])
        self.assertEqual(len(self.admin.get("/api/v1/backups/runs")["runs"]), 1)

        # Bad input is 400 naming the field; nothing is written.
        for overrides, field in [({"location": "attic"}, "location"),
                                 ({"result": "ok"}, "result"),
                                 ({"size": -1}, "size"),
                                 ({"size": 10**16}, "size"),
                                 ({"sha256": "xyz"}, "sha256"),
                                 ({"finished_at": "2099-01-01T00:00:00Z"}, "finished_at")]:
            status, refused = self.curl("/api/v1/backups/runs", self.run_body(now, **overrides))
            self.assertEqual(status, 400, (overrides, refused))
            self.assertEqual(refused["error"]["field"], field, refused)
        self.assertEqual(len(self.admin.get("/api/v1/backups/runs")["runs"]), 1)

        locations = {l["id"]: l for l in self.admin.get("/api/v1/backups")["locations"]}
        self.assertEqual(locations["local"]["last_success"]["id"], created["id"])
        self.assertIsNone(locations["cloud"]["last_success"])

    def test_B3_each_location_shows_its_kind_and_isolation_from_the_plan(self):
        locations = self.admin.get("/api/v1/backups")["locations"]
        self.assertEqual([(l["id"], l["kind"], l["isolated"]) for l in locations],
                         [("local", "local", True), ("cloud", "cloud", True)])
        self.assertIn("physically isolated", locations[0]["name"]["en"])
        self.assertTrue(all(l["last_success"] is None for l in locations), "no run reported yet")

    def test_B1_a_backups_token_reports_without_any_role_in_the_plan_and_nothing_else(self):
        # An account that is no contact of the group: the job's token is its only credential.
        run("user", "add", "backup-bot", "--data", self.data, "--party", "A",
            env={"PACTUM_PASSWORD": "a-long-enough-password"})
        self.job_token = run("token", "create", "--data", self.data, "--user", "backup-bot",
                             "--name", "nightly", "--scopes", "backups").stdout.strip()
        now = self.admin.post("/api/v1/dev/clock", {"advance": "1m"})["now"]
        status, created = self.curl("/api/v1/backups/runs", self.run_body(now))
        self.assertEqual(status, 201, created)
        status, refused = self.curl("/api/v1/backups/runs",
                                    self.run_body(now, location="attic", sha256="cd" * 32))
        self.assertEqual((status, refused["error"]["field"]), (400, "location"), refused)
        self.assertIn("attic", refused["error"]["message"])
        self.assertEqual([r["id"] for r in self.admin.get("/api/v1/backups/runs")["runs"]],
                         [created["id"]])
        job = Client(self.server.port, token=self.job_token)
        for path in ("/api/v1/backups/runs", "/api/v1/fund", "/api/v1/programme"):
            self.assertEqual(job.request("GET", path)[0], 403, path)

    def test_B1_only_a_backups_token_reports(self):
        reader = run("token", "create", "--data", self.data, "--user", "tech-a", "--name", "r",
                     "--scopes", "read").stdout.strip()
        status, _, _ = Client(self.server.port, token=reader).request(
            "POST", "/api/v1/backups/runs", self.run_body("2026-01-05T00:00:00Z"))
        self.assertEqual(status, 403)

    def test_B2_restore_tests_meet_the_month_with_a_success_rate(self):
        for result in ("success", "failure", "success"):
            status, t = self.curl("/api/v1/backups/restore-tests",
                                  {"dataset": "pactum", "location": "cloud", "duration": "20m",
                                   "result": result})
            self.assertEqual(status, 201, t)
        status, refused = self.curl("/api/v1/backups/restore-tests",
                                    {"dataset": "pactum", "location": "cloud",
                                     "duration": "soon", "result": "success"})
        self.assertEqual((status, refused["error"]["field"]), (400, "duration"))
        got = self.admin.get("/api/v1/backups/restore-tests")
        self.assertEqual(len(got["restore_tests"]), 3)
        month = got["success_rate"]["months"][-1]
        self.assertEqual((month["tests"], month["succeeded"], month["per_mille"]), (3, 2, 666))
        self.assertEqual(got["success_rate"]["years"][-1]["per_mille"], 666)
        held = shanghai_day(got["restore_tests"][0]["held_at"])[:7]
        b2 = [d for d in self.duties() if d["rule"] == "B2" and d["period"] == held]
        self.assertEqual(b2[0]["state"], "met")

    def test_B1_pactum_backup_reports_itself_as_a_run(self):
        copy = os.path.join(self.tmp, "self.db")
        out = run("backup", "--data", self.data, "--to", copy, "--report-to",
                  f"http://127.0.0.1:{self.server.port}", "--token", self.job_token,
                  "--location", "local")
        self.assertIn("reported as backup run BR-", out.stdout)
        runs = self.admin.get("/api/v1/backups/runs")["runs"]
        self.assertEqual(len(runs), 1)
        self.assertEqual(runs[0]["size"], os.path.getsize(copy))
        with open(copy, "rb") as f:
            self.assertEqual(runs[0]["sha256"], hashlib.sha256(f.read()).hexdigest())
