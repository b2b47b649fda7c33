// The risk notice (风险通报, L3 ③): within 24 hours of an emergency-level incident the responsible
// party tells the partner what happened and how it responds. From the incident's records and in
// the plan's words: the facts, the level's steps as the response plan (with what each step's
// record says, the notice's own text among them), the clauses the level may invoke with their
// notice period, the resources, and whom to call.
#pragma once

#include "documents/review_report.hpp"

namespace pactum::documents {

// failed_precondition unless the incident has been at a level one of whose steps sends the
// risk notice (the plan's `notify: {kind: risk_notice}`: L3 in the seed plan).
Result<std::string> risk_notice_pdf(const IncidentDocument& doc, Lang lang, Instant generated_at);

}  // namespace pactum::documents
