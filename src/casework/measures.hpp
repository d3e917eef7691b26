// Outcome measures as data: questionnaire definitions (items, answer scales, scores, the
// direction of improvement) loaded from JSON files, and the scoring of a person's answers.
// ONS4 and the 3-item UCLA loneliness scale ship in data/measures; a deployer adds a licensed
// measure such as SWEMWBS by putting its definition file in the measures folder, with no code
// change. A score with an unanswered item has no value, never zero.
// Thread safety: a loaded MeasureSet is read-only; the functions are pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded.hpp"
#include "core/status.hpp"

namespace linkway {

enum class Better { kHigher, kLower };

struct AnswerLabel {
  std::int64_t value = 0;
  std::string text;
};

struct MeasureItem {
  std::string id;
  std::string text;
  std::int64_t min = 0;
  std::int64_t max = 0;
  std::vector<AnswerLabel> labels;
};

struct MeasureScore {
  std::string id;
  std::string name;
  std::vector<std::string> items;
  Better better = Better::kHigher;
  std::int64_t min = 0;  // the raw range: the sum of its items' ranges
  std::int64_t max = 0;
  std::map<std::int64_t, double> conversion;  // raw total -> reported; empty: the raw total
  // The smallest change in the reported score that counts as an improvement for a person
  // ("minimal_change" in the definition; outcome figures give the share who improved by it).
  double minimal_change = 1;
};

struct Measure {
  std::string id;
  std::string name;
  std::string source;
  std::vector<MeasureItem> items;
  std::vector<MeasureScore> scores;
  const MeasureItem* Item(std::string_view id) const;
};

struct ScoreValue {
  std::string id;
  std::string name;
  std::optional<double> value;  // none when any of its items is unanswered
  double min = 0;               // the reported range
  double max = 0;
  Better better = Better::kHigher;
};

// One definition; kInvalid naming `source_name`, with field errors by JSON path.
Result<Measure> ParseMeasure(std::string_view json_text, std::string_view source_name);

class MeasureSet {
 public:
  // The built-in definitions, then every *.json file in `dir` (empty: none) in name order. Two
  // definitions with one id, a bad file or a missing folder: kInvalid naming the file.
  static Result<MeasureSet> Load(const EmbeddedFiles& builtin, const std::string& dir);
  const Measure* Find(std::string_view id) const;
  const std::vector<Measure>& all() const { return measures_; }

 private:
  std::vector<Measure> measures_;
};

// Checks and scores `answers` (item id -> answer): kInvalid with a field error per bad answer
// ("answers.ITEM"), or when there is none.
Result<std::vector<ScoreValue>> ScoreAnswers(const Measure& measure,
                                             const std::map<std::string, std::int64_t>& answers);

// A score as pages and letters show it: "7", or "14.50" for a converted one.
std::string FormatScore(double value);

// "improved from 4 to 7", "worsened from 6 to 8", "no change (5)"; "" when either is missing.
std::string DescribeChange(const ScoreValue& before, const ScoreValue& after);

}  // namespace linkway
