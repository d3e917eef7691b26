// What the benchmark ran on, printed beside its figures: CPUs, and the disk and file system
// under the benchmark's folder (fsync cost depends on both). Linux only; fields it cannot
// find read "unknown". Thread safety: plain functions.
#pragma once

#include <filesystem>
#include <random>
#include <string>

namespace linkway::bench {

struct DiskInfo {
  std::string device = "unknown";   // "/dev/vda"
  std::string fs_type = "unknown";  // "ext4"
  std::string mount_point = "unknown";
  // The kernel's flag, "rotational=0" or "rotational=1"; virtual disks often claim 1.
  std::string rotational = "rotational=unknown";
  std::string write_cache = "unknown";  // "write back" (fsync flushes a cache) or "write through"
  [[nodiscard]] bool InMemory() const { return fs_type == "tmpfs" || fs_type == "ramfs"; }
};

// The mount holding `path` (an existing folder), from /proc/self/mounts and /sys/class/block.
DiskInfo DescribeDisk(const std::filesystem::path& path);

// "2 x Intel(R) Xeon(R) ..." from nproc and /proc/cpuinfo.
std::string DescribeCpus();

// The 1, 5 and 15 minute load averages from /proc/loadavg, "0.52 0.58 0.59"; other work on the
// machine shows up here and in the figures.
std::string LoadAverage();

// CPU time (user + system) used by this whole process so far, in seconds: the server and the
// client threads together, since both run in this process.
double ProcessCpuSeconds();

// A fresh folder for this run's databases, removed with everything in it at the end.
class WorkDir {
 public:
  explicit WorkDir(const std::filesystem::path& parent) {
    std::random_device rd;
    path_ = std::filesystem::absolute(parent) / ("linkway-bench-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~WorkDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  WorkDir(WorkDir&&) = delete;
  WorkDir& operator=(WorkDir&&) = delete;
  [[nodiscard]] const std::filesystem::path& Path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace linkway::bench
