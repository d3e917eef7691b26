// Closed-loop load over HTTP: `clients` threads, each with its own keep-alive connection, each
// sending the same request again as soon as the previous answer arrives, for a fixed time.
// Thread safety: plain function; it starts and joins its own threads.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace linkway::bench {

struct LoadSpec {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  std::string bearer;
  std::string method = "POST";
  std::string target;
  std::string body;
  int expect_status = 201;
};

struct LoadResult {
  std::size_t ok = 0;                   // answers with expect_status
  std::map<int, std::size_t> failures;  // by status; 0 is a connection failure
  double seconds = 0;                   // from the common start until the last client stopped
  std::vector<double> latencies_ms;     // of the ok answers only
};

// Each client first sends one untimed GET /healthz so that connecting is not timed, then
// all start together and send until `seconds` have passed; a request in flight at the
// deadline is waited for and counted.
LoadResult RunLoad(const LoadSpec& spec, int clients, double seconds);

}  // namespace linkway::bench
