// Errors, in two tiers (docs/architecture.md, "Errors"):
//
//  * spexbench::Error is for anything a user, a spec string, a file, a model or the environment can
//    cause. Messages name the component and the offending value ("spex: t=0, must be >= 1"). The
//    CLI prints it and exits with status 2; the cell runner records it in the cell and goes on.
//  * SPEXBENCH_ASSERT is for internal invariants: it prints file and line and aborts, in every
//  build.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace spexbench {

/// Why a cell could not produce a result. Stored in results as the lowercase name.
enum class ErrorKind {
  kInvalidInput,    ///< bad spec, parameter, file or data: the user can fix it
  kBudgetExceeded,  ///< an explainer asked the oracle for more queries than the budget allows
  kInfeasible,  ///< the explainer declares it cannot run at this (n, budget); nothing was queried
  kValueFunction,  ///< the value function misbehaved (non-finite value, wrong count, dead process)
};

[[nodiscard]] std::string_view error_kind_name(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  explicit Error(std::string message, ErrorKind kind = ErrorKind::kInvalidInput)
      : std::runtime_error(std::move(message)), kind_(kind) {}
  [[nodiscard]] ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

/// Concatenates anything streamable: str_cat("n=", n, " exceeds ", limit).
template <class... Parts>
[[nodiscard]] std::string str_cat(const Parts&... parts) {
  std::ostringstream out;
  (out << ... << parts);
  return out.str();
}

namespace detail {
[[noreturn]] void assertion_failed(const char* condition, const char* file, int line,
                                   const std::string& message);
}  // namespace detail

}  // namespace spexbench

/// Throws spexbench::Error(kInvalidInput) with the concatenated message when cond is false.
#define SPEXBENCH_CHECK(cond, ...)                                            \
  do {                                                                        \
    if (!(cond)) throw ::spexbench::Error(::spexbench::str_cat(__VA_ARGS__)); \
  } while (false)

/// Aborts with file, line and message when an internal invariant is broken. Active in all builds.
#define SPEXBENCH_ASSERT(cond, ...)                                                               \
  do {                                                                                            \
    if (!(cond))                                                                                  \
      ::spexbench::detail::assertion_failed(#cond, __FILE__, __LINE__,                            \
                                            ::spexbench::str_cat("" __VA_OPT__(, ) __VA_ARGS__)); \
  } while (false)
