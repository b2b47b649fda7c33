#include "http/evidence_input.hpp"

namespace pactum::http {

Status read_evidence(Input& in, std::vector<Evidence>& out, bool required) {
  for (auto& item : in.objects("evidence", required)) {
    Evidence e;
    std::string kind = item.str("kind", true, 16);
    if (kind == "note") {
      e.kind = EvidenceKind::note;
    } else if (kind == "file") {
      e.kind = EvidenceKind::file;
    } else if (kind == "record") {
      e.kind = EvidenceKind::record;
    } else if (!kind.empty()) {
      return invalid("evidence.kind", "evidence kind is note, file or record");
    }
    e.text = item.str("text", true);
    e.ref = item.str("ref", false, 2000);
    if (Status err = item.finish(); !err.ok()) return err;
    out.push_back(std::move(e));
  }
  return {};
}

}  // namespace pactum::http
