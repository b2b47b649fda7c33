#include "store/postgres/postgres_leases.hpp"

namespace pactum::store {

Result<std::unique_ptr<PostgresLeases>> PostgresLeases::open(const std::string& url) {
  auto db = pg::Connection::open(url);
  if (!db) return db.error();
  return std::unique_ptr<PostgresLeases>(new PostgresLeases(std::move(*db)));
}

Result<std::optional<std::int64_t>> PostgresLeases::acquire(const std::string& name,
                                                            const std::string& holder,
                                                            std::chrono::milliseconds ttl) {
  // One statement, so two nodes racing for a free lease cannot both win: the row is locked by
  // the first; the second then sees it taken (and not expired) and changes nothing. A takeover
  // waits for any write still fenced by the old token (check_fence's FOR SHARE) to commit.
  std::lock_guard lock(mutex_);
  auto rows = db_.query(
      "INSERT INTO leases AS l (name, holder, token, expires_at) "
      "VALUES ($1, $2, 1, now() + $3::bigint * interval '1 millisecond') "
      "ON CONFLICT (name) DO UPDATE SET "
      "  token = CASE WHEN l.holder = excluded.holder THEN l.token ELSE l.token + 1 END, "
      "  holder = excluded.holder, expires_at = excluded.expires_at "
      "WHERE l.holder = excluded.holder OR l.expires_at <= now() "
      "RETURNING token",
      pg::Params().add(name).add(holder).add(static_cast<std::int64_t>(ttl.count())));
  if (!rows) return rows.error();
  if (rows->size() == 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows->int64(0, 0));
}

Status PostgresLeases::release(const std::string& name, const std::string& holder) {
  std::lock_guard lock(mutex_);
  auto r = db_.query("UPDATE leases SET expires_at = now() WHERE name = $1 AND holder = $2",
                     pg::Params().add(name).add(holder));
  if (!r) return r.error();
  return {};
}

}  // namespace pactum::store
