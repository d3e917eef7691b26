// The include rule holds on the source tree, and the check itself catches a planted breach.
#include "layering/layering.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/scratch_db.hpp"

namespace linkway::layering {
namespace {

std::string Read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::filesystem::path kSource = LINKWAY_SOURCE_DIR;

void Write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

TEST(Layering, EveryIncludeKeepsTheRule) {
  auto found = Violations(kSource / "src", Read(kSource / "tests/layering/layers.txt"));
  std::string all;
  for (const auto& v : found) all += v + "\n";
  EXPECT_TRUE(found.empty()) << all;
}

TEST(Layering, ThePlantedBreachesAreFound) {
  testing::TempDir dir;
  std::filesystem::copy(kSource / "src", dir.path() / "src",
                        std::filesystem::copy_options::recursive);
  std::string layers = Read(kSource / "tests/layering/layers.txt");
  ASSERT_TRUE(Violations(dir.path() / "src", layers).empty());
  // core reaching up into the store; http into a capability; one capability into another's
  // internals; and a module nobody placed.
  Write(dir.path() / "src/core/planted.hpp", "#pragma once\n#include \"store/sql.hpp\"\n");
  Write(dir.path() / "src/http/planted.cpp", "#include \"referrals/referrals.hpp\"\n");
  Write(dir.path() / "src/accounts/planted.cpp",
        "#include \"referrals/referrals.hpp\"\n#include \"referrals/referral_store.hpp\"\n");
  Write(dir.path() / "src/telepathy/planted.cpp", "#include \"core/status.hpp\"\n");
  auto found = Violations(dir.path() / "src", layers);
  std::string all;
  for (const auto& v : found) all += v + "\n";
  ASSERT_EQ(found.size(), 4u) << all;
  EXPECT_NE(all.find("src/core/planted.hpp:2 includes store/sql.hpp, which core may not use"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("src/http/planted.cpp:1 includes referrals/referrals.hpp"), std::string::npos);
  EXPECT_NE(all.find("src/accounts/planted.cpp:2 includes referrals/referral_store.hpp"),
            std::string::npos);
  EXPECT_EQ(all.find("src/accounts/planted.cpp:1"), std::string::npos);  // the public header
  EXPECT_NE(all.find("module telepathy is not in layers.txt"), std::string::npos);
}

}  // namespace
}  // namespace linkway::layering
