// Shared by the process-level tests: a referral body, a populated database with a bearer
// token, and the check that every acknowledged referral is stored exactly once and whole.
// Not thread-safe, except ReferralBody.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace linkway::testing {

// A valid referral for `practice`, told apart by the patient's given name.
std::string ReferralBody(const std::string& given, const std::string& practice = "P1");

// A bearer token for `username` in the store at `db_url`.
std::string MakeToken(const std::string& db_url, const std::string& username = "gpsystem");

// Adds the test world (PopulateWorld) to the empty store at `db_url`; a token for gpsystem.
std::string PopulateWithToken(const std::string& db_url);

// Every referral in the store at `db_url` has exactly one event, every acknowledged one (given
// name -> id) is there once with its id, and no given name is stored twice. Reports through
// GoogleTest assertions.
void ExpectEachAcknowledgedOnce(const std::string& db_url,
                                const std::map<std::string, std::int64_t>& acknowledged);

}  // namespace linkway::testing
