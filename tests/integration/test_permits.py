"""C3: the incident detail's "permissions" agree with what the API enforces (issue 19 §1).

For every user of the example plan and every act on an incident — the incident's own acts, each
step's completion and waiver, each third party and each follow-up action — the detail is read as
that user, then the act's command is sent: where the detail said "may not", the command is refused
with the very code and reason it gave; where it said "may", it is not refused for who sends it or
for the incident's state. The bodies are otherwise wrong where the command has fields to check, so
an allowed command records nothing (sync, approve and close have none: they are sent last)."""
import json
import time
import unittest

from harness import USERS, PactumTestCase

STATUS = {"invalid_argument": 400, "permission_denied": 403, "not_found": 404,
          "failed_precondition": 422, "conflict": 409}
# The reasons refusal() gives: an allowed command never meets one of these.
GATE = ("incident.", "review.", "step.done", "step.not_found", "step.owned", "step.no_quotes",
        "third_party.", "action.", "close.", "permission.")


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))


class PermitsTest(PactumTestCase):
    def setUp(self):
        super().setUp()
        self.server = self.serve()
        self.clients = {u: self.server.login(u) for u, *_ in USERS}
        tech = self.clients["tech-a"]
        self.id = tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        self.base = f"/api/v1/incidents/{self.id}"
        self.clients["comms-a"].post(f"{self.base}/sync", {"note": "已同步"}, expect=200)
        self.clients["admin"].post(f"{self.base}/assess", {"impact": "moderate", "urgency": "normal"},
                                   expect=200)
        plan = tech.get("/api/v1/plan")["plan"]
        # S3: a quotes step is completed by choosing one of its quotes.
        self.quotes_steps = {s["id"] for level in plan["levels"] for s in level["steps"] if s["rule"] == "S3"}

    def commands(self, detail):
        """(where in "permissions", path, body) for every act, those without fields to check last."""
        p = detail["permissions"]
        out = [
            (("acts", "assess"), "assess", {"impact": "moderate", "urgency": "normal"}),
            (("acts", "change_level"), "level", {"level": detail["level"], "reason": "同级"}),
            (("acts", "note"), "notes", {"text": " "}),
            (("acts", "resolve"), "resolve", {"summary": " "}),
            (("acts", "cancel"), "cancel", {"reason": " "}),
            (("acts", "submit_review"), "review", {
                "occurred_at": now(), "location": " ", "responsible": "运维", "direct_cause": "磁盘",
                "indirect_cause": "巡检", "avoidability": "partly", "actions": []}),
            (("acts", "send_external"), "external-messages", {
                "template": "no-such-template", "language": "zh-CN", "subject": "s", "body": "b",
                "delivery": "download"}),
        ]
        for step in detail["steps"]:
            sid = step["id"]
            if sid in self.quotes_steps:
                out.append((("steps", sid, "complete"), f"steps/{sid}/quotes/choose",
                            {"supplier": "nobody", "reason": "最低价"}))
            else:
                out.append((("steps", sid, "complete"), f"steps/{sid}/complete", {"evidence": []}))
            out.append((("steps", sid, "waive"), f"steps/{sid}/waive", {"reason": " "}))
        for x in p["third_parties"]:
            out.append((("third_parties", x), f"third-parties/{x}/engage", {"evidence": []}))
        for a in p["follow_up_actions"]:
            out.append((("follow_up_actions", a), f"actions/{a}/complete", {"evidence": []}))
        out += [
            (("acts", "sync"), "sync", {"note": "再次同步"}),
            (("acts", "approve_review"), "review/approve", {}),
            (("acts", "close"), "close", {}),
        ]
        return out

    def check_everyone(self):
        checked = {"may": 0, "may_not": 0, "403": 0}
        for user, *_ in USERS:
            client = self.clients[user]
            for where, path, body in self.commands(client.get(self.base)):
                # The detail as this user sees it right before the command (an allowed sync,
                # approval or close changes the incident).
                permit = client.get(self.base)["permissions"]
                for key in where:
                    permit = permit[key]
                status, _, text = client.request("POST", f"{self.base}/{path}", body)
                error = (json.loads(text).get("error") or {}) if status >= 400 else {}
                what = f"{user} {'/'.join(where)} → {status} {text[:200]}"
                if permit["may"]:
                    checked["may"] += 1
                    self.assertNotEqual(status, 403, what)
                    self.assertFalse(error.get("reason", "").startswith(GATE), what)
                else:
                    checked["may_not"] += 1
                    checked["403"] += status == 403
                    self.assertEqual(status, STATUS[permit["code"]], what)
                    self.assertEqual(error["reason"], permit["reason"], what)
                    self.assertEqual(error["params"], permit["params"], what)
                    if status == 403:
                        self.assertTrue(permit["who"], what)
        return checked

    def test_C3_the_detail_says_may_exactly_where_the_api_allows_at_L2(self):
        checked = self.check_everyone()
        # Both answers occur, and some refusals are for permission (B's members on A's steps).
        self.assertGreater(checked["may"], 10)
        self.assertGreater(checked["403"], 10)

    def test_V1_and_after_the_review_too(self):
        admin = self.clients["admin"]
        admin.post(f"{self.base}/resolve", {"summary": "切换备用线路后恢复"}, expect=200)
        admin.post(f"{self.base}/review", {
            "occurred_at": now(), "location": "机房", "responsible": "运维", "direct_cause": "磁盘",
            "indirect_cause": "巡检", "avoidability": "partly",
            "actions": [{"id": "A1", "text": "加监控", "owner_role": "tech_lead"}]}, expect=200)
        checked = self.check_everyone()
        self.assertGreater(checked["403"], 0)

    def test_C3_who_may_names_the_role_party_and_people(self):
        detail = self.clients["leader-b"].get(self.base)
        permit = detail["permissions"]["steps"]["L2.supervisor"]["complete"]
        self.assertFalse(permit["may"])
        self.assertEqual(permit["reason"], "step.owned_by_other_party")
        self.assertEqual(permit["params"], {"step": "L2.supervisor", "owner_role": "tech_lead", "party": "A"})
        self.assertEqual(permit["who"], [{"role": "tech_lead", "party": "A", "people": [
            {"contact": "a-li", "name": {"zh": "李娜", "en": "Li Na"}, "deputy": False},
            {"contact": "a-chen", "name": {"zh": "陈静", "en": "Chen Jing"}, "deputy": True}]}])
        # The refusal of the command says the same, with a stable reason and its parameters.
        status, _, text = self.clients["leader-b"].request(
            "POST", f"{self.base}/steps/L2.supervisor/complete",
            {"evidence": [{"kind": "file", "text": "验收报告", "ref": "sha256:ab"}]})
        self.assertEqual(status, 403)
        error = json.loads(text)["error"]
        self.assertEqual(error["reason"], "step.owned_by_other_party")
        self.assertEqual(error["params"], permit["params"])

    def test_every_error_has_a_reason_and_params(self):
        status, _, text = self.clients["tech-a"].request("POST", f"{self.base}/notes", {"txt": "x"})
        self.assertEqual(status, 400)
        error = json.loads(text)["error"]
        self.assertIn(error["reason"], ("field.unknown", "field.required"))
        self.assertEqual(error["params"], {})
        status, _, text = self.server.anonymous().request("GET", "/api/v1/incidents")
        self.assertEqual(status, 401)
        self.assertEqual(json.loads(text)["error"]["reason"], "auth.sign_in")
        status, _, text = self.server.anonymous().request(
            "POST", "/api/v1/session", {"user": "admin", "password": "wrong-password"})
        self.assertEqual(status, 401)
        self.assertEqual(json.loads(text)["error"]["reason"], "auth.wrong_credentials")


if __name__ == "__main__":
    unittest.main()
