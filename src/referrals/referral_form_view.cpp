// The referral form page: one page, at most eight required answers.
#include <algorithm>

#include "referrals/referral_form.hpp"
#include "web/view.hpp"

namespace linkway {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

namespace {

Data Flag(bool checked, const std::string& error) {
  Data d = Object();
  d.set("checked", checked);
  d.set("error", error.empty() ? Data(false) : Data(error));
  return d;
}

Data DateOfBirth(const ReferralFormValues& v, const FormErrors& errors) {
  std::string error = errors.For("dob_day");
  if (error.empty()) error = errors.For("dob_month");
  if (error.empty()) error = errors.For("dob_year");
  std::string missing = MissingDateParts(v.dob_day, v.dob_month, v.dob_year);
  auto part_error = [&](std::string_view part) {
    return !error.empty() && (missing.empty() || missing.find(part) != std::string::npos);
  };
  Data d = Object();
  d.set("error", error.empty() ? Data(false) : Data(error));
  d.set("day", v.dob_day);
  d.set("month", v.dob_month);
  d.set("year", v.dob_year);
  d.set("day_error", part_error("day"));
  d.set("month_error", part_error("month"));
  d.set("year_error", part_error("year"));
  return d;
}

Data Reasons(const ReferralFormValues& v, const FormErrors& errors) {
  Data items = List();
  Data from_table = ChoiceItems(kReasons, "reasons", v.reasons);
  for (Data item : from_table.list_value()) {
    bool other = item.get("value")->string_value() == "other";
    item.set("is_other", other);
    if (other) {
      InputSpec spec{
          .id = "reason_other", .label = "Describe the other reason", .value = v.reason_other};
      spec.autocomplete = "off";
      item.set("other_input", Input(spec, errors));
    }
    items.push_back(item);
  }
  Data d = Object();
  std::string error = errors.For("reasons");
  d.set("error", error.empty() ? Data(false) : Data(error));
  d.set("items", items);
  return d;
}

Data Practice(const Principal& who, Organisations& organisations, const ReferralFormValues& v,
              const FormErrors& errors) {
  Data d = Object();
  std::string error = errors.For("practice");
  d.set("error", error.empty() ? Data(false) : Data(error));
  if (who.org_kind == OrgKind::kPractice) {
    d.set("fixed", true);
    d.set("code", who.org_code);
    d.set("name", who.org_name);
    return d;
  }
  d.set("fixed", false);
  auto practices = organisations.List(OrgKind::kPractice);
  std::vector<Organisation> list = practices.ok() ? *practices : std::vector<Organisation>{};
  std::sort(list.begin(), list.end(),
            [](const Organisation& a, const Organisation& b) { return a.name < b.name; });
  Data options = List();
  for (const auto& org : list) {
    Data option = Object();
    option.set("code", org.code);
    option.set("name", org.name);
    option.set("selected", org.code == v.practice);
    options.push_back(option);
  }
  d.set("options", options);
  return d;
}

}  // namespace

http::Response ReferralFormPage(const http::Request& request, Organisations& organisations,
                                const ReferralFormValues& v, const FormErrors& errors, int status) {
  const Principal& who = *request.principal;
  View view;
  view.status = status;
  view.title = "Make a referral";
  view.body = "referral_form";
  view.nav_path = "/referrals/new";
  view.has_errors = !errors.empty();
  Data& d = view.data;
  d.set("csrf", who.csrf_token);
  d.set("idempotency_key", v.idempotency_key);

  InputSpec nhs{.id = "nhs_number",
                .label = "NHS number",
                .hint = "10 digits, like 999 123 4567",
                .value = v.nhs_number};
  nhs.width = "10";
  nhs.inputmode = "numeric";
  nhs.autocomplete = "off";
  nhs.spellcheck_off = true;
  d.set("nhs_number", Input(nhs, errors));
  InputSpec given{.id = "given_name", .label = "Given name", .value = v.given_name};
  given.autocomplete = "off";
  given.spellcheck_off = true;
  d.set("given_name", Input(given, errors));
  InputSpec family{.id = "family_name", .label = "Family name", .value = v.family_name};
  family.autocomplete = "off";
  family.spellcheck_off = true;
  d.set("family_name", Input(family, errors));
  d.set("dob", DateOfBirth(v, errors));
  InputSpec phone{.id = "phone",
                  .label = "Phone number",
                  .hint = "A number the link worker can call, like 01432 123456",
                  .value = v.phone,
                  .type = "tel"};
  phone.width = "20";
  phone.autocomplete = "off";
  d.set("phone", Input(phone, errors));
  InputSpec postcode{.id = "postcode", .label = "Postcode (optional)", .value = v.postcode};
  postcode.width = "10";
  postcode.autocomplete = "off";
  d.set("postcode", Input(postcode, errors));

  d.set("reasons", Reasons(v, errors));
  d.set("consent_referral", Flag(v.consent_referral, errors.For("consent_referral")));
  d.set("consent_share", Flag(v.consent_share, errors.For("consent_share")));
  Data sex = Object();
  sex.set("items", ChoiceItems(kSexes, "sex", {v.sex.empty() ? "not_known" : v.sex}));
  sex.set("error", errors.For("sex").empty() ? Data(false) : Data(errors.For("sex")));
  d.set("sex", sex);
  Data urgency = Object();
  urgency.set("items",
              ChoiceItems(kUrgencies, "urgency", {v.urgency.empty() ? "routine" : v.urgency}));
  urgency.set("error", errors.For("urgency").empty() ? Data(false) : Data(errors.For("urgency")));
  d.set("urgency", urgency);
  d.set("note", Textarea("note", "Note (optional)",
                         "Anything the link worker should know before they call", v.note, errors));
  d.set("practice", Practice(who, organisations, v, errors));
  errors.AddTo(d);
  return RenderPage(request, view);
}

}  // namespace linkway
