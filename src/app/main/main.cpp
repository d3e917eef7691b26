// linkway: the one binary, with subcommands. Wiring only; the work is in app/commands.cpp.
#include <CLI/CLI.hpp>

#include "app/commands.hpp"

#include <cstdio>
#include <exception>

namespace {

int Run(int argc, char** argv) {
  using namespace linkway;
  CLI::App app{"Linkway: social prescribing referrals, casework and insight"};
  app.require_subcommand(1);
  std::string db;

  ServeArgs serve;
  auto* serve_cmd = app.add_subcommand("serve", "Serve the web pages and the API");
  serve_cmd->add_option("--db", serve.db, "Database: a file path, sqlite:PATH or postgresql://...")
      ->required();
  serve_cmd
      ->add_option("--db-connections", serve.db_connections,
                   "PostgreSQL connections this instance keeps open")
      ->check(CLI::Range(1, 1000));
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT to listen on");
  serve_cmd->add_flag("--demo", serve.demo, "Seed a demo world first if the database is empty");
  serve_cmd->add_option("--assets", serve.assets, "Folder of web assets");
  serve_cmd->add_option("--codes", serve.codes, "Local code table (CSV) to use");
  serve_cmd->add_option("--measures", serve.measures,
                        "Folder of outcome-measure definitions (*.json) to add to ONS4 and UCLA3");
  serve_cmd->add_flag("--access-log", serve.access_log, "Log each request (no query strings)");
  serve_cmd->add_flag("--trust-proxy", serve.trust_proxy, "Honour X-Forwarded-Proto");
  serve_cmd->add_flag("--second-factor-for-all", serve.factor_for_all,
                      "Require a second factor of every role, commissioners included");
  serve_cmd->add_option("--workers", serve.workers, "Handler threads")->check(CLI::Range(1, 1024));
  serve_cmd
      ->add_option("--read-timeout-ms", serve.read_timeout_ms, "Time allowed to send one request")
      ->check(CLI::Range(100, 600000));

  auto* seed_cmd = app.add_subcommand("seed", "Fill an empty database");
  bool demo = false;
  seed_cmd->add_flag("--demo", demo, "The Herefordshire demo world")->required();
  seed_cmd->add_option("--db", db, "Database")->required();

  auto* migrate_cmd = app.add_subcommand("migrate", "Apply database migrations");
  migrate_cmd->add_option("--db", db, "Database")->required();

  auto* user_cmd = app.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "Add a user; the password comes on stdin");
  std::string username, role, org, name, profession;
  bool password_stdin = false;
  user_add->add_option("--db", db, "Database")->required();
  user_add->add_option("--username", username, "Sign-in name")->required();
  user_add->add_option("--role", role, "referrer|link_worker|vcse|commissioner|admin")->required();
  user_add->add_option("--org", org, "Organisation code")->required();
  user_add->add_option("--name", name, "Display name");
  user_add->add_option("--profession", profession, "gp, nurse, pharmacist, fire_service, ...");
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from stdin")
      ->required();

  auto* token_cmd = app.add_subcommand("token", "Bearer tokens for integrations");
  token_cmd->require_subcommand(1);
  auto* token_create = token_cmd->add_subcommand("create", "Print a new token for a user");
  token_create->add_option("--db", db, "Database")->required();
  token_create->add_option("--username", username, "User")->required();
  std::string token_name, token_id;
  int token_days = 90;
  token_create->add_option("--name", token_name, "What uses it (shown in token list)");
  token_create->add_option("--days", token_days, "Days until it expires (1 to 366; 90)")
      ->check(CLI::Range(1, 366));
  auto* token_list = token_cmd->add_subcommand("list", "Every token: id, user, name, dates");
  token_list->add_option("--db", db, "Database")->required();
  token_list->add_option("--username", username, "Only this user's");
  auto* token_revoke = token_cmd->add_subcommand("revoke", "End a token at once");
  token_revoke->add_option("--db", db, "Database")->required();
  token_revoke->add_option("--id", token_id, "The id token list shows")->required();

  auto* audit_cmd = app.add_subcommand("audit", "The audit trail");
  audit_cmd->require_subcommand(1);
  auto* audit_verify =
      audit_cmd->add_subcommand("verify", "Check the hash chain: exit 1 at the first tampered row");
  audit_verify->add_option("--db", db, "Database")->required();

