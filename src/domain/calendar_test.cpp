#include "domain/calendar.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::at;

Calendar shanghai() {
  Calendar c;
  c.time_zone = "Asia/Shanghai";
  c.zone = date::locate_zone("Asia/Shanghai");
  return c;
}

TEST(Calendar, HoursAreExact) {
  EXPECT_EQ(shanghai().add(at("2026-03-02T23:00:00+08:00"), {2, DurationUnit::hours}),
            at("2026-03-03T01:00:00+08:00"));
}

TEST(Calendar, SecondsAreExact) {
  EXPECT_EQ(shanghai().add(at("2026-03-02T23:59:55+08:00"), {10, DurationUnit::seconds}),
            at("2026-03-03T00:00:05+08:00"));
}

TEST(Calendar, DaysKeepTheLocalTimeOfDay) {
  EXPECT_EQ(shanghai().add(at("2026-03-02T10:00:00+08:00"), {3, DurationUnit::days}),
            at("2026-03-05T10:00:00+08:00"));
}

TEST(Calendar, DaysKeepLocalTimeAcrossDaylightSaving) {
  Calendar berlin;
  berlin.zone = date::locate_zone("Europe/Berlin");
  // 2026-03-29 is the spring-forward day in Europe: one calendar day is 23 hours.
  EXPECT_EQ(berlin.add(at("2026-03-28T12:00:00+01:00"), {1, DurationUnit::days}),
            at("2026-03-29T12:00:00+02:00"));
}

TEST(Calendar, MonthsClampToTheLastDay) {
  EXPECT_EQ(shanghai().add(at("2026-01-31T09:00:00+08:00"), {1, DurationUnit::months}),
            at("2026-02-28T09:00:00+08:00"));
  EXPECT_EQ(shanghai().add(at("2026-08-31T09:00:00+08:00"), {6, DurationUnit::months}),
            at("2027-02-28T09:00:00+08:00"));
}

TEST(Calendar, WorkingDaysSkipWeekendsAndHolidays) {
  Calendar c = shanghai();
  // Friday 2026-03-06 + 1 working day = Monday 2026-03-09.
  EXPECT_EQ(c.add(at("2026-03-06T10:00:00+08:00"), {1, DurationUnit::working_days}),
            at("2026-03-09T10:00:00+08:00"));
  c.holidays.insert(date::local_days{date::year{2026} / 3 / 9});
  EXPECT_EQ(c.add(at("2026-03-06T10:00:00+08:00"), {1, DurationUnit::working_days}),
            at("2026-03-10T10:00:00+08:00"));
  // A Saturday declared a working day (调休) counts.
  c.workdays.insert(date::local_days{date::year{2026} / 3 / 7});
  EXPECT_EQ(c.add(at("2026-03-06T10:00:00+08:00"), {1, DurationUnit::working_days}),
            at("2026-03-07T10:00:00+08:00"));
}

TEST(Calendar, PlainDaysFollowThePlansDayCount) {
  Calendar c = shanghai();
  c.days = DayCount::working;
  EXPECT_EQ(c.add(at("2026-03-06T10:00:00+08:00"), {3, DurationUnit::days}),
            at("2026-03-11T10:00:00+08:00"));
  EXPECT_EQ(c.add(at("2026-03-06T10:00:00+08:00"), {3, DurationUnit::calendar_days}),
            at("2026-03-09T10:00:00+08:00"));
}

TEST(Calendar, G2_YearEndsAtMidnightInThePlansTimeZone) {
  Calendar c = shanghai();
  // 31 December 20:00 UTC is already 1 January in Shanghai: a review then is in the next year.
  auto late = c.period_containing(at("2026-12-31T20:00:00Z"), Period::year);
  EXPECT_EQ(late.start, at("2027-01-01T00:00:00+08:00"));
  auto in_time = c.period_containing(at("2026-12-31T15:30:00Z"), Period::year);
  EXPECT_EQ(in_time.end, at("2027-01-01T00:00:00+08:00"));
  EXPECT_EQ(in_time.end, at("2026-12-31T16:00:00Z"));
}

TEST(Calendar, PeriodsOfEachCadence) {
  Calendar c = shanghai();
  auto t = at("2026-08-15T12:00:00+08:00");  // a Saturday
  struct Case {
    Period p;
    const char* start;
    const char* end;
  } cases[] = {
      {Period::day, "2026-08-15T00:00:00+08:00", "2026-08-16T00:00:00+08:00"},
      {Period::week, "2026-08-10T00:00:00+08:00", "2026-08-17T00:00:00+08:00"},
      {Period::month, "2026-08-01T00:00:00+08:00", "2026-09-01T00:00:00+08:00"},
      {Period::quarter, "2026-07-01T00:00:00+08:00", "2026-10-01T00:00:00+08:00"},
      {Period::half_year, "2026-07-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00"},
      {Period::year, "2026-01-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00"},
  };
  for (const auto& k : cases) {
    auto span = c.period_containing(t, k.p);
    EXPECT_EQ(span.start, at(k.start)) << to_string(k.p);
    EXPECT_EQ(span.end, at(k.end)) << to_string(k.p);
  }
}

}  // namespace
}  // namespace pactum
