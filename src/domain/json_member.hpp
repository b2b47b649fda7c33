// Reading records back: a string member of a JSON object, or "" when it is absent or not a
// string. Records are checked when written; what reads them back keeps going on the rest.
#pragma once

#include <boost/json.hpp>
#include <string>

namespace pactum {

inline std::string string_member(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace pactum
