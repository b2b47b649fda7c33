"""`pactum serve --mailbox` (issue 19 §5): the real server delivers every message into its own
mailbox instead of sending it. A report reaches the mailboxes of the plan's emergency contacts,
delivered, and of no one else; each person reads their own, an administrator their party's; the
mailbox survives a restart (it is the outbox); without --mailbox the route answers 503 and the
server says it has no channel; --mailbox with --notify is refused."""
import os
import unittest

from harness import ApiError, PactumTestCase, Server, run

REPORT_TO = {"a-zhang", "a-liu", "b-wang", "b-wu"}  # the example plan's emergency contacts (P1)


class MailboxTest(PactumTestCase):
    def report(self, server):
        return server.login("tech-a").post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]

    @staticmethod
    def reports_in(client, incident, person=None):
        path = "/api/v1/mailbox" + (f"?person={person}" if person else "")
        return [m for m in client.get(path)["messages"] if m["incident"] == incident and m["kind"] == "report"]

    def test_a_report_lands_delivered_in_the_mailbox_of_each_emergency_contact(self):
        server = self.serve("--mailbox")
        admin = server.login("admin")  # a-zhang, A's leader and administrator
        self.assertEqual(admin.get("/api/v1/me")["notifications"], "mailbox")
        incident = self.report(server)

        mine = self.wait(lambda: [m for m in self.reports_in(admin, incident) if m["state"] == "delivered"])
        self.assertEqual(len(mine), 1)
        m = mine[0]
        self.assertEqual(m["attempts"], 1, "delivered at the first attempt: no retries, no failures")
        self.assertEqual(m["channel"], "email")
        self.assertEqual(m["target"], "zhang.wei@huadong-tech.example.cn")
        self.assertIn("【应急上报】" + incident, m["subject"])
        self.assertIn("张伟：", m["body"])
        self.assertIsNotNone(m["delivered_at"])

        # Every message of the incident went to the mailbox: all delivered, none dead.
        outbox = admin.get(f"/api/v1/incidents/{incident}/messages")["messages"]
        self.wait(lambda: all(x["state"] == "delivered" for x in
                              admin.get(f"/api/v1/incidents/{incident}/messages")["messages"]))
        self.assertEqual({x["recipient"] for x in outbox if x["kind"] == "report"}, REPORT_TO)

        # The right people: B's leader reads theirs; the reporter, no emergency contact, has none.
        leader_b = server.login("leader-b")
        self.assertEqual(len(self.reports_in(leader_b, incident)), 1)
        self.assertEqual(self.reports_in(server.login("tech-a"), incident), [])
        comms = server.login("comms-a")
        self.assertEqual(comms.get("/api/v1/mailbox")["person"], "a-liu")
        self.assertEqual(len(self.reports_in(comms, incident)), 1)

        # Whose mailbox: an administrator reads their own party's people, no one else another's.
        self.assertEqual(len(self.reports_in(admin, incident, "a-liu")), 1)
        self.assertEqual(self.reports_in(admin, incident, "a-li"), [])
        for who, person, status in [("admin", "b-wang", 403), ("tech-a", "a-zhang", 403),
                                    ("leader-b", "b-wu", 403), ("admin", "nobody", 404)]:
            with self.assertRaises(ApiError, msg=f"{who} reading {person}") as e:
                server.login(who).get(f"/api/v1/mailbox?person={person}")
            self.assertTrue(str(e.exception).startswith(f"{status}:"), str(e.exception))
            self.assertIn('"field":"person"', str(e.exception).replace(" ", ""))
        self.assertEqual(server.anonymous().request("GET", "/api/v1/mailbox")[0], 401)

        # The mailbox is the outbox: it survives a restart.
        self.assertEqual(server.stop(), 0)
        again = self.serve("--mailbox")
        after = self.reports_in(again.login("admin"), incident)
        self.assertEqual([(x["id"], x["state"]) for x in after], [(m["id"], "delivered")])

        # Without --mailbox: no mailbox to read, and the server says no channel is configured.
        self.assertEqual(again.stop(), 0)
        plain = self.serve()
        admin = plain.login("admin")
        self.assertEqual(admin.get("/api/v1/me")["notifications"], "none")
        with self.assertRaises(ApiError) as e:
            admin.get("/api/v1/mailbox")
        self.assertTrue(str(e.exception).startswith("503:"), str(e.exception))
        self.assertIn("--mailbox", str(e.exception))

    def test_the_mailbox_is_refused_beside_real_channels(self):
        notify = os.path.join(self.tmp, "notify.yaml")
        with open(notify, "w") as f:
            f.write('smtp: {url: "smtp://127.0.0.1:1", from: pactum@example.com}\n')
        s = Server(self.data, ["--mailbox", "--notify", notify])
        with self.assertRaises(AssertionError) as e:
            s.start()
        self.assertIn("exited with 2", str(e.exception))
        self.assertIn("cannot be used with --notify", str(e.exception))
        # The flag is also a setting of the config file.
        config = os.path.join(self.tmp, "serve.yaml")
        with open(config, "w") as f:
            f.write(f"mailbox: true\nnotify: {notify}\n")
        p = run("serve", "--config", config, "--data", self.data, "--listen", "127.0.0.1:1", check=False)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("--mailbox", p.stderr)


if __name__ == "__main__":
    unittest.main()
