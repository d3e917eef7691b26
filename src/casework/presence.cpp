// Link workers' settings and presence at practices, and the feedback referrers read.
#include <algorithm>

#include "casework/casework.hpp"
#include "core/text.hpp"

namespace linkway {
namespace {

// The next session in `slots` from `now` (today's afternoon still counts in the morning).
std::string NextIn(const std::vector<cases::Slot>& slots, UnixSeconds now) {
  std::int64_t today = DayOf(now);
  bool morning_over = now - today * 86400 >= 12 * 3600;
  bool afternoon_over = now - today * 86400 >= 17 * 3600;
  for (int ahead = 0; ahead < 14; ++ahead) {
    std::int64_t day = today + ahead;
    int weekday = Weekday(day);
    for (std::string_view session : {"morning", "afternoon"}) {
      if (ahead == 0 && ((session == "morning" && morning_over) || afternoon_over)) continue;
      for (const auto& s : slots) {
        if (s.weekday == weekday && s.session == session) {
          return FormatDate(day) + " " + std::string(session);
        }
      }
    }
  }
  return "";
}

}  // namespace

Result<cases::LinkWorker> Casework::GetLinkWorker(const Principal& who,
                                                  const std::string& username) {
  if (who.role != Role::kLinkWorker && who.role != Role::kAdmin && who.role != Role::kReferrer) {
    return Status::NotFound("no link worker with that username");
  }
  auto worker = db_.Read([&](sql::Connection& c) -> Result<cases::LinkWorker> {
    auto w = cases::FindLinkWorker(c, username, clock_.Now() - UnixSeconds{365} * 86400);
    if (!w) return Status::NotFound("no link worker with that username");
    return *w;
  });
  if (!worker.ok()) return worker;
  // Referrers and link workers see those of their own PCN.
  if (who.role != Role::kAdmin && PcnOf(worker->org_code) != who.pcn_code) {
    return Status::NotFound("no link worker with that username");
  }
  return worker;
}

Status Casework::SetSettings(const Principal& who, const std::string& username, int capacity,
                             std::optional<bool> pcn_lead, const std::string& phone,
                             const std::string& email) {
  auto worker = GetLinkWorker(who, username);
  if (!worker.ok()) return worker.status();
  bool self = who.role == Role::kLinkWorker && who.username == username;
  bool lead = false;
  if (who.role == Role::kLinkWorker && !self) {
    auto me = GetLinkWorker(who, who.username);
    lead = me.ok() && me->pcn_lead;
  }
  if (!self && !lead && who.role != Role::kAdmin) {
    return Status::Forbidden("only the link worker, their PCN's lead or an admin can change this");
  }
  FieldErrors errors;
  if (capacity < 1 || capacity > 1000) errors.Add("capacity", "must be from 1 to 1000 a year");
  if (pcn_lead && who.role != Role::kAdmin) {
    errors.Add("pcn_lead", "only an admin can choose the PCN's lead");
  }
  if (phone.size() > 40) errors.Add("phone", "must be at most 40 characters");
  CheckStorable(errors, "phone", phone);
  if (email.size() > 200) errors.Add("email", "must be at most 200 characters");
  if (!email.empty() && email.find('@') == std::string::npos) {
    errors.Add("email", "must be an email address, like name@nhs.net");
  }
  CheckStorable(errors, "email", email);
  if (!errors.empty()) return errors.ToStatus();
  cases::LinkWorker settings = *worker;
  settings.capacity = capacity;
  if (pcn_lead) settings.pcn_lead = *pcn_lead;
  settings.phone = phone;
  settings.email = email;
  return db_.Write([&](sql::Tx& tx) {
    cases::PutSettings(tx, settings);
    WriteAudit(tx, Audit(who, "link_worker.settings", "user", std::to_string(worker->user_id)));
    return Status::Ok();
  });
}

Result<std::vector<cases::Slot>> Casework::GetPresence(const Principal& who,
                                                       const std::string& username) {
  auto worker = GetLinkWorker(who, username);
  if (!worker.ok()) return worker.status();
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<cases::Slot>> {
    return cases::Presence(c, worker->user_id);
  });
}

