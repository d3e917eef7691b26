// What a link worker records on a case: contacts, what matters, the plan and its reviews, the
// next action, measures, connections, notes and safeguarding concerns. Each change is one
// write with its case event and audit row.
#include <cctype>

#include "casework/casework.hpp"
#include "core/text.hpp"

namespace linkway {
namespace {

bool IsOpen(std::string_view state) {
  return state == "accepted" || state == "contacted" || state == "active";
}

Status NotOpen(const cases::ReferralFacts& facts, std::string_view what) {
  return Status::Conflict("cannot " + std::string(what) + " on a case that is " + facts.state);
}

std::string Invalid() { return "The request has errors; see fields."; }

}  // namespace

Result<Contact> Casework::LogContact(const Principal& who, std::int64_t referral_id,
                                     ContactInput input) {
  UnixSeconds now = clock_.Now();
  if (Status s = CheckContact(input, DayOf(now)); !s.ok()) return s;
  Contact out{0, now, who.display_name, input};
  auto change = [&](sql::Tx& tx, const cases::ReferralFacts& facts) -> Status {
    if (!IsOpen(facts.state)) return NotOpen(facts, "log a contact");
    if (!input.practice.empty()) {
      auto practice = orgs_.Get(input.practice);
      if (!practice.ok() || practice->kind != OrgKind::kPractice ||
          practice->parent_code != facts.pcn_code) {
        return Status::Invalid(Invalid(), {{"practice", "is not a practice in this PCN"}});
      }
    }
    out.id = cases::AddContact(tx, referral_id, now, who.user_id, input);
    cases::AddEvent(tx, referral_id, now, who.user_id, "contact",
                    std::string(LabelOf(kContactKinds, input.kind)) + ", " + input.date + ", " +
                        std::to_string(input.minutes) + " minutes");
    WriteAudit(tx, Audit(who, "case.contact", "case", std::to_string(referral_id)));
    return Status::Ok();
  };
  // The first contact on an accepted referral is the step to contacted.
  Status s =
      WriteStepping(who, referral_id, ReferralState::kAccepted, ReferralState::kContacted, change);
  if (!s.ok()) return s;
  return out;
}

Status Casework::SetWhatMatters(const Principal& who, std::int64_t referral_id,
                                const WhatMatters& what) {
  if (Status s = CheckWhatMatters(what); !s.ok()) return s;
  UnixSeconds now = clock_.Now();
  return WriteCase(who, referral_id, [&](sql::Tx& tx, const cases::ReferralFacts& facts) {
    if (!IsOpen(facts.state)) return NotOpen(facts, "record what matters");
    cases::PutWhatMatters(tx, referral_id, what);
    cases::SetCaseTime(tx, referral_id, "what_matters_at", now);
    std::string domains;
    for (const auto& [domain, text] : what.domains) {
      if (!text.empty())
        domains += (domains.empty() ? "" : ", ") + std::string(LabelOf(kDomains, domain));
    }
    cases::AddEvent(tx, referral_id, now, who.user_id, "what_matters",
                    "What matters recorded (" + std::string(LabelOf(kIntensities, what.intensity)) +
                        (domains.empty() ? "" : "; " + domains) + ")");
    WriteAudit(tx, Audit(who, "case.what_matters", "case", std::to_string(referral_id)));
    return Status::Ok();
  });
}

Result<Plan> Casework::SavePlan(const Principal& who, std::int64_t referral_id,
                                const PlanInput& plan) {
  if (Status s = CheckPlan(plan); !s.ok()) return s;
  UnixSeconds now = clock_.Now();
  auto change = [&](sql::Tx& tx, const cases::ReferralFacts& facts) -> Status {
    if (!IsOpen(facts.state)) return NotOpen(facts, "make a plan");
    cases::PutGoals(tx, referral_id, plan.goals);
    cases::SetCaseText(tx, referral_id, "review_date", plan.review_date);
    cases::SetCaseTime(tx, referral_id, "plan_at", now);
    int achieved = 0;
    for (const auto& g : plan.goals) achieved += g.status == "achieved" ? 1 : 0;
    cases::AddEvent(tx, referral_id, now, who.user_id, "plan",
                    "Plan saved: " + std::to_string(plan.goals.size()) + " goals, " +
                        std::to_string(achieved) + " achieved; review by " + plan.review_date);
    WriteAudit(tx, Audit(who, "case.plan", "case", std::to_string(referral_id)));
    return Status::Ok();
  };
  // An agreed plan on a contacted referral makes it active.
  Status s =
      WriteStepping(who, referral_id, ReferralState::kContacted, ReferralState::kActive, change);
  if (!s.ok()) return s;
  return GetPlan(who, referral_id);
}

Result<Plan> Casework::GetPlan(const Principal& who, std::int64_t referral_id) {
  auto plan = db_.Read([&](sql::Connection& c) -> Result<Plan> {
    auto facts = Workable(who, c, referral_id);
    if (!facts.ok()) return facts.status();
    return cases::GetPlan(c, referral_id);
  });
  if (!plan.ok()) return plan;
  if (Status s = audit_.Record(Audit(who, "case.plan_read", "case", std::to_string(referral_id)));
      !s.ok()) {
    return s;
  }
  return plan;
}

Status Casework::RecordReview(const Principal& who, std::int64_t referral_id,
                              const std::string& date, const std::string& note) {
  UnixSeconds now = clock_.Now();
  if (Status s = CheckReview(date, note, DayOf(now)); !s.ok()) return s;
  return WriteCase(who, referral_id, [&](sql::Tx& tx, const cases::ReferralFacts& facts) {
    if (!IsOpen(facts.state)) return NotOpen(facts, "review a plan");
    cases::AddReview(tx, referral_id, now, who.user_id, date, note);
    cases::AddEvent(tx, referral_id, now, who.user_id, "review", "Plan reviewed on " + date);
    WriteAudit(tx, Audit(who, "case.review", "case", std::to_string(referral_id)));
    return Status::Ok();
  });
}

Status Casework::SetNextAction(const Principal& who, std::int64_t referral_id,
                               const std::string& action, const std::string& due) {
  FieldErrors errors;
  if (action.size() > 500) errors.Add("next_action", "must be at most 500 characters");
  CheckStorable(errors, "next_action", action);
  if (!due.empty() && !ParseDate(due)) errors.Add("due", "must be a real date, YYYY-MM-DD");
  if (!errors.empty()) return errors.ToStatus();
  UnixSeconds now = clock_.Now();
  return WriteCase(who, referral_id, [&](sql::Tx& tx, const cases::ReferralFacts& facts) {
    if (!IsOpen(facts.state)) return NotOpen(facts, "set the next action");
    cases::SetCaseText(tx, referral_id, "next_action", action);
    cases::SetCaseText(tx, referral_id, "next_action_due", due);
    cases::AddEvent(tx, referral_id, now, who.user_id, "next_action",
                    "Next action: " + action + (due.empty() ? "" : " by " + due));
    WriteAudit(tx, Audit(who, "case.next_action", "case", std::to_string(referral_id)));
    return Status::Ok();
  });
}

Result<MeasureResult> Casework::RecordMeasure(const Principal& who, std::int64_t referral_id,
                                              const std::string& measure,
                                              const std::string& timepoint,
                                              const std::map<std::string, std::int64_t>& answers) {
  FieldErrors errors;
  const Measure* definition = measures_.Find(measure);
  if (measure.empty()) {
    errors.Add("measure", "is required");
  } else if (!definition) {
    errors.Add("measure", "is not a loaded measure; GET /api/v1/measures lists them");
  }
  if (!IsChoice(kTimepoints, timepoint)) {
    errors.Add("timepoint", "must be one of baseline, follow_up or discharge");
  }
  MeasureResult out;
  if (definition) {
    auto scores = ScoreAnswers(*definition, answers);
    if (!scores.ok()) {
      for (const auto& f : scores.status().fields()) errors.Add(f.field, f.message);
      if (scores.status().fields().empty()) errors.Add("answers", scores.status().message());
    } else {
      out.scores = std::move(scores).value();
    }
    out.measure_name = definition->name;
  }
  if (!errors.empty()) return errors.ToStatus();
  UnixSeconds now = clock_.Now();
  out.measure = measure;
  out.timepoint = timepoint;
  out.at = now;
  out.by = who.display_name;
  out.answers = answers;
  Status s = WriteCase(who, referral_id, [&](sql::Tx& tx, const cases::ReferralFacts& facts) {
    if (!IsOpen(facts.state)) return NotOpen(facts, "record a measure");
    out.id = cases::AddMeasure(tx, referral_id, out, who.user_id);
    cases::AddEvent(tx, referral_id, now, who.user_id, "measure",
                    out.measure_name + " at " + std::string(LabelOf(kTimepoints, timepoint)));
    WriteAudit(tx, Audit(who, "case.measure", "case", std::to_string(referral_id)));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<Connection> Casework::Connect(const Principal& who, std::int64_t referral_id,
                                     const std::string& organisation, const std::string& service) {
  Connection out;
  if (!service.empty()) {
    auto listed = services_.Get(service);
    if (!listed.ok()) {
      if (listed.status().code() != Code::kNotFound) return listed.status();
      return Status::Invalid(Invalid(), {{"service", "is not a service in the directory"}});
    }
    if (!listed->accepts_referrals || listed->capacity.state == "not_accepting" ||
        listed->status != "active") {
      return Status::Invalid(Invalid(),
                             {{"service", listed->name + " is not taking referrals at present"}});
    }
    out.organisation_code = listed->org_code;
    out.service_id = listed->id;
    out.service_name = listed->name;
  } else {
    if (organisation.empty()) {
      return Status::Invalid(Invalid(), {{"service", "Choose a service"}});
    }
    auto org = orgs_.Get(organisation);
    if (!org.ok() || org->kind != OrgKind::kVcse) {
      if (!org.ok() && org.status().code() != Code::kNotFound) return org.status();
      return Status::Invalid(Invalid(),
                             {{"organisation", "is not a known community organisation code"}});
    }
    out.organisation_code = org->code;
    out.service_name = org->name;
  }
  UnixSeconds now = clock_.Now();
  out.referral_id = referral_id;
  out.created_at = now;
  out.updated_at = now;
  Status s = WriteCase(who, referral_id, [&](sql::Tx& tx, const cases::ReferralFacts& facts) {
    if (!IsOpen(facts.state)) return NotOpen(facts, "connect the person to a service");
    out.id = cases::AddConnection(tx, out, who.user_id);
    cases::AddEvent(tx, referral_id, now, who.user_id, "connection", "Offered " + out.service_name);
    WriteAudit(tx, Audit(who, "case.connect", "case", std::to_string(referral_id)));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<Connection> Casework::MoveConnection(const Principal& who, std::int64_t connection_id,
                                            const std::string& to, const std::string& reason) {
  if (!IsChoice(kConnectionStates, to)) {
    return Status::Invalid(Invalid(), {{"to",
                                        "must be one of agreed, sent, attended, "
                                        "did_not_attend or declined"}});
  }
  auto found = db_.Read([&](sql::Connection& c) -> Result<Connection> {
    auto k = cases::GetConnection(c, connection_id);
    if (!k) return Status::NotFound("no connection with that id");
    return *k;
  });
  if (!found.ok()) return found;
  UnixSeconds now = clock_.Now();
  Connection out;
  Status s = WriteCase(who, found->referral_id, [&](sql::Tx& tx, const cases::ReferralFacts&) {
    auto k = cases::GetConnection(tx, connection_id);
    if (!k) return Status::NotFound("no connection with that id");
    if (Status step = CheckConnectionStep(k->state, to, reason); !step.ok()) return step;
    cases::MoveConnection(tx, connection_id, to, reason, now);
    cases::AddEvent(tx, k->referral_id, now, who.user_id, "connection",
                    k->service_name + ": " + std::string(LabelOf(kConnectionStates, to)) +
                        (reason.empty() ? "" : " (" + reason + ")"));
    WriteAudit(tx, Audit(who, "case.connection", "connection", std::to_string(connection_id)));
    out = *k;
    out.state = to;
    out.reason = reason;
    out.updated_at = now;
    return Status::Ok();
  });
  if (!s.ok()) {
    if (s.code() == Code::kNotFound) return Status::NotFound("no connection with that id");
    return s;
  }
  return out;
}

namespace {

// Whether `text` holds any of `facts` (names as whole words, any case; numbers, postcodes and
// dates as written, or without their spaces): a case study must not say who it is about.
bool NamesThePerson(const std::string& text, const std::vector<std::string>& facts) {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  auto squeeze = [](std::string s) {
    std::erase(s, ' ');
    return s;
  };
  std::string body = lower(text);
  std::string squeezed = squeeze(body);
  for (const auto& fact : facts) {
    std::string f = lower(fact);
    if (f.size() < 2) continue;
    for (std::size_t at = body.find(f); at != std::string::npos; at = body.find(f, at + 1)) {
      bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(body[at - 1]));
      std::size_t end = at + f.size();
      bool ends = end >= body.size() || !std::isalnum(static_cast<unsigned char>(body[end]));
      if (starts && ends) return true;
    }
    if (f.size() >= 5 && squeezed.find(squeeze(f)) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Result<Note> Casework::AddNote(const Principal& who, std::int64_t referral_id,
                               const std::string& text, bool shareable, bool case_study) {
  if (Status s = CheckNote(text); !s.ok()) return s;
  UnixSeconds now = clock_.Now();
  Note out{0, now, who.display_name, text, shareable, case_study};
  Status s = WriteCase(who, referral_id, [&](sql::Tx& tx, const cases::ReferralFacts&) {
    if (case_study) {
      sql::Query person(tx,
                        "SELECT consent_share, given_name, family_name, nhs_number, postcode, "
                        "date_of_birth FROM referrals WHERE id = $1",
                        referral_id);
      if (!person.Step() || person.Int(0) == 0) {
        return Status::Invalid("the note has errors",
                               {{"case_study", "needs the person's consent to share"}});
      }
      if (NamesThePerson(text, {person.Text(1), person.Text(2), person.Text(3), person.Text(4),
                                person.Text(5)})) {
        return Status::Invalid("the note has errors",
                               {{"case_study",
                                 "must not name the person or give their NHS number, postcode or "
                                 "date of birth"}});
      }
    }
    out.id = cases::AddNote(tx, referral_id, now, who.user_id, text, shareable, case_study);
    cases::AddEvent(tx, referral_id, now, who.user_id, "note",
                    shareable ? "Note added, shared with the referrer" : "Note added");
    WriteAudit(tx, Audit(who, "case.note", "case", std::to_string(referral_id)));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<Note>> Casework::Notes(const Principal& who, std::int64_t referral_id) {
  bool shareable_only = who.role != Role::kLinkWorker;
  if (shareable_only) {
    // A referrer who may see the referral sees its shareable notes.
    auto referral = referrals_.GetReferral(who, referral_id);
    if (!referral.ok()) {
      if (referral.status().code() == Code::kForbidden)
        return Status::NotFound("no case with that id");
      return referral.status();
    }
  }
  auto notes = db_.Read([&](sql::Connection& c) -> Result<std::vector<Note>> {
    if (!shareable_only) {
      auto facts = Workable(who, c, referral_id);
      if (!facts.ok()) return facts.status();
    }
    return cases::Notes(c, referral_id, shareable_only);
  });
  if (!notes.ok()) return notes;
  if (Status s = audit_.Record(Audit(who, "case.notes_read", "case", std::to_string(referral_id)));
      !s.ok()) {
    return s;
  }
  return notes;
}

Result<Concern> Casework::RaiseConcern(const Principal& who, std::int64_t referral_id,
                                       const ConcernInput& concern) {
  UnixSeconds now = clock_.Now();
  if (Status s = CheckConcern(concern, DayOf(now)); !s.ok()) return s;
  Concern out{0, now, who.display_name, concern};
  Status s = WriteCase(who, referral_id, [&](sql::Tx& tx, const cases::ReferralFacts& facts) {
    // A concern can be raised on any case the link worker holds, even once it has ended.
    cases::Step step{
        referral_id, facts.pcn_code, facts.state, facts.urgency == "urgent", facts.received_at,
        now,         false};
    if (!cases::Get(tx, referral_id)) cases::Follow(tx, step, 0, who.user_id);
    out.id = cases::AddConcern(tx, referral_id, now, who.user_id, concern);
    cases::AddEvent(tx, referral_id, now, who.user_id, "safeguarding",
                    concern.shareable ? "Safeguarding concern raised, shared with the referrer"
                                      : "Safeguarding concern raised");
    WriteAudit(tx, Audit(who, "case.safeguarding", "case", std::to_string(referral_id)));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace linkway
