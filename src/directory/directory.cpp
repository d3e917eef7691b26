#include "directory/directory.hpp"

#include <algorithm>
#include <mutex>

#include "auth/audit.hpp"
#include "core/text.hpp"
#include "directory/directory_store.hpp"
#include "directory/hsds_json.hpp"

namespace linkway {

struct ServiceDirectory::Shared {
  std::mutex mutex;  // guards owner: held while a change notice is applied
  ServiceDirectory* owner = nullptr;
  mutable std::mutex terms_mutex;
  std::vector<Taxonomy> taxonomies;
  std::vector<TaxonomyTerm> terms;
  // Term() hands out pointers into `terms`: a list replaced by a reload is kept here, not
  // freed, so that a pointer stays good. Terms are few and reloads rare.
  std::vector<std::vector<TaxonomyTerm>> retired;
};

namespace {

std::string Topic(const std::string& id) { return std::string(kDirectoryTopic) + ":" + id; }

// Which fields an edit changed, for its one-line summary.
std::string Changes(const Service& a, const Service& b) {
  std::vector<std::string> changed;
  auto note = [&](bool differ, const char* what) {
    if (differ) changed.emplace_back(what);
  };
  note(a.name != b.name, "name");
  note(a.description != b.description, "description");
  note(a.status != b.status, "status");
  note(a.url != b.url || a.email != b.email, "contact details");
  note(a.application_process != b.application_process, "how to join");
  note(a.fees_description != b.fees_description, "fees");
  note(a.eligibility_description != b.eligibility_description || a.minimum_age != b.minimum_age ||
           a.maximum_age != b.maximum_age,
       "eligibility");
  note(a.assured_date != b.assured_date, "assured date");
  note(a.accepts_referrals != b.accepts_referrals, "referrals");
  note(a.term_ids != b.term_ids, "categories");
  note(DetailsJson(a) != DetailsJson(b), "times and contacts");
  note(a.locations.size() != b.locations.size(), "locations");
  if (changed.empty()) return "No change";
  std::string out = "Changed ";
  for (std::size_t i = 0; i < changed.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == changed.size() ? " and " : ", ") + changed[i];
  }
  return out;
}

}  // namespace

ServiceDirectory::ServiceDirectory(sql::Database& db, Postcodes& postcodes, const Clock& clock)
    : db_(db), postcodes_(postcodes), clock_(clock), shared_(std::make_shared<Shared>()) {
  shared_->owner = this;
}

ServiceDirectory::~ServiceDirectory() {
  std::lock_guard lock(shared_->mutex);
  shared_->owner = nullptr;
}

IndexedService ServiceDirectory::ForIndex(const Service& s,
                                          const std::vector<TaxonomyTerm>& terms) {
  IndexedService x;
  x.id = s.id;
  x.name = s.name;
  x.organization_id = s.organization_id;
  x.organization_name = s.organization_name;
  x.description = s.description;
  x.term_ids = s.term_ids;
  for (const auto& id : s.term_ids) {
    for (const auto& t : terms) {
      if (t.id == id) x.term_words += t.name + " ";
    }
  }
  for (const auto& l : s.locations) {
    if (l.place) x.places.push_back(*l.place);
  }
  x.minimum_age = s.minimum_age;
  x.maximum_age = s.maximum_age;
  if (!s.schedules.empty()) {
    x.open.assign(7, {});
    for (const auto& sc : s.schedules) {
      auto opens = ParseClock(sc.opens_at);
      auto closes = ParseClock(sc.closes_at);
      std::pair<int, int> span{opens.value_or(0), closes.value_or(24 * 60)};
      std::vector<std::string> days = sc.byday;
      if (days.empty()) days.assign(kDayCodes.begin(), kDayCodes.end());
      for (const auto& d : days) {
        auto it = std::find(kDayCodes.begin(), kDayCodes.end(), d);
        if (it != kDayCodes.end())
          x.open[static_cast<std::size_t>(it - kDayCodes.begin())].push_back(span);
      }
    }
  }
  x.capacity = s.capacity.state;
  x.accepts_referrals = s.accepts_referrals;
  x.active = s.status == "active";
  x.last_modified = s.last_modified;
  return x;
}

