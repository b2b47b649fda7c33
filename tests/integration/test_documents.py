"""The PDF documents through the real server, read back with poppler's pdftotext
and pdffonts as a reader would: the signed plan with its signature page (G1), an incident's
review report (V1), the risk notice (L3) and the submission to the supervisor (X2), in Chinese
and English; each refused with a reason while the incident is not there yet."""
import base64
import hashlib
import os
import subprocess
import tempfile

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from harness import PASSWORD, ApiError, PactumTestCase, run


def note(text):
    return {"evidence": [{"kind": "note", "text": text}]}


def poppler(tool, pdf, *args):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run([tool, *args, f.name, *(["-"] if tool == "pdftotext" else [])],
                              check=True, capture_output=True, text=True).stdout


def joined(text):
    """The text without line breaks and spaces: a wrapped line reads as one."""
    return "".join(text.split())


class Documents(PactumTestCase):
    def setUp(self):
        super().setUp()
        self.server = self.serve()
        self.admin = self.server.login("admin")
        self.tech_a = self.server.login("tech-a")
        self.comms_a = self.server.login("comms-a")
        self.leader_b = self.server.login("leader-b")

    def pdf(self, client, path, expect=200):
        status, headers, body = client.request_bytes("GET", path)
        if status != expect:
            raise ApiError(status, body.decode(errors="replace"))
        if status == 200:
            self.assertEqual(headers["Content-Type"], "application/pdf")
            self.assertTrue(body.startswith(b"%PDF-"))
        return headers, body

    def refused(self, client, path, status, words):
        status_got, _, body = client.request_bytes("GET", path)
        self.assertEqual(status_got, status, body)
        self.assertIn(words, body.decode())

    def test_G1_the_plan_with_its_signature_page(self):
        path = os.path.join(self.tmp, "a.key")
        public = run("key", "generate", "--out", path).stdout.strip()
        with open(path) as f:
            private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(f.read().strip()))
        key_id = self.admin.post("/api/v1/me/keys", {"public_key": public, "password": PASSWORD},
                                 expect=201)["key_id"]
        _, _, statement = self.admin.request_bytes("GET", "/api/v1/plan/versions/1/statement")
        self.admin.post("/api/v1/plan/versions/1/signatures",
                        {"key_id": key_id,
                         "signature": base64.b64encode(private.sign(statement)).decode()},
                        expect=201)

        headers, pdf = self.pdf(self.leader_b, "/api/v1/plan/versions/1/document.pdf")
        self.assertEqual(headers["Content-Disposition"],
                         'inline; filename="coop-emergency-plan-v1-zh.pdf"')
        text = poppler("pdftotext", pdf, "-enc", "UTF-8")
        for words in ("一、应急联络小组", "五、附则", "签署页", "已签署", "尚未签署", "组长", key_id):
            self.assertIn(words, text)
        fingerprint = hashlib.sha256(base64.b64decode(public)).hexdigest()
        for words in ("张伟(admin)", fingerprint, hashlib.sha256(statement).hexdigest(),
                      "甲方：华东示例科技有限公司", "乙方：北方示例数据服务有限公司"):
            self.assertIn(words, joined(text))
        self.assertGreaterEqual(int(poppler("pdfinfo", pdf).split("Pages:")[1].split()[0]), 4)
        fonts = poppler("pdffonts", pdf)
        self.assertIn("NotoSansCJKsc-Regular", fonts)
        for line in fonts.splitlines()[2:]:
            self.assertIn(" yes yes ", line, "every font embedded as a subset")

        headers, pdf = self.pdf(self.admin, "/api/v1/plan/versions/1/document.pdf?lang=en")
        self.assertIn("-v1-en.pdf", headers["Content-Disposition"])
        text = poppler("pdftotext", pdf, "-enc", "UTF-8")
        for words in ("1. Emergency contact group", "Signature page", "Not yet signed", "Zhang Wei"):
            self.assertIn(words, text)
        self.assertIn(fingerprint, joined(text))

        self.refused(self.admin, "/api/v1/plan/versions/9/document.pdf", 404, "version")
        self.refused(self.admin, "/api/v1/plan/versions/1/document.pdf?lang=fr", 400, '"lang"')

    def report(self, impact, urgency):
        iid = self.tech_a.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        self.comms_a.post(f"/api/v1/incidents/{iid}/sync", {"note": "已在企业微信群同步"})
        self.admin.post(f"/api/v1/incidents/{iid}/assess", {"impact": impact, "urgency": urgency})
        return iid

    def test_V1_X2_a_major_incident_goes_to_the_supervisor_and_has_its_review_report(self):
        iid = self.report("moderate", "normal")  # L2
        base = f"/api/v1/incidents/{iid}"
        for i in (1, 2, 3):  # S3: three quotes, then the choice completes the step
            self.tech_a.post(f"{base}/steps/L2.quotes/quotes", {
                "supplier": f"s0{i}", "amount": 100000 * i, "valid_until": "2099-01-01T00:00:00Z",
                "evidence": [{"kind": "record", "text": f"供应商{i}报价", "ref": f"Q-{i}"}]})
        self.tech_a.post(f"{base}/steps/L2.quotes/quotes/choose", {"supplier": "s01", "reason": "最低"})
        self.refused(self.admin, f"{base}/supervisor-submission.pdf", 422, "not resolved yet")
        self.refused(self.admin, f"{base}/review.pdf", 422, "no review report yet")
        self.refused(self.admin, f"{base}/risk-notice.pdf", 422, "(L3)")
        self.refused(self.admin, "/api/v1/incidents/INC-1999-0001/review.pdf", 404, "no incident")

        self.tech_a.post(f"{base}/resolve", {"summary": "已更换存储设备"})
        headers, pdf = self.pdf(self.leader_b, f"{base}/supervisor-submission.pdf")
        self.assertEqual(headers["Content-Disposition"],
                         f'inline; filename="{iid}-supervisor-submission-zh.pdf"')
        text = poppler("pdftotext", pdf, "-enc", "UTF-8")
        for words in ("提交第三方监理机构审核", "技术监理", "L2 重大级", "申请验收", iid):
            self.assertIn(words, text)
        for words in ("供应商3报价", "已更换存储设备", "订单系统无法访问"):
            self.assertIn(words, joined(text))

        self.tech_a.post(f"{base}/review", {
            "occurred_at": "2026-01-05T08:30:00+08:00", "location": "上海机房",
            "responsible": "甲方运维组", "direct_cause": "存储设备老化", "indirect_cause": "巡检缺失",
            "avoidability": "partly",
            "actions": [{"id": "A1", "text": "建立季度设备巡检", "owner_role": "tech_lead"}]})
        for lang, words in (("zh", ("复盘报告", "三、原因分析", "直接原因", "存储设备老化",
                                    "间接原因", "巡检缺失", "可避免性评估", "部分可避免",
                                    "五、后续改进措施", "建立季度设备巡检", "上海机房")),
                            ("en", ("Review report", "3. Root-cause analysis", "Direct cause",
                                    "partly avoidable", "5. Follow-up actions"))):
            headers, pdf = self.pdf(self.admin, f"{base}/review.pdf?lang={lang}")
            self.assertIn(f"{iid}-review-{lang}.pdf", headers["Content-Disposition"])
            text = poppler("pdftotext", pdf, "-enc", "UTF-8")
            for w in words:
                self.assertIn(w, text, lang)
        self.assertIn("NotoSansCJKsc", poppler("pdffonts", pdf))

    def test_L3_the_risk_notice_to_the_partner(self):
        iid = self.report("minor", "safety")  # L3
        base = f"/api/v1/incidents/{iid}"
        self.comms_a.post(f"{base}/steps/L3.risk_notice/complete",
                          {"evidence": [{"kind": "file", "text": "已停止高风险作业，整改方案见附件",
                                         "ref": self.comms_a.upload(b"plan", "整改方案.txt")["sha256"]}]})
        headers, pdf = self.pdf(self.leader_b, f"{base}/risk-notice.pdf")
        self.assertEqual(headers["Content-Disposition"], f'inline; filename="{iid}-risk-notice-zh.pdf"')
        text = poppler("pdftotext", pdf, "-enc", "UTF-8")
        for words in ("风险通报", "L3 紧急级", "通报内容", "书面通知期", "刘洋"):
            self.assertIn(words, text)
        self.assertIn("已停止高风险作业，整改方案见附件", joined(text))
        self.assertIn("乙方：北方示例数据服务有限公司", joined(text))
        _, pdf = self.pdf(self.leader_b, f"{base}/risk-notice.pdf?lang=en")
        text = poppler("pdftotext", pdf, "-enc", "UTF-8")
        for words in ("Risk notice", "L3 Emergency", "30 days"):
            self.assertIn(words, text)
        self.refused(self.admin, f"{base}/supervisor-submission.pdf", 422, "(X2)")


if __name__ == "__main__":
    import unittest
    unittest.main()
