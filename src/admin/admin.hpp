// The admin module: administration on the web for the admin role, within their own
// organisation's tree (an ICB's administrator: everything under the ICB; a PCN's: the PCN and
// its practices). Users (create, role, deactivate, password reset link, second factor reset,
// last sign-in), organisations (practices, PCNs, community organisations and agencies, and the
// ODS practice file), sign-in throttles, bearer tokens, and the audit page ("who has seen this
// person's record", "what has this user done", as CSV too). Every change and every audit search
// is itself audited.
// Thread safety: register before serving; everything passed must outlive the router.
#pragma once

#include "auth/audit.hpp"
#include "auth/auth.hpp"
#include "casework/casework.hpp"
#include "http/router.hpp"
#include "reference/organisations.hpp"
#include "referrals/referrals.hpp"

namespace linkway {

struct AdminContext {
  Auth& auth;
  AuthStore& users;
  Organisations& organisations;
  AuditTrail& audit;
  Casework& casework;    // which records are one person's, for the audit page
  Referrals& referrals;  // the local code table
};

void RegisterAdmin(http::Router& router, AdminContext context);

}  // namespace linkway
