// The writes linkway_sql_layer_bench measures, and Linkway's side of them. Kept apart from SOCI,
// whose SQLite header includes sqlite3.h inside a namespace of its own.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace linkway::bench {

inline constexpr std::string_view kSchema =
    "CREATE TABLE r (id INTEGER PRIMARY KEY, nhs TEXT, given TEXT, family TEXT, dob TEXT, "
    "postcode TEXT, phone TEXT, practice TEXT, pcn TEXT, referrer BIGINT, profession TEXT, "
    "reasons TEXT, other TEXT, c1 INTEGER, c2 INTEGER, urgency TEXT, note TEXT, at BIGINT);"
    "CREATE TABLE e (id INTEGER PRIMARY KEY, r BIGINT, at BIGINT, u BIGINT, role TEXT, f TEXT, "
    "t TEXT, reason TEXT, sys TEXT, code TEXT, display TEXT);"
    "CREATE TABLE a (id INTEGER PRIMARY KEY, at BIGINT, u BIGINT, name TEXT, role TEXT, "
    "action TEXT, type TEXT, record TEXT)";
inline constexpr std::string_view kReferral =
    "INSERT INTO r (nhs, given, family, dob, postcode, phone, practice, pcn, referrer, "
    "profession, reasons, other, c1, c2, urgency, note, at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
    "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";
inline constexpr std::string_view kEvent =
    "INSERT INTO e (r, at, u, role, f, t, reason, sys, code, display) VALUES ($1, $2, $3, $4, "
    "$5, $6, $7, $8, $9, $10)";
inline constexpr std::string_view kAudit =
    "INSERT INTO a (at, u, name, role, action, type, record) VALUES ($1, $2, $3, $4, $5, $6, $7)";

// The schema above for PostgreSQL (generated keys as BIGSERIAL).
std::string PgSchema();

// One intake (the three inserts and a commit) through Linkway's own connection to `url`
// (sqlite:PATH, unsynced, or a PostgreSQL URL, synchronous_commit off), after creating the
// tables; the connection lives as long as the function.
std::function<void(int)> OurIntake(const std::string& url);

}  // namespace linkway::bench
