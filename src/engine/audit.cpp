#include "engine/audit.hpp"

#include "domain/digest.hpp"
#include "store/record.hpp"

namespace pactum::engine {

AuditReport verify_log(store::EventLog& log, const std::function<void(std::int64_t)>& progress) {
  AuditReport report;
  report.head_hash = std::string(kGenesisHash);
  store::ChainVerifier verifier;
  std::int64_t after = 0;
  while (true) {
    auto page = log.read(after, 5000);
    if (!page) {
      report.failure = "cannot read the log: " + page.error().message;
      return report;
    }
    if (page->empty()) break;
    for (const auto& e : *page) {
      if (!verifier.next(e)) {
        report.failure = verifier.failure();
        return report;
      }
      report.bytes += static_cast<std::int64_t>(e.payload.size() + e.actor.size() + 160);
      report.events = verifier.checked();
      report.head_hash = verifier.head_hash();
    }
    after = page->back().seq;
    if (progress) progress(report.events);
  }
  return report;
}

}  // namespace pactum::engine
