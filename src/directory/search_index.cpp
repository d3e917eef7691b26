#include "directory/search_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>

namespace linkway {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr int kNameWeight = 3;
constexpr int kTermWeight = 2;

bool IsStopWord(std::string_view w) {
  static constexpr std::string_view kStop[] = {
      "a",    "an", "and", "are", "as",   "at",   "be",  "by",   "for",  "from", "in",
      "into", "is", "it",  "its", "of",   "on",   "or",  "our",  "that", "the",  "their",
      "this", "to", "we",  "who", "with", "your", "you", "near", "all",  "can",  "who"};
  for (auto s : kStop) {
    if (s == w) return true;
  }
  return false;
}

std::string Stem(std::string w) {
  if (w.size() > 5 && w.ends_with("ing")) {
    w.resize(w.size() - 3);
    if (w.size() > 3 && w[w.size() - 1] == w[w.size() - 2] && w.back() != 'l' && w.back() != 's') {
      w.pop_back();  // "running" -> "run"
    }
    return w;
  }
  if (w.size() > 4 && w.ends_with("ies")) return w.substr(0, w.size() - 3) + "y";
  if (w.size() > 3 && w.ends_with("s") && !w.ends_with("ss") && !w.ends_with("us")) {
    w.pop_back();
  }
  return w;
}

// Words with their counts, weighted by field.
void AddWords(std::unordered_map<std::string, int>& counts, std::string_view text, int weight,
              std::uint32_t& length) {
  for (auto& w : SearchWords(text)) {
    counts[w] += weight;
    length += static_cast<std::uint32_t>(weight);
  }
}

std::unordered_map<std::string, int> DocWords(const IndexedService& s, std::uint32_t& length) {
  std::unordered_map<std::string, int> counts;
  length = 0;
  AddWords(counts, s.name, kNameWeight, length);
  AddWords(counts, s.term_words, kTermWeight, length);
  AddWords(counts, s.organization_name, 1, length);
  AddWords(counts, s.description, 1, length);
  return counts;
}

struct Candidate {
  double band;   // the score rounded to a tenth: equally relevant within a band
  double miles;  // infinity without a place
  std::uint64_t name_key;
  std::uint64_t id_key;
  double score;
  std::uint32_t doc;
};

// The order of results: relevance band, then distance, then name (by its first 8 bytes), then
// a hash of the id. Whole-number keys keep the comparison cheap, and the order is the same on
// every machine.
bool Before(const Candidate& a, const Candidate& b) {
  if (a.band != b.band) return a.band > b.band;
  if (a.miles != b.miles) return a.miles < b.miles;
  if (a.name_key != b.name_key) return a.name_key < b.name_key;
  return a.id_key < b.id_key;
}

std::uint64_t NameKey(const std::string& name) {
  std::uint64_t k = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    auto c = static_cast<unsigned char>(i < name.size() ? name[i] : 0);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    k = (k << 8) | c;
  }
  return k;
}

std::uint64_t IdKey(const std::string& id) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a: the same on every machine
  for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

// Miles between points a few tens of miles apart, without trigonometry per point: the
// equirectangular approximation, with the cosine of the query's latitude worked out once.
double NearMiles(GeoPoint a, GeoPoint b, double cos_lat) {
  constexpr double kMilesPerDegree = 3958.7613 * 3.14159265358979323846 / 180.0;
  double dx = (b.lon - a.lon) * cos_lat;
  double dy = b.lat - a.lat;
  return kMilesPerDegree * std::sqrt(dx * dx + dy * dy);
}

}  // namespace

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  auto flush = [&] {
    if (!w.empty() && !IsStopWord(w)) out.push_back(Stem(std::move(w)));
    w.clear();
  };
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')) {
      w.push_back(c);
    } else if (u >= 'A' && u <= 'Z') {
      w.push_back(static_cast<char>(u - 'A' + 'a'));
    } else if (u == '\'') {
      continue;  // "men's" -> mens
    } else if (u >= 0x80) {
      w.push_back(c);  // other scripts: kept as bytes, matched exactly
    } else {
      flush();
    }
  }
  flush();
  return out;
}

