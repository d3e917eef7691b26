// The auth module's storage: users, sessions, bearer tokens and the sign-in throttle, in its own
// tables (schema.hpp). Secrets are stored only as hashes.
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/people.hpp"
#include "core/status.hpp"
#include "store/database.hpp"

namespace linkway {

struct SessionRecord {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  UnixSeconds created_at = 0;
  UnixSeconds expires_at = 0;
  // "full" when signed in; "code" or "enrol" while a sign-in waits for its second factor.
  std::string stage = "full";
};

// A user's TOTP secret (base32), and the last time step a code was taken for.
struct SecondFactor {
  std::string secret;
  UnixSeconds created_at = 0;
  UnixSeconds confirmed_at = 0;  // 0: enrolment begun, not yet confirmed with a code
  std::int64_t last_step = 0;
};

// How failed sign-ins slow further tries (OWASP: slow down rather than lock out). Failures are
// counted within `window`: for a username from one client address, the first `pair_free` cost
// nothing, then each further try waits 1 s after the last failure, doubling up to `pair_most`;
// from one client address over any usernames, likewise after `client_free`, up to `client_most`.
// A stranger elsewhere therefore cannot keep a named user out.
struct ThrottleRules {
  UnixSeconds window = UnixSeconds{15} * 60;
  int pair_free = 5;
  UnixSeconds pair_most = 60;
  int client_free = 30;
  UnixSeconds client_most = UnixSeconds{15} * 60;
};

// Failed sign-ins for a username from a client address within the window.
struct Throttle {
  std::string username;
  std::string client;
  std::int64_t failures = 0;
  UnixSeconds last_at = 0;
  UnixSeconds wait_until = 0;  // 0: may try now
};

// A bearer token as an administrator sees it: never the secret, only the first 12 hex
// characters of its hash as its id.
struct ApiTokenInfo {
  std::string id;
  std::int64_t user_id = 0;
  std::string username;
  std::string name;
  UnixSeconds created_at = 0;
  UnixSeconds expires_at = 0;
  UnixSeconds last_used_at = 0;  // 0: never
  UnixSeconds revoked_at = 0;    // 0: not revoked
};

struct PurgeCounts {
  std::int64_t sign_in_failures = 0;
  std::int64_t sessions = 0;
};

class AuthStore {
 public:
  explicit AuthStore(sql::Database& db) : db_(db) {}

  // The user with its id; kConflict when the username is taken, kInvalid for an unknown
  // organisation.
  Result<User> AddUser(const User& user);
  Result<User> FindUser(std::string_view username);  // kNotFound
  Result<User> GetUser(std::int64_t id);             // kNotFound
  Result<std::vector<User>> ListUsers();
  // The user with their organisation, in one read, as the access rules need them (no CSRF
  // token). kNotFound when there is no such user.
  Result<Principal> LoadPrincipal(std::int64_t user_id);

  Status PutSession(const SessionRecord& session);
  // kNotFound when there is no such session or it expired before `now`.
  Result<SessionRecord> GetSession(std::string_view token_hash, UnixSeconds now);
  // Ends the session at once for every instance; ok when there was none.
  Status DeleteSession(std::string_view token_hash);
  // The principal of a live session, with its CSRF token, in one read (every signed-in
  // request makes it), and the session's last use in `last_seen`. kNotFound when there is none,
  // it expired before `now`, or it was last used at or before `idle_since`.
  Result<Principal> PrincipalForSession(std::string_view token_hash, UnixSeconds now,
                                        UnixSeconds idle_since, UnixSeconds* last_seen);
  // Records that the session was used at `now`.
  Status TouchSession(std::string_view token_hash, UnixSeconds now);

