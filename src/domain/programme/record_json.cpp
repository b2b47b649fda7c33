#include "domain/programme/record_json.hpp"

#include <sstream>

#include "domain/json_member.hpp"
#include "domain/programme/action_items.hpp"

namespace pactum {
namespace json = boost::json;
namespace {

json::array strings(const std::vector<std::string>& v) { return json::array(v.begin(), v.end()); }

json::array assessment(const std::vector<AssessmentResult>& results) {
  json::array out;
  for (const auto& a : results)
    out.push_back(json::object{{"contact", a.contact}, {"passed", a.passed}});
  return out;
}

std::vector<std::string> strings_of(const json::object& o, const char* key) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (!v || !v->is_array()) return out;
  for (const auto& x : v->as_array()) {
    if (x.is_string()) out.emplace_back(x.as_string());
  }
  return out;
}

const json::array* array_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_array() ? &v->as_array() : nullptr;
}

std::vector<AssessmentResult> assessment_of(const json::object& o) {
  std::vector<AssessmentResult> out;
  if (const auto* a = array_of(o, "assessment")) {
    for (const auto& x : *a) {
      if (!x.is_object()) continue;
      const auto* passed = x.as_object().if_contains("passed");
      out.push_back({string_member(x.as_object(), "contact"),
                     passed && passed->is_bool() && passed->as_bool()});
    }
  }
  return out;
}

json::array items_to_json(const std::vector<ActionItem>& items) {
  json::array out;
  for (const auto& i : items) {
    out.push_back(json::object{{"text", i.text},
                               {"owner_role", i.owner_role},
                               {"owner_party", i.owner_party},
                               {"due", format_day(i.due)}});
  }
  return out;
}

// Nothing if an item is unreadable.
std::optional<std::vector<ActionItem>> items_of(const json::object& o, const char* key) {
  std::vector<ActionItem> out;
  if (const auto* items = array_of(o, key)) {
    for (const auto& x : *items) {
      if (!x.is_object()) return std::nullopt;
      const auto& i = x.as_object();
      auto due = parse_day(string_member(i, "due"));
      if (!due) return std::nullopt;
      out.push_back({string_member(i, "text"), string_member(i, "owner_role"),
                     string_member(i, "owner_party"), *due});
    }
  }
  return out;
}

// The view of a record's items: each with its id, number, state and completion.
void add_item_states(json::object& record, const char* key, const std::vector<ActionItem>& items,
                     const std::string& record_id, const Programme& programme,
                     const Calendar& calendar, Instant now) {
  auto& out = record[key].as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto& o = out[i].as_object();
    std::string id = item_id(record_id, i);
    o["id"] = id;
    o["n"] = i + 1;
    o["state"] = to_string(item_state(calendar, programme, id, items[i], now));
    if (const auto* c = completion_of(programme, id)) {
      o["done_at"] = format_instant(c->at);
      o["done_by"] = c->by;
      o["note"] = c->note;
    }
  }
}

}  // namespace

std::string format_day(date::local_days day) { return date::format("%F", day); }

std::optional<date::local_days> parse_day(std::string_view s) {
  if (s.size() != 10) return std::nullopt;
  std::istringstream in{std::string(s)};
  date::year_month_day ymd{};
  in >> date::parse("%F", ymd);
  if (in.fail() || !ymd.ok()) return std::nullopt;
  return date::local_days{ymd};
}

std::optional<TrainingKind> parse_training_kind(std::string_view name) {
  for (auto k : {TrainingKind::onboarding, TrainingKind::refresher, TrainingKind::remedial}) {
    if (name == to_string(k)) return k;
  }
  return std::nullopt;
}

json::object evidence_to_json(const Evidence& e) {
  return json::object{{"kind", to_string(e.kind)}, {"text", e.text}, {"ref", e.ref}};
}

std::optional<Evidence> evidence_from_json(const json::object& o) {
  std::string kind = string_member(o, "kind");
  for (auto k : {EvidenceKind::note, EvidenceKind::file, EvidenceKind::record}) {
    if (kind == to_string(k)) return Evidence{k, string_member(o, "text"), string_member(o, "ref")};
  }
  return std::nullopt;
}

json::object drill_to_json(const DrillRecord& d) {
  json::array evidence;
  for (const auto& e : d.evidence) evidence.push_back(evidence_to_json(e));
  json::object out{{"id", d.id},
                   {"kind", d.kind},
                   {"scenario", d.scenario},
                   {"held_at", format_instant(d.held_at)},
                   {"duration", d.duration ? json::value(d.duration->text()) : nullptr},
                   {"facilitator", d.facilitator},
                   {"participants", strings(d.participants)},
                   {"findings", d.findings},
                   {"improvements", items_to_json(d.improvements)},
                   {"assessment", assessment(d.assessment)},
                   {"evidence", std::move(evidence)}};
  if (!d.exercise_incident.empty()) out["exercise_incident"] = d.exercise_incident;
  return out;
}

