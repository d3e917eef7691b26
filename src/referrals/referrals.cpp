#include "referrals/referrals.hpp"

#include "auth/secrets.hpp"
#include "referrals/access.hpp"

namespace linkway {

Result<CreatedReferral> Referrals::CreateReferral(const Principal& who, ReferralInput input,
                                                  const std::string& idempotency_key,
                                                  const std::string& request_hash) {
  if (Status s = CheckMayRefer(who); !s.ok()) return s;
  if (input.practice.empty() && who.org_kind == OrgKind::kPractice) input.practice = who.org_code;
  UnixSeconds now = clock_.Now();
  auto valid = ValidateReferral(input, DayOf(now));
  if (!valid.ok()) return valid.status();
  auto practice = orgs_.Get(valid->practice);
  if (!practice.ok() || practice->kind != OrgKind::kPractice) {
    if (!practice.ok() && practice.status().code() != Code::kNotFound) return practice.status();
    return Status::Invalid("The request has errors; see fields.",
                           {{"practice", "is not a known GP practice code"}});
  }
  if (who.org_kind == OrgKind::kPractice && practice->code != who.org_code) {
    return Status::Invalid("The request has errors; see fields.",
                           {{"practice", "you can refer only for your own practice"}});
  }
  // Outside a practice, a referrer refers into their area: their PCN's practices, or the
  // ICB's; a link worker into their PCN's.
  if (!who.pcn_code.empty() && who.org_kind != OrgKind::kPractice &&
      practice->parent_code != who.pcn_code) {
    return Status::Invalid("The request has errors; see fields.",
                           {{"practice", "is not in your primary care network"}});
  }
  if (who.org_kind == OrgKind::kAgency) {
    // An agency refers into its area: the PCNs it names, or the practices of the ICB it names.
    auto agency = orgs_.Get(who.org_code);
    if (!agency.ok()) return agency.status();
    auto pcn = orgs_.Get(practice->parent_code);
    bool inside = false;
    for (const auto& area : AreaCodes(*agency)) {
      if (area == practice->parent_code || (pcn.ok() && pcn->parent_code == area)) inside = true;
    }
    if (!inside) {
      return Status::Invalid("The request has errors; see fields.",
                             {{"practice", "is not in your organisation's area"}});
    }
  }
  if (who.org_kind == OrgKind::kIcb) {
    auto pcn = orgs_.Get(practice->parent_code);
    if (!pcn.ok() && pcn.status().code() != Code::kNotFound) return pcn.status();
    if (!pcn.ok() || pcn->parent_code != who.org_code) {
      return Status::Invalid("The request has errors; see fields.",
                             {{"practice", "is not in your integrated care board's area"}});
    }
  }
  if (idempotency_key.size() > 200) {
    return Status::Invalid("The Idempotency-Key header is too long (200 characters at most)");
  }
  NewReferral nr;
  nr.input = std::move(valid).value();
  nr.pcn_code = practice->parent_code;
  nr.practice_name = practice->name;
  nr.referrer_id = who.user_id;
  nr.referrer_name = who.display_name;
  nr.referrer_profession = who.profession;
  nr.at = now;
  nr.idempotency_key = idempotency_key;
  nr.request_hash = request_hash;
  ClinicalCode code = codes_.Current()->ForState(ReferralState::kReceived);
  nr.first_event.at = now;
  nr.first_event.user_id = who.user_id;
  nr.first_event.role = std::string(ToString(who.role));
  nr.first_event.to = ReferralState::kReceived;
  nr.first_event.code_system = code.system;
  nr.first_event.code = code.code;
  nr.first_event.code_display = code.display;
  return store_.Create(nr, Audit(who, "referral.create", "referral", ""));
}

Result<Referral> Referrals::GetReferral(const Principal& who, std::int64_t id) {
  if (who.role != Role::kReferrer && who.role != Role::kLinkWorker) {
    return Status::Forbidden("your role cannot see referrals");
  }
  auto referral = store_.Get(id);
  if (!referral.ok()) return referral.status();
  if (!MaySee(who, *referral)) return Refused(who, "referral.read", id);
  if (Status s = audit_.Record(Audit(who, "referral.read", "referral", std::to_string(id)));
      !s.ok()) {
    return s;  // no audit row, no data
  }
  return referral;
}

Result<ReferralView> Referrals::View(const Principal& who, std::int64_t id) {
  auto referral = GetReferral(who, id);
  if (!referral.ok()) return referral.status();
  auto history = store_.Events(id);
  if (!history.ok()) return history.status();
  return ReferralView{std::move(referral).value(), std::move(history).value()};
}

Status Referrals::Refused(const Principal& who, std::string_view action, std::int64_t id,
                          Status answer) {
  Status recorded =
      audit_.Record(Audit(who, std::string(action) + ".refused", "referral", std::to_string(id)));
  if (!recorded.ok()) return recorded;
  return answer;
}

Result<Page<Referral>> Referrals::ListReferrals(const Principal& who, const ReferralQuery& query) {
  ReferralFilter filter;
  // Only a code that names a practice goes on (and into the audit row).
  if (!query.practice.empty()) {
    auto practice = orgs_.Get(query.practice);
    if (!practice.ok() && practice.status().code() != Code::kNotFound) return practice.status();
    if (!practice.ok() || practice->kind != OrgKind::kPractice) {
      return Status::Invalid("The request has errors; see fields.",
                             {{"practice", "is not the code of a practice"}});
    }
    filter.practice_code = query.practice;
  }
  if (Status s = ScopeReferrals(who, filter); !s.ok()) {
    if (Status a = audit_.Record(Audit(who, "referral.list.refused", "referral_list",
                                       "practice=" + filter.practice_code));
        !a.ok()) {
      return a;
    }
    return s;
  }
  if (query.state) {
    filter.states = {*query.state};
  } else if (query.open_only) {
    filter.states = {ReferralState::kReceived, ReferralState::kAccepted, ReferralState::kContacted,
                     ReferralState::kActive};
  }
  filter.page = query.page;
  filter.page_size = query.page_size;
  // A link worker works the oldest first; a referrer looks for the newest.
  filter.oldest_first = who.role == Role::kLinkWorker;
  std::string scope = "practice=" + filter.practice_code + ";pcn=" + filter.pcn_code +
                      ";page=" + std::to_string(filter.page);
  auto page = store_.List(filter);
  if (!page.ok()) return page.status();
  // Which records the list showed, one row each, before any is shown.
  std::vector<std::string> ids;
  ids.reserve(page->items.size());
  for (const auto& r : page->items) ids.push_back(std::to_string(r.id));
  if (Status s = audit_.RecordList(Audit(who, "referral.list", "referral_list", scope),
                                   Audit(who, "referral.list", "referral", ""), ids);
      !s.ok()) {
    return s;
  }
  return page;
}

Result<Referral> Referrals::Move(const Principal& who, std::int64_t id,
                                 const TransitionRequest& request, const StepHook& also) {
  if (who.role != Role::kReferrer && who.role != Role::kLinkWorker) {
    return Status::Forbidden("your role cannot change referrals");
  }
  UnixSeconds now = clock_.Now();
  bool unseen = false;  // a referral the caller may not see: answered as if there were none
  auto decide = [&](const Referral& current) -> Result<ReferralEvent> {
    if (!MaySee(who, current)) {
      unseen = true;
      return Status::NotFound("no referral with that id");
    }
    if (Status s = CheckMayMove(who, current, request.to); !s.ok()) return s;
    return TakeStep(current, request, *codes_.Current(),
                    {who.user_id, who.username, std::string(ToString(who.role))}, now);
  };
  auto after = [&](sql::Tx& tx, const Referral& before, const Referral& moved,
                   const ReferralEvent& event) -> Status {
    StepContext step{who, before, moved, event};
    for (const auto& hook : hooks_) {
      if (Status s = hook(tx, step); !s.ok()) return s;
    }
    return also ? also(tx, step) : Status::Ok();
  };
  auto moved = store_.Update(
      id, decide, Audit(who, "referral.transition", "referral", std::to_string(id)), after);
  if (unseen) return Refused(who, "referral.transition", id);
  if (!moved.ok() && moved.status().code() == Code::kForbidden) {
    return Refused(who, "referral.transition", id, moved.status());
  }
  return moved;
}

Result<Signpost> Referrals::RecordSignpost(const Principal& who, const SignpostInput& input) {
  if (Status s = CheckMaySignpost(who); !s.ok()) return s;
  auto valid = ValidateSignpost(input);
  if (!valid.ok()) return valid.status();
  ClinicalCode code = codes_.Current()->ForSignpost();
  Signpost p;
  p.at = clock_.Now();
  p.practice_code = who.org_code;
  p.pcn_code = who.pcn_code;
  p.user_id = who.user_id;
  p.username = who.username;
  p.profession = who.profession;
  p.service = valid->service;
  p.reasons = valid->reasons;
  p.note = valid->note;
  p.code_system = code.system;
  p.code = code.code;
  return store_.CreateSignpost(p, Audit(who, "signpost.create", "signpost", ""));
}

Result<Page<Signpost>> Referrals::ListSignposts(const Principal& who, const SignpostQuery& query) {
  SignpostFilter filter;
  filter.practice_code = query.practice;
  if (Status s = ScopeSignposts(who, filter); !s.ok()) return s;
  filter.page = query.page;
  filter.page_size = query.page_size;
  std::string scope = "practice=" + filter.practice_code + ";pcn=" + filter.pcn_code;
  if (Status s = audit_.Record(Audit(who, "signpost.list", "signpost_list", scope)); !s.ok()) {
    return s;
  }
  return store_.ListSignposts(filter);
}

Result<std::string> Referrals::CreateDraft(const Principal& who, const std::string& payload_json) {
  if (Status s = CheckMayRefer(who); !s.ok()) return s;
  if (payload_json.size() > std::size_t{64} * 1024)
    return Status::Invalid("the draft is too large");
  std::string token = RandomToken();
  std::string hash = Sha256Hex(token);
  UnixSeconds now = clock_.Now();
  DraftRecord draft{hash, who.user_id, payload_json, now, now + kDraftLifetime};
  Status put = store_.PutDraft(draft, Audit(who, "draft.create", "draft", hash.substr(0, 16)));
  if (!put.ok()) return put;
  return token;
}

Result<std::string> Referrals::OpenDraft(const Principal& who, const std::string& token) {
  if (Status s = CheckMayRefer(who); !s.ok()) return s;
  std::string hash = Sha256Hex(token);
  // A draft is for the organisation whose system made it; anyone else finds nothing, and the
  // draft stays for the rightful clinician.
  auto draft = store_.TakeDraft(hash, clock_.Now(), who.org_code,
                                Audit(who, "draft.open", "draft", hash.substr(0, 16)));
  if (!draft.ok()) return draft.status();
  return draft->payload;
}

Result<std::int64_t> Referrals::PurgeDrafts() { return store_.PurgeDrafts(clock_.Now()); }

Status Referrals::ReplaceCodes(const Principal& who, std::string_view csv) {
  // The table is the whole deployment's: only the ICB's administrators replace it.
  if (who.role != Role::kAdmin || who.org_kind != OrgKind::kIcb) {
    return Status::Forbidden("only the ICB's administrators replace the codes");
  }
  UnixSeconds now = clock_.Now();
  return codes_.Replace(csv, now, who.username, [&](sql::Tx& tx) {
    WriteAudit(tx, AuditFor(who, now, "codes.replace", "local_codes", "1"));
  });
}

}  // namespace linkway
