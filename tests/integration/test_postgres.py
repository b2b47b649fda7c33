"""The PostgreSQL store (docs/operations.md, "PostgreSQL"): `pactum init`, `user add`, `serve`,
`audit verify` and `backup` with --store postgres://… against a real, throwaway PostgreSQL 15 that
the test starts (tests/support/pg_cluster.py); `pactum migrate` copies a SQLite data directory
into PostgreSQL keeping every seq and hash; a PostgreSQL that goes away is 503 with Retry-After
and is found again when it is back."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

from harness import PASSWORD, TEST_PLAN, USERS, PactumTestCase, Server, run

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import pg_cluster  # noqa: E402


class PostgresCluster:
    """A throwaway cluster for one test class (mixed into its setUpClass/tearDownClass)."""

    @classmethod
    def setUpClass(cls):
        cls.cluster_dir = tempfile.mkdtemp(prefix="pactum-it-postgres-")
        cls.admin_url = pg_cluster.start(cls.cluster_dir)  # fails, saying why, without PostgreSQL
        cls.databases = 0

    @classmethod
    def tearDownClass(cls):
        pg_cluster.stop(cls.cluster_dir)

    def new_database(self):
        type(self).databases += 1
        return pg_cluster.create_database(self.admin_url, f"pactum_{type(self).databases}")


def head_of(verified):
    m = re.search(r"intact: (\d+) events .* head ([0-9a-f]{64})", verified)
    assert m, verified
    return int(m.group(1)), m.group(2)


class PostgresStore(PostgresCluster, unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pactum-it-")
        self.data = os.path.join(self.tmp, "data")  # the server's keys only
        self.url = self.new_database()
        run("init", "--data", self.data, "--store", self.url, "--plan", TEST_PLAN)
        for user, party, contact, admin in USERS:
            args = ["user", "add", user, "--data", self.data, "--party", party, "--contact", contact]
            run(*args, *(["--admin"] if admin else []),
                env={"PACTUM_PASSWORD": PASSWORD, "PACTUM_STORE": self.url})
        self.servers = []

    def tearDown(self):
        for s in self.servers:
            s.stop(signal.SIGKILL)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def serve(self):
        s = Server(self.data, ["--store", self.url]).start()
        self.servers.append(s)
        return s

    def test_an_incident_flows_through_a_server_on_postgres_and_the_chain_verifies(self):
        server = self.serve()
        tech_a, comms_a, admin = (server.login(u) for u in ("tech-a", "comms-a", "admin"))
        r = tech_a.post("/api/v1/incidents", PactumTestCase.report_body(), expect=201)
        iid = r["incident"]["id"]
        comms_a.post(f"/api/v1/incidents/{iid}/sync", {"note": "已在企业微信群同步"})
        assessed = admin.post(f"/api/v1/incidents/{iid}/assess", {"impact": "minor", "urgency": "normal"})
        self.assertEqual(assessed["incident"]["level"], "L1")
        admin.post(f"/api/v1/incidents/{iid}/notes", {"text": "数据库已切换"})
        self.assertEqual(server.stop(), 0)
        self.assertFalse(os.path.exists(os.path.join(self.data, "pactum.db")),
                         "nothing was written to SQLite")
        # A restart reads everything back from PostgreSQL.
        again = self.serve().login("admin").get(f"/api/v1/incidents/{iid}")
        self.assertEqual(again["level"], "L1")
        verified = run("audit", "verify", "--data", self.data, "--store", self.url).stdout
        events, head = head_of(verified)
        self.assertGreater(events, 4)
        by_env = run("audit", "verify", "--data", self.data, env={"PACTUM_STORE": self.url})
        self.assertEqual(head_of(by_env.stdout), (events, head))
        # A backup of a PostgreSQL store is the same SQLite file as any other: restorable.
        backup = os.path.join(self.tmp, "pg-backup.db")
        backed_up = run("backup", "--data", self.data, "--store", self.url, "--to", backup).stdout
        self.assertIn("backed up to", backed_up)
        restored = os.path.join(self.tmp, "restored")
        run("restore", "--from", backup, "--data", restored)
        self.assertEqual(head_of(run("audit", "verify", "--data", restored).stdout)[1], head)

    def test_serve_on_postgres_refuses_an_altered_event_and_names_the_store_to_verify(self):
        server = self.serve()
        server.login("tech-a").post("/api/v1/incidents",
                                    PactumTestCase.report_body(phenomenon="原始描述"), expect=201)
        self.assertEqual(server.stop(), 0)
        # Only a superuser who turns the append-only trigger off can change a stored event.
        subprocess.run(["/usr/bin/psql", self.url, "-q", "-v", "ON_ERROR_STOP=1", "-c",
                        "ALTER TABLE events DISABLE TRIGGER events_append_only; "
                        "UPDATE events SET payload = replace(payload, '原始描述', '改过的描述') "
                        "WHERE type = 'incident.reported'"], check=True, capture_output=True)
        with self.assertRaises(AssertionError) as refused:
            self.serve()
        self.assertIn("the evidence chain is broken", str(refused.exception))
        self.assertIn(f"pactum audit verify --data {self.data} --store {self.url}",
                      str(refused.exception))

    def test_a_postgres_that_goes_away_is_503_with_retry_after_and_is_found_again(self):
        server = self.serve()
        tech_a = server.login("tech-a")
        pg_cluster.halt(self.cluster_dir)
        try:
            status, headers, _ = tech_a.request("POST", "/api/v1/incidents",
                                                PactumTestCase.report_body())
            self.assertEqual(status, 503)
            self.assertEqual(headers.get("Retry-After"), "1")
        finally:
            pg_cluster.resume(self.cluster_dir)
        r = tech_a.post("/api/v1/incidents", PactumTestCase.report_body(), expect=201)
        self.assertTrue(r["incident"]["id"])
        run("audit", "verify", "--data", self.data, "--store", self.url)

    def test_a_store_that_is_not_a_postgres_url_is_refused_by_name(self):
        p = run("audit", "verify", "--data", self.data, "--store", "mysql://x/y", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("--store", p.stderr)


class Migrate(PostgresCluster, PactumTestCase):
    def test_migrate_copies_a_sqlite_store_keeping_every_seq_and_hash(self):
        server = self.serve()
        iid = server.login("tech-a").post("/api/v1/incidents", self.report_body(),
                                          expect=201)["incident"]["id"]
        self.assertEqual(server.stop(), 0)
        before = head_of(run("audit", "verify", "--data", self.data).stdout)
        url = self.new_database()
        migrated = run("migrate", "--from", self.data, "--to", url).stdout
        self.assertIn("migrated", migrated)
        # Each side's chain line (beside its evidence files' "intact" line) names the same head.
        chains = [line for line in migrated.splitlines() if "intact" in line and " head " in line]
        self.assertEqual([head_of(line) for line in chains], [before, before],
                         "both sides verified, the same chain")
        self.assertEqual(head_of(run("audit", "verify", "--data", self.data, "--store",
                                     url).stdout), before)
        # The accounts came along: the same users sign in to a server on PostgreSQL.
        on_postgres = Server(self.data, ["--store", url]).start()
        self.servers.append(on_postgres)
        got = on_postgres.login("admin").get(f"/api/v1/incidents/{iid}")
        self.assertEqual(got["id"], iid)
        on_postgres.stop()
        again = run("migrate", "--from", self.data, "--to", url, check=False)
        self.assertNotEqual(again.returncode, 0)
        self.assertIn("holds a store already", again.stderr)


if __name__ == "__main__":
    unittest.main()
