// RFC 9457 problem details: the one table from core Status to HTTP status and body.
// The body says what is wrong for the client; it never carries patient data, and internal
// detail goes to the log only (by the caller). Thread-safe.
#pragma once

#include <string>

#include "core/status.hpp"
#include "http/message.hpp"

namespace linkway::http {

// 400 kInvalid for malformed requests is chosen by the caller; this maps:
// kInvalid 422, kNotFound 404, kConflict 409, kUnauthenticated 401, kForbidden 403,
// kTooLarge 413, kRateLimited 429, kUnavailable 503, kInternal 500.
int HttpStatusFor(Code code);

// application/problem+json with type, title, status, detail and, for field errors,
// "errors": [{"field": "...", "message": "..."}].
// Internal detail of a 5xx status goes to the log (stderr) here, never into the body.
Response Problem(const Status& status, int http_status = 0);
// Writes a 5xx status's detail to the log; for answers that are not problem details (pages).
void LogDetail(const Status& status, int http_status);
Response Problem(int http_status, const std::string& detail);

}  // namespace linkway::http