  Status PutApiToken(std::string_view token_hash, std::int64_t user_id, std::string_view name,
                     UnixSeconds at, UnixSeconds expires_at);
  Result<std::int64_t> FindApiToken(std::string_view token_hash);  // the user id, or kNotFound
  // The principal a bearer token belongs to, in one read, and its last use in `last_used`;
  // kNotFound when there is none, or it expired by `now` or was revoked.
  Result<Principal> PrincipalForApiToken(std::string_view token_hash, UnixSeconds now,
                                         UnixSeconds* last_used);
  Status TouchApiToken(std::string_view token_hash, UnixSeconds now);
  // Every token, or one user's (user_id 0: all), the newest first.
  Result<std::vector<ApiTokenInfo>> ListApiTokens(std::int64_t user_id);
  // Revokes the token whose id (ApiTokenInfo::id) is `id`; kNotFound when no live token has it.
  Status RevokeApiToken(std::string_view id, UnixSeconds at);

  // Second factors (auth_store_factors.cpp).
  Result<SecondFactor> GetSecondFactor(std::int64_t user_id);  // kNotFound
  // Begins enrolment with `secret`, replacing an unconfirmed one; kConflict when confirmed.
  Status BeginSecondFactor(std::int64_t user_id, std::string_view secret, UnixSeconds at);
  // Confirms the factor with the step of its first code, and replaces the recovery codes.
  Status ConfirmSecondFactor(std::int64_t user_id, std::int64_t step, UnixSeconds at,
                             const std::vector<std::string>& recovery_hashes);
  // Takes time step `step` for the user: kConflict when it, or a later one, was used (a code
  // works once).
  Status TakeStep(std::int64_t user_id, std::int64_t step);
  // Uses up a recovery code; kNotFound when the user has no unused code with that hash.
  Status UseRecoveryCode(std::int64_t user_id, std::string_view code_hash, UnixSeconds at);
  Result<std::int64_t> RecoveryCodesLeft(std::int64_t user_id);
  // Removes the factor and its recovery codes, and ends the user's sessions.
  Status ResetSecondFactor(std::int64_t user_id);
  // Replaces a waiting sign-in's session with a full one, in one write.
  Status PromoteSession(std::string_view pending_hash, const SessionRecord& full);

  // Administration (auth_store_factors.cpp). Deactivating ends the user's sessions and revokes
  // their tokens in the same write; kNotFound for no such user.
  Status SetActive(std::int64_t user_id, bool active, UnixSeconds at);
  Status SetRole(std::int64_t user_id, Role role);
  // A new password hash; ends the user's sessions.
  Status SetPassword(std::int64_t user_id, std::string_view hash);
  Status RecordSignIn(std::int64_t user_id, UnixSeconds at);
  Status PutPasswordReset(std::string_view token_hash, std::int64_t user_id, std::int64_t by,
                          UnixSeconds at, UnixSeconds expires_at);
  // The user of an unused, unexpired reset link, which is used up; kNotFound otherwise.
  Result<std::int64_t> TakePasswordReset(std::string_view token_hash, UnixSeconds now);
  // The unused, unexpired reset link's user, without using it up; kNotFound otherwise.
  Result<std::int64_t> PeekPasswordReset(std::string_view token_hash, UnixSeconds now);

  // Sign-in throttling, shared by every instance on the database. Before a password is
  // checked, records the attempt against the username and client address (0), unless the
  // rules say to wait (the seconds to wait, and nothing written). Atomic per username and per
  // client across instances, so a burst of guesses cannot all pass before any is recorded.
  Result<UnixSeconds> TakeSignInAttempt(std::string_view username, std::string_view client,
                                        UnixSeconds at, const ThrottleRules& rules);
  // After a successful sign-in: the username's failures from that client address.
  Status ClearSignInFailures(std::string_view username, std::string_view client);
  // Every username and client address with failures in the window, the latest first (at most
  // 500), for an administrator.
  Result<std::vector<Throttle>> ListThrottles(UnixSeconds now, const ThrottleRules& rules);
  // Forgets the failures of `username` from `client`; an empty one matches any.
  Status ClearThrottle(std::string_view username, std::string_view client);

  // Removes sign-in failures from before `failures_before`, and sessions expired by `now` or
  // last used at or before `idle_since`.
  Result<PurgeCounts> Purge(UnixSeconds failures_before, UnixSeconds now, UnixSeconds idle_since);

 private:
  sql::Database& db_;
};

}  // namespace linkway
