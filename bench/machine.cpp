#include "machine.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace linkway::bench {
namespace {

std::string FirstLine(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

// /proc/self/mounts escapes spaces and a few other characters as octal "\040".
std::string Unescape(const std::string& field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      out += static_cast<char>(std::stoi(field.substr(i + 1, 3), nullptr, 8));
      i += 3;
    } else {
      out += field[i];
    }
  }
  return out;
}

bool UnderMount(const std::string& path, const std::string& mount) {
  if (mount == "/") return true;
  return path.rfind(mount, 0) == 0 && (path.size() == mount.size() || path[mount.size()] == '/');
}

}  // namespace

DiskInfo DescribeDisk(const std::filesystem::path& path) {
  DiskInfo info;
  std::error_code ec;
  std::string target = std::filesystem::canonical(path, ec).string();
  if (ec) return info;
  std::ifstream mounts("/proc/self/mounts");
  std::string line;
  std::size_t best = 0;
  while (std::getline(mounts, line)) {
    std::istringstream fields(line);
    std::string device;
    std::string mount;
    std::string type;
    fields >> device >> mount >> type;
    mount = Unescape(mount);
    if (UnderMount(target, mount) && mount.size() >= best) {
      best = mount.size();
      info.device = device;
      info.mount_point = mount;
      info.fs_type = type;
    }
  }
  if (info.device.rfind("/dev/", 0) == 0) {
    std::string name = std::filesystem::path(info.device).filename().string();
    std::filesystem::path block = "/sys/class/block/" + name;
    auto queue = [&block](const char* name) {
      std::string value = FirstLine(block / "queue" / name);
      return value.empty() ? FirstLine(block / ".." / "queue" / name) : value;  // a partition
    };
    if (std::string flag = queue("rotational"); !flag.empty())
      info.rotational = "rotational=" + flag;
    if (std::string cache = queue("write_cache"); !cache.empty()) info.write_cache = cache;
  }
  return info;
}

std::string DescribeCpus() {
  long count = sysconf(_SC_NPROCESSORS_ONLN);
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  std::string model = "unknown CPU";
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      auto colon = line.find(':');
      if (colon != std::string::npos) model = line.substr(line.find_first_not_of(' ', colon + 1));
      break;
    }
  }
  return std::to_string(count) + " x " + model;
}

std::string LoadAverage() {
  std::istringstream fields(FirstLine("/proc/loadavg"));
  std::string one;
  std::string five;
  std::string fifteen;
  fields >> one >> five >> fifteen;
  return one.empty() ? "unknown" : one + " " + five + " " + fifteen;
}

double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace linkway::bench
