"""RFC 3161 time-stamps of checkpoints, against a real time-stamping authority: OpenSSL's
`openssl ts -reply` behind a small HTTP handler this test starts, with a CA and a TSA certificate
it makes. `audit verify` checks every stored token against the authority's CA."""
import os
import sqlite3
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import PactumTestCase, require_programs, run

TSA_CONFIG = """
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/tsa.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_authority(directory, name):
    """A CA and a time-stamping certificate it signed, in `directory`."""
    os.makedirs(directory, exist_ok=True)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
            "-subj", f"/CN={name} CA", "-days", "2", cwd=directory)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr",
            "-subj", f"/CN={name}", cwd=directory)
    with open(os.path.join(directory, "ext.cnf"), "w") as f:
        f.write("extendedKeyUsage = critical,timeStamping\n")
    openssl("x509", "-req", "-in", "tsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "tsa.crt", "-days", "2", "-extfile", "ext.cnf", cwd=directory)
    with open(os.path.join(directory, "serial"), "w") as f:
        f.write("01\n")
    with open(os.path.join(directory, "tsa.cnf"), "w") as f:
        f.write(TSA_CONFIG.format(dir=directory))


class LocalTsa:
    """POST a TimeStampReq, get `openssl ts -reply`'s TimeStampResp."""

    def __init__(self, directory):
        self.dir = directory
        self.requests = 0
        lock = threading.Lock()
        tsa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                query = self.rfile.read(int(self.headers["Content-Length"]))
                with lock:
                    tsa.requests += 1
                    path = os.path.join(tsa.dir, "request.tsq")
                    with open(path, "wb") as f:
                        f.write(query)
                    reply = subprocess.run(
                        ["openssl", "ts", "-reply", "-config", os.path.join(tsa.dir, "tsa.cnf"),
                         "-queryfile", path, "-out", "-"], capture_output=True, timeout=30)
                self.send_response(200 if reply.returncode == 0 else 500)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(reply.stdout)))
                self.end_headers()
                self.wfile.write(reply.stdout)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/tsa"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@require_programs("openssl")
class TimeStamps(PactumTestCase):
    def setUp(self):
        super().setUp()
        self.authority = os.path.join(self.tmp, "tsa")
        make_authority(self.authority, "Test TSA")
        self.tsa = LocalTsa(self.authority)

    def tearDown(self):
        self.tsa.stop()
        super().tearDown()

    def stamped_checkpoints(self, n, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            db = sqlite3.connect(os.path.join(self.data, "pactum.db"))
            count = db.execute("SELECT COUNT(*) FROM checkpoint_timestamps").fetchone()[0]
            db.close()
            if count >= n:
                return count
            time.sleep(0.2)
        self.fail(f"fewer than {n} time-stamped checkpoints within {timeout} s")

    def test_checkpoints_are_time_stamped_and_audit_verify_checks_the_tokens(self):
        server = self.serve("--checkpoint-interval", "1", "--tsa", self.tsa.url)
        self.stamped_checkpoints(1)
        server.login("tech-a").post("/api/v1/incidents", self.report_body(), expect=201)
        self.stamped_checkpoints(2)
        server.stop()
        ca = os.path.join(self.authority, "ca.crt")
        ok = run("audit", "verify", "--data", self.data, "--tsa-ca", ca)
        self.assertRegex(ok.stdout, r"time-stamped: [2-9]\d* checkpoints, the last checkpoint \d+ at ")
        self.assertIn("signed by the authority of", ok.stdout)

        other = os.path.join(self.tmp, "other-tsa")
        make_authority(other, "Another TSA")
        wrong = run("audit", "verify", "--data", self.data, "--tsa-ca",
                    os.path.join(other, "ca.crt"), check=False)
        self.assertEqual(wrong.returncode, 1, wrong.stdout + wrong.stderr)
        self.assertIn("does not verify", wrong.stderr)

        # A checkpoint whose text was changed no longer matches its time-stamp's imprint.
        db = sqlite3.connect(os.path.join(self.data, "pactum.db"))
        db.execute("DROP TRIGGER checkpoints_append_only_update")
        size = db.execute("SELECT MIN(size) FROM checkpoint_timestamps").fetchone()[0]
        db.execute("UPDATE checkpoints SET note = replace(note, ?, ?) WHERE size = ?",
                   (f"\n{size}\n", f"\n{size + 100}\n", size))
        db.commit()
        db.close()
        altered = run("audit", "verify", "--data", self.data, "--tsa-ca", ca, check=False)
        self.assertEqual(altered.returncode, 1)
        self.assertIn(f"the time-stamp of checkpoint {size}", altered.stderr)

    def test_an_unreachable_authority_is_logged_and_retried_without_stopping_checkpoints(self):
        server = self.serve("--checkpoint-interval", "1", "--tsa", "http://127.0.0.1:9/none")
        status, _, text = server.anonymous().request("GET", "/checkpoint")
        deadline = time.time() + 10
        while status != 200 and time.time() < deadline:
            time.sleep(0.2)
            status, _, text = server.anonymous().request("GET", "/checkpoint")
        self.assertEqual(status, 200, "checkpoints go on without the authority")
        time.sleep(1.5)
        server.stop()
        self.assertIn("checkpoint not issued or not time-stamped", server.saved_output)
        self.assertIn("time-stamping authority", server.saved_output)


if __name__ == "__main__":
    import unittest
    unittest.main()
