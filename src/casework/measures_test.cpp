// Outcome measures: the shipped definitions, scoring, missing items, and a deployer's own file.
#include "casework/measures.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "casework/casework.hpp"

namespace linkway {
namespace {

const Measure& Get(std::string_view id) {
  static const MeasureSet set = BuiltinMeasures();
  const Measure* m = set.Find(id);
  if (!m) throw std::logic_error("no measure");
  return *m;
}

std::string Field(const Status& s, const std::string& field) {
  for (const auto& f : s.fields()) {
    if (f.field == field) return f.message;
  }
  return "";
}

// A definition shaped like SWEMWBS (seven items 1-5 and a conversion table), with made-up texts
// "Item 1".."Item 7" and a made-up table, since Linkway ships no licensed wording.
std::string DeployerDefinition(bool complete_conversion, std::string id = "swemwbs") {
  std::string items, conversion;
  for (int i = 1; i <= 7; ++i) {
    items += std::string(i > 1 ? "," : "") + R"({"id": "item)" + std::to_string(i) +
             R"(", "text": "Item )" + std::to_string(i) + R"(", "min": 1, "max": 5})";
  }
  for (int raw = complete_conversion ? 7 : 8; raw <= 35; ++raw) {
    conversion += std::string(conversion.empty() ? "" : ",") + "\"" + std::to_string(raw) +
                  "\": " + std::to_string(raw) + ".5";
  }
  return R"({"id": ")" + id + R"(", "name": "Deployer wellbeing", "items": [)" + items +
         R"(], "scores": [{"id": "metric", "name": "Metric score", "better": "higher", "items": )"
         R"(["item1","item2","item3","item4","item5","item6","item7"], "conversion": {)" +
         conversion + "}}]}";
}

struct Folder {
  Folder() {
    static int made = 0;
    path = std::filesystem::temp_directory_path() /
           ("linkway-measures-" + std::to_string(::getpid()) + "-" + std::to_string(++made));
    std::filesystem::create_directories(path);
  }
  ~Folder() { std::filesystem::remove_all(path); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(path / name) << text;
  }
  std::filesystem::path path;
};

TEST(Measures, OnsFourItemsAreEachReportedSeparately) {
  auto scores = ScoreAnswers(Get("ons4"),
                             {{"satisfied", 7}, {"worthwhile", 6}, {"happy", 5}, {"anxious", 2}});
  ASSERT_TRUE(scores.ok()) << scores.status().message();
  ASSERT_EQ(scores->size(), 4u);
  EXPECT_EQ((*scores)[0].id, "life_satisfaction");
  EXPECT_EQ((*scores)[0].value, 7);
  EXPECT_EQ((*scores)[3].id, "anxiety");
  EXPECT_EQ((*scores)[3].value, 2);
  EXPECT_EQ((*scores)[3].better, Better::kLower);
  EXPECT_EQ((*scores)[3].max, 10);
}

TEST(Measures, UclaTotalsRunFromThreeToNine) {
  auto low = ScoreAnswers(Get("ucla3"), {{"companionship", 1}, {"left_out", 1}, {"isolated", 1}});
  auto high = ScoreAnswers(Get("ucla3"), {{"companionship", 3}, {"left_out", 3}, {"isolated", 3}});
  ASSERT_TRUE(low.ok() && high.ok());
  EXPECT_EQ((*low)[0].value, 3);
  EXPECT_EQ((*high)[0].value, 9);
  EXPECT_EQ((*low)[0].min, 3);
  EXPECT_EQ((*low)[0].max, 9);
}

TEST(Measures, AMissingItemGivesNoScoreNeverZero) {
  auto ons = ScoreAnswers(Get("ons4"), {{"satisfied", 7}, {"happy", 5}});
  ASSERT_TRUE(ons.ok());
  EXPECT_EQ((*ons)[0].value, 7);
  EXPECT_FALSE((*ons)[1].value);
  EXPECT_EQ((*ons)[2].value, 5);
  EXPECT_FALSE((*ons)[3].value);
  auto ucla = ScoreAnswers(Get("ucla3"), {{"companionship", 3}, {"left_out", 3}});
  ASSERT_TRUE(ucla.ok());
  EXPECT_FALSE((*ucla)[0].value);
}

