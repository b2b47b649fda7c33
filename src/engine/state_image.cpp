#include "engine/state_image.hpp"

namespace pactum::engine::image {
namespace {

// The layouts this file writes in full (x86-64, libstdc++: the only platform built). A failing
// assertion means a field was added or changed: write and read it below, raise the snapshot
// format (snapshots.hpp), then the size here.
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(IncidentState) == 1360, "IncidentState changed: update state_image.cpp");
static_assert(sizeof(ev::Reported) == 264, "ev::Reported changed: update state_image.cpp");
static_assert(sizeof(StepRecord) == 192, "StepRecord changed: update state_image.cpp");
static_assert(sizeof(Review) == 200, "Review changed: update state_image.cpp");
static_assert(sizeof(Quote) == 104, "Quote changed: update state_image.cpp");
static_assert(sizeof(Evidence) == 72, "Evidence changed: update state_image.cpp");
static_assert(sizeof(FollowUpAction) == 112, "FollowUpAction changed: update state_image.cpp");
static_assert(sizeof(Actor) == 88, "Actor changed: update state_image.cpp");
static_assert(sizeof(LevelPeriod) == 72, "LevelPeriod changed: update state_image.cpp");
static_assert(sizeof(IncidentState::Breach) == 72, "Breach changed: update state_image.cpp");
static_assert(sizeof(IncidentState::QuoteChoice) == 64, "QuoteChoice changed: update state_image");
static_assert(sizeof(store::RecordedEvent) == 248, "RecordedEvent changed: update state_image");
#endif

void write(Writer& w, const Actor& a) {
  w.str(a.user);
  w.str(a.party);
  w.strings(a.roles);
}

Actor read_actor(Reader& r) {
  Actor a;
  a.user = r.str();
  a.party = r.str();
  a.roles = r.strings();
  return a;
}

void write(Writer& w, const std::vector<Evidence>& items) {
  w.u64(items.size());
  for (const auto& e : items) {
    w.u64(static_cast<std::uint64_t>(e.kind));
    w.str(e.text);
    w.str(e.ref);
  }
}

std::vector<Evidence> read_evidence(Reader& r) {
  std::vector<Evidence> out(r.count(24));
  for (auto& e : out) {
    auto kind = r.u64();
    if (kind > static_cast<std::uint64_t>(EvidenceKind::record)) r.fail();
    e.kind = static_cast<EvidenceKind>(kind);
    e.text = r.str();
    e.ref = r.str();
  }
  return out;
}

void write(Writer& w, const StepRecord& s) {
  w.str(s.level);
  w.instant(s.at);
  write(w, s.actor);
  w.boolean(s.waived);
  w.str(s.reason);
  write(w, s.evidence);
}

StepRecord read_step(Reader& r) {
  StepRecord s;
  s.level = r.str();
  s.at = r.instant();
  s.actor = read_actor(r);
  s.waived = r.boolean();
  s.reason = r.str();
  s.evidence = read_evidence(r);
  return s;
}

void write(Writer& w, const std::map<std::string, StepRecord>& steps) {
  w.u64(steps.size());
  for (const auto& [id, s] : steps) {
    w.str(id);
    write(w, s);
  }
}

std::map<std::string, StepRecord> read_steps(Reader& r) {
  std::map<std::string, StepRecord> out;
  for (std::size_t n = r.count(); n > 0 && r.ok(); --n) {
    std::string id = r.str();
    out.emplace(std::move(id), read_step(r));
  }
  return out;
}

void write(Writer& w, const ev::Reported& e) {
  w.str(e.incident_id);
  w.str(e.trigger);
  w.str(e.condition);
  w.str(e.phenomenon);
  w.str(e.scope);
  w.str(e.cause_guess);
  w.instant(e.discovered_at);
  w.str(e.reporting_party);
  w.str(e.responsible_party);
}

ev::Reported read_reported(Reader& r) {
  ev::Reported e;
  e.incident_id = r.str();
  e.trigger = r.str();
  e.condition = r.str();
  e.phenomenon = r.str();
  e.scope = r.str();
  e.cause_guess = r.str();
  e.discovered_at = r.instant();
  e.reporting_party = r.str();
  e.responsible_party = r.str();
  return e;
}

void write(Writer& w, const std::optional<Review>& review) {
  w.boolean(review.has_value());
  if (!review) return;
  w.instant(review->occurred_at);
  w.str(review->location);
  w.str(review->responsible);
  w.str(review->direct_cause);
  w.str(review->indirect_cause);
  w.u64(static_cast<std::uint64_t>(review->avoidability));
  w.str(review->avoidability_notes);
  w.u64(review->actions.size());
  for (const auto& a : review->actions) {
    w.str(a.id);
    w.str(a.text);
    w.str(a.owner_role);
    w.instant(a.due);
  }
}

std::optional<Review> read_review(Reader& r) {
  if (!r.boolean()) return std::nullopt;
  Review v;
  v.occurred_at = r.instant();
  v.location = r.str();
  v.responsible = r.str();
  v.direct_cause = r.str();
  v.indirect_cause = r.str();
  auto avoidability = r.u64();
  if (avoidability > static_cast<std::uint64_t>(Avoidability::unavoidable)) r.fail();
  v.avoidability = static_cast<Avoidability>(avoidability);
  v.avoidability_notes = r.str();
  v.actions.resize(r.count(32));
  for (auto& a : v.actions) {
    a.id = r.str();
    a.text = r.str();
    a.owner_role = r.str();
    a.due = r.optional_instant();
  }
  return v;
}

}  // namespace

