// Helpers shared by the SQLite row mappers. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace linkway::sqlite {

// Lists of codes are kept in one column as "a,b,c" (codes never hold commas).
std::string JoinCodes(const std::vector<std::string>& items);
std::vector<std::string> SplitCodes(const std::string& text);

}  // namespace linkway::sqlite
