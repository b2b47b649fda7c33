// Programme records as JSON: the payload of their events on the log's "programme" stream and
// what the API returns. Writing then reading gives back the same record. Reading is for payloads
// this code wrote: a payload it cannot read gives nothing (the audit names the record).
#pragma once

#include <date/date.h>

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "domain/programme/duties.hpp"
#include "domain/programme/records.hpp"

namespace pactum {

std::string format_day(date::local_days day);                      // "2026-07-01"
std::optional<date::local_days> parse_day(std::string_view text);  // exactly YYYY-MM-DD
std::optional<TrainingKind> parse_training_kind(std::string_view name);

boost::json::object evidence_to_json(const Evidence& e);  // {kind, text, ref}
std::optional<Evidence> evidence_from_json(const boost::json::object& o);

boost::json::object drill_to_json(const DrillRecord& d);
boost::json::object training_to_json(const TrainingRecord& t);
boost::json::object meeting_to_json(const MeetingRecord& m);
// {rule, period, subject, title: {zh, en}, owner_role, owner_party, due, state, met_by, …}
boost::json::object duty_to_json(const Duty& d);

// What the API returns for a record: the record with each action item's id ("DR-2026-0001.1"),
// number, state at `now` (open, done, overdue) and, once done, done_at, done_by and note.
boost::json::object drill_view(const DrillRecord& d, const Programme& programme,
                               const Calendar& calendar, Instant now);
boost::json::object meeting_view(const MeetingRecord& m, const Programme& programme,
                                 const Calendar& calendar, Instant now);

// The payload of `item.completed`: {item, note, at, by}.
boost::json::object completion_to_json(const ItemCompletion& c);
std::optional<ItemCompletion> completion_from_json(const boost::json::object& o);

std::optional<DrillRecord> drill_from_json(const boost::json::object& o);
std::optional<TrainingRecord> training_from_json(const boost::json::object& o);
std::optional<MeetingRecord> meeting_from_json(const boost::json::object& o);

}  // namespace pactum
