// The system under test for the intake benchmarks: the Linkway HTTP API on 127.0.0.1 and a free
// port, over a fresh durable database (SQLite or PostgreSQL) holding the test world, wired as
// `linkway serve` wires it (app/routes.hpp: the front door, then every route), with 128 handler
// threads for blocking writes. Thread safety: construct and destroy on one thread; Spec and
// WriterStats from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "app/system.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http_load.hpp"

namespace linkway::bench {

// A valid referral for practice P1, as a GP system would send it.
inline constexpr std::string_view kReferral =
    R"({"patient": {"nhs_number": "943 476 5919", "given_name": "Ann", "family_name": "Smith",)"
    R"( "date_of_birth": "1948-03-02", "postcode": "HR4 7DD", "phone": "01432 000000"},)"
    R"( "practice": "P1", "reasons": ["loneliness", "money"],)"
    R"( "consent": {"referral": true, "share_with_link_worker": true}, "urgency": "routine",)"
    R"( "note": "Lives alone since bereavement; worried about bills."})";

class IntakeServer {
 public:
  // Opens the fresh, empty database at `db_url`, adds the test world (orgs P1/PCN1..., users
  // gp1...), makes a bearer token for gp1 and starts the server. Throws std::runtime_error when
  // any step fails.
  explicit IntakeServer(const std::string& db_url, const sql::Options& options = {});
  ~IntakeServer();
  IntakeServer(const IntakeServer&) = delete;
  IntakeServer& operator=(const IntakeServer&) = delete;
  IntakeServer(IntakeServer&&) = delete;
  IntakeServer& operator=(IntakeServer&&) = delete;

  // POST /api/v1/referrals with the standard referral body as gp1, expecting 201.
  [[nodiscard]] LoadSpec Spec() const;
  // Sends one referral before anything is timed, so that a broken setup fails loudly, not as
  // zeros; false (with the answer on stderr) unless it got 201.
  [[nodiscard]] bool Probe() const;
  // Batches (durable COMMITs) and writes of the database's batch queue so far.
  [[nodiscard]] sql::WriteStats WriterStats() const { return db_->write_stats(); }

 private:
  SystemClock clock_;
  std::unique_ptr<sql::Database> db_;
  CodeTable codes_;
  std::unique_ptr<System> system_;
  http::Router router_;
  std::string token_;
  std::unique_ptr<http::Server> server_;
  unsigned short port_ = 0;
};

}  // namespace linkway::bench
