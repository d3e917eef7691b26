#include "store/pg/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace linkway {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    auto store = pg::PgStore::Open(url, options);
    if (!store.ok()) return store.status();
    return std::unique_ptr<Store>(std::move(store).value());
  }
  std::string path = url;
  if (url.starts_with("sqlite:")) {
    path = url.substr(7);
  } else if (url.find("://") != std::string::npos) {
    return Status::Invalid("unknown database URL scheme in '" + url.substr(0, url.find("://")) +
                           "'; use sqlite:PATH, a file path or postgresql://...");
  }
  if (path.empty()) return Status::Invalid("the database path is empty");
  auto store = sqlite::SqliteStore::Open(path, options);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(store).value());
}

}  // namespace linkway
