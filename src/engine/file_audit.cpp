#include "engine/file_audit.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <functional>
#include <map>

namespace pactum::engine {
namespace {

using boost::json::value;

// Calls `found(ref, text)` for every object of the value with "kind": "file" and a string "ref".
void file_evidence(const value& v,
                   const std::function<void(const std::string&, const std::string&)>& found) {
  if (const auto* o = v.if_object()) {
    const auto* kind = o->if_contains("kind");
    const auto* ref = o->if_contains("ref");
    if (kind && kind->is_string() && kind->as_string() == "file" && ref && ref->is_string()) {
      const auto* text = o->if_contains("text");
      found(std::string(ref->as_string()),
            text && text->is_string() ? std::string(text->as_string()) : "");
    }
    for (const auto& [k, child] : *o) file_evidence(child, found);
  } else if (const auto* a = v.if_array()) {
    for (const auto& child : *a) file_evidence(child, found);
  }
}

}  // namespace

std::string FileProblem::describe() const {
  return fmt::format("event {} references file {} \"{}\": {}", seq, sha256, name, problem);
}

Result<FileAudit> verify_files(store::EventSource& log, const store::FileStore& files) {
  FileAudit audit;
  std::map<std::string, bool> seen;  // digest → checked
  auto error = log.scan(0, [&](const store::RecordView& e) {
    // Most events carry no file: parse only those whose payload may.
    if (e.payload.find("\"file\"") == std::string_view::npos) return true;
    boost::system::error_code ec;
    auto payload = boost::json::parse(e.payload, ec);
    if (ec) return true;  // the chain's verification names a damaged record
    file_evidence(payload, [&](const std::string& ref, const std::string& text) {
      if (!store::is_sha256_hex(ref) || !seen.emplace(ref, true).second) return;
      ++audit.files;
      if (auto problem = files.check(ref)) {
        auto info = files.info(ref);
        audit.problems.push_back({e.seq, ref, info ? info->name : text, *problem});
      }
    });
    return true;
  });
  if (!error.ok()) return error.error();
  return audit;
}

}  // namespace pactum::engine
