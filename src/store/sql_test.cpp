// The SQL interface and the one atomic write, on the backend under test (SQLite, or PostgreSQL
// under LINKWAY_TEST_PG): what a failed write leaves (nothing), how constraint failures read
// (the same on both), merged writes, notices, shutdown and migrations.
#include "store/sql.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <thread>

#include "store/database.hpp"
#include "store/schema.hpp"
#include "support/scratch_db.hpp"

namespace linkway::sql {
namespace {

const EmbeddedFiles& ProbeMigrations() {
  static const EmbeddedFiles files = {
      {"0001_probe.sql",
       "CREATE TABLE parents (id {{id}}, name TEXT NOT NULL UNIQUE);\n"
       "CREATE TABLE children (id {{id}}, parent_id BIGINT NOT NULL REFERENCES parents(id),\n"
       "  note TEXT NOT NULL CHECK (note <> 'refused'));\n"
       "-- sqlite only\n"
       "CREATE TABLE dialect (name TEXT); INSERT INTO dialect VALUES ('sqlite');\n"
       "-- end\n"
       "-- postgresql only\n"
       "CREATE TABLE dialect (name TEXT); INSERT INTO dialect VALUES ('postgresql');\n"
       "-- end\n"},
      {"0002_more.sql", "ALTER TABLE parents ADD COLUMN born BIGINT;\n"},
  };
  return files;
}

const Schema kProbe{"probe", &ProbeMigrations(), {{"parents", {"id"}}, {"children", {"id"}}}, {}};

struct Fixture {
  testing::ScratchDb scratch;
  std::unique_ptr<Database> db;
  Fixture() {
    auto opened = Open(scratch.url());
    if (!opened.ok()) throw std::runtime_error(opened.status().message());
    db = std::move(opened).value();
    Status migrated = Migrate(*db, std::span(&kProbe, 1));
    if (!migrated.ok()) throw std::runtime_error(migrated.message());
  }
  std::int64_t Count(const std::string& table) {
    auto n = db->Read([&](Connection& c) -> Result<std::int64_t> {
      Query q(c, "SELECT COUNT(*) FROM " + table);
      q.Step();
      return q.Int(0);
    });
    return n.ok() ? *n : -1;
  }
  Result<std::int64_t> AddParent(const std::string& name) {
    return db->Write([&](Tx& tx) -> Result<std::int64_t> {
      return InsertId(tx, "INSERT INTO parents (name) VALUES ($1)", name);
    });
  }
};

TEST(Sql, AWriteThatFailsLeavesNothingBehind) {
  Fixture f;
  // A parent and a child, then a refusal: neither row stays.
  Status refused = f.db->Write([&](Tx& tx) -> Status {
    Query p(tx, "INSERT INTO parents (name) VALUES ($1) RETURNING id", "a");
    p.Step();
    Query(tx, "INSERT INTO children (parent_id, note) VALUES ($1, $2)", p.Int(0), "x").Run();
    return Status::Invalid("changed my mind");
  });
  EXPECT_EQ(refused.code(), Code::kInvalid);
  EXPECT_EQ(refused.message(), "changed my mind");
  // One that throws part-way, and one whose second statement breaks a rule.
  Status threw = f.db->Write([&](Tx& tx) -> Status {
    Query(tx, "INSERT INTO parents (name) VALUES ($1)", "b").Run();
    throw std::runtime_error("a bug");
  });
  EXPECT_EQ(threw.code(), Code::kInternal);
  EXPECT_EQ(threw.detail(), "a bug");
  Status broke = f.db->Write([&](Tx& tx) -> Status {
    Query p(tx, "INSERT INTO parents (name) VALUES ($1) RETURNING id", "c");
    p.Step();
    Query(tx, "INSERT INTO children (parent_id, note) VALUES ($1, $2)", p.Int(0), "refused").Run();
    return Status::Ok();
  });
  EXPECT_EQ(broke.code(), Code::kInvalid);
  EXPECT_EQ(f.Count("parents"), 0);
  EXPECT_EQ(f.Count("children"), 0);
  // The writer carries on.
  EXPECT_TRUE(f.AddParent("d").ok());
  EXPECT_EQ(f.Count("parents"), 1);
}

TEST(Sql, AFailedWriteAmongConcurrentOnesIsUndoneAlone) {
  Fixture f;
  constexpr int kThreads = 16;
  std::vector<std::thread> threads;
  std::vector<Status> results(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      results[t] = f.db->Write([&](Tx& tx) -> Status {
        Query p(tx, "INSERT INTO parents (name) VALUES ($1) RETURNING id", "p" + std::to_string(t));
        p.Step();
        Query(tx, "INSERT INTO children (parent_id, note) VALUES ($1, $2)", p.Int(0),
              t % 4 == 0 ? "refused" : "kept")
            .Run();
        return Status::Ok();
      });
    });
  }
  for (auto& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(results[t].code(), t % 4 == 0 ? Code::kInvalid : Code::kOk) << t;
  }
  EXPECT_EQ(f.Count("parents"), kThreads - kThreads / 4);
  EXPECT_EQ(f.Count("children"), kThreads - kThreads / 4);
}

