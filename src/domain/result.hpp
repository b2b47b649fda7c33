// Errors as values. Domain and store code return Result<T> instead of throwing across layers.
// The error code says what the caller should do next (see docs/architecture.md, "Errors"):
// the HTTP layer maps each code to a status in one table.
#pragma once

#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace pactum {

enum class ErrorCode {
  invalid_argument,        // the request itself is wrong: fix it and retry
  failed_precondition,     // valid, but the state does not allow it now (e.g. close before review)
  not_found,               // the thing addressed does not exist
  conflict,                // lost a race (stale version, duplicate): reload and retry
  unauthenticated,         // who is asking is not known: no, an expired or a wrong credential
  permission_denied,       // the actor may not do this
  unsupported_media_type,  // the body is of a type the receiver does not take: send another
  unavailable,             // transient: retry later
  resource_exhausted,  // too many attempts (e.g. failed sign-ins): wait `retry_after`, then retry
  internal,            // a bug or broken invariant
};

const char* to_string(ErrorCode code);

// An error's parameters, in order: the values a client needs to say the reason in its own
// language, e.g. {{"owner_role", "tech_lead"}, {"party", "a"}}.
using ErrorParams = std::vector<std::pair<std::string, std::string>>;

struct Error {
  ErrorCode code;
  std::string message;  // a sentence a person can act on
  std::string field;    // the offending field path, e.g. "evidence[0].text"; empty if none
  std::chrono::seconds retry_after{0};  // resource_exhausted: how long to wait (HTTP Retry-After)
  // A stable key for what exactly went wrong, e.g. "step.owned_by_other_party", that clients
  // translate (the message stays English, for logs and the CLI); empty: only the code is known,
  // and reason_of() answers the code's name. The keys are listed in docs/openapi.yaml (Error).
  std::string reason;
  ErrorParams params;  // what the reason's sentence needs; keys documented with the reason

  // This error with its reason and parameters set: `return denied("…").because("x.y", {…});`
  Error because(std::string why, ErrorParams with = {}) && {
    reason = std::move(why);
    params = std::move(with);
    return std::move(*this);
  }
};

// The error's reason, or the generic one its code implies (the code's name) when it has none.
std::string reason_of(const Error& e);

inline Error invalid(std::string field, std::string message) {
  return {ErrorCode::invalid_argument, std::move(message), std::move(field)};
}
inline Error precondition(std::string message) {
  return {ErrorCode::failed_precondition, std::move(message), {}};
}
inline Error denied(std::string message) {
  return {ErrorCode::permission_denied, std::move(message), {}};
}

// The outcome of an operation that returns no value: success, or the Error that stopped it.
//   Status() is success: a function returning Status ends with `return {};`
//   An Error converts implicitly: `return invalid("name", "must not be empty");`
//   Test it with ok(), as a Result: `if (Status s = save(); !s.ok()) return s.error();`
// It has no operator bool, nor any other conversion to bool, on purpose: it replaced
// std::optional<Error>, whose truth was the reverse of Result's (an error was true), and code
// written for that shape (`if (auto e = save())`, `ASSERT_FALSE(load())`) must fail to compile
// rather than silently mean the opposite.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return !error_.has_value(); }
  // The error; only when !ok() (std::bad_optional_access otherwise, as Result's error() throws).
  const Error& error() const { return error_.value(); }

 private:
  std::optional<Error> error_;
};

// For GoogleTest: a failed assertion on a Status shows its error (code, field and message).
void PrintTo(const Status& status, std::ostream* os);

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  // By value, so that `for (auto& x : f().value())` does not dangle.
  T value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace pactum
