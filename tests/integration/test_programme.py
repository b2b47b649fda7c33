"""The preparedness programme over HTTP (issue 15): drills, trainings and meetings recorded on the
log by the people the plan allows, refused with 400 naming the field (nothing written), and the
year's duties (V2, E3, E4, G2) met by them, also after a restart."""
import csv
import datetime
import io
import json
import time
import unittest

from harness import ApiError, PactumTestCase

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
        # finance_lead is not among the plan's permissions.record_drill roles.
        with self.assertRaises(ApiError) as e:
            self.finance.post("/api/v1/drills", self.drill())
        self.assertEqual(e.exception.status, 403)
        self.assertEqual(self.admin.get("/api/v1/drills")["drills"], [])
        self.assertEqual(self.admin.get("/api/v1/trainings")["trainings"], [])
        with self.assertRaises(ApiError) as e:
            self.admin.get("/api/v1/programme?year=20x6")
        self.assertEqual(e.exception.status, 400)
        with self.assertRaises(ApiError) as e:
            self.admin.get("/api/v1/drills/DR-2026-9999")
        self.assertEqual(e.exception.status, 404)

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


if __name__ == "__main__":
    unittest.main()
