#include "support/app_harness.hpp"

#include <boost/json.hpp>

namespace linkway::testing {

AppRouter::AppRouter(TestWorld& w) : world(w) { RegisterRoutes(router, *w.system, ""); }

std::string Encode(const Fields& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += "&";
    body += http::UrlEncode(name) + "=" + http::UrlEncode(value);
  }
  return body;
}

http::Response PagesTest::Send(const std::string& method, const std::string& target,
                               const std::string& cookie, const std::string& body) {
  http::Request r;
  r.method = method;
  r.target = target;
  auto q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = http::ParseUrlEncoded(target.substr(q + 1));
  if (!cookie.empty()) r.headers["Cookie"] = cookie;
  if (!body.empty()) r.headers["Content-Type"] = "application/x-www-form-urlencoded";
  r.body = body;
  return app_.Handle(r);
}

PagesTest::Session PagesTest::SignIn(const std::string& user) {
  auto signed_in = w_.auth->SignIn(user, kPassword);
  EXPECT_TRUE(signed_in.ok());
  return {"lw_session=" + signed_in->session_token, signed_in->principal.csrf_token};
}

void ApiServer::SetUp() {
  http::ServerOptions options;
  options.port = 0;
  options.read_timeout = std::chrono::milliseconds(800);
  server_ =
      std::make_unique<http::Server>(options, [this](http::Request& r) { return app_.Handle(r); });
  port_ = server_->Start();
}

std::unique_ptr<Client> ApiServer::As(const std::string& user) {
  auto c = std::make_unique<Client>("127.0.0.1", port_);
  auto r = c->Json("POST", "/api/v1/session",
                   R"({"username":")" + user + R"(","password":")" + kPassword + "\"}");
  EXPECT_EQ(r.status, 200) << r.body;
  c->SetCookie(CookiePair(r.Header("set-cookie")));
  if (r.status == 200) {
    c->SetCsrf(std::string(boost::json::parse(r.body).at("csrf_token").as_string()));
  }
  return c;
}

}  // namespace linkway::testing
