"""Several nodes on one PostgreSQL (docs/operations.md, "Several nodes"): every node serves the
API; exactly one, the lease holder, runs the scheduler and delivers messages. Killed (kill -9),
it is replaced within the lease time; paused past its lease (SIGSTOP) and resumed, it records
nothing; every breach is recorded once and every message is delivered once (a real SMTP sink
counts them); what one node records reaches the others at once (LISTEN/NOTIFY); a PostgreSQL
restart is /readyz false meanwhile and loses nothing acknowledged.

The nodes share one data directory here (the keys: every node needs the same secret.key and
log.key) and each has its own dev clock: the tests move every living node's clock together.
"""
import collections
import http.client
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import unittest

from harness import PASSWORD, TEST_PLAN, USERS, Mailbox, PactumTestCase, Server, run
from test_notify import Receiver
from test_postgres import PostgresCluster, pg_cluster

LEASE_SECONDS = 10  # the bound on a takeover; the lease itself is 6 s, renewed every 2 s


def scheduler_records(timeline):
    """The scheduler's records of an incident: (type, obligation, wave) of each."""
    return [(e["type"], e["payload"].get("obligation"), e["payload"].get("wave"))
            for e in timeline if e["type"].startswith("obligation.")]


class NodesCase(PostgresCluster):
    """Two or more nodes on one throwaway database, their mail sink; the tests' helpers."""

    def plan(self):
        return TEST_PLAN

    def notify_config(self):
        return self.mailbox.smtp_config()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pactum-it-multinode-")
        self.data = os.path.join(self.tmp, "data")
        self.url = self.new_database()
        run("init", "--data", self.data, "--store", self.url, "--plan", self.plan())
        for user, party, contact, admin in USERS:
            args = ["user", "add", user, "--data", self.data, "--party", party, "--contact", contact]
            run(*args, *(["--admin"] if admin else []),
                env={"PACTUM_PASSWORD": PASSWORD, "PACTUM_STORE": self.url})
        self.mailbox = Mailbox(os.path.join(self.tmp, "mail"))
        self.notify_file = os.path.join(self.tmp, "notify.yaml")
        with open(self.notify_file, "w") as f:
            f.write(self.notify_config())
        self.nodes = []

    def tearDown(self):
        for n in self.nodes:
            if n.proc is not None:
                n.proc.send_signal(signal.SIGCONT)
            n.stop(signal.SIGKILL)
        self.mailbox.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- helpers ---------------------------------------------------------------------------------

    def node(self):
        n = Server(self.data, ["--store", self.url, "--notify", self.notify_file]).start()
        self.nodes.append(n)
        return n

    def wait(self, what, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = what()
            if value:
                return value
            time.sleep(0.1)
        self.fail("timed out waiting")

    @staticmethod
    def readyz(node):
        status, _, text = node.anonymous().request("GET", "/readyz")
        return status, json.loads(text)

    def role(self, node):
        status, body = self.readyz(node)
        return body.get("scheduler") if status == 200 else None

    def one_leader(self, nodes):
        """(leader, the others) once exactly one node says it leads."""
        def settled():
            roles = [self.role(n) for n in nodes]
            return roles.count("leader") == 1 and roles.count("standby") == len(nodes) - 1 and roles
        roles = self.wait(settled)
        leader = nodes[roles.index("leader")]
        return leader, [n for n in nodes if n is not leader]

    @staticmethod
    def advance(nodes, step):
        for n in nodes:
            n.login("admin").post("/api/v1/dev/clock", {"advance": step})

    def report(self, node):
        r = node.login("tech-a").post("/api/v1/incidents", PactumTestCase.report_body(), expect=201)
        return r["incident"]["id"]

    @staticmethod
    def records(node, iid):
        return scheduler_records(node.login("admin").get(f"/api/v1/incidents/{iid}")["timeline"])

    @staticmethod
    def messages(node, ids):
        admin = node.login("admin")
        return [m for iid in ids for m in admin.get(f"/api/v1/incidents/{iid}/messages")["messages"]]

    def all_sent(self, node, ids):
        """The messages of `ids`, once none is pending any more."""
        ms = self.messages(node, ids)
        return ms if ms and all(m["state"] != "pending" for m in ms) else None

    def assert_each_recorded_and_sent_once(self, node, ids):
        for iid in ids:
            counts = collections.Counter(self.records(node, iid))
            twice = {k: n for k, n in counts.items() if n != 1}
            self.assertEqual(twice, {}, f"{iid}: recorded more than once")
        mails = self.mailbox.messages()
        by_id = collections.Counter(m["Message-ID"] for m in mails)
        self.assertEqual({k: n for k, n in by_id.items() if n != 1}, {}, "a mail sent twice")
        emails = [m for m in self.messages(node, ids) if m["channel"] == "email"]
        delivered = [m for m in emails if m["state"] == "delivered"]
        self.assertEqual(len(mails), len(delivered), "each delivered email reached the sink once")
        self.assertGreater(len(mails), 0)


class Nodes(NodesCase, unittest.TestCase):
    def test_a_killed_leader_is_replaced_within_the_lease_time_and_nothing_happens_twice(self):
        a, b = self.node(), self.node()
        leader, (survivor,) = self.one_leader([a, b])
        ids = [self.report(a), self.report(b), self.report(a)]
        self.wait(lambda: self.all_sent(survivor, ids))
        # The sync obligations fall due: the leader records the breaches and sends them.
        self.advance([leader, survivor], "61m")
        for iid in ids:  # read through the other node: it hears of them at once
            self.wait(lambda: ("obligation.breached", "sync", None) in self.records(survivor, iid))
        self.wait(lambda: self.all_sent(survivor, ids))
        # The leader dies; the next escalation wave falls due on the survivor's clock.
        killed_at = time.time()
        leader.stop(signal.SIGKILL)
        self.advance([survivor], "40m")
        ids.append(self.report(survivor))  # acknowledged while nobody leads: kept
        before = self.records(survivor, ids[0])
        if self.role(survivor) == "standby":  # then it was one while `before` was read
            self.assertNotIn(("obligation.escalated", "sync", 1), before,
                             "recorded by a node without the lease")
        self.wait(lambda: self.role(survivor) == "leader", timeout=30)
        took_over = time.time() - killed_at
        for iid in ids[:3]:
            self.wait(lambda: ("obligation.escalated", "sync", 1) in self.records(survivor, iid))
        first_breach = time.time() - killed_at
        print(f"\nfailover: lease taken {took_over:.1f} s after kill -9, wave 1 recorded by "
              f"{first_breach:.1f} s", file=sys.stderr)
        self.assertLessEqual(took_over, LEASE_SECONDS)
        self.wait(lambda: self.all_sent(survivor, ids))
        self.assert_each_recorded_and_sent_once(survivor, ids)
        listed = {i["id"] for i in survivor.login("admin").incidents()}
        self.assertTrue(set(ids) <= listed, "every acknowledged report is kept")
        run("audit", "verify", "--data", self.data, "--store", self.url)

    def test_a_leader_paused_past_its_lease_records_and_sends_nothing_when_it_resumes(self):
        a, b = self.node(), self.node()
        paused, (other,) = self.one_leader([a, b])
        ids = [self.report(a), self.report(b)]
        self.wait(lambda: self.all_sent(other, ids))
        paused.proc.send_signal(signal.SIGSTOP)
        self.wait(lambda: self.role(other) == "leader", timeout=30)
        self.advance([other], "61m")
        for iid in ids:
            self.wait(lambda: ("obligation.breached", "sync", None) in self.records(other, iid))
        self.wait(lambda: self.all_sent(other, ids))
        mails = len(self.mailbox.messages())
        paused.proc.send_signal(signal.SIGCONT)
        # It finds its lease gone (its monotonic clock ran on while it was stopped): a standby
        # at once, whose writes would be refused by their stale token anyway (the store tests).
        self.assertEqual(self.role(paused), "standby")
        # Its own clock now says the same deadlines are due: a leader would record them again.
        self.advance([paused], "61m")
        time.sleep(4)  # two of its lease rounds: room for a wrong write to show
        self.assertEqual(self.role(paused), "standby")
        self.assertEqual(len(self.mailbox.messages()), mails, "the resumed node sent nothing")
        self.assert_each_recorded_and_sent_once(other, ids)
        self.assertEqual(self.records(paused, ids[0]), self.records(other, ids[0]))

    def test_a_leader_stopped_cleanly_hands_the_lease_over_at_once(self):
        a, b = self.node(), self.node()
        leader, (other,) = self.one_leader([a, b])
        self.assertEqual(leader.stop(), 0)  # SIGTERM
        # Given up, not left to run out: the other takes it at its next 2 s round.
        self.assertIn('"msg":"gave up the lease"', leader.output())
        self.wait(lambda: self.role(other) == "leader", timeout=30)

    def test_what_one_node_records_reaches_the_live_stream_of_another_at_once(self):
        a, b = self.node(), self.node()
        conn = http.client.HTTPConnection("127.0.0.1", b.port, timeout=5)
        conn.request("GET", "/api/v1/events/stream", headers={"Cookie": b.login("tech-a").cookie})
        r = conn.getresponse()
        self.assertEqual(r.status, 200)
        received = []

        def read():
            buf = b""
            try:
                while b"incident.reported" not in buf:
                    chunk = r.fp.read1(4096)
                    if not chunk:
                        break
                    buf += chunk
            except OSError:
                pass  # the 5 s timeout: b would have learnt it only by polling (every 15 s)
            received.append(buf.decode())

        t = threading.Thread(target=read)
        t.start()
        time.sleep(0.3)
        iid = self.report(a)
        t.join(timeout=10)
        conn.close()
        self.assertTrue(received and iid in received[0], received)

    def test_a_postgres_restart_is_unready_meanwhile_and_loses_nothing_acknowledged(self):
        a, b = self.node(), self.node()
        ids = [self.report(a)]
        tech = a.login("tech-a")
        pg_cluster.halt(self.cluster_dir)
        try:
            for n in (a, b):
                self.wait(lambda: self.readyz(n)[0] == 503)
                self.assertEqual(self.readyz(n)[1]["error"]["code"], "unavailable")
            status, headers, _ = tech.request("POST", "/api/v1/incidents",
                                              PactumTestCase.report_body())
            self.assertEqual(status, 503)
            self.assertEqual(headers.get("Retry-After"), "1")
        finally:
            pg_cluster.resume(self.cluster_dir)
        for n in (a, b):
            self.wait(lambda: self.readyz(n)[0] == 200)
        ids.append(tech.post("/api/v1/incidents", PactumTestCase.report_body(),
                             expect=201)["incident"]["id"])
        # b's listener came back too: it hears of a's report without polling.
        self.wait(lambda: ids[-1] in {i["id"] for i in b.login("admin").incidents()}, timeout=10)
        self.one_leader([a, b])
        for n in (a, b):
            self.assertTrue(set(ids) <= {i["id"] for i in n.login("admin").incidents()})
        run("audit", "verify", "--data", self.data, "--store", self.url)


class PausedWhileSending(NodesCase, unittest.TestCase):
    """A leader paused in the middle of a delivery: the store refuses its record afterwards."""

    def plan(self):
        with open(TEST_PLAN, encoding="utf-8") as f:
            text = f.read()
        wecom = '    backup: "WeCom: liuyang"'
        self.assertIn(wecom, text)
        path = os.path.join(self.tmp, "plan.yaml")
        with open(path, "w", encoding="utf-8") as f:  # a-liu is reached through the robot
            f.write(text.replace(wecom, wecom + "\n    preferred_channel: wecom", 1))
        return path

    def notify_config(self):
        self.receiver = Receiver()
        return (self.mailbox.smtp_config() + "robots:\n  wecom-group: {kind: wecom, url: "
                f'"http://127.0.0.1:{self.receiver.port}/wecom?key=k"}}\n')

    def tearDown(self):
        self.release.set()
        self.receiver.stop()
        super().tearDown()

    def test_its_delivery_record_is_refused_by_the_fence_after_the_new_leader_sent_it(self):
        self.release = threading.Event()
        in_send = threading.Event()

        def hold_the_first(request):
            if not in_send.is_set():
                in_send.set()
                self.release.wait(60)
        self.receiver.on_request = hold_the_first
        a, b = self.node(), self.node()
        paused, (other,) = self.one_leader([a, b])
        iid = self.report(other)
        self.wait(in_send.is_set)  # the leader is inside its send to the robot
        paused.proc.send_signal(signal.SIGSTOP)
        self.wait(lambda: self.role(other) == "leader", timeout=30)

        def robot_message():
            ms = [m for m in self.messages(other, [iid]) if m["channel"] == "wecom"]
            return ms[0] if ms and ms[0]["state"] == "delivered" else None
        self.wait(robot_message)  # sent again, and recorded, by the new leader
        self.release.set()  # the paused node's send is answered: it reads that when it resumes
        paused.proc.send_signal(signal.SIGCONT)
        self.wait(lambda: "delivery attempts not recorded: another node holds the lease"
                  in paused.output())
        self.assertIn("is stale", paused.output())
        m = robot_message()
        self.assertEqual(m["attempts"], 1, "only the new leader's attempt is recorded")
        # What the documentation says: a node paused between sending and recording makes the
        # message go out twice, with the same idempotency key for the receiver.
        keys = [r["headers"].get("Idempotency-Key") for r in self.receiver.requests]
        self.assertEqual(keys, [m["id"], m["id"]])


if __name__ == "__main__":
    unittest.main()
