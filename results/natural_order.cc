#include "results/natural_order.h"

#include <cstddef>

namespace spexbench {

bool natural_less(std::string_view a, std::string_view b) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto number_at = [&](std::string_view text, std::size_t& at) {
    const std::size_t begin = at;
    while (at < text.size() && digit(text[at])) ++at;
    std::string_view run = text.substr(begin, at - begin);
    while (run.size() > 1 && run.front() == '0') run.remove_prefix(1);
    return run;
  };
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      const std::string_view x = number_at(a, i), y = number_at(b, j);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

}  // namespace spexbench
