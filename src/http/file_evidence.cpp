#include "http/file_evidence.hpp"

#include <fmt/format.h>

namespace pactum::http {

Status unstored_file_evidence(const store::FileStore* files, const std::vector<Evidence>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].kind != EvidenceKind::file) continue;
    std::string field = fmt::format("evidence[{}].ref", i);
    const std::string& ref = items[i].ref;
    if (!store::is_sha256_hex(ref)) {
      return invalid(field,
                     "file evidence names an uploaded file by its SHA-256 (64 lower-case hex "
                     "digits, as POST /api/v1/files answers)");
    }
    if (!files || !files->contains(ref)) {
      return invalid(field, fmt::format("no file {} has been uploaded (POST /api/v1/files)", ref));
    }
  }
  return {};
}

}  // namespace pactum::http
