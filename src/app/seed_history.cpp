#include "app/seed_history.hpp"

#include <algorithm>

#include "referrals/referral_life.hpp"

namespace linkway::demo {
namespace {

constexpr UnixSeconds kMinute = 60;
constexpr UnixSeconds kHour = 60 * kMinute;
constexpr UnixSeconds kSurgeryOpens = 8 * kHour;
constexpr UnixSeconds kSurgeryCloses = 18 * kHour + 30 * kMinute;
constexpr UnixSeconds kWorkStarts = 9 * kHour;
constexpr UnixSeconds kWorkEnds = 17 * kHour;
constexpr UnixSeconds kGap = 15 * kMinute;  // the least time between two steps on one day

constexpr std::string_view kWithdrawReasons[] = {
    "The person asked not to go ahead",
    "Sent in error: the person already has an open referral",
    "The person has moved to another practice",
};

constexpr std::string_view kDeclineReasons[] = {
    "Needs are clinical; referred back to GP",
    "Already supported by the community mental health team",
    "Safeguarding concern; passed to adult social care the same day",
    "Already working with a link worker on a current plan",
};

constexpr std::string_view kUnableToContact =
    "No answer to three calls and a letter over two weeks";

constexpr std::string_view kOutcomeCodes[] = {"goals_met",  "some_goals_met", "no_goals_met",
                                              "disengaged", "moved_away",     "other"};
constexpr int kOutcomeWeights[] = {38, 32, 8, 12, 4, 6};

bool IsWeekend(std::int64_t day) { return (day + 3) % 7 >= 5; }  // 1970-01-01 was a Thursday

// The working day `n` working days after `day` (or `day` itself, moved off a weekend).
std::int64_t AddWorkingDays(std::int64_t day, int n) {
  while (IsWeekend(day)) ++day;
  for (int i = 0; i < n; ++i) {
    ++day;
    while (IsWeekend(day)) ++day;
  }
  return day;
}

// A time in the link worker's working hours, `working_days` after `after` and later than it.
UnixSeconds WorkTime(UnixSeconds after, int working_days, SeedRandom& random) {
  std::int64_t day = AddWorkingDays(DayOf(after), working_days);
  UnixSeconds earliest = kWorkStarts;
  if (day == DayOf(after)) {
    earliest = std::max(earliest, after - day * kDay + kGap);
    if (earliest >= kWorkEnds - kHour) {
      day = AddWorkingDays(day, 1);
      earliest = kWorkStarts;
    }
  }
  return day * kDay + earliest + static_cast<UnixSeconds>(random.Below(kWorkEnds - earliest));
}

}  // namespace

std::vector<UnixSeconds> SurgeryTimes(double per_week, UnixSeconds from, UnixSeconds to,
                                      SeedRandom& random) {
  std::vector<UnixSeconds> times;
  if (per_week <= 0) return times;
  for (std::int64_t day = DayOf(from); day <= DayOf(to); ++day) {
    if (IsWeekend(day)) continue;
    int count = random.Poisson(per_week / 5.0);
    for (int i = 0; i < count; ++i) {
      UnixSeconds open = kSurgeryCloses - kSurgeryOpens;
      UnixSeconds t = day * kDay + kSurgeryOpens + static_cast<UnixSeconds>(random.Below(open));
      if (t > from && t <= to) times.push_back(t);
    }
  }
  std::sort(times.begin(), times.end());
  return times;
}

std::vector<Step> PlanLife(UnixSeconds received, bool urgent, UnixSeconds now,
                           UnixSeconds link_worker_away_from, SeedRandom& random) {
  std::vector<Step> steps;
  auto add = [&](Step step) {
    UnixSeconds limit = step.by_referrer ? now : std::min(now, link_worker_away_from);
    if (step.at > limit) return false;
    steps.push_back(std::move(step));
    return true;
  };
  using S = ReferralState;
  double fate = random.Unit();
  if (fate < 0.03) {
    UnixSeconds at = WorkTime(received, random.Between(0, 4), random);
    add({S::kWithdrawn, at, true, std::string(random.Pick(kWithdrawReasons)), ""});
    return steps;
  }
  // Most are looked at within a few days; a few wait the full two weeks.
  int wait = urgent ? random.Between(0, 2) : std::min(random.Between(0, 10), random.Between(0, 10));
  UnixSeconds decided = WorkTime(received, wait, random);
  if (fate < 0.11) {
    add({S::kDeclined, decided, false, std::string(random.Pick(kDeclineReasons)), ""});
    return steps;
  }
  if (!add({S::kAccepted, decided, false, "", ""})) return steps;
  UnixSeconds tried = WorkTime(decided, random.Between(1, 7), random);
  if (random.Chance(0.15)) {
    add({S::kUnableToContact, tried, false, std::string(kUnableToContact), ""});
    return steps;
  }
  if (!add({S::kContacted, tried, false, "", ""})) return steps;
  UnixSeconds planned = WorkTime(tried, random.Between(0, 10), random);
  if (!add({S::kActive, planned, false, "", ""})) return steps;
  UnixSeconds closed = WorkTime(planned + random.Between(28, 112) * kDay, 0, random);
  std::string outcome(kOutcomeCodes[random.Weighted(kOutcomeWeights)]);
  std::string reason = outcome == "other" ? "Moved into residential care" : "";
  add({S::kClosed, closed, false, reason, outcome});
  return steps;
}

Status WriteLife(ReferralStore& store, const CodeTable& codes, std::int64_t id,
                 const std::vector<Step>& steps, const Actor& referrer, const Actor& link_worker,
                 const ReferralStore::After& after) {
  for (const Step& step : steps) {
    const Actor& who = step.by_referrer ? referrer : link_worker;
    auto decide = [&](const Referral& current) -> Result<ReferralEvent> {
      TransitionRequest request{step.to, step.reason, step.outcome};
      return TakeStep(current, request, codes, {who.id, who.username, who.role}, step.at);
    };
    AuditEntry audit{
        0,          step.at,           who.id, who.username, who.role, "referral.transition",
        "referral", std::to_string(id)};
    auto moved = store.Update(id, decide, audit, after);
    if (!moved.ok()) return moved.status();
  }
  return Status::Ok();
}

}  // namespace linkway::demo