  auto* org_cmd = app.add_subcommand("org", "Organisations");
  org_cmd->require_subcommand(1);
  auto* org_list = org_cmd->add_subcommand("list", "One organisation a line, tab-separated");
  std::string kind;
  org_list->add_option("--db", db, "Database")->required();
  org_list->add_option("--kind", kind, "icb|pcn|practice|vcse|agency");
  auto* org_add = org_cmd->add_subcommand("add", "Add or change one organisation");
  Organisation new_org;
  std::string org_kind;
  org_add->add_option("--db", db, "Database")->required();
  org_add->add_option("--code", new_org.code, "ODS or local code")->required();
  org_add->add_option("--kind", org_kind, "icb|pcn|practice|vcse|agency")
      ->required()
      ->check(CLI::IsMember({"icb", "pcn", "practice", "vcse", "agency"}));
  org_add->add_option("--name", new_org.name, "Name")->required();
  org_add->add_option("--parent", new_org.parent_code, "The PCN of a practice; the ICB of a PCN");
  org_add->add_option("--postcode", new_org.postcode, "Postcode");
  org_add->add_option("--areas", new_org.areas, "An agency's PCNs or ICB, comma-separated");

  auto* practices_cmd = app.add_subcommand("practices", "GP practices");
  practices_cmd->require_subcommand(1);
  auto* list_sizes = practices_cmd->add_subcommand(
      "import-list-sizes", "Registered list sizes from NHS Digital's practice CSV");
  std::string list_file;
  list_sizes->add_option("--db", db, "Database")->required();
  list_sizes->add_option("file", list_file, "gp-reg-pat-prac-all.csv or a file of that shape")
      ->required();

  auto* backup_cmd = app.add_subcommand("backup", "Copy the database, while it serves, to a file");
  std::string out, in, from, to;
  backup_cmd->add_option("--db", db, "Database")->required();
  backup_cmd->add_option("--out", out, "New backup file")->required();

  auto* restore_cmd = app.add_subcommand("restore", "Restore a backup file into an empty database");
  restore_cmd->add_option("--in", in, "Backup file")->required();
  restore_cmd->add_option("--db", db, "Empty database to restore into")->required();

  auto* migrate_data_cmd = app.add_subcommand(
      "migrate-data", "Copy everything into an empty database and compare checksums");
  migrate_data_cmd->add_option("--from", from, "Source database (stop serving it first)")
      ->required();
  migrate_data_cmd->add_option("--to", to, "Empty target database")->required();

  auto* directory_cmd = app.add_subcommand("directory", "The community service directory");
  directory_cmd->require_subcommand(1);
  auto* directory_import = directory_cmd->add_subcommand(
      "import", "Import services: HSDS 3.0 JSON, Open Referral UK v1 JSON or an HSDS data package");
  std::vector<std::string> import_files;
  directory_import->add_option("--db", db, "Database")->required();
  directory_import
      ->add_option("files", import_files,
                   "Files to import; a folder means its *.csv files and datapackage.json")
      ->required();

  auto* postcodes_cmd =
      app.add_subcommand("postcodes", "Postcode places, deprivation and rurality");
  postcodes_cmd->require_subcommand(1);
  auto* postcodes_import = postcodes_cmd->add_subcommand(
      "import", "Import an ONS postcode lookup (NSPL) CSV: pcds, lat, long, lsoa11, ru11ind, imd");
  std::string nspl_file;
  postcodes_import->add_option("--db", db, "Database")->required();
  postcodes_import->add_option("file", nspl_file, "The NSPL CSV file")->required();

  CLI11_PARSE(app, argc, argv);

  if (serve_cmd->parsed()) return RunServe(serve, argv[0]);
  if (seed_cmd->parsed()) return RunSeed(db);
  if (migrate_cmd->parsed()) return RunMigrate(db);
  if (user_add->parsed()) return RunUserAdd(db, username, role, org, name, profession);
  if (token_create->parsed()) return RunTokenCreate(db, username, token_name, token_days);
  if (token_list->parsed()) return RunTokenList(db, username);
  if (token_revoke->parsed()) return RunTokenRevoke(db, token_id);
  if (org_list->parsed()) return RunOrgList(db, kind);
  if (list_sizes->parsed()) return RunImportListSizes(db, list_file);
  if (org_add->parsed()) {
    new_org.kind = *ParseOrgKind(org_kind);
    return RunOrgAdd(db, new_org);
  }
  if (audit_verify->parsed()) return RunAuditVerify(db);
  if (backup_cmd->parsed()) return RunBackup(db, out);
  if (restore_cmd->parsed()) return RunRestore(in, db);
  if (migrate_data_cmd->parsed()) return RunMigrateData(from, to);
  if (directory_import->parsed()) return RunDirectoryImport(db, import_files);
  if (postcodes_import->parsed()) return RunPostcodesImport(db, nspl_file);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "linkway: %s\n", e.what());
    return 1;
  }
}
