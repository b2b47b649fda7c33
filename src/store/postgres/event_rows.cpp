#include "store/postgres/event_rows.hpp"

#include <fmt/format.h>

namespace pactum::store::pg {
namespace {

constexpr std::int64_t kPage = 5000;  // rows per query of a scan: bounded memory, few round trips

RecordView view_of(const Rows& r, int i) {
  return {r.int64(i, 0), r.view(i, 1), r.int64(i, 2), r.view(i, 3), r.view(i, 4),
          r.view(i, 5),  r.view(i, 6), r.view(i, 7),  r.view(i, 8), r.view(i, 9)};
}

}  // namespace

Result<ChainHead> read_head(Connection& db) {
  auto rows = db.query("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
  if (!rows) return rows.error();
  if (rows->size() == 0) return ChainHead{};
  return ChainHead{rows->int64(0, 0), rows->text(0, 1)};
}

Result<std::vector<RecordedEvent>> read_events(Connection& db, const char* sql,
                                               const Params& params) {
  auto rows = db.query(sql, params);
  if (!rows) return rows.error();
  std::vector<RecordedEvent> out;
  out.reserve(static_cast<std::size_t>(rows->size()));
  for (int i = 0; i < rows->size(); ++i) {
    RecordView v = view_of(*rows, i);
    auto at = parse_instant(v.at);
    if (!at) {
      return Error{ErrorCode::internal, fmt::format("event {} has an unreadable time", v.seq), {}};
    }
    out.push_back({v.seq, std::string(v.stream), v.version, std::string(v.type),
                   std::string(v.actor), *at, std::string(v.payload),
                   std::string(v.idempotency_key), std::string(v.prev_hash), std::string(v.hash)});
  }
  return out;
}

Status scan_events(const PageQuery& page, std::int64_t after_seq, const std::string* stream,
                   const std::function<bool(const RecordView&)>& visit) {
  static const std::string by_seq =
      fmt::format("SELECT {} FROM events WHERE seq > $1 ORDER BY seq LIMIT $2", kEventColumns);
  static const std::string by_version = fmt::format(
      "SELECT {} FROM events WHERE stream = $1 AND version > $2 ORDER BY version LIMIT $3",
      kEventColumns);
  std::int64_t after = stream ? 0 : after_seq;  // the last seq, or version, seen
  while (true) {
    auto rows = stream ? page(by_version.c_str(), Params().add(*stream).add(after).add(kPage))
                       : page(by_seq.c_str(), Params().add(after).add(kPage));
    if (!rows) return rows.error();
    for (int i = 0; i < rows->size(); ++i) {
      RecordView v = view_of(*rows, i);
      if (!visit(v)) return {};
      after = stream ? v.version : v.seq;
    }
    if (rows->size() < kPage) return {};
  }
}

}  // namespace pactum::store::pg
