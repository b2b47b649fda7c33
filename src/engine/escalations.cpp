// The Engine's escalation (engine.hpp): the scheduler's tick records the reminders, breaches and
// escalation waves due, next_escalation_of says when the next falls, and acknowledgements (a
// message's link or a signed-in person) stop an obligation's further waves.
#include <fmt/format.h>

#include "domain/escalation.hpp"
#include "domain/notices.hpp"
#include "engine/engine.hpp"
#include "engine/event_codec.hpp"
#include "engine/streams.hpp"

namespace pactum::engine {
namespace {

const Actor kScheduler{"system:scheduler", "", {}};

std::string idempotency_key_for(const EventData& d, const std::string& incident) {
  if (const auto* b = std::get_if<ev::ObligationBreached>(&d)) {
    return fmt::format("breach:{}:{}", incident, b->obligation);
  }
  if (const auto* r = std::get_if<ev::ObligationReminded>(&d)) {
    return fmt::format("remind:{}:{}", incident, r->obligation);
  }
  const auto& x = std::get<ev::ObligationEscalated>(d);
  return fmt::format("escalate:{}:{}:{}", incident, x.obligation, x.wave);
}

}  // namespace

std::optional<Instant> Engine::tick(std::optional<store::Fence> fence) {
  Instant now = clock_.now();
  struct Due {
    std::string id;
    IncidentState state;
    std::vector<EventData> events;
  };
  std::vector<Due> due;
  std::shared_ptr<const ActivePlan> plan;
  {
    std::lock_guard lock(mutex_);
    plan = plan_;
    if (!plan) return std::nullopt;
    for (const auto& [id, rec] : incidents_) {
      if (rec.state.finished()) continue;
      auto events = escalations_due(plan->plan, rec.state, now);
      if (!events.empty()) due.push_back({id, rec.state, std::move(events)});
    }
  }
  for (auto& d : due) {
    // Expecting the version the decision was made on: if a person acted meanwhile (the step got
    // done), the append conflicts and the next tick decides again on the new state. A failure
    // stops this incident's appends for this tick: later waves never run ahead of their breach.
    for (const auto& data : d.events) {
      Event e{now, kScheduler, data};
      std::int64_t expected = d.state.version;
      evolve(d.state, e);
      store::AppendRequest request{
          kIncidentPrefix + d.id, expected, {encode(e)}, idempotency_key_for(data, d.id)};
      request.outbox = render_messages(plan->plan, d.state, d.id,
                                       notices_for(plan->plan, d.state, e), now, messaging_);
      request.fence = fence;
      auto r = log_.append_and_wait(std::move(request));
      if (!r) break;
      applied(r->events);
      if (r->duplicate) break;  // recorded elsewhere (another node): its state moves on its own
    }
  }
  std::optional<Instant> next;
  std::lock_guard lock(mutex_);
  for (const auto& [id, rec] : incidents_) {
    auto t = next_escalation(plan->plan, rec.state, now);
    if (t && (!next || *t < *next)) next = t;
  }
  return next;
}

std::optional<Instant> Engine::next_escalation_of(const std::string& incident_id) const {
  std::lock_guard lock(mutex_);
  auto it = incidents_.find(incident_id);
  if (!plan_ || it == incidents_.end()) return std::nullopt;
  return next_escalation(plan_->plan, it->second.state, clock_.now());
}

Result<CommandOutcome> Engine::acknowledge(const std::string& message_id) {
  auto message = log_.outbox().message(message_id);
  if (!message) return message.error();
  if (!*message) return Error{ErrorCode::not_found, "no such message", "message"};
  const auto& m = **message;
  if (m.obligation.empty()) {
    return precondition("this message concerns no obligation: there is nothing to acknowledge");
  }
  // The recipient, as the plan in force sees them.
  Actor recipient{"contact:" + m.recipient, "", {}};
  if (auto plan = this->plan()) {
    if (const Contact* c = plan->plan.find_contact(m.recipient)) recipient.party = c->party;
    recipient.roles = plan->plan.roles_of(m.recipient);
  }
  return record_acknowledgement(m.incident, m.obligation, recipient, m.recipient,
                                ev::NotificationAcknowledged{m.obligation, m.id, m.recipient},
                                "ack:" + m.id);
}

Result<CommandOutcome> Engine::acknowledge_obligation(const std::string& incident_id,
                                                      const std::string& obligation,
                                                      const Actor& actor,
                                                      const std::string& contact) {
  if (obligation.empty())
    return invalid("obligation", "name the obligation whose escalation stops");
  return record_acknowledgement(incident_id, obligation, actor, contact,
                                ev::NotificationAcknowledged{obligation, "", actor.user},
                                fmt::format("ack:{}:{}:{}", incident_id, obligation, actor.user));
}

Result<CommandOutcome> Engine::record_acknowledgement(
    const std::string& incident_id, const std::string& obligation, const Actor& actor,
    const std::string& contact, ev::NotificationAcknowledged event, const std::string& key) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = recorded_requests_.find(key); it != recorded_requests_.end()) {
      return repeat_locked(it->second);
    }
    auto it = incidents_.find(incident_id);
    if (it == incidents_.end()) {
      return Error{ErrorCode::not_found, fmt::format("no incident \"{}\"", incident_id),
                   "incident"};
    }
    if (!plan_) return precondition("no plan is in force");
    if (Status e = check_acknowledgement(plan_->plan, it->second.state, obligation, actor, contact,
                                         clock_.now());
        !e.ok()) {
      return e.error();
    }
  }
  store::AppendRequest request{kIncidentPrefix + incident_id,
                               store::kAnyVersion,
                               {encode(Event{clock_.now(), actor, std::move(event)})},
                               key};
  auto r = log_.append_and_wait(std::move(request));
  if (!r) return r.error();
  applied(r->events);
  return CommandOutcome{incident_id, r->events, r->duplicate};
}

}  // namespace pactum::engine
