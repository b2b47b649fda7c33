"""The plan signed by both parties (G1, G3, G4) through the real server: each party's leader
makes a key with `pactum key generate`, registers it with their password again, and signs with
Python's own Ed25519 (Debian's python3-cryptography), as a signer's tool would; version 2,
proposed by party A, is in force only once both parties have signed it, and a forged signature
is refused. Reporting outside the agreement's term is refused (G4)."""
import base64
import os
import re
import time
from datetime import datetime, timedelta, timezone

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from harness import (TEST_PLAN, TEST_PLAN_ENDS, PASSWORD, ApiError, PactumTestCase,
                     advance_dev_clock_to, run)


class Signing(PactumTestCase):
    def key(self, name):
        """A seed file made by `pactum key generate`; returns (private key, base64 public key)."""
        path = os.path.join(self.tmp, name + ".key")
        public = run("key", "generate", "--out", path).stdout.strip()
        with open(path) as f:
            private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(f.read().strip()))
        raw = base64.b64decode(public)
        self.assertEqual(len(raw), 32)
        self.assertEqual(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw), raw)
        return private, public

    def statement(self, client, version):
        status, headers, text = client.request("GET", f"/api/v1/plan/versions/{version}/statement")
        self.assertEqual(status, 200, text)
        self.assertTrue(headers["Content-Type"].startswith("text/plain"))
        return text.encode()

    @staticmethod
    def sign(private, statement):
        return base64.b64encode(private.sign(statement)).decode()

    def test_G1_version_2_is_in_force_once_both_parties_have_signed_it(self):
        server = self.serve()
        a, b = server.login("admin"), server.login("leader-b")
        a_private, a_public = self.key("a")
        b_private, b_public = self.key("b")

        with self.assertRaises(ApiError) as wrong:
            a.post("/api/v1/me/keys", {"public_key": a_public, "password": "not-the-password"})
        self.assertEqual(wrong.exception.status, 403)
        self.assertIn("password", wrong.exception.body)
        tech = server.login("tech-a")
        _, t_public = self.key("t")
        with self.assertRaises(ApiError) as not_signer:
            tech.post("/api/v1/me/keys", {"public_key": t_public, "password": PASSWORD})
        self.assertEqual(not_signer.exception.status, 403)
        self.assertIn("governance.signers", not_signer.exception.body)

        a_key = a.post("/api/v1/me/keys", {"public_key": a_public, "password": PASSWORD},
                       expect=201)["key_id"]
        b_key = b.post("/api/v1/me/keys", {"public_key": b_public, "password": PASSWORD},
                       expect=201)["key_id"]
        keys = {k["key_id"]: k for k in b.get("/api/v1/keys")["keys"]}
        self.assertEqual(keys[a_key]["party"], "A")
        self.assertEqual(keys[b_key]["public_key"], b_public)

        v1 = a.get("/api/v1/plan/versions/1")
        self.assertEqual(v1["state"], "in_force")
        self.assertFalse(v1["signed_by_all"], "put in force by pactum init: not yet signed")

        with open(TEST_PLAN, encoding="utf-8") as f:
            yaml = f.read().replace("version: 1", "version: 2", 1)
        with self.assertRaises(ApiError) as undescribed:
            a.post("/api/v1/plan", {"yaml": yaml, "description": " "})
        self.assertEqual(undescribed.exception.status, 400)
        self.assertIn("description", undescribed.exception.body)
        proposed = a.post("/api/v1/plan", {"yaml": yaml, "description": "第2版：年度复核，条款不变"},
                          expect=201)
        self.assertEqual(proposed["state"], "proposed")
        self.assertEqual(a.get("/api/v1/plan")["version"], 1, "proposed, not in force")

        statement = self.statement(b, 2)
        self.assertTrue(statement.startswith(b"pactum plan statement v1\nplan coop-emergency-plan\n"
                                             b"version 2\n"))
        # A forged signature (B's key over A's name) and a signature over other bytes are refused,
        # and nothing is recorded.
        for forged in (self.sign(b_private, statement), self.sign(a_private, statement + b" ")):
            with self.assertRaises(ApiError) as refused:
                a.post("/api/v1/plan/versions/2/signatures", {"key_id": a_key, "signature": forged})
            self.assertEqual(refused.exception.status, 400)
            self.assertIn('"signature"', refused.exception.body)
        self.assertEqual(a.get("/api/v1/plan/versions/2")["signatures"], [])
        # Someone else's key is not theirs to use.
        with self.assertRaises(ApiError) as not_theirs:
            b.post("/api/v1/plan/versions/2/signatures",
                   {"key_id": a_key, "signature": self.sign(a_private, statement)})
        self.assertEqual(not_theirs.exception.status, 403)

        signed = a.post("/api/v1/plan/versions/2/signatures",
                        {"key_id": a_key, "signature": self.sign(a_private, statement)}, expect=201)
        self.assertEqual(signed["state"], "proposed")
        with self.assertRaises(ApiError) as twice:
            a.post("/api/v1/plan/versions/2/signatures",
                   {"key_id": a_key, "signature": self.sign(a_private, statement)})
        self.assertEqual(twice.exception.status, 409)
        self.assertEqual(a.get("/api/v1/plan")["version"], 1, "one party's signature is not enough")

        signed = b.post("/api/v1/plan/versions/2/signatures",
                        {"key_id": b_key, "signature": self.sign(b_private, statement)}, expect=201)
        self.assertEqual(signed["state"], "in_force")
        self.assertTrue(signed["signed_by_all"])
        self.assertEqual(a.get("/api/v1/plan")["version"], 2)
        self.assertEqual(a.get("/api/v1/plan/versions/1")["state"], "superseded")

        # Anyone verifies every signature offline with the statement and the public keys.
        keys = {k["key_id"]: k for k in b.get("/api/v1/keys")["keys"]}
        for s in signed["signatures"]:
            public = Ed25519PublicKey.from_public_bytes(base64.b64decode(keys[s["key_id"]]["public_key"]))
            public.verify(base64.b64decode(s["signature"]), statement)  # raises if invalid
        self.assertEqual({s["party"] for s in signed["signatures"]}, {"A", "B"})

        # A revoked key signs no more; the log has every step, and the chain holds.
        a.call("DELETE", f"/api/v1/keys/{a_key}", expect=200)
        self.assertIsNotNone({k["key_id"]: k for k in a.get("/api/v1/keys")["keys"]}[a_key]["revoked_at"])
        self.assertTrue(a.post("/api/v1/audit/verify")["intact"])

    def test_G3_a_major_change_is_signed_only_after_a_joint_meeting_on_it(self):
        server = self.serve()
        a, b = server.login("admin"), server.login("leader-b")
        a_private, a_public = self.key("a")
        b_private, b_public = self.key("b")
        a_key = a.post("/api/v1/me/keys", {"public_key": a_public, "password": PASSWORD},
                       expect=201)["key_id"]
        b_key = b.post("/api/v1/me/keys", {"public_key": b_public, "password": PASSWORD},
                       expect=201)["key_id"]
        with open(TEST_PLAN, encoding="utf-8") as f:
            yaml = f.read().replace("version: 1", "version: 2", 1)
        yaml, n = re.subn(r"reserve: 5%", "reserve: 6%", yaml)
        self.assertEqual(n, 1, "the example plan's fund reserve moved")
        a.post("/api/v1/plan", {"yaml": yaml, "description": "应急资金比例提高到6%"}, expect=201)
        statement = self.statement(a, 2)
        with self.assertRaises(ApiError) as refused:
            a.post("/api/v1/plan/versions/2/signatures",
                   {"key_id": a_key, "signature": self.sign(a_private, statement)})
        self.assertEqual(refused.exception.status, 422)
        self.assertIn("joint meeting", refused.exception.body)

        # Minutes of a meeting after the proposal with only party A do not count; with both do.
        time.sleep(1.2)
        held = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        a.post("/api/v1/meetings", {"meeting": "quarterly", "held_at": held,
                                    "participants": ["a-zhang", "a-li"],
                                    "decisions": ["内部讨论"]}, expect=201)
        with self.assertRaises(ApiError):
            a.post("/api/v1/plan/versions/2/signatures",
                   {"key_id": a_key, "signature": self.sign(a_private, statement)})
        a.post("/api/v1/meetings", {"meeting": "quarterly", "held_at": held,
                                    "participants": ["a-zhang", "b-wang"],
                                    "decisions": ["双方同意应急资金比例提高到6%"]}, expect=201)
        a.post("/api/v1/plan/versions/2/signatures",
               {"key_id": a_key, "signature": self.sign(a_private, statement)}, expect=201)
        signed = b.post("/api/v1/plan/versions/2/signatures",
                        {"key_id": b_key, "signature": self.sign(b_private, statement)}, expect=201)
        self.assertEqual(signed["state"], "in_force")
        self.assertEqual(a.get("/api/v1/plan")["plan"]["fund"]["reserve"], "6%")

    def test_G4_no_incident_is_reported_after_the_agreement_ended(self):
        # The test plan's agreement ends on TEST_PLAN_ENDS (Asia/Shanghai): the dev clock goes
        # past it.
        server = self.serve()
        now = advance_past_the_end(server)
        tech = server.login("tech-a")
        with self.assertRaises(ApiError) as refused:
            tech.post("/api/v1/incidents", self.report_body(discovered_at=now))
        self.assertEqual(refused.exception.status, 422)
        self.assertIn(f"the agreement ended on {TEST_PLAN_ENDS}", refused.exception.body)


def advance_past_the_end(server):
    """Moves the dev clock to noon (Shanghai) on the day after the test plan's agreement ends."""
    last_day = datetime.fromisoformat(TEST_PLAN_ENDS).replace(tzinfo=timezone.utc)
    return advance_dev_clock_to(server, last_day + timedelta(days=1, hours=4))["now"]
