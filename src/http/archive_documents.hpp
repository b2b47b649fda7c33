// G5: the documents an archive bundle carries (docs/plan-signing.md, "The archive bundle"), made
// from the records folded from the log (engine/archive_records.hpp) as the document routes make
// them (record_documents.hpp), each in Chinese and English (<lang>: zh, en):
//
//   plan-v<N>.<lang>.pdf                           each plan version with its signature page
//   <incident>-review.<lang>.pdf                   the review report (V1), once a review is in
//   <incident>-risk-notice.<lang>.pdf              the risk notice (L3), where the incident has one
//   <incident>-supervisor-submission.<lang>.pdf    the submission to the supervisor (X2), likewise
//
// An incident document that does not apply to an incident is left out; an incident's documents
// are made with the plan in force at the log's end, as the routes make them with the plan in
// force. Evidence of kind "file" is a text reference in them: the files themselves are not
// held. `pactum archive` and the server at the plan's expiry pass this to the engine.
#pragma once

#include "domain/time.hpp"
#include "engine/archive_bundle.hpp"

namespace pactum::http {

// The producer; every document dated `generated_at`. An error only when typesetting fails.
engine::DocumentProducer archive_documents(Instant generated_at);

}  // namespace pactum::http
