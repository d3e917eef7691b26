// JSON for the API: request bodies into core inputs (with a field error for every wrong type,
// named by its JSON path) and core records into response objects. Thread-safe.
#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "core/page.hpp"
#include "core/status.hpp"
#include "referrals/referral.hpp"
#include "referrals/referral_life.hpp"
#include "referrals/signpost.hpp"

namespace linkway::http {

// Parses a body that must be a JSON object. kInvalid with "the body is not valid JSON ..." (the
// caller answers 400).
Result<boost::json::object> ParseObject(std::string_view body);

// Fields of the wrong JSON type come back as field errors; missing fields are left empty so
// that the core's validation reports them.
Result<ReferralInput> ReferralInputFromJson(const boost::json::object& body);
Result<TransitionRequest> TransitionFromJson(const boost::json::object& body);
Result<SignpostInput> SignpostInputFromJson(const boost::json::object& body);

boost::json::object ToJson(const Referral& referral);
boost::json::object ToJson(const ReferralEvent& event);
boost::json::object ToJson(const Signpost& signpost);

template <typename T>
boost::json::object PageToJson(const Page<T>& page) {
  boost::json::array items;
  for (const auto& item : page.items) items.push_back(ToJson(item));
  return {{"items", std::move(items)},
          {"total", page.total},
          {"page", page.page},
          {"page_size", page.page_size}};
}

}  // namespace linkway::http
