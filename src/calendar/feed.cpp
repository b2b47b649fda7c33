#include "calendar/feed.hpp"

#include <fmt/format.h>
#include <libical/ical.h>

#include <memory>

namespace pactum::calendar {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// The wall-clock time of `t` in the plan's time zone, as libical's floating time (the TZID
// parameter names the zone).
icaltimetype local_time(const Calendar& cal, Instant t) {
  auto local = cal.zone->to_local(std::chrono::floor<std::chrono::seconds>(t));
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss hms{local - day};
  icaltimetype out = icaltime_null_time();
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  out.hour = static_cast<int>(hms.hours().count());
  out.minute = static_cast<int>(hms.minutes().count());
  out.second = static_cast<int>(hms.seconds().count());
  out.is_date = 0;
  return out;
}

icaltimetype utc_time(Instant t) {
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  return icaltime_from_timet_with_zone(static_cast<time_t>(secs), 0,
                                       icaltimezone_get_utc_timezone());
}

icalproperty* with_zone(icalproperty* p, const std::string& tzid) {
  icalproperty_set_parameter(p, icalparameter_new_tzid(tzid.c_str()));
  return p;
}

icalcomponent* alarm(const std::string& text, Instant at) {
  icalcomponent* a = icalcomponent_new_valarm();
  icalcomponent_add_property(a, icalproperty_new_action(ICAL_ACTION_DISPLAY));
  icalcomponent_add_property(a, icalproperty_new_description(text.c_str()));
  icaltriggertype trigger = icaltriggertype_from_int(0);
  trigger.time = utc_time(at);
  icalproperty* p = icalproperty_new_trigger(trigger);
  icalcomponent_add_property(a, p);
  return a;
}

}  // namespace

FeedItem duty_item(const Plan& plan, const Duty& duty, Lang lang) {
  FeedItem item;
  item.uid = fmt::format("{}.{}.{}@{}", duty.rule, duty.period, duty.subject, plan.id);
  item.summary = fmt::format("{} {} {}", duty.rule, duty.period, duty.title.in(lang));
  item.description = lang == Lang::zh_CN
                         ? fmt::format("负责：{} / {}", duty.owner_role, duty.owner_party)
                         : fmt::format("Owner: {} / {}", duty.owner_role, duty.owner_party);
  item.remind_at = duty.remind_at;
  item.due = duty.due;
  return item;
}

FeedItem obligation_item(const Plan& plan, const std::string& incident, const Obligation& o,
                         Lang lang) {
  FeedItem item;
  item.uid = fmt::format("{}.{}@{}", incident, o.key, plan.id);
  item.summary = fmt::format("{} {} {}", o.rule, incident, o.title.in(lang));
  item.description =
      lang == Lang::zh_CN
          ? fmt::format("事件 {}；负责：{} / {}", incident, o.owner_role, o.owner_party)
          : fmt::format("Incident {}; owner: {} / {}", incident, o.owner_role, o.owner_party);
  item.remind_at = o.remind_at;
  item.due = o.due.value_or(Instant{});
  return item;
}

std::vector<FeedItem> obligation_items_for(
    const Plan& plan, const std::vector<std::pair<std::string, IncidentState>>& incidents,
    const Actor& person, Instant now, Lang lang) {
  std::vector<FeedItem> out;
  for (const auto& [id, state] : incidents) {
    if (state.finished()) continue;
    for (const auto& o : obligations(plan, state, now)) {
      if (o.state != ObligationState::open || !o.due) continue;
      bool role = o.owner_role == kAnyRole || person.has_role(o.owner_role);
      bool party = o.owner_party == "any" || o.owner_party == person.party;
      if (role && party) out.push_back(obligation_item(plan, id, o, lang));
    }
  }
  return out;
}

std::vector<FeedItem> items_for(const Plan& plan, const std::vector<Duty>& duties,
                                const Actor& person, const std::string& contact, Lang lang) {
  std::vector<FeedItem> out;
  for (const auto& d : duties) {
    if (d.state != DutyState::open) continue;
    bool about = !contact.empty() && d.subject == contact;
    bool owner = !d.owner_role.empty() && person.has_role(d.owner_role) &&
                 (d.owner_party == "any" || d.owner_party == person.party);
    if (about || owner) out.push_back(duty_item(plan, d, lang));
  }
  return out;
}

std::string calendar_text(const Plan& plan, const std::vector<FeedItem>& items, Instant now) {
  const Calendar& cal = plan.calendar;
  const std::string& tzid = cal.time_zone;
  Component vcal{icalcomponent_new_vcalendar()};
  icalcomponent_add_property(vcal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(vcal.get(), icalproperty_new_prodid("-//Pactum//Programme//EN"));
  icalcomponent_add_property(vcal.get(), icalproperty_new_calscale("GREGORIAN"));
  // The zone's VTIMEZONE from libical's reading of the system tz database, under the plan's
  // name for it (libical would prefix its own).
  bool utc = tzid == "UTC" || tzid == "Etc/UTC";
  if (!utc) {
    icaltimezone* zone = icaltimezone_get_builtin_timezone(tzid.c_str());
    icalcomponent* vtz = zone ? icaltimezone_get_component(zone) : nullptr;
    if (!vtz) {
      utc = true;  // libical does not know the zone: times in UTC are still right
    } else {
      icalcomponent* copy = icalcomponent_new_clone(vtz);
      if (icalproperty* id = icalcomponent_get_first_property(copy, ICAL_TZID_PROPERTY)) {
        icalproperty_set_tzid(id, tzid.c_str());
      }
      icalcomponent_add_component(vcal.get(), copy);
    }
  }
  auto at = [&](icalproperty* (*make)(icaltimetype), Instant t) {
    return utc ? make(utc_time(t)) : with_zone(make(local_time(cal, t)), tzid);
  };
  for (const auto& item : items) {
    icalcomponent* ev = icalcomponent_new_vevent();
    icalcomponent_add_property(ev, icalproperty_new_uid(item.uid.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(now)));
    icalcomponent_add_property(ev, icalproperty_new_summary(item.summary.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_description(item.description.c_str()));
    // A 30-minute block ending at the due instant: a deadline, shown where it falls.
    icalcomponent_add_property(ev,
                               at(icalproperty_new_dtstart, item.due - std::chrono::minutes(30)));
    icalcomponent_add_property(ev, at(icalproperty_new_dtend, item.due));
    if (item.remind_at && *item.remind_at < item.due) {
      icalcomponent_add_component(ev, alarm(item.summary, *item.remind_at));
    }
    icalcomponent_add_component(ev, alarm(item.summary, item.due));
    icalcomponent_add_component(vcal.get(), ev);
  }
  char* text = icalcomponent_as_ical_string_r(vcal.get());
  std::string out(text ? text : "");
  icalmemory_free_buffer(text);  // the _r functions return memory the caller frees
  return out;
}

}  // namespace pactum::calendar