TEST(Measures, AnAnswerOffTheScaleOrToAnUnknownQuestionIsRefusedByField) {
  auto bad = ScoreAnswers(Get("ons4"), {{"satisfied", 11}, {"mood", 3}, {"happy", -1}});
  ASSERT_EQ(bad.status().code(), Code::kInvalid);
  EXPECT_EQ(Field(bad.status(), "answers.satisfied"), "must be from 0 to 10");
  EXPECT_EQ(Field(bad.status(), "answers.happy"), "must be from 0 to 10");
  EXPECT_EQ(Field(bad.status(), "answers.mood"), "is not a question in ons4");
  EXPECT_EQ(Field(ScoreAnswers(Get("ucla3"), {}).status(), "answers"), "give at least one answer");
}

TEST(Measures, ADeployersDefinitionFileIsLoadedBesideTheShippedOnes) {
  Folder folder;
  folder.Write("swemwbs.json", DeployerDefinition(true));
  auto set = MeasureSet::Load(MeasureFiles(), folder.path.string());
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->all().size(), 3u);
  const Measure* m = set->Find("swemwbs");
  ASSERT_NE(m, nullptr);
  std::map<std::string, std::int64_t> answers;
  for (int i = 1; i <= 7; ++i) answers["item" + std::to_string(i)] = 2;
  auto scores = ScoreAnswers(*m, answers);
  ASSERT_TRUE(scores.ok());
  EXPECT_DOUBLE_EQ(*(*scores)[0].value, 14.5);  // raw 14, converted
  EXPECT_DOUBLE_EQ((*scores)[0].min, 7.5);
}

TEST(Measures, ABadDefinitionIsRefusedNamingTheFileAndTheField) {
  Folder folder;
  folder.Write("short.json", DeployerDefinition(false));
  auto set = MeasureSet::Load(MeasureFiles(), folder.path.string());
  ASSERT_EQ(set.status().code(), Code::kInvalid);
  EXPECT_NE(set.status().message().find("short.json"), std::string::npos);
  EXPECT_EQ(Field(set.status(), "scores[0].conversion"), "gives no value for a raw total of 7");

  Folder twice;
  twice.Write("a.json", DeployerDefinition(true, "ons4"));
  auto repeated = MeasureSet::Load(MeasureFiles(), twice.path.string());
  ASSERT_EQ(repeated.status().code(), Code::kInvalid);
  EXPECT_NE(repeated.status().message().find("ons4.json"), std::string::npos);

  Folder broken;
  broken.Write("broken.json", "{not json");
  auto malformed = MeasureSet::Load(MeasureFiles(), broken.path.string());
  EXPECT_NE(malformed.status().message().find("broken.json"), std::string::npos);
  EXPECT_EQ(MeasureSet::Load(MeasureFiles(), "/no/such/folder").status().code(), Code::kInvalid);

  auto wrong = ParseMeasure(R"({"id": "Bad Id", "name": "x", "items": [{"id": "a", "text": "A",
      "min": 5, "max": 1}], "scores": [{"id": "s", "name": "S", "better": "up", "items": ["b"]}]})",
                            "wrong.json");
  ASSERT_EQ(wrong.status().code(), Code::kInvalid);
  EXPECT_EQ(Field(wrong.status(), "id"), "must be lower-case letters, digits and underscores");
  EXPECT_EQ(Field(wrong.status(), "items[0].max"), "must not be less than min");
  EXPECT_EQ(Field(wrong.status(), "scores[0].better"), "must be higher or lower");
  EXPECT_EQ(Field(wrong.status(), "scores[0].items[0]"), "is not an item of this measure");
}

TEST(Measures, AChangeIsDescribedByTheDirectionOfImprovement) {
  ScoreValue before{"total", "Loneliness total", 8.0, 3, 9, Better::kLower};
  ScoreValue after = before;
  after.value = 4.0;
  EXPECT_EQ(DescribeChange(before, after), "improved from 8 to 4");
  EXPECT_EQ(DescribeChange(after, before), "worsened from 4 to 8");
  EXPECT_EQ(DescribeChange(before, before), "no change (8)");
  after.value.reset();
  EXPECT_EQ(DescribeChange(before, after), "");
  ScoreValue happy{"happiness", "Happiness", 3.0, 0, 10, Better::kHigher};
  ScoreValue happier = happy;
  happier.value = 6.5;
  EXPECT_EQ(DescribeChange(happy, happier), "improved from 3 to 6.50");
}

}  // namespace
}  // namespace linkway
