#include "http/archive_documents.hpp"

#include <fmt/format.h>

#include "engine/engine.hpp"
#include "http/record_documents.hpp"

namespace pactum::http {
namespace {

constexpr Lang kLanguages[] = {Lang::zh_CN, Lang::en};

Result<std::vector<engine::BundleFile>> documents_of(const engine::ArchiveRecords& records,
                                                     Instant at) {
  std::vector<engine::BundleFile> out;
  std::vector<engine::SignerKeyInfo> keys;
  for (const auto& [id, k] : records.ledger.keys) keys.push_back(k);
  for (const auto& [n, v] : records.ledger.versions) {
    auto plan = engine::valid_plan(v.yaml);  // the ledger holds only versions that load
    if (!plan) return plan.error();
    auto doc = plan_version_document(*plan, v, keys);
    for (Lang lang : kLanguages) {
      auto pdf = documents::plan_pdf(doc, lang, at);
      if (!pdf) return pdf.error();
      out.push_back({fmt::format("plan-v{}.{}.pdf", n, lang_suffix(lang)), std::move(*pdf)});
    }
  }
  if (!records.plan) return out;
  for (const auto& [id, incident] : records.incidents) {
    documents::IncidentDocument doc{*records.plan, id, incident.state, incident.events};
    for (const auto& kind : incident_documents()) {
      for (Lang lang : kLanguages) {
        auto pdf = kind.make(doc, lang, at);
        if (!pdf && pdf.error().code == ErrorCode::failed_precondition) break;  // none of its kind
        if (!pdf) return pdf.error();
        out.push_back(
            {fmt::format("{}-{}.{}.pdf", id, kind.name, lang_suffix(lang)), std::move(*pdf)});
      }
    }
  }
  return out;
}

}  // namespace

engine::DocumentProducer archive_documents(Instant generated_at) {
  return [generated_at](const engine::ArchiveRecords& records) {
    return documents_of(records, generated_at);
  };
}

}  // namespace pactum::http
