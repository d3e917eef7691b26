#include "insight/schema.hpp"

namespace linkway {

const EmbeddedFiles& InsightMigrations();  // generated from migrations/*.sql

const sql::Schema& InsightSchema() {
  static const sql::Schema kSchema{
      "insight", &InsightMigrations(), {{"list_sizes", {"practice_code"}}}, {}};
  return kSchema;
}

}  // namespace linkway
