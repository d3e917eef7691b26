#include "store/sql.hpp"

namespace linkway::sql {

Status Conflict(std::string detail) {
  return Status::Conflict("a record with the same key already exists")
      .WithDetail(std::move(detail));
}

Status Missing(std::string detail) {
  return Status::Invalid("it refers to a record that does not exist").WithDetail(std::move(detail));
}

Status BrokenRule(std::string detail) {
  return Status::Invalid("a value breaks a rule of the database").WithDetail(std::move(detail));
}

Status Unavailable(std::string detail) {
  return Status::Unavailable("the database is unavailable; try again shortly")
      .WithDetail(std::move(detail));
}

Status Failed(std::string detail) {
  return Status::Internal("the database failed").WithDetail(std::move(detail));
}

Status Query::TryRun() {
  try {
    Run();
    return Status::Ok();
  } catch (const Error& e) {
    Code code = e.status().code();
    if (code == Code::kConflict || code == Code::kInvalid) return e.status();
    throw;
  }
}

}  // namespace linkway::sql
