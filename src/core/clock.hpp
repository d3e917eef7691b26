// Time: a Clock interface so tests can fix "now", and civil date helpers.
// Times are Unix seconds (UTC); dates are "YYYY-MM-DD". Thread safety: SystemClock and
// FixedClock::Now are safe to call from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace linkway {

using UnixSeconds = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(UnixSeconds now) : now_(now) {}
  UnixSeconds Now() const override { return now_.load(); }
  void Set(UnixSeconds now) { now_ = now; }

 private:
  std::atomic<UnixSeconds> now_;
};

// Days since 1970-01-01 for a valid "YYYY-MM-DD", or nullopt when it is not a real date.
std::optional<std::int64_t> ParseDate(std::string_view text);
// "YYYY-MM-DD" for days since 1970-01-01.
std::string FormatDate(std::int64_t days);
// "2026-11-24T16:20:00Z".
std::string FormatTimestamp(UnixSeconds t);
// "24 Nov 2026" for pages.
std::string FormatDisplayDate(UnixSeconds t);
inline std::int64_t DayOf(UnixSeconds t) { return t >= 0 ? t / 86400 : (t - 86399) / 86400; }
// 1 Monday .. 7 Sunday for days since 1970-01-01 (a Thursday).
inline int Weekday(std::int64_t day) { return static_cast<int>(((day % 7) + 10) % 7) + 1; }

// Whole days someone has waited since `since`: until the wait ended (`ended`), or still counting
// on `now`. Never negative.
inline std::int64_t DaysWaiting(UnixSeconds since, std::optional<UnixSeconds> ended,
                                UnixSeconds now) {
  std::int64_t days = DayOf(ended.value_or(now)) - DayOf(since);
  return days > 0 ? days : 0;
}

}  // namespace linkway
