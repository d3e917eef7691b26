#include <memory>

#include "sql_layer.hpp"
#include "store/pg/pg.hpp"
#include "store/sqlite/sqlite.hpp"

namespace linkway::bench {
namespace {

void One(sql::Connection& c, int n) {
  c.Begin(true);
  std::string note = "note " + std::to_string(n);
  sql::Query(c, kReferral, "9434765919", "Ann", "Smith", "1948-03-02", "HR4 7DD", "01432 000000",
             "P1", "PCN1", 7, "gp", "loneliness,money", "", 1, 1, "routine", note, 1795514400)
      .Run();
  sql::Query(c, kEvent, n, 1795514400, 7, "referrer", std::nullopt, "received", "", "sys", "LW001",
             "Received")
      .Run();
  sql::Query(c, kAudit, 1795514400, 7, "gp1", "referrer", "referral.create", "referral",
             std::to_string(n))
      .Run();
  c.Exec("COMMIT");
}

}  // namespace

std::string PgSchema() {
  std::string schema(kSchema);
  for (std::size_t at = 0; (at = schema.find("INTEGER PRIMARY KEY")) != std::string::npos;) {
    schema.replace(at, 19, "BIGSERIAL PRIMARY KEY");
  }
  return schema;
}

std::function<void(int)> OurIntake(const std::string& url) {
  std::shared_ptr<sql::Connection> c;
  if (url.starts_with("sqlite:")) {
    c = std::make_shared<sql::SqliteConnection>(url.substr(7), false);
    c->Exec(kSchema);
  } else {
    c = std::make_shared<sql::PgConnection>(url, false);
    c->Exec(PgSchema());
  }
  return [c](int n) { One(*c, n); };
}

}  // namespace linkway::bench
