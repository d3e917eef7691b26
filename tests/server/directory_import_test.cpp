// linkway directory import as an operator runs it, on each of the three formats: the first
// import takes the services, the same import again changes nothing in the database, an updated
// file updates, and a broken file is refused by record and field with nothing written.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "server/process.hpp"
#include "server/summary.hpp"
#include "store/transfer.hpp"
#include "support/test_world.hpp"

namespace linkway::testing {
namespace {

const std::string kFixtures = LINKWAY_SOURCE_DIR "/tests/fixtures/directory/";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("the fixture has no " + from);
  return text.replace(at, from.size(), to);
}

CommandResult Import(const std::string& db, const std::string& file) {
  return RunLinkway({"directory", "import", "--db", db, file});
}

class DirectoryImport : public ::testing::TestWithParam<std::string> {};

TEST_P(DirectoryImport, TakenThenUnchangedWithNothingWritten) {
  ScratchDb scratch;
  PopulateWorldAt(scratch.url());
  std::string file = kFixtures + GetParam();
  auto first = Import(scratch.url(), file);
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_EQ(first.out.find("refused"), first.out.rfind("refused")) << "only the summary's";
  EXPECT_NE(first.out.find(": taken"), std::string::npos) << first.out;
  auto after_first = SummaryOf(scratch.url());
  EXPECT_GT(Rows(after_first, "services"), 0);
  EXPECT_EQ(Rows(after_first, "service_edits"), Rows(after_first, "services"));

  auto again = Import(scratch.url(), file);
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_NE(again.out.find("0 taken, 0 updated, "), std::string::npos) << again.out;
  EXPECT_EQ(again.out.find(": taken"), std::string::npos) << again.out;
  EXPECT_EQ(again.out.find(": updated"), std::string::npos) << again.out;
  // Not a row or a value anywhere in the database is different.
  EXPECT_EQ(SummaryOf(scratch.url()), after_first);
}

INSTANTIATE_TEST_SUITE_P(Formats, DirectoryImport,
                         ::testing::Values("hsds/service_full.json", "tabular",
                                           "oruk-v1/bristol_services_page1_v1.json"));

TEST(DirectoryImportCommand, AnUpdatedRecordUpdatesAndABrokenOneWritesNothing) {
  ScratchDb scratch;
  PopulateWorldAt(scratch.url());
  TempDir dir;
  std::string original = Slurp(kFixtures + "hsds/service_full.json");
  ASSERT_EQ(Import(scratch.url(), kFixtures + "hsds/service_full.json").exit_code, 0);
  auto imported = SummaryOf(scratch.url());

  // Latitude 100 is not a place on the earth: the record is refused by name and field, and the
  // database is as it was.
  std::string broken = (dir.path() / "broken.json").string();
  std::ofstream(broken) << Replaced(original, "\"latitude\": 52.0565", "\"latitude\": 100");
  auto refused = Import(scratch.url(), broken);
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("broken.json"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("ac148810-d857-441c-9679-408f346de14b"), std::string::npos)
      << refused.out;
  EXPECT_NE(refused.out.find("latitude"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("0 taken, 0 updated, 0 unchanged, 1 refused"), std::string::npos)
      << refused.out;
  EXPECT_EQ(SummaryOf(scratch.url()), imported);

  // Malformed JSON: the file is named and nothing is written.
  std::string truncated = (dir.path() / "truncated.json").string();
  std::ofstream(truncated) << original.substr(0, original.size() / 2);
  auto unreadable = Import(scratch.url(), truncated);
  EXPECT_EQ(unreadable.exit_code, 1) << unreadable.out;
  EXPECT_NE(unreadable.out.find("truncated.json"), std::string::npos) << unreadable.out;
  EXPECT_EQ(SummaryOf(scratch.url()), imported);

  // A changed description updates the service, keeps its capacity, and adds one edit.
  std::string changed = (dir.path() / "changed.json").string();
  std::ofstream(changed) << Replaced(original, "\"name\": \"Community Counselling\"",
                                     "\"name\": \"Community Counselling and Support\"");
  auto updated = Import(scratch.url(), changed);
  ASSERT_EQ(updated.exit_code, 0) << updated.out;
  EXPECT_NE(updated.out.find(": updated"), std::string::npos) << updated.out;
  auto after = SummaryOf(scratch.url());
  EXPECT_EQ(Rows(after, "services"), Rows(imported, "services"));
  EXPECT_EQ(Rows(after, "service_edits"), Rows(imported, "service_edits") + 1);
  EXPECT_EQ(Import(scratch.url(), changed).out.find(": updated"), std::string::npos);
}

TEST(DirectoryImportCommand, ClearErrorsForFilesThatCannotBeRead) {
  ScratchDb scratch;
  PopulateWorldAt(scratch.url());
  auto missing = Import(scratch.url(), kFixtures + "no-such-file.json");
  EXPECT_EQ(missing.exit_code, 2) << missing.out;
  EXPECT_NE(missing.out.find("cannot read"), std::string::npos) << missing.out;
  TempDir empty;
  auto folder = Import(scratch.url(), empty.path().string());
  EXPECT_EQ(folder.exit_code, 2) << folder.out;
  EXPECT_NE(folder.out.find("no *.csv files"), std::string::npos) << folder.out;
}

}  // namespace
}  // namespace linkway::testing