Status ServiceDirectory::Start() {
  const TaxonomyFile& shipped = SocialPrescribingTaxonomy();
  Status s = db_.Write([&](sql::Tx& tx) {
    if (!shipped.taxonomy.id.empty()) {
      bool present = false;
      {
        sql::Query q(tx, "SELECT 1 FROM taxonomies WHERE id = $1", shipped.taxonomy.id);
        present = q.Step();
      }
      if (!present) {
        directory::PutTaxonomy(tx, shipped.taxonomy);
        for (const auto& t : shipped.terms) directory::PutTerm(tx, t);
      }
    }
    if (directory::AdoptOrganisations(tx, clock_.Now()) > 0) tx.Notify(kDirectoryTopic);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (Status r = ReloadAll(); !r.ok()) return r;
  db_.Subscribe([weak = std::weak_ptr<Shared>(shared_)](std::string_view topic) {
    auto shared = weak.lock();
    if (!shared) return;
    bool all = topic == kDirectoryTopic || topic == sql::kEverythingChanged;
    bool one = topic.starts_with(std::string(kDirectoryTopic) + ":");
    if (!all && !one) return;
    std::lock_guard lock(shared->mutex);
    if (!shared->owner) return;
    if (all) {
      (void)shared->owner->ReloadAll();
    } else {
      shared->owner->Reload(std::string(topic.substr(kDirectoryTopic.size() + 1)));
    }
  });
  return Status::Ok();
}

Status ServiceDirectory::ReloadAll() {
  return db_.Read([&](sql::Connection& c) -> Status {
    auto taxonomies = directory::ListTaxonomies(c);
    auto terms = directory::ListTerms(c);
    SearchIndex fresh;
    directory::EachService(c, [&](Service&& s) { fresh.Put(ForIndex(s, terms)); });
    index_.Replace(std::move(fresh));
    std::lock_guard lock(shared_->terms_mutex);
    shared_->taxonomies = std::move(taxonomies);
    if (!shared_->terms.empty()) shared_->retired.push_back(std::move(shared_->terms));
    shared_->terms = std::move(terms);
    return Status::Ok();
  });
}

void ServiceDirectory::Reload(const std::string& id) {
  auto terms = Terms();
  (void)db_.Read([&](sql::Connection& c) -> Status {
    auto s = directory::GetService(c, id);
    if (s) {
      index_.Put(ForIndex(*s, terms));
    } else {
      index_.Remove(id);
    }
    return Status::Ok();
  });
}

std::vector<Taxonomy> ServiceDirectory::Taxonomies() const {
  std::lock_guard lock(shared_->terms_mutex);
  return shared_->taxonomies;
}

std::vector<TaxonomyTerm> ServiceDirectory::Terms() const {
  std::lock_guard lock(shared_->terms_mutex);
  return shared_->terms;
}

const TaxonomyTerm* ServiceDirectory::Term(const std::string& id_or_code) const {
  std::lock_guard lock(shared_->terms_mutex);
  // A pointer stays good: the lists a reload replaces are retired, not freed.
  for (const auto& t : shared_->terms) {
    if (t.id == id_or_code || t.code == id_or_code) return &t;
  }
  return nullptr;
}

Result<PostcodeInfo> ServiceDirectory::Locate(const std::string& text) {
  auto parsed = ParsePostcode(Trim(text));
  if (!parsed.ok()) {
    return Status::Invalid("The postcode is not valid.",
                           {{"postcode", "Enter a full UK postcode, like HR4 9AA"}});
  }
  auto found = postcodes_.Get(*parsed);
  if (!found.ok() && found.status().code() == Code::kNotFound) {
    return Status::Invalid("The postcode is not known.",
                           {{"postcode", *parsed + " is not a postcode we know in this area"}});
  }
  if (!found.ok()) return found.status();
  if (!found->place) {
    return Status::Invalid("The postcode has no location.",
                           {{"postcode", *parsed + " has no location in the postcode lookup"}});
  }
  return found;
}

Result<DirectoryResult> ServiceDirectory::Search(const DirectoryQuery& in) {
  FieldErrors errors;
  SearchQuery q;
  q.text = Shorten(in.text, 200);
  DirectoryResult out;
  if (!in.category.empty()) {
    const TaxonomyTerm* t = Term(in.category);
    if (!t) {
      errors.Add("category", "is not a category in the directory");
    } else {
      q.term_ids = TermAndChildren(Terms(), t->id);
    }
  }
  if (!Trim(in.postcode).empty()) {
    auto where = Locate(in.postcode);
    if (!where.ok()) {
      if (where.status().code() != Code::kInvalid) return where.status();
      for (const auto& f : where.status().fields()) errors.Add(f.field, f.message);
    } else {
      out.postcode = *where;
      q.near = where->place;
      q.within_miles = in.within_miles;
    }
  } else if (in.within_miles > 0) {
    errors.Add("postcode", "Enter a postcode to search within a distance");
  }
  if (in.within_miles < 0 || in.within_miles > 200) {
    errors.Add("miles", "must be a distance from 1 to 200 miles");
  }
  if (in.age && (*in.age < 0 || *in.age > 120)) errors.Add("age", "must be 0 to 120");
  if (!errors.empty()) return errors.ToStatus("The search has errors; see fields.");
  q.age = in.age;
  q.day = in.day;
  q.accepting_only = in.accepting_only;
  q.page = std::max(1, in.page);
  q.per_page = std::clamp(in.per_page, 1, 100);
  auto found = index_.Search(q);
  std::vector<std::string> ids;
  for (const auto& h : found.hits) ids.push_back(h.id);
  auto services = GetMany(ids);
  if (!services.ok()) return services.status();
  std::int64_t today = DayOf(clock_.Now());
  for (std::size_t i = 0, j = 0; i < found.hits.size() && j < services->size(); ++i) {
    if ((*services)[j].id != found.hits[i].id) continue;
    DirectoryHit hit{std::move((*services)[j++]), found.hits[i].miles, false};
    hit.stale = IsStale(hit.service, today);
    out.hits.push_back(std::move(hit));
  }
  out.total = found.total;
  out.page = q.page;
  out.per_page = q.per_page;
  return out;
}

Result<Service> ServiceDirectory::Get(const std::string& id) {
  return db_.Read([&](sql::Connection& c) -> Result<Service> {
    auto s = directory::GetService(c, id);
    if (!s) return Status::NotFound("no service with that id");
    return *s;
  });
}

Result<Service> ServiceDirectory::ServiceAtLocationOwner(const std::string& link_id) {
  return db_.Read([&](sql::Connection& c) -> Result<Service> {
    sql::Query q(c, "SELECT service_id FROM service_at_locations WHERE id = $1", link_id);
    if (!q.Step()) return Status::NotFound("no service_at_location with that id");
    auto s = directory::GetService(c, q.Text(0));
    if (!s) return Status::NotFound("no service_at_location with that id");
    return *s;
  });
}

Result<std::vector<Service>> ServiceDirectory::GetMany(const std::vector<std::string>& ids) {
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<Service>> {
    return directory::GetServices(c, ids);
  });
}

Result<std::vector<Organization>> ServiceDirectory::Organizations() {
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<Organization>> {
    return directory::ListOrganizations(c);
  });
}