json::object drill_view(const DrillRecord& d, const Programme& programme, const Calendar& calendar,
                        Instant now) {
  json::object o = drill_to_json(d);
  add_item_states(o, "improvements", d.improvements, d.id, programme, calendar, now);
  return o;
}

json::object meeting_view(const MeetingRecord& m, const Programme& programme,
                          const Calendar& calendar, Instant now) {
  json::object o = meeting_to_json(m);
  add_item_states(o, "actions", m.actions, m.id, programme, calendar, now);
  return o;
}

json::object completion_to_json(const ItemCompletion& c) {
  return json::object{
      {"item", c.item}, {"note", c.note}, {"at", format_instant(c.at)}, {"by", c.by}};
}

std::optional<ItemCompletion> completion_from_json(const json::object& o) {
  auto at = parse_instant(string_member(o, "at"));
  std::string item = string_member(o, "item");
  if (!at || item.empty()) return std::nullopt;
  return ItemCompletion{item, string_member(o, "note"), *at, string_member(o, "by")};
}

json::object training_to_json(const TrainingRecord& t) {
  return json::object{{"id", t.id},
                      {"kind", to_string(t.kind)},
                      {"topics", strings(t.topics)},
                      {"held_at", format_instant(t.held_at)},
                      {"trainer", t.trainer},
                      {"attendees", strings(t.attendees)},
                      {"assessment", assessment(t.assessment)}};
}

json::object meeting_to_json(const MeetingRecord& m) {
  json::object o{{"id", m.id},
                 {"meeting", m.meeting},
                 {"held_at", format_instant(m.held_at)},
                 {"participants", strings(m.participants)},
                 {"decisions", strings(m.decisions)},
                 {"outcome", m.outcome},
                 {"actions", items_to_json(m.actions)}};
  if (!m.incident.empty()) o["incident"] = m.incident;  // M1: only minutes about an incident
  return o;
}

json::object duty_to_json(const Duty& d) {
  return json::object{{"rule", d.rule},
                      {"period", d.period},
                      {"subject", d.subject},
                      {"title", json::object{{"zh", d.title.zh}, {"en", d.title.en}}},
                      {"owner_role", d.owner_role},
                      {"owner_party", d.owner_party},
                      {"starts", format_instant(d.starts)},
                      {"due", format_instant(d.due)},
                      {"required", d.required},
                      {"done", d.done},
                      {"state", to_string(d.state)},
                      {"met_by", strings(d.met_by)},
                      {"waiver_reason", d.waiver_reason}};
}

std::optional<DrillRecord> drill_from_json(const json::object& o) {
  DrillRecord d;
  d.id = string_member(o, "id");
  auto held = parse_instant(string_member(o, "held_at"));
  if (d.id.empty() || !held) return std::nullopt;
  d.held_at = *held;
  d.kind = string_member(o, "kind");
  d.scenario = string_member(o, "scenario");
  d.participants = strings_of(o, "participants");
  d.findings = string_member(o, "findings");
  // Drills recorded before duration, facilitator and evidence existed have none.
  if (std::string duration = string_member(o, "duration"); !duration.empty()) {
    d.duration = parse_duration(duration);
    if (!d.duration) return std::nullopt;
  }
  d.facilitator = string_member(o, "facilitator");
  auto items = items_of(o, "improvements");
  if (!items) return std::nullopt;
  d.improvements = std::move(*items);
  d.assessment = assessment_of(o);
  if (const auto* evidence = array_of(o, "evidence")) {
    for (const auto& x : *evidence) {
      auto e = x.is_object() ? evidence_from_json(x.as_object()) : std::nullopt;
      if (!e) return std::nullopt;
      d.evidence.push_back(std::move(*e));
    }
  }
  d.exercise_incident = string_member(o, "exercise_incident");
  return d;
}

std::optional<TrainingRecord> training_from_json(const json::object& o) {
  TrainingRecord t;
  t.id = string_member(o, "id");
  auto held = parse_instant(string_member(o, "held_at"));
  auto kind = parse_training_kind(string_member(o, "kind"));
  if (t.id.empty() || !held || !kind) return std::nullopt;
  t.held_at = *held;
  t.kind = *kind;
  t.topics = strings_of(o, "topics");
  t.trainer = string_member(o, "trainer");
  t.attendees = strings_of(o, "attendees");
  t.assessment = assessment_of(o);
  return t;
}

std::optional<MeetingRecord> meeting_from_json(const json::object& o) {
  MeetingRecord m;
  m.id = string_member(o, "id");
  auto held = parse_instant(string_member(o, "held_at"));
  if (m.id.empty() || !held) return std::nullopt;
  m.held_at = *held;
  m.meeting = string_member(o, "meeting");
  m.participants = strings_of(o, "participants");
  m.decisions = strings_of(o, "decisions");
  m.outcome = string_member(o, "outcome");
  auto actions = items_of(o, "actions");
  if (!actions) return std::nullopt;
  m.actions = std::move(*actions);
  m.incident = string_member(o, "incident");
  return m;
}

}  // namespace pactum