void SearchIndex::Put(IndexedService service) {
  std::uint32_t length = 0;
  auto counts = DocWords(service, length);
  std::unique_lock lock(mutex_);
  if (auto it = by_id_.find(service.id); it != by_id_.end()) {
    Doc& old = docs_[it->second];
    old.alive = false;
    hot_[it->second].alive = false;
    total_length_ -= old.length;
    ++dead_;
  }
  auto doc = static_cast<std::uint32_t>(docs_.size());
  for (const auto& [word, count] : counts) {
    postings_[word].push_back({doc, static_cast<float>(count)});
  }
  by_id_[service.id] = doc;
  total_length_ += length;
  Doc d{std::move(service), length, true};
  d.name_key = NameKey(d.service.name);
  d.id_key = IdKey(d.service.id);
  for (const auto& t : d.service.term_ids) d.terms.push_back(TermNumber(t));
  hot_.push_back(MakeHot(d));
  docs_.push_back(std::move(d));
  if (dead_ > 1000 && dead_ * 5 > docs_.size()) Compact();
}

SearchIndex::Hot SearchIndex::MakeHot(const Doc& d) {
  Hot h;
  h.name_key = d.name_key;
  h.id_key = d.id_key;
  h.length = d.length;
  h.alive = d.alive;
  h.active = d.service.active;
  h.full = !d.service.accepts_referrals || d.service.capacity == "not_accepting";
  h.many = d.service.places.size() > 1;
  if (d.service.places.size() == 1) h.place = d.service.places[0];
  for (auto t : d.terms) {
    if (t < 64) {
      h.term_mask |= std::uint64_t{1} << t;
    } else {
      h.many = true;
    }
  }
  return h;
}

std::uint16_t SearchIndex::TermNumber(const std::string& term_id) {
  auto [it, added] =
      term_numbers_.try_emplace(term_id, static_cast<std::uint16_t>(term_numbers_.size() + 1));
  return it->second;
}

