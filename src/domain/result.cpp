#include "domain/result.hpp"

#include <ostream>

namespace pactum {

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
      return "invalid_argument";
    case ErrorCode::failed_precondition:
      return "failed_precondition";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::unauthenticated:
      return "unauthenticated";
    case ErrorCode::permission_denied:
      return "permission_denied";
    case ErrorCode::unsupported_media_type:
      return "unsupported_media_type";
    case ErrorCode::unavailable:
      return "unavailable";
    case ErrorCode::resource_exhausted:
      return "resource_exhausted";
    case ErrorCode::internal:
      return "internal";
  }
  return "internal";
}

std::string reason_of(const Error& e) { return e.reason.empty() ? to_string(e.code) : e.reason; }

void PrintTo(const Status& status, std::ostream* os) {
  if (status.ok()) {
    *os << "ok";
    return;
  }
  const Error& e = status.error();
  *os << to_string(e.code);
  if (!e.field.empty()) *os << " [" << e.field << "]";
  *os << ": " << e.message;
}

}  // namespace pactum
