// GET /referrals: a referrer's practice referrals, newest first; a link worker's PCN inbox,
// oldest first, open referrals unless they filter by status (?status=, ?page=).
#include <algorithm>
#include <memory>

#include "referrals/pages.hpp"
#include "web/pages.hpp"
#include "web/view.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

constexpr int kPageSize = 25;

// The status filter: "" is open referrals, "all" is every state, else a state's code.
Data StatusOptions(const std::string& chosen) {
  Data options = List();
  auto add = [&](const std::string& value, const std::string& label) {
    Data option = Object();
    option.set("selected", value == chosen);
    option.set("value", value);
    option.set("label", label);
    options.push_back(option);
  };
  add("", "Open referrals");
  for (ReferralState state : kAllStates) add(std::string(ToString(state)), StateLabel(state));
  add("all", "All referrals");
  return options;
}

// Days from receipt until the person was first contacted (or the wait otherwise ended:
// declined, withdrawn, unable to contact); still counting while nobody has.
std::int64_t DaysWaiting(const Referral& r, UnixSeconds now) {
  std::optional<UnixSeconds> ended;
  for (ReferralState s : {ReferralState::kContacted, ReferralState::kUnableToContact,
                          ReferralState::kDeclined, ReferralState::kWithdrawn}) {
    if (auto it = r.stamps.find(s); it != r.stamps.end()) ended = it->second;
  }
  return linkway::DaysWaiting(r.created_at(), ended, now);
}

Data Row(const Referral& r, UnixSeconds now) {
  Data row = Object();
  row.set("id", std::to_string(r.id));
  row.set("href", "/referrals/" + std::to_string(r.id));
  row.set("date", FormatDisplayDate(r.created_at()));
  row.set("reasons", ReasonLabels(r.reasons));
  row.set("tag", StateTag(r.state));
  row.set("practice", r.practice_name.empty() ? r.practice_code : r.practice_name);
  row.set("urgent", r.urgency == "urgent");
  row.set("days_waiting", std::to_string(DaysWaiting(r, now)));
  return row;
}

class ReferralListPages {
 public:
  explicit ReferralListPages(ReferralPages ctx) : ctx_(ctx) {}

  http::Response List(http::Request& request) {
    const Principal& who = *request.principal;
    bool inbox = who.role == Role::kLinkWorker;

    ReferralQuery query;
    query.page = ParsePage(request.Query("page"));
    query.page_size = kPageSize;
    std::string status = inbox ? request.Query("status") : "";
    auto state = ParseReferralState(status);
    if (state) {
      query.state = state;
    } else if (status != "all") {
      status.clear();
      query.open_only = inbox;
    }
    auto page = ctx_.referrals.ListReferrals(who, query);
    if (page.status().code() == Code::kForbidden) {
      return ForbiddenPage(request, "Your role cannot see referrals.");
    }
    if (!page.ok()) return StatusPage(request, page.status());

    // Referrals orders them: oldest first for a link worker, newest first for a referrer.
    const std::vector<Referral>& items = page->items;
    UnixSeconds now = ctx_.referrals.Now();
    Data rows = web::List();
    for (const auto& r : items) rows.push_back(Row(r, now));

    View view;
    view.title = inbox ? "Referrals inbox" : "Referrals";
    view.body = "referral_list";
    Data& d = view.data;
    if (inbox) {
      d.set("heading", std::string("Referrals inbox"));
    } else if (who.org_kind == OrgKind::kPractice) {
      d.set("heading", "Referrals from " + who.org_name);
    } else {
      d.set("heading", std::string("Your referrals"));
    }
    d.set("inbox", inbox);
    d.set("may_refer", who.role == Role::kReferrer);
    d.set("rows", rows);
    d.set("has_rows", !items.empty());
    d.set("status_options", StatusOptions(status));
    int pages = static_cast<int>((page->total + kPageSize - 1) / kPageSize);
    d.set("summary",
          std::to_string(page->total) + (page->total == 1 ? " referral" : " referrals") +
              (pages > 1 ? ", page " + std::to_string(query.page) + " of " + std::to_string(pages)
                         : ""));
    d.set("pagination", Pagination(query.page, pages, [&status](int n) {
            std::string href = "/referrals?page=" + std::to_string(n);
            if (!status.empty()) href += "&status=" + http::UrlEncode(status);
            return href;
          }));
    return RenderPage(request, view);
  }

 private:
  ReferralPages ctx_;
};

}  // namespace

void RegisterReferralListPages(http::Router& router, ReferralPages ctx) {
  auto pages = std::make_shared<ReferralListPages>(ctx);
  http::Needs workers{.roles = {Role::kReferrer, Role::kLinkWorker},
                      .refusal = "Your role cannot see referrals."};
  router.Add("GET", "/referrals",
             web::GuardPage(workers, [pages](http::Request& r) { return pages->List(r); }));
}

}  // namespace linkway
