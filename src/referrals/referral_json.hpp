// JSON for the referrals API: request bodies into the module's inputs (with a field error for
// every wrong type, named by its JSON path) and its records into response objects. Thread-safe.
#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "core/status.hpp"
#include "referrals/referral.hpp"
#include "referrals/referral_life.hpp"
#include "referrals/signpost.hpp"

namespace linkway {

// Fields of the wrong JSON type come back as field errors; missing fields are left empty so
// that the core's validation reports them.
Result<ReferralInput> ReferralInputFromJson(const boost::json::object& body);
Result<TransitionRequest> TransitionFromJson(const boost::json::object& body);
Result<SignpostInput> SignpostInputFromJson(const boost::json::object& body);

boost::json::object ToJson(const Referral& referral);
boost::json::object ToJson(const ReferralEvent& event);
boost::json::object ToJson(const Signpost& signpost);

}  // namespace linkway
