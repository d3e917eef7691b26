#include "auth/password_gate.hpp"

#include <unistd.h>

#include <algorithm>

namespace linkway {
namespace {

std::size_t PhysicalMemory() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return std::size_t{1} << 30;  // assume 1 GiB
  return static_cast<std::size_t>(pages) * static_cast<std::size_t>(page);
}

}  // namespace

int PasswordGate::RunningFromMemory(std::size_t memory_bytes) {
  std::size_t per_check = std::size_t{64} << 20;
  return static_cast<int>(std::clamp<std::size_t>(memory_bytes / 8 / per_check, 1, 4));
}

PasswordGate::PasswordGate(PasswordGateOptions options) : options_(options) {
  if (options_.running <= 0) options_.running = RunningFromMemory(PhysicalMemory());
}

PasswordGate::Ticket::~Ticket() {
  if (gate_ != nullptr) gate_->Leave();
}

std::optional<PasswordGate::Ticket> PasswordGate::Enter() {
  std::unique_lock lock(mutex_);
  if (running_ < options_.running) {
    ++running_;
    return Ticket(this);
  }
  if (waiting_ >= options_.waiting) return std::nullopt;
  ++waiting_;
  bool got = freed_.wait_for(lock, options_.wait, [this] { return running_ < options_.running; });
  --waiting_;
  if (!got) return std::nullopt;
  ++running_;
  return Ticket(this);
}

int PasswordGate::Waiting() {
  std::lock_guard lock(mutex_);
  return waiting_;
}

void PasswordGate::Leave() {
  {
    std::lock_guard lock(mutex_);
    --running_;
  }
  freed_.notify_one();
}

}  // namespace linkway
