"""M1: external messages from an incident, through a real SMTP server (Debian's aiosmtpd). The
communications lead drafts the regulator's notice from the incident, edits it and sends it to two
addresses: exactly that text arrives at each, and the incident's timeline shows what was sent, to
whom and by whom. A download is recorded and served as a file; a bad address writes and sends
nothing; an exercise's message is marked."""
import email
import email.header
import os
import time
import unittest

from harness import Mailbox, PactumTestCase

REGULATOR = ["gov@regulator.example.cn", "duty@regulator.example.cn"]


class ExternalMessages(PactumTestCase):
    def setUp(self):
        super().setUp()
        self.mailbox = Mailbox(os.path.join(self.tmp, "mail"))
        notify = os.path.join(self.tmp, "notify.yaml")
        with open(notify, "w") as f:
            f.write(self.mailbox.smtp_config())
        self.wait(self.mailbox.accepts_connections)
        self.server = self.serve("--notify", notify)

    def tearDown(self):
        self.mailbox.stop()
        super().tearDown()

    def mails_to(self, address):
        return [m for m in self.mailbox.messages() if m["To"] == f"<{address}>"]

    @staticmethod
    def subject_of(m):
        return str(email.header.make_header(email.header.decode_header(m["Subject"])))

    def test_M1_the_edited_regulator_notice_arrives_exactly_and_is_on_the_timeline(self):
        iid = self.server.login("tech-a").post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        comms = self.server.login("comms-a")
        base = f"/api/v1/incidents/{iid}/external-messages"
        draft = comms.post(f"{base}/draft", {"template": "regulator", "language": "zh-CN"}, expect=200)
        self.assertEqual(draft["subject"], f"突发事件报告：重大技术故障（{iid}）")
        self.assertIn("四、事件概况：订单系统无法访问", draft["body"])
        self.assertIn("联系人：刘洋（公共关系经理）", draft["body"])
        body = draft["body"].replace("处置进展及调查结论将及时续报。",
                                     "已于 10:30 切换至备用数据库，服务逐步恢复。处置进展及调查结论将及时续报。")
        self.assertNotEqual(body, draft["body"])
        sent = comms.post(base, {"template": "regulator", "language": "zh-CN", "subject": draft["subject"],
                                 "body": body, "to": REGULATOR, "delivery": "email"}, expect=201)["message"]
        self.assertEqual(sent["number"], 1)

        for address in REGULATOR:
            m = self.wait(lambda: self.mails_to(address))[0]
            self.assertEqual(self.subject_of(m), draft["subject"])
            self.assertEqual(m.get_payload(decode=True).decode("utf-8"), body, "exactly the edited text")
            self.assertEqual(m["X-Pactum-Incident"], iid)

        inc = comms.get(f"/api/v1/incidents/{iid}")
        last = inc["timeline"][-1]
        self.assertEqual(last["type"], "incident.external_message_sent")
        self.assertEqual(last["actor"]["user"], "comms-a")
        self.assertEqual(last["payload"]["message"]["body"], body)
        self.assertEqual(last["payload"]["message"]["to"], REGULATOR)

        listed = self.wait(lambda: [m for m in comms.get(base)["messages"] if m["state"] == "delivered"])
        self.assertEqual([d["to"] for d in listed[0]["deliveries"]], REGULATOR)
        self.assertTrue(all(d["state"] == "delivered" for d in listed[0]["deliveries"]))

    def test_M1_a_download_is_recorded_and_served_and_bad_input_sends_nothing(self):
        iid = self.server.login("tech-a").post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        comms = self.server.login("comms-a")
        base = f"/api/v1/incidents/{iid}/external-messages"
        before = len(comms.get(f"/api/v1/incidents/{iid}")["timeline"])
        bad = comms.call("POST", base, {"template": "supplier", "language": "en", "subject": "Urgent",
                                        "body": "Please call us.", "to": ["ops@supplier.example.com", "ops at supplier"],
                                        "delivery": "email"}, expect=400)
        self.assertEqual(bad["error"]["field"], "to[1]")
        self.assertIn("ops at supplier", bad["error"]["message"])
        self.assertEqual(len(comms.get(f"/api/v1/incidents/{iid}")["timeline"]), before, "nothing recorded")

        draft = comms.post(f"{base}/draft", {"template": "users", "language": "en"}, expect=200)
        m = comms.post(base, {"template": "users", "language": "en", "subject": draft["subject"],
                              "body": draft["body"], "delivery": "download"}, expect=201)["message"]
        self.assertEqual(m["state"], "downloaded")
        status, headers, text = comms.request("GET", m["download"])
        self.assertEqual(status, 200)
        self.assertIn("attachment", headers.get("Content-Disposition", headers.get("content-disposition", "")))
        self.assertEqual(text, f"{draft['subject']}\n\n{draft['body']}\n")
        self.assertEqual(comms.get(f"/api/v1/incidents/{iid}")["timeline"][-1]["type"],
                         "incident.external_message_downloaded")
        time.sleep(1)  # the delivery worker looks at least every second: nothing was queued
        self.assertEqual(self.mails_to("ops@supplier.example.com"), [])

    def test_M1_an_exercises_message_is_marked(self):
        body = dict(self.report_body(), exercise=True)
        iid = self.server.login("tech-a").post("/api/v1/incidents", body, expect=201)["incident"]["id"]
        self.assertTrue(iid.startswith("EX-"))
        comms = self.server.login("comms-a")
        base = f"/api/v1/incidents/{iid}/external-messages"
        draft = comms.post(f"{base}/draft", {"template": "supplier", "language": "en"}, expect=200)
        self.assertTrue(draft["subject"].startswith("[EXERCISE] "), draft["subject"])
        comms.post(base, {"template": "supplier", "language": "en", "subject": "Urgent request for support",
                          "body": "Please call us.", "to": ["ops@supplier.example.com"], "delivery": "email"},
                   expect=201)
        m = self.wait(lambda: self.mails_to("ops@supplier.example.com"))[0]
        self.assertEqual(self.subject_of(m), "[EXERCISE] Urgent request for support",
                         "the mark is put back when it was edited out")


if __name__ == "__main__":
    unittest.main()
