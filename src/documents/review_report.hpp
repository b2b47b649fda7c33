// The review report (复盘报告, V1): an incident's facts, its timeline, the root-cause analysis in
// the plan's template (when, where, who was responsible; direct and indirect cause;
// avoidability), the measures taken (each level's steps with their evidence), the follow-up
// actions tracked to completion, and who submitted and approved the review.
#pragma once

#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace pactum::documents {

struct IncidentDocument {
  const Plan& plan;  // the plan in force
  std::string id;
  const IncidentState& state;
  const std::vector<Event>& events;  // the timeline, oldest first
};

// failed_precondition when no review has been submitted yet.
Result<std::string> review_pdf(const IncidentDocument& doc, Lang lang, Instant generated_at);

}  // namespace pactum::documents
