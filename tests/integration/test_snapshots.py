"""Read-model snapshots (issue 20 §3, docs/operations.md "Snapshots"): a start from a snapshot
answers exactly as a start that replays the whole log; a snapshot the chain no longer bears out
(stale) or whose bytes changed (damaged) is not used, the log line says why, and the log is
replayed."""
import glob
import os
import shutil
import signal
import unittest

from harness import PASSWORD, PactumTestCase, Server, run


class Snapshots(PactumTestCase):
    def record_history(self, server):
        """Incidents in several stages, breaches the scheduler records, a closed one."""
        tech, comms, admin = (server.login(u) for u in ("tech-a", "comms-a", "admin"))
        ids = []
        for i in range(4):
            inc = tech.post("/api/v1/incidents", self.report_body(phenomenon=f"故障 {i}"), expect=201)
            ids.append(inc["incident"]["id"])
        comms.post(f"/api/v1/incidents/{ids[0]}/sync", {"note": "已在企业微信群同步"})
        admin.post(f"/api/v1/incidents/{ids[1]}/assess", {"impact": "severe", "urgency": "safety"})
        admin.post(f"/api/v1/incidents/{ids[2]}/assess", {"impact": "minor", "urgency": "normal"})
        tech.post(f"/api/v1/incidents/{ids[2]}/steps/L1.backup/complete",
                  {"evidence": [{"kind": "note", "text": "已切换到备用环境"}]})
        tech.post(f"/api/v1/incidents/{ids[2]}/notes", {"text": "供应商已到场"})
        admin.post(f"/api/v1/incidents/{ids[3]}/cancel", {"reason": "误报"})
        # Two hours on: the P2 syncs and P3 assessments are overdue, the scheduler breaches them.
        server.login("admin").post("/api/v1/dev/clock", {"advance": "2h"})
        self.wait(lambda: any(e["type"] == "obligation.breached"
                              for e in server.login("admin").get("/api/v1/events?limit=500")["events"]))
        return ids

    def answers(self, server, ids):
        """What the read model answers: lists, each incident, obligations, the tree's proofs."""
        admin = server.login("admin")
        head = admin.get("/readyz")["events"]
        out = {
            "incidents": admin.get("/api/v1/incidents?status=all"),
            "obligations": admin.get("/api/v1/obligations"),
            "events": admin.get("/api/v1/events?limit=500"),
            "consistency": admin.get(f"/api/v1/log/proof/consistency?old=3&new={head}"),
            "inclusion": admin.get(f"/api/v1/log/proof/inclusion?index=1&size={head}"),
        }
        for i in ids:
            out[i] = admin.get(f"/api/v1/incidents/{i}")
        for answer in out.values():
            answer.pop("now", None)  # when it was asked: the one thing that differs
        return out

    def snapshots(self):
        return sorted(glob.glob(os.path.join(self.data, "snapshots", "*.snapshot")))

    def test_a_start_from_a_snapshot_answers_as_a_full_replay(self):
        server = self.serve("--dev-clock-offset", "1h", "--snapshot-every", "5")
        ids = self.record_history(server)
        self.assertEqual(server.stop(), 0)
        self.assertIn('"snapshot taken"', server.output())
        self.assertTrue(self.snapshots())

        # Both starts at the same offset: deadlines compare as they did before the stop.
        restored = self.serve("--dev-clock-offset", "3h")
        self.assertIn("read model restored from a snapshot", restored.output())
        from_snapshot = self.answers(restored, ids)
        restored.stop(signal.SIGKILL)

        replayed = self.serve("--dev-clock-offset", "3h", "--snapshot-every", "0")
        self.assertNotIn("snapshot", replayed.output())
        replayed_answers = self.answers(replayed, ids)
        self.assertEqual(replayed_answers, from_snapshot)
        self.assertGreater(len(from_snapshot["incidents"]["incidents"]), 3)

    def test_a_stale_or_damaged_snapshot_is_not_used_and_the_log_is_replayed(self):
        # A snapshot of another installation's log, at a seq this log also has: stale.
        other = os.path.join(self.tmp, "other")
        run("init", "--data", other, "--plan", self.plan)
        run("user", "add", "admin", "--data", other, "--party", "A", "--contact", "a-zhang",
            "--admin", env={"PACTUM_PASSWORD": PASSWORD})
        server = self.serve("--snapshot-every", "5")
        ids = self.record_history(server)
        server.stop()
        own = self.snapshots()[-1]  # the newest, taken at the stop; the rest go
        shutil.move(own, os.path.join(self.tmp, "own.snapshot"))
        for older in self.snapshots():
            os.remove(older)
        stale_file = self.stale_snapshot(other, own)
        restarted = self.serve("--dev-clock-offset", "2h")
        self.assertRegex(restarted.output(), r'"snapshot not used[^\n]*"why":"stale: event \d+ of the log')
        stale = self.answers(restarted, ids)
        restarted.stop(signal.SIGKILL)

        os.remove(stale_file)
        shutil.copy(os.path.join(self.tmp, "own.snapshot"), own)
        with open(own, "r+b") as f:  # one byte changed in the middle
            f.seek(os.path.getsize(own) // 2)
            byte = f.read(1)
            f.seek(-1, os.SEEK_CUR)
            f.write(bytes([byte[0] ^ 0xFF]))
        restarted = self.serve("--dev-clock-offset", "2h")
        self.assertRegex(restarted.output(), r'"snapshot not used[^\n]*"why":"[^"]*damaged')
        damaged = self.answers(restarted, ids)
        restarted.stop(signal.SIGKILL)

        replayed = self.serve("--dev-clock-offset", "2h", "--snapshot-every", "0")
        expected = self.answers(replayed, ids)
        self.assertEqual(stale, expected)
        self.assertEqual(damaged, expected)

    def stale_snapshot(self, other, own):
        """A snapshot another installation took at its stop: at a seq this log has too (it is
        shorter), where this log's event has another hash."""
        server = Server(other, ["--snapshot-every", "1"], dev_clock=False).start()
        server.login("admin").post("/api/v1/incidents", self.report_body(), expect=201)
        server.stop()
        theirs = sorted(glob.glob(os.path.join(other, "snapshots", "*.snapshot")))[-1]
        self.assertLess(self.seq_of(theirs), self.seq_of(own))
        stale = os.path.join(os.path.dirname(own), os.path.basename(theirs))
        shutil.copy(theirs, stale)
        return stale

    @staticmethod
    def seq_of(path):
        return int(os.path.basename(path).split(".")[0])


if __name__ == "__main__":
    unittest.main()