TEST(Sql, ConstraintFailuresReadTheSameOnEveryBackend) {
  Fixture f;
  ASSERT_TRUE(f.AddParent("one").ok());
  auto taken = f.AddParent("one");
  EXPECT_EQ(taken.status().code(), Code::kConflict);
  EXPECT_EQ(taken.status().message(), "a record with the same key already exists");
  EXPECT_FALSE(taken.status().detail().empty());  // the database's own words, for the log
  Status missing = f.db->Write([&](Tx& tx) {
    return Query(tx, "INSERT INTO children (parent_id, note) VALUES ($1, 'x')", 12345).TryRun();
  });
  EXPECT_EQ(missing.code(), Code::kInvalid);
  EXPECT_EQ(missing.message(), "it refers to a record that does not exist");
  Status rule = f.db->Write([&](Tx& tx) {
    return Query(tx, "INSERT INTO parents (name) VALUES ($1)", std::nullopt).TryRun();
  });
  EXPECT_EQ(rule.code(), Code::kInvalid);
  EXPECT_EQ(rule.message(), "a value breaks a rule of the database");
}

TEST(Sql, ParametersBindByNumberAndTextSurvives) {
  Fixture f;
  std::string text = "\"quoted\", back\\slash, {braces}, NULL, \u00fcnic\u00f8de, 'tick'\n";
  ASSERT_TRUE(f.AddParent(text).ok());
  ASSERT_TRUE(f.AddParent("").ok());
  auto read = f.db->Read([&](Connection& c) -> Result<std::vector<std::string>> {
    // $2 before $1, and $1 twice.
    Query q(c,
            "SELECT name, $2 FROM parents WHERE name = $1 OR ($1 = '' AND name = '') "
            "ORDER BY name COLLATE \"C\"");
    q.Bind(1, text).Bind(2, "second");
    std::vector<std::string> out;
    while (q.Step()) out.push_back(q.Text(0) + "|" + q.Text(1));
    return out;
  });
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, (std::vector<std::string>{text + "|second"}));
  auto dialect = f.db->Read([&](Connection& c) -> Result<std::string> {
    Query q(c, "SELECT name FROM dialect");
    q.Step();
    return q.Text(0);
  });
  EXPECT_EQ(*dialect, f.db->name());
}

TEST(Sql, MergedWritesGoInOneGoOrOneAtATime) {
  Fixture f;
  struct Item {
    std::string name;
    std::int64_t id = 0;
  };
  std::atomic<int> all_calls{0};
  Merge<Item> merge(
      [](Tx& tx, Item& item) {
        Query q(tx, "INSERT INTO parents (name) VALUES ($1) RETURNING id", item.name);
        q.Step();
        item.id = q.Int(0);
        return Status::Ok();
      },
      [&](Tx& tx, std::span<Item* const> items) {
        ++all_calls;
        for (Item* item : items) {
          Query q(tx, "INSERT INTO parents (name) VALUES ($1) RETURNING id", item->name);
          q.Step();
          item->id = q.Int(0);
        }
        return Status::Ok();
      });
  constexpr int kThreads = 12;
  std::vector<std::thread> threads;
  std::vector<Status> results(kThreads);
  std::vector<Item> items(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    // Two share a name: the batch that holds both fails in one go, then one of them alone.
    items[t].name = t == 5 ? "p4" : "p" + std::to_string(t);
    threads.emplace_back([&, t] { results[t] = f.db->WriteMerged(merge, items[t]); });
  }
  for (auto& t : threads) t.join();
  int ok = 0;
  for (int t = 0; t < kThreads; ++t) {
    if (results[t].ok()) {
      ++ok;
      EXPECT_GT(items[t].id, 0);
    } else {
      EXPECT_EQ(results[t].code(), Code::kConflict);
    }
  }
  EXPECT_EQ(ok, kThreads - 1);
  EXPECT_EQ(f.Count("parents"), kThreads - 1);
}

