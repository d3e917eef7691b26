// Casework's JSON for the API: request bodies read into inputs, with a field error (by JSON
// path) for every value of the wrong type, and records written out. Thread-safe.
#pragma once

#include <boost/json.hpp>

#include "casework/casework.hpp"

namespace linkway {

Result<ContactInput> ContactFromJson(const boost::json::object& body);
Result<WhatMatters> WhatMattersFromJson(const boost::json::object& body);
Result<PlanInput> PlanFromJson(const boost::json::object& body);
Result<ConcernInput> ConcernFromJson(const boost::json::object& body);
struct MeasureInput {
  std::string measure;
  std::string timepoint;
  std::map<std::string, std::int64_t> answers;
};
Result<MeasureInput> MeasureFromJson(const boost::json::object& body);
Result<std::vector<cases::Slot>> PresenceFromJson(const boost::json::object& body);
// Referral ids: positive whole numbers.
Result<std::vector<std::int64_t>> IdsFromJson(const boost::json::object& body,
                                              std::string_view key);
// A whole number member, or nullopt when absent; a field error when of another type.
std::optional<std::int64_t> JsonInt(const boost::json::object& o, std::string_view key,
                                    const std::string& path, FieldErrors& errors);

boost::json::object ToJson(const cases::CaseRow& row, UnixSeconds now);
boost::json::object ToJson(const cases::LinkWorker& w);
boost::json::object ToJson(const PcnLoad& load);
boost::json::object ToJson(const Contact& c);
boost::json::object ToJson(const WhatMatters& w);
boost::json::object ToJson(const Plan& p);
boost::json::object ToJson(const MeasureResult& m);
boost::json::object ToJson(const Measure& m);
boost::json::object ToJson(const Connection& c);
boost::json::object ToJson(const Note& n);
boost::json::object ToJson(const Concern& c);
boost::json::object ToJson(const Feedback& f);
boost::json::object ToJson(const cases::FeedbackRow& f);
boost::json::object ToJson(const CaseFile& file, UnixSeconds now);
boost::json::object ToJson(const PracticePresence& p);
boost::json::array SlotsToJson(const std::vector<cases::Slot>& slots);

}  // namespace linkway
