#include "web/view.hpp"

#include <map>
#include <memory>
#include <span>
#include <stdexcept>

namespace linkway::web {
namespace {

using Mustache = kainjow::mustache::mustache;

// Resolves {{> name}} from the embedded templates rather than from the data.
class TemplateContext final : public kainjow::mustache::context<std::string> {
 public:
  explicit TemplateContext(const Data* data) : context(data) {}

  const Data* get_partial(const std::string& name) const override {
    if (auto it = partials_.find(name); it != partials_.end()) return &it->second;
    const auto& files = WebTemplates();
    auto file = files.find(name + ".mustache");
    if (file == files.end()) return nullptr;
    return &partials_.emplace(name, Data(std::string(file->second))).first->second;
  }

 private:
  mutable std::map<std::string, Data> partials_;
};

// Parsed templates, one cache per thread: a kainjow template is not safe to render from two
// threads at once.
Mustache& Parsed(std::string_view name) {
  thread_local std::map<std::string, std::unique_ptr<Mustache>, std::less<>> cache;
  if (auto it = cache.find(name); it != cache.end()) return *it->second;
  const auto& files = WebTemplates();
  auto file = files.find(std::string(name) + ".mustache");
  if (file == files.end()) throw std::logic_error("no template " + std::string(name));
  auto parsed = std::make_unique<Mustache>(std::string(file->second));
  if (!parsed->is_valid()) {
    throw std::logic_error("template " + std::string(name) + ": " + parsed->error_message());
  }
  return *cache.emplace(std::string(name), std::move(parsed)).first->second;
}

struct NavLink {
  std::string_view href;
  std::string_view text;
};

constexpr NavLink kReferrerNav[] = {{"/referrals/new", "Make a referral"},
                                    {"/signposts/new", "Record signposting"},
                                    {"/referrals", "Referrals"},
                                    {"/signposts", "Signposting"}};
constexpr NavLink kLinkWorkerNav[] = {{"/referrals", "Referrals"},
                                      {"/signposts", "Signposting"},
                                      {"/referrals/new", "Make a referral"}};

// The header navigation for the signed-in role; the item for this page is current, or else
// the item whose section this page is in.
Data Navigation(const Principal& who, const std::string& path) {
  std::span<const NavLink> links;
  if (who.role == Role::kReferrer) links = kReferrerNav;
  if (who.role == Role::kLinkWorker) links = kLinkWorkerNav;
  bool exact = false;
  for (const auto& l : links) exact = exact || l.href == path;
  Data items = List();
  for (const auto& l : links) {
    Data item = Object();
    item.set("href", std::string(l.href));
    item.set("text", std::string(l.text));
    if (l.href == path) {
      item.set("current", true);
      item.set("aria_current", std::string("page"));
    } else if (!exact && path.starts_with(std::string(l.href) + "/")) {
      item.set("current", true);
      item.set("aria_current", std::string("true"));
    }
    items.push_back(item);
  }
  return items;
}

}  // namespace

Data Object() { return {Data::type::object}; }
Data List() { return {Data::type::list}; }

std::string Render(std::string_view name, const Data& data) {
  Mustache& tmpl = Parsed(name);
  TemplateContext ctx(&data);
  std::string out = tmpl.render(ctx);
  if (!tmpl.is_valid()) {
    throw std::logic_error("template " + std::string(name) + ": " + tmpl.error_message());
  }
  return out;
}

http::Response RenderPage(const http::Request& request, const View& view) {
  Data layout = Object();
  layout.set("title", (view.has_errors ? "Error: " : "") + view.title + " - Linkway");
  layout.set("content", Render(view.body, view.data));
  if (request.principal) {
    const Principal& who = *request.principal;
    layout.set("signed_in", true);
    layout.set("user_name", who.display_name.empty() ? who.username : who.display_name);
    layout.set("csrf_token", who.csrf_token);
    Data nav = Navigation(who, view.nav_path.empty() ? request.path : view.nav_path);
    if (nav.is_non_empty_list()) {
      layout.set("has_nav", true);
      layout.set("nav_items", nav);
    }
  }
  http::Response response = http::Response::Html(view.status, Render("layout", layout));
  response.Set("Cache-Control", "no-store");
  return response;
}

http::Response MessagePage(const http::Request& request, int status, const std::string& title,
                           const std::string& message, const std::string& link_href,
                           const std::string& link_text) {
  View view;
  view.status = status;
  view.title = title;
  view.body = "message";
  view.data.set("heading", title);
  view.data.set("message", message);
  if (!link_href.empty()) {
    view.data.set("link_href", link_href);
    view.data.set("link_text", link_text);
  }
  return RenderPage(request, view);
}

Data Pagination(int page, int pages, const std::function<std::string(int)>& href) {
  Data p = Object();
  Data items = List();
  p.set("previous_href", page > 1 ? Data(href(page - 1)) : Data(false));
  p.set("next_href", page < pages ? Data(href(page + 1)) : Data(false));
  bool gap = false;
  for (int n = 1; n <= pages; ++n) {
    bool shown = n == 1 || n == pages || (n >= page - 2 && n <= page + 2);
    if (!shown) {
      if (!gap) {
        Data item = Object();
        item.set("ellipsis", true);
        item.set("current", false);
        items.push_back(item);
      }
      gap = true;
      continue;
    }
    gap = false;
    Data item = Object();
    item.set("ellipsis", false);
    item.set("number", std::to_string(n));
    item.set("href", href(n));
    item.set("current", n == page);
    items.push_back(item);
  }
  p.set("items", items);
  p.set("show", pages > 1);
  return p;
}

std::string Capitalise(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

std::string StateLabel(ReferralState state) { return Capitalise(Label(state)); }

Data StateTag(ReferralState state) {
  std::string_view colour = "grey";
  switch (state) {
    case ReferralState::kReceived:
      colour = "purple";
      break;
    case ReferralState::kAccepted:
      colour = "blue";
      break;
    case ReferralState::kContacted:
      colour = "aqua-green";
      break;
    case ReferralState::kActive:
      colour = "green";
      break;
    case ReferralState::kUnableToContact:
      colour = "yellow";
      break;
    case ReferralState::kDeclined:
      colour = "orange";
      break;
    case ReferralState::kWithdrawn:
      colour = "white";
      break;
    case ReferralState::kClosed:
      colour = "grey";
      break;
  }
  Data tag = Object();
  tag.set("text", StateLabel(state));
  tag.set("colour", std::string(colour));
  return tag;
}

std::string DisplayBirthDate(const std::string& ymd) {
  auto days = ParseDate(ymd);
  return days ? FormatDisplayDate(*days * 86400) : ymd;
}

std::string DisplayDateTime(UnixSeconds t) {
  UnixSeconds in_day = t - DayOf(t) * 86400;
  auto two = [](UnixSeconds n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  return FormatDisplayDate(t) + " at " + two(in_day / 3600) + ":" + two(in_day / 60 % 60);
}

std::string ReasonLabels(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& code : codes) {
    if (!out.empty()) out += ", ";
    out += LabelOf(kReasons, code);
  }
  return out;
}

}  // namespace linkway::web
