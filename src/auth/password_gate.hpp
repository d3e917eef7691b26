// A bound on password hashing running at once. Each argon2id check takes 64 MiB, so without a
// bound a burst of sign-ins (no account needed) takes memory without limit. At most `running`
// checks run; up to `waiting` more wait their turn for up to `wait`; anyone beyond is turned
// away at once, so the caller can answer 503 rather than queue without end.
// Thread safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>

namespace linkway {

struct PasswordGateOptions {
  int running = 0;  // 0: from the machine's memory (PasswordGate::RunningFromMemory)
  int waiting = 16;
  std::chrono::milliseconds wait{3000};
};

class PasswordGate {
 public:
  explicit PasswordGate(PasswordGateOptions options = {});

  // Held while one check runs; returns its place when it goes.
  class Ticket {
   public:
    explicit Ticket(PasswordGate* gate) : gate_(gate) {}
    Ticket(Ticket&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket();

   private:
    PasswordGate* gate_;
  };

  // A ticket once a place is free, or nullopt when the queue is full or the wait ran out.
  std::optional<Ticket> Enter();

  // Checks that may run at once with an eighth of `memory_bytes` at 64 MiB each, from 1 to 4.
  static int RunningFromMemory(std::size_t memory_bytes);
  int running_limit() const { return options_.running; }
  // How many wait for a place now.
  int Waiting();

 private:
  void Leave();

  PasswordGateOptions options_;
  std::mutex mutex_;
  std::condition_variable freed_;
  int running_ = 0;
  int waiting_ = 0;
};

}  // namespace linkway
