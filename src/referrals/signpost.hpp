// Signposting: a referrer points a person straight to a community service, in one action,
// without a referral. It is counted as social prescribing activity and holds no patient
// identity. Pure data and validation; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"

namespace linkway {

struct SignpostInput {
  std::string service;               // the community service named, free text
  std::vector<std::string> reasons;  // reason codes from kReasons
  std::string note;
};

// The cleaned input, or kInvalid listing every field error.
Result<SignpostInput> ValidateSignpost(const SignpostInput& input);

struct Signpost {
  std::int64_t id = 0;
  UnixSeconds at = 0;
  std::string practice_code;
  std::string pcn_code;
  std::int64_t user_id = 0;
  std::string username;
  std::string profession;
  std::string service;
  std::vector<std::string> reasons;
  std::string note;
  std::string code_system;
  std::string code;
};

}  // namespace linkway
