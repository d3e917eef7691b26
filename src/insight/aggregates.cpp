#include "insight/aggregates.hpp"

#include <cstdio>
#include <map>
#include <optional>
#include <sstream>
#include <tuple>
#include <vector>

namespace linkway::insight {
namespace {

// One referral as the counts see it.
constexpr std::string_view kReferralFacts =
    "SELECT r.id, r.practice_code, r.pcn_code, r.referrer_id, r.referrer_profession, r.reasons, "
    "r.date_of_birth, r.received_at, "
    "COALESCE(r.contacted_at, r.unable_to_contact_at, r.declined_at, r.withdrawn_at), "
    "r.contacted_at, p.imd_decile, p.ruc11_code, "
    "(SELECT c.user_id FROM contacts c WHERE c.referral_id = r.id ORDER BY c.id LIMIT 1), r.state, "
    "r.sex "
    "FROM referrals r LEFT JOIN postcodes p ON p.postcode = r.postcode ";
constexpr std::string_view kSignpostFacts =
    "SELECT id, practice_code, user_id, profession, reasons, at, pcn_code FROM signposts ";

struct ReferralFacts {
  std::string practice, pcn, referrer, profession, reasons, date_of_birth, imd, rurality;
  UnixSeconds received_at = 0;
  std::optional<UnixSeconds> left_at, contacted_at;
  std::int64_t first_contact_by = 0;
  std::string sex;
};

ReferralFacts ReadReferral(sql::Query& q) {
  ReferralFacts f;
  f.practice = q.Text(1);
  f.pcn = q.Text(2);
  f.referrer = std::to_string(q.Int(3));
  f.profession = q.Text(4);
  f.reasons = q.Text(5);
  f.date_of_birth = q.Text(6);
  f.received_at = q.Int(7);
  if (!q.IsNull(8)) f.left_at = q.Int(8);
  if (!q.IsNull(9)) f.contacted_at = q.Int(9);
  f.imd = q.IsNull(10) ? "unknown" : std::to_string(q.Int(10));
  f.rurality = q.IsNull(11) ? "unknown" : q.Text(11);
  f.first_contact_by = q.IsNull(12) ? 0 : q.Int(12);
  f.sex = q.Text(14);
  return f;
}

bool Waiting(std::string_view state) { return state == "received" || state == "accepted"; }
bool LeavesTheWait(std::string_view state) {
  return state == "declined" || state == "withdrawn" || state == "contacted" ||
         state == "unable_to_contact";
}

// Changes to the counts, applied in key order (so that instances folding at once on
// PostgreSQL take row locks in the same order).
class Delta {
 public:
  // Counted for the practice, and again for its PCN ("*" and the code) and the ICB ("*"), so
  // that a figure for a PCN or the ICB reads a row a value rather than one a practice.
  void Count(const std::string& dimension, const std::string& month, const std::string& practice,
             const std::string& pcn, const char* kind, const std::string& value) {
    ++counts_[{dimension, month, practice, kind, value}];
    if (!pcn.empty()) ++counts_[{dimension, month, "*" + pcn, kind, value}];
    ++counts_[{dimension, month, "*", kind, value}];
  }
  // A referrer's own counts: by practice only.
  void CountOwn(const std::string& dimension, const std::string& month, const std::string& practice,
                const char* kind, const std::string& value) {
    ++counts_[{dimension, month, practice, kind, value}];
  }
  void Wait(const ReferralFacts& f) {
    if (!f.contacted_at) return;
    std::int64_t days = (*f.contacted_at - f.received_at) / 86400;
    ++waits_[{f.pcn, MonthOf(f.received_at), f.first_contact_by, days < 0 ? 0 : days}];
  }
  void Arrive(const ReferralFacts& f) { ++flows_[{f.pcn, WeekOf(f.received_at)}].first; }
  void Depart(const ReferralFacts& f) {
    ++flows_[{f.pcn, WeekOf(f.left_at.value_or(f.received_at))}].second;
  }
  bool empty() const { return counts_.empty() && waits_.empty() && flows_.empty(); }

