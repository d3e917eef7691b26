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

// Where a sign-in stands once the password was right: signed in, or waiting for a code from
// the user's authenticator (kCode), or for the user to set one up first (kEnrol).
enum class SignInStage { kDone, kCode, kEnrol };

struct SignedIn {
  std::string session_token;  // goes in the cookie; never stored
  Principal principal;        // with csrf_token set
  SignInStage stage = SignInStage::kDone;
};

// A second factor being set up: the secret for an authenticator app, and its otpauth URI.
struct Enrolment {
  std::string secret;
  std::string uri;
};

struct NewUser {
  std::string username;
  std::string display_name;
  Role role = Role::kReferrer;
  std::string profession;
  std::string org_code;
  std::string password;          // empty: the user can only use bearer tokens
  bool factor_optional = false;  // a demo account: the second factor is not required
};

// True for the roles that see people's records, who must use a second factor: everyone but
// commissioners, who see only figures.
bool SeesPatientData(Role role);

// Why a user of `role` cannot belong to an organisation of `kind`, or nullopt when they can:
// link workers belong to a PCN (a practice's would see the whole PCN), community organisation
// staff to their organisation, commissioners to the ICB, administrators to the ICB or a PCN,
// and referrers to a practice, a PCN or (other agencies) the ICB.
std::optional<std::string> RoleMisfit(Role role, OrgKind kind);

struct AuthOptions {
  PasswordGateOptions checks;  // password checks at once (each takes 64 MiB)
  ThrottleRules throttle;
  UnixSeconds idle_timeout = UnixSeconds{30} * 60;  // a session unused this long ends
  // A deployer's choice: a second factor for every role, not only those seeing patient data.
  bool factor_for_all = false;
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
  // The user with that id (kNotFound), as an administrator or the account pages see them.
  Result<User> PrincipalUser(std::int64_t user_id) { return store_.GetUser(user_id); }

  // The second factor (auth_factors.cpp). A sign-in waiting for it lasts this long.
  static constexpr UnixSeconds kPendingLifetime = UnixSeconds{10} * 60;
  static constexpr int kRecoveryCodes = 10;
  // Whether the user must use a second factor to sign in.
  bool FactorRequired(const User& user) const;
  // The user and stage of a sign-in waiting for its second factor, or kUnauthenticated.
  Result<SignedIn> Pending(std::string_view session_token);
  // Completes a sign-in waiting at kCode with a code from the authenticator (or a recovery
  // code): a new full session, and the waiting one ends. kUnauthenticated for a wrong code;
  // kRateLimited while wrong codes from `client` are slowed down, as for passwords.
  Result<SignedIn> CompleteSignIn(std::string_view session_token, std::string_view code,
                                  std::string_view client = "");
  // Begins setting up a second factor (replacing one begun and not confirmed); kConflict when
  // the user already has one.
  Result<Enrolment> BeginEnrolment(std::int64_t user_id);
  // Confirms the factor begun with a code from it: the recovery codes, shown once and stored
  // as hashes. kInvalid for a wrong code.
  Result<std::vector<std::string>> ConfirmEnrolment(std::int64_t user_id, std::string_view code);
  // Completes a sign-in waiting at kEnrol once its user confirmed a factor: a full session.
  Result<SignedIn> FinishEnrolment(std::string_view session_token);
  Result<std::int64_t> RecoveryCodesLeft(std::int64_t user_id);
  // Removes the user's second factor and ends their sessions (an administrator's reset).
  Status ResetSecondFactor(std::int64_t user_id);

  // Administration (auth_factors.cpp). Deactivating ends the user's sessions and tokens at once.
  Status SetActive(std::int64_t user_id, bool active);
  // kInvalid when the role does not fit the user's organisation (RoleMisfit).
  Status ChangeRole(std::int64_t user_id, Role role);
  static constexpr UnixSeconds kResetLifetime = UnixSeconds{24} * 3600;
  // A one-time password reset link's secret for the user, made by `by`; lasts a day.
  Result<std::string> CreatePasswordReset(std::int64_t user_id, std::int64_t by);
  // The user a live reset link is for; kNotFound once it was used or expired.
  Result<User> PasswordResetUser(std::string_view token);
  // Sets the password of a live reset link's user (the policy applies), uses the link up and
  // ends their sessions. kInvalid (field "password") for a password the policy refuses.
  Status ResetPassword(std::string_view token, std::string_view password);

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
  // A new session for the user at `stage`, stored.
  Result<SignedIn> StartSession(const User& user, SignInStage stage);
  Result<bool> TakeCode(const User& user, std::string_view code);
  // Replaces a waiting sign-in's session with a full one.
  Result<SignedIn> FinishPending(std::string_view session_token, const User& user);

  AuthStore& store_;
  Organisations& organisations_;
  const Clock& clock_;
  AuthOptions options_;
  PasswordGate gate_;
};

}  // namespace linkway
