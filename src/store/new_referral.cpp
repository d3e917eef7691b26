#include "store/store.hpp"

namespace linkway {

Referral StoredReferral(std::int64_t id, const NewReferral& nr) {
  Referral r;
  r.id = id;
  r.patient = nr.input.patient;
  r.practice_code = nr.input.practice;
  r.practice_name = nr.practice_name;
  r.pcn_code = nr.pcn_code;
  r.referrer_id = nr.referrer_id;
  r.referrer_name = nr.referrer_name;
  r.referrer_profession = nr.referrer_profession;
  r.reasons = nr.input.reasons;
  r.reason_other = nr.input.reason_other;
  r.consent_referral = nr.input.consent_referral;
  r.consent_share = nr.input.consent_share;
  r.urgency = nr.input.urgency;
  r.note = nr.input.note;
  r.state = ReferralState::kReceived;
  r.stamps[ReferralState::kReceived] = nr.at;
  return r;
}

}  // namespace linkway
