#include "auth/password_policy.hpp"

#include <crack.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace linkway {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The words of `text` of four letters or more ("Hereford Medical Group" gives three).
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : Lower(text) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      word += c;
    } else {
      if (word.size() >= 4) out.push_back(word);
      word.clear();
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> PasswordProblem(std::string_view password,
                                           const std::vector<std::string>& context) {
  if (password.size() < kMinPasswordLength) return "must be at least 10 characters";
  if (std::all_of(password.begin(), password.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; })) {
    return "must not be only spaces";
  }
  std::string lower = Lower(password);
  std::vector<std::string> words = {"linkway"};
  for (const auto& c : context) {
    for (auto& w : Words(c)) words.push_back(std::move(w));
  }
  for (const auto& w : words) {
    if (lower.find(w) != std::string::npos) {
      return "must not contain '" + w + "' (your username, organisation or Linkway)";
    }
  }
  // The password, and its core without the digits and symbols people add at either end
  // ("password1234!" is "password" to a guesser).
  std::string text(password);
  auto first = text.find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
  auto last = text.find_last_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
  std::vector<std::string> candidates = {text};
  if (first != std::string::npos && last - first + 1 >= 6 && last - first + 1 < text.size()) {
    candidates.push_back(text.substr(first, last - first + 1));
  }
  static std::mutex mutex;  // cracklib keeps its dictionary in static state
  std::lock_guard lock(mutex);
  for (const auto& candidate : candidates) {
    const char* problem = FascistCheck(candidate.c_str(), GetDefaultCracklibDict());
    if (problem != nullptr) return std::string("is too easy to guess: ") + problem;
  }
  return std::nullopt;
}

}  // namespace linkway
