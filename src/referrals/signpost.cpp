#include "referrals/signpost.hpp"

#include "core/text.hpp"
#include "referrals/referral.hpp"

namespace linkway {

Result<SignpostInput> ValidateSignpost(const SignpostInput& input) {
  FieldErrors unstorable;
  CheckStorable(unstorable, "service", input.service);
  for (const auto& reason : input.reasons) CheckStorable(unstorable, "reasons", reason);
  CheckStorable(unstorable, "note", input.note, true);
  if (!unstorable.empty()) return unstorable.ToStatus();

  FieldErrors errors;
  SignpostInput out;
  out.service = Trim(input.service);
  if (out.service.empty()) {
    errors.Add("service", "name the service the person was pointed to");
  } else if (out.service.size() > 200) {
    errors.Add("service", "must be at most 200 characters");
  }
  out.reasons = ValidateReasons(input.reasons, errors);
  out.note = Trim(input.note);
  if (out.note.size() > 500) errors.Add("note", "must be at most 500 characters");
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

}  // namespace linkway
