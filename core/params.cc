#include "core/params.h"

#include <unistd.h>

#include <charconv>
#include <cmath>
#include <filesystem>

namespace spexbench {

std::string format_param(int value) { return std::to_string(value); }
std::string format_param(std::int64_t value) { return std::to_string(value); }
std::string format_param(bool value) { return value ? "true" : "false"; }
std::string format_param(const std::string& value) { return value; }

std::string format_param(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

namespace detail {
namespace {

template <class T>
void parse_number(std::string_view owner, std::string_view key, std::string_view text, T& value,
                  std::string_view expected) {
  T parsed{};
  const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
  SPEXBENCH_CHECK(result.ec == std::errc() && result.ptr == text.data() + text.size(), owner,
                  ": parameter '", key, "' must be ", expected, ", got '", text, "'");
  value = parsed;
}

}  // namespace

void parse_param(std::string_view owner, std::string_view key, std::string_view text, int& value) {
  parse_number(owner, key, text, value, "an integer");
}
void parse_param(std::string_view owner, std::string_view key, std::string_view text,
                 std::int64_t& value) {
  parse_number(owner, key, text, value, "an integer");
}
void parse_param(std::string_view owner, std::string_view key, std::string_view text,
                 double& value) {
  parse_number(owner, key, text, value, "a number");
  SPEXBENCH_CHECK(!std::isnan(value), owner, ": parameter '", key, "' must be a number, got '",
                  text, "'");
}
void parse_param(std::string_view owner, std::string_view key, std::string_view text, bool& value) {
  SPEXBENCH_CHECK(text == "true" || text == "false", owner, ": parameter '", key,
                  "' must be true or false, got '", text, "'");
  value = text == "true";
}
void parse_param(std::string_view, std::string_view, std::string_view text, std::string& value) {
  value = std::string(text);
}

std::string describe_range(const ParamOptions& opts) {
  if (!opts.min && !opts.max) return {};
  return str_cat("[", opts.min ? format_param(*opts.min) : "-inf", ", ",
                 opts.max ? format_param(*opts.max) : "inf", "]");
}

void check_param(std::string_view owner, std::string_view key, double value,
                 const ParamOptions& opts) {
  const bool in_range = (!opts.min || value >= *opts.min) && (!opts.max || value <= *opts.max);
  SPEXBENCH_CHECK(in_range, owner, ": ", key, "=", format_param(value), " is out of range ",
                  describe_range(opts));
}

void unknown_choice(std::string_view owner, std::string_view key, std::string_view text,
                    const std::string& choices) {
  throw Error(str_cat(owner, ": ", key, "=", text, " is not one of ", choices));
}

void check_input_file(std::string_view owner, std::string_view key, const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  SPEXBENCH_CHECK(std::filesystem::exists(status), owner, ": ", key, "=", path, ": no such file");
  SPEXBENCH_CHECK(std::filesystem::is_regular_file(status), owner, ": ", key, "=", path,
                  " is not a regular file");
  SPEXBENCH_CHECK(::access(path.c_str(), R_OK) == 0, owner, ": ", key, "=", path,
                  " cannot be read (permission denied)");
}

void Reader::require_all_used() const {
  for (const auto& [key, value] : spec_.params) {
    bool known = false;
    for (const auto& name : declared_) known = known || name == key;
    if (known) continue;
    std::string message = str_cat(owner_, ": unknown parameter '", key, "'");
    const std::string hint = closest_match(key, declared_);
    if (!hint.empty()) message += str_cat("; did you mean '", hint, "'?");
    if (declared_.empty()) {
      message += "; it takes no parameters";
    } else {
      message += "; parameters are:";
      for (const auto& name : declared_) message += " " + name;
    }
    throw Error(message);
  }
}

}  // namespace detail
}  // namespace spexbench
