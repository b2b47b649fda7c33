// The submission to the third-party supervisor (第三方监理机构, L2 ④ and X2): after a major
// incident is handled, the responsible party submits it for acceptance within the plan's window.
// From the incident's records and in the plan's words: whom it goes to (the third party of rule
// X2 and its condition), the facts and the resolution, the level's steps with their evidence
// (the suppliers' quotes, the management meeting), the root-cause analysis when one is recorded,
// and the acceptance requested.
#pragma once

#include "documents/review_report.hpp"

namespace pactum::documents {

// failed_precondition unless the incident has been at a level one of whose steps is rule X2
// (L2 in the seed plan) and is resolved.
Result<std::string> supervisor_submission_pdf(const IncidentDocument& doc, Lang lang,
                                              Instant generated_at);

}  // namespace pactum::documents
