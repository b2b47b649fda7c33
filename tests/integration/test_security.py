"""Authentication and authorization against a real server: sign-in throttling (429 with
Retry-After, other users unaffected, the lockout recorded as evidence), tokens revoked through
the API and with the CLI beside a running server, sessions ended by an administrator, /metrics
behind a token, administrators limited to their own party, and acknowledgements only of what
is overdue."""
import json
import time
import unittest

from harness import PASSWORD, ApiError, Client, PactumTestCase, run


class Security(PactumTestCase):
    def sign_in(self, server, user, password):
        return Client(server.port).request("POST", "/api/v1/session",
                                           {"user": user, "password": password})

    def test_sign_in_is_throttled_per_user_and_the_lockout_is_recorded_as_evidence(self):
        server = self.serve()
        for _ in range(5):
            status, _, _ = self.sign_in(server, "tech-a", "not-the-password")
            self.assertEqual(status, 401)
        status, headers, body = self.sign_in(server, "tech-a", PASSWORD)
        self.assertEqual(status, 429, body)
        self.assertEqual(json.loads(body)["error"]["code"], "resource_exhausted")
        self.assertEqual(headers["Retry-After"], "30")
        # Another user from the same address is not locked out.
        admin = server.login("admin")
        events = admin.get("/api/v1/events?limit=10000")["events"]
        locked = [e for e in events if e["type"] == "signin.locked"]
        self.assertEqual(len(locked), 1)
        self.assertEqual(locked[0]["stream"], "security")
        self.assertEqual(locked[0]["payload"]["user"], "tech-a")
        self.assertEqual(locked[0]["payload"]["address"], "127.0.0.1")
        self.assertNotIn("not-the-password", json.dumps(locked[0]))
        # The wait runs on the server's clock; once over, the right password works.
        admin.post("/api/v1/dev/clock", {"advance": "1m"})
        server.login("tech-a")
        self.assertIn("intact", run("audit", "verify", "--data", self.data).stdout)

    def test_a_revoked_token_is_refused_at_once_or_within_a_second_when_revoked_by_the_cli(self):
        server = self.serve()
        tech = server.login("tech-a")
        created = tech.post("/api/v1/tokens", {"name": "scripts", "scopes": ["read"]}, expect=201)
        by_api = Client(server.port, token=created["token"])
        by_api.get("/api/v1/me")  # the server now remembers it
        tech.call("DELETE", f"/api/v1/tokens/{created['id']}", expect=200)
        with self.assertRaises(ApiError) as refused:
            by_api.get("/api/v1/me")
        self.assertEqual(refused.exception.status, 401)
        # The CLI on the data directory, beside the running server.
        secret = run("token", "create", "--data", self.data, "--user", "tech-b", "--name", "cron",
                     "--scopes", "read").stdout.strip()
        by_cli = Client(server.port, token=secret)
        by_cli.get("/api/v1/me")
        listing = run("token", "list", "--data", self.data, "--user", "tech-b").stdout
        self.assertIn("cron", listing)
        self.assertNotIn(secret, listing)
        token_id = listing.splitlines()[1].split()[0]
        run("token", "revoke", "--data", self.data, token_id)
        deadline = time.time() + 10  # refused within a second; generous on a loaded machine
        status = 200
        while time.time() < deadline:
            status, _, _ = by_cli.request("GET", "/api/v1/me")
            if status == 401:
                break
            time.sleep(0.1)
        self.assertEqual(status, 401)
        row = run("token", "list", "--data", self.data, "--user", "tech-b").stdout.splitlines()[1]
        self.assertRegex(row.split()[-1], r"^\d{4}-\d\d-\d\dT")  # listed with its revocation time

    def test_an_administrator_ends_a_members_sessions_but_not_another_partys(self):
        server = self.serve()
        tech = server.login("tech-a")
        leader_b = server.login("leader-b")
        with self.assertRaises(ApiError) as refused:
            leader_b.call("DELETE", "/api/v1/users/tech-a/sessions")
        self.assertEqual(refused.exception.status, 403)
        tech.get("/api/v1/me")
        ended = server.login("admin").call("DELETE", "/api/v1/users/tech-a/sessions")
        self.assertEqual(ended["sessions_ended"], 1)
        with self.assertRaises(ApiError) as gone:
            tech.get("/api/v1/me")
        self.assertEqual(gone.exception.status, 401)

    def test_an_administrator_adds_users_of_their_own_party_only(self):
        run("user", "add", "admin-b", "--data", self.data, "--party", "B", "--contact", "b-wang",
            "--admin", env={"PACTUM_PASSWORD": PASSWORD})
        server = self.serve()
        admin_b = server.login("admin-b")
        for body in ({"id": "mole", "party": "A", "contact": "a-chen", "password": PASSWORD},
                     {"id": "boss", "party": "A", "admin": True, "password": PASSWORD}):
            with self.assertRaises(ApiError) as refused:
                admin_b.post("/api/v1/users", body)
            self.assertEqual(refused.exception.status, 403)
            self.assertEqual(json.loads(refused.exception.body)["error"]["field"], "party")
        admin_b.post("/api/v1/users", {"id": "zheng", "party": "B", "contact": "b-zheng",
                                       "password": PASSWORD}, expect=201)
        ids = [u["id"] for u in admin_b.get("/api/v1/users")["users"]]
        self.assertIn("zheng", ids)
        self.assertNotIn("mole", ids)
        self.assertNotIn("boss", ids)

    def test_metrics_can_be_protected_by_a_token_with_the_metrics_scope(self):
        server = self.serve("--protect-metrics")
        status, _, _ = server.anonymous().request("GET", "/metrics")
        self.assertEqual(status, 401)
        metrics = run("token", "create", "--data", self.data, "--user", "admin", "--name",
                      "prometheus", "--scopes", "metrics").stdout.strip()
        status, _, body = Client(server.port, token=metrics).request("GET", "/metrics")
        self.assertEqual(status, 200)
        self.assertIn("pactum_http_requests_total", body)
        read = run("token", "create", "--data", self.data, "--user", "admin", "--name", "ro",
                   "--scopes", "read").stdout.strip()
        status, _, _ = Client(server.port, token=read).request("GET", "/metrics")
        self.assertEqual(status, 403)

    def test_only_an_overdue_obligation_is_acknowledged_and_an_unknown_one_is_404(self):
        server = self.serve()
        tech = server.login("tech-a")
        leader_b = server.login("leader-b")
        iid = tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        path = f"/api/v1/incidents/{iid}/acknowledge"
        leader_b.post(path, {"obligation": "no-such-obligation"}, expect=404)
        leader_b.post(path, {"obligation": "sync"}, expect=422)  # not yet due
        server.login("admin").post("/api/v1/dev/clock", {"advance": "61m"})  # the sync is missed
        server.login("tech-b").post(path, {"obligation": "sync"}, expect=403)  # not reached, no owner
        leader_b.post(path, {"obligation": "sync"}, expect=201)
        timeline = [e["type"] for e in tech.get(f"/api/v1/incidents/{iid}")["timeline"]]
        self.assertIn("obligation.breached", timeline)
        self.assertIn("notification.acknowledged", timeline)


if __name__ == "__main__":
    unittest.main()
