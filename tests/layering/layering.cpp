#include "layering/layering.hpp"

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace linkway::layering {
namespace {

struct Rule {
  bool capability = false;
  bool any = false;
  std::set<std::string> may;
};

std::map<std::string, Rule> ParseRules(const std::string& text, std::vector<std::string>& errors) {
  std::map<std::string, Rule> rules;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto colon = line.find(':');
    if (colon == std::string::npos) {
      errors.push_back("layers.txt: no ':' in \"" + line + "\"");
      continue;
    }
    std::istringstream head(line.substr(0, colon));
    std::string name;
    std::string mark;
    head >> name >> mark;
    Rule rule;
    rule.capability = mark == "capability";
    std::istringstream may(line.substr(colon + 1));
    for (std::string m; may >> m;) {
      if (m == "*") rule.any = true;
      rule.may.insert(m);
    }
    rules[name] = rule;
  }
  return rules;
}

}  // namespace

std::vector<std::string> Violations(const std::filesystem::path& src, const std::string& layers) {
  std::vector<std::string> out;
  auto rules = ParseRules(layers, out);
  static const std::regex kInclude(R"(^\s*#\s*include\s+\"([^\"]+)\")");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    std::string file = entry.path().filename().string();
    if (file.ends_with("_test.cpp")) continue;
    auto relative = std::filesystem::relative(entry.path(), src);
    std::string module = relative.begin()->string();
    auto rule = rules.find(module);
    if (rule == rules.end()) {
      out.push_back("src/" + relative.string() + ": module " + module + " is not in layers.txt");
      continue;
    }
    std::ifstream in(entry.path());
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      std::smatch m;
      if (!std::regex_search(line, m, kInclude)) continue;
      std::string included = m[1];
      auto slash = included.find('/');
      if (slash == std::string::npos) continue;  // a generated or local file
      std::string from = included.substr(0, slash);
      if (rule->second.any || from == module) continue;
      std::string where =
          "src/" + relative.string() + ":" + std::to_string(number) + " includes " + included;
      if (!rule->second.may.contains(from)) {
        auto other = rules.find(from);
        bool capability = other != rules.end() && other->second.capability;
        // Another capability, through its public header only.
        if (rule->second.capability && capability && included == from + "/" + from + ".hpp") {
          continue;
        }
        out.push_back(
            where + ", which " + module + " may not use" +
            (capability ? " (other capabilities only through " + from + "/" + from + ".hpp)" : ""));
      }
    }
  }
  return out;
}

}  // namespace linkway::layering
