// The calendar feed, parsed back with libical: the plan's zone by its own name with its
// VTIMEZONE, each open duty an event ending at its due instant, alarms at the reminder point and
// at the due instant.
#include "calendar/feed.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <algorithm>

#include "testing/example_plan.hpp"

namespace pactum::calendar {
namespace {

using testing::at;
using testing::example_plan;

std::vector<FeedItem> open_duties(const Plan& plan, Instant now) {
  std::vector<FeedItem> out;
  for (const auto& d : programme_duties(plan, {}, year_span(plan.calendar, 2026), now)) {
    if (d.state == DutyState::open) out.push_back(duty_item(plan, d, Lang::en));
  }
  return out;
}

// The instant of an event's first alarm.
Instant first_trigger(icalcomponent* ev) {
  icalcomponent* alarm = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT);
  icaltriggertype trigger =
      icalproperty_get_trigger(icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY));
  return Instant{std::chrono::seconds{icaltime_as_timet(trigger.time)}};
}

struct Parsed {
  icalcomponent* c;
  explicit Parsed(const std::string& text) : c(icalparser_parse_string(text.c_str())) {}
  ~Parsed() {
    if (c) icalcomponent_free(c);
  }
};

TEST(CalendarFeed, ADutyIsAnEventInShanghaiTimeWithItsVtimezoneAndAlarms) {
  const Plan& plan = example_plan();
  Instant now = at("2026-10-10T09:00:00+08:00");
  auto items = open_duties(plan, now);
  ASSERT_FALSE(items.empty());
  std::string text = calendar_text(plan, items, now);
  EXPECT_NE(text.find("BEGIN:VCALENDAR\r\n"), std::string::npos);
  EXPECT_NE(text.find("TZID:Asia/Shanghai"), std::string::npos) << text.substr(0, 800);
  EXPECT_NE(text.find("DTEND;TZID=Asia/Shanghai:20270101T000000"), std::string::npos)
      << "the Q4 drill is due at 24:00 on 31 December in Shanghai";

  Parsed cal(text);
  ASSERT_TRUE(cal.c) << icalerror_strerror(icalerrno);
  ASSERT_EQ(icalcomponent_isa(cal.c), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(icalcomponent_count_components(cal.c, ICAL_VTIMEZONE_COMPONENT), 1);
  EXPECT_EQ(icalcomponent_count_components(cal.c, ICAL_VEVENT_COMPONENT),
            static_cast<int>(items.size()));
  icalcomponent* vtz = icalcomponent_get_first_component(cal.c, ICAL_VTIMEZONE_COMPONENT);
  EXPECT_STREQ(icalproperty_get_tzid(icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY)),
               "Asia/Shanghai");

  icalcomponent* ev = icalcomponent_get_first_component(cal.c, ICAL_VEVENT_COMPONENT);
  EXPECT_STREQ(icalcomponent_get_uid(ev), items[0].uid.c_str());
  EXPECT_STREQ(icalcomponent_get_summary(ev), "V2 2026-Q4 Emergency drill");
  // The end resolves, through the feed's own VTIMEZONE, to the due instant.
  icaltimetype end = icalcomponent_get_dtend(ev);
  ASSERT_TRUE(end.zone);
  auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(items[0].due.time_since_epoch()).count();
  EXPECT_EQ(icaltime_as_timet_with_zone(end, end.zone), static_cast<time_t>(seconds));
  // Two alarms: when the reminder goes out (escalation.duty_reminders: a quarter's 7 days before
  // its end) and at the due instant.
  EXPECT_EQ(icalcomponent_count_components(ev, ICAL_VALARM_COMPONENT), 2);
  EXPECT_EQ(first_trigger(ev), at("2026-12-25T00:00:00+08:00"));
}

// The incident INC-2026-0001 reported by B at `reported`, not yet synced or assessed.
IncidentState reported(const std::string& when) {
  IncidentState s;
  s.version = 1;
  s.report.trigger = "T1";
  s.report.phenomenon = "Login fails";
  s.report.discovered_at = at(when);
  s.report.reporting_party = "B";
  s.report.responsible_party = "A";
  s.reported_at = at(when);
  return s;
}

