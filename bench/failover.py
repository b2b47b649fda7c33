#!/usr/bin/python3
"""Failover time with several nodes on one PostgreSQL (issue 20 §5): kill -9 the node that holds
the scheduler's lease while a breach is due, and measure how long until the other node has
taken the lease and recorded that breach.

    bench/failover.py [ROUNDS]      (default 3; PACTUM_BINARY, default build/debug/bin/pactum)

Each round: a throwaway PostgreSQL 15 (tests/support/pg_cluster.py), two `pactum serve` nodes,
one incident reported; the standby's dev clock is moved 61 minutes on (the report's sync
obligation is then overdue by its clock only, so the leader records nothing), the leader is killed
and the standby's timeline is polled every 50 ms. The lease is 6 s, renewed every 2 s: expect
6–8 s. Standard library only (Debian's /usr/bin/python3).
"""
import json
import os
import signal
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "support"))
os.environ.setdefault("PACTUM_SOURCE_DIR", os.path.join(HERE, ".."))
os.environ.setdefault("PACTUM_BINARY", os.path.join(HERE, "..", "build", "debug", "bin", "pactum"))

import harness  # noqa: E402
import pg_cluster  # noqa: E402


def role(node):
    status, _, text = node.anonymous().request("GET", "/readyz")
    return json.loads(text).get("scheduler") if status == 200 else None


def poll(what, timeout=60, every=0.05):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = what()
        if value:
            return value
        time.sleep(every)
    raise RuntimeError("timed out")


def one_round(tmp):
    cluster = tempfile.mkdtemp(prefix="pactum-failover-pg-")  # its own: pg_cluster opens it up
    url = pg_cluster.create_database(pg_cluster.start(cluster), "pactum")
    nodes = []
    try:
        data = os.path.join(tmp, "data")
        harness.run("init", "--data", data, "--store", url, "--plan", harness.TEST_PLAN)
        harness.run("user", "add", "admin", "--data", data, "--party", "A", "--contact",
                    "a-zhang", "--admin", env={"PACTUM_PASSWORD": harness.PASSWORD,
                                               "PACTUM_STORE": url})
        nodes = [harness.Server(data, ["--store", url]).start() for _ in range(2)]
        roles = poll(lambda: (lambda r: r.count("leader") == 1 and r)([role(n) for n in nodes]))
        leader = nodes[roles.index("leader")]
        standby = nodes[1 - roles.index("leader")]
        admin = standby.login("admin")
        iid = admin.post("/api/v1/incidents", harness.PactumTestCase.report_body(),
                         expect=201)["incident"]["id"]
        standby.login("admin").post("/api/v1/dev/clock", {"advance": "61m"})
        admin = standby.login("admin")

        def breached():
            timeline = admin.get(f"/api/v1/incidents/{iid}")["timeline"]
            return any(e["type"] == "obligation.breached" for e in timeline)

        assert not breached(), "recorded before the kill: by a node without the lease?"
        killed = time.time()
        leader.stop(signal.SIGKILL)
        poll(lambda: role(standby) == "leader")
        lease = time.time() - killed
        poll(breached)
        return lease, time.time() - killed
    finally:
        for n in nodes:
            n.stop(signal.SIGKILL)
        pg_cluster.stop(cluster)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    leases, breaches = [], []
    for i in range(rounds):
        with tempfile.TemporaryDirectory(prefix="pactum-failover-") as tmp:
            lease, breach = one_round(tmp)
        leases.append(lease)
        breaches.append(breach)
        print(f"round {i + 1}: lease taken {lease:.2f} s, first breach recorded {breach:.2f} s "
              "after kill -9", flush=True)
    print(f"failover (kill -9 to first breach by the new leader): median "
          f"{statistics.median(breaches):.2f} s, min {min(breaches):.2f} s, "
          f"max {max(breaches):.2f} s over {rounds} rounds")


if __name__ == "__main__":
    main()
