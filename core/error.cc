#include "core/error.h"

#include <array>
#include <cstdio>
#include <cstdlib>

#include "core/enum_names.h"

namespace spexbench {

// The table lives here, not in error.h, which core/enum_names.h itself includes.
constexpr auto enum_names(ErrorKind) {
  using enum ErrorKind;
  return std::array{
      EnumName{kInvalidInput, "invalid_input"}, EnumName{kBudgetExceeded, "budget_exceeded"},
      EnumName{kInfeasible, "infeasible"}, EnumName{kValueFunction, "value_function"}};
}

std::string_view error_kind_name(ErrorKind kind) { return enum_name(kind); }

namespace detail {
void assertion_failed(const char* condition, const char* file, int line,
                      const std::string& message) {
  std::fprintf(stderr, "spexbench: internal error: '%s' failed at %s:%d %s\n", condition, file,
               line, message.c_str());
  std::abort();
}
}  // namespace detail

}  // namespace spexbench
