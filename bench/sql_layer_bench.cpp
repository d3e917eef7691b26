// linkway_sql_layer_bench: Linkway's own SQL interface (store/sql.hpp) beside SOCI 4, the
// library the feature-modules issue named, on the same writes in the same run: the statements
// of one referral's intake (the referral, its first event and its audit row, 17, 10 and 7
// parameters, each statement prepared once) and a commit, repeated, on SQLite and on
// PostgreSQL. Commits are not synced (synchronous off on both), so that the figure is the
// layer's cost and the database's, not the disk's.
//
// Built only where SOCI is installed (Debian libsoci-dev); not part of `make bench`.
// Usage: linkway_sql_layer_bench [--seconds N] [--rounds R] [--dir PATH]
#include <fmt/core.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <functional>
#include <map>
#include <vector>

#include "bench_args.hpp"
#include "bench_stats.hpp"
#include "machine.hpp"
#include "pg_cluster.hpp"
#include "sql_layer.hpp"

namespace linkway::bench {
namespace {

using Clock = std::chrono::steady_clock;

// SOCI names its placeholders: ":p1" for "$1".
std::string Named(std::string_view sql) {
  std::string out;
  for (char c : sql) out += c == '$' ? std::string(":p") : std::string(1, c);
  return out;
}

// `settings`, then each statement of `schema` (separated by ';').
std::vector<std::string> Setup(std::vector<std::string> settings, std::string_view schema) {
  std::string rest(schema);
  for (std::size_t at = 0; (at = rest.find(';')) != std::string::npos; rest = rest.substr(at + 1)) {
    settings.push_back(rest.substr(0, at));
  }
  settings.push_back(rest);
  return settings;
}

// Intakes per second over `seconds` of `one`.
double Rate(double seconds, const std::function<void(int)>& one) {
  auto start = Clock::now();
  int n = 0;
  while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) one(n++);
  return n / std::chrono::duration<double>(Clock::now() - start).count();
}

// SOCI with prepared statements bound to variables, as its documentation recommends.
class Soci {
 public:
  // Connects, runs `setup` (settings and the tables), then prepares the three statements.
  Soci(const soci::backend_factory& backend, const std::string& connect,
       const std::vector<std::string>& setup)
      : session_(backend, connect) {
    for (const auto& statement : setup) session_ << statement;
    referral_ = std::make_unique<soci::statement>(
        (session_.prepare << Named(kReferral), soci::use(nhs_), soci::use(given_),
         soci::use(family_), soci::use(dob_), soci::use(postcode_), soci::use(phone_),
         soci::use(practice_), soci::use(pcn_), soci::use(referrer_), soci::use(profession_),
         soci::use(reasons_), soci::use(other_), soci::use(c1_), soci::use(c2_),
         soci::use(urgency_), soci::use(note_), soci::use(at_)));
    event_ = std::make_unique<soci::statement>(
        (session_.prepare << Named(kEvent), soci::use(id_), soci::use(at_), soci::use(referrer_),
         soci::use(role_), soci::use(from_, from_null_), soci::use(to_), soci::use(other_),
         soci::use(system_), soci::use(code_), soci::use(display_)));
    audit_ = std::make_unique<soci::statement>(
        (session_.prepare << Named(kAudit), soci::use(at_), soci::use(referrer_), soci::use(user_),
         soci::use(role_), soci::use(action_), soci::use(type_), soci::use(record_)));
  }
  void One(int n) {
    soci::transaction tx(session_);
    note_ = "note " + std::to_string(n);
    id_ = n;
    record_ = std::to_string(n);
    referral_->execute(true);
    event_->execute(true);
    audit_->execute(true);
    tx.commit();
  }

 private:
  soci::session session_;
  std::unique_ptr<soci::statement> referral_, event_, audit_;
  std::string nhs_ = "9434765919", given_ = "Ann", family_ = "Smith", dob_ = "1948-03-02",
              postcode_ = "HR4 7DD", phone_ = "01432 000000", practice_ = "P1", pcn_ = "PCN1",
              profession_ = "gp", reasons_ = "loneliness,money", other_, urgency_ = "routine",
              note_, role_ = "referrer", from_, to_ = "received", system_ = "sys", code_ = "LW001",
              display_ = "Received", user_ = "gp1", action_ = "referral.create", type_ = "referral",
              record_;
  long long referrer_ = 7, at_ = 1795514400, id_ = 0;
  int c1_ = 1, c2_ = 1;
  soci::indicator from_null_ = soci::i_null;
};

struct Row {
  std::string label;
  std::vector<double> ours, soci;
};

}  // namespace
}  // namespace linkway::bench

int main(int argc, char** argv) {
  using namespace linkway::bench;
  CommonOptions o;
  o.seconds = 3;
  ParseCommon(argc, argv,
              "usage: linkway_sql_layer_bench [--seconds N] [--rounds R] [--dir PATH]\n", o);
  fmt::print(
      "linkway_sql_layer_bench: the statements of one referral intake and a commit, through\n"
      "Linkway's SQL interface and through SOCI 4.0, same database, same run\n");
  WorkDir dir(o.dir);
  const std::filesystem::path& work = dir.Path();
  fmt::print("machine: {}\nload:    {} (1, 5, 15 min) at the start\n", DescribeCpus(),
             LoadAverage());
  std::vector<Row> rows{{"SQLite 3.40 (file, WAL, synchronous=OFF)", {}, {}},
                        {"PostgreSQL 15 (synchronous_commit=off)", {}, {}}};
  {
    Cluster cluster(work);
    Shell(PgBin("createdb") + " " + cluster.PgbenchArgs() + " ours");
    Shell(PgBin("createdb") + " " + cluster.PgbenchArgs() + " soci");
    auto ours_sqlite = OurIntake("sqlite:" + (work / "ours.db").string());
    Soci soci_sqlite(*soci::factory_sqlite3(), "db=" + (work / "soci.db").string(),
                     Setup({"PRAGMA journal_mode=WAL", "PRAGMA synchronous=OFF"}, kSchema));
    auto ours_pg = OurIntake(cluster.Url("ours"));
    Soci soci_pg(*soci::factory_postgresql(), cluster.Keywords("soci"),
                 Setup({"SET synchronous_commit = off"}, PgSchema()));
    for (int round = 0; round < o.rounds; ++round) {
      rows[0].ours.push_back(Rate(o.seconds, ours_sqlite));
      rows[0].soci.push_back(Rate(o.seconds, [&](int n) { soci_sqlite.One(n); }));
      rows[1].ours.push_back(Rate(o.seconds, ours_pg));
      rows[1].soci.push_back(Rate(o.seconds, [&](int n) { soci_pg.One(n); }));
    }
  }
  fmt::print("\nmedian of {} round(s) of {:.0f} s, one connection each\n", o.rounds, o.seconds);
  fmt::print("{:<44} {:>14} {:>14} {:>10}\n", "", "Linkway per s", "SOCI per s", "SOCI/ours");
  for (const auto& r : rows) {
    double ours = Median(r.ours);
    double soci = Median(r.soci);
    fmt::print("{:<44} {:>14.0f} {:>14.0f} {:>9.2f}x\n", r.label, ours, soci, soci / ours);
  }
  return 0;
}
