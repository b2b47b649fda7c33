// The PDF documents as made from Pactum's records: what the document routes (api_documents.cpp)
// and the archive bundle's documents (archive_documents.hpp) share, so a document in the bundle is
// the one the API serves.
#pragma once

#include <string>
#include <vector>

#include "documents/plan_document.hpp"
#include "documents/review_report.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "engine/governance_ledger.hpp"

namespace pactum::http {

// "zh" or "en": a document's language in its file name.
const char* lang_suffix(Lang lang);

// Version `v` as its document: `plan` (its own, read from v.yaml), its statement, and per
// signature the signer's key among `keys`.
documents::PlanVersionDocument plan_version_document(
    const Plan& plan, const engine::PlanVersionInfo& v,
    const std::vector<engine::SignerKeyInfo>& keys);

// An incident's documents, each by the name of its route (`…/incidents/{id}/<name>.pdf`) and of
// its file in the archive. Each answers failed_precondition when the incident has no such
// document (no review submitted, never at a level that sends a risk notice or goes to the
// supervisor, not resolved yet).
using IncidentPdf = Result<std::string> (*)(const documents::IncidentDocument&, Lang, Instant);
struct IncidentDocumentKind {
  const char* name;
  IncidentPdf make;
};
const std::vector<IncidentDocumentKind>& incident_documents();

}  // namespace pactum::http
