// The community service directory: services on the Open Referral HSDS 3.0 model, searched near
// a person (the in-memory index, kept in step with the database on every instance within a
// second), edited by their own organisation with every edit kept, with capacity, and read by
// the public, link workers and the HSDS API. The directory's records are public information:
// reads need no sign-in and hold no patient data; every change is audited.
// Thread safety: Start once before serving; every other method from any thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/page.hpp"
#include "core/people.hpp"
#include "core/postcode.hpp"
#include "core/status.hpp"
#include "directory/search_index.hpp"
#include "directory/service.hpp"
#include "directory/taxonomy.hpp"
#include "reference/postcodes.hpp"
#include "store/database.hpp"

namespace linkway {

// A search as people ask it: words, a category code, a postcode and a distance, an age, a day.
struct DirectoryQuery {
  std::string text;
  std::string category;  // a term code ("green_nature") or id: it and the terms below it
  std::string postcode;
  double within_miles = 0;  // with a postcode; 0: any distance, nearest first
  std::optional<int> age;
  int day = -1;  // 0 Monday .. 6 Sunday
  bool accepting_only = false;
  int page = 1;
  int per_page = 20;
};

struct DirectoryHit {
  Service service;
  std::optional<double> miles;
  bool stale = false;  // not assured for 12 months
};

struct DirectoryResult {
  std::vector<DirectoryHit> hits;
  std::int64_t total = 0;
  int page = 1;
  int per_page = 20;
  std::optional<PostcodeInfo> postcode;  // the place searched from
  int pages() const { return total == 0 ? 1 : static_cast<int>((total + per_page - 1) / per_page); }
};

struct ServiceEdit {
  UnixSeconds at = 0;
  std::string by;
  std::string source;
  std::string summary;
};

// How a service answers the connections link workers send it (from casework).
struct ReplyStats {
  int sent = 0;            // connections sent to it in the last year
  int answered = 0;        // of those, answered by the service
  int accepted = 0;        // of those answered, accepted
  double median_days = 0;  // from sent to answer
};
using ReplyStatsSource = std::function<ReplyStats(const std::string& service_id)>;

inline constexpr std::string_view kDirectoryTopic = "directory";

// What one import writes (ServiceDirectory::Import).
struct DirectoryBatch {
  std::vector<Organization> organizations;
  std::string icb;  // the ICB new organisations come under
  std::vector<Taxonomy> taxonomies;
  std::vector<TaxonomyTerm> terms;
  std::vector<Service> services;
  std::string summary;  // "Imported from services.json"
};

class ServiceDirectory {
 public:
  ServiceDirectory(sql::Database& db, Postcodes& postcodes, const Clock& clock);
  ~ServiceDirectory();
  ServiceDirectory(const ServiceDirectory&) = delete;
  ServiceDirectory& operator=(const ServiceDirectory&) = delete;

  // Writes the shipped taxonomy where it is missing, gives each VCSE organisation its HSDS id,
  // builds the search index and follows changes from every instance.
  Status Start();

  // kInvalid for a postcode that is malformed or not known (never an empty result), for an
  // unknown category, or a distance without a postcode.
  Result<DirectoryResult> Search(const DirectoryQuery& query);
  // The index's own query (the HSDS API), ids and distances only.
  SearchResult SearchIds(const SearchQuery& query) const { return index_.Search(query); }
  // kNotFound when there is no such service.
  Result<Service> Get(const std::string& id);
  Result<std::vector<Service>> GetMany(const std::vector<std::string>& ids);
  // The service a service_at_location id belongs to; kNotFound when none.
  Result<Service> ServiceAtLocationOwner(const std::string& link_id);

  Result<std::vector<Organization>> Organizations();
  Result<Organization> OrganizationById(const std::string& hsds_id);
  Result<std::vector<Service>> ServicesOf(const std::string& org_code);
  std::vector<Taxonomy> Taxonomies() const;
  std::vector<TaxonomyTerm> Terms() const;
  const TaxonomyTerm* Term(const std::string& id_or_code) const;
  // Where a postcode is: kInvalid naming what is wrong with it, or that it is not known.
  Result<PostcodeInfo> Locate(const std::string& postcode);

  // A VCSE user edits their own organisation's services (an admin any); kNotFound for another
  // organisation's. An empty id adds a new service. The edit is kept with who and when.
  Result<Service> Save(const Principal& who, Service service);
  Status SetCapacity(const Principal& who, const std::string& service_id, const std::string& state,
                     int wait_weeks);
  Result<std::vector<ServiceEdit>> History(const Principal& who, const std::string& service_id);
  // Whether `who` may edit the service.
  bool MayEdit(const Principal& who, const Service& service) const;

  // Writes what an import brings in one write, so that nothing is half-imported: organisations
  // (new ones become VCSEs under `icb`), then taxonomies and their terms (a term names its
  // taxonomy), then services (no user; kept in the edit history as "import" with `summary`).
  // Reloads the terms and the index after.
  Status Import(const DirectoryBatch& batch);

  void SetReplyStats(ReplyStatsSource source) { reply_stats_ = std::move(source); }
  ReplyStats Replies(const std::string& service_id) const {
    return reply_stats_ ? reply_stats_(service_id) : ReplyStats{};
  }

  UnixSeconds Now() const { return clock_.Now(); }
  std::size_t indexed() const { return index_.size(); }
  sql::Database& db() { return db_; }

  // What the index keeps of a service (for tests and benchmarks).
  static IndexedService ForIndex(const Service& s, const std::vector<TaxonomyTerm>& terms);

 private:
  void Reload(const std::string& service_id);
  Status ReloadAll();

  struct Shared;
  sql::Database& db_;
  Postcodes& postcodes_;
  const Clock& clock_;
  SearchIndex index_;
  std::shared_ptr<Shared> shared_;
  ReplyStatsSource reply_stats_;
};

}  // namespace linkway