Result<Organization> ServiceDirectory::OrganizationById(const std::string& hsds_id) {
  return db_.Read([&](sql::Connection& c) -> Result<Organization> {
    auto o = directory::GetOrganization(c, hsds_id);
    if (!o) return Status::NotFound("no organization with that id");
    return *o;
  });
}

Result<std::vector<Service>> ServiceDirectory::ServicesOf(const std::string& org_code) {
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<Service>> {
    return directory::ServicesOf(c, org_code);
  });
}

bool ServiceDirectory::MayEdit(const Principal& who, const Service& s) const {
  if (who.role == Role::kAdmin) return true;
  return who.role == Role::kVcse && !who.org_code.empty() && who.org_code == s.org_code;
}

Result<Service> ServiceDirectory::Save(const Principal& who, Service s) {
  if (who.role != Role::kVcse && who.role != Role::kAdmin) {
    return Status::Forbidden("Only community organisations edit their services.");
  }
  bool adding = s.id.empty();
  if (adding) {
    s.id = RandomUuid();
    if (who.role == Role::kVcse) s.org_code = who.org_code;
  }
  UnixSeconds now = clock_.Now();
  s.last_modified = now;
  for (auto& l : s.locations) {
    if (l.id.empty()) l.id = RandomUuid();
  }
  if (Status c = CheckService(s); !c.ok()) return c;
  for (const auto& t : s.term_ids) {
    if (!Term(t))
      return Status::Invalid("The service has errors; see fields.",
                             {{"categories", "is not a category in the directory"}});
  }
  std::string before_json = "{}";
  Status w = db_.Write([&](sql::Tx& tx) -> Status {
    std::optional<Service> before;
    if (!adding) {
      before = directory::GetService(tx, s.id);
      if (!before || !MayEdit(who, *before)) return Status::NotFound("no service with that id");
      s.org_code = before->org_code;
      s.capacity = before->capacity;
    }
    auto org = directory::OrganizationByCode(tx, s.org_code);
    if (!org && directory::AdoptOrganisations(tx, now) > 0) {
      // A community organisation added since the directory started (on the admin pages).
      org = directory::OrganizationByCode(tx, s.org_code);
    }
    if (!org) {
      return Status::Invalid("The service has errors; see fields.",
                             {{"organisation", "is not a community organisation"}});
    }
    s.organization_id = org->id;
    s.organization_name = org->name;
    if (adding) s.capacity = {"accepting", 0, now, who.display_name};
    auto terms_lookup = [this](const std::string& id) { return Term(id); };
    std::string after = boost::json::serialize(HsdsService(s, terms_lookup, HsdsDetail::kFull));
    if (before) {
      before_json = boost::json::serialize(HsdsService(*before, terms_lookup, HsdsDetail::kFull));
    }
    directory::PutService(tx, s);
    directory::AddEdit(tx, s.id, now, who.user_id, adding ? "added" : "edit",
                       adding ? "Added the service" : Changes(*before, s), before_json, after);
    WriteAudit(tx,
               AuditFor(who, now, adding ? "service.create" : "service.update", "service", s.id));
    tx.Notify(Topic(s.id));
    return Status::Ok();
  });
  if (!w.ok()) return w;
  Reload(s.id);  // this instance finds its own edit at once; others on the notice
  return s;
}

