// The words documents share, in the reader's language: labels, the plan's names for its parties,
// roles, contacts and levels, and times in the plan's time zone.
#pragma once

#include <optional>
#include <string>

#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"

namespace pactum::documents {

class Words {
 public:
  Words(const Plan& plan, Lang lang) : plan_(plan), lang_(lang) {}

  Lang lang() const { return lang_; }
  const Plan& plan() const { return plan_; }
  // A label in the reader's language.
  const char* l(const char* zh, const char* en) const { return lang_ == Lang::zh_CN ? zh : en; }
  const std::string& t(const Text& text) const { return text.in(lang_); }

  // "2026-03-02 09:00 (Asia/Shanghai)"; "—" for none.
  std::string time(Instant t) const;
  std::string time(const std::optional<Instant>& t) const;
  // The plan's names, or the id when the plan has none by that id.
  std::string party(const std::string& id) const;
  std::string role(const std::string& id) const;
  std::string contact(const std::string& id) const;
  std::string level(const std::string& id) const;  // "L2 重大级"; "—" before an assessment
  std::string trigger(const ev::Reported& report) const;
  // The assessment's grades by their plan names (P4): "中等", "危及安全".
  std::string impact(const std::string& id) const;
  std::string urgency(const std::string& id) const;  // "T1 重大技术故障 · 系统宕机超过4小时"
  // Who acted: the user with their party ("li.na (A)"), or the machine.
  std::string actor(const Actor& actor) const;
  std::string status(IncidentStatus s) const;
  // The line closing every document: when and by what it was generated.
  std::string generated(Instant at) const;
  // Text a person left empty.
  std::string or_dash(const std::string& text) const { return text.empty() ? "—" : text; }

 private:
  const Plan& plan_;
  Lang lang_;
};

}  // namespace pactum::documents
