#include "http/record_documents.hpp"

#include "documents/risk_notice.hpp"
#include "documents/supervisor_submission.hpp"

namespace pactum::http {

const char* lang_suffix(Lang lang) { return lang == Lang::zh_CN ? "zh" : "en"; }

documents::PlanVersionDocument plan_version_document(
    const Plan& plan, const engine::PlanVersionInfo& v,
    const std::vector<engine::SignerKeyInfo>& keys) {
  documents::PlanVersionDocument doc{plan,    v.sha256,      v.statement, v.effective,
                                     v.state, v.description, {}};
  for (const auto& s : v.signatures) {
    documents::PlanSignature out{s.party, s.user, "", s.key_id, {}, s.signature, s.signed_at};
    for (const auto& k : keys) {
      if (k.key_id != s.key_id) continue;
      out.contact = k.contact;
      out.public_key = k.public_key;
    }
    doc.signatures.push_back(std::move(out));
  }
  return doc;
}

const std::vector<IncidentDocumentKind>& incident_documents() {
  static const std::vector<IncidentDocumentKind> kinds{
      {"review", documents::review_pdf},
      {"risk-notice", documents::risk_notice_pdf},
      {"supervisor-submission", documents::supervisor_submission_pdf}};
  return kinds;
}

}  // namespace pactum::http
