#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>

namespace linkway::testing {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Client::Impl {
 public:
  Impl(std::string host, unsigned short port) : host_(std::move(host)), port_(port) {}

  HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                  const std::map<std::string, std::string>& headers) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        if (!stream_) Connect();
        bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
        req.set(bhttp::field::host, host_);
        for (const auto& [k, v] : headers) req.set(k, v);
        req.body() = body;
        req.keep_alive(true);
        req.prepare_payload();
        bhttp::write(*stream_, req);
        beast::flat_buffer buffer;
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        bhttp::read(*stream_, buffer, parser);
        auto res = parser.release();
        HttpResult out;
        out.status = static_cast<int>(res.result_int());
        for (const auto& f : res) {
          std::string name(f.name_string());
          std::transform(name.begin(), name.end(), name.begin(),
                         [](unsigned char c) { return std::tolower(c); });
          out.headers[name] = std::string(f.value());
        }
        out.body = std::move(res.body());
        if (!res.keep_alive()) stream_.reset();
        return out;
      } catch (const std::exception&) {
        stream_.reset();
      }
    }
    return {};
  }

 private:
  void Connect() {
    tcp::resolver resolver(ioc_);
    stream_ = std::make_unique<beast::tcp_stream>(ioc_);
    stream_->connect(resolver.resolve(host_, std::to_string(port_)));
    stream_->socket().set_option(tcp::no_delay(true));
  }

  std::string host_;
  unsigned short port_;
  net::io_context ioc_;
  std::unique_ptr<beast::tcp_stream> stream_;
};

Client::Client(std::string host, unsigned short port)
    : impl_(std::make_unique<Impl>(std::move(host), port)) {}
Client::~Client() = default;

HttpResult Client::Send(const std::string& method, const std::string& target,
                        const std::string& body,
                        const std::map<std::string, std::string>& headers) {
  return impl_->Send(method, target, body, headers);
}

HttpResult Client::Json(const std::string& method, const std::string& target,
                        const std::string& body, std::map<std::string, std::string> headers) {
  if (!body.empty()) headers.emplace("Content-Type", "application/json");
  if (!bearer_.empty()) headers.emplace("Authorization", "Bearer " + bearer_);
  if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
  if (!csrf_.empty()) headers.emplace("X-CSRF-Token", csrf_);
  return Send(method, target, body, headers);
}

std::string CookiePair(const std::string& set_cookie) {
  return set_cookie.substr(0, set_cookie.find(';'));
}

}  // namespace linkway::testing
