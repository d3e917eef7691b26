// The `linkway` subcommands. Each returns the process exit code and prints errors to stderr
// as one clear sentence. Not thread-safe: called once from main.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/system.hpp"

namespace linkway {

// Opens --db for a command, printing why not (and returning nullptr) when it cannot.
std::unique_ptr<sql::Database> OpenOrExplain(const std::string& db, sql::Options options = {});

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  bool demo = false;
  std::string assets;    // default: the assets folder beside the binary
  std::string codes;     // default: the shipped local code table
  std::string measures;  // a folder of extra outcome-measure definitions (*.json); empty: none
  bool access_log = false;
  bool trust_proxy = false;
  bool factor_for_all = false;  // a second factor for every role, not only those seeing records
  int workers = 64;
  int read_timeout_ms = 15000;
  int db_connections = 16;  // PostgreSQL pool size
};

int RunServe(const ServeArgs& args, const std::string& argv0);
int RunSeed(const std::string& db);
int RunMigrate(const std::string& db);
int RunUserAdd(const std::string& db, const std::string& username, const std::string& role,
               const std::string& org, const std::string& name, const std::string& profession);
int RunTokenCreate(const std::string& db, const std::string& username, const std::string& name,
                   int days);
int RunTokenList(const std::string& db, const std::string& username);
int RunTokenRevoke(const std::string& db, const std::string& id);
int RunOrgList(const std::string& db, const std::string& kind);
// Adds or changes one organisation: the ICB and the first PCN before the first administrator;
// the rest on the admin pages.
int RunOrgAdd(const std::string& db, const Organisation& org);
// Reads NHS Digital's "Patients Registered at a GP Practice" CSV into the practices' list sizes;
// rows for practices Linkway does not know are reported and left out.
int RunImportListSizes(const std::string& db, const std::string& file);
// Walks the audit chain: 0 when intact, 1 naming the first row changed, removed or inserted.
int RunAuditVerify(const std::string& db);

// Whole-database commands (data_commands.cpp).
int RunBackup(const std::string& db, const std::string& out);
int RunRestore(const std::string& in, const std::string& db);
int RunMigrateData(const std::string& from, const std::string& to);
// Postcodes from an ONS NSPL CSV, all in one write (data_commands.cpp).
int RunPostcodesImport(const std::string& db, const std::string& file);

// directory import (directory_commands.cpp): HSDS 3.0 JSON, Open Referral UK v1 JSON or an HSDS
// tabular data package (a folder means its *.csv files and datapackage.json). Prints a line per
// record and a summary; 0 when nothing was refused, 1 when some were (the good ones are still
// imported) or the import could not be written, 2 when a file cannot be read.
int RunDirectoryImport(const std::string& db, const std::vector<std::string>& files);

}  // namespace linkway
