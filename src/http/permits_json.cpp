#include "http/permits_json.hpp"

#include <boost/json.hpp>

#include "domain/incident_permits.hpp"
#include "domain/obligations.hpp"
#include "domain/quotes.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// The acts on the incident as a whole, by the name the answer gives them.
constexpr Act kWholeActs[] = {
    Act::sync,    Act::assess,        Act::change_level,   Act::note,  Act::send_external,
    Act::resolve, Act::submit_review, Act::approve_review, Act::close, Act::cancel};

value who_json(const Plan& plan, const std::vector<Entitled>& who) {
  array out;
  for (const auto& w : who) {
    array people;
    for (const auto& p : w.people) {
      const Contact* c = plan.find_contact(p.contact);
      people.push_back(object{
          {"contact", p.contact},
          {"name", c ? value(object{{"zh", c->name.zh}, {"en", c->name.en}}) : value(nullptr)},
          {"deputy", p.deputy}});
    }
    out.push_back(object{{"role", w.role}, {"party", w.party}, {"people", std::move(people)}});
  }
  return out;
}

// {"may": true} or {"may": false, "code", "reason", "params", "message"} and, for a refusal
// for permission, "who".
value answer(const Plan& plan, const IncidentState& s, const Actor& actor, Act act,
             const std::string& target = {}) {
  Status refused = refusal(plan, s, actor, act, target);
  if (refused.ok()) return object{{"may", true}};
  const Error* e = &refused.error();
  object params;
  for (const auto& [k, v] : e->params) params[k] = v;
  object out{{"may", false},
             {"code", to_string(e->code)},
             {"reason", reason_of(*e)},
             {"params", std::move(params)},
             {"message", e->message}};
  if (e->code == ErrorCode::permission_denied) {
    out["who"] = who_json(plan, entitled(plan, s, act, target));
  }
  return out;
}

// A step is completed through its quotes when its rule is S3.
Act completing(const Step& step) {
  return step.rule == kQuotesRule ? Act::record_quotes : Act::complete_step;
}

}  // namespace

value permits_json(const Plan& plan, const IncidentState& s, const Actor& actor, Instant now) {
  object acts;
  for (Act act : kWholeActs) acts[to_string(act)] = answer(plan, s, actor, act);

  object steps;
  if (const Level* level = plan.find_level(s.level)) {
    for (const auto& step : level->steps) {
      steps[step.id] = object{{"complete", answer(plan, s, actor, completing(step), step.id)},
                              {"waive", answer(plan, s, actor, Act::waive_step, step.id)}};
    }
  }
  object third_parties;
  for (const auto& x : plan.third_parties) {
    if (x.engaged_by) {
      third_parties[x.id] = answer(plan, s, actor, Act::engage_third_party, x.id);
    }
  }
  object follow_ups;
  if (s.review) {
    for (const auto& a : s.review->actions) {
      follow_ups[a.id] = answer(plan, s, actor, Act::complete_action, a.id);
    }
  }
  // Each obligation still owed: the answer for the act that meets it.
  object owed;
  for (const auto& o : obligations(plan, s, now)) {
    bool owes = o.state == ObligationState::open || o.state == ObligationState::pending ||
                (o.state == ObligationState::breached && !o.done_at);
    if (!owes) continue;
    auto key = [&](const char* prefix) { return o.key.substr(std::string(prefix).size()); };
    switch (o.kind) {
      case ObligationKind::sync:
        owed[o.key] = acts["sync"];
        break;
      case ObligationKind::assess:
        owed[o.key] = acts["assess"];
        break;
      case ObligationKind::step:
        if (auto it = steps.find(key("step:")); it != steps.end()) {
          owed[o.key] = it->value().as_object().at("complete");
        }
        break;
      case ObligationKind::resolve:
        owed[o.key] = acts["resolve"];
        break;
      case ObligationKind::review_submit:
        owed[o.key] = acts["submit_review"];
        break;
      case ObligationKind::review_approve:
        owed[o.key] = acts["approve_review"];
        break;
      case ObligationKind::follow_up:
        if (auto it = follow_ups.find(key("action:")); it != follow_ups.end()) {
          owed[o.key] = it->value();
        }
        break;
      case ObligationKind::third_party:
        if (auto it = third_parties.find(key("third_party:")); it != third_parties.end()) {
          owed[o.key] = it->value();
        }
        break;
      case ObligationKind::report:
        break;  // done by reporting: the incident exists
    }
  }
  return object{{"acts", std::move(acts)},
                {"steps", std::move(steps)},
                {"third_parties", std::move(third_parties)},
                {"follow_up_actions", std::move(follow_ups)},
                {"obligations", std::move(owed)}};
}

}  // namespace pactum::http
