#include "core/signpost.hpp"

#include <algorithm>

#include "core/referral.hpp"

namespace linkway {

Result<SignpostInput> ValidateSignpost(const SignpostInput& input) {
  FieldErrors errors;
  SignpostInput out;
  auto first = input.service.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    errors.Add("service", "name the service the person was pointed to");
  } else {
    out.service =
        input.service.substr(first, input.service.find_last_not_of(" \t\r\n") - first + 1);
    if (out.service.size() > 200) errors.Add("service", "must be at most 200 characters");
  }
  for (const auto& r : input.reasons) {
    if (!IsChoice(kReasons, r))
      errors.Add("reasons", "'" + r.substr(0, 40) + "' is not a reason code");
  }
  for (const auto& c : kReasons) {
    if (std::find(input.reasons.begin(), input.reasons.end(), c.code) != input.reasons.end())
      out.reasons.emplace_back(c.code);
  }
  if (input.reasons.empty()) errors.Add("reasons", "choose at least one reason");
  out.note = input.note;
  if (out.note.size() > 500) errors.Add("note", "must be at most 500 characters");
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

}  // namespace linkway
