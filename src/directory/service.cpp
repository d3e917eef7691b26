#include "directory/service.hpp"

#include <sodium.h>

#include <algorithm>

#include "core/text.hpp"

namespace linkway {
namespace {

std::string FormatUuid(const unsigned char (&b)[16]) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 15]);
  }
  return out;
}

void CheckId(FieldErrors& errors, const std::string& path, const std::string& id) {
  if (!IsUuid(id)) errors.Add(path, "must be a uuid (such as 3f2b6c1e-...)");
}

void CheckField(FieldErrors& errors, const std::string& path, const std::string& text,
                std::size_t limit, bool required = false, bool multiline = false) {
  if (required && Trim(text).empty()) {
    errors.Add(path, "is required");
    return;
  }
  if (text.size() > limit) {
    errors.Add(path, "must be at most " + std::to_string(limit) + " characters");
    return;
  }
  CheckStorable(errors, path, text, multiline);
}

}  // namespace

bool IsUuid(std::string_view t) {
  if (t.size() != 36) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (c == '-')) return false;
    if (!dash && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

std::optional<int> ParseClock(std::string_view t) {
  if (t.size() == 8 && t.substr(5) == ":00") t = t.substr(0, 5);  // "09:30:00"
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4}) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  }
  int h = (t[0] - '0') * 10 + (t[1] - '0');
  int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string NameUuid(std::string_view name) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(name.data()), name.size());
  unsigned char b[16];
  std::copy_n(hash, 16, b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x80);  // version 8: name-based, SHA-256
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return FormatUuid(b);
}

std::string RandomUuid() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  return FormatUuid(b);
}

bool IsStale(const Service& service, std::int64_t today_days) {
  auto assured = ParseDate(service.assured_date);
  return !assured || today_days - *assured > 365;
}

