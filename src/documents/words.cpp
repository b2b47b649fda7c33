#include "documents/words.hpp"

#include <date/date.h>
#include <fmt/format.h>

namespace pactum::documents {

std::string Words::time(Instant t) const {
  auto local = date::floor<std::chrono::minutes>(plan_.calendar.zone->to_local(t));
  return date::format("%F %R", local) + " (" + plan_.calendar.time_zone + ")";
}

std::string Words::time(const std::optional<Instant>& t) const { return t ? time(*t) : "—"; }

std::string Words::party(const std::string& id) const {
  const Party* p = plan_.find_party(id);
  return p ? t(p->name) : id;
}

std::string Words::role(const std::string& id) const {
  if (id == kAnyRole) return l("任一成员", "any member");
  if (id == kEmergencyContactRole) return l("应急联系人", "emergency contact");
  const Role* r = plan_.find_role(id);
  return r ? t(r->name) : id;
}

std::string Words::contact(const std::string& id) const {
  const Contact* c = plan_.find_contact(id);
  return c ? t(c->name) : id;
}

std::string Words::level(const std::string& id) const {
  if (id.empty()) return "—";
  const Level* level = plan_.find_level(id);
  return level ? fmt::format("{} {}", id, t(level->name)) : id;
}

std::string Words::trigger(const ev::Reported& report) const {
  const TriggerCategory* category = plan_.find_trigger(report.trigger);
  if (!category) return report.trigger;
  std::string out = fmt::format("{} {}", category->id, t(category->name));
  for (const auto& c : category->conditions) {
    if (c.id == report.condition) out += " · " + t(c.name);
  }
  return out;
}

std::string Words::actor(const Actor& a) const {
  if (a.is_system()) return a.user;
  return fmt::format("{} ({})", a.user, a.party);
}

namespace {

std::string grade(const Words& w, const std::vector<Grade>& grades, const std::string& id) {
  for (const auto& g : grades) {
    if (g.id == id) return w.t(g.name);
  }
  return id;
}

}  // namespace

std::string Words::impact(const std::string& id) const {
  return grade(*this, plan_.assessment.impact, id);
}

std::string Words::urgency(const std::string& id) const {
  return grade(*this, plan_.assessment.urgency, id);
}

std::string Words::status(IncidentStatus s) const {
  switch (s) {
    case IncidentStatus::reported:
      return l("已报告", "reported");
    case IncidentStatus::assessed:
      return l("已评估", "assessed");
    case IncidentStatus::resolved:
      return l("已处置", "resolved");
    case IncidentStatus::review_submitted:
      return l("复盘报告已提交", "review submitted");
    case IncidentStatus::review_approved:
      return l("复盘报告已审核", "review approved");
    case IncidentStatus::closed:
      return l("已关闭", "closed");
    case IncidentStatus::cancelled:
      return l("已撤销", "cancelled");
  }
  return "";
}

std::string Words::generated(Instant at) const {
  return fmt::format("{} {} · Pactum", l("生成时间", "Generated"), time(at));
}

}  // namespace pactum::documents
