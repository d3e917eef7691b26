#include "referrals/codes.hpp"

namespace linkway {

CodeBook::CodeBook(sql::Database& db, const CodeTable& from_file)
    : db_(db), state_(std::make_shared<State>()) {
  state_->from_file = std::make_shared<const CodeTable>(from_file);
  state_->current = state_->from_file;
  Load(db_, *state_);
  db_.Subscribe([&db, weak = std::weak_ptr<State>(state_)](std::string_view topic) {
    if (topic != kCodesChanged && topic != sql::kEverythingChanged) return;
    if (auto state = weak.lock()) Load(db, *state);
  });
}

void CodeBook::Load(sql::Database& db, State& state) {
  struct Stored {
    std::string csv;
    Source source;
  };
  auto stored = db.Read([](sql::Connection& c) -> Result<Stored> {
    sql::Query q(c, "SELECT csv, updated_by, updated_at FROM local_codes WHERE id = 1");
    if (!q.Step()) return Status::NotFound("none stored");
    return Stored{q.Text(0), {q.Text(1), q.Int(2)}};
  });
  if (!stored.ok()) return;  // none stored, or unreachable: keep what is in use
  auto table = CodeTable::Parse(stored->csv);
  if (!table.ok()) return;  // checked before it was stored
  std::lock_guard lock(state.mutex);
  state.current = std::make_shared<const CodeTable>(std::move(table).value());
  state.source = stored->source;
}

std::shared_ptr<const CodeTable> CodeBook::Current() const {
  std::lock_guard lock(state_->mutex);
  return state_->current;
}

CodeBook::Source CodeBook::source() const {
  std::lock_guard lock(state_->mutex);
  return state_->source;
}

Status CodeBook::Replace(std::string_view csv, UnixSeconds at, const std::string& by,
                         const std::function<void(sql::Tx&)>& audit) {
  auto table = CodeTable::Parse(csv);
  if (!table.ok()) return table.status();
  Status s = db_.Write([&](sql::Tx& tx) {
    sql::Query(tx,
               "INSERT INTO local_codes (id, csv, updated_at, updated_by) VALUES (1, $1, $2, $3) "
               "ON CONFLICT (id) DO UPDATE SET csv = excluded.csv, updated_at = "
               "excluded.updated_at, updated_by = excluded.updated_by",
               csv, at, by)
        .Run();
    audit(tx);
    tx.Notify(kCodesChanged);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  std::lock_guard lock(state_->mutex);
  state_->current = std::make_shared<const CodeTable>(std::move(table).value());
  state_->source = {by, at};
  return Status::Ok();
}

}  // namespace linkway
