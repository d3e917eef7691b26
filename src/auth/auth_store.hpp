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
  // request makes it). kNotFound when there is none or it expired before `now`.
  Result<Principal> PrincipalForSession(std::string_view token_hash, UnixSeconds now);

  Status PutApiToken(std::string_view token_hash, std::int64_t user_id, UnixSeconds at);
  Result<std::int64_t> FindApiToken(std::string_view token_hash);  // the user id, or kNotFound
  // The principal a bearer token belongs to, in one read; kNotFound when there is none.
  Result<Principal> PrincipalForApiToken(std::string_view token_hash);

  // Sign-in throttling, shared by every instance on the database. Before a password is
  // checked, records the attempt against the username, unless `max_attempts` attempts are
  // already recorded at or after `window_start` (then false, and nothing written). Atomic per
  // username across instances, so a burst of guesses cannot all pass before any is recorded.
  // Forgets the username's attempts from before `window_start`.
  Result<bool> TakeSignInAttempt(std::string_view username, UnixSeconds at,
                                 UnixSeconds window_start, int max_attempts);
  // After a successful sign-in.
  Status ClearSignInFailures(std::string_view username);

 private:
  sql::Database& db_;
};

}  // namespace linkway
