#include "engine/archive_bundle.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <set>

#include "domain/canonical_json.hpp"
#include "domain/digest.hpp"
#include "domain/evidence/note.hpp"
#include "engine/governance_ledger.hpp"

namespace pactum::engine {
namespace json = boost::json;
namespace {

json::value parsed(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value(std::string(text)) : v;
}

store::RecordedEvent owned(const store::RecordView& v) {
  store::RecordedEvent e;
  e.seq = v.seq;
  e.stream = v.stream;
  e.version = v.version;
  e.type = v.type;
  e.actor = v.actor;
  e.at = parse_instant(v.at).value_or(Instant{});
  e.payload = v.payload;
  e.idempotency_key = v.idempotency_key;
  e.prev_hash = v.prev_hash;
  e.hash = v.hash;
  return e;
}

std::string keys_json(const GovernanceLedger& ledger) {
  json::array keys;
  for (const auto& [id, k] : ledger.keys) {
    std::string_view raw(reinterpret_cast<const char*>(k.public_key.data()), k.public_key.size());
    json::object o{{"key_id", k.key_id},
                   {"party", k.party},
                   {"user", k.user},
                   {"contact", k.contact},
                   {"public_key", evidence::base64(raw)},
                   {"registered_at", format_instant(k.registered_at)}};
    if (k.revoked_at) o["revoked_at"] = format_instant(*k.revoked_at);
    keys.push_back(std::move(o));
  }
  return json::serialize(keys) + "\n";
}

std::string signatures_json(const PlanVersionInfo& v) {
  json::array out;
  for (const auto& s : v.signatures) {
    out.push_back(json::object{{"party", s.party},
                               {"key_id", s.key_id},
                               {"user", s.user},
                               {"signature", evidence::base64(s.signature)},
                               {"signed_at", format_instant(s.signed_at)}});
  }
  return json::serialize(out) + "\n";
}

constexpr const char* kReadme = R"(# Pactum 归档包 / Pactum archive bundle

## 中文
本归档包由 Pactum 生成，保存应急预案合作期间的全部记录（G5）：

- `events.jsonl`：事件日志的每一条事件，按日志顺序，每行一个 JSON 对象（RFC 8785 规范化），
  含 `prev_hash` 与 `hash`。去掉这两个字段后的字节即该事件哈希所覆盖的内容：
  hash = SHA-256(prev_hash + "\n" + 该字节)，第一条事件的 prev_hash 为 64 个 0。
- `plan/v<版本>/plan.yaml`：每个预案版本的 YAML 原文；`statement.txt`：双方签署的声明原文；
  `signatures.json`：各方的 Ed25519 签名（base64）。
- `keys.json`：签署人的公钥（32 字节，base64）。
- `checkpoints/`：最新的签名检查点及见证方的联署（如有）。
- `documents/`：生成的 PDF 文件，中文（`.zh.pdf`）与英文（`.en.pdf`）各一份：每个预案版本连同
  签署页（`plan-v<版本>.zh.pdf`），每个事件的复盘报告（`<事件编号>-review.zh.pdf`），以及事件有
  相应记录时的风险通报（`<事件编号>-risk-notice.zh.pdf`，L3）与提交第三方监理机构的材料
  （`<事件编号>-supervisor-submission.zh.pdf`，X2）；另加生成时手工附上的文件。
  注意：证据中类型为“文件”（file）的条目目前只是文字引用（说明与编号，如文件的 SHA-256），
  文件本身不在 Pactum 中，也不在本归档包内，须按引用另行保存。
- `MANIFEST.sha256`：以上每个文件的 SHA-256。

离线核验：`pactum audit verify --bundle 本文件`（核对清单摘要、事件哈希链、每个签名）；
或手工：解包后在本目录运行 `sha256sum -c MANIFEST.sha256`，并用声明原文与公钥核验签名。

## English
This bundle was made by Pactum and holds every record of the plan's cooperation (G5):

- `events.jsonl`: every event of the log, in log order, one JSON object per line (RFC 8785
  canonical) with `prev_hash` and `hash`. Without those two fields a line is exactly the bytes
  its hash covers: hash = SHA-256(prev_hash + "\n" + those bytes); the first prev_hash is 64 zeros.
- `plan/v<version>/plan.yaml`: each plan version's YAML as recorded; `statement.txt`: the exact
  bytes the parties signed; `signatures.json`: each party's Ed25519 signature (base64).
- `keys.json`: the signers' public keys (32 bytes, base64).
- `checkpoints/`: the latest signed checkpoint and the witnesses' cosignatures, if any.
- `documents/`: the generated PDFs, in Chinese (`.zh.pdf`) and English (`.en.pdf`): each plan
  version with its signature page (`plan-v<version>.en.pdf`), each incident's review report
  (`<incident>-review.en.pdf`), and where the incident has them its risk notice
  (`<incident>-risk-notice.en.pdf`, L3) and submission to the supervisor
  (`<incident>-supervisor-submission.en.pdf`, X2); and any files added by hand when it was made.
  Note: a step's evidence of kind "file" names a file uploaded to the server by its SHA-256,
  kept in the server's data directory (DATA/files), not in this bundle: keep that directory
  with it (`sha256sum` of each file there is its name).
- `MANIFEST.sha256`: the SHA-256 of every file above.

To verify offline: `pactum audit verify --bundle THIS_FILE` (the manifest's digests, the event
chain, every signature); or by hand: unpack, run `sha256sum -c MANIFEST.sha256` in this folder,
and check each signature over statement.txt with the signer's public key (Ed25519, RFC 8032).
)";

bool plain_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

}  // namespace

