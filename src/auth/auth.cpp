#include "auth/auth.hpp"

#include <cctype>

#include "auth/password_policy.hpp"
#include "auth/secrets.hpp"
#include "core/text.hpp"

namespace linkway {
namespace {

constexpr std::string_view kBadSignIn = "the username or password is not right";
constexpr UnixSeconds kTouchEvery = 60;

Status Busy() {
  return Status::Unavailable("too many sign-ins at once; try again in a few seconds")
      .WithRetryAfter(5);
}

bool ValidUsername(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '.' && c != '_' && c != '-')
      return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> RoleMisfit(Role role, OrgKind kind) {
  switch (role) {
    case Role::kReferrer:
      if (kind == OrgKind::kVcse)
        return "a referrer belongs to a practice, a PCN, the ICB or an agency";
      return std::nullopt;
    case Role::kLinkWorker:
      if (kind != OrgKind::kPcn) return "a link worker belongs to a PCN, not a practice";
      return std::nullopt;
    case Role::kVcse:
      if (kind != OrgKind::kVcse) return "a vcse user belongs to a community organisation";
      return std::nullopt;
    case Role::kCommissioner:
      if (kind != OrgKind::kIcb) return "a commissioner belongs to the ICB";
      return std::nullopt;
    case Role::kAdmin:
      if (kind != OrgKind::kIcb && kind != OrgKind::kPcn) {
        return "an administrator belongs to the ICB or a PCN";
      }
      return std::nullopt;
  }
  return "is not a known role";
}

Result<Principal> Auth::PrincipalFor(const User& user) { return store_.LoadPrincipal(user.id); }

Result<bool> Auth::Verify(std::string_view hash, std::string_view password) {
  auto ticket = gate_.Enter();
  if (!ticket) return Busy();
  return VerifyPassword(hash, password);
}

Result<std::string> Auth::Hash(std::string_view password) {
  auto ticket = gate_.Enter();
  if (!ticket) return Busy();
  return HashPassword(password);
}

Result<SignedIn> Auth::SignIn(std::string_view username, std::string_view password,
                              std::string_view client) {
  // Sizes first: nothing is stored or hashed for a field no account could have.
  if (username.size() > kMaxUsername || password.size() > kMaxPassword) {
    FieldErrors errors;
    if (username.size() > kMaxUsername) errors.Add("username", "is at most 64 characters");
    if (password.size() > kMaxPassword) errors.Add("password", "is at most 1024 characters");
    return errors.ToStatus("the sign-in has errors");
  }
  UnixSeconds now = clock_.Now();
  // Every attempt counts until it succeeds, recorded in the database before the password is
  // checked, so the limit holds across instances and against a burst of guesses at once.
  auto wait = store_.TakeSignInAttempt(username, client, now, options_.throttle);
  if (!wait.ok()) return wait.status();
  if (*wait > 0) {
    return Status(Code::kRateLimited, "too many failed sign-ins; wait " + std::to_string(*wait) +
                                          (*wait == 1 ? " second" : " seconds") +
                                          ", then try again")
        .WithRetryAfter(static_cast<int>(*wait));
  }
  auto user = store_.FindUser(username);
  if (!user.ok()) {
    if (user.status().code() != Code::kNotFound) return user.status();
    // Spend the same time as a real check, so timing does not reveal which usernames exist.
    static const std::string kDummy = HashPassword("not a password");
    auto checked = Verify(kDummy, password);
    if (!checked.ok()) return checked.status();
    return Status::Unauthenticated(std::string(kBadSignIn));
  }
  auto checked = Verify(user->password_hash, password);
  if (!checked.ok()) return checked.status();
  // A deactivated user is told the same as a wrong password: nothing says the account exists.
  if (!*checked || !user->active) return Status::Unauthenticated(std::string(kBadSignIn));
  if (Status s = store_.ClearSignInFailures(username, client); !s.ok()) return s;
  SignInStage stage = SignInStage::kDone;
  if (user->has_second_factor) {
    stage = SignInStage::kCode;
  } else if (FactorRequired(*user)) {
    stage = SignInStage::kEnrol;
  }
  return StartSession(*user, stage);
}

Result<SignedIn> Auth::StartSession(const User& user, SignInStage stage) {
  UnixSeconds now = clock_.Now();
  auto principal = PrincipalFor(user);
  if (!principal.ok()) return principal.status();
  SignedIn out{RandomToken(), std::move(principal).value(), stage};
  out.principal.csrf_token = RandomToken();
  bool done = stage == SignInStage::kDone;
  SessionRecord record{Sha256Hex(out.session_token),
                       user.id,
                       out.principal.csrf_token,
                       now,
                       now + (done ? kSessionLifetime : kPendingLifetime),
                       done ? "full" : (stage == SignInStage::kCode ? "code" : "enrol")};
  if (Status put = store_.PutSession(record); !put.ok()) return put;
  if (done) (void)store_.RecordSignIn(user.id, now);
  return out;
}

Result<Principal> Auth::FromSession(std::string_view session_token) {
  if (session_token.empty()) return Status::Unauthenticated("sign in first");
  UnixSeconds now = clock_.Now();
  UnixSeconds last_seen = 0;
  std::string hash = Sha256Hex(session_token);
  auto principal = store_.PrincipalForSession(hash, now, now - options_.idle_timeout, &last_seen);
  if (!principal.ok() && principal.status().code() == Code::kNotFound) {
    return Status::Unauthenticated("your session has ended; sign in again");
  }
  // A write at most once a minute per session, not on every request. Should it fail, the
  // session ends a minute early at worst.
  if (principal.ok() && now - last_seen >= kTouchEvery) (void)store_.TouchSession(hash, now);
  return principal;
}

Result<Principal> Auth::FromBearer(std::string_view bearer_token) {
  UnixSeconds now = clock_.Now();
  UnixSeconds last_used = 0;
  std::string hash = Sha256Hex(bearer_token);
  auto principal = store_.PrincipalForApiToken(hash, now, &last_used);
  if (!principal.ok() && principal.status().code() == Code::kNotFound) {
    return Status::Unauthenticated("the bearer token is not valid, has expired or was revoked");
  }
  if (principal.ok() && now - last_used >= kTouchEvery) (void)store_.TouchApiToken(hash, now);
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
  if (!in.password.empty()) {
    auto org = organisations_.Get(in.org_code);
    std::vector<std::string> context = {in.username, in.display_name, in.org_code};
    if (org.ok()) context.push_back(org->name);
    if (auto problem = PasswordProblem(in.password, context)) errors.Add("password", *problem);
  }
  if (!errors.empty()) return errors.ToStatus("the user has errors");
  auto org = organisations_.Get(in.org_code);
  if (!org.ok()) return Status::Invalid("no organisation with code " + in.org_code);
  if (auto wrong = RoleMisfit(in.role, org->kind)) {
    return Status::Invalid("the user has errors", {{"role", *wrong}});
  }
  User user;
  user.username = in.username;
  user.display_name = in.display_name.empty() ? in.username : in.display_name;
  user.role = in.role;
  user.profession = in.profession;
  user.org_code = in.org_code;
  user.factor_optional = in.factor_optional;
  if (!in.password.empty()) {
    auto hash = Hash(in.password);
    if (!hash.ok()) return hash.status();
    user.password_hash = std::move(hash).value();
  }
  return store_.AddUser(user);
}

Result<std::string> Auth::CreateApiToken(std::string_view username, std::string_view name,
                                         int days) {
  FieldErrors errors;
  if (name.size() > 100) errors.Add("name", "is at most 100 characters");
  CheckStorable(errors, "name", name);
  if (days < 1 || days > 366) errors.Add("days", "must be from 1 to 366");
  if (!errors.empty()) return errors.ToStatus("the token has errors");
  auto user = store_.FindUser(username);
  if (!user.ok()) return Status::NotFound("no user named " + std::string(username));
  std::string token = RandomToken();
  UnixSeconds now = clock_.Now();
  Status put = store_.PutApiToken(Sha256Hex(token), user->id, name.empty() ? "integration" : name,
                                  now, now + UnixSeconds{days} * 86400);
  if (!put.ok()) return put;
  return token;
}

Result<std::vector<ApiTokenInfo>> Auth::ListApiTokens(std::string_view username) {
  std::int64_t user_id = 0;
  if (!username.empty()) {
    auto user = store_.FindUser(username);
    if (!user.ok()) return Status::NotFound("no user named " + std::string(username));
    user_id = user->id;
  }
  return store_.ListApiTokens(user_id);
}

Status Auth::RevokeApiToken(std::string_view id) { return store_.RevokeApiToken(id, clock_.Now()); }

Result<std::vector<Throttle>> Auth::Throttles() {
  return store_.ListThrottles(clock_.Now(), options_.throttle);
}

Result<PurgeCounts> Auth::Purge() {
  UnixSeconds now = clock_.Now();
  return store_.Purge(now - options_.throttle.window, now, now - options_.idle_timeout);
}

}  // namespace linkway