TEST(CalendarFeed, P2_AnOpenObligationIsAnEventWithThePlansReminderUntilItIsMet) {
  const Plan& plan = example_plan();
  Instant now = at("2026-10-10T09:10:00+08:00");
  std::vector<std::pair<std::string, IncidentState>> incidents{
      {"INC-2026-0001", reported("2026-10-10T09:00:00+08:00")}};
  auto all = [&](const Actor& who) {
    std::vector<std::string> uids;
    for (const auto& i : obligation_items_for(plan, incidents, who, now, Lang::en)) {
      uids.push_back(i.uid.substr(0, i.uid.find('@')));
    }
    return uids;
  };
  auto items = obligation_items_for(plan, incidents, testing::actor("a-zhang"), now, Lang::en);
  auto sync = std::find_if(items.begin(), items.end(), [](const FeedItem& i) {
    return i.uid.rfind("INC-2026-0001.sync@", 0) == 0;
  });
  ASSERT_NE(sync, items.end()) << "the emergency contacts sync the group within 1 hour";
  EXPECT_EQ(sync->due, at("2026-10-10T10:00:00+08:00"));
  std::string text = calendar_text(plan, items, now);
  Parsed cal(text);
  ASSERT_TRUE(cal.c) << icalerror_strerror(icalerrno);
  icalcomponent* ev = icalcomponent_get_first_component(cal.c, ICAL_VEVENT_COMPONENT);
  while (ev && std::string(icalcomponent_get_uid(ev)) != sync->uid) {
    ev = icalcomponent_get_next_component(cal.c, ICAL_VEVENT_COMPONENT);
  }
  ASSERT_TRUE(ev) << text;
  EXPECT_NE(std::string(icalcomponent_get_summary(ev)).find("P2 INC-2026-0001"), std::string::npos);
  EXPECT_EQ(icalcomponent_count_components(ev, ICAL_VALARM_COMPONENT), 2);
  EXPECT_EQ(first_trigger(ev), at("2026-10-10T09:45:00+08:00")) << "remind_at: 75% of 1 h";

  // Someone who is not an emergency contact does not own it; once met it leaves the feed.
  auto li = all(testing::actor("a-li"));
  EXPECT_EQ(std::count(li.begin(), li.end(), "INC-2026-0001.sync"), 0);
  incidents[0].second.synced_at = at("2026-10-10T09:05:00+08:00");
  auto after = all(testing::actor("a-zhang"));
  EXPECT_EQ(std::count(after.begin(), after.end(), "INC-2026-0001.sync"), 0);
  incidents[0].second.closed_at = at("2026-10-10T09:06:00+08:00");
  EXPECT_TRUE(all(testing::actor("a-zhang")).empty()) << "a finished incident owes nothing";
}

TEST(CalendarFeed, APlanInUtcWritesUtcTimes) {
  Plan plan = example_plan();
  plan.calendar.time_zone = "UTC";
  plan.calendar.zone = date::locate_zone("UTC");
  Instant now = at("2026-10-10T09:00:00Z");
  std::string text = calendar_text(plan, open_duties(plan, now), now);
  EXPECT_EQ(text.find("BEGIN:VTIMEZONE"), std::string::npos);
  EXPECT_NE(text.find("DTEND:20270101T000000Z"), std::string::npos) << text.substr(0, 800);
  Parsed cal(text);
  ASSERT_TRUE(cal.c);
}

TEST(CalendarFeed, APersonsFeedHoldsTheDutiesTheyAnswerFor) {
  const Plan& plan = example_plan();
  Instant now = at("2026-10-10T09:00:00+08:00");
  auto duties = programme_duties(plan, {}, year_span(plan.calendar, 2026), now);
  auto rules = [](const std::vector<FeedItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.uid.substr(0, i.uid.find('@')));
    return out;
  };
  // a-zhang leads party A: the drill, the annual review and their own refreshers.
  auto zhang = items_for(plan, duties, testing::actor("a-zhang"), "a-zhang", Lang::zh_CN);
  EXPECT_EQ(rules(zhang), (std::vector<std::string>{"V2.2026-Q4.", "E3.2026.a-zhang",
                                                    "E3.2026.a-zhao", "G2.2026."}));
  EXPECT_NE(zhang[0].summary.find("应急演练"), std::string::npos);
  // a-liu (communications lead of A): the quarterly meeting and their refreshers.
  auto liu = items_for(plan, duties, testing::actor("a-liu"), "a-liu", Lang::en);
  EXPECT_EQ(rules(liu), (std::vector<std::string>{"E3.2026.a-liu", "M1.2026-Q4.quarterly"}));
}

}  // namespace
}  // namespace pactum::calendar
