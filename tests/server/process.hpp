// Runs the linkway binary as a child process for tests: commands to completion with their
// output, and `serve` in the background until killed. Not thread-safe.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace linkway::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs LINKWAY_BINARY with `args`, feeding `input` on stdin.
CommandResult RunLinkway(const std::vector<std::string>& args, const std::string& input = "");

// A free TCP port on 127.0.0.1 (bound and released; good enough for tests).
unsigned short FreePort();

class ServeProcess {
 public:
  // Starts `linkway serve --db DB --listen 127.0.0.1:PORT` plus `extra` and waits until
  // /healthz answers (up to 20 s).
  ServeProcess(const std::string& db, unsigned short port,
               const std::vector<std::string>& extra = {});
  ~ServeProcess();
  void Kill(int signal);  // and reap
  bool running() const { return pid_ > 0; }
  unsigned short port() const { return port_; }

 private:
  pid_t pid_ = -1;
  unsigned short port_;
};

}  // namespace linkway::testing