void write(Writer& w, const IncidentState& s) {
  w.i64(s.version);
  write(w, s.report);
  write(w, s.reporter);
  w.instant(s.reported_at);
  w.u64(static_cast<std::uint64_t>(s.status));
  w.instant(s.synced_at);
  w.instant(s.assessed_at);
  w.str(s.impact);
  w.str(s.urgency);
  w.str(s.suggested_level);
  w.str(s.level);
  w.u64(s.levels.size());
  for (const auto& l : s.levels) {
    w.str(l.level);
    w.instant(l.from);
    w.str(l.reason);
  }
  write(w, s.steps);
  w.u64(s.quotes.size());
  for (const auto& [step, quotes] : s.quotes) {
    w.str(step);
    w.u64(quotes.size());
    for (const auto& q : quotes) {
      w.str(q.supplier);
      w.str(q.supplier_name);
      w.i64(q.amount);
      w.instant(q.valid_until);
      write(w, q.evidence);
    }
  }
  w.u64(s.quote_choices.size());
  for (const auto& [step, c] : s.quote_choices) {
    w.str(step);
    w.str(c.supplier);
    w.str(c.reason);
  }
  write(w, s.engaged);
  w.instant(s.resolved_at);
  write(w, s.review);
  w.str(s.review_submitted_by);
  w.instant(s.review_submitted_at);
  write(w, s.actions_done);
  w.instant(s.review_approved_at);
  w.instant(s.closed_at);
  w.instant(s.cancelled_at);
  w.str(s.cancel_reason);
  w.u64(s.notes);
  w.i64(s.external_messages);
  w.u64(s.breaches.size());
  for (const auto& [key, b] : s.breaches) {
    w.str(key);
    w.instant(b.due);
    w.instant(b.recorded_at);
    w.i64(b.waves_sent);
    w.strings(b.reached);
  }
  w.strings(s.reminded);
  w.strings(s.acknowledged);
  w.u64(s.alerts.size());
  for (const auto& [fingerprint, firing] : s.alerts) {
    w.str(fingerprint);
    w.boolean(firing);
  }
}

IncidentState read_state(Reader& r) {
  IncidentState s;
  s.version = r.i64();
  s.report = read_reported(r);
  s.reporter = read_actor(r);
  s.reported_at = r.instant();
  auto status = r.u64();
  if (status > static_cast<std::uint64_t>(IncidentStatus::cancelled)) r.fail();
  s.status = static_cast<IncidentStatus>(status);
  s.synced_at = r.optional_instant();
  s.assessed_at = r.optional_instant();
  s.impact = r.str();
  s.urgency = r.str();
  s.suggested_level = r.str();
  s.level = r.str();
  s.levels.resize(r.count(24));
  for (auto& l : s.levels) {
    l.level = r.str();
    l.from = r.instant();
    l.reason = r.str();
  }
  s.steps = read_steps(r);
  for (std::size_t n = r.count(); n > 0 && r.ok(); --n) {
    std::string step = r.str();
    std::vector<Quote> quotes(r.count(40));
    for (auto& q : quotes) {
      q.supplier = r.str();
      q.supplier_name = r.str();
      q.amount = r.i64();
      q.valid_until = r.instant();
      q.evidence = read_evidence(r);
    }
    s.quotes.emplace(std::move(step), std::move(quotes));
  }
  for (std::size_t n = r.count(); n > 0 && r.ok(); --n) {
    std::string step = r.str();
    IncidentState::QuoteChoice c;
    c.supplier = r.str();
    c.reason = r.str();
    s.quote_choices.emplace(std::move(step), std::move(c));
  }
  s.engaged = read_steps(r);
  s.resolved_at = r.optional_instant();
  s.review = read_review(r);
  s.review_submitted_by = r.str();
  s.review_submitted_at = r.optional_instant();
  s.actions_done = read_steps(r);
  s.review_approved_at = r.optional_instant();
  s.closed_at = r.optional_instant();
  s.cancelled_at = r.optional_instant();
  s.cancel_reason = r.str();
  s.notes = static_cast<std::size_t>(r.u64());
  s.external_messages = r.i64();
  for (std::size_t n = r.count(); n > 0 && r.ok(); --n) {
    std::string key = r.str();
    IncidentState::Breach b;
    b.due = r.instant();
    b.recorded_at = r.instant();
    b.waves_sent = static_cast<int>(r.i64());
    b.reached = r.string_set();
    s.breaches.emplace(std::move(key), std::move(b));
  }
  s.reminded = r.string_set();
  s.acknowledged = r.string_set();
  for (std::size_t n = r.count(); n > 0 && r.ok(); --n) {
    std::string fingerprint = r.str();
    s.alerts.emplace(std::move(fingerprint), r.boolean());
  }
  return s;
}

void write(Writer& w, const store::RecordedEvent& e) {
  w.i64(e.seq);
  w.str(e.stream);
  w.i64(e.version);
  w.str(e.type);
  w.str(e.actor);
  w.instant(e.at);
  w.str(e.payload);
  w.str(e.idempotency_key);
  w.str(e.prev_hash);
  w.str(e.hash);
}

store::RecordedEvent read_event(Reader& r) {
  store::RecordedEvent e;
  e.seq = r.i64();
  e.stream = r.str();
  e.version = r.i64();
  e.type = r.str();
  e.actor = r.str();
  e.at = r.instant();
  e.payload = r.str();
  e.idempotency_key = r.str();
  e.prev_hash = r.str();
  e.hash = r.str();
  return e;
}

}  // namespace pactum::engine::image
