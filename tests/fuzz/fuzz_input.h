// Shared by the fuzz targets: fuzzed bytes as text, or as a file for readers that take a path.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace spexbench::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Writes the input to one file per process (suffix `extension`) and returns its path.
inline std::filesystem::path as_file(const std::uint8_t* data, std::size_t size,
                                     const std::string& extension) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("spexbench-fuzz-" + std::to_string(getpid()) + extension);
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace spexbench::fuzz
