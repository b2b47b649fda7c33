"""Evidence files (L4) on the real server: uploaded as a raw body or a browser's form, stored by
their SHA-256 under the data directory, named by that digest in a step's completion, downloaded
by the other party byte for byte; `pactum audit verify` (and the API's) fails naming a stored file
altered or removed afterwards; a file over `--max-file-size` is refused 413 before its body is
read; `pactum backup` and `restore` carry the files."""
import json
import os
import shutil
import socket
import urllib.parse

from harness import PactumTestCase, run

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8  # binary, every byte value


def multipart(name, content_type, data, boundary="----pactumFormBoundary7MA4YWxkTrZu0gW"):
    """A one-file form as a browser sends it; the body and its Content-Type."""
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n").encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class EvidenceFiles(PactumTestCase):
    def setUp(self):
        super().setUp()
        self.server = self.serve("--max-file-size", "64KB")
        self.admin = self.server.login("admin")
        self.tech_a = self.server.login("tech-a")
        self.leader_b = self.server.login("leader-b")

    def stored_path(self, sha):
        return os.path.join(self.data, "files", sha[:2], sha)

    def incident_at_l1(self):
        iid = self.tech_a.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        self.admin.post(f"/api/v1/incidents/{iid}/assess", {"impact": "minor", "urgency": "normal"})
        return iid

    def complete_with_file(self, iid, sha):
        return self.tech_a.post(f"/api/v1/incidents/{iid}/steps/L1.backup/complete", {"evidence": [
            {"kind": "note", "text": "已切换到备用环境"},
            {"kind": "file", "text": "切换后的监控截图", "ref": sha}]})

    def test_L4_upload_complete_a_step_download_then_audit_verify_names_an_altered_file(self):
        stored = self.tech_a.upload(PHOTO, "现场照片.png", "image/png")
        sha = stored["sha256"]
        self.assertEqual(stored, {"sha256": sha, "size": len(PHOTO), "type": "image/png",
                                  "name": "现场照片.png"})
        with open(self.stored_path(sha), "rb") as f:
            self.assertEqual(f.read(), PHOTO, "stored as uploaded, under DATA/files/ab/abcdef…")
        # The same bytes from a browser's form: nothing new, the same digest.
        body, content_type = multipart("copy.png", "image/png", PHOTO)
        status, _, text = self.leader_b.request("POST", "/api/v1/files", raw=body,
                                                headers={"Content-Type": content_type})
        self.assertEqual(status, 201, text)
        self.assertEqual(json.loads(text)["sha256"], sha)

        iid = self.incident_at_l1()
        done = self.complete_with_file(iid, sha)
        event = [e for e in done["events"] if e["type"] == "incident.step_completed"][0]
        self.assertEqual(event["payload"]["evidence"][1]["ref"], sha, "the digest is in the chain")

        # The other party downloads the same bytes, as an attachment with its Chinese name.
        status, headers, data = self.leader_b.request_bytes("GET", f"/api/v1/files/{sha}")
        self.assertEqual(status, 200)
        self.assertEqual(data, PHOTO)
        self.assertEqual(headers["Content-Type"], "image/png")
        self.assertEqual(headers["Content-Disposition"],
                         "attachment; filename=\"____________.png\"; filename*=UTF-8''"
                         + urllib.parse.quote("现场照片.png"))
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(headers["ETag"], f'"{sha}"')
        self.assertEqual(self.leader_b.request("GET", "/api/v1/files/" + "0" * 64)[0], 404)
        self.assertEqual(self.leader_b.request("GET", "/api/v1/files/not-a-digest")[0], 400)
        self.assertEqual(self.server.anonymous().request("GET", f"/api/v1/files/{sha}")[0], 401)

        verified = run("audit", "verify", "--data", self.data)
        self.assertIn("intact: 1 evidence files referenced", verified.stdout)
        report = self.admin.post("/api/v1/audit/verify")
        self.assertTrue(report["intact"], report)
        self.assertEqual(report["files"], {"referenced": 1, "problems": []})

        # Someone with the disk changes the photo: both verifications fail, naming it.
        seq = event["seq"]
        with open(self.stored_path(sha), "r+b") as f:
            f.write(b"X")
        altered = run("audit", "verify", "--data", self.data, check=False)
        self.assertEqual(altered.returncode, 1, altered.stdout + altered.stderr)
        self.assertIn(f'event {seq} references file {sha} "现场照片.png": altered', altered.stderr)
        report = self.admin.post("/api/v1/audit/verify")
        self.assertFalse(report["intact"])
        self.assertEqual(report["files"]["problems"][0]["seq"], seq)
        self.assertIn(sha, report["failure"])
        os.remove(self.stored_path(sha))
        missing = run("audit", "verify", "--data", self.data, check=False)
        self.assertEqual(missing.returncode, 1)
        self.assertIn(f"event {seq} references file {sha}", missing.stderr)
        self.assertIn(": missing", missing.stderr)

    def test_L4_a_step_refuses_file_evidence_that_names_no_uploaded_file(self):
        iid = self.incident_at_l1()
        for ref in ("sha256:abc", "https://example.com/x.png", "0" * 64):
            status, _, text = self.tech_a.request(
                "POST", f"/api/v1/incidents/{iid}/steps/L1.backup/complete",
                {"evidence": [{"kind": "note", "text": "n"}, {"kind": "file", "text": "截图", "ref": ref}]})
            self.assertEqual(status, 400, text)
            self.assertEqual(json.loads(text)["error"]["field"], "evidence[1].ref")

    def test_L4_a_file_over_the_limit_is_refused_413_before_its_body_is_read(self):
        # Only the header, announcing 10 MB: the answer comes without a byte of the body sent.
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall((f"POST /api/v1/files?name=big.bin HTTP/1.1\r\nHost: x\r\n"
                       f"Cookie: {self.tech_a.cookie}\r\nX-CSRF-Token: {self.tech_a.csrf}\r\n"
                       "Content-Type: application/octet-stream\r\nContent-Length: 10485760\r\n\r\n")
                      .encode())
            answer = s.recv(4096).decode(errors="replace")
        self.assertTrue(answer.startswith("HTTP/1.1 413"), answer)
        self.assertIn("payload_too_large", answer)
        # Chunked (http.client chunks an iterable): no length announced, the file is measured.
        status, _, _ = self.tech_a.request("POST", "/api/v1/files?name=big.bin",
                                           raw=iter([b"x" * 40000, b"y" * 40000]),
                                           headers={"Content-Type": "application/octet-stream"})
        self.assertEqual(status, 413)
        self.assertEqual(self.tech_a.upload(b"z" * 65536, "limit.bin")["size"], 65536)
        self.assertEqual(os.listdir(os.path.join(self.data, "files", "tmp")), [])
        # Other routes keep their own limit (1 MiB), the upload's is its own.
        status, _, _ = self.tech_a.request("POST", "/api/v1/incidents", raw=b"{" + b" " * 70000 + b"}",
                                           headers={"Content-Type": "application/json"})
        self.assertNotEqual(status, 413)

    def test_B1_backup_and_restore_carry_the_evidence_files(self):
        sha = self.tech_a.upload(PHOTO, "现场照片.png", "image/png")["sha256"]
        self.complete_with_file(self.incident_at_l1(), sha)
        copy = os.path.join(self.tmp, "backup.db")
        backed_up = run("backup", "--data", self.data, "--to", copy)
        self.assertIn("1 evidence files copied", backed_up.stdout)
        restored = os.path.join(self.tmp, "restored")
        out = run("restore", "--from", copy, "--data", restored)
        self.assertIn("intact: 1 evidence files referenced", out.stdout)
        with open(os.path.join(restored, "files", sha[:2], sha), "rb") as f:
            self.assertEqual(f.read(), PHOTO)
        # A backup whose files were left behind does not restore as intact.
        shutil.rmtree(copy + ".files")
        lost = run("restore", "--from", copy, "--data", os.path.join(self.tmp, "lost"), check=False)
        self.assertEqual(lost.returncode, 1)
        self.assertIn(f"references file {sha}", lost.stderr)