  void Apply(sql::Tx& tx) {
    for (const auto& [k, n] : counts_) {
      sql::Query(tx,
                 "INSERT INTO activity_counts (dimension, month, practice_code, kind, value, n) "
                 "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dimension, month, practice_code, "
                 "kind, value) DO UPDATE SET n = activity_counts.n + excluded.n",
                 std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), std::get<4>(k), n)
          .Run();
    }
    for (const auto& [k, n] : waits_) {
      sql::Query(tx,
                 "INSERT INTO first_contact_waits (pcn_code, month, link_worker_id, days, n) "
                 "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (pcn_code, month, link_worker_id, days) "
                 "DO UPDATE SET n = first_contact_waits.n + excluded.n",
                 std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), n)
          .Run();
    }
    for (const auto& [k, n] : flows_) {
      sql::Query(tx,
                 "INSERT INTO waiting_flows (pcn_code, week, arrivals, departures) "
                 "VALUES ($1, $2, $3, $4) ON CONFLICT (pcn_code, week) DO UPDATE SET "
                 "arrivals = waiting_flows.arrivals + excluded.arrivals, "
                 "departures = waiting_flows.departures + excluded.departures",
                 k.first, k.second, n.first, n.second)
          .Run();
    }
    counts_.clear();
    waits_.clear();
    flows_.clear();
  }

 private:
  std::map<std::tuple<std::string, std::string, std::string, std::string, std::string>,
           std::int64_t>
      counts_;
  std::map<std::tuple<std::string, std::string, std::int64_t, std::int64_t>, std::int64_t> waits_;
  std::map<std::pair<std::string, std::int64_t>, std::pair<std::int64_t, std::int64_t>> flows_;
};

// A referral stored in `state`: counted along every dimension and as an arrival; if it had
// already left the wait (a copied database), as a departure too.
void AddReferral(const ReferralFacts& f, std::string_view state, Delta& d) {
  std::string month = MonthOf(f.received_at);
  const char* kind = "referral";
  d.Count("all", month, f.practice, f.pcn, kind, "");
  d.CountOwn("user", month, f.practice, kind, f.referrer);
  d.Count("source", month, f.practice, f.pcn, kind, f.profession);
  for (const auto& reason : SplitCodes(f.reasons)) {
    d.Count("reason", month, f.practice, f.pcn, kind, reason);
    d.CountOwn("user_reason", month, f.practice, kind, f.referrer + "/" + reason);
  }
  d.Count("imd", month, f.practice, f.pcn, kind, f.imd);
  d.Count("rurality", month, f.practice, f.pcn, kind, f.rurality);
  d.Count("sex", month, f.practice, f.pcn, kind, f.sex.empty() ? "not_known" : f.sex);
  d.Count("age", month, f.practice, f.pcn, kind,
          AgeBand(f.date_of_birth, FormatDate(DayOf(f.received_at))));
  d.Arrive(f);
  if (!Waiting(state)) {
    d.Depart(f);
    d.Wait(f);
  }
}

// A step to `state`: the referral left the wait, or was first contacted.
void AddStep(const ReferralFacts& f, std::string_view state, Delta& d) {
  if (!LeavesTheWait(state)) return;
  d.Depart(f);
  if (state == "contacted") d.Wait(f);
}

void AddSignpost(sql::Query& q, Delta& d) {
  std::string month = MonthOf(q.Int(5));
  std::string practice = q.Text(1);
  std::string pcn = q.Text(6);
  const char* kind = "signpost";
  d.Count("all", month, practice, pcn, kind, "");
  d.Count("source", month, practice, pcn, kind, q.Text(3));
  std::string user = std::to_string(q.Int(2));
  d.CountOwn("user", month, practice, kind, user);
  for (const auto& reason : SplitCodes(q.Text(4))) {
    d.Count("reason", month, practice, pcn, kind, reason);
    d.CountOwn("user_reason", month, practice, kind, user + "/" + reason);
  }
}

struct Note {
  std::string kind;
  std::int64_t id = 0;
  std::string state;
};

constexpr int kBatch = 2000;

}  // namespace

std::string MonthOf(UnixSeconds t) { return FormatDate(DayOf(t)).substr(0, 7); }

std::string AddMonths(const std::string& month, int n) {
  int index = std::stoi(month.substr(0, 4)) * 12 + std::stoi(month.substr(5, 2)) - 1 + n;
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02d", index / 12, index % 12 + 1);
  return out;
}

