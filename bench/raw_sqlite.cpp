#include "raw_sqlite.hpp"

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace linkway::bench {
namespace {

// The columns of the referrals table, without its foreign keys and indexes.
constexpr std::string_view kCreate =
    "CREATE TABLE referrals (id INTEGER PRIMARY KEY, nhs_number TEXT NOT NULL, given_name TEXT "
    "NOT NULL, family_name TEXT NOT NULL, date_of_birth TEXT NOT NULL, postcode TEXT NOT NULL, "
    "phone TEXT NOT NULL, practice_code TEXT NOT NULL, pcn_code TEXT NOT NULL, referrer_id "
    "INTEGER NOT NULL, referrer_profession TEXT NOT NULL, reasons TEXT NOT NULL, reason_other "
    "TEXT NOT NULL, consent_referral INTEGER NOT NULL, consent_share INTEGER NOT NULL, urgency "
    "TEXT NOT NULL, note TEXT NOT NULL, state TEXT NOT NULL, received_at INTEGER NOT NULL)";
constexpr std::string_view kInsert =
    "INSERT INTO referrals (nhs_number, given_name, family_name, date_of_birth, postcode, phone, "
    "practice_code, pcn_code, referrer_id, referrer_profession, reasons, reason_other, "
    "consent_referral, consent_share, urgency, note, state, received_at) VALUES ('9434765919', "
    "'Ann', 'Smith', '1948-03-02', 'HR4 7DD', '01432 000000', 'P1', 'PCN1', 1, 'gp', "
    "'loneliness,money', '', 1, 1, 'routine', 'Lives alone since bereavement; worried about "
    "bills.', 'received', ?1)";

class Connection {
 public:
  explicit Connection(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) Fail("open");
  }
  ~Connection() {
    for (sqlite3_stmt* s : {begin_, insert_, commit_}) sqlite3_finalize(s);
    sqlite3_close(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  Connection(Connection&&) = delete;
  Connection& operator=(Connection&&) = delete;

  void Exec(std::string_view sql) {
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) Fail(text);
  }
  void Prepare() {
    Prepare("BEGIN IMMEDIATE", &begin_);
    Prepare(kInsert, &insert_);
    Prepare("COMMIT", &commit_);
  }
  void CommitOneRow(std::int64_t at) {
    Step(begin_);
    sqlite3_bind_int64(insert_, 1, at);
    Step(insert_);
    Step(commit_);
  }

 private:
  void Prepare(std::string_view sql, sqlite3_stmt** out) {
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), out, nullptr) !=
        SQLITE_OK) {
      Fail(std::string(sql));
    }
  }
  void Step(sqlite3_stmt* s) {
    if (sqlite3_step(s) != SQLITE_DONE) Fail(sqlite3_sql(s));
    sqlite3_reset(s);
  }
  [[noreturn]] void Fail(const std::string& what) {
    throw std::runtime_error("raw SQLite: " + what + ": " + sqlite3_errmsg(db_));
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
};

}  // namespace

RawResult RunRawCommits(const std::filesystem::path& db_file, double seconds) {
  using Clock = std::chrono::steady_clock;
  RawResult result;
  {
    Connection db(db_file.string());
    db.Exec("PRAGMA journal_mode=WAL");
    db.Exec("PRAGMA synchronous=FULL");
    db.Exec(kCreate);
    db.Prepare();
    auto start = Clock::now();
    auto deadline = start + std::chrono::duration<double>(seconds);
    for (auto now = start; now < deadline;) {
      db.CommitOneRow(static_cast<std::int64_t>(result.latencies_ms.size()));
      auto done = Clock::now();
      result.latencies_ms.push_back(std::chrono::duration<double, std::milli>(done - now).count());
      now = done;
    }
    result.commits = result.latencies_ms.size();
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(db_file.string() + suffix, ec);
  }
  return result;
}

}  // namespace linkway::bench
