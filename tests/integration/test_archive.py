"""G5: the archive bundle with the real binary - `pactum archive`, `pactum audit verify --bundle`,
and the plan's expiry at the end of the agreement (the server writes the bundle, with the signed
plans and the incidents' documents as PDFs, records the expiry once and copies the bundle's digest
to the main contacts)."""
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from datetime import datetime, timedelta, timezone

from harness import TEST_PLAN, TEST_PLAN_ENDS, PASSWORD, PactumTestCase, advance_dev_clock_to, run
import test_signing  # its helpers; importing the class itself would run its tests here too

FOLDER = "pactum-archive/"


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def read_bundle(path):
    with tarfile.open(path) as tar:
        return {m.name[len(FOLDER):]: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def pdf_text(pdf):
    """What pdftotext reads in a PDF, without spaces and line breaks (a wrapped line reads as one)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], check=True,
                              capture_output=True, text=True).stdout
    return "".join(text.split())


def write_bundle(path, files, manifest=False):
    """Writes `files` as a bundle; with `manifest`, first rewrites MANIFEST.sha256 to match them."""
    if manifest:
        lines = [f"{hashlib.sha256(b).hexdigest()}  {p}\n" for p, b in files.items() if p != "MANIFEST.sha256"]
        files = dict(files, **{"MANIFEST.sha256": "".join(lines).encode()})
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(FOLDER + name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


# Moving the clock past the agreement's end makes the scheduler record every programme duty of
# the last year that was never met (a breach and its escalation waves each: about 1500 appends),
# before and after it writes the bundle, and SIGTERM waits for its round to finish: on a loaded
# machine that takes longer than the harness's usual patience.
ARCHIVE_WAIT = 180  # seconds, at most, for the bundle to appear
STOP_WAIT = 120  # seconds, at most, for a SIGTERM to end the server


class Archive(PactumTestCase):
    key = test_signing.Signing.key
    statement = test_signing.Signing.statement
    sign = staticmethod(test_signing.Signing.sign)

    def sign_versions(self, server):
        """Both parties sign version 1, then propose and sign version 2."""
        a, b = server.login("admin"), server.login("leader-b")
        a_private, a_public = self.key("a")
        b_private, b_public = self.key("b")
        a_key = a.post("/api/v1/me/keys", {"public_key": a_public, "password": PASSWORD}, expect=201)["key_id"]
        b_key = b.post("/api/v1/me/keys", {"public_key": b_public, "password": PASSWORD}, expect=201)["key_id"]
        with open(TEST_PLAN, encoding="utf-8") as f:
            v2 = f.read().replace("version: 1", "version: 2", 1)
        a.post("/api/v1/plan", {"yaml": v2, "description": "仅更新版本号 / version number only"}, expect=201)
        for v in (1, 2):
            statement = self.statement(a, v)
            a.post(f"/api/v1/plan/versions/{v}/signatures",
                   {"key_id": a_key, "signature": self.sign(a_private, statement)}, expect=201)
            b.post(f"/api/v1/plan/versions/{v}/signatures",
                   {"key_id": b_key, "signature": self.sign(b_private, statement)}, expect=201)
        self.assertEqual(a.get("/api/v1/plan")["version"], 2)
        return a

    def verify(self, path):
        return run("audit", "verify", "--bundle", path, check=False)

    def test_G5_a_bundle_made_while_the_server_runs_verifies_and_any_tampering_is_named(self):
        server = self.serve()
        self.sign_versions(server)
        bundle = os.path.join(self.tmp, "bundle.tar")
        made = run("archive", "--data", self.data, "--out", bundle, "--document", TEST_PLAN)
        digest = sha256_of(bundle)
        self.assertIn(f"sha256 {digest}", made.stdout)
        ok = self.verify(bundle)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertIn("2 plan versions, 4 signatures verified", ok.stdout)
        files = read_bundle(bundle)
        self.assertIn("documents/" + os.path.basename(TEST_PLAN), files)
        self.assertIn("README.md", files)
        # The signed plans come by default, each in both languages, beside the file given by hand.
        for name in ("plan-v1.zh.pdf", "plan-v1.en.pdf", "plan-v2.zh.pdf", "plan-v2.en.pdf"):
            self.assertTrue(files["documents/" + name].startswith(b"%PDF-"), name)
        self.assertIn("签署页", pdf_text(files["documents/plan-v2.zh.pdf"]))
        # Debian's own tools read it: tar lists it, sha256sum checks the manifest.
        listing = subprocess.run(["tar", "-tf", bundle], capture_output=True, text=True, check=True)
        self.assertIn(FOLDER + "MANIFEST.sha256", listing.stdout)
        unpacked = os.path.join(self.tmp, "unpacked")
        os.makedirs(unpacked)
        subprocess.run(["tar", "-xf", bundle, "-C", unpacked], check=True)
        subprocess.run(["sha256sum", "--quiet", "-c", "MANIFEST.sha256"], check=True,
                       cwd=os.path.join(unpacked, FOLDER))

        # One byte changed in an event.
        events = bytearray(files["events.jsonl"])
        at = events.index("仅更新版本号".encode())
        events[at + 3] ^= 0x01
        altered = os.path.join(self.tmp, "altered.tar")
        write_bundle(altered, dict(files, **{"events.jsonl": bytes(events)}))
        r = self.verify(altered)
        self.assertEqual(r.returncode, 1)
        self.assertIn("events.jsonl has been altered", r.stderr)
        write_bundle(altered, dict(files, **{"events.jsonl": bytes(events)}), manifest=True)
        r = self.verify(altered)
        self.assertEqual(r.returncode, 1)
        self.assertIn("events.jsonl line ", r.stderr)
        self.assertIn("has been altered", r.stderr)

        # The two parties' signatures of version 2 swapped.
        signatures = json.loads(files["plan/v2/signatures.json"])
        signatures[0]["signature"], signatures[1]["signature"] = (signatures[1]["signature"],
                                                                  signatures[0]["signature"])
        write_bundle(altered, dict(files, **{"plan/v2/signatures.json": json.dumps(signatures).encode()}),
                     manifest=True)
        r = self.verify(altered)
        self.assertEqual(r.returncode, 1)
        self.assertIn("plan/v2/signatures.json: the signature of party A", r.stderr)

        # A file left out.
        write_bundle(altered, {p: b for p, b in files.items() if p != "plan/v1/statement.txt"})
        r = self.verify(altered)
        self.assertEqual(r.returncode, 1)
        self.assertIn("plan/v1/statement.txt is missing", r.stderr)

        # Not a bundle at all.
        with open(altered, "wb") as f:
            f.write(b"not a tar file")
        r = self.verify(altered)
        self.assertEqual(r.returncode, 1)
        self.assertIn("not a readable tar file", r.stderr)

    def test_G5_at_the_agreements_end_the_plan_expires_and_the_server_archives_it_once(self):
        server = self.serve()
        self.sign_versions(server)
        # An incident reported at 23:30 on the agreement's last day (Shanghai) still owes its sync
        # and its assessment when the plan expires at midnight.
        last_day = datetime.fromisoformat(TEST_PLAN_ENDS).replace(tzinfo=timezone.utc)
        now = advance_dev_clock_to(server, last_day + timedelta(hours=15, minutes=30))["now"]
        tech = server.login("tech-a")
        incident = tech.post("/api/v1/incidents", self.report_body(discovered_at=now),
                             expect=201)["incident"]["id"]
        self.assertFalse(tech.get("/api/v1/plan")["expired"])

        advance_dev_clock_to(server, last_day + timedelta(hours=16, minutes=30))
        admin, tech = server.login("admin"), server.login("tech-a")
        name = f"archive-coop-emergency-plan-{TEST_PLAN_ENDS}.tar"
        path = os.path.join(self.data, name)
        deadline = time.time() + ARCHIVE_WAIT
        plan = admin.get("/api/v1/plan")
        while "archive" not in plan and time.time() < deadline:
            time.sleep(0.2)
            plan = admin.get("/api/v1/plan")
        self.assertTrue(plan["expired"])
        self.assertTrue(plan["expires_at"].startswith(f"{TEST_PLAN_ENDS}T16:00:00"), plan["expires_at"])
        digest = sha256_of(path)
        self.assertEqual(plan["archive"], {"file": name, "sha256": digest})
        r = self.verify(path)
        self.assertEqual(r.returncode, 0, r.stderr)

        obligations = {o["key"]: o["state"] for o in tech.get(f"/api/v1/incidents/{incident}")["obligations"]}
        self.assertEqual(obligations["sync"], "expired", obligations)
        self.assertEqual(obligations["assess"], "expired", obligations)

        # Recorded once, also across a restart (the dev clock starts at real time again: it is
        # moved past the end once more, and the scheduler looks again).
        self.assertEqual(server.stop(timeout=STOP_WAIT), 0)
        server = self.serve()
        advance_dev_clock_to(server, last_day + timedelta(days=2))
        admin = server.login("admin")
        self.assertTrue(admin.get("/api/v1/plan")["expired"])
        time.sleep(1)  # the scheduler's look after the clock moved
        events = admin.get("/api/v1/events?limit=10000")["events"]
        expired = [e for e in events if e["type"] == "plan.expired"]
        archived = [e for e in events if e["type"] == "plan.archived"]
        self.assertEqual((len(expired), len(archived)), (1, 1))
        self.assertIn({"incident": incident, "key": "assess", "rule": "P3"},
                      expired[0]["payload"]["obligations"])
        self.assertEqual(archived[0]["payload"]["sha256"], digest)
        self.assertEqual(server.stop(timeout=STOP_WAIT), 0)

        # The bundle's digest went to both parties' main contacts.
        db = sqlite3.connect(os.path.join(self.data, "pactum.db"))
        rows = db.execute("SELECT recipient, body FROM outbox WHERE kind = 'archived'").fetchall()
        db.close()
        self.assertGreaterEqual(len({r[0] for r in rows}), 2, rows)
        for _, body in rows:
            self.assertIn(digest, body)
            self.assertIn("档案管理部门", body)

    def test_G5_the_bundle_written_at_expiry_carries_the_signed_plans_and_the_review_reports(self):
        server = self.serve()
        admin = self.sign_versions(server)
        tech, comms = server.login("tech-a"), server.login("comms-a")
        iid = tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        comms.post(f"/api/v1/incidents/{iid}/sync", {"note": "已在企业微信群同步"})
        admin.post(f"/api/v1/incidents/{iid}/assess", {"impact": "minor", "urgency": "normal"})
        tech.post(f"/api/v1/incidents/{iid}/resolve", {"summary": "已更换存储设备"})
        tech.post(f"/api/v1/incidents/{iid}/review", {
            "occurred_at": "2026-01-05T08:30:00+08:00", "location": "上海机房",
            "responsible": "甲方运维组", "direct_cause": "存储设备老化", "indirect_cause": "巡检缺失",
            "avoidability": "partly", "actions": []})

        last_day = datetime.fromisoformat(TEST_PLAN_ENDS).replace(tzinfo=timezone.utc)
        advance_dev_clock_to(server, last_day + timedelta(days=1))
        admin = server.login("admin")
        deadline = time.time() + ARCHIVE_WAIT
        plan = admin.get("/api/v1/plan")
        while "archive" not in plan and time.time() < deadline:
            time.sleep(0.2)
            plan = admin.get("/api/v1/plan")
        path = os.path.join(self.data, plan["archive"]["file"])
        self.assertEqual(self.verify(path).returncode, 0)

        files = read_bundle(path)
        manifest = files["MANIFEST.sha256"].decode()
        names = [f"plan-v{v}.{lang}.pdf" for v in (1, 2) for lang in ("zh", "en")]
        names += [f"{iid}-review.{lang}.pdf" for lang in ("zh", "en")]
        for name in names:
            pdf = files["documents/" + name]
            self.assertIn(f"{hashlib.sha256(pdf).hexdigest()}  documents/{name}\n", manifest)
        plan_zh = pdf_text(files["documents/plan-v2.zh.pdf"])
        for words in ("签署页", "已签署", "华东示例科技有限公司", "北方示例数据服务有限公司"):
            self.assertIn(words, plan_zh)
        self.assertIn("Signaturepage", pdf_text(files["documents/plan-v1.en.pdf"]))
        review = pdf_text(files[f"documents/{iid}-review.zh.pdf"])
        for words in ("复盘报告", iid, "存储设备老化", "巡检缺失", "上海机房"):
            self.assertIn(words, review)
        self.assertIn("Reviewreport", pdf_text(files[f"documents/{iid}-review.en.pdf"]))
        self.assertNotIn(f"documents/{iid}-risk-notice.zh.pdf", files, "an L1 incident has none")
        self.assertIn("文字引用", files["README.md"].decode())

        # One byte of a PDF changed is caught by the manifest.
        pdf = bytearray(files[f"documents/{iid}-review.zh.pdf"])
        pdf[len(pdf) // 2] ^= 0x01
        altered = os.path.join(self.tmp, "altered.tar")
        write_bundle(altered, dict(files, **{f"documents/{iid}-review.zh.pdf": bytes(pdf)}))
        r = self.verify(altered)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"documents/{iid}-review.zh.pdf has been altered", r.stderr)
