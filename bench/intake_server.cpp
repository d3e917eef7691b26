#include "intake_server.hpp"

#include "app/routes.hpp"

#include <cstdio>
#include <stdexcept>

#include "support/http_client.hpp"

#include "core/embedded.hpp"
#include "support/test_world.hpp"

namespace linkway {
const EmbeddedFiles& DefaultCodeFiles();
}

namespace linkway::bench {

IntakeServer::IntakeServer(const std::string& db_url, const sql::Options& db_options) {
  auto opened = OpenDatabase(db_url, db_options);
  if (!opened.ok()) throw std::runtime_error(opened.status().message());
  db_ = std::move(opened).value();
  auto table = CodeTable::Parse(DefaultCodeFiles().at("local_codes.csv"));
  if (!table.ok()) throw std::runtime_error(table.status().message());
  codes_ = std::move(table).value();
  system_ = std::make_unique<System>(*db_, clock_, codes_);
  testing::PopulateWorld(*system_);
  RegisterRoutes(router_, *system_, "");
  auto token = system_->auth.CreateApiToken("gp1");
  if (!token.ok()) throw std::runtime_error(token.status().message());
  token_ = *token;
  http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.worker_threads = 128;
  server_ = std::make_unique<http::Server>(
      options, [this](http::Request& r) { return Handle(r, *system_, router_, ""); });
  port_ = server_->Start();
}

IntakeServer::~IntakeServer() { server_->Stop(); }

LoadSpec IntakeServer::Spec() const {
  return {"127.0.0.1", port_, token_, "POST", "/api/v1/referrals", std::string(kReferral), 201};
}

bool IntakeServer::Probe() const {
  testing::Client probe("127.0.0.1", port_);
  probe.SetBearer(token_);
  auto answer = probe.Json("POST", "/api/v1/referrals", std::string(kReferral));
  if (answer.status == 201) return true;
  std::fprintf(stderr, "linkway_bench: a referral got %d, not 201: %s\n", answer.status,
               answer.body.c_str());
  return false;
}

}  // namespace linkway::bench
