#include "app/server_app.hpp"

#include <cstdio>

#include "app/routes.hpp"
#include "auth/audit_chain.hpp"

namespace linkway {

ServerApp::ServerApp(System& system, ServeOptions options)
    : system_(system), options_(std::move(options)) {
  RegisterRoutes(router_, system_, options_.assets);
  server_ = std::make_unique<http::Server>(options_.server, [this](http::Request& r) {
    return Handle(r, system_, router_, options_.assets);
  });
}

ServerApp::~ServerApp() { Stop(); }

unsigned short ServerApp::Start() {
  unsigned short port = server_->Start();
  housekeeper_ = std::thread([this] { Housekeeping(); });
  return port;
}

void ServerApp::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (housekeeper_.joinable()) housekeeper_.join();
  server_->Stop();
}

void ServerApp::Housekeeping() {
  std::unique_lock lock(mutex_);
  auto next_sweep = std::chrono::steady_clock::now();
  while (!stopping_) {
    lock.unlock();
    // The audit chain, every few seconds, so that a row added by hand is not sealed in with
    // the rest for long (auth/audit_chain.hpp).
    if (auto sealed = SealAudit(system_.db); !sealed.ok()) {
      std::fprintf(stderr, "linkway: sealing the audit trail failed: %s\n",
                   sealed.status().message().c_str());
    }
    if (std::chrono::steady_clock::now() >= next_sweep) {
      next_sweep += sweep_every_;
      Sweep();
    }
    lock.lock();
    wake_.wait_for(lock, seal_every_, [this] { return stopping_; });
  }
  lock.unlock();
  (void)SealAudit(system_.db);  // what the last moments wrote
}

void ServerApp::Sweep() {
  auto swept = system_.casework.Sweep();
  if (!swept.ok()) {
    std::fprintf(stderr, "linkway: the connection sweep failed: %s\n",
                 swept.status().message().c_str());
  }
  // Sign-in failures past their window, sessions expired or idle, drafts used or expired:
  // nothing an unauthenticated client leaves behind stays for long.
  if (auto purged = system_.auth.Purge(); !purged.ok()) {
    std::fprintf(stderr, "linkway: purging sign-in records failed: %s\n",
                 purged.status().message().c_str());
  }
  if (auto purged = system_.referrals.PurgeDrafts(); !purged.ok()) {
    std::fprintf(stderr, "linkway: purging drafts failed: %s\n", purged.status().message().c_str());
  }
}

}  // namespace linkway
