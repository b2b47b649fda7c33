#include "store/sqlite/event_rows.hpp"

#include <fmt/format.h>

namespace pactum::store::sqlite {

Result<ChainHead> read_head(Db& db) {
  auto s = db.cached("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
  if (!s) return s.error();
  auto row = s->step();
  if (!row) return row.error();
  if (!*row) return ChainHead{};
  return ChainHead{s->int64(0), s->text(1)};
}

Status scan_rows(Db& db, const char* where, const std::function<void(Stmt&)>& bind,
                 const std::function<bool(const RecordView&)>& visit) {
  auto s = db.prepare(fmt::format("SELECT {} FROM events WHERE {}", kEventColumns, where));
  if (!s) return s.error();
  bind(*s);
  while (true) {
    auto row = s->step();
    if (!row) return row.error();
    if (!*row) return {};
    RecordView v{s->int64(0), s->view(1), s->int64(2), s->view(3), s->view(4),
                 s->view(5),  s->view(6), s->view(7),  s->view(8), s->view(9)};
    if (!visit(v)) return {};
  }
}

}  // namespace pactum::store::sqlite