TEST(Sql, AOneStatementMergeThatFailsAloneIsTriedOnceMore) {
  Fixture f;
  ASSERT_TRUE(f.AddParent("taken").ok());
  struct Item {
    std::string name;
  };
  std::atomic<int> one_calls{0};
  auto insert = [](Tx& tx, const std::string& name) {
    Query(tx, "INSERT INTO parents (name) VALUES ($1)", name).Run();
  };
  // Its batched form is one statement on this backend, so a batch of it alone skips the
  // transaction; when that fails, the item goes alone in the ordinary way, once.
  Merge<Item> merge(
      [&](Tx& tx, Item& item) {
        ++one_calls;
        insert(tx, item.name);
        return Status::Ok();
      },
      [&](Tx& tx, std::span<Item* const> items) {
        for (Item* item : items) insert(tx, item->name);
        return Status::Ok();
      },
      f.db->backend());
  Item clash{"taken"};
  EXPECT_EQ(f.db->WriteMerged(merge, clash).code(), Code::kConflict);
  EXPECT_EQ(one_calls, 1);
  Item fresh{"new"};
  EXPECT_TRUE(f.db->WriteMerged(merge, fresh).ok());
  EXPECT_EQ(f.Count("parents"), 2);
}

TEST(Sql, SubscribersHearCommittedChangesOnly) {
  Fixture f;
  std::mutex mutex;
  std::condition_variable heard;
  std::vector<std::string> topics;
  f.db->Subscribe([&](std::string_view topic) {
    std::lock_guard lock(mutex);
    topics.emplace_back(topic);
    heard.notify_all();
  });
  Status undone = f.db->Write([&](Tx& tx) {
    tx.Notify("undone");
    return Status::Invalid("no");
  });
  EXPECT_FALSE(undone.ok());
  ASSERT_TRUE(f.db->Write([&](Tx& tx) {
                    Query(tx, "INSERT INTO parents (name) VALUES ('n')").Run();
                    tx.Notify("parents");
                    return Status::Ok();
                  })
                  .ok());
  std::unique_lock lock(mutex);
  ASSERT_TRUE(heard.wait_for(lock, std::chrono::seconds(5), [&] { return !topics.empty(); }));
  EXPECT_EQ(topics, (std::vector<std::string>{"parents"}));
}

TEST(Sql, ClosingFinishesQueuedWritesThenRefuses) {
  Fixture f;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  std::atomic<int> refused{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto r = f.AddParent("c" + std::to_string(t));
      if (r.ok()) ++ok;
      if (r.status().code() == Code::kUnavailable) ++refused;
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  f.db->Close();
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok + refused, 8);
  EXPECT_EQ(f.AddParent("late").status().code(), Code::kUnavailable);
  EXPECT_EQ(f.Count("parents"), ok.load());  // every acknowledged write is there
}

TEST(Sql, MigrationsApplyOnceAndRefuseANewerDatabase) {
  Fixture f;
  ASSERT_TRUE(Migrate(*f.db, std::span(&kProbe, 1)).ok());  // again: nothing to do
  ASSERT_TRUE(
      f.db->Write([](Tx& tx) {
            Query(tx, "INSERT INTO parents (name, born) VALUES ('b', 1)").Run();  // 0002 applied
            Query(tx, "UPDATE schema_versions SET version = 9 WHERE module = 'probe'").Run();
            return Status::Ok();
          })
          .ok());
  Status newer = Migrate(*f.db, std::span(&kProbe, 1));
  EXPECT_EQ(newer.code(), Code::kInvalid);
  EXPECT_NE(newer.message().find("newer than this Linkway knows"), std::string::npos);
}

}  // namespace
}  // namespace linkway::sql
