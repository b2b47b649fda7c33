"""The preparedness programme over HTTP: drills, trainings and meetings recorded on the
log by the people the plan allows, refused with 400 naming the field (nothing written), and the
year's duties (V2, E3, E4, G2) met by them, also after a restart; action items (a drill's
improvements, a meeting's actions) tracked to completion; duties waived with a reason; and
`make demo`'s past year of records (scripts/demo-records)."""
import csv
import datetime
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

from harness import TEST_PLAN, SOURCE, ApiError, PactumTestCase, Server, run

SHANGHAI = 8 * 3600  # Asia/Shanghai has no daylight-saving time


def iso(seconds_ago):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - seconds_ago))


def local_quarter(seconds_ago):
    t = time.gmtime(time.time() - seconds_ago + SHANGHAI)
    return t.tm_year, f"{t.tm_year}-Q{(t.tm_mon - 1) // 3 + 1}"


def duty(duties, rule, period, subject=""):
    for d in duties:
        if d["rule"] == rule and d["period"] == period and d["subject"] == subject:
            return d
    raise AssertionError(f"no {rule} duty for {period} {subject}: {duties}")


class ProgrammeTest(PactumTestCase):
    def setUp(self):
        super().setUp()
        self.server = self.serve()
        self.admin = self.server.login("admin")  # leader of A: may record drills
        self.comms = self.server.login("comms-a")  # communications lead of A: may record trainings
        self.finance = self.server.login("finance-a")

    def drill(self, **overrides):
        body = {
            "kind": "tabletop",
            "scenario": "technical_failure",
            "held_at": iso(3600),
            "participants": ["a-zhang", "a-li", "a-wang", "b-wang", "b-zhou"],
            "findings": "The deputies' phone numbers were out of date",
            "improvements": [{"text": "Print the deputies' numbers", "owner_role": "communications_lead",
                              "owner_party": "A", "due": "2099-01-01"}],
            "assessment": [{"contact": "a-zhang", "passed": True}, {"contact": "a-li", "passed": True},
                           {"contact": "a-wang", "passed": False}, {"contact": "b-wang", "passed": True},
                           {"contact": "b-zhou", "passed": False}],
        }
        body.update(overrides)
        return body

    def test_V2_a_recorded_drill_meets_the_quarter_and_E4_a_training_meets_the_remedial(self):
        year, quarter = local_quarter(3600)
        before = duty(self.admin.get(f"/api/v1/programme?year={year}")["duties"], "V2", quarter)
        self.assertEqual(before["state"], "open")
        self.assertEqual(before["owner_role"], "leader")

        status, headers, text = self.admin.request("POST", "/api/v1/drills", self.drill())
        self.assertEqual(status, 201, text)
        drill = json.loads(text)
        self.assertRegex(drill["id"], r"^DR-\d{4}-0001$")
        self.assertEqual(headers["Location"], "/api/v1/drills/" + drill["id"])
        self.assertEqual(self.comms.get("/api/v1/drills/" + drill["id"])["scenario"], "technical_failure")
        self.assertEqual([d["id"] for d in self.comms.get("/api/v1/drills")["drills"]], [drill["id"]])

        duties = self.comms.get(f"/api/v1/programme?year={year}")["duties"]
        v2 = duty(duties, "V2", quarter)
        self.assertEqual(v2["state"], "met")
        self.assertEqual(v2["met_by"], [drill["id"]])
        # E4: 3 of 5 passed (60 %, below the plan's 80 %): those who failed owe remedial training.
        remedial = [d for d in duties if d["rule"] == "E4"]
        self.assertEqual(sorted(d["subject"] for d in remedial), ["a-wang", "b-zhou"])
        self.assertTrue(all(d["state"] == "open" for d in remedial))

        # The drill's improvement item is a topic the training may cover (V2 feeds E1).
        training = self.comms.post("/api/v1/trainings", {
            "kind": "remedial", "topics": ["Print the deputies' numbers"], "held_at": iso(600),
            "trainer": "a-liu", "attendees": ["a-wang"],
            "assessment": [{"contact": "a-wang", "passed": True}]}, expect=201)
        self.assertRegex(training["id"], r"^TR-\d{4}-0001$")
        meeting = self.admin.post("/api/v1/meetings", {
            "meeting": "annual_review", "held_at": iso(300), "participants": ["a-zhang", "b-wang"],
            "decisions": ["Keep the plan as it is"], "outcome": "no_change"}, expect=201)
        self.assertRegex(meeting["id"], r"^MT-\d{4}-0001$")

        # Rebuilt from the log after a restart.
        self.server.stop()
        self.servers.remove(self.server)
        self.server = self.serve()
        reader = self.server.login("tech-b")
        duties = reader.get(f"/api/v1/programme?year={year}")["duties"]
        wang = [d for d in duties if d["rule"] == "E4" and d["subject"] == "a-wang"][0]
        self.assertEqual(wang["state"], "met")
        self.assertEqual(wang["met_by"], [training["id"]])
        self.assertEqual(duty(duties, "G2", str(year))["state"], "met")
        self.assertEqual(len(reader.get("/api/v1/trainings")["trainings"]), 1)
        self.assertEqual(reader.get("/api/v1/meetings")["meetings"][0]["outcome"], "no_change")
        # C2: the roster flags whoever has no training within the plan's valid_for (1 year).
        roster = {c["id"]: c["training"] for c in reader.get("/api/v1/roster")["contacts"]}
        self.assertTrue(roster["a-wang"]["current"])
        self.assertIsNotNone(roster["a-wang"]["last_trained"])
        self.assertFalse(roster["a-zhang"]["current"])
        self.assertIsNone(roster["a-zhang"]["last_trained"])

    def test_V2_E4_the_years_figures_and_its_duties_as_csv(self):
        year, quarter = local_quarter(3600)
        drill = self.admin.post("/api/v1/drills", self.drill(), expect=201)
        answer = self.comms.get(f"/api/v1/programme?year={year}")
        figures = answer["figures"]
        self.assertEqual(figures["drills_by_kind"], {"tabletop": 1, "live": 0})
        self.assertEqual(figures["pass_rates"][0]["record"], drill["id"])
        self.assertEqual(figures["pass_rates"][0]["percent"], 60)  # 3 of 5
        self.assertTrue(figures["pass_rates"][0]["below"])
        self.assertEqual(figures["pass_threshold"], 80)
        self.assertEqual([c["role"] for c in figures["training_coverage"]],
                         ["leader", "tech_lead", "finance_lead", "communications_lead"])
        counts = figures["duties"]
        self.assertEqual(sum(counts.values()), len(answer["duties"]))

        # The same duties as CSV, for a regulator with curl or a spreadsheet.
        status, headers, text = self.comms.request("GET", f"/api/v1/programme?year={year}&format=csv")
        self.assertEqual(status, 200, text)
        self.assertEqual(headers["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn(f'filename="programme-{year}.csv"', headers["Content-Disposition"])
        self.assertTrue(text.startswith("\ufeff"))  # so spreadsheets read the Chinese as UTF-8
        rows = list(csv.DictReader(io.StringIO(text[1:], newline="")))
        self.assertEqual(len(rows), len(answer["duties"]))
        v2 = [r for r in rows if r["rule"] == "V2" and r["period"] == quarter][0]
        self.assertEqual((v2["state"], v2["met_by"], v2["title_zh"]), ("met", drill["id"], "应急演练"))
        with self.assertRaises(ApiError) as e:
            self.comms.get(f"/api/v1/programme?year={year}&format=xml")
        self.assertEqual(e.exception.status, 400)
        self.assertIn('"field":"format"', e.exception.body.replace(" ", ""))

    def test_bad_records_are_400_naming_the_field_and_nothing_is_written(self):
        cases = [
            (self.drill(participants=["a-zhang", "stranger"]), "participants[1]"),
            (self.drill(participants=[]), "participants"),
            (self.drill(scenario="meteor"), "scenario"),
            (self.drill(kind="simulation"), "kind"),
            (self.drill(held_at=iso(-86400)), "held_at"),
            (self.drill(improvements=[{"text": "x", "owner_role": "boss", "owner_party": "A",
                                       "due": "2099-01-01"}]), "improvements[0].owner_role"),
            (self.drill(improvements=[{"text": "x", "owner_role": "leader", "owner_party": "A",
                                       "due": "soon"}]), "improvements[0].due"),
        ]
        for body, field in cases:
            with self.subTest(field=field):
                with self.assertRaises(ApiError) as e:
                    self.admin.post("/api/v1/drills", body)
                self.assertEqual(e.exception.status, 400, e.exception.body)
                self.assertIn(f'"field":"{field}"', e.exception.body.replace(" ", ""))
        with self.assertRaises(ApiError) as e:
            self.comms.post("/api/v1/trainings", {"kind": "lecture", "topics": ["x"], "held_at": iso(60),
                                                  "trainer": "a-liu", "attendees": ["a-li"]})
        self.assertEqual(e.exception.status, 400)
        with self.assertRaises(ApiError) as e:
            self.comms.post("/api/v1/trainings", {"kind": "refresher", "topics": ["Astrology"],
                                                  "held_at": iso(60), "trainer": "a-liu", "attendees": ["a-li"]})
        self.assertIn('"field":"topics[0]"', e.exception.body.replace(" ", ""))
        # M1: minutes of the daily incident meeting name an incident that exists.
        with self.assertRaises(ApiError) as e:
            self.comms.post("/api/v1/meetings", {"meeting": "incident-daily", "held_at": iso(60),
                                                 "participants": ["a-liu", "b-wu"],
                                                 "incident": "INC-2099-0001"})
        self.assertEqual(e.exception.status, 400)
        self.assertIn('"field":"incident"', e.exception.body.replace(" ", ""))
        # finance_lead is not among the plan's permissions.record_drill roles.
        with self.assertRaises(ApiError) as e:
            self.finance.post("/api/v1/drills", self.drill())
        self.assertEqual(e.exception.status, 403)
        self.assertEqual(self.admin.get("/api/v1/drills")["drills"], [])
        self.assertEqual(self.admin.get("/api/v1/trainings")["trainings"], [])
        self.assertEqual(self.admin.get("/api/v1/meetings")["meetings"], [])
        with self.assertRaises(ApiError) as e:
            self.admin.get("/api/v1/programme?year=20x6")
        self.assertEqual(e.exception.status, 400)
        with self.assertRaises(ApiError) as e:
            self.admin.get("/api/v1/drills/DR-2026-9999")
        self.assertEqual(e.exception.status, 404)

    def refused(self, client, path, body, status=400):
        with self.assertRaises(ApiError) as e:
            client.post(path, body)
        self.assertEqual(e.exception.status, status, e.exception.body)
        return json.loads(e.exception.body)["error"]

    def test_V2_a_drill_has_a_duration_a_facilitator_and_evidence(self):
        evidence = [{"kind": "file", "text": "The scenario handout", "ref": "sha256:ab12"},
                    {"kind": "note", "text": "Recorded in the WeCom group", "ref": ""}]
        drill = self.admin.post("/api/v1/drills", self.drill(duration="90m", facilitator="b-zhou",
                                                             evidence=evidence), expect=201)
        got = self.comms.get("/api/v1/drills/" + drill["id"])
        self.assertEqual((got["duration"], got["facilitator"], got["evidence"]), ("90m", "b-zhou", evidence))
        self.assertEqual(self.comms.get("/api/v1/drills")["drills"][0]["duration"], "90m")
        for body, field in [(self.drill(duration="soon"), "duration"), (self.drill(duration="2mo"), "duration"),
                            (self.drill(facilitator="stranger"), "facilitator"),
                            (self.drill(evidence=[{"kind": "file", "text": "x"}]), "evidence[0].ref"),
                            (self.drill(evidence=[{"kind": "video", "text": "x"}]), "evidence.kind")]:
            with self.subTest(field=field):
                self.assertEqual(self.refused(self.admin, "/api/v1/drills", body)["field"], field)
        self.assertEqual(len(self.admin.get("/api/v1/drills")["drills"]), 1)

    def test_V2_improvement_items_are_tracked_to_completion_and_are_duties(self):
        yesterday = (datetime.datetime.utcfromtimestamp(time.time() + SHANGHAI) - datetime.timedelta(days=1)).date()
        drill = self.admin.post("/api/v1/drills", self.drill(improvements=[
            {"text": "Print the deputies' numbers", "owner_role": "communications_lead", "owner_party": "A",
             "due": "2099-01-01"},
            {"text": "Test the backup group", "owner_role": "tech_lead", "owner_party": "B",
             "due": yesterday.isoformat()}]), expect=201)
        items = drill["improvements"]
        self.assertEqual([(i["id"], i["n"], i["state"]) for i in items],
                         [(drill["id"] + ".1", 1, "open"), (drill["id"] + ".2", 2, "overdue")])
        path = f"/api/v1/drills/{drill['id']}/improvements"
        # Neither its owner (A's communications lead) nor a leader (permissions.complete_item).
        self.refused(self.finance, path + "/1/complete", {"note": "done"}, 403)
        self.assertEqual(self.refused(self.comms, path + "/1/complete", {"note": " "})["field"], "note")
        self.assertEqual(self.refused(self.comms, path + "/1/complete", {})["field"], "note")
        self.refused(self.comms, path + "/3/complete", {"note": "x"}, 404)
        self.refused(self.comms, "/api/v1/drills/DR-2000-0001/improvements/1/complete", {"note": "x"}, 404)
        self.assertEqual(self.admin.get("/api/v1/drills/" + drill["id"])["improvements"][0]["state"], "open")

        done = self.comms.post(path + "/1/complete", {"note": "Printed and pinned"})
        first = done["improvements"][0]
        self.assertEqual((first["state"], first["done_by"], first["note"]), ("done", "comms-a", "Printed and pinned"))
        self.refused(self.comms, path + "/1/complete", {"note": "again"}, 409)
        # The overdue one: a leader of either party may complete any item.
        leader_b = self.server.login("leader-b")
        self.assertEqual(leader_b.post(path + "/2/complete", {"note": "Tested"})["improvements"][1]["state"], "done")

        # Each item is a V2 duty of its owner: met in time, or breached when done late.
        year, _ = local_quarter(0)
        duties = self.admin.get(f"/api/v1/programme?year={year}")["duties"]
        met = duty(duties, "V2", "2099-01-01", drill["id"] + ".1")
        self.assertEqual((met["state"], met["owner_role"], met["owner_party"]), ("met", "communications_lead", "A"))
        self.assertEqual(duty(duties, "V2", yesterday.isoformat(), drill["id"] + ".2")["state"], "breached")

        # Rebuilt from the log after a restart.
        self.server.stop()
        self.servers.remove(self.server)
        self.server = self.serve()
        got = self.server.login("tech-b").get("/api/v1/drills/" + drill["id"])["improvements"]
        self.assertEqual([i["state"] for i in got], ["done", "done"])

    def test_M1_meeting_actions_are_tracked_the_same_way(self):
        body = {"meeting": "quarterly", "held_at": iso(600), "participants": ["a-liu", "b-wang"],
                "decisions": ["Update the contact sheet"],
                "actions": [{"text": "Send the new sheet to B", "owner_role": "leader", "owner_party": "B",
                             "due": "2099-01-01"}]}
        bad = dict(body, actions=[{"text": "x", "owner_role": "leader", "owner_party": "C", "due": "2099-01-01"}])
        self.assertEqual(self.refused(self.admin, "/api/v1/meetings", bad)["field"], "actions[0].owner_party")
        self.assertEqual(self.admin.get("/api/v1/meetings")["meetings"], [])
        meeting = self.admin.post("/api/v1/meetings", body, expect=201)
        self.assertEqual(meeting["actions"][0]["state"], "open")
        path = f"/api/v1/meetings/{meeting['id']}/actions/1/complete"
        self.refused(self.server.login("tech-b"), path, {"note": "x"}, 403)
        done = self.server.login("leader-b").post(path, {"note": "Sent by mail"})
        self.assertEqual(done["actions"][0]["state"], "done")
        self.assertEqual(self.admin.get("/api/v1/meetings")["meetings"][0]["actions"][0]["note"], "Sent by mail")
        year, _ = local_quarter(0)
        action = duty(self.admin.get(f"/api/v1/programme?year={year}")["duties"], "M1", "2099-01-01",
                      meeting["id"] + ".1")
        self.assertEqual(action["state"], "met")

    def test_V2_a_duty_is_waived_with_a_reason_over_the_api(self):
        year, quarter = local_quarter(0)
        waivers = "/api/v1/programme/waivers"
        good = {"rule": "V2", "period": quarter, "reason": "A real incident was handled this quarter"}
        for body, field in [(dict(good, rule="V9"), "rule"), (dict(good, period="2026-Q9"), "period"),
                            (dict(good, period="soon"), "period"), (dict(good, subject="a-li"), "subject"),
                            (dict(good, reason=" "), "reason"), ({"rule": "V2", "period": quarter}, "reason")]:
            with self.subTest(field=field):
                self.assertEqual(self.refused(self.admin, waivers, body)["field"], field)
        self.refused(self.server.login("tech-a"), waivers, good, 403)  # permissions.waive_duty: [leader]
        self.assertEqual(duty(self.admin.get(f"/api/v1/programme?year={year}")["duties"], "V2", quarter)["state"],
                         "open")

        self.assertEqual(self.admin.post(waivers, good, expect=201)["state"], "waived")
        v2 = duty(self.comms.get(f"/api/v1/programme?year={year}")["duties"], "V2", quarter)
        self.assertEqual((v2["state"], v2["waiver_reason"]), ("waived", good["reason"]))
        self.refused(self.admin, waivers, good, 409)
        # A met duty is not waived: the annual review once held.
        self.admin.post("/api/v1/meetings", {"meeting": "annual_review", "held_at": iso(300),
                                             "participants": ["a-zhang", "b-wang"], "outcome": "no_change"},
                        expect=201)
        self.refused(self.admin, waivers, {"rule": "G2", "period": str(year), "reason": "x"}, 409)
        # A contact's duty names its subject (E3: a core role holder's refreshers).
        self.admin.post(waivers, {"rule": "E3", "period": str(year), "subject": "a-li",
                                  "reason": "On parental leave"}, expect=201)

    def test_the_calendar_feed_is_rfc_5545_in_shanghai_time_and_its_address_rotates(self):
        import icalendar  # Debian's python3-icalendar (scripts/bootstrap)

        url = self.admin.get("/api/v1/me/calendar")["url"]
        path = url[url.index("/api/v1/calendar/"):]
        self.assertTrue(path.startswith("/api/v1/calendar/admin/"))
        anonymous = self.server.anonymous()
        status, headers, text = anonymous.request("GET", path + "?lang=en")
        self.assertEqual(status, 200, text)
        self.assertTrue(headers["Content-Type"].startswith("text/calendar"))
        self.assertIn("TZID=Asia/Shanghai", text)
        cal = icalendar.Calendar.from_ical(text)
        self.assertEqual([str(z["TZID"]) for z in cal.walk("VTIMEZONE")], ["Asia/Shanghai"])
        events = cal.walk("VEVENT")
        year, quarter = local_quarter(0)
        drill = [e for e in events if str(e["UID"]).startswith(f"V2.{quarter}.")]
        self.assertEqual(len(drill), 1, [str(e["UID"]) for e in events])
        self.assertIn("Emergency drill", str(drill[0]["SUMMARY"]))
        due = duty(self.admin.get(f"/api/v1/programme?year={year}")["duties"], "V2", quarter)["due"]
        end = drill[0].decoded("DTEND")
        self.assertEqual(end.utcoffset().total_seconds(), SHANGHAI)
        self.assertEqual(end, datetime.datetime.fromisoformat(due.replace("Z", "+00:00")))
        self.assertEqual(len(drill[0].walk("VALARM")), 2)
        # A recorded drill meets the duty: it leaves the feed.
        self.admin.post("/api/v1/drills", self.drill(), expect=201)
        _, _, text = anonymous.request("GET", path)
        self.assertNotIn(f"UID:V2.{quarter}.", text)

        # Only the address's own token works; a rotation retires it.
        self.assertEqual(anonymous.request("GET", path[:-1] + ("0" if path[-1] != "0" else "1"))[0], 404)
        self.assertEqual(anonymous.request("GET", path.replace("/admin/", "/tech-a/"))[0], 404)
        new_url = self.admin.post("/api/v1/me/calendar/rotate")["url"]
        self.assertNotEqual(new_url, url)
        self.assertEqual(anonymous.request("GET", path)[0], 404)
        self.assertEqual(anonymous.request("GET", new_url[new_url.index("/api/v1/calendar/"):])[0], 200)

    def test_P2_an_open_incident_obligation_is_in_its_owners_feed_with_the_plans_alarm_until_met(self):
        import icalendar  # Debian's python3-icalendar (scripts/bootstrap)

        url = self.admin.get("/api/v1/me/calendar")["url"]
        path = url[url.index("/api/v1/calendar/"):] + "?lang=en"
        anonymous = self.server.anonymous()
        tech = self.server.login("tech-a")
        incident = tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]
        iid = incident["id"]
        sync = [o for o in incident["obligations"] if o["key"] == "sync"][0]

        def events():
            status, _, text = anonymous.request("GET", path)
            self.assertEqual(status, 200, text)
            return {str(e["UID"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}

        # The admin is party A's leader and an emergency contact: P2 (sync) and P3 (assess) are theirs.
        feed = events()
        self.assertIn(f"{iid}.sync", feed, list(feed))
        self.assertIn(f"{iid}.assess", feed)
        event = feed[f"{iid}.sync"]
        self.assertIn(f"P2 {iid}", str(event["SUMMARY"]))
        end = event.decoded("DTEND")
        self.assertEqual(end.utcoffset().total_seconds(), SHANGHAI)
        # Calendars count in whole seconds: the instants agree to the second.
        def near(a, b):
            self.assertLess(abs((a - b).total_seconds()), 1, (a, b))

        near(end, datetime.datetime.fromisoformat(sync["due"].replace("Z", "+00:00")))
        alarms = [a.decoded("TRIGGER") for a in event.walk("VALARM")]
        self.assertEqual(len(alarms), 2)
        # The reminder at the plan's remind_at (75 % of the hour), then the due instant.
        reported = datetime.datetime.fromisoformat(incident["reported_at"].replace("Z", "+00:00"))
        near(alarms[0], reported + datetime.timedelta(minutes=45))
        near(alarms[1], end)

        # Met: the sync leaves the feed; the assessment still waits.
        self.comms.post(f"/api/v1/incidents/{iid}/sync", {"note": "synced in the WeCom group"})
        feed = events()
        self.assertNotIn(f"{iid}.sync", feed)
        self.assertIn(f"{iid}.assess", feed)


class SuppliersTest(PactumTestCase):
    """S1's register and S2's integration tests over HTTP."""

    def setUp(self):
        super().setUp()
        self.server = self.serve()
        self.tech = self.server.login("tech-a")  # technical lead of A: owns the S2 duty
        self.comms = self.server.login("comms-a")

    def today(self):
        return time.strftime("%Y-%m-%d", time.gmtime(time.time() + SHANGHAI))

    def supplier_test(self, **overrides):
        body = {"supplier": "s02", "date": self.today(), "scope": "restore from the supplier's site",
                "result": "passed", "evidence": [{"kind": "file", "text": "test report",
                                                  "ref": "sha256:ab12"}]}
        body.update(overrides)
        return body

    def test_S1_the_register_lists_contact_scope_and_price(self):
        register = self.comms.get("/api/v1/suppliers")
        self.assertEqual((register["required"], register["listed"]), (10, 10))
        self.assertIsNone(register["warning"])
        s01 = register["suppliers"][0]
        self.assertEqual(s01["contact"]["phone"], "+86 21 5555 0301")
        self.assertIn("per core-hour", s01["price"]["en"])

    def test_S2_tests_of_two_suppliers_meet_the_tech_leads_yearly_duty(self):
        year = int(self.today()[:4])
        s2 = duty(self.tech.get(f"/api/v1/programme?year={year}")["duties"], "S2", str(year))
        self.assertEqual((s2["state"], s2["owner_role"], s2["required"]), ("open", "tech_lead", 2))
        first = self.tech.post("/api/v1/suppliers/tests", self.supplier_test())
        self.assertRegex(first["id"], r"^ST-\d{4}-0001$")
        self.tech.post("/api/v1/suppliers/tests", self.supplier_test(supplier="s02"))
        s2 = duty(self.tech.get(f"/api/v1/programme?year={year}")["duties"], "S2", str(year))
        self.assertEqual((s2["state"], s2["done"]), ("open", 1), "the same supplier counts once")
        third = self.tech.post("/api/v1/suppliers/tests", self.supplier_test(supplier="s05",
                                                                             result="failed"))
        s2 = duty(self.tech.get(f"/api/v1/programme?year={year}")["duties"], "S2", str(year))
        self.assertEqual(s2["state"], "met")
        self.assertEqual(s2["met_by"], [first["id"], third["id"]])
        self.assertEqual(len(self.comms.get("/api/v1/suppliers/tests")["tests"]), 3)
        # Read back from the log after a restart.
        self.server.stop()
        self.servers.remove(self.server)
        self.server = self.serve()
        tech = self.server.login("tech-a")
        self.assertEqual([t["result"] for t in tech.get("/api/v1/suppliers/tests")["tests"]],
                         ["passed", "passed", "failed"])

    def test_S2_bad_tests_are_refused_naming_the_field_and_nothing_is_written(self):
        cases = [
            (self.supplier_test(supplier="s99"), "supplier", 400),
            (self.supplier_test(date="2999-01-01"), "date", 400),
            (self.supplier_test(date="tomorrow"), "date", 400),
            (self.supplier_test(result="ok"), "result", 400),
            (self.supplier_test(evidence=[]), "evidence", 400),
        ]
        for body, field, status in cases:
            with self.subTest(field=field):
                with self.assertRaises(ApiError) as e:
                    self.tech.post("/api/v1/suppliers/tests", body)
                self.assertEqual(e.exception.status, status, e.exception.body)
                self.assertIn(f'"field":"{field}"', e.exception.body.replace(" ", ""))
        with self.assertRaises(ApiError) as e:
            self.comms.post("/api/v1/suppliers/tests", self.supplier_test())
        self.assertEqual(e.exception.status, 403)
        self.assertEqual(self.tech.get("/api/v1/suppliers/tests")["tests"], [])


class DemoRecordsTest(unittest.TestCase):
    """`make demo`'s seeding, run the way the Makefile runs it: scripts/demo-records against a
    server over data made by `pactum init --demo-users`."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pactum-it-")
        self.data = os.path.join(self.tmp, "data")
        # The test plan, not the example itself: the seeding runs on the real clock (harness.py).
        run("init", "--data", self.data, "--plan", TEST_PLAN, "--demo-users")
        self.server = Server(self.data).start()

    def tearDown(self):
        self.server.stop(signal.SIGKILL)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def seed(self):
        return subprocess.run([sys.executable, os.path.join(SOURCE, "scripts", "demo-records"),
                               f"http://127.0.0.1:{self.server.port}", self.data],
                              capture_output=True, text=True, timeout=120)

    def test_V2_a_past_year_with_one_quarter_without_a_drill(self):
        seeded = self.seed()
        self.assertEqual(seeded.returncode, 0, seeded.stderr)
        self.assertIn("past year of programme records", seeded.stdout)
        with open(os.path.join(self.data, "demo-users.txt"), encoding="utf-8") as f:
            password = {line.split()[0]: line.split()[1] for line in f if line.strip()}
        reader = self.server.login("tech-b", password["tech-b"])
        drills = reader.get("/api/v1/drills")["drills"]
        self.assertEqual(len(drills), 3)
        self.assertEqual(len(reader.get("/api/v1/trainings")["trainings"]), 3)  # onboarding, 2 refreshers
        meetings = sorted(m["meeting"] for m in reader.get("/api/v1/meetings")["meetings"])
        self.assertEqual(meetings, ["incident-daily"] + ["quarterly"] * 4)  # and the incident's
        states = sorted(i["state"] for d in drills for i in d["improvements"])
        self.assertEqual(states, ["done", "done", "overdue"])
        # The four quarters before this one: a drill in each but the second-last, whose V2 duty
        # is breached; a neighbour in the same year is met (the agreement runs from 2026).
        today = datetime.datetime.utcfromtimestamp(time.time() + SHANGHAI).date()
        quarters = []
        y, q = today.year, (today.month - 1) // 3 + 1
        for _ in range(4):
            y, q = (y, q - 1) if q > 1 else (y - 1, 4)
            quarters.append((y, f"{y}-Q{q}"))
        missed_year, missed = quarters[1]
        duties = reader.get(f"/api/v1/programme?year={missed_year}")["duties"]
        self.assertEqual(duty(duties, "V2", missed)["state"], "breached")
        neighbours = [p for yy, p in (quarters[0], quarters[2]) if yy == missed_year]
        self.assertTrue(neighbours)
        for period in neighbours:
            self.assertEqual(duty(duties, "V2", period)["state"], "met", period)
        # E2: the roster's onboarding, two weeks after the agreement started.
        start_year = int(reader.get("/api/v1/plan")["plan"]["agreement"]["starts"][:4])
        onboarding = [d for d in reader.get(f"/api/v1/programme?year={start_year}")["duties"] if d["rule"] == "E2"]
        self.assertTrue(onboarding)
        self.assertEqual({d["state"] for d in onboarding}, {"met"})
        self.second_part(reader, password, today)
        # The log holds them as events: a second run adds nothing.
        again = self.seed()
        self.assertEqual((again.returncode, again.stdout), (0, ""), again.stderr)
        self.assertEqual(len(reader.get("/api/v1/drills")["drills"]), 3)
        # Real events on the hash-chained log: the audit walks them.
        self.server.stop()
        self.assertEqual(run("audit", "verify", "--data", self.data).returncode, 0)

    def second_part(self, reader, password, today):
        """F1–F4, S2, B1, B2 and M1's external messages: met, but for one B1 day left breached."""
        self.assertIn("finance-a", password)  # the finance lead, added to the demo users
        self.server.login("finance-a", password["finance-a"])
        fund = reader.get("/api/v1/fund")
        self.assertEqual((fund["shortfall"], fund["reconciliation_gap"]), (0, 0))
        self.assertGreaterEqual(fund["balance"], fund["floor"])
        adjustments = [m for m in reader.get("/api/v1/fund/movements")["movements"] if m["kind"] == "adjustment"]
        self.assertEqual(len(adjustments), 1)
        self.assertIn("Interest", adjustments[0]["purpose"])
        [request] = reader.get("/api/v1/fund/disbursements")["disbursements"]
        self.assertEqual((request["status"], len(request["approvals"]), request["review"]["decision"]),
                         ("paid", 3, "approve"))
        incident = reader.get(f"/api/v1/incidents/{request['incident']}")
        self.assertEqual((incident["level"], incident["status"]), ("L2", "closed"))
        self.assertEqual({o["state"] for o in incident["obligations"]}, {"met"})
        [message] = reader.get(f"/api/v1/incidents/{incident['id']}/external-messages")["messages"]
        self.assertEqual(message["delivery"], "download")
        restores = reader.get("/api/v1/backups/restore-tests")["restore_tests"]
        self.assertEqual(sum(t["result"] == "failure" for t in restores), 1)
        self.assertEqual({loc["last_success"] is not None for loc in reader.get("/api/v1/backups")["locations"]},
                         {True})
        # This year's B1, B2, S2, F1 and F3 duties: none breached but the cloud backup three days ago.
        duties = [d for year in {today.year, (today - datetime.timedelta(days=3)).year}
                  for d in reader.get(f"/api/v1/programme?year={year}")["duties"]
                  if d["rule"] in ("B1", "B2", "S2", "F1", "F3")]
        breached = [(d["rule"], d["period"], d["subject"]) for d in duties if d["state"] == "breached"]
        self.assertEqual(breached, [("B1", (today - datetime.timedelta(days=3)).isoformat(), "cloud")])
        self.assertEqual({d["state"] for d in duties if d["rule"] == "F1"}, {"met"})
        self.assertTrue(any(d["rule"] == "F3" and d["state"] == "met" for d in duties))


if __name__ == "__main__":
    unittest.main()
