"""Exercise incidents (issue 15, V2) through the real binary: an exercise reported with the command
line's --exercise is numbered EX-YYYY-NNNN apart from real incidents (also after a restart), is left
out of the incident list and the metrics, every message about it is marked 【演练】/[EXERCISE] (in
the outbox and in the mail a real SMTP server receives), and the drill that names it scores it."""
import email
import email.header
import os
import time

from harness import Mailbox, PactumTestCase, run


class Exercise(PactumTestCase):
    def setUp(self):
        super().setUp()
        self.mailbox = Mailbox(os.path.join(self.tmp, "mail"))
        self.notify_file = os.path.join(self.tmp, "notify.yaml")
        with open(self.notify_file, "w") as f:
            f.write(self.mailbox.smtp_config())

    def tearDown(self):
        self.mailbox.stop()
        super().tearDown()

    def subjects(self):
        return [str(email.header.make_header(email.header.decode_header(m["Subject"])))
                for m in self.mailbox.messages()]

    def report_exercise(self, env):
        return run("incident", "report", "--exercise", "--trigger", "T1", "--condition", "T1.outage",
                   "--phenomenon", "演练：订单系统无法访问", "--scope", "全部线上订单",
                   "--cause", "数据库主节点宕机", "--responsible", "A",
                   "--discovered-at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 600)),
                   env=env).stdout.strip()

    def test_V2_an_exercise_is_numbered_apart_marked_left_out_and_scored_by_its_drill(self):
        server = self.serve("--notify", self.notify_file)
        token = run("token", "create", "--data", self.data, "--user", "tech-a", "--name", "drill",
                    "--scopes", "read,write").stdout.strip()
        env = {"PACTUM_SERVER": f"http://127.0.0.1:{server.port}", "PACTUM_TOKEN": token}
        tech = server.login("tech-a")
        real = tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        self.assertRegex(real, r"^INC-\d{4}-0001$")
        ex = self.report_exercise(env)
        self.assertRegex(ex, r"^EX-\d{4}-0001$")
        self.assertTrue(tech.get(f"/api/v1/incidents/{ex}")["exercise"])

        # Left out of the real list and counts; listed on asking.
        self.assertEqual([i["id"] for i in tech.get("/api/v1/incidents")["incidents"]], [real])
        self.assertEqual([i["id"] for i in tech.get("/api/v1/incidents?exercise=true")["incidents"]], [ex])
        self.assertIn(ex, run("incident", "list", "--exercise", env=env).stdout)
        self.assertNotIn(ex, run("incident", "list", env=env).stdout)
        status, _, metrics = server.anonymous().request("GET", "/metrics")
        self.assertIn('pactum_incidents_open{level="none"} 1\n', metrics)

        # Every message about it is marked, in the outbox and in the mail received.
        messages = tech.get(f"/api/v1/incidents/{ex}/messages")["messages"]
        self.assertTrue(messages)
        for m in messages:
            self.assertTrue(m["subject"].startswith("【演练】"), m["subject"])
            self.assertIn(" / [EXERCISE] ", m["subject"])
        mailed = self.wait(lambda: [s for s in self.subjects() if ex in s])
        for s in mailed:
            self.assertTrue(s.startswith("【演练】"), s)
            self.assertIn("[EXERCISE]", s)
        self.assertTrue(all("演练" not in s for s in self.subjects() if real in s))

        # The exercise runs: synced by the communications lead; then the drill names it.
        server.login("comms-a").post(f"/api/v1/incidents/{ex}/sync", {}, expect=200)
        admin = server.login("admin")
        drill = admin.post("/api/v1/drills", {
            "kind": "live", "scenario": "technical_failure",
            "held_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1200)),
            "participants": ["a-zhang", "a-li", "a-liu", "b-wang"],
            "exercise_incident": ex}, expect=201)
        self.assertEqual(drill["exercise_incident"], ex)
        score = admin.get(f"/api/v1/drills/{drill['id']}")["score"]
        self.assertEqual(score["incident"], ex)
        by_key = {o["key"]: o for o in score["obligations"]}
        self.assertIs(by_key["report"]["in_time"], True)
        self.assertIs(by_key["sync"]["in_time"], True)
        self.assertIsNone(by_key["assess"]["in_time"])  # due 4 h after the report: still running
        self.assertIsNotNone(by_key["sync"]["met_at"])
        self.assertGreaterEqual(score["time_to_report_seconds"], 600)  # discovered 10 min before
        self.assertGreaterEqual(score["time_to_sync_seconds"], 0)
        self.assertIsNone(score["time_to_assess_seconds"])

        # A restart: the exercise numbering continues apart, the score is still there.
        self.assertEqual(server.stop(), 0)
        server = self.serve("--notify", self.notify_file)
        env["PACTUM_SERVER"] = f"http://127.0.0.1:{server.port}"
        self.assertRegex(self.report_exercise(env), r"^EX-\d{4}-0002$")
        tech = server.login("tech-a")
        self.assertRegex(tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"],
                         r"^INC-\d{4}-0002$")
        self.assertEqual(server.login("leader-b").get(f"/api/v1/drills/{drill['id']}")["score"]["incident"], ex)
