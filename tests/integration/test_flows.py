"""The seed plan's whole flow for each level, through the real server with a movable clock:
report → sync → assess → steps → resolve → review → approve → close, with the obligations met or
breached as the plan says (P1–P4, L1–L4, V1, S3)."""
import unittest

from harness import ApiError, PactumTestCase


def obligation(incident, key):
    for o in incident["obligations"]:
        if o["key"] == key:
            return o
    raise AssertionError(f"no obligation {key}")


def note(text):
    return {"evidence": [{"kind": "note", "text": text}]}


class SeedFlows(PactumTestCase):
    def setUp(self):
        super().setUp()
        self.server = self.serve()
        self.admin = self.server.login("admin")
        self.tech_a = self.server.login("tech-a")
        self.comms_a = self.server.login("comms-a")
        self.leader_b = self.server.login("leader-b")

    def advance(self, duration):
        """Moves the server's clock; sessions (12 h) expire with it, so everyone signs in again."""
        now = self.admin.post("/api/v1/dev/clock", {"advance": duration})
        self.admin = self.server.login("admin")
        self.tech_a = self.server.login("tech-a")
        self.comms_a = self.server.login("comms-a")
        self.leader_b = self.server.login("leader-b")
        return now

    def report_and_assess(self, impact, urgency):
        r = self.tech_a.post("/api/v1/incidents", self.report_body(), expect=201)
        iid = r["incident"]["id"]
        self.assertEqual(obligation(r["incident"], "report")["state"], "met")  # P1 within 2 h
        self.comms_a.post(f"/api/v1/incidents/{iid}/sync", {"note": "已在企业微信群同步"})
        r = self.admin.post(f"/api/v1/incidents/{iid}/assess", {"impact": impact, "urgency": urgency})
        inc = r["incident"]
        self.assertEqual(obligation(inc, "sync")["state"], "met")    # P2
        self.assertEqual(obligation(inc, "assess")["state"], "met")  # P3
        return iid, inc

    def review_approve_close(self, iid, reviewer, approver, closer):
        reviewer.post(f"/api/v1/incidents/{iid}/review", {
            "occurred_at": "2026-01-05T08:30:00+08:00", "location": "上海机房",
            "responsible": "甲方运维组", "direct_cause": "操作失误", "indirect_cause": "变更流程缺失",
            "avoidability": "avoidable",
            "actions": [{"id": "A1", "text": "补充变更审批流程", "owner_role": "tech_lead"}]})
        # V1: a follow-up action keeps the incident open.
        with self.assertRaises(Exception):
            closer.post(f"/api/v1/incidents/{iid}/close", {}, expect=200)
        approver.post(f"/api/v1/incidents/{iid}/review/approve", {"comment": "同意"})
        self.tech_a.post(f"/api/v1/incidents/{iid}/actions/A1/complete", note("新流程已发布"))
        r = closer.post(f"/api/v1/incidents/{iid}/close", {"summary": "确认关闭"})
        self.assertEqual(r["incident"]["status"], "closed")
        return r["incident"]

    def test_L1_general_incident_from_report_to_close(self):
        iid, inc = self.report_and_assess("minor", "normal")
        self.assertEqual(inc["level"], "L1")
        self.assertEqual([s["id"] for s in inc["steps"]], ["L1.backup", "L1.fix"])
        self.tech_a.post(f"/api/v1/incidents/{iid}/steps/L1.backup/complete", note("已切换到测试环境"))
        self.tech_a.post(f"/api/v1/incidents/{iid}/steps/L1.fix/complete",
                         {"evidence": [{"kind": "record", "text": "修复工单", "ref": "CR-101"}]})
        self.tech_a.post(f"/api/v1/incidents/{iid}/resolve", {"summary": "主节点已恢复"})
        final = self.review_approve_close(iid, self.tech_a, self.leader_b, self.admin)
        states = {o["key"]: o["state"] for o in final["obligations"]}
        for key in ("report", "sync", "assess", "step:L1.backup", "step:L1.fix", "resolve:L1",
                    "review_submit:L1", "review_approve:L1", "action:A1"):
            self.assertEqual(states[key], "met", key)
        types = [e["type"] for e in final["timeline"]]
        self.assertEqual(types[0], "incident.reported")
        self.assertEqual(types[-1], "incident.closed")
        self.assertNotIn("obligation.breached", types)

    def test_X1_a_funding_incident_open_a_week_obliges_the_finance_lead_to_engage_the_advisor(self):
        inc = self.tech_a.post("/api/v1/incidents", self.report_body(trigger="T3", condition="T3.funding"),
                               expect=201)["incident"]
        iid = inc["id"]
        self.assertEqual(obligation(inc, "third_party:financial_advisor")["state"], "pending")
        self.advance("169h")
        inc = self.tech_a.get(f"/api/v1/incidents/{iid}")
        advisor = obligation(inc, "third_party:financial_advisor")
        self.assertEqual((advisor["state"], advisor["rule"], advisor["owner_role"]), ("open", "X1", "finance_lead"))
        with self.assertRaises(ApiError) as e:  # the tech lead is not the finance lead
            self.tech_a.post(f"/api/v1/incidents/{iid}/third-parties/financial_advisor/engage", note("已联系"))
        self.assertEqual(e.exception.status, 403)
        finance = self.server.login("finance-a")
        inc = finance.post(f"/api/v1/incidents/{iid}/third-parties/financial_advisor/engage",
                           note("已签约财务顾问"))["incident"]
        self.assertEqual(obligation(inc, "third_party:financial_advisor")["state"], "met")
        self.assertIn("incident.third_party_engaged", [e["type"] for e in inc["timeline"]])

    def test_X3_legal_counsel_for_a_compliance_condition_at_any_level(self):
        inc = self.tech_a.post("/api/v1/incidents", self.report_body(trigger="T4", condition="T4.compliance"),
                               expect=201)["incident"]
        self.assertEqual(obligation(inc, "third_party:legal_counsel")["state"], "open")
        with self.assertRaises(ApiError) as e:  # not for this condition
            self.admin.post(f"/api/v1/incidents/{inc['id']}/third-parties/financial_advisor/engage", note("x"))
        self.assertEqual(e.exception.status, 422)
        inc = self.admin.post(f"/api/v1/incidents/{inc['id']}/third-parties/legal_counsel/engage",
                              note("法律顾问已介入"))["incident"]
        self.assertEqual(obligation(inc, "third_party:legal_counsel")["state"], "met")

    def test_L2_major_incident_with_a_missed_meeting_and_three_quotes(self):
        iid, inc = self.report_and_assess("moderate", "normal")
        self.assertEqual(inc["level"], "L2")
        self.admin.post(f"/api/v1/incidents/{iid}/steps/L2.suspend/complete", note("已暂停受影响环节"))
        # S3: structured quotes from distinct suppliers (one not on the register), then a choice.
        base = f"/api/v1/incidents/{iid}/steps/L2.quotes"
        free = {"evidence": [{"kind": "record", "text": f"供应商{i}报价", "ref": f"Q-{i}"} for i in (1, 2, 3)]}
        with self.assertRaises(ApiError) as e:  # free evidence no longer completes the step
            self.tech_a.post(f"{base}/complete", free)
        self.assertEqual(e.exception.status, 422)

        def quote(i, **kw):
            body = {"supplier": f"s0{i}", "amount": 10000000 + i, "valid_until": "2099-01-01T00:00:00Z",
                    "evidence": [{"kind": "record", "text": f"供应商{i}报价", "ref": f"Q-{i}"}]}
            body.update(kw)
            return body
        for body, field in [(quote(9, supplier="s99"), "supplier"), (quote(1, amount=0), "amount"),
                            (quote(1, amount=10**15 + 1), "amount"), (quote(1, amount="12.5"), "amount"),
                            (quote(1, valid_until="2000-01-01T00:00:00Z"), "valid_until")]:
            with self.subTest(field=field):
                with self.assertRaises(ApiError) as e:
                    self.tech_a.post(f"{base}/quotes", body)
                self.assertEqual(e.exception.status, 400, e.exception.body)
                self.assertIn(f'"field":"{field}"', e.exception.body.replace(" ", ""))
        self.tech_a.post(f"{base}/quotes", quote(1))
        self.tech_a.post(f"{base}/quotes", quote(2))
        with self.assertRaises(ApiError) as e:  # two quotes are not enough
            self.tech_a.post(f"{base}/quotes/choose", {"supplier": "s01", "reason": "最低"})
        self.assertEqual(e.exception.status, 422)
        new_supplier = quote(3, supplier_name="新星示例云")
        del new_supplier["supplier"]  # a supplier not on the register
        inc = self.tech_a.post(f"{base}/quotes", new_supplier)["incident"]
        self.assertEqual(obligation(inc, "step:L2.quotes")["state"], "open")
        inc = self.tech_a.post(f"{base}/quotes/choose", {"supplier": "新星示例云", "reason": "可48小时内到场"})["incident"]
        self.assertEqual(obligation(inc, "step:L2.quotes")["state"], "met")
        comparison = inc["quotes"][0]
        self.assertEqual((comparison["step"], comparison["needed"]), ("L2.quotes", 3))
        self.assertEqual([q["amount"] for q in comparison["quotes"]], [10000001, 10000002, 10000003])
        self.assertEqual(comparison["quotes"][0]["name"]["en"], "Yunzhan Example Computing Co., Ltd.")
        self.assertEqual(comparison["quotes"][2]["name"]["zh"], "新星示例云")
        self.assertEqual(comparison["chosen"], {"supplier": "新星示例云", "reason": "可48小时内到场"})
        # Six days pass: the management meeting (within 5 days) is breached, once.
        self.advance("144h")
        inc = self.tech_a.get(f"/api/v1/incidents/{iid}")
        self.assertEqual(obligation(inc, "step:L2.meeting")["state"], "breached")
        self.advance("1h")
        inc = self.tech_a.get(f"/api/v1/incidents/{iid}")
        breaches = [e for e in inc["timeline"] if e["type"] == "obligation.breached"
                    and e["payload"]["obligation"] == "step:L2.meeting"]
        self.assertEqual(len(breaches), 1)
        escalations = [e for e in inc["timeline"] if e["type"] == "obligation.escalated"
                       and e["payload"]["obligation"] == "step:L2.meeting"]
        self.assertEqual([e["payload"]["wave"] for e in escalations], [0, 1])
        # The meeting is held late: recorded, still a breach.
        self.leader_b.post(f"/api/v1/incidents/{iid}/steps/L2.meeting/complete",
                           {"evidence": [{"kind": "record", "text": "协商会议纪要", "ref": "M-1"}]})
        inc = self.tech_a.post(f"/api/v1/incidents/{iid}/resolve", {"summary": "已更换供应商"})["incident"]
        supervisor = obligation(inc, "step:L2.supervisor")
        self.assertEqual(supervisor["state"], "open")  # X2: 15 days from resolution
        self.tech_a.post(f"/api/v1/incidents/{iid}/steps/L2.supervisor/complete",
                         {"evidence": [{"kind": "file", "text": "监理审核报告", "ref": self.tech_a.upload(
                             b"%PDF-1.7 review", "监理审核报告.pdf", "application/pdf")["sha256"]}]})
        final = self.review_approve_close(iid, self.tech_a, self.leader_b, self.admin)
        meeting = obligation(final, "step:L2.meeting")
        self.assertEqual(meeting["state"], "breached")
        self.assertIsNotNone(meeting["done_at"])

    def test_L3_emergency_raised_mid_incident_with_a_late_risk_notice(self):
        iid, inc = self.report_and_assess("minor", "normal")
        self.tech_a.post(f"/api/v1/incidents/{iid}/steps/L1.backup/complete", note("已切换"))
        # L4: the level is raised with a reason; L1's open steps are waived, L3's clocks start.
        inc = self.admin.post(f"/api/v1/incidents/{iid}/level",
                              {"level": "L3", "reason": "发现安全风险"})["incident"]
        self.assertEqual(inc["level"], "L3")
        self.assertEqual(obligation(inc, "step:L1.backup")["state"], "met")
        self.assertEqual(obligation(inc, "step:L1.fix")["state"], "waived")
        self.admin.post(f"/api/v1/incidents/{iid}/steps/L3.stop/complete", note("已停止高风险操作"))
        self.admin.post(f"/api/v1/incidents/{iid}/steps/L3.legal/complete",
                        {"evidence": [{"kind": "record", "text": "法律意见", "ref": "LO-1"}]})
        self.advance("25h")  # the 24-hour risk notice to the partner is late
        inc = self.tech_a.get(f"/api/v1/incidents/{iid}")
        self.assertEqual(obligation(inc, "step:L3.risk_notice")["state"], "breached")
        self.comms_a.post(f"/api/v1/incidents/{iid}/steps/L3.risk_notice/complete",
                          {"evidence": [{"kind": "file", "text": "风险通报", "ref": self.comms_a.upload(
                              b"risk notice", "风险通报.txt", "text/plain")["sha256"]}]})
        self.admin.post(f"/api/v1/incidents/{iid}/steps/L3.termination/waive",
                        {"reason": "风险已消除，无需终止协议"})
        self.admin.post(f"/api/v1/incidents/{iid}/resolve", {"summary": "安全整改完成"})
        final = self.review_approve_close(iid, self.admin, self.leader_b, self.admin)
        self.assertEqual(obligation(final, "step:L3.termination")["state"], "waived")
        self.assertEqual(obligation(final, "step:L3.risk_notice")["state"], "breached")

    def test_a_false_alarm_is_cancelled_with_a_reason(self):
        r = self.tech_a.post("/api/v1/incidents", self.report_body(), expect=201)
        iid = r["incident"]["id"]
        inc = self.admin.post(f"/api/v1/incidents/{iid}/cancel", {"reason": "监控误报"})["incident"]
        self.assertEqual(inc["status"], "cancelled")
        self.assertEqual(obligation(inc, "assess")["state"], "waived")
        listed = self.admin.get("/api/v1/incidents?status=open")["incidents"]
        self.assertNotIn(iid, [i["id"] for i in listed])


if __name__ == "__main__":
    unittest.main()
