// The plan's calendar: its time zone, how days count, and its non-working days.
// "Within 3 days", "by 31 December" and "every quarter" are all read in the plan's time zone:
// 31 December ends at 24:00 in Asia/Shanghai, which is 16:00 UTC.
#pragma once

#include <date/tz.h>

#include <set>
#include <string>

#include "domain/duration.hpp"
#include "domain/time.hpp"

namespace pactum {

enum class DayCount { calendar, working };

// Calendar periods for recurring duties (cadences): B1 daily, B2 monthly, V2 quarterly, F3
// half-yearly, G2 / E3 / S2 yearly.
enum class Period { day, week, month, quarter, half_year, year };

struct PeriodSpan {
  Instant start;  // inclusive
  Instant end;    // exclusive: the duty of this period is due before it
};

struct Calendar {
  std::string time_zone = "Asia/Shanghai";
  // Resolved by whoever loads the plan (the tz database is reference data, like a dictionary).
  // Never null in a loaded plan.
  const date::time_zone* zone = nullptr;
  DayCount days = DayCount::calendar;
  std::set<date::local_days> holidays;  // non-working days for working-day counts
  std::set<date::local_days> workdays;  // weekend days that are working days (调休)

  date::local_days local_day(Instant t) const;
  Instant start_of(date::local_days day) const;  // local midnight of that day, as an instant
  bool is_working_day(date::local_days day) const;

  // Moves an instant forward by a plan duration:
  // - minutes and hours are exact;
  // - days, weeks, months and years keep the local wall-clock time in the plan's time zone
  //   (months clamp to the month's last day: 31 Jan + 1mo = 28/29 Feb);
  // - working days step over weekends and holidays (unless listed as workdays), keeping the time
  //   of day: Friday 10:00 + 1wd = Monday 10:00.
  Instant add(Instant from, const Duration& d) const;

  // The calendar period (in the plan's time zone) that contains t.
  PeriodSpan period_containing(Instant t, Period p) const;
};

const char* to_string(Period p);

}  // namespace pactum
