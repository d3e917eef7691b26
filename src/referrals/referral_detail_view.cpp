// The referral details page.
#include "core/nhs_number.hpp"
#include "referrals/access.hpp"
#include "referrals/pages.hpp"
#include "referrals/referral_detail.hpp"
#include "referrals/referral_life.hpp"
#include "web/pages.hpp"
#include "web/view.hpp"

namespace linkway {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

namespace {

struct StepWords {
  ReferralState to;
  std::string_view heading;
  std::string_view button_class;  // "" for the primary button
  std::string_view reason_label;
  std::string_view reason_hint;
};

constexpr StepWords kSteps[] = {
    {ReferralState::kAccepted, "Accept referral", "", "Note (optional)", ""},
    {ReferralState::kDeclined, "Decline referral", "nhsuk-button--warning", "Reason for declining",
     "You must give a reason. The referrer will see it."},
    {ReferralState::kWithdrawn, "Withdraw referral", "nhsuk-button--warning",
     "Reason for withdrawing", "You must give a reason. It stays in the referral's history."},
    {ReferralState::kContacted, "Record contact made", "", "Note (optional)", ""},
    {ReferralState::kUnableToContact, "Record unable to contact", "nhsuk-button--secondary",
     "Note (optional)", "For example, how many times you tried"},
    {ReferralState::kActive, "Start support", "", "Note (optional)", ""},
    {ReferralState::kClosed, "Close referral", "", "Note (optional)", ""},
};

const StepWords& WordsFor(ReferralState to) {
  for (const auto& s : kSteps)
    if (s.to == to) return s;
  return kSteps[0];
}

void AddRow(Data& rows, const std::string& key, const std::string& value) {
  Data row = Object();
  row.set("key", key);
  row.set("value", value);
  rows.push_back(row);
}

Data Summary(const Referral& r) {
  Data rows = List();
  AddRow(rows, "NHS number", FormatNhsNumber(r.patient.nhs_number));
  AddRow(rows, "Name", r.patient.given_name + " " + r.patient.family_name);
  AddRow(rows, "Date of birth", DisplayBirthDate(r.patient.date_of_birth));
  AddRow(rows, "Sex",
         std::string(LabelOf(kSexes, r.patient.sex.empty() ? "not_known" : r.patient.sex)));
  AddRow(rows, "Postcode", r.patient.postcode.empty() ? "Not given" : r.patient.postcode);
  AddRow(rows, "Phone number", r.patient.phone);
  AddRow(rows, "GP practice", r.practice_name.empty() ? r.practice_code : r.practice_name);
  AddRow(rows, "Reasons", ReasonLabels(r.reasons));
  if (!r.reason_other.empty()) AddRow(rows, "Other reason", r.reason_other);
  AddRow(rows, "Urgency", std::string(LabelOf(kUrgencies, r.urgency)));
  if (!r.note.empty()) AddRow(rows, "Note", r.note);
  AddRow(rows, "Agrees to the referral", r.consent_referral ? "Yes" : "No");
  AddRow(rows, "Agrees to share details with the link worker", r.consent_share ? "Yes" : "No");
  std::string referrer = r.referrer_name;
  if (!r.referrer_profession.empty()) {
    referrer += " (" + std::string(LabelOf(kProfessions, r.referrer_profession)) + ")";
  }
  AddRow(rows, "Referred by", referrer);
  AddRow(rows, "Received", DisplayDateTime(r.created_at()));
  if (!r.outcome.empty()) AddRow(rows, "Outcome", std::string(LabelOf(kOutcomes, r.outcome)));
  return rows;
}

Data History(const std::vector<ReferralEvent>& events) {
  Data rows = List();
  for (const auto& e : events) {
    Data row = Object();
    row.set("date", DisplayDateTime(e.at));
    row.set("step", e.from ? StateLabel(*e.from) + " to " + std::string(Label(e.to))
                           : "Referral " + std::string(Label(e.to)));
    auto role = ParseRole(e.role);
    row.set("who", e.username + (role ? " (" + std::string(Label(*role)) + ")" : ""));
    row.set("reason", e.reason);
    row.set("code", e.code);
    row.set("code_display", e.code_display.empty() ? Data(false) : Data(e.code_display));
    rows.push_back(row);
  }
  return rows;
}

Data Steps(const Principal& who, const Referral& r, const FormErrors& errors,
           const std::optional<MoveAttempt>& attempt) {
  Data steps = List();
  for (ReferralState to : NextStates(r.state)) {
    if (!CheckMayMove(who, r, to).ok()) continue;
    const StepWords& words = WordsFor(to);
    bool tried = attempt && attempt->to == to;
    Data step = Object();
    // The first step is the usual one and stays in view; the others fold away until chosen.
    step.set("first", steps.is_empty_list());
    step.set("open", tried);
    step.set("to", std::string(ToString(to)));
    step.set("heading", std::string(words.heading));
    step.set("button_class", std::string(words.button_class));
    Data reason = Textarea(StepInputId("reason", to), std::string(words.reason_label),
                           std::string(words.reason_hint), tried ? attempt->reason : "", errors);
    reason.set("name", std::string("reason"));
    step.set("reason", reason);
    bool closing = to == ReferralState::kClosed;
    step.set("closing", closing);
    if (closing) {
      std::string id = StepInputId("outcome", to);
      std::string error = errors.For(id);
      step.set("outcome_error", error.empty() ? Data(false) : Data(error));
      step.set("outcomes", ChoiceItems(kOutcomes, id, {tried ? attempt->outcome : ""}));
    }
    steps.push_back(step);
  }
  return steps;
}

}  // namespace

std::string StepInputId(std::string_view input, ReferralState to) {
  return std::string(input) + "-" + std::string(ToString(to));
}

http::Response ReferralDetailPage(const http::Request& request, Referrals& referrals,
                                  std::int64_t id, bool created, const FormErrors& errors,
                                  const std::optional<MoveAttempt>& attempt, int status) {
  const Principal& who = *request.principal;
  auto read = referrals.View(who, id);
  if (!read.ok()) return StatusPage(request, read.status());
  const Referral& r = read->referral;

  View view;
  view.status = status;
  view.title = "Referral " + std::to_string(id);
  view.body = "referral_detail";
  view.has_errors = !errors.empty();
  Data& d = view.data;
  d.set("reference", std::to_string(id));
  d.set("action", "/referrals/" + std::to_string(id) + "/transitions");
  d.set("created", created);
  d.set("csrf", who.csrf_token);
  d.set("tag", StateTag(r.state));
  d.set("state_reason", r.state_reason.empty() ? Data(false) : Data(r.state_reason));
  d.set("summary", Summary(r));
  d.set("history", History(read->history));
  Data steps = Steps(who, r, errors, attempt);
  d.set("has_steps", steps.is_non_empty_list());
  d.set("steps", steps);
  errors.AddTo(d);
  return RenderPage(request, view);
}

}  // namespace linkway
