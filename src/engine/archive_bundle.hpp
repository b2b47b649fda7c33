// G5: the archive bundle (docs/plan-signing.md, "The archive bundle"): one file holding every
// event of the log (JSONL, in log order, with their hashes), every plan version's YAML with its
// statement and signatures, the signers' public keys, the latest checkpoint with its
// cosignatures, the generated documents (PDFs, made by the producer the caller passes) and any
// files given, a README in Chinese and English, and a manifest of every file's SHA-256 that
// `sha256sum -c` reads. What is inside is built here from the log; tar_file.hpp writes and reads
// the file; bundle_verify.hpp checks one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "engine/archive_records.hpp"
#include "store/checkpoints.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

// A file of the bundle: its path inside the bundle's folder ("events.jsonl", "plan/v2/plan.yaml").
struct BundleFile {
  std::string path;
  std::string bytes;
};

inline constexpr const char* kBundleFolder = "pactum-archive";  // the one folder in the tar
inline constexpr const char* kManifest = "MANIFEST.sha256";
inline constexpr const char* kEventsFile = "events.jsonl";
inline constexpr const char* kKeysFile = "keys.json";

// Makes the generated documents from the records the log holds: files put under documents/ by
// their names. The engine does not typeset (it does not depend on src/documents): the
// composition root passes the producer (http/archive_documents.hpp).
using DocumentProducer = std::function<Result<std::vector<BundleFile>>(const ArchiveRecords&)>;

struct BundleSources {
  store::EventSource& events;
  std::optional<store::StoredCheckpoint> checkpoint;  // the latest, if any
  // More files, each put under documents/ by its name (a plain file name: files given by hand).
  // Empty names, '/' or "..", and a name given twice (here or by the producer) are refused.
  std::vector<BundleFile> documents;
  // The generated documents, put under documents/ before those given; none without one.
  DocumentProducer produce_documents = nullptr;
};

// Every file of the bundle, the manifest last. Reads the log once, in order; the chain itself is
// not judged here (`pactum audit verify` and bundle_verify do that).
Result<std::vector<BundleFile>> bundle_files(BundleSources sources);

// One event as a line of events.jsonl: canonical JSON (RFC 8785) of the fields its hash covers
// (actor and payload as JSON) with prev_hash and hash; without `hash` and `prev_hash` it is the
// record's canonical bytes again (store/record.hpp).
std::string event_line(const store::RecordView& e);

// The manifest's text: "<sha256 hex>  <path>\n" per file, in the order given.
std::string manifest_of(const std::vector<BundleFile>& files);

}  // namespace pactum::engine