std::vector<std::string> SplitCodes(const std::string& codes) {
  std::vector<std::string> out;
  std::stringstream in(codes);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::int64_t WeekOf(UnixSeconds t) {
  std::int64_t days = DayOf(t);
  // 1970-01-01 was a Thursday.
  return days - ((days % 7 + 7 + 3) % 7);
}

std::string AgeBand(const std::string& date_of_birth, const std::string& on) {
  if (!ParseDate(date_of_birth) || date_of_birth > on) return "unknown";
  int age = std::stoi(on.substr(0, 4)) - std::stoi(date_of_birth.substr(0, 4));
  if (on.substr(5) < date_of_birth.substr(5)) --age;
  int band = age / 10 - 1;
  if (band < 0) band = 0;
  if (band > 7) band = 7;
  return kAgeBands[band];
}

Status Aggregates::CatchUp() {
  for (;;) {
    auto any = db_.Read([](sql::Connection& c) -> Result<bool> {
      sql::Query q(c, "SELECT id FROM insight_pending LIMIT 1");
      return q.Step();
    });
    if (!any.ok()) return any.status();
    if (!*any) return Status::Ok();
    auto folded = db_.Write([](sql::Tx& tx) -> Result<int> {
      // Claimed and removed in one statement: another instance skips the rows claimed here.
      std::string claim =
          tx.backend() == sql::Backend::kPostgres
              ? "DELETE FROM insight_pending WHERE id IN (SELECT id FROM insight_pending ORDER BY "
                "id LIMIT " +
                    std::to_string(kBatch) +
                    " FOR UPDATE SKIP LOCKED) RETURNING kind, source_id, state"
              : "DELETE FROM insight_pending WHERE id IN (SELECT id FROM insight_pending ORDER BY "
                "id LIMIT " +
                    std::to_string(kBatch) + ") RETURNING kind, source_id, state";
      std::vector<Note> notes;
      for (sql::Query q(tx, claim); q.Step();) notes.push_back({q.Text(0), q.Int(1), q.Text(2)});
      Delta d;
      std::string referral = std::string(kReferralFacts) + "WHERE r.id = $1";
      std::string signpost = std::string(kSignpostFacts) + "WHERE id = $1";
      for (const auto& note : notes) {
        if (note.kind == "signpost") {
          sql::Query q(tx, signpost, note.id);
          if (q.Step()) AddSignpost(q, d);
          continue;
        }
        sql::Query q(tx, referral, note.id);
        if (!q.Step()) continue;
        ReferralFacts f = ReadReferral(q);
        if (note.kind == "referral") AddReferral(f, note.state, d);
        if (note.kind == "step") AddStep(f, note.state, d);
      }
      d.Apply(tx);
      return static_cast<int>(notes.size());
    });
    if (!folded.ok()) return folded.status();
    if (*folded == 0) return Status::Ok();  // another instance holds what is left
  }
}

Status Aggregates::Recompute() {
  return db_.Write([](sql::Tx& tx) -> Status {
    for (const char* table :
         {"insight_pending", "activity_counts", "first_contact_waits", "waiting_flows"}) {
      sql::Query(tx, std::string("DELETE FROM ") + table).Run();
    }
    Delta d;
    // Flushed every 250,000 rows: rows come in time order, so a month's counts are written
    // about once.
    std::string referrals = std::string(kReferralFacts) + "WHERE r.id > $1 ORDER BY r.id LIMIT " +
                            std::to_string(kBatch * 125);
    for (std::int64_t after = 0;;) {
      std::int64_t last = after;
      for (sql::Query q(tx, referrals, after); q.Step();) {
        last = q.Int(0);
        AddReferral(ReadReferral(q), q.Text(13), d);
      }
      if (last == after) break;
      d.Apply(tx);
      after = last;
    }
    std::string signposts = std::string(kSignpostFacts) + "WHERE id > $1 ORDER BY id LIMIT " +
                            std::to_string(kBatch * 125);
    for (std::int64_t after = 0;;) {
      std::int64_t last = after;
      for (sql::Query q(tx, signposts, after); q.Step();) {
        last = q.Int(0);
        AddSignpost(q, d);
      }
      if (last == after) break;
      d.Apply(tx);
      after = last;
    }
    return Status::Ok();
  });
}

}  // namespace linkway::insight
