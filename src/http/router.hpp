// Routes a request to its handler by method and path pattern ("/api/v1/referrals/{id}").
// A path that matches no pattern gets 404; a known path with another method gets 405 with an
// Allow header. Thread safety: add routes before serving; Handle is then safe from any thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace linkway::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void Add(std::string method, const std::string& pattern, Handler handler);
  // Fills request.route and calls the handler, or answers 404/405 itself.
  Response Handle(Request& request) const;
  // The fallback for paths no route matches (static files); default answers 404.
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }
  // Every route as "METHOD /pattern", in the order added: for the access matrix test.
  std::vector<std::string> Routes() const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> parts;
    Handler handler;
  };
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace linkway::http
