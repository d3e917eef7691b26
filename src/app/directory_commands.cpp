// directory import: services from HSDS 3.0 JSON, Open Referral UK v1 JSON or an HSDS tabular
// data package (directory/import.hpp) into the directory. Each record is reported as taken,
// updated, unchanged or refused; the good ones are written together in one write, so a failed
// write leaves no service imported, and a second import of the same files changes nothing.
#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "app/commands.hpp"
#include "core/embedded.hpp"
#include "directory/hsds_json.hpp"
#include "directory/import.hpp"

namespace linkway {
const EmbeddedFiles& DefaultCodeFiles();

namespace {

namespace fs = std::filesystem;

bool ReadFile(const fs::path& path, std::vector<ImportFile>& out) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    fmt::print(stderr, "linkway: cannot read {}\n", path.string());
    return false;
  }
  out.push_back({path.string(), text.str()});
  return true;
}

// The files named, a folder giving its *.csv files and datapackage.json; false (having said
// why) when one cannot be read.
bool ReadInputs(const std::vector<std::string>& names, std::vector<ImportFile>& out) {
  for (const auto& name : names) {
    std::error_code ec;
    if (!fs::is_directory(name, ec)) {
      if (!ReadFile(name, out)) return false;
      continue;
    }
    std::vector<fs::path> found;
    for (fs::directory_iterator it(name, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      if (it->is_regular_file() && (p.extension() == ".csv" || p.filename() == "datapackage.json"))
        found.push_back(p);
    }
    if (ec) {
      fmt::print(stderr, "linkway: cannot read the folder {}: {}\n", name, ec.message());
      return false;
    }
    if (found.empty()) {
      fmt::print(stderr, "linkway: {} holds no *.csv files or datapackage.json\n", name);
      return false;
    }
    std::sort(found.begin(), found.end());
    for (const auto& p : found) {
      if (!ReadFile(p, out)) return false;
    }
  }
  return true;
}

// A service as the HSDS API would give it, less last_modified: two that match are the same.
std::string Compared(const Service& s) {
  auto o = HsdsService(s, {}, HsdsDetail::kFull);
  o.erase("last_modified");
  return boost::json::serialize(o);
}

bool Same(const Taxonomy& a, const Taxonomy& b) {
  return a.id == b.id && a.name == b.name && a.description == b.description && a.uri == b.uri &&
         a.version == b.version;
}

bool Same(const TaxonomyTerm& a, const TaxonomyTerm& b) {
  return a.id == b.id && a.code == b.code && a.name == b.name && a.description == b.description &&
         a.parent_id == b.parent_id && a.taxonomy_id == b.taxonomy_id;
}

// A code for a new organisation, from its HSDS id, that no organisation has.
std::string NewCode(const std::string& hsds_id, const std::set<std::string>& taken) {
  std::string hex;
  for (char c : hsds_id) {
    if (c != '-') hex.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  for (std::size_t n : {8, 12}) {
    if (std::string code = "VCSE-" + hex.substr(0, n); !taken.contains(code)) return code;
  }
  return "VCSE-" + hex;
}

// What the import will do: a line for each record, and what to write.
struct Plan {
  std::vector<std::string> lines;
  std::vector<Organization> organizations;  // new to the directory
  std::vector<Taxonomy> taxonomies;         // new or changed
  std::vector<TaxonomyTerm> terms;          // new or changed
  std::vector<Service> services;            // taken or updated
  int taken = 0, updated = 0, unchanged = 0, refused = 0;
};

class Planner {
 public:
  explicit Planner(System& system) : system_(system), dir_(system.services) {}

  Result<Plan> Make(std::vector<ImportedRecord>& records) {
    if (Status s = Load(); !s.ok()) return s;
    for (auto& r : records) {
      if (r.record) ResolveOrganization(r);
    }
    CollectTerms(records);
    Plan plan;
    std::set<std::string> used_orgs;
    for (auto& r : records) {
      if (r.record) CheckTerms(r);
      if (r.record) {
        auto linked = CheckLinks(r);
        if (!linked.ok()) return linked;
      }
      if (!r.record) {
        plan.lines.push_back(r.where + ": refused: " + r.problem.message());
        ++plan.refused;
        continue;
      }
      auto outcome = Prepare(r.record->service);
      if (!outcome.ok()) return outcome.status();
      plan.lines.push_back(r.where + ": " + *outcome);
      if (*outcome == "unchanged") {
        ++plan.unchanged;
        continue;
      }
      ++(*outcome == "taken" ? plan.taken : plan.updated);
      used_orgs.insert(r.record->service.organization_id);
      plan.services.push_back(r.record->service);
    }
    for (const auto& id : new_orgs_) {
      if (used_orgs.contains(id)) plan.organizations.push_back(orgs_[id]);
    }
    plan.taxonomies = new_taxonomies_;
    plan.terms = new_terms_;
    return plan;
  }

  const std::string& icb() const { return icb_; }

 private:
  Status Load() {
    auto known = dir_.Organizations();
    if (!known.ok()) return known.status();
    for (auto& o : *known) orgs_[o.id] = o;
    auto all = system_.organisations.List();
    if (!all.ok()) return all.status();
    for (const auto& o : *all) {
      codes_.insert(o.code);
      if (icb_.empty() && o.kind == OrgKind::kIcb) icb_ = o.code;
    }
    for (auto& t : dir_.Taxonomies()) taxonomies_[t.id] = t;
    for (auto& t : dir_.Terms()) terms_[t.id] = t;
    return Status::Ok();
  }

  static void Refuse(ImportedRecord& r, std::string why) {
    r.record.reset();
    r.problem = Status::Invalid(std::move(why));
  }

  // The record's organisation is one the directory has, or one it brings (then new).
  void ResolveOrganization(ImportedRecord& r) {
    Service& s = r.record->service;
    if (!orgs_.contains(s.organization_id)) {
      if (!r.record->organization) {
        return Refuse(r, "has no organization: " + s.organization_id +
                             " is neither in the import nor in the directory");
      }
      if (icb_.empty()) {
        return Refuse(r,
                      "has an organization new to the directory, and the database has no "
                      "ICB to put it under");
      }
      Organization o = *r.record->organization;
      o.code = NewCode(o.id, codes_);
      codes_.insert(o.code);
      new_orgs_.push_back(o.id);
      orgs_[o.id] = std::move(o);
    }
    const Organization& o = orgs_[s.organization_id];
    s.org_code = o.code;
    s.organization_name = o.name;
  }

  // The taxonomies and terms the records bring that the directory lacks or has otherwise; a
  // term is kept only when its taxonomy is known.
  void CollectTerms(const std::vector<ImportedRecord>& records) {
    std::map<std::string, Taxonomy> brought;
    for (const auto& r : records) {
      if (!r.record) continue;
      std::vector<Taxonomy> all = r.taxonomies;
      if (r.record->taxonomy) all.push_back(*r.record->taxonomy);
      for (const auto& t : all) brought.emplace(t.id, t);
    }
    for (const auto& [id, t] : brought) {
      auto it = taxonomies_.find(id);
      if (it == taxonomies_.end() || !Same(it->second, t)) new_taxonomies_.push_back(t);
    }
    std::set<std::string> taken;
    for (const auto& r : records) {
      if (!r.record) continue;
      for (const auto& t : r.record->terms) {
        bool has_taxonomy = taxonomies_.contains(t.taxonomy_id) || brought.contains(t.taxonomy_id);
        if (!has_taxonomy || !IsUuid(t.id) || !taken.insert(t.id).second) continue;
        auto it = terms_.find(t.id);
        if (it == terms_.end() || !Same(it->second, t)) new_terms_.push_back(t);
      }
    }
    for (const auto& t : new_terms_) terms_[t.id] = t;
  }

  void CheckTerms(ImportedRecord& r) {
    for (const auto& id : r.record->service.term_ids) {
      if (terms_.contains(id)) continue;
      bool given = std::any_of(r.record->terms.begin(), r.record->terms.end(),
                               [&](const TaxonomyTerm& t) { return t.id == id; });
      return Refuse(
          r, given ? "the taxonomy term " + id +
                         " belongs to no taxonomy in the import or the directory"
                   : "the taxonomy term " + id + " is neither in the import nor in the directory");
    }
  }

  // A service_at_location id is one service's only: refused when another service in the
  // directory or the import has it (the write would fail and take every record with it).
  Status CheckLinks(ImportedRecord& r) {
    const Service& s = r.record->service;
    std::set<std::string> mine;
    for (std::size_t i = 0; i < s.locations.size(); ++i) {
      const Location& l = s.locations[i];
      std::string link =
          l.service_at_location.empty() ? NameUuid(s.id + ":at:" + l.id) : l.service_at_location;
      std::string field = "service_at_locations[" + std::to_string(i) + "]";
      if (!mine.insert(link).second) {
        Refuse(r, field + " links the same location again");
        return Status::Ok();
      }
      if (links_.contains(link)) {
        Refuse(r, field + ".id is another service's in the import");
        return Status::Ok();
      }
      auto owner = dir_.ServiceAtLocationOwner(link);
      if (!owner.ok() && owner.status().code() != Code::kNotFound) return owner.status();
      if (owner.ok() && owner->id != s.id) {
        Refuse(r, field + ".id is the directory's link for another service, " + owner->id);
        return Status::Ok();
      }
    }
    links_.insert(mine.begin(), mine.end());
    return Status::Ok();
  }

  // Fills in what the directory keeps of its own; "taken", "updated" or "unchanged".
  Result<std::string> Prepare(Service& s) {
    for (auto& l : s.locations) {
      if (!l.place && !l.address.postal_code.empty()) {
        if (auto at = dir_.Locate(l.address.postal_code); at.ok()) l.place = at->place;
      }
      if (l.place) {  // as the database keeps it, so that a re-import compares equal
        l.place = GeoPoint{FromMicroDegrees(ToMicroDegrees(l.place->lat)),
                           FromMicroDegrees(ToMicroDegrees(l.place->lon))};
      }
    }
    UnixSeconds now = dir_.Now();
    auto before = dir_.Get(s.id);
    if (!before.ok() && before.status().code() != Code::kNotFound) return before.status();
    if (!before.ok()) {
      s.capacity = {"accepting", 0, now, "Import"};
      s.last_modified = now;
      return std::string("taken");
    }
    s.capacity = before->capacity;
    s.accepts_referrals = before->accepts_referrals;
    s.last_modified = before->last_modified;
    if (Compared(*before) == Compared(s)) return std::string("unchanged");
    s.last_modified = now;
    return std::string("updated");
  }

  System& system_;
  ServiceDirectory& dir_;
  std::string icb_;
  std::set<std::string> codes_;
  std::map<std::string, Organization> orgs_;  // by HSDS id: the directory's and new ones
  std::vector<std::string> new_orgs_;
  std::map<std::string, Taxonomy> taxonomies_;
  std::map<std::string, TaxonomyTerm> terms_;
  std::vector<Taxonomy> new_taxonomies_;
  std::vector<TaxonomyTerm> new_terms_;
  std::set<std::string> links_;  // service_at_location ids of the records to be written
};

bool Written(const Status& s) {
  if (s.ok()) return true;
  fmt::print(stderr, "linkway: the import was not written: {}\n",
             s.detail().empty() ? s.message() : s.detail());
  return false;
}

}  // namespace

int RunDirectoryImport(const std::string& db, const std::vector<std::string>& files) {
  std::vector<ImportFile> inputs;
  if (!ReadInputs(files, inputs)) return 2;
  auto records = ParseImport(inputs);
  auto store = OpenOrExplain(db);
  if (!store) return 1;
  auto codes = CodeTable::Parse(DefaultCodeFiles().at("local_codes.csv"));
  if (!codes.ok()) {
    fmt::print(stderr, "linkway: {}\n", codes.status().message());
    return 1;
  }
  SystemClock clock;
  System system(*store, clock, *codes);
  if (Status s = system.services.Start(); !s.ok()) {
    fmt::print(stderr, "linkway: cannot start the service directory: {}\n", s.message());
    return 1;
  }
  Planner planner(system);
  auto plan = planner.Make(records);
  if (!plan.ok()) {
    fmt::print(stderr, "linkway: cannot read the directory: {}\n", plan.status().message());
    return 1;
  }
  // Organisations, terms and services in one write: all of them or, when it fails, none.
  if (!plan->organizations.empty() || !plan->taxonomies.empty() || !plan->terms.empty() ||
      !plan->services.empty()) {
    DirectoryBatch batch{std::move(plan->organizations), planner.icb(),
                         std::move(plan->taxonomies),    std::move(plan->terms),
                         std::move(plan->services),      ""};
    batch.summary = "Imported from " + fs::path(inputs.front().name).filename().string();
    if (inputs.size() > 1) {
      batch.summary += " and " + std::to_string(inputs.size() - 1) + " more files";
    }
    if (!Written(system.services.Import(batch))) return 1;
  }
  for (const auto& line : plan->lines) fmt::print("{}\n", line);
  fmt::print("{} taken, {} updated, {} unchanged, {} refused\n", plan->taken, plan->updated,
             plan->unchanged, plan->refused);
  return plan->refused > 0 ? 1 : 0;
}

}  // namespace linkway
