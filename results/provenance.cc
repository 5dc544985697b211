#include "results/provenance.h"

#include <unistd.h>

#include <Eigen/Core>
#include <chrono>
#include <ctime>
#include <fstream>

#include "results/hdf5_io.h"
#include "spexbench/build_info.h"

namespace spexbench {
namespace {

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown";
}

std::string host_name() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof(buffer) - 1) != 0) return "unknown";
  return buffer;
}

}  // namespace

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

Provenance Provenance::collect(std::string command_line) {
  Provenance p;
  p.spexbench_version = build_info::kVersion;
  p.git_describe = build_info::kGitDescribe;
  p.git_dirty = build_info::kGitDirty;
  p.build_type = build_info::kBuildType;
  p.compiler = build_info::kCompiler;
  p.cxx_flags = build_info::kCxxFlags;
  p.dependencies["hdf5"] = hdf5::library_version();
  p.dependencies["eigen"] = std::to_string(EIGEN_WORLD_VERSION) + "." +
                            std::to_string(EIGEN_MAJOR_VERSION) + "." +
                            std::to_string(EIGEN_MINOR_VERSION);
  p.host = host_name();
  p.cpu = cpu_model();
  p.gpu = "none";
  p.started_utc = utc_now_iso8601();
  p.command_line = std::move(command_line);
  return p;
}

}  // namespace spexbench
