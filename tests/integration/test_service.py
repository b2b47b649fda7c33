"""`pactum serve` under systemd, without systemd: what the pactum.service unit (packaging/) relies
on. A unix datagram socket bound by the test stands in for systemd's NOTIFY_SOCKET and receives
READY=1 and the watchdog's pings; SIGHUP (the unit's ExecReload) makes the server send through a
new SMTP server (a real aiosmtpd), and a broken notify file on SIGHUP keeps the old one."""
import json
import os
import re
import signal
import socket

from harness import Mailbox, PactumTestCase


def logs(server, *keys):
    """The server's log lines (JSON objects), each cut down to `keys` (those it has)."""
    out = []
    for line in server.output().splitlines():
        if line.startswith("{"):
            entry = json.loads(line)
            out.append({k: entry[k] for k in keys if k in entry})
    return out


class ServiceManagerNotifications(PactumTestCase):
    def notify_socket(self):
        path = os.path.join(self.tmp, "notify.sock")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(path)
        sock.settimeout(30)
        self.addCleanup(sock.close)
        return path, sock

    @staticmethod
    def receive(sock):
        return sock.recv(4096).decode().split("\n")

    def test_ready_first_then_watchdog_pings_then_stopping(self):
        path, sock = self.notify_socket()
        # A 1 s watchdog: a ping every half second.
        server = self.serve(env={"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "1000000"})
        first = self.receive(sock)
        self.assertIn("READY=1", first, "READY=1 comes first, once the server serves")
        self.assertTrue(any(f.startswith("STATUS=serving on http://127.0.0.1:") for f in first), first)
        # /readyz answered before READY=1 was read: the server was ready when it said so.
        self.assertEqual(server.anonymous().get("/readyz")["status"], "ready")
        pings = 0
        while pings < 2:
            message = self.receive(sock)
            self.assertEqual(message, ["WATCHDOG=1"])
            pings += 1
        self.assertIn({"msg": "watchdog", "interval_ms": 500}, logs(server, "msg", "interval_ms"))
        self.assertEqual(server.stop(), 0)
        rest = []
        sock.settimeout(5)
        while "STOPPING=1" not in rest:
            rest = self.receive(sock)
        self.assertEqual(rest, ["STOPPING=1"])

    def test_without_a_watchdog_asked_for_there_are_no_pings(self):
        path, sock = self.notify_socket()
        server = self.serve(env={"NOTIFY_SOCKET": path})
        self.assertIn("READY=1", self.receive(sock))
        sock.settimeout(2)
        with self.assertRaises(socket.timeout):
            sock.recv(4096)
        self.assertNotIn("watchdog", [line["msg"] for line in logs(server, "msg")])


class ReloadOnSighup(PactumTestCase):
    """The notify file changed while the server runs, then SIGHUP."""

    def setUp(self):
        super().setUp()
        self.first = Mailbox(os.path.join(self.tmp, "first"))
        self.second = Mailbox(os.path.join(self.tmp, "second"))
        self.addCleanup(self.first.stop)
        self.addCleanup(self.second.stop)
        self.notify_file = os.path.join(self.tmp, "notify.yaml")
        self.write_notify(self.first.smtp_config())
        self.wait(lambda: self.first.accepts_connections() and self.second.accepts_connections())

    def write_notify(self, text):
        with open(self.notify_file, "w") as f:
            f.write(text)

    @staticmethod
    def incidents_mailed_to(mailbox):
        """The incident ids in the bodies of every mail `mailbox` received."""
        ids = set()
        for m in mailbox.messages():
            body = m.get_payload(decode=True).decode("utf-8")
            ids.update(re.findall(r"INC-\d{4}-\d{4}", body))
        return ids

    def report(self, client, n):
        body = self.report_body(phenomenon=f"订单系统无法访问 {n}")
        return client.post("/api/v1/incidents", body, expect=201)["incident"]["id"]

    def reloads(self, server, message, count):
        """Sends SIGHUP and waits for the `count`-th log line saying `message`."""
        server.proc.send_signal(signal.SIGHUP)
        self.wait(lambda: [l["msg"] for l in logs(server, "msg")].count(message) >= count)

    def test_the_new_channel_is_used_and_a_broken_file_keeps_the_old_one(self):
        server = self.serve("--notify", self.notify_file)
        tech = server.login("tech-a")
        one = self.report(tech, 1)
        self.wait(lambda: one in self.incidents_mailed_to(self.first))

        # The SMTP server moved: the file says so, SIGHUP, and the next report goes there.
        self.write_notify(self.second.smtp_config())
        self.reloads(server, "notification config reloaded", 1)
        two = self.report(tech, 2)
        self.wait(lambda: two in self.incidents_mailed_to(self.second))
        self.assertNotIn(two, self.incidents_mailed_to(self.first))

        # A broken file (smtp without its sender) back at the first server: logged, not taken.
        self.write_notify(f'smtp: {{url: "smtp://127.0.0.1:{self.first.port}"}}\n')
        self.reloads(server, "notification config not reloaded; the channels in use stay", 1)
        refused = [l for l in logs(server, "msg", "level", "file", "error")
                   if l["msg"] == "notification config not reloaded; the channels in use stay"]
        self.assertEqual(refused, [{"msg": refused[0]["msg"], "level": "error", "file": self.notify_file,
                                    "error": f"{self.notify_file}:1: smtp needs url and from"}])
        three = self.report(tech, 3)
        self.wait(lambda: three in self.incidents_mailed_to(self.second))
        self.assertNotIn(three, self.incidents_mailed_to(self.first))
        self.assertEqual(server.anonymous().get("/readyz")["status"], "ready")
        self.assertEqual(server.stop(), 0)

    def test_sighup_without_a_notify_file_changes_nothing(self):
        server = self.serve()
        self.reloads(server, "SIGHUP: no --notify file to reload", 1)
        self.assertEqual(server.anonymous().get("/readyz")["status"], "ready")
        self.assertEqual(server.stop(), 0)
