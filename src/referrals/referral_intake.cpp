// Referral intake: a referral, its first event, its audit row and its idempotency key, written
// once for both backends, plus PostgreSQL's batched form of the same insert, side by side.
#include "referrals/referral_rows.hpp"
#include "referrals/referral_store.hpp"

namespace linkway {
namespace {

constexpr std::string_view kFindKey =
    "SELECT request_hash, referral_id FROM idempotency_keys WHERE user_id = $1 AND key = $2";
constexpr std::string_view kInsertKey =
    "INSERT INTO idempotency_keys (user_id, key, request_hash, referral_id, created_at) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kInsertReferral =
    "INSERT INTO referrals (nhs_number, given_name, family_name, date_of_birth, postcode, phone, "
    "practice_code, pcn_code, referrer_id, referrer_profession, reasons, reason_other, "
    "consent_referral, consent_share, urgency, note, state, received_at, sex) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'received', "
    "$17, $18)";

// PostgreSQL only: many referrals in one statement, their 35 columns as arrays unnested
// server-side. Ids are taken from the referrals sequence in the materialised input, so that
// each row of the batch knows its referral's id; every insert then reads the same input.
constexpr std::string_view kPgInsertAll =
    "WITH input AS MATERIALIZED (SELECT t.*, nextval(pg_get_serial_sequence('referrals', 'id')) "
    "AS id FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
    "$7::text[], $8::text[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::int[], "
    "$14::int[], $15::text[], $16::text[], $17::bigint[], $18::bigint[], $19::bigint[], "
    "$20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[], $26::text[], "
    "$27::bigint[], $28::bigint[], $29::text[], $30::text[], $31::text[], $32::text[], "
    "$33::text[], $34::text[], $35::text[]) WITH ORDINALITY AS t(nhs_number, given_name, "
    "family_name, "
    "date_of_birth, postcode, phone, practice_code, pcn_code, referrer_id, referrer_profession, "
    "reasons, reason_other, consent_referral, consent_share, urgency, note, received_at, e_at, "
    "e_user, e_role, e_from, e_to, e_reason, e_system, e_code, e_display, a_at, a_user, "
    "a_username, a_role, a_action, a_type, key, request_hash, sex, ord)), "
    "r AS (INSERT INTO referrals (id, nhs_number, given_name, family_name, date_of_birth, "
    "postcode, phone, practice_code, pcn_code, referrer_id, referrer_profession, reasons, "
    "reason_other, consent_referral, consent_share, urgency, note, state, received_at, sex) "
    "SELECT id, nhs_number, given_name, family_name, date_of_birth, postcode, phone, "
    "practice_code, pcn_code, referrer_id, referrer_profession, reasons, reason_other, "
    "consent_referral, consent_share, urgency, note, 'received', received_at, sex FROM input), "
    "e AS (INSERT INTO referral_events (referral_id, at, user_id, role, from_state, to_state, "
    "reason, code_system, code, code_display) SELECT id, e_at, e_user, e_role, e_from, e_to, "
    "e_reason, e_system, e_code, e_display FROM input), "
    "a AS (INSERT INTO audit (at, user_id, username, role, action, record_type, record_id) "
    "SELECT a_at, a_user, a_username, a_role, a_action, a_type, id::text FROM input), "
    "k AS (INSERT INTO idempotency_keys (user_id, key, request_hash, referral_id, created_at) "
    "SELECT referrer_id, key, request_hash, id, received_at FROM input WHERE key <> '') "
    "SELECT id FROM input ORDER BY ord";
constexpr int kColumns = 35;
// Another request with the same new key committed first (PostgreSQL, where writers run side by
// side): this one is undone and tried again, and then replays that one.
constexpr std::string_view kKeyRace = "the Idempotency-Key was taken at the same moment";

// "{"a","b\"c",NULL}": a PostgreSQL array literal of the values, for one text[] parameter.
std::string ArrayLiteral(const std::vector<std::optional<std::string>>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ',';
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

}  // namespace

// One referral being written: its input, and what the write made of it.
struct ReferralStore::Intake {
  const NewReferral* referral = nullptr;
  const AuditEntry* audit = nullptr;
  CreatedReferral created;
};

namespace {

// The earlier referral for a reused idempotency key, with a fresh audit row: true when the key
// was seen, kConflict when it came with a different body.
Result<bool> Replay(sql::Tx& tx, const NewReferral& nr, const AuditEntry& audit,
                    CreatedReferral& out) {
  sql::Query key(tx, kFindKey, nr.referrer_id, nr.idempotency_key);
  if (!key.Step()) return false;
  if (key.Text(0) != nr.request_hash) {
    return Status::Conflict("this Idempotency-Key was already used with a different request body");
  }
  std::int64_t id = key.Int(1);
  AuditEntry entry = audit;
  entry.record_id = std::to_string(id);
  WriteAudit(tx, entry);
  auto loaded = rows::LoadReferral(tx, id);
  if (!loaded.ok()) return loaded.status();
  out = {std::move(loaded).value(), true};
  return true;
}

Status InsertOne(sql::Tx& tx, const NewReferral& nr, const AuditEntry& audit,
                 CreatedReferral& out) {
  if (!nr.idempotency_key.empty()) {
    auto replayed = Replay(tx, nr, audit, out);
    if (!replayed.ok() || *replayed) return replayed.status();
  }
  const ReferralInput& in = nr.input;
  std::int64_t id = 0;
  try {
    id = sql::InsertId(tx, kInsertReferral, in.patient.nhs_number, in.patient.given_name,
                       in.patient.family_name, in.patient.date_of_birth, in.patient.postcode,
                       in.patient.phone, in.practice, nr.pcn_code, nr.referrer_id,
                       nr.referrer_profession, rows::JoinCodes(in.reasons), in.reason_other,
                       in.consent_referral, in.consent_share, in.urgency, in.note, nr.at,
                       in.patient.sex.empty() ? std::string("not_known") : in.patient.sex);
  } catch (const sql::Error& e) {
    if (e.status().code() != Code::kInvalid) throw;
    return Status::Invalid("unknown practice or referrer").WithDetail(e.status().detail());
  }
  rows::InsertEvent(tx, id, nr.first_event);
  if (!nr.idempotency_key.empty()) {
    Status key =
        sql::Query(tx, kInsertKey, nr.referrer_id, nr.idempotency_key, nr.request_hash, id, nr.at)
            .TryRun();
    if (key.code() == Code::kConflict) return Status::Conflict(std::string(kKeyRace));
    if (!key.ok()) return key;
  }
  AuditEntry entry = audit;
  entry.record_id = std::to_string(id);
  WriteAudit(tx, entry);
  // The writer is the bottleneck under load: build the record from what was written instead of
  // reading it back.
  out = {StoredReferral(id, nr), false};
  return Status::Ok();
}

// PostgreSQL: the batch in one statement. Fails as a whole (then each goes alone).
void PgInsertAll(sql::Tx& tx, std::span<ReferralStore::Intake* const> items) {
  std::vector<std::vector<std::optional<std::string>>> columns(kColumns);
  for (const auto* item : items) {
    const NewReferral& nr = *item->referral;
    const ReferralInput& in = nr.input;
    const ReferralEvent& e = nr.first_event;
    const AuditEntry& a = *item->audit;
    std::optional<std::string> from;
    if (e.from) from = std::string(ToString(*e.from));
    std::optional<std::string> row[kColumns] = {
        in.patient.nhs_number,
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
        nr.request_hash,
        in.patient.sex.empty() ? "not_known" : in.patient.sex};
    for (int c = 0; c < kColumns; ++c) columns[c].push_back(std::move(row[c]));
  }
  sql::Query q(tx, kPgInsertAll);
  for (int c = 0; c < kColumns; ++c) q.Bind(c + 1, ArrayLiteral(columns[c]));
  for (auto* item : items) {
    if (!q.Step()) throw sql::Error(sql::Failed("the batch returned too few ids"));
    item->created = {StoredReferral(q.Int(0), *item->referral), false};
  }
}

}  // namespace

ReferralStore::ReferralStore(sql::Database& db)
    : db_(db),
      intake_(std::make_unique<sql::Merge<Intake>>(
          [](sql::Tx& tx, Intake& item) {
            return InsertOne(tx, *item.referral, *item.audit, item.created);
          },
          [](sql::Tx& tx, std::span<Intake* const> items) {
            if (tx.backend() == sql::Backend::kPostgres) {
              PgInsertAll(tx, items);
              return Status::Ok();
            }
            for (Intake* item : items) {
              if (Status s = InsertOne(tx, *item->referral, *item->audit, item->created); !s.ok()) {
                return s;
              }
            }
            return Status::Ok();
          },
          sql::Backend::kPostgres)) {}

ReferralStore::~ReferralStore() = default;

Result<CreatedReferral> ReferralStore::Create(const NewReferral& nr, const AuditEntry& audit) {
  Intake item{&nr, &audit, {}};
  if (!nr.idempotency_key.empty()) {
    // A reused key is answered on its own; a new one joins the batch (two requests racing with
    // one key fail the batch, and the one-at-a-time pass then replays the second).
    auto seen = db_.Read([&](sql::Connection& c) -> Result<bool> {
      return sql::Query(c, kFindKey, nr.referrer_id, nr.idempotency_key).Step();
    });
    if (!seen.ok()) return seen.status();
    if (*seen) {
      Status s = db_.Write(
          [&](sql::Tx& tx) { return InsertOne(tx, *item.referral, *item.audit, item.created); });
      if (!s.ok()) return s;
      return item.created;
    }
  }
  Status s = db_.WriteMerged(*intake_, item);
  if (s.code() == Code::kConflict && s.message() == kKeyRace) {
    s = db_.Write(
        [&](sql::Tx& tx) { return InsertOne(tx, *item.referral, *item.audit, item.created); });
  }
  if (!s.ok()) return s;
  return item.created;
}

Referral StoredReferral(std::int64_t id, const NewReferral& nr) {
  Referral r;
  r.id = id;
  r.patient = nr.input.patient;
  r.practice_code = nr.input.practice;
  r.practice_name = nr.practice_name;
  r.pcn_code = nr.pcn_code;
  r.referrer_id = nr.referrer_id;
  r.referrer_name = nr.referrer_name;
  r.referrer_profession = nr.referrer_profession;
  r.reasons = nr.input.reasons;
  r.reason_other = nr.input.reason_other;
  r.consent_referral = nr.input.consent_referral;
  r.consent_share = nr.input.consent_share;
  r.urgency = nr.input.urgency;
  r.note = nr.input.note;
  r.state = ReferralState::kReceived;
  r.stamps[ReferralState::kReceived] = nr.at;
  return r;
}

}  // namespace linkway
