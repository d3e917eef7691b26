#include "app/commands.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/seed.hpp"
#include "app/server_app.hpp"
#include "auth/audit_chain.hpp"
#include "core/embedded.hpp"
#include "insight/list_sizes.hpp"

namespace linkway {
const EmbeddedFiles& DefaultCodeFiles();

std::unique_ptr<sql::Database> OpenOrExplain(const std::string& db, sql::Options options) {
  if (db.empty()) {
    fmt::print(stderr,
               "linkway: --db is required (a file path, sqlite:PATH or postgresql://...)\n");
    return nullptr;
  }
  auto opened = OpenDatabase(db, options);
  if (!opened.ok()) {
    // The operator sees the database's own words (detail that clients never see).
    const Status& s = opened.status();
    fmt::print(stderr, "linkway: cannot open the database: {}\n",
               s.detail().empty() ? s.message() : s.detail());
    return nullptr;
  }
  return std::move(opened).value();
}

namespace {

std::optional<CodeTable> LoadCodes(const std::string& path) {
  std::string text;
  if (path.empty()) {
    text = std::string(DefaultCodeFiles().at("local_codes.csv"));
  } else {
    std::ifstream in(path);
    if (!in) {
      fmt::print(stderr, "linkway: cannot read the code table {}\n", path);
      return std::nullopt;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  auto table = CodeTable::Parse(text);
  if (!table.ok()) {
    fmt::print(stderr, "linkway: {}\n", table.status().message());
    return std::nullopt;
  }
  return std::move(table).value();
}

// Seeds an empty database quickly (no fsync per row), then checkpoints it to disk.
int SeedIfEmpty(const std::string& db, bool quiet_if_full) {
  auto store = OpenOrExplain(db, sql::Options{.durable = false});
  if (!store) return 1;
  auto codes = LoadCodes("");
  SystemClock clock;
  System system(*store, clock, *codes);
  auto empty = system.organisations.IsEmpty();
  if (!empty.ok()) {
    fmt::print(stderr, "linkway: {}\n", empty.status().message());
    return 1;
  }
  if (!*empty) {
    if (quiet_if_full) return 0;
    fmt::print(stderr, "linkway: the database already holds data; seed a new file instead\n");
    return 1;
  }
  fmt::print("Seeding a demo world into the {} database ...\n", store->name());
  auto report = SeedDemo(system, *codes, clock.Now());
  if (!report.ok()) {
    fmt::print(stderr, "linkway: seeding failed: {}\n", report.status().message());
    return 1;
  }
  fmt::print("Seeded {} referrals and {} signposts over 12 months.\n", report->referrals,
             report->signposts);
  return 0;
}

void PrintDemoSignIns(System& system) {
  auto users = system.auth_store.ListUsers();
  if (!users.ok()) return;
  const char* shown[] = {"referrer", "linkworker", "vcse", "commissioner", "admin"};
  fmt::print("Demo sign-ins (password: linkway-demo-2026):\n");
  for (const char* name : shown) {
    for (const auto& u : *users) {
      if (u.username != name) continue;
      auto org = system.organisations.Get(u.org_code);
      fmt::print("  {:<14} {:<13} {}\n", u.username, ToString(u.role),
                 org.ok() ? org->name : u.org_code);
    }
  }
}

std::filesystem::path DefaultAssets(const std::string& argv0) {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) exe = std::filesystem::absolute(argv0);
  return exe.parent_path() / "assets";
}

}  // namespace

int RunServe(const ServeArgs& args, const std::string& argv0) {
  if (args.demo && SeedIfEmpty(args.db, true) != 0) return 1;
  sql::Options store_options;
  store_options.pg_connections = args.db_connections;
  auto store = OpenOrExplain(args.db, store_options);
  if (!store) return 1;
  auto codes = LoadCodes(args.codes);
  if (!codes) return 1;
  ServeOptions options;
  try {
    auto [host, port] = http::ParseListen(args.listen);
    options.server.host = host;
    options.server.port = port;
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "linkway: {}\n", e.what());
    return 2;
  }
  options.server.access_log = args.access_log;
  options.server.trust_forwarded_proto = args.trust_proxy;
  options.server.worker_threads = args.workers;
  options.server.read_timeout = std::chrono::milliseconds(args.read_timeout_ms);
  options.assets = args.assets.empty() ? DefaultAssets(argv0) : std::filesystem::path(args.assets);

