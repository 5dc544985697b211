#include "core/component_names.h"

#include <map>

namespace spexbench {

std::vector<std::string> generated_component_names(int n) {
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    std::string name = "x";  // appended, not "x" + ...: GCC 12 -O3 warns falsely on that
    name += std::to_string(i);
    names.push_back(std::move(name));
  }
  return names;
}

std::vector<std::string> distinct_component_names(std::vector<std::string> names) {
  std::map<std::string, int> count;
  for (const std::string& name : names) ++count[name];
  for (std::size_t i = 0; i < names.size(); ++i)
    if (count[names[i]] > 1) {
      names[i] += '@';
      names[i] += std::to_string(i);
    }
  return names;
}

bool are_generated_component_names(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i].size() < 2 || names[i][0] != 'x' || names[i].substr(1) != std::to_string(i))
      return false;
  return true;
}

}  // namespace spexbench
