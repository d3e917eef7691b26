#include "web/view.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>

namespace linkway::web {
namespace {

using Mustache = kainjow::mustache::mustache;

// Every template set: the frame's own, then the modules'.
struct TemplateSets {
  std::mutex mutex;
  std::vector<const EmbeddedFiles*> sets{&WebTemplates()};
};

TemplateSets& Sets() {
  static TemplateSets sets;
  return sets;
}

// The text of NAME.mustache from any set, or nullopt.
std::optional<std::string_view> FindTemplate(std::string_view name) {
  std::string file = std::string(name) + ".mustache";
  auto& sets = Sets();
  std::lock_guard lock(sets.mutex);
  for (const EmbeddedFiles* files : sets.sets) {
    if (auto it = files->find(file); it != files->end()) return it->second;
  }
  return std::nullopt;
}

struct NavLink {
  Role role;
  std::string href;
  std::string text;
};

struct NavLinks {
  std::mutex mutex;
  std::vector<NavLink> links;
};

NavLinks& Nav() {
  static NavLinks nav;
  return nav;
}

// Resolves {{> name}} from the embedded templates rather than from the data.
class TemplateContext final : public kainjow::mustache::context<std::string> {
 public:
  explicit TemplateContext(const Data* data) : context(data) {}

  const Data* get_partial(const std::string& name) const override {
    if (auto it = partials_.find(name); it != partials_.end()) return &it->second;
    auto text = FindTemplate(name);
    if (!text) return nullptr;
    return &partials_.emplace(name, Data(std::string(*text))).first->second;
  }

 private:
  mutable std::map<std::string, Data> partials_;
};

// Parsed templates, one cache per thread: a kainjow template is not safe to render from two
// threads at once.
Mustache& Parsed(std::string_view name) {
  thread_local std::map<std::string, std::unique_ptr<Mustache>, std::less<>> cache;
  if (auto it = cache.find(name); it != cache.end()) return *it->second;
  auto text = FindTemplate(name);
  if (!text) throw std::logic_error("no template " + std::string(name));
  auto parsed = std::make_unique<Mustache>(std::string(*text));
  if (!parsed->is_valid()) {
    throw std::logic_error("template " + std::string(name) + ": " + parsed->error_message());
  }
  return *cache.emplace(std::string(name), std::move(parsed)).first->second;
}

// The header navigation for the signed-in role; the item for this page is current, or else
// the item whose section this page is in.
Data Navigation(const Principal& who, const std::string& path) {
  std::vector<NavLink> links;
  {
    auto& nav = Nav();
    std::lock_guard lock(nav.mutex);
    for (const auto& l : nav.links) {
      if (l.role == who.role) links.push_back(l);
    }
  }
  bool exact = false;
  for (const auto& l : links) exact = exact || l.href == path;
  Data items = List();
  for (const auto& l : links) {
    Data item = Object();
    item.set("href", l.href);
    item.set("text", l.text);
    if (l.href == path) {
      item.set("current", true);
      item.set("aria_current", std::string("page"));
    } else if (!exact && path.starts_with(l.href + "/")) {
      item.set("current", true);
      item.set("aria_current", std::string("true"));
    }
    items.push_back(item);
  }
  return items;
}

}  // namespace

void AddTemplates(const EmbeddedFiles& files) {
  auto& sets = Sets();
  std::lock_guard lock(sets.mutex);
  if (std::find(sets.sets.begin(), sets.sets.end(), &files) == sets.sets.end()) {
    sets.sets.push_back(&files);
  }
}

void AddNavLink(Role role, std::string href, std::string text) {
  auto& nav = Nav();
  std::lock_guard lock(nav.mutex);
  for (const auto& l : nav.links) {
    if (l.role == role && l.href == href) return;  // registered twice (tests): once is enough
  }
  nav.links.push_back({role, std::move(href), std::move(text)});
}

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

std::string DisplayBirthDate(const std::string& ymd) {
  auto days = ParseDate(ymd);
  return days ? FormatDisplayDate(*days * 86400) : ymd;
}

std::string DisplayDateTime(UnixSeconds t) {
  UnixSeconds in_day = t - DayOf(t) * 86400;
  auto two = [](UnixSeconds n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  return FormatDisplayDate(t) + " at " + two(in_day / 3600) + ":" + two(in_day / 60 % 60);
}

}  // namespace linkway::web
