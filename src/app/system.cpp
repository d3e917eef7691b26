#include "app/system.hpp"

#include <vector>

#include "auth/schema.hpp"
#include "casework/schema.hpp"
#include "directory/schema.hpp"
#include "insight/schema.hpp"
#include "reference/schema.hpp"
#include "referrals/schema.hpp"

namespace linkway {

std::span<const sql::Schema> AllSchemas() {
  static const std::vector<sql::Schema> kSchemas = {ReferenceSchema(), AuthSchema(),
                                                    ReferralsSchema(), DirectorySchema(),
                                                    CaseworkSchema(),  InsightSchema()};
  return kSchemas;
}

Result<std::unique_ptr<sql::Database>> OpenDatabase(const std::string& url,
                                                    const sql::Options& options) {
  auto db = sql::Open(url, options);
  if (!db.ok()) return db.status();
  if (Status s = sql::Migrate(**db, AllSchemas()); !s.ok()) return s;
  return db;
}

System::System(sql::Database& database, const Clock& clock, const CodeTable& codes,
               AuthOptions auth_options)
    : db(database),
      organisations(db),
      postcodes(db),
      directory(organisations),
      auth_store(db),
      auth(auth_store, organisations, clock, auth_options),
      audit(db),
      services(db, postcodes, clock),
      referral_store(db),
      referrals(referral_store, directory, auth_store, clock, codes),
      measures(BuiltinMeasures()),
      casework(db, referrals, directory, auth_store, clock, measures, services),
      insight(db, organisations, clock, audit, measures) {
  casework.Attach();
  services.SetReplyStats([this](const std::string& id) { return casework.Replies(id); });
}

}  // namespace linkway
