"""Reaching people through real receivers: a real SMTP server (Debian's aiosmtpd) receives the
mails, a local HTTP receiver plays the WeCom and DingTalk robots. Checks the encoded Chinese
subject, the robots' formats and signatures, the acknowledgement link that stops escalation,
retries after 500s, and a server killed mid-queue that delivers everything once after restart."""
import base64
import email
import email.header
import hashlib
import hmac
import json
import os
import re
import threading
import time
import unittest
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import TEST_PLAN, PASSWORD, USERS, Mailbox, PactumTestCase, run

SECRET = "SECdingtalk"


class Receiver:
    """The robots: records every POST; answers 500 while `failing` is set. `on_request`, if set,
    is called with each request before it is answered (and may hold the answer back)."""

    def __init__(self):
        self.requests = []
        self.failing = False
        self.on_request = None
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                ok = not outer.failing
                outer.requests.append({"path": self.path, "headers": dict(self.headers), "body": body, "ok": ok})
                if outer.on_request:
                    outer.on_request(outer.requests[-1])
                self.send_response(200 if ok else 500)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"errcode":0,"errmsg":"ok"}' if ok else b"busy")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


class Notifications(PactumTestCase):
    def setUp(self):
        # The example plan, with two contacts reached through their party's group robot.
        self.tmp_plan = None
        super().setUp()
        self.mailbox = Mailbox(os.path.join(self.tmp, "mail"))
        self.receiver = Receiver()
        self.notify_file = os.path.join(self.tmp, "notify.yaml")
        with open(self.notify_file, "w") as f:
            f.write(self.mailbox.smtp_config() + f"""robots:
  wecom-group: {{kind: wecom, url: "http://127.0.0.1:{self.receiver.port}/wecom?key=k"}}
  dingtalk-group: {{kind: dingtalk, url: "http://127.0.0.1:{self.receiver.port}/dingtalk?access_token=t", secret: {SECRET}}}
""")
        time.sleep(0.5)

    def tearDown(self):
        self.receiver.stop()
        self.mailbox.stop()
        super().tearDown()

    def init_data(self):
        """Replaces the data directory with one whose plan routes a-liu to WeCom, b-wu to DingTalk."""
        import shutil
        shutil.rmtree(self.data)
        with open(TEST_PLAN) as f:
            plan = f.read()
        plan = plan.replace("    backup: \"WeCom: liuyang\"", "    backup: \"WeCom: liuyang\"\n    preferred_channel: wecom", 1)
        plan = plan.replace("    backup: \"DingTalk: wuting\"", "    backup: \"DingTalk: wuting\"\n    preferred_channel: dingtalk", 1)
        self.assertIn("preferred_channel: wecom", plan)
        self.assertIn("preferred_channel: dingtalk", plan)
        path = os.path.join(self.tmp, "plan.yaml")
        with open(path, "w") as f:
            f.write(plan)
        run("init", "--data", self.data, "--plan", path)
        for user, party, contact, admin in USERS:
            run("user", "add", user, "--data", self.data, "--party", party, "--contact", contact,
                *(["--admin"] if admin else []), env={"PACTUM_PASSWORD": PASSWORD})

    def start(self):
        return self.serve("--notify", self.notify_file)

    def mails(self):
        return self.mailbox.messages()

    def test_P1_the_report_reaches_the_emergency_contacts_by_mail_and_robot(self):
        self.init_data()
        server = self.start()
        tech = server.login("tech-a")
        iid = tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        mails = self.wait(lambda: len(self.mails()) >= 2 and self.mails())
        by_to = {m["To"]: m for m in mails}
        self.assertIn("<zhang.wei@huadong-tech.example.cn>", by_to)
        self.assertIn("<wang.qiang@beifang-data.example.com>", by_to)
        m = by_to["<zhang.wei@huadong-tech.example.cn>"]
        subject = str(email.header.make_header(email.header.decode_header(m["Subject"])))
        self.assertIn(f"【应急上报】{iid} 订单系统无法访问", subject)
        self.assertIn("[Incident reported]", subject)
        body = m.get_payload(decode=True).decode("utf-8")
        self.assertIn("张伟：", body)
        self.assertIn("问题现象：订单系统无法访问", body)
        self.assertIn(f"/#/incidents/{iid}", body)
        self.assertRegex(m["Message-ID"], r"^<m[0-9a-f]{24}@pactum\.example>$")
        # The robots: WeCom mentions a-liu by mobile; DingTalk's URL is signed.
        robots = self.wait(lambda: len(self.receiver.requests) >= 2 and self.receiver.requests)
        wecom = next(r for r in robots if r["path"].startswith("/wecom"))
        payload = json.loads(wecom["body"])
        self.assertEqual(payload["msgtype"], "text")
        self.assertEqual(payload["text"]["mentioned_mobile_list"], ["+86 138 0000 0104"])
        self.assertIn("【应急上报】", payload["text"]["content"])
        ding = next(r for r in robots if r["path"].startswith("/dingtalk"))
        query = urllib.parse.parse_qs(urllib.parse.urlparse(ding["path"]).query)
        ts = query["timestamp"][0]
        expected = base64.b64encode(hmac.new(SECRET.encode(), f"{ts}\n{SECRET}".encode(), hashlib.sha256).digest()).decode()
        self.assertEqual(query["sign"][0], expected)
        self.assertEqual(json.loads(ding["body"])["at"]["atMobiles"], ["+86 139 0000 0204"])
        # Every message is recorded as delivered, with its attempt.
        messages = self.wait(lambda: (lambda ms: all(x["state"] == "delivered" for x in ms) and ms)(
            tech.get(f"/api/v1/incidents/{iid}/messages")["messages"]))
        self.assertEqual(len(messages), 4)

    def test_L4_the_acknowledgement_link_stops_the_escalation(self):
        self.init_data()
        server = self.start()
        tech = server.login("tech-a")
        admin = server.login("admin")
        iid = tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        self.wait(lambda: len(self.mails()) >= 2)
        admin.post("/api/v1/dev/clock", {"advance": "61m"})  # P2 sync missed: breach, wave 0
        def breach_mail():
            for m in self.mails():
                s = str(email.header.make_header(email.header.decode_header(m["Subject"])))
                if "【已超时】" in s:
                    return m
        m = self.wait(breach_mail)
        body = m.get_payload(decode=True).decode("utf-8")
        link = re.search(r"(http://\S+/ack/\S+)", body).group(1)
        path = urllib.parse.urlparse(link).path
        status, _, page = server.anonymous().request("GET", path)
        self.assertEqual(status, 200)
        self.assertIn("<form method=\"post\">", page)
        # As a browser posts the page's form (a button and no fields).
        status, _, page = server.anonymous().request(
            "POST", path, raw=b"", headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200)
        self.assertIn("已确认", page)
        status, _, page = server.anonymous().request("POST", path)
        self.assertIn("已确认过", page)
        admin = server.login("admin")
        admin.post("/api/v1/dev/clock", {"advance": "40m"})  # wave 1 would go to the leaders now
        time.sleep(1.5)
        admin = server.login("admin")
        inc = admin.get(f"/api/v1/incidents/{iid}")
        waves = [e["payload"]["wave"] for e in inc["timeline"]
                 if e["type"] == "obligation.escalated" and e["payload"]["obligation"] == "sync"]
        self.assertEqual(waves, [0])
        self.assertIn("notification.acknowledged", [e["type"] for e in inc["timeline"]])

    def test_a_failing_receiver_is_retried_and_a_killed_server_delivers_everything_once(self):
        self.init_data()
        self.receiver.failing = True
        server = self.start()
        tech = server.login("tech-a")
        iid = tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        self.wait(lambda: len(self.receiver.requests) >= 2)  # both robots refused (500)
        messages = tech.get(f"/api/v1/incidents/{iid}/messages")["messages"]
        robot = [x for x in messages if x["channel"] != "email"]
        self.assertTrue(all(x["state"] == "pending" and x["attempts"] >= 1 for x in robot), robot)
        self.assertIn("500", robot[0]["last_error"])
        server.proc.kill()  # mid-queue
        server.proc.wait()
        self.receiver.failing = False
        server = self.serve("--notify", self.notify_file, "--dev-clock-offset", "10m")  # retries are due
        tech = server.login("tech-a")
        messages = self.wait(lambda: (lambda ms: all(x["state"] == "delivered" for x in ms) and ms)(
            tech.get(f"/api/v1/incidents/{iid}/messages")["messages"]))
        self.assertEqual(len(messages), 4)
        delivered = [r["headers"].get("Idempotency-Key") for r in self.receiver.requests if r["ok"]]
        self.assertEqual(len(delivered), len(set(delivered)), "each message delivered once")
        self.assertEqual(len(delivered), 2)


if __name__ == "__main__":
    unittest.main()
