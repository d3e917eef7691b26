#include "reference/schema.hpp"

namespace linkway {

const EmbeddedFiles& ReferenceMigrations();  // generated from migrations/*.sql

const sql::Schema& ReferenceSchema() {
  // Organisations in kind order put every parent (icb < pcn < practice, icb < vcse) first.
  static const sql::Schema kSchema{
      "reference",
      &ReferenceMigrations(),
      {{"organisations", {"kind", "code"}}, {"postcodes", {"postcode"}}},
      {{1, 1}}};
  return kSchema;
}

}  // namespace linkway
