"""The emergency fund over HTTP (F1–F4), with real users of both parties: deposits on the
ledger, the floor and its shortfall, a disbursement through three approvals, the finance lead's
review and its payment, a reconciliation whose difference is flagged until adjusted, and every
refusal of the issue's bad-input rules answered 4xx naming the field or the rule with nothing
written to the log's `fund` stream."""
import base64
import os
import sqlite3
import time
import unittest

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from harness import PASSWORD, ApiError, PactumTestCase, run

FLOOR = 100_000_000  # 5 % of the example agreement's CNY 20,000,000.00, in fen


def iso(seconds_ago):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - seconds_ago))


class FundTest(PactumTestCase):
    def setUp(self):
        super().setUp()
        self.server = self.serve()
        self.zhang = self.server.login("admin")      # a-zhang, leader of A
        self.li = self.server.login("tech-a")        # a-li, technical lead of A
        self.finance = self.server.login("finance-a")  # a-wang, finance lead of A
        self.wang_b = self.server.login("leader-b")  # b-wang, leader of B
        self.zhou_b = self.server.login("tech-b")    # b-zhou, technical lead of B

    def fund_events(self):
        db = sqlite3.connect(f"file:{os.path.join(self.data, 'pactum.db')}?mode=ro", uri=True)
        try:
            return db.execute("SELECT count(*) FROM events WHERE stream = 'fund'").fetchone()[0]
        finally:
            db.close()

    def deposit(self, amount, reference, **overrides):
        body = {"kind": "deposit", "amount": amount, "occurred_at": iso(3600),
                "counterparty": "Party A", "purpose": "the emergency reserve", "reference": reference}
        body.update(overrides)
        return body

    def refused(self, client, path, body, status, field=None):
        before = self.fund_events()
        with self.assertRaises(ApiError) as e:
            client.post(path, body)
        self.assertEqual(e.exception.status, status, e.exception.body)
        if field is not None:
            self.assertIn(f'"field":"{field}"', e.exception.body.replace(" ", ""))
        self.assertEqual(self.fund_events(), before, "a refusal wrote to the log")
        return e.exception.body

    def request(self, amount=5_000_000, purpose="L3 safety rectification"):
        return self.zhou_b.post("/api/v1/fund/disbursements", {"amount": amount, "purpose": purpose},
                                expect=201)

    def approve(self, client, rid):
        return client.post(f"/api/v1/fund/disbursements/{rid}/approve")

    def test_F1_below_the_floor_the_shortfall_shows_and_a_deposit_closes_it(self):
        fund = self.zhou_b.get("/api/v1/fund")
        self.assertEqual(fund, {"balance": 0, "floor": FLOOR, "shortfall": FLOOR, "currency": "CNY",
                                "reconciliation_gap": 0, "last_reconciliation": None})
        self.finance.post("/api/v1/fund/movements", self.deposit(FLOOR - 1, "BK-1"), expect=201)
        self.assertEqual(self.zhou_b.get("/api/v1/fund")["shortfall"], 1)
        self.finance.post("/api/v1/fund/movements", self.deposit(1, "BK-2"), expect=201)
        self.assertEqual(self.zhou_b.get("/api/v1/fund")["shortfall"], 0)
        movements = self.wang_b.get("/api/v1/fund/movements")["movements"]
        self.assertEqual([(m["kind"], m["amount"], m["by"]) for m in movements],
                         [("deposit", FLOOR - 1, "a-wang"), ("deposit", 1, "a-wang")])

    def f1_duty(self, client, subject):
        duties = [d for d in client.get("/api/v1/programme")["duties"]
                  if d["rule"] == "F1" and d["subject"] == subject]
        self.assertEqual(len(duties), 1, duties)
        return duties[0]

    def feed_uids(self, client):
        url = client.get("/api/v1/me/calendar")["url"]
        status, _, text = self.server.anonymous().request("GET", url[url.index("/api/v1/calendar/"):])
        self.assertEqual(status, 200, text)
        return [line[4:] for line in text.splitlines() if line.startswith("UID:")]

    def test_F1_a_payment_below_the_floor_owes_the_finance_lead_a_top_up_met_by_the_deposit(self):
        self.finance.post("/api/v1/fund/movements", self.deposit(FLOOR, "BK-1"), expect=201)
        rid = self.request()["id"]
        for c in (self.zhang, self.wang_b, self.li):
            self.approve(c, rid)
        self.finance.post(f"/api/v1/fund/disbursements/{rid}/review", {"decision": "approve"})
        r = self.finance.post(f"/api/v1/fund/disbursements/{rid}/pay",
                              {"occurred_at": self.zhou_b.get(f"/api/v1/fund/disbursements")
                               ["disbursements"][0]["requested_at"], "reference": "BK-OUT-1"})
        self.assertEqual(r["status"], "paid")
        # The payment took the fund below its floor: the finance lead owes a top-up in 30 days.
        duty = self.f1_duty(self.wang_b, "BK-OUT-1")
        self.assertEqual((duty["state"], duty["owner_role"], duty["owner_party"]),
                         ("open", "finance_lead", "any"))
        self.assertEqual(duty["starts"][:19], r["paid"]["occurred_at"][:19])
        uid = f"F1.{duty['period']}.BK-OUT-1@"
        self.assertTrue(any(u.startswith(uid) for u in self.feed_uids(self.finance)),
                        "the finance lead's calendar feed has the top-up")
        # Deposits after the payment (an hour later on the server's clock) lift it to the floor.
        now = self.zhang.post("/api/v1/dev/clock", {"advance": "1h"})["now"]
        self.finance.post("/api/v1/fund/movements",
                          self.deposit(4_999_999, "BK-2", occurred_at=now), expect=201)
        self.assertEqual(self.f1_duty(self.wang_b, "BK-OUT-1")["state"], "open")
        self.finance.post("/api/v1/fund/movements", self.deposit(1, "BK-3", occurred_at=now), expect=201)
        duty = self.f1_duty(self.wang_b, "BK-OUT-1")
        self.assertEqual((duty["state"], duty["met_by"]), ("met", ["BK-3"]))
        self.assertFalse(any(u.startswith(uid) for u in self.feed_uids(self.finance)))

    def test_F4_three_approvals_the_finance_review_then_paid(self):
        self.finance.post("/api/v1/fund/movements", self.deposit(FLOOR, "BK-1"), expect=201)
        r = self.request()
        rid = r["id"]
        self.assertEqual((rid, r["status"], r["approvals"], r["currency"]), ("FD-0001", "requested", [], "CNY"))
        # Paid when requested: a time the server's clock has passed, at or after the request.
        pay = {"occurred_at": r["requested_at"], "reference": "BK-OUT-1"}
        self.refused(self.finance, f"/api/v1/fund/disbursements/{rid}/pay", pay, 409)
        self.approve(self.zhang, rid)
        self.approve(self.wang_b, rid)
        self.refused(self.finance, f"/api/v1/fund/disbursements/{rid}/review", {"decision": "approve"}, 409)
        r = self.approve(self.li, rid)
        self.assertEqual((r["status"], r["approvals"]), ("approved", ["a-zhang", "b-wang", "a-li"]))
        self.refused(self.finance, f"/api/v1/fund/disbursements/{rid}/pay", pay, 409)
        r = self.finance.post(f"/api/v1/fund/disbursements/{rid}/review", {"decision": "approve", "reason": "quotes checked"})
        self.assertEqual((r["status"], r["review"]["by"]), ("reviewed", "a-wang"))
        r = self.finance.post(f"/api/v1/fund/disbursements/{rid}/pay", pay)
        self.assertEqual((r["status"], r["paid"]["reference"]), ("paid", "BK-OUT-1"))
        self.assertEqual(self.zhou_b.get("/api/v1/fund")["balance"], FLOOR - 5_000_000)
        self.refused(self.finance, f"/api/v1/fund/disbursements/{rid}/pay", pay, 409)
        # The log holds each step; after a restart the fund is the same, and the chain verifies.
        self.server.stop()
        self.assertEqual(run("audit", "verify", "--data", self.data).returncode, 0)
        self.server = self.serve()
        reader = self.server.login("tech-b")
        self.assertEqual(reader.get("/api/v1/fund")["balance"], FLOOR - 5_000_000)
        self.assertEqual(reader.get("/api/v1/fund/disbursements")["disbursements"][0]["status"], "paid")

    def test_F4_bad_amounts_and_currencies_are_refused_and_nothing_is_written(self):
        path = "/api/v1/fund/disbursements"
        for amount in (0, -1, 10**15 + 1, 10**20, 1.5, "100"):
            with self.subTest(amount=amount):
                self.refused(self.zhou_b, path, {"amount": amount, "purpose": "x"}, 400, "amount")
        self.refused(self.zhou_b, path, {"amount": 1, "purpose": "x", "currency": "USD"}, 400, "currency")
        self.refused(self.zhou_b, path, {"amount": 1, "purpose": ""}, 400, "purpose")
        movements = "/api/v1/fund/movements"
        for amount in (0, -1, 10**15 + 1):
            with self.subTest(deposit=amount):
                self.refused(self.finance, movements, self.deposit(amount, "BK-X"), 400, "amount")
        self.refused(self.finance, movements, self.deposit(5, "BK-X", currency="EUR"), 400, "currency")
        self.refused(self.finance, movements, self.deposit(5, "BK-X", kind="disbursement"), 400, "kind")
        self.refused(self.finance, movements, self.deposit(-5, "BK-X", kind="adjustment"), 400, "amount")
        for when in ("2099-01-01T00:00:00Z", "2025-12-31T15:59:59Z", "yesterday", ""):
            with self.subTest(occurred_at=when):  # in the future, before the agreement, not RFC 3339
                for kind in ("deposit", "adjustment"):
                    self.refused(self.finance, movements,
                                 self.deposit(5, "BK-X", kind=kind, occurred_at=when), 400, "occurred_at")
        self.refused(self.zhang, movements, self.deposit(5, "BK-X"), 403)  # not the finance lead
        self.finance.post(movements, self.deposit(5, "BK-X"), expect=201)
        self.refused(self.finance, movements, self.deposit(5, "BK-X"), 409)  # the same bank reference
        self.refused(self.finance, "/api/v1/fund/reconciliations",
                     {"statement_balance": -1, "statement_date": "2026-06-30"}, 400, "statement_balance")
        self.refused(self.finance, "/api/v1/fund/reconciliations",
                     {"statement_balance": 1, "statement_date": "30/06/2026"}, 400, "statement_date")

    def register_key(self, client):
        """A signer's Ed25519 key, made as a signer's own tool would and registered; (private, key id)."""
        private = Ed25519PrivateKey.generate()
        public = base64.b64encode(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()
        key_id = client.post("/api/v1/me/keys", {"public_key": public, "password": PASSWORD},
                             expect=201)["key_id"]
        return private, key_id

    @staticmethod
    def signed(private, key_id, statement):
        return {"key_id": key_id, "signature": base64.b64encode(private.sign(statement)).decode()}

    def test_F4_an_approver_with_a_signing_key_signs_the_requests_statement(self):
        self.finance.post("/api/v1/fund/movements", self.deposit(FLOOR, "BK-1"), expect=201)
        r = self.request()
        rid = r["id"]
        status, headers, text = self.zhou_b.request("GET", f"/api/v1/fund/disbursements/{rid}/statement")
        self.assertEqual(status, 200, text)
        self.assertTrue(headers["Content-Type"].startswith("text/plain"))
        lines = text.split("\n")
        self.assertEqual(lines[0], "pactum disbursement approval v1")
        self.assertTrue(lines[1].startswith("plan "))
        self.assertEqual(lines[2:], [f"disbursement {rid}", "amount 5000000 CNY",
                                     "purpose L3 safety rectification", "incident -",
                                     f"requested-at {r['requested_at']}", ""])
        statement = text.encode()
        path = f"/api/v1/fund/disbursements/{rid}/approve"
        # The parties' leaders are the plan's signers: each registers a key.
        zhang_key, zhang_id = self.register_key(self.zhang)
        wang_key, wang_id = self.register_key(self.wang_b)
        body = self.refused(self.zhang, path, {}, 422, "signature")
        self.assertIn(zhang_id, body)
        self.refused(self.zhang, path, self.signed(wang_key, wang_id, statement), 403, "key_id")
        self.refused(self.zhang, path, self.signed(zhang_key, zhang_id, statement + b" "), 400, "signature")
        self.refused(self.zhang, path, {"key_id": "k0000000000000000", "signature": "AAAA"}, 404, "key_id")
        self.refused(self.zhang, path, {"key_id": zhang_id}, 400, "signature")
        r = self.zhang.post(path, self.signed(zhang_key, zhang_id, statement))
        self.assertEqual(r["approval_signatures"][0]["by"], "a-zhang")
        self.assertEqual((r["approval_signatures"][0]["signed"], r["approval_signatures"][0]["key_id"]),
                         (True, zhang_id))
        # A revoked key signs nothing; without a key left, b-wang approves unsigned.
        self.wang_b.call("DELETE", f"/api/v1/keys/{wang_id}")
        self.refused(self.wang_b, path, self.signed(wang_key, wang_id, statement), 422, "key_id")
        self.approve(self.wang_b, rid)
        r = self.approve(self.li, rid)  # the technical lead is no signer and has no key
        self.assertEqual([(a["by"], a["signed"]) for a in r["approval_signatures"]],
                         [("a-zhang", True), ("b-wang", False), ("a-li", False)])
        self.assertEqual(r["status"], "approved")
        # The log keeps the signature; it verifies offline over the statement with the key.
        signature = base64.b64decode(r["approval_signatures"][0]["signature"])
        zhang_key.public_key().verify(signature, statement)
        self.server.stop()
        self.server = self.serve()
        after = self.server.login("tech-b").get("/api/v1/fund/disbursements")["disbursements"][0]
        self.assertEqual(after["approval_signatures"], r["approval_signatures"])

    def test_F4_the_same_person_twice_an_approver_reviewing_and_a_rejection(self):
        self.finance.post("/api/v1/fund/movements", self.deposit(FLOOR, "BK-1"), expect=201)
        rid = self.request()["id"]
        self.approve(self.zhang, rid)
        self.refused(self.zhang, f"/api/v1/fund/disbursements/{rid}/approve", {}, 409)
        self.approve(self.wang_b, rid)
        self.approve(self.finance, rid)  # the finance lead approves: then may not review
        body = self.refused(self.finance, f"/api/v1/fund/disbursements/{rid}/review", {"decision": "approve"}, 403)
        self.assertIn("approvers", body)
        self.refused(self.li, f"/api/v1/fund/disbursements/{rid}/review", {"decision": "approve"}, 403)
        self.refused(self.zhang, "/api/v1/fund/disbursements/FD-0099/approve", {}, 404)
        # A rejection needs its reason, and ends the request.
        other = self.request(amount=7)["id"]
        for c in (self.zhang, self.wang_b, self.li):
            self.approve(c, other)
        self.refused(self.finance, f"/api/v1/fund/disbursements/{other}/review", {"decision": "reject"}, 400, "reason")
        r = self.finance.post(f"/api/v1/fund/disbursements/{other}/review", {"decision": "reject", "reason": "no quotes"})
        self.assertEqual((r["status"], r["review"]["reason"]), ("rejected", "no quotes"))
        self.refused(self.finance, f"/api/v1/fund/disbursements/{other}/pay",
                     {"occurred_at": iso(0), "reference": "BK-OUT"}, 409)

    def test_F4_after_expiry_no_review_and_no_payment(self):
        self.finance.post("/api/v1/fund/movements", self.deposit(FLOOR, "BK-1"), expect=201)
        unreviewed = self.request()["id"]
        reviewed = self.request()["id"]
        for rid in (unreviewed, reviewed):
            for c in (self.zhang, self.wang_b, self.li):
                self.approve(c, rid)
        self.finance.post(f"/api/v1/fund/disbursements/{reviewed}/review", {"decision": "approve"})
        self.zhang.post("/api/v1/dev/clock", {"advance": "744h"})  # 31 days; the plan's expires: 30d
        self.finance = self.server.login("finance-a")  # sessions last 12 hours
        self.zhang = self.server.login("admin")
        self.refused(self.finance, f"/api/v1/fund/disbursements/{unreviewed}/review", {"decision": "approve"}, 409)
        body = self.refused(self.finance, f"/api/v1/fund/disbursements/{reviewed}/pay",
                            {"occurred_at": iso(0), "reference": "BK-OUT"}, 409)
        self.assertIn("expired", body)
        statuses = {d["id"]: d["status"] for d in self.zhang.get("/api/v1/fund/disbursements")["disbursements"]}
        self.assertEqual(statuses, {unreviewed: "expired", reviewed: "expired"})

    def test_F3_a_difference_is_flagged_until_adjusted_with_a_reason(self):
        self.finance.post("/api/v1/fund/movements", self.deposit(FLOOR, "BK-1"), expect=201)
        rec = self.finance.post("/api/v1/fund/reconciliations",
                                {"statement_balance": FLOOR - 300, "statement_date": "2026-06-30"}, expect=201)
        self.assertEqual((rec["ledger_balance"], rec["difference"]), (FLOOR, -300))
        self.assertEqual(self.zhang.get("/api/v1/fund")["reconciliation_gap"], -300)
        self.refused(self.finance, "/api/v1/fund/movements",
                     self.deposit(-300, "BK-FEE", kind="adjustment", purpose=""), 400, "purpose")
        self.finance.post("/api/v1/fund/movements",
                          self.deposit(-300, "BK-FEE", kind="adjustment", purpose="bank fees, first half"), expect=201)
        fund = self.zhang.get("/api/v1/fund")
        self.assertEqual((fund["balance"], fund["reconciliation_gap"]), (FLOOR - 300, 0))
        self.assertEqual((fund["last_reconciliation"]["id"], fund["last_reconciliation"]["settled"]),
                         ("RC-0001", True))

    def f3_duty(self, period):
        duties = [d for d in self.zhang.get("/api/v1/programme?year=2026")["duties"]
                  if d["rule"] == "F3" and d["period"] == period]
        self.assertEqual(len(duties), 1, duties)
        return duties[0]

    def test_F3_the_half_years_duty_is_met_once_the_reconciliation_is_settled(self):
        self.finance.post("/api/v1/fund/movements", self.deposit(FLOOR, "BK-1"), expect=201)
        duty = self.f3_duty("2026-H1")
        self.assertEqual((duty["owner_role"], duty["met_by"]), ("finance_lead", []))
        rec = self.finance.post("/api/v1/fund/reconciliations",
                                {"statement_balance": FLOOR + 50, "statement_date": "2026-06-30"}, expect=201)
        self.assertEqual((rec["id"], rec["settled"]), ("RC-0001", False))
        self.assertEqual(self.f3_duty("2026-H1")["met_by"], [], "a flagged difference keeps it open")
        self.finance.post("/api/v1/fund/movements",
                          self.deposit(50, "BK-INT", kind="adjustment", purpose="interest, first half"),
                          expect=201)
        duty = self.f3_duty("2026-H1")
        self.assertEqual((duty["state"], duty["met_by"]), ("met", ["RC-0001"]))
        # A statement dated in the future or before the agreement is refused, nothing written.
        for day in ("2099-06-30", "2025-12-31"):
            self.refused(self.finance, "/api/v1/fund/reconciliations",
                         {"statement_balance": 1, "statement_date": day}, 400, "statement_date")


if __name__ == "__main__":
    unittest.main()
