// Sign-in, sessions, bearer tokens and users.
//
// Passwords are hashed with argon2id; session and bearer secrets are 256-bit random tokens
// stored only as SHA-256 hashes. A session also carries a CSRF token that every form post
// must echo. Thread safety: all methods may be called concurrently.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/auth_store.hpp"
#include "auth/password_gate.hpp"
#include "core/clock.hpp"
#include "core/people.hpp"
#include "core/status.hpp"
#include "reference/organisations.hpp"

namespace linkway {

struct SignedIn {
  std::string session_token;  // goes in the cookie; never stored
  Principal principal;        // with csrf_token set
};

struct NewUser {
  std::string username;
  std::string display_name;
  Role role = Role::kReferrer;
  std::string profession;
  std::string org_code;
  std::string password;  // empty: the user can only use bearer tokens
};

// Why a user of `role` cannot belong to an organisation of `kind`, or nullopt when they can:
// link workers belong to a PCN (a practice's would see the whole PCN), community organisation
// staff to their organisation, commissioners to the ICB, administrators to the ICB or a PCN,
// and referrers to a practice, a PCN or (other agencies) the ICB.
std::optional<std::string> RoleMisfit(Role role, OrgKind kind);

struct AuthOptions {
  PasswordGateOptions checks;  // password checks at once (each takes 64 MiB)
  ThrottleRules throttle;
  UnixSeconds idle_timeout = UnixSeconds{30} * 60;  // a session unused this long ends
};

class Auth {
 public:
  static constexpr UnixSeconds kSessionLifetime = UnixSeconds{12} * 3600;
  // Sign-in fields longer than these are refused before anything is stored or hashed.
  static constexpr std::size_t kMaxUsername = 64;
  static constexpr std::size_t kMaxPassword = 1024;

  Auth(AuthStore& store, Organisations& organisations, const Clock& clock, AuthOptions options = {})
      : store_(store),
        organisations_(organisations),
        clock_(clock),
        options_(options),
        gate_(options.checks) {}

  // kUnauthenticated with one message for an unknown user or a wrong password; kInvalid for a
  // username or password longer than the limits (nothing stored); kRateLimited, with the
  // seconds to wait, while ThrottleRules slow this username and `client` address down (counted
  // in the store, so across every instance), without checking the password; kUnavailable when
  // too many password checks are already running or waiting.
  Result<SignedIn> SignIn(std::string_view username, std::string_view password,
                          std::string_view client = "");
  // The principal of a live session, or kUnauthenticated once it expired or was idle too long.
  Result<Principal> FromSession(std::string_view session_token);
  // The principal a bearer token belongs to, or kUnauthenticated.
  Result<Principal> FromBearer(std::string_view bearer_token);
  // Ends the session in the store, at once for every instance. A failure is returned (the
  // caller must say so: a session left alive stays usable for hours).
  Status SignOut(std::string_view session_token);

  // kInvalid for a bad username, role or organisation; kConflict when the name is taken.
  Result<User> AddUser(const NewUser& user);
  static constexpr int kTokenDays = 90;  // a bearer token's default lifetime
  // A new bearer token for the user, named for what uses it, lasting `days` (1 to 366); shown
  // once, stored as a hash.
  Result<std::string> CreateApiToken(std::string_view username, std::string_view name = "",
                                     int days = kTokenDays);
  // Every token (with no username) or one user's, for an administrator.
  Result<std::vector<ApiTokenInfo>> ListApiTokens(std::string_view username = "");
  // Ends the token with that id at once, on every instance.
  Status RevokeApiToken(std::string_view id);
  Result<Principal> PrincipalFor(const User& user);

  // Every username and client address being slowed down, for an administrator.
  Result<std::vector<Throttle>> Throttles();
  // Removes sign-in failures past the window and sessions expired or idle (housekeeping).
  Result<PurgeCounts> Purge();

  const AuthOptions& options() const { return options_; }
  // The bound on password checks, for tests to fill.
  PasswordGate& gate() { return gate_; }

 private:
  // An argon2id hash or check, behind the gate; kUnavailable when it is full.
  Result<bool> Verify(std::string_view hash, std::string_view password);
  Result<std::string> Hash(std::string_view password);

  AuthStore& store_;
  Organisations& organisations_;
  const Clock& clock_;
  AuthOptions options_;
  PasswordGate gate_;
};

}  // namespace linkway
