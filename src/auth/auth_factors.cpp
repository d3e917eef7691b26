// Auth: the second factor (TOTP and recovery codes), and the changes administrators make.
#include <cctype>

#include "auth/auth.hpp"
#include "auth/password_policy.hpp"
#include "auth/secrets.hpp"
#include "auth/totp.hpp"

namespace linkway {
namespace {

constexpr std::string_view kBadCode = "the code is not right";
constexpr std::size_t kMaxCode = 32;

// A recovery code as typed: lower case, without spaces or dashes.
std::string Normalise(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Ten characters from an alphabet without look-alikes, as "abcde-fghij" (about 50 bits).
std::string NewRecoveryCode() {
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string hex = RandomHex(10);
  std::string out;
  for (std::size_t i = 0; i < 10; ++i) {
    int byte = std::stoi(hex.substr(i * 2, 2), nullptr, 16);
    out += kAlphabet[static_cast<std::size_t>(byte) % kAlphabet.size()];
    if (i == 4) out += '-';
  }
  return out;
}

std::string CodeHash(std::string_view code) { return Sha256Hex("recovery:" + Normalise(code)); }

}  // namespace

bool SeesPatientData(Role role) { return role != Role::kCommissioner; }

bool Auth::FactorRequired(const User& user) const {
  if (user.factor_optional || user.password_hash.empty()) return false;
  return options_.factor_for_all || SeesPatientData(user.role);
}

Result<SignedIn> Auth::Pending(std::string_view session_token) {
  if (session_token.empty()) return Status::Unauthenticated("sign in first");
  auto session = store_.GetSession(Sha256Hex(session_token), clock_.Now());
  if (!session.ok() || session->stage == "full") {
    if (session.ok() || session.status().code() == Code::kNotFound) {
      return Status::Unauthenticated("the sign-in has ended; sign in again");
    }
    return session.status();
  }
  auto principal = store_.LoadPrincipal(session->user_id);
  if (!principal.ok()) return principal.status();
  SignedIn out{std::string(session_token), std::move(principal).value(),
               session->stage == "code" ? SignInStage::kCode : SignInStage::kEnrol};
  out.principal.csrf_token = session->csrf_token;
  return out;
}

Result<bool> Auth::TakeCode(const User& user, std::string_view code) {
  UnixSeconds now = clock_.Now();
  auto factor = store_.GetSecondFactor(user.id);
  if (!factor.ok() || factor->confirmed_at == 0) return false;
  if (auto step = totp::Check(factor->secret, code, now)) {
    Status taken = store_.TakeStep(user.id, *step);
    if (taken.code() == Code::kConflict) return false;  // a code works once
    if (!taken.ok()) return taken;
    return true;
  }
  Status used = store_.UseRecoveryCode(user.id, CodeHash(code), now);
  if (used.code() == Code::kNotFound) return false;
  if (!used.ok()) return used;
  return true;
}

Result<SignedIn> Auth::CompleteSignIn(std::string_view session_token, std::string_view code,
                                      std::string_view client) {
  if (code.size() > kMaxCode)
    return Status::Invalid("the code has errors", {{"code", "is too long"}});
  auto pending = Pending(session_token);
  if (!pending.ok()) return pending.status();
  if (pending->stage != SignInStage::kCode) {
    return Status::Unauthenticated("set up a second factor first");
  }
  auto user = store_.GetUser(pending->principal.user_id);
  if (!user.ok()) return user.status();
  // Wrong codes are slowed down like wrong passwords, under a name no username can have.
  std::string name = "#code " + user->username;
  auto wait = store_.TakeSignInAttempt(name, client, clock_.Now(), options_.throttle);
  if (!wait.ok()) return wait.status();
  // And for the account from anywhere: guesses spread over many addresses slow down too.
  if (*wait == 0) {
    wait = store_.TakeSignInAttempt(name, "*", clock_.Now(), options_.throttle);
    if (!wait.ok()) return wait.status();
  }
  if (*wait > 0) {
    return Status(Code::kRateLimited, "too many wrong codes; wait " + std::to_string(*wait) +
                                          " seconds, then try again")
        .WithRetryAfter(static_cast<int>(*wait));
  }
  auto right = TakeCode(*user, code);
  if (!right.ok()) return right.status();
  if (!*right) return Status::Unauthenticated(std::string(kBadCode));
  (void)store_.ClearSignInFailures(name, client);
  (void)store_.ClearSignInFailures(name, "*");
  return FinishPending(session_token, *user);
}

Result<SignedIn> Auth::FinishPending(std::string_view session_token, const User& user) {
  UnixSeconds now = clock_.Now();
  auto principal = PrincipalFor(user);
  if (!principal.ok()) return principal.status();
  SignedIn out{RandomToken(), std::move(principal).value(), SignInStage::kDone};
  out.principal.csrf_token = RandomToken();
  SessionRecord full{Sha256Hex(out.session_token), user.id, out.principal.csrf_token, now,
                     now + kSessionLifetime,       "full"};
  if (Status s = store_.PromoteSession(Sha256Hex(session_token), full); !s.ok()) return s;
  (void)store_.RecordSignIn(user.id, now);
  return out;
}

Result<Enrolment> Auth::BeginEnrolment(std::int64_t user_id) {
  auto user = store_.GetUser(user_id);
  if (!user.ok()) return user.status();
  // The page may be shown again (a wrong code, a reload): keep a secret begun within the hour,
  // which the user may already have scanned.
  auto begun = store_.GetSecondFactor(user_id);
  if (begun.ok() && begun->confirmed_at != 0) {
    return Status::Conflict("a second factor is already set up");
  }
  if (begun.ok() && begun->created_at > clock_.Now() - 3600) {
    return Enrolment{begun->secret, totp::Uri("Linkway", user->username, begun->secret)};
  }
  std::string secret = totp::NewSecret();
  if (Status s = store_.BeginSecondFactor(user_id, secret, clock_.Now()); !s.ok()) return s;
  return Enrolment{secret, totp::Uri("Linkway", user->username, secret)};
}

Result<std::vector<std::string>> Auth::ConfirmEnrolment(std::int64_t user_id,
                                                        std::string_view code) {
  auto factor = store_.GetSecondFactor(user_id);
  if (!factor.ok() || factor->confirmed_at != 0) {
    return Status::NotFound("no second factor is being set up; start again");
  }
  auto step = totp::Check(factor->secret, code, clock_.Now());
  if (!step) {
    return Status::Invalid("the code has errors",
                           {{"code", "is not right: enter the 6 digits your app shows now"}});
  }
  std::vector<std::string> codes;
  std::vector<std::string> hashes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    codes.push_back(NewRecoveryCode());
    hashes.push_back(CodeHash(codes.back()));
  }
  if (Status s = store_.ConfirmSecondFactor(user_id, *step, clock_.Now(), hashes); !s.ok()) {
    return s;
  }
  return codes;
}

Result<SignedIn> Auth::FinishEnrolment(std::string_view session_token) {
  auto pending = Pending(session_token);
  if (!pending.ok()) return pending.status();
  auto user = store_.GetUser(pending->principal.user_id);
  if (!user.ok()) return user.status();
  if (!user->has_second_factor) return Status::Unauthenticated("set up a second factor first");
  return FinishPending(session_token, *user);
}

Result<std::int64_t> Auth::RecoveryCodesLeft(std::int64_t user_id) {
  return store_.RecoveryCodesLeft(user_id);
}

Status Auth::ResetSecondFactor(std::int64_t user_id) { return store_.ResetSecondFactor(user_id); }

Status Auth::SetActive(std::int64_t user_id, bool active) {
  return store_.SetActive(user_id, active, clock_.Now());
}

Status Auth::ChangeRole(std::int64_t user_id, Role role) {
  auto user = store_.GetUser(user_id);
  if (!user.ok()) return user.status();
  auto org = organisations_.Get(user->org_code);
  if (!org.ok()) return org.status();
  if (auto wrong = RoleMisfit(role, org->kind)) {
    return Status::Invalid("the role does not fit", {{"role", *wrong}});
  }
  return store_.SetRole(user_id, role);
}

Result<std::string> Auth::CreatePasswordReset(std::int64_t user_id, std::int64_t by) {
  if (auto user = store_.GetUser(user_id); !user.ok()) return user.status();
  std::string token = RandomToken();
  UnixSeconds now = clock_.Now();
  if (Status s = store_.PutPasswordReset(Sha256Hex(token), user_id, by, now, now + kResetLifetime);
      !s.ok()) {
    return s;
  }
  return token;
}

Result<User> Auth::PasswordResetUser(std::string_view token) {
  if (token.size() != 64) return Status::NotFound("the link has expired or was used");
  auto id = store_.PeekPasswordReset(Sha256Hex(token), clock_.Now());
  if (!id.ok()) return id.status();
  return store_.GetUser(*id);
}

Status Auth::ResetPassword(std::string_view token, std::string_view password) {
  auto user = PasswordResetUser(token);
  if (!user.ok()) return user.status();
  if (password.size() > kMaxPassword) {
    return Status::Invalid("the password has errors", {{"password", "is at most 1024 characters"}});
  }
  std::vector<std::string> context = {user->username, user->display_name, user->org_code};
  if (auto org = organisations_.Get(user->org_code); org.ok()) context.push_back(org->name);
  if (auto problem = PasswordProblem(password, context)) {
    return Status::Invalid("the password has errors", {{"password", *problem}});
  }
  auto hash = Hash(password);
  if (!hash.ok()) return hash.status();
  auto id = store_.TakePasswordReset(Sha256Hex(token), clock_.Now());
  if (!id.ok()) return id.status();
  return store_.SetPassword(*id, *hash);
}

}  // namespace linkway
