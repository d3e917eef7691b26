// Status and Result<T>: the expected outcomes of an operation, as values.
//
// A function that can fail in an expected way (not found, invalid input, a conflict with the
// current state, forbidden) returns a Status or a Result<T>; exceptions are kept for failures
// that stop a function from doing its job at all (a broken database file, out of memory).
// The message is written for the person who sent the request and never holds patient data;
// field errors name the input ("patient.nhs_number") and what is wrong with it. A status may
// also carry detail for the log only (a database's own error text, say), which no client sees.
// Both types are [[nodiscard]]: an outcome is checked, or discarded on purpose with (void).
// Thread safety: plain values; safe to copy between threads.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace linkway {

enum class Code {
  kOk,
  kInvalid,          // the input is malformed or fails a rule; see field errors
  kNotFound,         // no such record, or one the caller may not know exists
  kConflict,         // the request clashes with the current state of a record
  kUnauthenticated,  // nobody is signed in
  kForbidden,        // signed in, but this role or organisation may not do it
  kTooLarge,         // the request body is over the limit
  kUnavailable,      // the store cannot serve now; try again
  kRateLimited,      // too many attempts; try again later
  kInternal,         // a bug or a broken invariant
};

struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message, std::vector<FieldError> fields = {})
      : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

  static Status Ok() { return {}; }
  static Status Invalid(std::string message, std::vector<FieldError> fields = {}) {
    return {Code::kInvalid, std::move(message), std::move(fields)};
  }
  static Status NotFound(std::string message) { return {Code::kNotFound, std::move(message)}; }
  static Status Conflict(std::string message) { return {Code::kConflict, std::move(message)}; }
  static Status Forbidden(std::string message) { return {Code::kForbidden, std::move(message)}; }
  static Status Unauthenticated(std::string message) {
    return {Code::kUnauthenticated, std::move(message)};
  }
  static Status Unavailable(std::string message) {
    return {Code::kUnavailable, std::move(message)};
  }
  static Status Internal(std::string message) { return {Code::kInternal, std::move(message)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fields() const { return fields_; }
  // For kRateLimited and kUnavailable: seconds after which trying again may succeed; 0 when
  // the status does not say.
  int retry_after() const { return retry_after_; }
  Status WithRetryAfter(int seconds) && {
    retry_after_ = seconds;
    return std::move(*this);
  }
  // Detail for the log, never for the client; empty when there is none.
  const std::string& detail() const { return detail_; }
  // The same status with `detail` for the log.
  Status WithDetail(std::string detail) && {
    detail_ = std::move(detail);
    return std::move(*this);
  }
  Status WithDetail(std::string detail) const& {
    Status copy = *this;
    copy.detail_ = std::move(detail);
    return copy;
  }

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::vector<FieldError> fields_;
  std::string detail_;
  int retry_after_ = 0;
};

// Holds either a value or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : value_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(value_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(value_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(value_);
  }
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

 private:
  std::variant<T, Status> value_;
};

// Collects field errors while validating a whole input, so the caller sees every problem at once.
class FieldErrors {
 public:
  void Add(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }
  bool empty() const { return errors_.empty(); }
  Status ToStatus(std::string message = "The request has errors; see fields.") const {
    if (errors_.empty()) return Status::Ok();
    return Status::Invalid(std::move(message), errors_);
  }
  const std::vector<FieldError>& list() const { return errors_; }

 private:
  std::vector<FieldError> errors_;
};

}  // namespace linkway
