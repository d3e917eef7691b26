#include "directory/search_index.hpp"

#include <gtest/gtest.h>

namespace linkway {
namespace {

IndexedService Make(std::string id, std::string name, std::string description,
                    std::vector<GeoPoint> places = {}) {
  IndexedService s;
  s.id = std::move(id);
  s.name = std::move(name);
  s.description = std::move(description);
  s.places = std::move(places);
  return s;
}

std::vector<std::string> Ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  return out;
}

constexpr GeoPoint kHereford{52.0567, -2.7150};
constexpr GeoPoint kLeominster{52.2260, -2.7430};  // about 11.7 miles north
constexpr GeoPoint kLedbury{52.0360, -2.4230};     // about 12.4 miles east

TEST(SearchWords, LowerCasesDropsCommonWordsAndEndings) {
  EXPECT_EQ(SearchWords("Walking Groups for the Men's Sheds"),
            (std::vector<std::string>{"walk", "group", "men", "shed"}));
  EXPECT_EQ(SearchWords("gardening, running; bodies"),
            (std::vector<std::string>{"garden", "run", "body"}));
}

TEST(SearchIndex, AWordInTheNameRanksAboveOneInTheDescription) {
  SearchIndex index;
  index.Put(Make("b", "Community lunch club", "Lunch, then a short walk by the river"));
  index.Put(Make("a", "Riverside walking group", "A gentle group walk every week"));
  index.Put(Make("c", "Debt advice", "Help with money"));
  auto r = index.Search({.text = "walking"});
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.total, 2);
  EXPECT_GT(r.hits[0].score, r.hits[1].score);
}

TEST(SearchIndex, EveryWordMustMatch) {
  SearchIndex index;
  index.Put(Make("a", "Walking group", ""));
  index.Put(Make("b", "Walking football", ""));
  EXPECT_EQ(Ids(index.Search({.text = "walking group"})), (std::vector<std::string>{"a"}));
  EXPECT_TRUE(index.Search({.text = "walking choir"}).hits.empty());
}

TEST(SearchIndex, WithinMilesFiltersAndEqualRelevanceOrdersByDistance) {
  SearchIndex index;
  index.Put(Make("far", "Walking group", "", {kLedbury}));
  index.Put(Make("near", "Walking group", "", {kHereford}));
  index.Put(Make("mid", "Walking group", "", {kLeominster}));
  index.Put(Make("nowhere", "Walking group", ""));
  SearchQuery q{.text = "walking", .near = kHereford};
  auto all = index.Search(q);
  EXPECT_EQ(Ids(all), (std::vector<std::string>{"near", "mid", "far", "nowhere"}));
  ASSERT_TRUE(all.hits[1].miles);
  EXPECT_NEAR(*all.hits[1].miles, 11.7, 0.3);
  EXPECT_FALSE(all.hits[3].miles);
  q.within_miles = 12;
  EXPECT_EQ(Ids(index.Search(q)), (std::vector<std::string>{"near", "mid"}));
  q.text.clear();
  q.within_miles = 5;
  EXPECT_EQ(Ids(index.Search(q)), (std::vector<std::string>{"near"}));
}

TEST(SearchIndex, FiltersByCategoryAgeDayCapacityAndStatus) {
  SearchIndex index;
  auto a = Make("a", "Walking group", "");
  a.term_ids = {"green"};
  a.minimum_age = 50;
  a.open.assign(7, {});
  a.open[1] = {{9 * 60, 12 * 60}};  // Tuesday mornings
  auto b = Make("b", "Walking group", "");
  b.term_ids = {"exercise"};
  b.capacity = "not_accepting";
  auto c = Make("c", "Walking group", "");
  c.active = false;
  index.Put(a);
  index.Put(b);
  index.Put(c);
  EXPECT_EQ(Ids(index.Search({.text = "walk", .term_ids = {"green"}})),
            (std::vector<std::string>{"a"}));
  EXPECT_EQ(Ids(index.Search({.text = "walk", .age = 30})), (std::vector<std::string>{"b"}));
  EXPECT_EQ(Ids(index.Search({.text = "walk", .day = 1})), (std::vector<std::string>{"a"}));
  EXPECT_TRUE(index.Search({.text = "walk", .day = 2}).hits.empty());
  EXPECT_EQ(Ids(index.Search({.text = "walk", .start_minute = 600, .end_minute = 660})),
            (std::vector<std::string>{"a"}));
  EXPECT_TRUE(index.Search({.text = "walk", .start_minute = 600, .end_minute = 800}).hits.empty());
  EXPECT_EQ(Ids(index.Search({.text = "walk", .accepting_only = true})),
            (std::vector<std::string>{"a"}));
  EXPECT_EQ(index.Search({.text = "walk", .include_inactive = true}).total, 3);
}

TEST(SearchIndex, PutReplacesAndRemoveForgets) {
  SearchIndex index;
  index.Put(Make("a", "Walking group", ""));
  index.Put(Make("a", "Singing group", ""));
  EXPECT_TRUE(index.Search({.text = "walking"}).hits.empty());
  EXPECT_EQ(Ids(index.Search({.text = "singing"})), (std::vector<std::string>{"a"}));
  index.Remove("a");
  EXPECT_TRUE(index.Search({.text = "singing"}).hits.empty());
  EXPECT_EQ(index.size(), 0U);
}

TEST(SearchIndex, PagesAreCutAfterOrdering) {
  SearchIndex index;
  for (int i = 0; i < 45; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "Group %02d", i);
    index.Put(Make("id" + std::to_string(i), name, ""));
  }
  auto p3 = index.Search({.text = "group", .page = 3, .per_page = 20});
  EXPECT_EQ(p3.total, 45);
  ASSERT_EQ(p3.hits.size(), 5U);
  EXPECT_EQ(p3.hits[0].id, "id40");
  EXPECT_TRUE(index.Search({.text = "group", .page = 4, .per_page = 20}).hits.empty());
}

}  // namespace
}  // namespace linkway
