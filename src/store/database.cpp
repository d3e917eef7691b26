#include "store/database.hpp"

#include "store/pg/pg.hpp"
#include "store/sqlite/sqlite.hpp"

namespace linkway::sql {

Result<std::unique_ptr<Database>> Open(const std::string& url, const Options& options) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    auto db = PgDatabase::Open(url, options);
    if (!db.ok()) return db.status();
    return std::unique_ptr<Database>(std::move(db).value());
  }
  std::string path = url;
  if (url.starts_with("sqlite:")) {
    path = url.substr(7);
  } else if (url.find("://") != std::string::npos) {
    return Status::Invalid("unknown database URL scheme in '" + url.substr(0, url.find("://")) +
                           "'; use sqlite:PATH, a file path or postgresql://...");
  }
  if (path.empty()) return Status::Invalid("the database path is empty");
  auto db = SqliteDatabase::Open(path, options);
  if (!db.ok()) return db.status();
  return std::unique_ptr<Database>(std::move(db).value());
}

}  // namespace linkway::sql
