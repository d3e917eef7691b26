// Clinical codes carried by referral events and signposts.
//
// Accepting a referral carries SNOMED CT 871731000000106 and declining carries 871711000000103,
// always. Every other event takes its code from a local code table: a CSV text with the header
// `event,system,code,display`, shipped as data/codes/local_codes.csv, that a deployer may
// replace with a map to their own codes. Thread safety: a loaded table is read-only.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "referrals/referral.hpp"
#include "store/database.hpp"

namespace linkway {

inline constexpr std::string_view kSnomedSystem = "http://snomed.info/sct";
inline constexpr std::string_view kSnomedReferred = "871731000000106";
inline constexpr std::string_view kSnomedDeclined = "871711000000103";

struct ClinicalCode {
  std::string system;
  std::string code;
  std::string display;
};

// The event names a code table must cover: "referral.<state>" for every state other than
// accepted and declined, and "signpost.recorded".
std::vector<std::string> RequiredCodeEvents();

class CodeTable {
 public:
  // Parses the CSV text. kInvalid naming the line when a row is malformed, an event is unknown
  // or repeated, or a required event has no row.
  static Result<CodeTable> Parse(std::string_view csv);

  // The code for entering `state`.
  ClinicalCode ForState(ReferralState state) const;
  ClinicalCode ForSignpost() const;
  // Every event's code, by event name.
  const std::map<std::string, ClinicalCode, std::less<>>& entries() const { return by_event_; }

 private:
  std::map<std::string, ClinicalCode, std::less<>> by_event_;
};

inline constexpr std::string_view kCodesChanged = "local_codes";

// The code table in use: the deployment's file (or the shipped one) until an administrator
// replaces it; the replacement is stored in the database (local_codes), so every instance uses
// it at once (a change notice) and after restarts.
// Thread safety: every method may be called from any thread.
class CodeBook {
 public:
  CodeBook(sql::Database& db, const CodeTable& from_file);
  // The table in use now; a replacement does not change a table already taken.
  std::shared_ptr<const CodeTable> Current() const;
  // Who put the stored table in place, and when; empty and 0 when the file's is in use.
  struct Source {
    std::string updated_by;
    UnixSeconds updated_at = 0;
  };
  Source source() const;
  // Parses `csv` (kInvalid naming the line, nothing changed), then stores it with `audit` in
  // one write and uses it.
  Status Replace(std::string_view csv, UnixSeconds at, const std::string& by,
                 const std::function<void(sql::Tx&)>& audit);

 private:
  struct State {
    mutable std::mutex mutex;
    std::shared_ptr<const CodeTable> current;
    std::shared_ptr<const CodeTable> from_file;
    Source source;
  };
  static void Load(sql::Database& db, State& state);
  sql::Database& db_;
  std::shared_ptr<State> state_;
};

}  // namespace linkway
