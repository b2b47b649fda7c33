// Reading a JSON request body field by field. Every problem names its field path
// ("review.actions[1].owner_role") and what was expected; fields the handler did not read are
// reported as unknown. Reads after the first error are harmless and return empty values.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace pactum::http {

class Input {
 public:
  // The body must be a JSON object (an empty body reads as {} when `allow_empty`).
  static Result<Input> parse(const std::string& body, bool allow_empty = false);

  std::string str(const char* name, bool required = true, std::size_t max_bytes = 20000);
  std::optional<Instant> instant(const char* name, bool required = true);
  bool boolean(const char* name, bool fallback);
  // A JSON integer that fits in 64 bits (amounts in minor units: never a fraction or a string).
  std::optional<std::int64_t> integer(const char* name, bool required = true);
  // A whole number (no fraction, no string) from `min` to `max`; 0 when absent or wrong.
  std::int64_t integer(const char* name, std::int64_t min, std::int64_t max, bool required = true);
  std::vector<std::string> strings(const char* name, bool required = false);
  std::vector<Input> objects(const char* name, bool required = false);
  std::optional<Input> object(const char* name, bool required = false);

  // The first error of any read (sub-objects included), else an unknown field of this object.
  // Call it on each sub-object too.
  Status finish();

 private:
  struct Shared {
    Status error;
  };
  Input(boost::json::object object, std::string prefix, std::shared_ptr<Shared> shared);
  std::string path(const char* name) const;
  const boost::json::value* get(const char* name, bool required);
  // The first error wins; `reason` is its stable key (result.hpp), e.g. "field.required".
  void fail(const std::string& path, std::string message, std::string reason,
            ErrorParams params = {});
  Status unknown_fields() const;

  boost::json::object object_;
  std::string prefix_;
  std::set<std::string> read_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace pactum::http
