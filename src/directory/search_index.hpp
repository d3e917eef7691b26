// The directory's search index, in memory: every service's words (name, organisation, category
// names, description), categories, places, ages, opening days and times, capacity and status,
// so that a search near a person is answered without touching the database. Ranking is BM25
// over the words (a word in the name counts three times, in a category twice), then distance,
// then name. Every instance builds the same index from the same rows, so results are the same
// on every backend. Pure: no I/O.
// Thread safety: Search may run on any number of threads while Put and Remove run on others.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/geo.hpp"

namespace linkway {

// What the index keeps of a service.
struct IndexedService {
  std::string id;
  std::string name;
  std::string organization_id;
  std::string organization_name;
  std::string description;
  std::vector<std::string> term_ids;
  std::string term_words;  // the names of its categories
  std::vector<GeoPoint> places;
  std::optional<int> minimum_age;
  std::optional<int> maximum_age;
  // For each day (0 Monday .. 6 Sunday) the minutes it is open, [opens, closes); a day with no
  // times given is open all day. Empty: no schedule given.
  std::vector<std::vector<std::pair<int, int>>> open;
  std::string capacity = "accepting";
  bool accepts_referrals = true;
  bool active = true;
  UnixSeconds last_modified = 0;
};

struct SearchQuery {
  std::string text;
  std::vector<std::string> term_ids;  // any of these categories
  std::optional<GeoPoint> near;
  double within_miles = 0;              // with `near`: 0 means no limit, only ordering by distance
  std::optional<int> age;               // a person's age: services whose range holds it
  std::optional<int> min_age, max_age;  // ORUK: the service's range overlaps [min, max]
  int day = -1;                         // 0 Monday .. 6 Sunday: open that day
  std::optional<int> start_minute, end_minute;  // open across this time (on `day`, or any)
  bool accepting_only = false;  // accepting referrals (not full, not a waiting list)
  std::string organization_id;
  std::optional<UnixSeconds> modified_after;
  bool include_inactive = false;
  int page = 1;
  int per_page = 20;
};

struct SearchHit {
  std::string id;
  double score = 0;
  std::optional<double> miles;  // to the nearest of its places, with `near`
};

struct SearchResult {
  std::vector<SearchHit> hits;
  std::int64_t total = 0;
};

// The words of `text` as the index keeps them: lower case letters and digits, common words
// dropped, plurals and -ing endings taken off ("Walking groups" -> walk, group).
std::vector<std::string> SearchWords(std::string_view text);

class SearchIndex {
 public:
  // Adds the service, replacing one with the same id.
  void Put(IndexedService service);
  void Remove(const std::string& id);
  // Drops everything.
  void Clear();
  // Takes everything `fresh` holds, at once: searches see the old index or the new, never half.
  void Replace(SearchIndex&& fresh);
  SearchResult Search(const SearchQuery& query) const;
  std::size_t size() const;

 private:
  struct Posting {
    std::uint32_t doc;
    float weight;  // BM25's term-frequency part for this word in this document
  };
  struct Doc {
    IndexedService service;
    std::uint32_t length = 0;
    bool alive = true;
    // For fast ordering and filtering: the name's first 8 bytes (lower case) and a hash of
    // the id as whole numbers, and the categories as small numbers.
    std::uint64_t name_key = 0;
    std::uint64_t id_key = 0;
    std::vector<std::uint16_t> terms;
  };
  std::uint16_t TermNumber(const std::string& term_id);  // with the lock held
  // What every posting's check reads, packed together apart from the rest of the document.
  struct Hot {
    std::uint64_t name_key = 0;
    std::uint64_t id_key = 0;
    std::uint32_t length = 0;
    bool alive = true;
    bool active = true;
    bool full = false;            // not taking referrals
    bool many = false;            // more than one place, or a category numbered 64 or more
    std::uint64_t term_mask = 0;  // categories numbered below 64, one bit each
    GeoPoint place{1000, 1000};   // its one place; 1000: none
  };
  static Hot MakeHot(const Doc& d);
  std::vector<Hot> hot_;  // by document, beside docs_
  void Compact();         // with the lock held
  bool Passes(const Doc& doc, const SearchQuery& q, const std::vector<std::uint16_t>& terms) const;
  std::optional<double> Miles(const Doc& doc, const SearchQuery& q, double cos_lat) const;

  mutable std::shared_mutex mutex_;
  std::vector<Doc> docs_;
  std::unordered_map<std::string, std::uint32_t> by_id_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;
  std::unordered_map<std::string, std::uint16_t> term_numbers_;
  std::size_t dead_ = 0;
  double total_length_ = 0;
};

}  // namespace linkway
