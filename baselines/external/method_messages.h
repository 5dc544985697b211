// external.explainer's protocol (README.md beside this file), both directions: the messages
// spexbench sends a method, and every message a method can send, read and checked. From any bytes
// a method writes comes either one of the messages below or an Error naming the method and the
// problem. Apart from the process plumbing so that it can be fuzzed
// (tests/fuzz/method_messages_fuzz.cc).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/mask.h"
#include "core/sparse_polynomial.h"

namespace spexbench::external {

inline constexpr const char* kExplainerProtocol = "spexbench-explainer";
inline constexpr int kExplainerVersion = 1;

/// The method asks for the values of these masks.
struct MethodQuery {
  MaskBatch masks;
};
/// The method's answer, with what it settled on (stored as the cell's explainer info): Fourier or
/// Möbius terms of a surrogate, or (`index` set) the values of an interaction index of `order`,
/// held as Möbius-basis terms.
struct MethodExplanation {
  SparsePolynomial polynomial;
  std::vector<std::pair<std::string, std::string>> info;
  std::string index;  ///< core/interaction_index.h's name, or empty for a surrogate
  int order = 0;
};
/// What the method is doing now, for the person waiting (never part of results).
struct MethodProgress {
  std::string stage;
};
/// The method declares it cannot run on this problem; it must not have queried.
struct MethodInfeasible {
  std::string reason;
};
/// The method failed and says why.
struct MethodFailure {
  std::string message;
};
using MethodMessage =
    std::variant<MethodQuery, MethodExplanation, MethodProgress, MethodInfeasible, MethodFailure>;

/// The problem spexbench opens with.
[[nodiscard]] std::string problem_message(int n, std::int64_t budget, std::uint64_t seed,
                                          int threads, const std::string& params,
                                          const std::vector<std::string>& names);

/// Checks the method's first line, its hello: `{"protocol": ..., "version": ...}`.
void check_hello(const std::string& who, const std::string& line);

/// One message of a method speaking about a problem with n components. `who` opens every error
/// ("external.explainer: method 'python3 m.py'").
[[nodiscard]] MethodMessage parse_method_message(const std::string& who, const std::string& line,
                                                 int n);

/// The reply to a query: the values, in order.
[[nodiscard]] std::string values_message(std::span<const double> values);

/// The reply to a query that would pass the budget: `{"error": {"kind": ..., "message": ...}}`.
[[nodiscard]] std::string refusal_message(const std::string& kind, const std::string& message);

}  // namespace spexbench::external
