// Feedback messages, and the reads of a referral's own rows that casework needs.
#include "casework/case_store.hpp"

namespace linkway::cases {
namespace {

constexpr std::string_view kFeedbackSelect =
    "SELECT id, referral_id, practice_code, referrer_id, created_at, read_at, body FROM feedback ";

std::optional<Feedback> FeedbackFrom(sql::Query& q) {
  if (!q.Step()) return std::nullopt;
  Feedback f;
  f.id = q.Int(0);
  f.referral_id = q.Int(1);
  f.practice_code = q.Text(2);
  f.referrer_id = q.Int(3);
  f.created_at = q.Int(4);
  if (!q.IsNull(5)) f.read_at = q.Int(5);
  auto message = FeedbackFromJson(q.Text(6));
  if (!message.ok()) throw sql::Error(message.status());
  f.message = std::move(message).value();
  return f;
}

// $1 practice, $2 referrer: the practice's when $1 is given, else the referrer's own.
constexpr std::string_view kFeedbackScope =
    "WHERE (($1 <> '' AND f.practice_code = $1) OR ($1 = '' AND f.referrer_id = $2)) ";

}  // namespace

std::optional<ReferralFacts> Facts(sql::Connection& c, std::int64_t referral_id, bool lock) {
  // Locked until commit on PostgreSQL, where other instances write too.
  bool for_update = lock && c.backend() == sql::Backend::kPostgres;
  sql::Query q(c,
               std::string("SELECT id, pcn_code, practice_code, state, urgency, "
                           "referrer_profession, referrer_id, received_at FROM referrals "
                           "WHERE id = $1") +
                   (for_update ? " FOR UPDATE" : ""),
               referral_id);
  if (!q.Step()) return std::nullopt;
  return ReferralFacts{q.Int(0),  q.Text(1), q.Text(2), q.Text(3),
                       q.Text(4), q.Text(5), q.Int(6),  q.Int(7)};
}

std::vector<FeedbackFacts::CodedEvent> CodedEvents(sql::Connection& c, std::int64_t referral_id) {
  sql::Query q(c,
               "SELECT at, to_state, code, code_display FROM referral_events "
               "WHERE referral_id = $1 AND code <> '' ORDER BY id",
               referral_id);
  std::vector<FeedbackFacts::CodedEvent> out;
  while (q.Step()) out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3)});
  return out;
}

std::int64_t AddFeedback(sql::Tx& tx, const Feedback& f) {
  return sql::InsertId(tx,
                       "INSERT INTO feedback (referral_id, practice_code, referrer_id, "
                       "created_at, read_at, body) VALUES ($1, $2, $3, $4, NULL, $5)",
                       f.referral_id, f.practice_code, f.referrer_id, f.created_at,
                       FeedbackToJson(f.message));
}

std::optional<Feedback> GetFeedback(sql::Connection& c, std::int64_t id) {
  sql::Query q(c, std::string(kFeedbackSelect) + "WHERE id = $1", id);
  return FeedbackFrom(q);
}

std::optional<Feedback> FeedbackFor(sql::Connection& c, std::int64_t referral_id) {
  sql::Query q(c, std::string(kFeedbackSelect) + "WHERE referral_id = $1", referral_id);
  return FeedbackFrom(q);
}

void MarkRead(sql::Tx& tx, std::int64_t id, UnixSeconds at) {
  sql::Query(tx, "UPDATE feedback SET read_at = $2 WHERE id = $1 AND read_at IS NULL", id, at)
      .Run();
}

Page<FeedbackRow> ListFeedback(sql::Connection& c, const std::string& practice_code,
                               std::int64_t referrer_id, int page_number, int page_size) {
  auto page = PageOf<FeedbackRow>(page_number, page_size);
  sql::Query count(c, "SELECT COUNT(*) FROM feedback f " + std::string(kFeedbackScope),
                   practice_code, referrer_id);
  count.Step();
  page.total = count.Int(0);
  sql::Query q(
      c,
      "SELECT f.id, f.referral_id, f.created_at, "
      "CASE WHEN f.read_at IS NULL THEN 0 ELSE 1 END, r.outcome, "
      "r.given_name, r.family_name FROM feedback f JOIN referrals r ON r.id = "
      "f.referral_id " +
          std::string(kFeedbackScope) +
          "ORDER BY CASE WHEN f.read_at IS NULL THEN 0 ELSE 1 END, f.created_at DESC, f.id DESC "
          "LIMIT $3 OFFSET $4",
      practice_code, referrer_id, page.page_size, page.offset());
  while (q.Step()) {
    page.items.push_back(
        {q.Int(0), q.Int(1), q.Int(2), q.Int(3) != 0, q.Text(4), q.Text(5), q.Text(6)});
  }
  return page;
}

int UnreadFeedback(sql::Connection& c, const std::string& practice_code, std::int64_t referrer_id) {
  sql::Query q(
      c, "SELECT COUNT(*) FROM feedback f " + std::string(kFeedbackScope) + "AND f.read_at IS NULL",
      practice_code, referrer_id);
  q.Step();
  return static_cast<int>(q.Int(0));
}

}  // namespace linkway::cases