Status Casework::SetPresence(const Principal& who, const std::string& username,
                             const std::vector<cases::Slot>& slots) {
  auto worker = GetLinkWorker(who, username);
  if (!worker.ok()) return worker.status();
  if (!(who.role == Role::kLinkWorker && who.username == username) && who.role != Role::kAdmin) {
    return Status::Forbidden("only the link worker or an admin can set their presence");
  }
  std::string pcn = PcnOf(worker->org_code);
  FieldErrors errors;
  if (slots.size() > 10) errors.Add("sessions", "must be at most 10: two a weekday");
  for (std::size_t i = 0; i < slots.size() && i < 10; ++i) {
    const auto& s = slots[i];
    std::string at = "sessions[" + std::to_string(i) + "].";
    if (s.weekday < 1 || s.weekday > 5) errors.Add(at + "weekday", "must be from 1 (Monday) to 5");
    if (!IsChoice(kSessions, s.session)) errors.Add(at + "session", "must be morning or afternoon");
    auto practice = orgs_.Get(s.practice_code);
    if (!practice.ok() || practice->kind != OrgKind::kPractice || practice->parent_code != pcn) {
      errors.Add(at + "practice", "is not a practice in the link worker's PCN");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (slots[j].weekday == s.weekday && slots[j].session == s.session) {
        errors.Add(at + "session", "is given twice for the same day");
      }
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  return db_.Write([&](sql::Tx& tx) {
    cases::PutPresence(tx, worker->user_id, slots);
    WriteAudit(tx, Audit(who, "link_worker.presence", "user", std::to_string(worker->user_id)));
    return Status::Ok();
  });
}

Result<PracticePresence> Casework::PracticeLinkWorkers(const Principal& who,
                                                       const std::string& practice) {
  auto org = orgs_.Get(practice);
  if (!org.ok() || org->kind != OrgKind::kPractice) {
    return Status::NotFound("no practice with that code");
  }
  if (who.role == Role::kVcse) return Status::NotFound("no practice with that code");
  PracticePresence out;
  out.practice = *org;
  UnixSeconds now = clock_.Now();
  Status s = db_.Read([&](sql::Connection& c) -> Status {
    auto workers = cases::LinkWorkers(c, org->parent_code, now - UnixSeconds{365} * 86400);
    auto here = cases::PresenceAt(c, practice);
    for (auto& w : workers) {
      PracticeLinkWorker p{w, {}, ""};
      for (const auto& slot : here) {
        if (slot.user_id == w.user_id) p.here.push_back(slot.slot);
      }
      p.next_in = NextIn(p.here, now);
      out.link_workers.push_back(std::move(p));
    }
    out.face_to_face_90_days = cases::FaceToFaceAt(c, practice, FormatDate(DayOf(now) - 90));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  std::stable_sort(out.link_workers.begin(), out.link_workers.end(),
                   [](const auto& a, const auto& b) { return a.here.size() > b.here.size(); });
  return out;
}

Result<Page<cases::FeedbackRow>> Casework::ListFeedback(const Principal& who, int page) {
  if (who.role != Role::kReferrer) return Status::Forbidden("feedback is for referrers");
  std::string practice = who.org_kind == OrgKind::kPractice ? who.org_code : "";
  auto found = db_.Read([&](sql::Connection& c) -> Result<Page<cases::FeedbackRow>> {
    return cases::ListFeedback(c, practice, who.user_id, page, 50);
  });
  if (!found.ok()) return found;
  std::vector<std::string> ids;
  for (const auto& f : found->items) ids.push_back(std::to_string(f.id));
  if (Status s =
          audit_.RecordList(Audit(who, "feedback.list", "feedback_list", "practice=" + practice),
                            Audit(who, "feedback.list", "feedback", ""), ids);
      !s.ok()) {
    return s;
  }
  return found;
}

int Casework::UnreadFeedback(const Principal& who) {
  if (who.role != Role::kReferrer) return 0;
  std::string practice = who.org_kind == OrgKind::kPractice ? who.org_code : "";
  auto count = db_.Read([&](sql::Connection& c) -> Result<int> {
    return cases::UnreadFeedback(c, practice, who.user_id);
  });
  return count.ok() ? *count : 0;
}

Result<Feedback> Casework::ReadFeedback(const Principal& who, std::int64_t feedback_id) {
  auto found = db_.Read([&](sql::Connection& c) -> Result<Feedback> {
    auto f = cases::GetFeedback(c, feedback_id);
    if (!f) return Status::NotFound("no feedback with that id");
    return *f;
  });
  if (!found.ok()) return found;
  bool mine = who.role == Role::kReferrer &&
              (who.org_kind == OrgKind::kPractice ? found->practice_code == who.org_code
                                                  : found->referrer_id == who.user_id);
  bool link_worker = false;
  if (who.role == Role::kLinkWorker) {
    auto facts = db_.Read([&](sql::Connection& c) -> Result<cases::ReferralFacts> {
      auto f = cases::Facts(c, found->referral_id);
      if (!f) return Status::NotFound("no feedback with that id");
      return *f;
    });
    link_worker = facts.ok() && facts->pcn_code == who.pcn_code;
  }
  if (!mine && !link_worker) return Status::NotFound("no feedback with that id");
  UnixSeconds now = clock_.Now();
  Status s = db_.Write([&](sql::Tx& tx) {
    if (mine) cases::MarkRead(tx, feedback_id, now);
    WriteAudit(tx, Audit(who, "feedback.read", "feedback", std::to_string(feedback_id)));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (mine && !found->read_at) found->read_at = now;
  return found;
}

}  // namespace linkway
