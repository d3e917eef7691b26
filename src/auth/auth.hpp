// Sign-in, sessions, bearer tokens and users.
//
// Passwords are hashed with argon2id; session and bearer secrets are 256-bit random tokens
// stored only as SHA-256 hashes. A session also carries a CSRF token that every form post
// must echo. Thread safety: all methods may be called concurrently.
#pragma once

#include <string>
#include <string_view>

#include "auth/auth_store.hpp"
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

class Auth {
 public:
  static constexpr UnixSeconds kSessionLifetime = UnixSeconds{12} * 3600;

  Auth(AuthStore& store, Organisations& organisations, const Clock& clock)
      : store_(store), organisations_(organisations), clock_(clock) {}

  // Failed sign-ins allowed per username in a window before SignIn refuses to try.
  static constexpr int kMaxFailures = 5;
  static constexpr UnixSeconds kFailureWindow = UnixSeconds{15} * 60;

  // kUnauthenticated with one message for an unknown user or a wrong password; kRateLimited
  // after kMaxFailures failures for the username within kFailureWindow (counted in the
  // store, so across every instance), without checking the password.
  Result<SignedIn> SignIn(std::string_view username, std::string_view password);
  // The principal of a live session, or kUnauthenticated.
  Result<Principal> FromSession(std::string_view session_token);
  // The principal a bearer token belongs to, or kUnauthenticated.
  Result<Principal> FromBearer(std::string_view bearer_token);
  // Ends the session in the store, at once for every instance. A failure is returned (the
  // caller must say so: a session left alive stays usable for hours).
  Status SignOut(std::string_view session_token);

  // kInvalid for a bad username, role or organisation; kConflict when the name is taken.
  Result<User> AddUser(const NewUser& user);
  // A new bearer token for the user; printed once, stored as a hash.
  Result<std::string> CreateApiToken(std::string_view username);
  Result<Principal> PrincipalFor(const User& user);

 private:
  AuthStore& store_;
  Organisations& organisations_;
  const Clock& clock_;
};

}  // namespace linkway