  // Block the stop signals before any thread starts, then wait for one here.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  SystemClock clock;
  System system(*store, clock, *codes, AuthOptions{.factor_for_all = args.factor_for_all});
  if (!args.measures.empty()) {
    auto measures = MeasureSet::Load(MeasureFiles(), args.measures);
    if (!measures.ok()) {
      fmt::print(stderr, "linkway: {}\n", measures.status().message());
      return 1;
    }
    system.measures = std::move(measures).value();  // before serving: Casework reads it
  }
  if (Status s = system.services.Start(); !s.ok()) {
    fmt::print(stderr, "linkway: cannot start the service directory: {}\n", s.message());
    return 1;
  }
  ServerApp app(system, options);
  unsigned short port = 0;
  try {
    port = app.Start();
  } catch (const std::exception& e) {
    fmt::print(stderr, "linkway: {}\n", e.what());
    return 1;
  }
  if (args.demo) PrintDemoSignIns(system);
  fmt::print("Linkway is serving at http://{}:{}/\n", options.server.host, port);
  std::fflush(stdout);
  int received = 0;
  sigwait(&signals, &received);
  fmt::print("Stopping.\n");
  app.Stop();
  return 0;
}

int RunSeed(const std::string& db) { return SeedIfEmpty(db, false); }

int RunMigrate(const std::string& db) {
  auto store = OpenOrExplain(db);
  if (!store) return 1;
  fmt::print("The database is at the latest schema.\n");
  return 0;
}

int RunUserAdd(const std::string& db, const std::string& username, const std::string& role,
               const std::string& org, const std::string& name, const std::string& profession) {
  auto parsed_role = ParseRole(role);
  if (!parsed_role) {
    fmt::print(stderr,
               "linkway: --role must be referrer, link_worker, vcse, commissioner or admin\n");
    return 2;
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) {
    fmt::print(stderr, "linkway: give the password on standard input (--password-stdin)\n");
    return 2;
  }
  auto store = OpenOrExplain(db);
  if (!store) return 1;
  SystemClock clock;
  AuthStore users(*store);
  Organisations organisations(*store);
  Auth auth(users, organisations, clock);
  auto user = auth.AddUser({username, name, *parsed_role, profession, org, password});
  if (!user.ok()) {
    std::string detail = user.status().message();
    for (const auto& f : user.status().fields()) detail += "; " + f.field + ": " + f.message;
    fmt::print(stderr, "linkway: {}\n", detail);
    return 1;
  }
  fmt::print("Added {} ({}, {}).\n", user->username, role, org);
  return 0;
}

namespace {

// `fn(auth)` over the database, or 1 when it cannot be opened.
template <typename Fn>
int WithAuth(const std::string& db, Fn fn) {
  auto store = OpenOrExplain(db);
  if (!store) return 1;
  SystemClock clock;
  AuthStore users(*store);
  Organisations organisations(*store);
  Auth auth(users, organisations, clock);
  return fn(auth);
}

int Explain(const Status& s) {
  std::string detail = s.message();
  for (const auto& f : s.fields()) detail += "; " + f.field + ": " + f.message;
  fmt::print(stderr, "linkway: {}\n", detail);
  return 1;
}

std::string DayOrNever(UnixSeconds t) { return t == 0 ? "never" : FormatDate(t / 86400); }

}  // namespace

int RunTokenCreate(const std::string& db, const std::string& username, const std::string& name,
                   int days) {
  return WithAuth(db, [&](Auth& auth) {
    auto token = auth.CreateApiToken(username, name, days);
    if (!token.ok()) return Explain(token.status());
    fmt::print("{}\n", *token);
    return 0;
  });
}

int RunTokenList(const std::string& db, const std::string& username) {
  return WithAuth(db, [&](Auth& auth) {
    auto tokens = auth.ListApiTokens(username);
    if (!tokens.ok()) return Explain(tokens.status());
    fmt::print("id\tuser\tname\tcreated\texpires\tlast used\tstate\n");
    UnixSeconds now = SystemClock().Now();
    for (const auto& t : *tokens) {
      std::string state = t.revoked_at != 0     ? "revoked " + DayOrNever(t.revoked_at)
                          : t.expires_at <= now ? "expired"
                                                : "live";
      fmt::print("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", t.id, t.username, t.name, DayOrNever(t.created_at),
                 DayOrNever(t.expires_at), DayOrNever(t.last_used_at), state);
    }
    return 0;
  });
}

int RunTokenRevoke(const std::string& db, const std::string& id) {
  return WithAuth(db, [&](Auth& auth) {
    if (Status s = auth.RevokeApiToken(id); !s.ok()) return Explain(s);
    fmt::print("Revoked token {}.\n", id);
    return 0;
  });
}

int RunAuditVerify(const std::string& db) {
  auto store = OpenOrExplain(db);
  if (!store) return 1;
  auto check = VerifyAudit(*store);
  if (!check.ok()) return Explain(check.status());
  if (!check->intact) {
    fmt::print("linkway: the audit trail was tampered with: {}\n", check->problem);
    return 1;
  }
  fmt::print("The audit chain is intact: {} rows sealed, {} newer not yet sealed.\n", check->rows,
             check->unsealed);
  fmt::print("Head hash: {} (keep it elsewhere: a later verify must reach it)\n", check->head);
  return 0;
}

int RunOrgList(const std::string& db, const std::string& kind) {
  std::optional<OrgKind> parsed;
  if (!kind.empty()) {
    parsed = ParseOrgKind(kind);
    if (!parsed) {
      fmt::print(stderr, "linkway: --kind must be icb, pcn, practice, vcse or agency\n");
      return 2;
    }
  }
  auto store = OpenOrExplain(db);
  if (!store) return 1;
  auto orgs = Organisations(*store).List(parsed);
  if (!orgs.ok()) {
    fmt::print(stderr, "linkway: {}\n", orgs.status().message());
    return 1;
  }
  for (const auto& o : *orgs) {
    fmt::print("{}\t{}\t{}\t{}\n", o.code, ToString(o.kind), o.name, o.parent_code);
  }
  return 0;
}

int RunOrgAdd(const std::string& db, const Organisation& org) {
  auto store = OpenOrExplain(db);
  if (!store) return 1;
  Status s = Organisations(*store).Put(org);
  if (!s.ok()) {
    fmt::print(stderr, "linkway: {}\n", s.message());
    for (const auto& f : s.fields()) fmt::print(stderr, "  {}: {}\n", f.field, f.message);
    return 1;
  }
  fmt::print("Stored {} {} ({}).\n", ToString(org.kind), org.code, org.name);
  return 0;
}

int RunImportListSizes(const std::string& db, const std::string& file) {
  std::ifstream in(file);
  if (!in) {
    fmt::print(stderr, "linkway: cannot read {}\n", file);
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto sizes = ParseListSizes(text.str());
  if (!sizes.ok()) {
    fmt::print(stderr, "linkway: {}: {}\n", file, sizes.status().message());
    return 1;
  }
  auto store = OpenOrExplain(db);
  if (!store) return 1;
  auto report = ListSizes(*store).Import(*sizes);
  if (!report.ok()) {
    fmt::print(stderr, "linkway: {}\n", report.status().message());
    return 1;
  }
  fmt::print("Stored the list sizes of {} practices.\n", report->used);
  for (const auto& code : report->unknown) {
    fmt::print("Not used: {} is not a practice Linkway knows\n", code);
  }
  return 0;
}

}  // namespace linkway
