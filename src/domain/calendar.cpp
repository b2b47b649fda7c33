#include "domain/calendar.hpp"

#include <chrono>

namespace pactum {
namespace {

using date::local_days;
using std::chrono::milliseconds;

date::local_time<milliseconds> to_local(const date::time_zone* zone, Instant t) {
  return zone->to_local(t);
}

Instant to_instant(const date::time_zone* zone, date::local_time<milliseconds> lt) {
  // Ambiguous local times (DST fall-back) take the earlier instant; a time in a DST gap maps to the
  // transition. Asia/Shanghai has neither, but a plan may name any zone.
  return zone->to_sys(lt, date::choose::earliest);
}

date::year_month_day add_months(date::year_month_day ymd, std::int64_t months) {
  auto ym = date::year_month{ymd.year(), ymd.month()} + date::months{months};
  auto last = date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}}.day();
  return {ym.year(), ym.month(), ymd.day() > last ? last : ymd.day()};
}

}  // namespace

const char* to_string(Period p) {
  switch (p) {
    case Period::day:
      return "day";
    case Period::week:
      return "week";
    case Period::month:
      return "month";
    case Period::quarter:
      return "quarter";
    case Period::half_year:
      return "half_year";
    case Period::year:
      return "year";
  }
  return "year";
}

local_days Calendar::local_day(Instant t) const {
  return date::floor<date::days>(to_local(zone, t));
}

Instant Calendar::start_of(local_days day) const {
  return to_instant(zone, date::local_time<milliseconds>(day));
}

bool Calendar::is_working_day(local_days day) const {
  if (workdays.contains(day)) return true;
  if (holidays.contains(day)) return false;
  date::weekday wd{day};
  return wd != date::Saturday && wd != date::Sunday;
}

Instant Calendar::add(Instant from, const Duration& d) const {
  using std::chrono::hours;
  using std::chrono::minutes;
  DurationUnit unit = d.unit;
  if (unit == DurationUnit::days) {
    unit = days == DayCount::working ? DurationUnit::working_days : DurationUnit::calendar_days;
  }
  switch (unit) {
    case DurationUnit::seconds:
      return from + std::chrono::seconds{d.count};
    case DurationUnit::minutes:
      return from + minutes{d.count};
    case DurationUnit::hours:
      return from + hours{d.count};
    default:
      break;
  }
  auto local = to_local(zone, from);
  auto day = date::floor<date::days>(local);
  auto time_of_day = local - day;
  switch (unit) {
    case DurationUnit::calendar_days:
      day += date::days{d.count};
      break;
    case DurationUnit::weeks:
      day += date::days{7 * d.count};
      break;
    case DurationUnit::working_days:
      for (std::int64_t left = d.count; left > 0;) {
        day += date::days{1};
        if (is_working_day(day)) --left;
      }
      break;
    case DurationUnit::months:
    case DurationUnit::years: {
      std::int64_t months = unit == DurationUnit::years ? 12 * d.count : d.count;
      day = local_days{add_months(date::year_month_day{day}, months)};
      break;
    }
    default:
      break;
  }
  return to_instant(zone, day + time_of_day);
}

PeriodSpan Calendar::period_containing(Instant t, Period p) const {
  local_days day = local_day(t);
  date::year_month_day ymd{day};
  local_days start = day;
  local_days end = day + date::days{1};
  auto month_start = [&](unsigned month) {
    return local_days{date::year_month_day{ymd.year(), date::month{month}, date::day{1}}};
  };
  unsigned m = static_cast<unsigned>(ymd.month());
  switch (p) {
    case Period::day:
      break;
    case Period::week: {
      // ISO weeks start on Monday.
      auto since_monday = (date::weekday{day} - date::Monday);
      start = day - since_monday;
      end = start + date::days{7};
      break;
    }
    case Period::month:
      start = month_start(m);
      end = local_days{add_months(date::year_month_day{start}, 1)};
      break;
    case Period::quarter:
      start = month_start((m - 1) / 3 * 3 + 1);
      end = local_days{add_months(date::year_month_day{start}, 3)};
      break;
    case Period::half_year:
      start = month_start(m <= 6 ? 1 : 7);
      end = local_days{add_months(date::year_month_day{start}, 6)};
      break;
    case Period::year:
      start = month_start(1);
      end = local_days{add_months(date::year_month_day{start}, 12)};
      break;
  }
  return {start_of(start), start_of(end)};
}

}  // namespace pactum
