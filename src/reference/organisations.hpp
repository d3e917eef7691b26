// The organisations Linkway knows: the ICB, its PCNs, their practices, and community (VCSE)
// organisations, stored in the reference module's tables (schema.hpp). Every write tells
// subscribers kOrganisationsChanged, so that instances drop their cached copies.
// Thread safety: every method may be called from any thread.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/people.hpp"
#include "core/status.hpp"
#include "store/database.hpp"

namespace linkway {

inline constexpr std::string_view kOrganisationsChanged = "organisations";

class Organisations {
 public:
  explicit Organisations(sql::Database& db) : db_(db) {}

  // Inserts or replaces by code. kInvalid when the parent does not exist, or (field "areas") an
  // agency's area names anything but PCNs or the ICB, or another kind has an area.
  Status Put(const Organisation& org);
  // Every one in a single write: all stored, or none.
  Status PutAll(const std::vector<Organisation>& orgs);
  // kNotFound when there is none with that code.
  Result<Organisation> Get(std::string_view code);
  // Every organisation, or those of one kind, by kind then code.
  Result<std::vector<Organisation>> List(std::optional<OrgKind> kind = std::nullopt);
  // True when there are none yet: a fresh database.
  Result<bool> IsEmpty();

  sql::Database& db() { return db_; }

 private:
  Status PutOne(sql::Tx& tx, const Organisation& org);
  sql::Database& db_;
};

}  // namespace linkway
