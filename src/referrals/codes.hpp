// Clinical codes carried by referral events and signposts.
//
// Accepting a referral carries SNOMED CT 871731000000106 and declining carries 871711000000103,
// always. Every other event takes its code from a local code table: a CSV text with the header
// `event,system,code,display`, shipped as data/codes/local_codes.csv, that a deployer may
// replace with a map to their own codes. Thread safety: a loaded table is read-only.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "referrals/referral.hpp"

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

 private:
  std::map<std::string, ClinicalCode, std::less<>> by_event_;
};

}  // namespace linkway