void SearchIndex::Remove(const std::string& id) {
  std::unique_lock lock(mutex_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  Doc& old = docs_[it->second];
  old.alive = false;
  hot_[it->second].alive = false;
  total_length_ -= old.length;
  ++dead_;
  by_id_.erase(it);
}

void SearchIndex::Clear() {
  std::unique_lock lock(mutex_);
  docs_.clear();
  hot_.clear();
  by_id_.clear();
  postings_.clear();
  term_numbers_.clear();
  dead_ = 0;
  total_length_ = 0;
}

void SearchIndex::Replace(SearchIndex&& fresh) {
  std::scoped_lock lock(mutex_, fresh.mutex_);
  docs_ = std::move(fresh.docs_);
  hot_ = std::move(fresh.hot_);
  by_id_ = std::move(fresh.by_id_);
  postings_ = std::move(fresh.postings_);
  term_numbers_ = std::move(fresh.term_numbers_);
  dead_ = fresh.dead_;
  total_length_ = fresh.total_length_;
}

std::size_t SearchIndex::size() const {
  std::shared_lock lock(mutex_);
  return by_id_.size();
}

void SearchIndex::Compact() {
  std::vector<std::uint32_t> renumber(docs_.size(), 0);
  std::vector<Doc> kept;
  kept.reserve(docs_.size() - dead_);
  for (std::uint32_t i = 0; i < docs_.size(); ++i) {
    if (!docs_[i].alive) continue;
    renumber[i] = static_cast<std::uint32_t>(kept.size());
    kept.push_back(std::move(docs_[i]));
  }
  for (auto it = postings_.begin(); it != postings_.end();) {
    auto& list = it->second;
    std::size_t out = 0;
    for (const auto& p : list) {
      if (docs_[p.doc].alive) list[out++] = {renumber[p.doc], p.weight};
    }
    list.resize(out);
    if (list.empty()) {
      it = postings_.erase(it);
    } else {
      ++it;
    }
  }
  docs_ = std::move(kept);
  hot_.clear();
  for (const auto& d : docs_) hot_.push_back(MakeHot(d));
  by_id_.clear();
  for (std::uint32_t i = 0; i < docs_.size(); ++i) by_id_[docs_[i].service.id] = i;
  dead_ = 0;
}

bool SearchIndex::Passes(const Doc& doc, const SearchQuery& q,
                         const std::vector<std::uint16_t>& terms) const {
  const IndexedService& s = doc.service;
  if (!s.active && !q.include_inactive) return false;
  if (q.accepting_only && (!s.accepts_referrals || s.capacity == "not_accepting")) return false;
  if (!q.organization_id.empty() && s.organization_id != q.organization_id) return false;
  if (q.modified_after && s.last_modified <= *q.modified_after) return false;
  if (q.age) {
    if (s.minimum_age && *q.age < *s.minimum_age) return false;
    if (s.maximum_age && *q.age > *s.maximum_age) return false;
  }
  if (q.min_age && s.maximum_age && *s.maximum_age < *q.min_age) return false;
  if (q.max_age && s.minimum_age && *s.minimum_age > *q.max_age) return false;
  if (!q.term_ids.empty()) {
    bool any = false;
    for (auto t : doc.terms) any = any || std::find(terms.begin(), terms.end(), t) != terms.end();
    if (!any) return false;
  }
  if (q.day >= 0 || q.start_minute || q.end_minute) {
    if (s.open.size() != 7) return false;
    int start = q.start_minute.value_or(q.end_minute ? *q.end_minute - 1 : 0);
    int end = q.end_minute.value_or(q.start_minute ? *q.start_minute + 1 : 0);
    bool any = false;
    for (int d = 0; d < 7 && !any; ++d) {
      if (q.day >= 0 && d != q.day) continue;
      for (auto [opens, closes] : s.open[static_cast<std::size_t>(d)]) {
        if (!q.start_minute && !q.end_minute) {
          any = true;
        } else if (opens <= start && closes >= end) {
          any = true;
        }
      }
    }
    if (!any) return false;
  }
  return true;
}

std::optional<double> SearchIndex::Miles(const Doc& doc, const SearchQuery& q,
                                         double cos_lat) const {
  std::optional<double> best;
  for (const auto& p : doc.service.places) {
    double d = NearMiles(*q.near, p, cos_lat);
    if (!best || d < *best) best = d;
  }
  return best;
}

SearchResult SearchIndex::Search(const SearchQuery& q) const {
  auto words = SearchWords(q.text);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::optional<GeoBox> box;
  if (q.near && q.within_miles > 0) box = BoxAround(*q.near, q.within_miles);
  constexpr double kNowhere = std::numeric_limits<double>::infinity();

  double cos_lat = q.near ? std::cos(q.near->lat * 3.14159265358979323846 / 180.0) : 1.0;
  std::shared_lock lock(mutex_);
  std::vector<std::uint16_t> terms;
  for (const auto& t : q.term_ids) {
    if (auto it = term_numbers_.find(t); it != term_numbers_.end()) terms.push_back(it->second);
  }
  if (!q.term_ids.empty() && terms.empty()) return {};
  // The best `keep` so far, as a heap whose top is the worst of them; the rest are counted.
  int per_page = std::max(1, q.per_page);
  std::size_t from = static_cast<std::size_t>(std::max(0, q.page - 1)) * per_page;
  std::size_t keep = from + static_cast<std::size_t>(per_page);
  std::vector<Candidate> cands;
  cands.reserve(std::min<std::size_t>(keep, 4096));
  std::int64_t total = 0;
  double live = static_cast<double>(by_id_.size());
  double avgdl = live > 0 ? std::max(1.0, total_length_ / live) : 1.0;

  auto offer = [&](const Candidate& c) {
    if (cands.size() < keep) {
      cands.push_back(c);
      std::push_heap(cands.begin(), cands.end(), Before);
    } else if (Before(c, cands.front())) {
      std::pop_heap(cands.begin(), cands.end(), Before);
      cands.back() = c;
      std::push_heap(cands.begin(), cands.end(), Before);
    }
  };
  // A query filtering only by category, distance and capacity (or not at all) needs only the
  // packed fields of most documents.
  bool packed = !q.age && !q.min_age && !q.max_age && q.day < 0 && !q.start_minute &&
                !q.end_minute && q.organization_id.empty() && !q.modified_after &&
                !q.include_inactive;
  std::uint64_t query_mask = 0;
  bool query_many = false;
  for (auto t : terms) {
    if (t < 64) {
      query_mask |= std::uint64_t{1} << t;
    } else {
      query_many = true;
    }
  }
  if (query_many) packed = false;
  auto consider = [&](std::uint32_t d, double score) {
    const Hot& h = hot_[d];
    if (!h.alive) return;
    if (packed && !h.many) {
      if (!h.active) return;
      if (q.accepting_only && h.full) return;
      if (!q.term_ids.empty() && (h.term_mask & query_mask) == 0) return;
      double miles = kNowhere;
      if (q.near) {
        bool placed = h.place.lat != 1000;
        if (box && (!placed || !box->Holds(h.place))) return;
        if (placed) miles = NearMiles(*q.near, h.place, cos_lat);
        if (box && miles > q.within_miles) return;
      }
      ++total;
      offer({std::round(score * 10) / 10, miles, h.name_key, h.id_key, score, d});
      return;
    }
    const Doc& doc = docs_[d];
    if (!Passes(doc, q, terms)) return;
    double miles = kNowhere;
    if (q.near) {
      bool inside = !box;
      if (box) {
        for (const auto& p : doc.service.places) inside = inside || box->Holds(p);
      }
      if (!inside) return;
      auto m = Miles(doc, q, cos_lat);
      if (m) miles = *m;
      if (box && (!m || *m > q.within_miles)) return;
    }
    ++total;
    Candidate c{std::round(score * 10) / 10, miles, doc.name_key, doc.id_key, score, d};
    offer(c);
  };

  if (words.empty()) {
    for (std::uint32_t d = 0; d < docs_.size(); ++d) consider(d, 0);
  } else {
    struct List {
      const std::vector<Posting>* postings;
      double idf;
      std::size_t at = 0;
    };
    std::vector<List> lists;
    for (const auto& w : words) {
      auto it = postings_.find(w);
      if (it == postings_.end()) return {};
      double n = static_cast<double>(it->second.size());
      lists.push_back({&it->second, std::log(1 + (live - n + 0.5) / (n + 0.5))});
    }
    std::sort(lists.begin(), lists.end(),
              [](const List& a, const List& b) { return a.postings->size() < b.postings->size(); });
    auto bm25 = [&](const Posting& p, double idf) {
      double len = hot_[p.doc].length;
      double tf = p.weight;
      return idf * tf * (kK1 + 1) / (tf + kK1 * (1 - kB + kB * len / avgdl));
    };
    for (const auto& p : *lists[0].postings) {
      double score = bm25(p, lists[0].idf);
      bool all = true;
      for (std::size_t i = 1; i < lists.size() && all; ++i) {
        List& l = lists[i];
        const auto& v = *l.postings;
        // Gallop forward to the first posting at or after this document.
        std::size_t step = 1;
        std::size_t hi = l.at;
        while (hi < v.size() && v[hi].doc < p.doc) {
          l.at = hi;
          hi += step;
          step *= 2;
        }
        hi = std::min(hi, v.size());
        l.at = static_cast<std::size_t>(
            std::lower_bound(v.begin() + static_cast<std::ptrdiff_t>(l.at),
                             v.begin() + static_cast<std::ptrdiff_t>(hi), p.doc,
                             [](const Posting& x, std::uint32_t d) { return x.doc < d; }) -
            v.begin());
        if (l.at >= v.size() || v[l.at].doc != p.doc) {
          all = false;
        } else {
          score += bm25(v[l.at], l.idf);
        }
      }
      if (all) consider(p.doc, score);
    }
  }

  SearchResult out;
  out.total = total;
  std::sort_heap(cands.begin(), cands.end(), Before);
  std::size_t to = cands.size();
  for (std::size_t i = from; i < to; ++i) {
    const Candidate& c = cands[i];
    SearchHit hit{docs_[c.doc].service.id, c.score, std::nullopt};
    if (c.miles != kNowhere) hit.miles = c.miles;
    out.hits.push_back(std::move(hit));
  }
  return out;
}

}  // namespace linkway