Status CheckService(const Service& s) {
  FieldErrors e;
  CheckId(e, "id", s.id);
  if (!s.organization_id.empty()) CheckId(e, "organization_id", s.organization_id);
  CheckField(e, "name", s.name, kMaxName, true);
  CheckField(e, "alternate_name", s.alternate_name, kMaxName);
  CheckField(e, "description", s.description, kMaxServiceText, false, true);
  CheckField(e, "url", s.url, 500);
  if (!s.url.empty() && !s.url.starts_with("https://") && !s.url.starts_with("http://")) {
    e.Add("url", "must start with https:// or http://");
  }
  CheckField(e, "email", s.email, 200);
  if (!s.email.empty() && s.email.find('@') == std::string::npos) {
    e.Add("email", "must be an email address");
  }
  if (!IsChoice(kServiceStatuses, s.status)) {
    e.Add("status", "must be one of active, inactive, defunct or temporarily closed");
  }
  CheckField(e, "application_process", s.application_process, kMaxServiceText, false, true);
  CheckField(e, "fees_description", s.fees_description, kMaxServiceText, false, true);
  CheckField(e, "eligibility_description", s.eligibility_description, kMaxServiceText, false, true);
  for (auto [age, path] :
       {std::pair{s.minimum_age, "minimum_age"}, {s.maximum_age, "maximum_age"}}) {
    if (age && (*age < 0 || *age > 120)) e.Add(path, "must be a whole number of years, 0 to 120");
  }
  if (s.minimum_age && s.maximum_age && *s.minimum_age > *s.maximum_age) {
    e.Add("maximum_age", "must not be below the minimum age");
  }
  if (!s.assured_date.empty() && !ParseDate(s.assured_date)) {
    e.Add("assured_date", "must be a date written YYYY-MM-DD");
  }
  if (!IsChoice(kCapacityStates, s.capacity.state)) {
    e.Add("capacity", "must be accepting, waiting_list or not_accepting");
  }
  if (s.capacity.wait_weeks < 0 || s.capacity.wait_weeks > 104) {
    e.Add("wait_weeks", "must be a whole number of weeks, 0 to 104");
  }
  if (s.capacity.state == "waiting_list" && s.capacity.wait_weeks == 0) {
    e.Add("wait_weeks", "give the waiting list's length in weeks");
  }
  for (std::size_t i = 0; i < s.term_ids.size(); ++i) {
    CheckId(e, "attributes[" + std::to_string(i) + "].taxonomy_term_id", s.term_ids[i]);
  }
  auto too_many = [&](std::size_t n, const char* what) {
    if (n > kMaxChildren) e.Add(what, "must have at most " + std::to_string(kMaxChildren));
  };
  too_many(s.locations.size(), "service_at_locations");
  too_many(s.schedules.size(), "schedules");
  too_many(s.phones.size(), "phones");
  too_many(s.contacts.size(), "contacts");
  too_many(s.cost_options.size(), "cost_options");
  too_many(s.service_areas.size(), "service_areas");
  too_many(s.languages.size(), "languages");
  too_many(s.term_ids.size(), "attributes");
  for (std::size_t i = 0; i < s.locations.size(); ++i) {
    const Location& l = s.locations[i];
    std::string p = "service_at_locations[" + std::to_string(i) + "].location.";
    CheckId(e, p + "id", l.id);
    if (!l.service_at_location.empty()) {
      CheckId(e, "service_at_locations[" + std::to_string(i) + "].id", l.service_at_location);
    }
    CheckField(e, p + "name", l.name, kMaxName);
    CheckField(e, p + "description", l.description, kMaxServiceText, false, true);
    CheckField(e, p + "addresses[0].address_1", l.address.address_1, 200);
    CheckField(e, p + "addresses[0].city", l.address.city, 100);
    CheckField(e, p + "addresses[0].postal_code", l.address.postal_code, 10);
    CheckField(e, p + "area", l.area, 100);
    CheckField(e, p + "accessibility", l.accessibility, 1000, false, true);
    if (l.confidential && l.area.empty())
      e.Add(p + "area", "a confidential location needs an area");
  }
  for (std::size_t i = 0; i < s.schedules.size(); ++i) {
    const Schedule& sc = s.schedules[i];
    std::string p = "schedules[" + std::to_string(i) + "].";
    if (sc.freq != "WEEKLY" && sc.freq != "MONTHLY") e.Add(p + "freq", "must be WEEKLY or MONTHLY");
    for (const auto& d : sc.byday) {
      if (std::find(kDayCodes.begin(), kDayCodes.end(), d) == kDayCodes.end()) {
        e.Add(p + "byday", "must list days as MO, TU, WE, TH, FR, SA or SU");
        break;
      }
    }
    auto opens = ParseClock(sc.opens_at);
    auto closes = ParseClock(sc.closes_at);
    if (!sc.opens_at.empty() && !opens) e.Add(p + "opens_at", "must be a time written HH:MM");
    if (!sc.closes_at.empty() && !closes) e.Add(p + "closes_at", "must be a time written HH:MM");
    if (opens && closes && *closes <= *opens) e.Add(p + "closes_at", "must be after opens_at");
    CheckField(e, p + "description", sc.description, 500);
  }
  for (std::size_t i = 0; i < s.phones.size(); ++i) {
    CheckField(e, "phones[" + std::to_string(i) + "].number", s.phones[i].number, 30, true);
  }
  for (std::size_t i = 0; i < s.contacts.size(); ++i) {
    CheckField(e, "contacts[" + std::to_string(i) + "].name", s.contacts[i].name, kMaxName);
    CheckField(e, "contacts[" + std::to_string(i) + "].email", s.contacts[i].email, 200);
  }
  for (std::size_t i = 0; i < s.cost_options.size(); ++i) {
    const auto& c = s.cost_options[i];
    std::string p = "cost_options[" + std::to_string(i) + "].";
    if (c.amount && (*c.amount < 0 || *c.amount > 100000))
      e.Add(p + "amount", "must be 0 to 100000");
    CheckField(e, p + "option", c.option, 200);
    CheckField(e, p + "amount_description", c.amount_description, 500);
  }
  for (std::size_t i = 0; i < s.service_areas.size(); ++i) {
    CheckField(e, "service_areas[" + std::to_string(i) + "].name", s.service_areas[i].name, 200);
  }
  for (std::size_t i = 0; i < s.languages.size(); ++i) {
    CheckField(e, "languages[" + std::to_string(i) + "].name", s.languages[i].name, 100);
  }
  return e.ToStatus();
}

}  // namespace linkway
