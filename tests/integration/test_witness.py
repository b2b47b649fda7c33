"""Evidence each party holds: the log's checkpoints, a witness of party B that cosigns only what
is consistent, and an auditor who holds the log to the checkpoints the witness kept. Signatures
and proofs are also checked by tlog_verifier.py, written from RFC 9162 and the C2SP texts."""
import base64
import os
import sqlite3
import time

import tlog_verifier as tv
from harness import PactumTestCase, Server, run

WITNESS = "party-b.test/witness"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class Witnesses(PactumTestCase):
    def setUp(self):
        super().setUp()
        run("user", "add", "admin-b", "--data", self.data, "--party", "B", "--contact", "b-wang",
            "--admin", env={"PACTUM_PASSWORD": "integration-password"})
        self.key = os.path.join(self.tmp, "witness.key")
        self.vkey = run("key", "generate", "--out", self.key, "--witness", WITNESS).stdout.strip()
        self.state = os.path.join(self.tmp, "witness-state")
        self.server = self.serve("--checkpoint-interval", "1")
        self.server.login("admin-b").post("/api/v1/log/witnesses", {"vkey": self.vkey}, expect=201)

    def report(self, n):
        tech = self.server.login("tech-a")
        for i in range(n):
            tech.post("/api/v1/incidents", self.report_body(phenomenon=f"事件{i}"), expect=201)

    def checkpoint_of_size(self, size, timeout=15):
        anonymous = self.server.anonymous()
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, _, text = anonymous.request("GET", "/checkpoint")
            if status == 200 and tv.parse_checkpoint(tv.parse_note(text)[0])[1] >= size:
                return text
            time.sleep(0.2)
        self.fail(f"no checkpoint of size {size} within {timeout} s")

    def head(self):
        return self.server.login("tech-a").get("/api/v1/audit")["seq"]

    def witness(self, check=True):
        return run("witness", "--server", f"http://127.0.0.1:{self.server.port}", "--key", self.key,
                   "--name", WITNESS, "--state", self.state, "--once", check=check)

    def test_a_witness_cosigns_and_an_independent_verifier_checks_everything(self):
        self.report(3)
        self.checkpoint_of_size(self.head())
        first = self.witness()
        self.assertIn("cosigned", first.stdout)
        self.report(4)
        self.checkpoint_of_size(self.head())
        second = self.witness()
        self.assertIn("grew from", second.stdout)

        anonymous = self.server.anonymous()
        keys = anonymous.get("/api/v1/log/keys")
        log_key, witness_key = tv.Vkey(keys["log"]), tv.Vkey(keys["witnesses"][0]["vkey"])
        self.assertEqual(keys["witnesses"][0]["party"], "B")
        served = anonymous.request("GET", "/checkpoint")[2]
        self.assertEqual(tv.verify_note(served, log_key), 0)
        self.assertGreater(tv.verify_note(served, witness_key), 1_700_000_000)
        origin, size, root = tv.parse_checkpoint(tv.parse_note(served)[0])
        self.assertEqual(origin, keys["origin"])

        events = self.server.login("tech-a").get(f"/api/v1/events?limit={size}")["events"]
        leaves = [tv.leaf_hash(bytes.fromhex(e["hash"])) for e in events]
        self.assertEqual(tv.mth(leaves), root, "the root is RFC 9162's over the events' hashes")
        for index in (0, size // 2, size - 1):
            proof = anonymous.get(f"/api/v1/log/proof/inclusion?index={index}&size={size}")["proof"]
            self.assertTrue(tv.verify_inclusion(leaves[index], index, size,
                                                [base64.b64decode(p) for p in proof], root))
        for old in (1, 4, size - 1):
            proof = anonymous.get(f"/api/v1/log/proof/consistency?old={old}&new={size}")["proof"]
            self.assertTrue(tv.verify_consistency(old, size, tv.mth(leaves[:old]), root,
                                                  [base64.b64decode(p) for p in proof]))
        self.assertGreater(tv.verify_note(read(os.path.join(self.state, "checkpoint")), witness_key), 0)

    def test_tampering_is_caught_against_the_checkpoint_the_witness_kept(self):
        self.report(5)
        self.checkpoint_of_size(self.head())
        self.witness()
        kept = os.path.join(self.state, "checkpoint")
        log_vkey = self.server.anonymous().get("/api/v1/log/keys")["log"]
        self.server.stop()
        ok = run("audit", "verify", "--data", self.data, "--checkpoint", kept, "--key", self.vkey,
                 "--key", log_vkey)
        self.assertIn("extends checkpoint", ok.stdout)
        self.assertIn(f"signed by {WITNESS}, {log_vkey.split('+')[0]}", ok.stdout)

        # Cut the tail: the chain that is left is intact, but the witness's checkpoint is not.
        db = sqlite3.connect(os.path.join(self.data, "pactum.db"))
        db.execute("DROP TRIGGER events_append_only_delete")
        last = db.execute("SELECT MAX(seq) FROM events").fetchone()[0]
        db.execute("DELETE FROM events WHERE seq > ?", (last - 2,))
        db.commit()
        db.close()
        self.assertEqual(run("audit", "verify", "--data", self.data).returncode, 0,
                         "a cut chain still verifies on its own")
        cut = run("audit", "verify", "--data", self.data, "--checkpoint", kept, check=False)
        self.assertEqual(cut.returncode, 1)
        self.assertIn(f"events {last - 1} to {last} are missing from the log", cut.stderr)
        with self.assertRaises(AssertionError) as refused:  # serve holds itself to its checkpoint
            Server(self.data).start()
        self.assertIn("have been removed", str(refused.exception))

    def test_a_log_rebuilt_with_other_content_diverges_from_the_checkpoint(self):
        self.report(4)
        self.checkpoint_of_size(self.head())
        self.witness()
        kept = os.path.join(self.state, "checkpoint")
        self.server.stop()
        # Another data directory with the same number of events, other content: a rewritten log
        # whose chain verifies on its own.
        other = os.path.join(self.tmp, "other")
        run("init", "--data", other, "--plan", self.plan)
        run("user", "add", "x", "--data", other, "--party", "A", "--contact", "a-li",
            env={"PACTUM_PASSWORD": "integration-password"})
        server = Server(other).start()
        client = server.login("x")
        size = tv.parse_checkpoint(tv.parse_note(read(kept))[0])[1]
        while client.get("/api/v1/audit")["seq"] < size:
            client.post("/api/v1/incidents", self.report_body(phenomenon="另一个"), expect=201)
        server.stop()
        p = run("audit", "verify", "--data", other, "--checkpoint", kept, check=False)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("diverges from it at or before event", p.stderr)

    def test_the_witness_raises_the_alarm_on_a_rollback_and_cosigns_nothing(self):
        self.report(4)
        self.checkpoint_of_size(self.head())
        self.witness()
        self.server.stop()
        # The operator hides the tail from everyone: events, checkpoints and the verified head.
        db = sqlite3.connect(os.path.join(self.data, "pactum.db"))
        for t in ("events_append_only_delete", "checkpoints_append_only_delete"):
            db.execute(f"DROP TRIGGER {t}")
        last = db.execute("SELECT MAX(seq) FROM events").fetchone()[0]
        db.execute("DELETE FROM events WHERE seq > ?", (last - 3,))
        db.execute("DELETE FROM cosignatures")
        db.execute("DELETE FROM checkpoints")
        db.execute("DELETE FROM verified_head")
        db.commit()
        db.close()
        self.server = self.serve("--checkpoint-interval", "1")
        self.checkpoint_of_size(last - 3)
        before = read(os.path.join(self.state, "checkpoint"))
        alarm = self.witness(check=False)
        self.assertEqual(alarm.returncode, 3, alarm.stdout + alarm.stderr)
        self.assertIn("ALARM: rollback", alarm.stderr)
        self.assertEqual(read(os.path.join(self.state, "checkpoint")), before,
                         "the witness keeps what it cosigned")
        status, _, served = self.server.anonymous().request("GET", "/checkpoint")
        self.assertNotIn(WITNESS, served, "nothing was cosigned")

    def test_forged_cosignatures_and_strangers_are_refused(self):
        served = self.checkpoint_of_size(1)
        anonymous = self.server.anonymous()
        status, _, text = anonymous.request("POST", "/api/v1/log/cosignatures", {"checkpoint": served})
        self.assertEqual(status, 400, text)
        self.assertIn("no cosignature by a registered witness", text)
        status, _, _ = anonymous.request("POST", "/api/v1/log/witnesses", {"vkey": self.vkey})
        self.assertEqual(status, 401)
        leader = self.server.login("leader-b")  # not an administrator
        status, _, _ = leader.request("POST", "/api/v1/log/witnesses", {"vkey": self.vkey})
        self.assertEqual(status, 403)


if __name__ == "__main__":
    import unittest
    unittest.main()
