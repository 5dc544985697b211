// The worker's side of external.process's protocol (README.md beside this file), read and checked:
// every message a worker can send, from any bytes, is either accepted or an Error(kValueFunction)
// naming the worker and the problem. Apart from the process plumbing so that it can be fuzzed
// (tests/fuzz/worker_messages_fuzz.cc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace spexbench::external {

inline constexpr const char* kProtocol = "spexbench-external";
inline constexpr int kVersion = 1;
/// The most components a worker may announce: the most any task of the suite takes.
inline constexpr std::int64_t kMaxFeatures = 65536;

/// A line from the worker as JSON.
[[nodiscard]] nlohmann::json parse_worker_line(const std::string& command, const std::string& line);

/// The number of components the worker's handshake announces; `expected_n` 0 takes any.
[[nodiscard]] int handshake_features(const std::string& command, const nlohmann::json& hello,
                                     int expected_n);

/// The `count` finite values of a reply to a message of `count` masks, the first of which is mask
/// `first` of the call (for the error messages).
[[nodiscard]] std::vector<double> reply_values(const std::string& command,
                                               const nlohmann::json& reply, std::size_t count,
                                               std::size_t first);

}  // namespace spexbench::external
