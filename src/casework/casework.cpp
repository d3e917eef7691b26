// Casework: access, the lists, assignment, the case file, and keeping cases in step with their
// referrals (the step hook, discharge and its feedback message).
#include "casework/casework.hpp"

#include <set>
#include <stdexcept>

namespace linkway {
namespace {

constexpr UnixSeconds kYear = UnixSeconds{365} * 86400;
// A referral the person made themselves, which has nobody to write back to.
constexpr std::string_view kSelfReferral = "self_referral";

Status NoCase() { return Status::NotFound("no case with that id"); }

bool IsLinkWorker(const Principal& who) {
  return who.role == Role::kLinkWorker && !who.pcn_code.empty();
}

bool Ends(ReferralState s) {
  return s == ReferralState::kClosed || s == ReferralState::kDeclined ||
         s == ReferralState::kWithdrawn || s == ReferralState::kUnableToContact;
}

}  // namespace

MeasureSet BuiltinMeasures() {
  auto set = MeasureSet::Load(MeasureFiles(), "");
  // The shipped files are checked by the tests; a bad one is a bug.
  if (!set.ok()) throw std::logic_error("shipped measures: " + set.status().message());
  return std::move(set).value();
}

Casework::Casework(sql::Database& db, Referrals& referrals, OrgDirectory& orgs, AuthStore& users,
                   const Clock& clock, const MeasureSet& measures, ServiceDirectory& services)
    : db_(db),
      referrals_(referrals),
      orgs_(orgs),
      users_(users),
      audit_(db),
      clock_(clock),
      measures_(measures),
      services_(services) {}

void Casework::Attach() {
  referrals_.OnStep([this](sql::Tx& tx, const StepContext& step) { return HookStep(tx, step); });
}

Result<cases::ReferralFacts> Casework::Workable(const Principal& who, sql::Connection& c,
                                                std::int64_t referral_id) {
  if (!IsLinkWorker(who)) return NoCase();
  auto facts = cases::Facts(c, referral_id, true);
  if (!facts || facts->pcn_code != who.pcn_code) return NoCase();
  return *facts;
}

Status Casework::WriteCase(const Principal& who, std::int64_t referral_id, const Change& change) {
  return db_.Write([&](sql::Tx& tx) -> Status {
    auto facts = Workable(who, tx, referral_id);
    if (!facts.ok()) return facts.status();
    return change(tx, *facts);
  });
}

std::string Casework::PcnOf(const std::string& org_code) {
  auto org = orgs_.Get(org_code);
  if (!org.ok()) return "";
  if (org->kind == OrgKind::kPcn) return org->code;
  return org->kind == OrgKind::kPractice ? org->parent_code : "";
}

Status Casework::WriteStepping(const Principal& who, std::int64_t referral_id, ReferralState from,
                               ReferralState to, const Change& change) {
  auto state = db_.Read([&](sql::Connection& c) -> Result<std::string> {
    auto facts = Workable(who, c, referral_id);
    if (!facts.ok()) return facts.status();
    return facts->state;
  });
  if (!state.ok()) return state.status();
  if (*state == ToString(from)) {
    auto also = [&](sql::Tx& tx, const StepContext&) -> Status {
      auto facts = cases::Facts(tx, referral_id);
      if (!facts) return NoCase();
      return change(tx, *facts);
    };
    auto moved = referrals_.Move(who, referral_id, {to, "", ""}, also);
    // Moved on by someone else meanwhile: the change alone.
    if (moved.ok() || moved.status().code() != Code::kConflict) return moved.status();
  }
  return WriteCase(who, referral_id, change);
}

Result<std::string> Casework::ScopePcn(const Principal& who, const std::string& pcn) {
  if (who.role == Role::kAdmin) {
    if (pcn.empty()) {
      return Status::Invalid("Say which PCN.", {{"pcn", "is required"}});
    }
    auto org = orgs_.Get(pcn);
    if (!org.ok() || org->kind != OrgKind::kPcn) {
      return Status::Invalid("The request has errors; see fields.",
                             {{"pcn", "is not a known PCN code"}});
    }
    return pcn;
  }
  if (!IsLinkWorker(who)) return Status::Forbidden("only link workers and admins see caseloads");
  if (!pcn.empty() && pcn != who.pcn_code) {
    return Status::Forbidden("you can see only your own PCN's cases");
  }
  return who.pcn_code;
}

Result<Page<cases::CaseRow>> Casework::ListCases(const Principal& who, const CaseQuery& query,
                                                 bool waiting) {
  auto pcn = ScopePcn(who, query.pcn);
  if (!pcn.ok()) return pcn.status();
  cases::ListFilter filter;
  filter.pcn_code = *pcn;
  filter.waiting = waiting;
  filter.page = query.page;
  filter.page_size = query.page_size;
  auto page = db_.Read([&](sql::Connection& c) -> Result<Page<cases::CaseRow>> {
    if (!query.link_worker.empty()) {
      auto worker = cases::FindLinkWorker(c, query.link_worker, 0);
      // Someone else's PCN reads as nobody.
      if (!worker || PcnOf(worker->org_code) != *pcn) {
        return Status::Invalid("The request has errors; see fields.",
                               {{"link_worker", "is not a link worker in this PCN"}});
      }
      filter.link_worker_id = worker->user_id;
    }
    return cases::List(c, filter);
  });
  if (!page.ok()) return page;
  std::string scope = "pcn=" + filter.pcn_code + ";link_worker=" + query.link_worker;
  std::string action = waiting ? "case.waiting_list" : "case.caseload";
  // The list's scope, then a row for every case it shows, before it is shown.
  std::vector<std::string> ids;
  for (const auto& row : page->items) ids.push_back(std::to_string(row.referral_id));
  if (Status s = audit_.RecordList(Audit(who, action, "case_list", scope),
                                   Audit(who, action, "case", ""), ids);
      !s.ok()) {
    return s;  // no audit row, no data
  }
  return page;
}

Result<Page<cases::CaseRow>> Casework::WaitingList(const Principal& who, const CaseQuery& query) {
  return ListCases(who, query, true);
}

Result<Page<cases::CaseRow>> Casework::Caseload(const Principal& who, const CaseQuery& query) {
  return ListCases(who, query, false);
}

Result<PcnLoad> Casework::Load(const Principal& who, const std::string& pcn) {
  auto code = ScopePcn(who, pcn);
  if (!code.ok()) return code.status();
  PcnLoad out;
  out.pcn_code = *code;
  if (auto org = orgs_.Get(*code); org.ok()) out.pcn_name = org->name;
  auto workers = db_.Read([&](sql::Connection& c) -> Result<std::vector<cases::LinkWorker>> {
    return cases::LinkWorkers(c, *code, clock_.Now() - kYear);
  });
  if (!workers.ok()) return workers.status();
  out.link_workers = std::move(workers).value();
  for (const auto& w : out.link_workers) {
    out.capacity += w.capacity;
    out.year += w.year;
  }
  return out;
}

Result<int> Casework::Assign(const Principal& who, const std::vector<std::int64_t>& referral_ids,
                             const std::string& link_worker) {
  bool lead = false;
  if (who.role == Role::kLinkWorker) {
    auto me = GetLinkWorker(who, who.username);
    lead = me.ok() && me->pcn_lead;
  }
  if (who.role != Role::kAdmin && !lead) {
    return Status::Forbidden("only the PCN's lead link worker or an admin can assign cases");
  }
  if (referral_ids.empty()) {
    return Status::Invalid("Say which cases.", {{"referrals", "give at least one referral id"}});
  }
  if (referral_ids.size() > 500) {
    return Status::Invalid("Too many cases at once.", {{"referrals", "must be at most 500 ids"}});
  }
  if (link_worker.empty()) {
    return Status::Invalid("Say who takes the cases.", {{"link_worker", "is required"}});
  }
  UnixSeconds now = clock_.Now();
  std::string ids;
  for (auto id : referral_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
  int moved = 0;
  Status status = db_.Write([&](sql::Tx& tx) -> Status {
    moved = 0;
    auto worker = cases::FindLinkWorker(tx, link_worker, 0);
    std::string worker_pcn = worker ? PcnOf(worker->org_code) : "";
    std::set<std::int64_t> seen;
    for (auto id : referral_ids) {
      if (!seen.insert(id).second) continue;
      auto facts = cases::Facts(tx, id, true);
      // A lead assigns within their own PCN; an admin anywhere.
      if (!facts || (who.role != Role::kAdmin && facts->pcn_code != who.pcn_code)) {
        return Status::NotFound("no case with id " + std::to_string(id));
      }
      if (!worker || worker_pcn != facts->pcn_code) {
        return Status::Invalid("The request has errors; see fields.",
                               {{"link_worker", "is not a link worker in the case's PCN"}});
      }
      auto state = ParseReferralState(facts->state).value_or(ReferralState::kReceived);
      if (Ends(state)) {
        return Status::Conflict("case " + std::to_string(id) + " is " + facts->state +
                                " and cannot be assigned");
      }
      cases::Step step{
          id,   facts->pcn_code, facts->state, facts->urgency == "urgent", facts->received_at, now,
          false};
      std::int64_t held = cases::Follow(tx, step, 0, who.user_id).after;
      if (held == worker->user_id) continue;
      cases::Assign(tx, id, worker->user_id, who.user_id, now);
      cases::AddEvent(tx, id, now, who.user_id, held == 0 ? "assigned" : "reassigned",
                      "Assigned to " + worker->display_name);
      ++moved;
    }
    WriteAudit(tx, Audit(who, "case.assign", "case", ids));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return moved;
}

Result<CaseFile> Casework::Open(const Principal& who, std::int64_t referral_id) {
  // A refused attempt is audited too (hardening finding 4), and answers as if there were none.
  auto refused = [&]() -> Result<CaseFile> {
    if (Status s =
            audit_.Record(Audit(who, "case.read.refused", "case", std::to_string(referral_id)));
        !s.ok()) {
      return s;
    }
    return NoCase();
  };
  if (!IsLinkWorker(who)) return refused();
  auto view = referrals_.View(who, referral_id);
  if (!view.ok()) {
    Code code = view.status().code();
    if (code == Code::kForbidden || code == Code::kNotFound) return refused();
    return view.status();
  }
  CaseFile out;
  out.referral = std::move(view).value();
  const Referral& r = out.referral.referral;
  Status read = db_.Snapshot([&](sql::Connection& c) -> Status {
    out.row = cases::Get(c, referral_id);
    out.holders = cases::Holders(c, referral_id);
    out.events = cases::Events(c, referral_id);
    out.contacts = cases::Contacts(c, referral_id);
    out.what_matters = cases::GetWhatMatters(c, referral_id);
    out.plan = cases::GetPlan(c, referral_id);
    out.measures = cases::Measures(c, referral_id);
    out.connections = cases::Connections(c, referral_id);
    out.notes = cases::Notes(c, referral_id, false);
    out.concerns = cases::Concerns(c, referral_id, false);
    out.earlier = cases::EarlierReferrals(c, r.patient.nhs_number, r.pcn_code, referral_id);
    out.feedback = cases::FeedbackFor(c, referral_id);
    return Status::Ok();
  });
  if (!read.ok()) return read;
  for (auto& m : out.measures) {
    if (const Measure* d = measures_.Find(m.measure)) m.measure_name = d->name;
  }
  if (Status s = audit_.Record(Audit(who, "case.read", "case", std::to_string(referral_id)));
      !s.ok()) {
    return s;
  }
  return out;
}

Status Casework::HookStep(sql::Tx& tx, const StepContext& step) {
  const Referral& r = step.after;
  cases::Step s{r.id,
                r.pcn_code,
                std::string(ToString(r.state)),
                r.urgency == "urgent",
                r.created_at(),
                step.event.at,
                Ends(r.state)};
  // Accepting a referral gives it to whoever accepts it, unless someone holds it already.
  std::int64_t holder = 0;
  if (r.state == ReferralState::kAccepted && step.who.role == Role::kLinkWorker) {
    holder = step.who.user_id;
  }
  cases::Held held = cases::Follow(tx, s, holder, step.who.user_id);
  if (held.before == 0 && held.after != 0) {
    cases::AddEvent(tx, r.id, step.event.at, step.who.user_id, "assigned",
                    "Assigned to " + step.who.display_name + " on acceptance");
  }
  if (r.state == ReferralState::kClosed) return WriteFeedback(tx, step, held.after);
  return Status::Ok();
}

Status Casework::WriteFeedback(sql::Tx& tx, const StepContext& step, std::int64_t holder) {
  const Referral& r = step.after;
  if (r.referrer_profession == kSelfReferral || r.referrer_id == 0) {
    cases::AddEvent(tx, r.id, step.event.at, step.who.user_id, "feedback",
                    "A self-referral: no message to a referrer; the person has their own copy");
    return Status::Ok();
  }
  FeedbackFacts f;
  f.referral_id = r.id;
  f.person_name = r.patient.given_name + " " + r.patient.family_name;
  f.nhs_number = r.patient.nhs_number;
  f.date_of_birth = r.patient.date_of_birth;
  f.practice_name = r.practice_name;
  f.practice_code = r.practice_code;
  f.referrer_name = r.referrer_name;
  f.received_at = r.created_at();
  f.closed_at = step.event.at;
  for (const auto& code : r.reasons) {
    f.reasons += (f.reasons.empty() ? "" : ", ") + std::string(LabelOf(kReasons, code));
  }
  if (!r.reason_other.empty()) f.reasons += (f.reasons.empty() ? "" : ": ") + r.reason_other;
  f.outcome_label = std::string(LabelOf(kOutcomes, r.outcome));
  f.summary = step.event.reason;
  if (holder != 0) {
    auto worker = users_.GetUser(holder);
    if (worker.ok()) {
      f.link_worker_name = worker->display_name;
      if (auto lw = cases::FindLinkWorker(tx, worker->username, 0)) {
        f.link_worker_contact = lw->phone;
        if (!lw->email.empty()) {
          f.link_worker_contact += (f.link_worker_contact.empty() ? "" : ", ") + lw->email;
        }
      }
    }
  }
  f.intensity = cases::GetWhatMatters(tx, r.id).intensity;
  f.contacts = static_cast<int>(cases::Contacts(tx, r.id).size());
  f.goals = cases::GetPlan(tx, r.id).goals;
  f.connections = cases::Connections(tx, r.id);
  f.measures = cases::Measures(tx, r.id);
  for (auto& m : f.measures) {
    if (const Measure* d = measures_.Find(m.measure)) m.measure_name = d->name;
  }
  for (auto& e : cases::CodedEvents(tx, r.id)) {
    auto state = ParseReferralState(e.step);
    if (state) e.step = std::string(Label(*state));
    f.coded_events.push_back(std::move(e));
  }
  f.shared_notes = cases::Notes(tx, r.id, true);
  f.shared_concerns = cases::Concerns(tx, r.id, true);

  Feedback message;
  message.referral_id = r.id;
  message.practice_code = r.practice_code;
  message.referrer_id = r.referrer_id;
  message.created_at = step.event.at;
  message.message = BuildFeedback(f);
  cases::AddFeedback(tx, message);
  cases::AddEvent(tx, r.id, step.event.at, step.who.user_id, "feedback",
                  "Feedback sent to " + r.referrer_name);
  return Status::Ok();
}

Result<Referral> Casework::Discharge(const Principal& who, std::int64_t referral_id,
                                     const std::string& outcome, const std::string& summary) {
  if (Status s = CheckDischarge(outcome, summary); !s.ok()) return s;
  if (!IsLinkWorker(who)) return NoCase();
  TransitionRequest step{ReferralState::kClosed, summary, outcome};
  auto closed = referrals_.Move(who, referral_id, step);
  if (!closed.ok() && closed.status().code() == Code::kForbidden) return NoCase();
  return closed;
}

}  // namespace linkway
