// The evidence files the chain references (L4): every file evidence an event names by its
// SHA-256 ({"kind": "file", "ref": <64 hex digits>} anywhere in its payload) must be stored and
// its bytes must still hash to that digest. The chain covers the digest, this covers the bytes.
// Used by `pactum audit verify` (offline) and POST /api/v1/audit/verify.
// File evidence recorded before uploads existed (a free-text reference such as "sha256:ab12" or
// a link) names no stored file and is not checked.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/event_log.hpp"
#include "store/file_store.hpp"

namespace pactum::engine {

struct FileProblem {
  std::int64_t seq = 0;  // the first event that references the file
  std::string sha256;
  std::string name;     // the stored file's name, or else the evidence's text
  std::string problem;  // "missing", "altered: its bytes hash to …"
  // "event 12 references file 3a…(64) "切换截图.png": missing"
  std::string describe() const;
};

struct FileAudit {
  std::int64_t files = 0;  // distinct files referenced, each checked once
  std::vector<FileProblem> problems;
  bool intact() const { return problems.empty(); }
};

Result<FileAudit> verify_files(store::EventSource& log, const store::FileStore& files);

}  // namespace pactum::engine
