#include "casework/feedback.hpp"

#include <boost/json.hpp>
#include <map>

namespace linkway {
namespace {

namespace json = boost::json;

// For each measure: each score's first value and its last, with the change between them.
std::vector<std::pair<std::string, std::string>> MeasureRows(
    const std::vector<MeasureResult>& measures) {
  struct Span {
    std::string measure;
    ScoreValue first;
    ScoreValue last;
    std::string first_when;
    std::string last_when;
  };
  std::vector<std::string> order;
  std::map<std::string, Span> spans;  // by measure and score id
  for (const auto& m : measures) {
    for (const auto& s : m.scores) {
      if (!s.value) continue;
      std::string key = m.measure + "/" + s.id;
      auto found = spans.find(key);
      if (found == spans.end()) {
        order.push_back(key);
        spans[key] = {m.measure_name.empty() ? m.measure : m.measure_name, s, s,
                      std::string(LabelOf(kTimepoints, m.timepoint)),
                      std::string(LabelOf(kTimepoints, m.timepoint))};
      } else {
        found->second.last = s;
        found->second.last_when = std::string(LabelOf(kTimepoints, m.timepoint));
      }
    }
  }
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& key : order) {
    const Span& span = spans[key];
    std::string name = span.measure + ": " + span.first.name;
    std::string range = " (" + FormatScore(span.first.min) + " to " + FormatScore(span.first.max) +
                        ", " + (span.first.better == Better::kHigher ? "higher" : "lower") +
                        " is better)";
    if (span.first_when == span.last_when && span.first.value == span.last.value) {
      rows.emplace_back(name, FormatScore(*span.first.value) + " at " + span.first_when + range);
    } else {
      rows.emplace_back(name, span.first_when + " to " + span.last_when + ": " +
                                  DescribeChange(span.first, span.last) + range);
    }
  }
  return rows;
}

}  // namespace

FeedbackMessage BuildFeedback(const FeedbackFacts& f) {
  FeedbackMessage out;
  out.title = "Social prescribing: outcome for " + f.person_name;

  FeedbackSection person{"About the person", "Person demographics", {}, {}};
  person.rows = {
      {"Name", f.person_name}, {"NHS number", f.nhs_number}, {"Date of birth", f.date_of_birth}};
  out.sections.push_back(std::move(person));

  FeedbackSection practice{"GP practice", "GP practice", {}, {}};
  practice.rows = {{"Practice", f.practice_name + " (" + f.practice_code + ")"}};
  out.sections.push_back(std::move(practice));

  FeedbackSection referral{"The referral", "Referral details", {}, {}};
  referral.rows = {{"Referred by", f.referrer_name},
                   {"Referred on", FormatDisplayDate(f.received_at)},
                   {"Reasons", f.reasons},
                   {"Case closed on", FormatDisplayDate(f.closed_at)}};
  out.sections.push_back(std::move(referral));

  FeedbackSection contact{"Link worker", "Contacts with professionals", {}, {}};
  contact.rows = {{"Link worker", f.link_worker_name}};
  if (!f.link_worker_contact.empty()) contact.rows.emplace_back("Contact", f.link_worker_contact);
  contact.rows.emplace_back("Contacts with the person", std::to_string(f.contacts));
  if (!f.intensity.empty()) {
    contact.rows.emplace_back("Level of support", std::string(LabelOf(kIntensities, f.intensity)));
  }
  out.sections.push_back(std::move(contact));

  FeedbackSection summary{"What happened", "Clinical summary", {}, {}};
  summary.rows = {{"Outcome", f.outcome_label}};
  summary.paragraphs = {f.summary};
  out.sections.push_back(std::move(summary));

  FeedbackSection plan{"Goals agreed with the person", "Care and support plan", {}, {}};
  for (const auto& g : f.goals) {
    plan.rows.emplace_back(g.text, std::string(LabelOf(kGoalStatuses, g.status)) + " (" +
                                       std::string(LabelOf(kDomains, g.domain)) + ")");
  }
  if (plan.rows.empty()) plan.paragraphs = {"No plan was recorded."};
  out.sections.push_back(std::move(plan));

  FeedbackSection services{"Community services", "Signpost details", {}, {}};
  for (const auto& k : f.connections) {
    std::string state(LabelOf(kConnectionStates, k.state));
    if (!k.reason.empty()) state += ": " + k.reason;
    services.rows.emplace_back(k.service_name, state);
  }
  if (services.rows.empty()) services.paragraphs = {"The person was not connected to a service."};
  out.sections.push_back(std::move(services));

  FeedbackSection measures{"How things changed", "Assessments", MeasureRows(f.measures), {}};
  if (measures.rows.empty()) measures.paragraphs = {"No outcome measures were recorded."};
  out.sections.push_back(std::move(measures));

  FeedbackSection codes{"Coded events", "Referral details", {}, {}};
  for (const auto& e : f.coded_events) {
    codes.rows.emplace_back(FormatDisplayDate(e.at) + ": " + e.step,
                            e.code + (e.display.empty() ? "" : " " + e.display));
  }
  out.sections.push_back(std::move(codes));

  if (!f.shared_concerns.empty()) {
    FeedbackSection safeguarding{"Safeguarding", "Safeguarding", {}, {}};
    for (const auto& c : f.shared_concerns) {
      safeguarding.paragraphs.push_back(c.input.occurred_on + ": " + c.input.concern + " Told: " +
                                        c.input.who_told + ". Action: " + c.input.action);
    }
    out.sections.push_back(std::move(safeguarding));
  }
  if (!f.shared_notes.empty()) {
    FeedbackSection notes{"Notes from the link worker", "Plan and requested actions", {}, {}};
    for (const auto& n : f.shared_notes) notes.paragraphs.push_back(n.text);
    out.sections.push_back(std::move(notes));
  }
  return out;
}

std::string FeedbackToJson(const FeedbackMessage& message) {
  json::array sections;
  for (const auto& s : message.sections) {
    json::array rows;
    for (const auto& [k, v] : s.rows) rows.push_back(json::array{json::string(k), json::string(v)});
    json::array paragraphs;
    for (const auto& p : s.paragraphs) paragraphs.push_back(json::string(p));
    sections.push_back(json::object{{"heading", s.heading},
                                    {"prsb_section", s.prsb},
                                    {"rows", std::move(rows)},
                                    {"paragraphs", std::move(paragraphs)}});
  }
  return json::serialize(json::object{{"title", message.title}, {"sections", sections}});
}

Result<FeedbackMessage> FeedbackFromJson(const std::string& text) {
  try {
    json::value v = json::parse(text);
    FeedbackMessage out;
    out.title = json::value_to<std::string>(v.at("title"));
    for (const auto& s : v.at("sections").as_array()) {
      FeedbackSection section;
      section.heading = json::value_to<std::string>(s.at("heading"));
      section.prsb = json::value_to<std::string>(s.at("prsb_section"));
      for (const auto& row : s.at("rows").as_array()) {
        section.rows.emplace_back(json::value_to<std::string>(row.at(0)),
                                  json::value_to<std::string>(row.at(1)));
      }
      for (const auto& p : s.at("paragraphs").as_array()) {
        section.paragraphs.push_back(json::value_to<std::string>(p));
      }
      out.sections.push_back(std::move(section));
    }
    return out;
  } catch (const std::exception& e) {
    return Status::Internal("a stored feedback message could not be read");
  }
}

}  // namespace linkway