Status ServiceDirectory::SetCapacity(const Principal& who, const std::string& service_id,
                                     const std::string& state, int wait_weeks) {
  FieldErrors errors;
  if (!IsChoice(kCapacityStates, state)) {
    errors.Add("capacity", "Choose accepting, waiting list or not accepting");
  }
  if (state == "waiting_list" && (wait_weeks < 1 || wait_weeks > 104)) {
    errors.Add("wait_weeks", "Enter the waiting list's length, 1 to 104 weeks");
  }
  if (!errors.empty()) return errors.ToStatus();
  if (state != "waiting_list") wait_weeks = 0;
  UnixSeconds now = clock_.Now();
  Status written = db_.Write([&](sql::Tx& tx) -> Status {
    auto before = directory::GetService(tx, service_id);
    if (!before || !MayEdit(who, *before)) return Status::NotFound("no service with that id");
    Capacity c{state, wait_weeks, now, who.display_name};
    directory::SetCapacity(tx, service_id, c);
    sql::Query(tx, "UPDATE services SET last_modified = $1 WHERE id = $2", now, service_id).Run();
    std::string what = std::string(LabelOf(kCapacityStates, state));
    if (state == "waiting_list") what += " of " + std::to_string(wait_weeks) + " weeks";
    directory::AddEdit(tx, service_id, now, who.user_id, "capacity", "Capacity: " + what,
                       before->capacity.state, state);
    WriteAudit(tx, AuditFor(who, now, "service.capacity", "service", service_id));
    tx.Notify(Topic(service_id));
    return Status::Ok();
  });
  if (written.ok()) Reload(service_id);
  return written;
}

Result<std::vector<ServiceEdit>> ServiceDirectory::History(const Principal& who,
                                                           const std::string& service_id) {
  return db_.Read([&](sql::Connection& c) -> Result<std::vector<ServiceEdit>> {
    auto s = directory::GetService(c, service_id);
    if (!s || !MayEdit(who, *s)) return Status::NotFound("no service with that id");
    std::vector<ServiceEdit> out;
    for (auto& e : directory::Edits(c, service_id)) {
      out.push_back({e.at, std::move(e.by), std::move(e.source), std::move(e.summary)});
    }
    return out;
  });
}

Status ServiceDirectory::Import(const DirectoryBatch& batch) {
  UnixSeconds now = clock_.Now();
  Status written = db_.Write([&](sql::Tx& tx) -> Status {
    for (const auto& o : batch.organizations) directory::PutOrganization(tx, o, batch.icb, now);
    for (const auto& t : batch.taxonomies) directory::PutTaxonomy(tx, t);
    for (const auto& t : batch.terms) directory::PutTerm(tx, t);
    for (const auto& s : batch.services) {
      directory::PutService(tx, s);
      directory::AddEdit(tx, s.id, now, std::nullopt, "import", batch.summary, "{}", "{}");
    }
    // One notice for the batch: every instance reloads once.
    tx.Notify(kDirectoryTopic);
    return Status::Ok();
  });
  if (!written.ok()) return written;
  return ReloadAll();
}

}  // namespace linkway
