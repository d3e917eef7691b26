#include "store/pg/intake_batcher.hpp"

#include <stdexcept>

#include "store/rows.hpp"

namespace linkway::pg {
namespace {

// Ids are taken from the referrals sequence in the materialised input, so that each row of the
// batch knows its referral's id; every insert then reads the same input.
constexpr std::string_view kInsertAll =
    "WITH input AS MATERIALIZED (SELECT t.*, nextval(pg_get_serial_sequence('referrals', 'id')) "
    "AS id FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
    "$7::text[], $8::text[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::int[], "
    "$14::int[], $15::text[], $16::text[], $17::bigint[], $18::bigint[], $19::bigint[], "
    "$20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[], $26::text[], "
    "$27::bigint[], $28::bigint[], $29::text[], $30::text[], $31::text[], $32::text[], "
    "$33::text[], $34::text[]) WITH ORDINALITY AS t(nhs_number, given_name, family_name, "
    "date_of_birth, postcode, phone, practice_code, pcn_code, referrer_id, referrer_profession, "
    "reasons, reason_other, consent_referral, consent_share, urgency, note, received_at, e_at, "
    "e_user, e_role, e_from, e_to, e_reason, e_system, e_code, e_display, a_at, a_user, "
    "a_username, a_role, a_action, a_type, key, request_hash, ord)), "
    "r AS (INSERT INTO referrals (id, nhs_number, given_name, family_name, date_of_birth, "
    "postcode, phone, practice_code, pcn_code, referrer_id, referrer_profession, reasons, "
    "reason_other, consent_referral, consent_share, urgency, note, state, received_at) "
    "SELECT id, nhs_number, given_name, family_name, date_of_birth, postcode, phone, "
    "practice_code, pcn_code, referrer_id, referrer_profession, reasons, reason_other, "
    "consent_referral, consent_share, urgency, note, 'received', received_at FROM input), "
    "e AS (INSERT INTO referral_events (referral_id, at, user_id, role, from_state, to_state, "
    "reason, code_system, code, code_display) SELECT id, e_at, e_user, e_role, e_from, e_to, "
    "e_reason, e_system, e_code, e_display FROM input), "
    "a AS (INSERT INTO audit (at, user_id, username, role, action, record_type, record_id) "
    "SELECT a_at, a_user, a_username, a_role, a_action, a_type, id::text FROM input), "
    "k AS (INSERT INTO idempotency_keys (user_id, key, request_hash, referral_id, created_at) "
    "SELECT referrer_id, key, request_hash, id, received_at FROM input WHERE key <> '') "
    "SELECT id FROM input ORDER BY ord";
constexpr int kColumns = 34;

using Column = std::vector<std::optional<std::string>>;

}  // namespace

std::string ArrayLiteral(const std::vector<std::optional<std::string>>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    if (!values[i]) {
      out += "NULL";
      continue;
    }
    out += '"';
    for (char c : *values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

IntakeBatcher::IntakeBatcher(std::string url, bool durable, int writers, Single single,
                             std::size_t max_batch)
    : url_(std::move(url)), durable_(durable), single_(std::move(single)), max_batch_(max_batch) {
  for (int i = 0; i < writers; ++i) threads_.emplace_back([this] { Loop(); });
}

IntakeBatcher::~IntakeBatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

Result<CreatedReferral> IntakeBatcher::Submit(const NewReferral& referral,
                                              const AuditEntry& audit) {
  auto pending = std::make_unique<Pending>(Pending{{&referral, &audit}, {}});
  auto done = pending->done.get_future();
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(pending));
  }
  wake_.notify_one();
  return done.get();
}

std::vector<std::int64_t> InsertReferrals(Conn& conn, const std::vector<Intake>& intakes) {
  std::vector<Column> columns(kColumns);
  for (const auto& intake : intakes) {
    const NewReferral& nr = *intake.referral;
    const ReferralInput& in = nr.input;
    const ReferralEvent& e = nr.first_event;
    const AuditEntry& a = *intake.audit;
    std::optional<std::string> from;
    if (e.from) from = std::string(ToString(*e.from));
    std::optional<std::string> row[kColumns] = {in.patient.nhs_number,
                                                in.patient.given_name,
                                                in.patient.family_name,
                                                in.patient.date_of_birth,
                                                in.patient.postcode,
                                                in.patient.phone,
                                                in.practice,
                                                nr.pcn_code,
                                                std::to_string(nr.referrer_id),
                                                nr.referrer_profession,
                                                rows::JoinCodes(in.reasons),
                                                in.reason_other,
                                                in.consent_referral ? "1" : "0",
                                                in.consent_share ? "1" : "0",
                                                in.urgency,
                                                in.note,
                                                std::to_string(nr.at),
                                                std::to_string(e.at),
                                                std::to_string(e.user_id),
                                                e.role,
                                                from,
                                                std::string(ToString(e.to)),
                                                e.reason,
                                                e.code_system,
                                                e.code,
                                                e.code_display,
                                                std::to_string(a.at),
                                                std::to_string(a.user_id),
                                                a.username,
                                                a.role,
                                                a.action,
                                                a.record_type,
                                                nr.idempotency_key,
                                                nr.request_hash};
    for (int c = 0; c < kColumns; ++c) columns[c].push_back(std::move(row[c]));
  }
  Params params;
  for (const auto& column : columns) params.Add(ArrayLiteral(column));
  auto r = conn.Query(kInsertAll, params);
  std::vector<std::int64_t> ids;
  ids.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) ids.push_back(r.Int(i, 0));
  return ids;
}

void IntakeBatcher::Loop() {
  std::unique_ptr<Conn> conn;
  for (;;) {
    Batch batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    bool fall_back = false;
    try {
      if (!conn || !conn->StillOpen()) {
        conn.reset();
        conn = std::make_unique<Conn>(url_);
        conn->SetDurable(durable_);
      }
      std::vector<Intake> intakes;
      intakes.reserve(batch.size());
      for (const auto& p : batch) intakes.push_back(p->intake);
      auto ids = InsertReferrals(*conn, intakes);  // one statement: it commits on its own
      if (ids.size() != batch.size()) throw std::logic_error("the batch returned too few ids");
      for (std::size_t i = 0; i < batch.size(); ++i) {
        batch[i]->done.set_value(
            CreatedReferral{StoredReferral(ids[i], *batch[i]->intake.referral), false});
      }
    } catch (const std::logic_error&) {  // a bug; the batch's outcome is not known
      for (auto& p : batch) p->done.set_value(Status::Internal("saving the referral failed"));
    } catch (const PgError& e) {
      if (e.connection_lost()) {
        conn.reset();
        for (auto& p : batch) p->done.set_value(StatusFor(e, "saving the referral"));
      } else {
        fall_back = true;
      }
    }
    if (fall_back) {
      for (auto& p : batch) {
        try {
          p->done.set_value(single_(*p->intake.referral, *p->intake.audit));
        } catch (const std::exception&) {  // a bug: fail this referral, keep the writer
          p->done.set_value(Status::Internal("saving the referral failed"));
        }
      }
    }
  }
}

}  // namespace linkway::pg