std::string event_line(const store::RecordView& e) {
  json::object o{{"seq", e.seq},
                 {"stream", e.stream},
                 {"version", e.version},
                 {"type", e.type},
                 {"at", e.at},
                 {"actor", parsed(e.actor)},
                 {"payload", parsed(e.payload)},
                 {"idempotency_key", e.idempotency_key},
                 {"prev_hash", e.prev_hash},
                 {"hash", e.hash}};
  return canonical_json(o);
}

std::string manifest_of(const std::vector<BundleFile>& files) {
  std::string out;
  for (const auto& f : files) out += fmt::format("{}  {}\n", sha256_hex(f.bytes), f.path);
  return out;
}

Result<std::vector<BundleFile>> bundle_files(BundleSources sources) {
  std::vector<BundleFile> files;
  files.push_back({"README.md", kReadme});
  std::string events;
  ArchiveRecords records;
  records.with_incidents = static_cast<bool>(sources.produce_documents);
  Status unreadable;
  auto scanned = sources.events.scan(0, [&](const store::RecordView& e) {
    events += event_line(e);
    events += '\n';
    unreadable = records.apply(owned(e));
    return unreadable.ok();
  });
  if (!scanned.ok()) return scanned.error();
  if (!unreadable.ok()) return unreadable.error();
  records.finish();
  const GovernanceLedger& ledger = records.ledger;
  files.push_back({kEventsFile, std::move(events)});
  files.push_back({kKeysFile, keys_json(ledger)});
  for (const auto& [n, v] : ledger.versions) {
    std::string dir = fmt::format("plan/v{}/", n);
    files.push_back({dir + "plan.yaml", v.yaml});
    files.push_back({dir + "statement.txt", v.statement});
    files.push_back({dir + "signatures.json", signatures_json(v)});
  }
  if (const auto& c = sources.checkpoint) {
    std::string name = fmt::format("checkpoints/checkpoint-{}", c->size);
    std::string cosigned = c->note;  // cosignatures are more signature lines of the same note
    for (const auto& s : c->cosignatures) cosigned += s.line;
    files.push_back({name + ".txt", cosigned});
    if (!c->timestamp.empty()) files.push_back({name + ".tsr", c->timestamp});
  }
  std::vector<BundleFile> documents;
  if (sources.produce_documents) {
    auto made = sources.produce_documents(records);
    if (!made) return made.error();
    documents = std::move(*made);
  }
  for (auto& d : sources.documents) documents.push_back(std::move(d));
  std::set<std::string> names;
  for (auto& d : documents) {
    if (!plain_name(d.path)) {
      return Error{ErrorCode::invalid_argument,
                   fmt::format("a document's name must be a plain file name, not \"{}\"", d.path),
                   "documents"};
    }
    if (!names.insert(d.path).second) {
      return Error{ErrorCode::invalid_argument,
                   fmt::format("two documents are named \"{}\"", d.path), "documents"};
    }
    files.push_back({"documents/" + d.path, std::move(d.bytes)});
  }
  std::string manifest = manifest_of(files);
  files.push_back({kManifest, std::move(manifest)});
  return files;
}

}  // namespace pactum::engine
