#include "domain/notices.hpp"

#include "domain/escalation.hpp"
#include "domain/obligations.hpp"
#include "domain/overloaded.hpp"

namespace pactum {
namespace {

std::vector<std::string> emergency_contacts(const Plan& plan, const std::string& party = "") {
  std::vector<std::string> out;
  for (const auto& c : plan.contacts) {
    if (c.emergency_contact && (party.empty() || c.party == party)) out.push_back(c.id);
  }
  return out;
}

std::vector<std::string> everyone(const Plan& plan) {
  std::vector<std::string> out;
  for (const auto& c : plan.contacts) out.push_back(c.id);
  return out;
}

const Obligation* find(const std::vector<Obligation>& all, const std::string& key) {
  for (const auto& o : all) {
    if (o.key == key) return &o;
  }
  return nullptr;
}

}  // namespace

std::vector<Notice> notices_for(const Plan& plan, const IncidentState& after, const Event& event) {
  std::vector<Notice> out;
  std::visit(
      Overloaded{
          [&](const ev::Reported&) {
            out.push_back({"report", "report", "internal", emergency_contacts(plan), "", -1, ""});
          },
          [&](const ev::Synced&) {
            // Only the first sync is the P2 message; later ones are notes on the timeline.
            if (after.synced_at == event.at) {
              out.push_back({"sync", "sync", "internal", everyone(plan), "", -1, ""});
            }
          },
          [&](const ev::ObligationReminded& r) {
            auto all = obligations(plan, after, event.at);
            const Obligation* o = find(all, r.obligation);
            if (!o) return;
            EscalationWave owner_and_deputy{{0, DurationUnit::minutes}, {"owner", "deputy"}};
            out.push_back({"reminder:" + r.obligation, "reminder", "internal",
                           wave_recipients(plan, *o, owner_and_deputy), r.obligation, -1, ""});
          },
          [&](const ev::ObligationEscalated& x) {
            out.push_back({"breach:" + x.obligation + ":" + std::to_string(x.wave), "breach",
                           "internal", x.recipients, x.obligation, x.wave, ""});
          },
          [&](const ev::StepCompleted& c) {
            const Level* level = plan.find_level(c.level);
            const Step* step = level ? level->find_step(c.step) : nullptr;
            if (!step || step->notify_kind.empty()) return;
            std::vector<std::string> to;
            if (step->notify_audience == "partner") {
              const Party* partner = plan.partner_of(after.report.responsible_party);
              if (partner) to = emergency_contacts(plan, partner->id);
            } else {
              to = everyone(plan);
            }
            std::string evidence;
            for (const auto& e : c.evidence) evidence += (evidence.empty() ? "" : "\n") + e.text;
            out.push_back({step->notify_kind + ":" + c.step, step->notify_kind,
                           step->notify_audience, to, "", -1, evidence});
          },
          [](const auto&) {},
      },
      event.data);
  return out;
}

}  // namespace pactum
