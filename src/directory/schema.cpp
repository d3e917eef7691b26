#include "directory/schema.hpp"

namespace linkway {

const EmbeddedFiles& DirectoryMigrations();  // generated from migrations/*.sql

const sql::Schema& DirectorySchema() {
  static const sql::Schema kSchema{"directory",
                                   &DirectoryMigrations(),
                                   {{"organization_details", {"org_code"}},
                                    {"taxonomies", {"id"}, true},
                                    {"taxonomy_terms", {"id"}, true},
                                    {"services", {"id"}, true},
                                    {"locations", {"id"}, true},
                                    {"service_at_locations", {"id"}, true},
                                    {"attributes", {"id"}, true},
                                    {"service_capacity", {"service_id"}, true},
                                    {"service_edits", {"id"}}},
                                   {}};
  return kSchema;
}

}  // namespace linkway
