#include "auth/auth.hpp"

#include <cctype>

#include "auth/secrets.hpp"

namespace linkway {
namespace {

constexpr std::string_view kBadSignIn = "the username or password is not right";

bool ValidUsername(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '.' && c != '_' && c != '-')
      return false;
  }
  return true;
}

}  // namespace

Result<Principal> Auth::PrincipalFor(const User& user) { return store_.LoadPrincipal(user.id); }

Result<SignedIn> Auth::SignIn(std::string_view username, std::string_view password) {
  UnixSeconds now = clock_.Now();
  // Every attempt counts until it succeeds, recorded in the database before the password is
  // checked, so the limit holds across instances and against a burst of guesses at once.
  auto allowed = store_.TakeSignInAttempt(username, now, now - kFailureWindow + 1, kMaxFailures);
  if (!allowed.ok()) return allowed.status();
  if (!*allowed) {
    return Status(Code::kRateLimited, "too many failed sign-ins; try again in 15 minutes");
  }
  auto user = store_.FindUser(username);
  if (!user.ok()) {
    if (user.status().code() != Code::kNotFound) return user.status();
    // Spend the same time as a real check, so timing does not reveal which usernames exist.
    static const std::string kDummy = HashPassword("not a password");
    VerifyPassword(kDummy, password);
    return Status::Unauthenticated(std::string(kBadSignIn));
  }
  if (!VerifyPassword(user->password_hash, password)) {
    return Status::Unauthenticated(std::string(kBadSignIn));
  }
  if (Status s = store_.ClearSignInFailures(username); !s.ok()) return s;
  auto principal = PrincipalFor(*user);
  if (!principal.ok()) return principal.status();
  SignedIn out{RandomToken(), std::move(principal).value()};
  out.principal.csrf_token = RandomToken();
  Status put = store_.PutSession({Sha256Hex(out.session_token), user->id, out.principal.csrf_token,
                                  now, now + kSessionLifetime});
  if (!put.ok()) return put;
  return out;
}

Result<Principal> Auth::FromSession(std::string_view session_token) {
  if (session_token.empty()) return Status::Unauthenticated("sign in first");
  auto principal = store_.PrincipalForSession(Sha256Hex(session_token), clock_.Now());
  if (!principal.ok() && principal.status().code() == Code::kNotFound) {
    return Status::Unauthenticated("your session has ended; sign in again");
  }
  return principal;
}

Result<Principal> Auth::FromBearer(std::string_view bearer_token) {
  auto principal = store_.PrincipalForApiToken(Sha256Hex(bearer_token));
  if (!principal.ok() && principal.status().code() == Code::kNotFound) {
    return Status::Unauthenticated("the bearer token is not valid");
  }
  return principal;
}

Status Auth::SignOut(std::string_view session_token) {
  return store_.DeleteSession(Sha256Hex(session_token));
}

Result<User> Auth::AddUser(const NewUser& in) {
  FieldErrors errors;
  if (!ValidUsername(in.username)) {
    errors.Add("username", "use 1 to 64 letters, digits, dots, dashes or underscores");
  }
  if (!in.profession.empty() && !IsChoice(kProfessions, in.profession)) {
    errors.Add("profession", "is not a known profession code");
  }
  if (!in.password.empty() && in.password.size() < 10) {
    errors.Add("password", "must be at least 10 characters");
  }
  if (!errors.empty()) return errors.ToStatus("the user has errors");
  auto org = organisations_.Get(in.org_code);
  if (!org.ok()) return Status::Invalid("no organisation with code " + in.org_code);
  User user;
  user.username = in.username;
  user.display_name = in.display_name.empty() ? in.username : in.display_name;
  user.role = in.role;
  user.profession = in.profession;
  user.org_code = in.org_code;
  if (!in.password.empty()) user.password_hash = HashPassword(in.password);
  return store_.AddUser(user);
}

Result<std::string> Auth::CreateApiToken(std::string_view username) {
  auto user = store_.FindUser(username);
  if (!user.ok()) return Status::NotFound("no user named " + std::string(username));
  std::string token = RandomToken();
  Status put = store_.PutApiToken(Sha256Hex(token), user->id, clock_.Now());
  if (!put.ok()) return put;
  return token;
}

}  // namespace linkway
