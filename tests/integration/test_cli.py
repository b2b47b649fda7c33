"""The command line against a real server and data directory: tokens, incident commands over
HTTP, settings from flags, environment and a config file, and user management."""
import http.client
import json
import os
import subprocess
import time
import unittest

from harness import BINARY, PactumTestCase, free_port, run


def listening(port):
    """Whether a server answers /healthz on the port within five seconds."""
    for _ in range(100):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/healthz")
            ok = c.getresponse().status == 200
            c.close()
            return ok
        except OSError:
            time.sleep(0.05)
    return False


class CommandLine(PactumTestCase):
    def test_incident_report_list_and_show_over_http_with_a_token(self):
        server = self.serve()
        token = run("token", "create", "--data", self.data, "--user", "tech-a", "--name", "cli",
                    "--scopes", "read,write").stdout.strip()
        self.assertTrue(token.startswith("pt_"))
        env = {"PACTUM_SERVER": f"http://127.0.0.1:{server.port}", "PACTUM_TOKEN": token}
        p = run("incident", "report", "--trigger", "T1", "--condition", "T1.outage",
                "--phenomenon", "订单系统无法访问", "--scope", "全部线上订单",
                "--cause", "数据库主节点宕机", "--responsible", "A", env=env)
        iid = p.stdout.strip()
        self.assertRegex(iid, r"^INC-\d{4}-0001$")
        listed = run("incident", "list", env=env).stdout
        self.assertIn(iid, listed)
        self.assertIn("订单系统无法访问", listed)
        as_json = json.loads(run("incident", "list", "--json", env=env).stdout)
        self.assertEqual(as_json["incidents"][0]["id"], iid)
        shown = run("incident", "show", iid, env=env).stdout
        self.assertIn("incident.reported", shown)
        self.assertIn("P3", shown)
        # A bad request says what was wrong, with the field.
        bad = run("incident", "report", "--trigger", "T9", "--phenomenon", "x", "--scope", "y",
                  "--cause", "z", "--responsible", "A", env=env, check=False)
        self.assertEqual(bad.returncode, 1)
        self.assertIn("trigger", bad.stderr)
        # A read-only token cannot report.
        ro = run("token", "create", "--data", self.data, "--user", "tech-a", "--name", "ro",
                 "--scopes", "read").stdout.strip()
        denied = run("incident", "report", "--trigger", "T1", "--phenomenon", "x", "--scope", "y",
                     "--cause", "z", "--responsible", "A",
                     env={**env, "PACTUM_TOKEN": ro}, check=False)
        self.assertEqual(denied.returncode, 1)
        self.assertIn("403", denied.stderr)

    def test_settings_come_from_flags_then_environment_then_the_config_file(self):
        port_file, port_env, port_flag = free_port(), free_port(), free_port()
        config = os.path.join(self.tmp, "pactum.yaml")
        with open(config, "w") as f:
            f.write(f"listen: 127.0.0.1:{port_file}\ndata: {self.data}\nlog_level: warn\n")
        # (The harness passes --listen itself: these servers are started by hand.)
        for env, port in (({}, port_file), ({"PACTUM_LISTEN": f"127.0.0.1:{port_env}"}, port_env)):
            proc = subprocess.Popen([BINARY, "serve", "--config", config],
                                    env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            try:
                self.assertTrue(listening(port), f"not listening on {port} with {env}")
            finally:
                proc.terminate()
                self.assertEqual(proc.wait(timeout=20), 0)
        proc = subprocess.Popen([BINARY, "serve", "--config", config, "--listen", f"127.0.0.1:{port_flag}"],
                                env={**os.environ, "PACTUM_LISTEN": f"127.0.0.1:{port_env}"},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self.assertTrue(listening(port_flag))
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        bad = os.path.join(self.tmp, "bad.yaml")
        with open(bad, "w") as f:
            f.write("lisen: 127.0.0.1:1\n")
        p = run("serve", "--config", bad, check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn('unknown setting "lisen"', p.stderr)

    def test_users_are_added_with_a_password_from_stdin_and_can_change_it(self):
        p = run("user", "add", "wang.fang", "--data", self.data, "--party", "A", "--contact", "a-wang",
                input="a-long-password\n")
        self.assertIn('user "wang.fang" added', p.stdout)
        short = run("user", "add", "x", "--data", self.data, "--party", "A", input="short\n", check=False)
        self.assertEqual(short.returncode, 1)
        self.assertIn("at least 10", short.stderr)
        wrong_party = run("user", "add", "y", "--data", self.data, "--party", "A", "--contact", "b-wang",
                          input="a-long-password\n", check=False)
        self.assertIn("belongs to party", wrong_party.stderr)
        run("user", "passwd", "wang.fang", "--data", self.data, input="another-long-password\n")
        server = self.serve()
        server.login("wang.fang", "another-long-password")

    def test_plan_activation_needs_a_higher_version(self):
        p = run("plan", "activate", os.path.join(os.environ.get("PACTUM_SOURCE_DIR", "."),
                                                 "examples", "cooperation-plan.yaml"),
                "--data", self.data, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("higher version", p.stderr)


if __name__ == "__main__":
    unittest.main()
