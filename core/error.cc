#include "core/error.h"

#include <cstdio>
#include <cstdlib>

namespace spexbench {

std::string_view error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidInput:
      return "invalid_input";
    case ErrorKind::kBudgetExceeded:
      return "budget_exceeded";
    case ErrorKind::kInfeasible:
      return "infeasible";
    case ErrorKind::kValueFunction:
      return "value_function";
  }
  return "unknown";
}

namespace detail {
void assertion_failed(const char* condition, const char* file, int line,
                      const std::string& message) {
  std::fprintf(stderr, "spexbench: internal error: '%s' failed at %s:%d %s\n", condition, file,
               line, message.c_str());
  std::abort();
}
}  // namespace detail

}  // namespace spexbench
