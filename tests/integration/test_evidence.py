"""The record as evidence: `serve` verifies the chain before it serves and refuses an altered or
cut-back log, naming the event; incident numbers have no gaps; `audit verify` reads a data
directory on read-only media; a start on a full disk says so plainly and leaves nothing behind."""
import os
import re
import sqlite3
import subprocess
import tempfile
import unittest

from harness import BINARY, TEST_PLAN, PactumTestCase, Server, run

IS_ROOT = os.geteuid() == 0


def in_mount_namespace(script):
    """Runs a shell script in a mount namespace of its own (root only): its mounts vanish with it."""
    return subprocess.run(["unshare", "-m", "sh", "-euc", script], capture_output=True, text=True,
                          timeout=120)


class EvidenceAtStart(PactumTestCase):
    def edit(self, *statements):
        db = sqlite3.connect(os.path.join(self.data, "pactum.db"))
        db.execute("DROP TRIGGER IF EXISTS events_append_only_update")
        db.execute("DROP TRIGGER IF EXISTS events_append_only_delete")
        for s in statements:
            db.execute(s)
        db.commit()
        db.close()

    def start_fails(self):
        server = Server(self.data, dev_clock=True)
        with self.assertRaises(AssertionError) as refused:
            server.start()
        return str(refused.exception)

    def reports(self, n):
        server = self.serve()
        tech = server.login("tech-a")
        ids = [tech.post("/api/v1/incidents", self.report_body(phenomenon=f"事件{i}"),
                         expect=201)["incident"]["id"] for i in range(n)]
        server.stop()
        return ids

    def test_serve_refuses_to_start_on_an_altered_event_and_names_it(self):
        self.reports(2)
        self.edit("UPDATE events SET payload = replace(payload, '事件1', '事件9') "
                  "WHERE type = 'incident.reported' AND payload LIKE '%事件1%'")
        seq = sqlite3.connect(os.path.join(self.data, "pactum.db")).execute(
            "SELECT seq FROM events WHERE payload LIKE '%事件9%'").fetchone()[0]
        output = self.start_fails()
        self.assertIn("the evidence chain is broken", output)
        self.assertIn(f"event {seq} ", output)
        self.assertIn("altered", output)

    def test_serve_refuses_a_log_cut_back_below_what_it_verified_before(self):
        self.reports(3)
        self.serve().stop()  # this start verifies the three reports and keeps the head
        head = sqlite3.connect(os.path.join(self.data, "pactum.db")).execute(
            "SELECT MAX(seq) FROM events").fetchone()[0]
        self.edit(f"DELETE FROM events WHERE seq > {head - 2}")
        output = self.start_fails()
        self.assertIn(f"event {head} was verified before", output)
        self.assertIn("events have been removed", output)

    def test_a_start_verifies_only_what_was_appended_since_the_last(self):
        self.reports(2)
        verified = r'"msg":"evidence chain verified","events":(\d+)'
        second = self.serve()
        second.stop()
        self.assertRegex(second.saved_output, verified)
        self.assertEqual(re.search(verified, second.saved_output)[1], "2", "the two reports")
        third = self.serve()
        third.stop()
        self.assertEqual(re.search(verified, third.saved_output)[1], "0", "nothing new")

    def test_P1_refused_reports_take_no_incident_number(self):
        server = self.serve()
        tech = server.login("tech-a")
        first = tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        tech.post("/api/v1/incidents", self.report_body(trigger="T9"), expect=400)
        tech.post("/api/v1/incidents", self.report_body(condition="T1.nothing"), expect=400)
        second = tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        self.assertEqual(int(second[-4:]), int(first[-4:]) + 1, (first, second))


class ReadOnlyMedia(PactumTestCase):
    def test_audit_verify_reads_a_data_directory_on_read_only_media(self):
        server = self.serve()
        server.login("tech-a").post("/api/v1/incidents", self.report_body(), expect=201)
        server.stop()
        before = sorted(os.listdir(self.data))
        if IS_ROOT:  # root writes through permissions: a read-only bind mount is the real thing
            mount = os.path.join(self.tmp, "readonly")
            os.mkdir(mount)
            p = in_mount_namespace(f"mount --bind -o ro '{self.data}' '{mount}'\n"
                                   f"'{BINARY}' audit verify --data '{mount}'")
        else:
            os.chmod(self.data, 0o555)
            try:
                p = subprocess.run([BINARY, "audit", "verify", "--data", self.data],
                                   capture_output=True, text=True, timeout=120)
            finally:
                os.chmod(self.data, 0o755)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("intact:", p.stdout)
        self.assertEqual(sorted(os.listdir(self.data)), before, "audit verify writes nothing")


@unittest.skipUnless(IS_ROOT or os.environ.get("CI") == "true", "needs root to mount a small tmpfs")
class FullDisk(unittest.TestCase):
    def test_starting_on_a_full_disk_says_so_and_leaves_no_stray_files(self):
        disk = tempfile.mkdtemp(prefix="pactum-full-")
        try:
            p = in_mount_namespace(f"""
mount -t tmpfs -o size=256k tmpfs '{disk}'
dd if=/dev/zero of='{disk}/filler' bs=4k 2>/dev/null || true
set +e
'{BINARY}' init --data '{disk}/new/data' --plan '{TEST_PLAN}'
echo "init=$?"
mkdir '{disk}/existing' 2>/dev/null || true
'{BINARY}' serve --data '{disk}/existing' --listen 127.0.0.1:0
echo "serve=$?"
echo "left: $(ls -A '{disk}' '{disk}/existing' | tr '\\n' ' ')"
""")
            self.assertIn("init=1", p.stdout, p.stdout + p.stderr)
            self.assertIn("serve=1", p.stdout, p.stdout + p.stderr)
            self.assertIn(f"no space left on device in {disk}/new/data", p.stderr)
            self.assertIn(f"no space left on device in {disk}/existing", p.stderr)
            listing = p.stdout.split("left:", 1)[1].split()
            self.assertNotIn("new", listing, "a directory made by the failed start is removed")
            self.assertEqual([f for f in listing if f.startswith(("pactum.db", "secret"))], [],
                             "no database, journal or key file is left behind")
            self.assertIn("filler", listing)
        finally:
            os.rmdir(disk)


if __name__ == "__main__":
    unittest.main()
