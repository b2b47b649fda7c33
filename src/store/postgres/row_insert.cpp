#include "store/postgres/row_insert.hpp"

#include <algorithm>
#include <string>

namespace pactum::store::pg {

Status insert_rows(Connection& db, std::string_view into, std::size_t columns, std::size_t rows,
                   const std::function<void(std::size_t, Params&)>& row, std::string_view tail) {
  constexpr std::size_t kMaxParameters = 65535;  // the protocol's limit per statement
  const std::size_t per_statement = kMaxParameters / columns;
  for (std::size_t first = 0; first < rows; first += per_statement) {
    std::size_t count = std::min(per_statement, rows - first);
    std::string sql = "INSERT INTO ";
    sql.append(into).append(" VALUES ");
    Params params;
    for (std::size_t i = 0; i < count; ++i) {
      sql += i == 0 ? "(" : ",(";
      for (std::size_t c = 0; c < columns; ++c) {
        if (c > 0) sql += ',';
        sql += '$';
        sql += std::to_string(i * columns + c + 1);
      }
      sql += ')';
      row(first + i, params);
    }
    sql.append(tail);
    if (auto r = db.query(sql, params); !r) return r.error();
  }
  return {};
}

std::string text_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

}  // namespace pactum::store::pg
