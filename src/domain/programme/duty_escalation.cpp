#include "domain/programme/duty_escalation.hpp"

#include <fmt/format.h>

#include "domain/escalation.hpp"

namespace pactum {
namespace {

const EscalationWave kReminder{{}, {"owner", "deputy"}};

}  // namespace

std::string duty_key(const Duty& duty) {
  return fmt::format("{}:{}:{}", duty.rule, duty.period, duty.subject);
}

std::vector<std::string> duty_recipients(const Plan& plan, const Duty& duty,
                                         const EscalationWave& wave) {
  Obligation owner;  // the part of an obligation wave_recipients() reads: who owns it
  owner.owner_role = duty.owner_role.empty() ? kEmergencyContactRole : duty.owner_role;
  owner.owner_party = duty.owner_party;
  return wave_recipients(plan, owner, wave);
}

std::vector<DutyAlert> duty_alerts_due(const Plan& plan, const std::vector<Duty>& duties,
                                       const DutyNotices& recorded, Instant activated_at,
                                       Instant now) {
  std::vector<DutyAlert> out;
  const auto& waves = plan.escalation.waves;
  for (const auto& d : duties) {
    std::string key = duty_key(d);
    // As with breaches: a reminder point that passed before the plan was activated is not news
    // (activating a plan in December must not send a reminder for every yearly duty at once).
    if (d.state == DutyState::open && d.remind_at > activated_at && d.remind_at <= now &&
        now < d.due && !recorded.reminded.contains(key)) {
      out.push_back({DutyAlert::Kind::reminder, d, -1, duty_recipients(plan, d, kReminder)});
    }
    if (d.state != DutyState::breached || d.due <= activated_at) continue;
    auto breach = recorded.breaches.find(key);
    Instant breached_at = now;
    int sent = 0;
    if (breach == recorded.breaches.end()) {
      out.push_back({DutyAlert::Kind::breach, d, -1, {}});
    } else {
      breached_at = breach->second.recorded_at;
      sent = breach->second.waves_sent;
    }
    for (int w = sent; w < static_cast<int>(waves.size()); ++w) {
      const auto& wave = waves[static_cast<std::size_t>(w)];
      if (plan.calendar.add(breached_at, wave.after) > now) break;
      out.push_back({DutyAlert::Kind::wave, d, w, duty_recipients(plan, d, wave)});
    }
  }
  return out;
}

std::optional<Instant> next_duty_alert(const Plan& plan, const std::vector<Duty>& duties,
                                       const DutyNotices& recorded, Instant now) {
  std::optional<Instant> next;
  auto consider = [&](Instant t) {
    if (t > now && (!next || t < *next)) next = t;
  };
  const auto& waves = plan.escalation.waves;
  for (const auto& d : duties) {
    std::string key = duty_key(d);
    if (d.state == DutyState::open) {
      consider(d.due);
      if (!recorded.reminded.contains(key)) consider(d.remind_at);
    }
    auto breach = recorded.breaches.find(key);
    if (d.state != DutyState::breached || breach == recorded.breaches.end()) continue;
    auto w = static_cast<std::size_t>(breach->second.waves_sent);
    if (w < waves.size()) consider(plan.calendar.add(breach->second.recorded_at, waves[w].after));
  }
  return next;
}

}  // namespace pactum
