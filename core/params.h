// Typed plug-in parameters, declared once on a plain config struct:
//
//   struct SparseFourierConfig {
//     int n = 0;
//     double snr_db = kInfinity;
//     template <class V> void visit(V& v) {
//       v("n", n, {.doc = "number of features", .required = true, .min = 1, .max = 4096});
//       v("snr_db", snr_db, {.doc = "noise level in dB (inf: none)", .allow_infinite = true});
//     }
//   };
//
// A parameter with a fixed set of words is an enum with a name table (core/enum_names.h): the table
// gives its choices, and code compares enum values, so a misspelled choice does not compile.
//
// A Config may also declare `void check(std::string_view owner) const` for rules across its
// parameters; it runs after parsing, wherever a spec is read.
//
// From that one declaration come the documented parameter list (`spexbench list`), strict parsing
// of spec strings (type, bounds, choices; an unknown or misspelled key is an error, never a silent
// default) and the canonical spec: required parameters always, others only when they differ from
// their default, in declaration order. canonical_spec(read_params(s)) is idempotent, and for a
// canonical s, canonical_spec(read_params(s)) == s.
//
// A parameter marked `execution_only` says how a plug-in runs (threads, batch size, device), not
// what it computes. It stays in the canonical spec (and so in cell ids and results) but is left out
// of the seed spec, from which seeds are derived: `proxyspex:threads=2` draws the same masks as
// `proxyspex` run with `--threads 2`.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.h"
#include "core/error.h"
#include "core/spec.h"

namespace spexbench {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct ParamOptions {
  std::string_view doc;
  bool required = false;      ///< no default: must be given, always printed in the spec
  std::optional<double> min;  ///< inclusive bounds for numbers
  std::optional<double> max;
  bool allow_infinite = false;  ///< accept "inf" (never "-inf") for doubles
  bool execution_only = false;  ///< how it runs, not what it computes: not seeded
  /// A string naming a file the plug-in reads (empty: none). Checked by check_input_files before
  /// a suite runs any cell, so a missing file stops the suite before work is done, not after.
  bool input_file = false;
};

/// One documented parameter, as `spexbench list` prints it.
struct ParamSpec {
  std::string name;
  std::string type;           ///< int, double, bool, string, choice (one word of `range`)
  std::string default_value;  ///< empty when required
  std::string doc;
  std::string range;  ///< "[1, 4096]", "soft|hard", or empty
  bool required = false;
  bool execution_only = false;
};

// Text form of a value, the same in specs, results and `list`.
[[nodiscard]] std::string format_param(int value);
[[nodiscard]] std::string format_param(std::int64_t value);
[[nodiscard]] std::string format_param(double value);  // shortest round-trip form, "inf"
[[nodiscard]] std::string format_param(bool value);
[[nodiscard]] std::string format_param(const std::string& value);
template <NamedEnum E>
[[nodiscard]] std::string format_param(E value) {
  return std::string(enum_name(value));
}

namespace detail {

// Parse `text` into `value` for parameter `key` of `owner`; throw Error naming all three.
void parse_param(std::string_view owner, std::string_view key, std::string_view text, int& value);
void parse_param(std::string_view owner, std::string_view key, std::string_view text,
                 std::int64_t& value);
void parse_param(std::string_view owner, std::string_view key, std::string_view text,
                 double& value);
void parse_param(std::string_view owner, std::string_view key, std::string_view text, bool& value);
void parse_param(std::string_view owner, std::string_view key, std::string_view text,
                 std::string& value);
/// Throws "owner: key=text is not one of a|b|c".
[[noreturn]] void unknown_choice(std::string_view owner, std::string_view key,
                                 std::string_view text, const std::string& choices);
template <NamedEnum E>
void parse_param(std::string_view owner, std::string_view key, std::string_view text, E& value) {
  for (const auto& entry : enum_names(E{}))
    if (entry.name == text) {
      value = entry.value;
      return;
    }
  unknown_choice(owner, key, text, enum_choices<E>());
}

template <class T>
std::string_view type_name() {
  if constexpr (std::is_same_v<T, bool>)
    return "bool";
  else if constexpr (std::is_integral_v<T>)
    return "int";
  else if constexpr (NamedEnum<T>)
    return "choice";
  else if constexpr (std::is_floating_point_v<T>)
    return "double";
  else
    return "string";
}

std::string describe_range(const ParamOptions& opts);
/// Throws Error naming owner, key and path unless `path` is a regular file this process can read.
void check_input_file(std::string_view owner, std::string_view key, const std::string& path);
/// Throws when a number is outside [min, max].
void check_param(std::string_view owner, std::string_view key, double value,
                 const ParamOptions& opts);

class Describer {
 public:
  template <class T>
  void operator()(std::string_view name, T& value, const ParamOptions& opts) {
    std::string range;
    if constexpr (NamedEnum<T>)
      range = enum_choices<T>("|", /*star_variants=*/true);
    else
      range = describe_range(opts);
    params.push_back({std::string(name), std::string(type_name<T>()),
                      opts.required ? std::string() : format_param(value), std::string(opts.doc),
                      std::move(range), opts.required, opts.execution_only});
  }
  std::vector<ParamSpec> params;
};

class Reader {
 public:
  Reader(const Spec& spec, std::string_view owner) : spec_(spec), owner_(owner) {}

  template <class T>
  void operator()(std::string_view name, T& value, const ParamOptions& opts) {
    declared_.emplace_back(name);
    const std::string* text = find(name);
    if (text == nullptr) {
      SPEXBENCH_CHECK(!opts.required, owner_, ": missing required parameter '", name, "' (",
                      opts.doc, ")");
      return;
    }
    parse_param(owner_, name, *text, value);
    // Strings take any value, and an enum's parse has checked its word against its table.
    if constexpr (!std::is_same_v<T, std::string> && !std::is_same_v<T, bool> && !NamedEnum<T>) {
      if constexpr (std::is_floating_point_v<T>) {
        SPEXBENCH_CHECK(std::isfinite(value) || (opts.allow_infinite && value > 0), owner_, ": ",
                        name, "=", *text,
                        opts.allow_infinite ? " must be finite or inf" : " must be finite");
      }
      check_param(owner_, name, static_cast<double>(value), opts);
    }
  }
  /// Throws for any key of the spec that no parameter declared, with a "did you mean" hint.
  void require_all_used() const;

 private:
  const std::string* find(std::string_view name) const {
    for (const auto& [key, value] : spec_.params)
      if (key == name) return &value;
    return nullptr;
  }
  const Spec& spec_;
  std::string owner_;
  std::vector<std::string> declared_;
};

class Writer {
 public:
  Writer(const std::vector<ParamSpec>& defaults, bool omit_execution_only)
      : defaults_(defaults), omit_execution_only_(omit_execution_only) {}
  template <class T>
  void operator()(std::string_view name, T& value, const ParamOptions& opts) {
    const std::string text = format_param(value);
    const ParamSpec& declared = defaults_.at(index_++);
    if (omit_execution_only_ && opts.execution_only) return;
    if (opts.required || text != declared.default_value) params.emplace_back(name, text);
  }
  std::vector<std::pair<std::string, std::string>> params;

 private:
  const std::vector<ParamSpec>& defaults_;
  bool omit_execution_only_;
  std::size_t index_ = 0;
};

/// Throws for the first non-empty `input_file` parameter that names no readable regular file.
class InputFileChecker {
 public:
  explicit InputFileChecker(std::string_view owner) : owner_(owner) {}
  template <class T>
  void operator()(std::string_view name, T& value, const ParamOptions& opts) {
    if constexpr (std::is_same_v<T, std::string>) {
      if (opts.input_file && !value.empty()) check_input_file(owner_, name, value);
    }
  }

 private:
  std::string owner_;
};

/// Collects "key=value" for each enum parameter whose value is not in the paper
/// (EnumName::in_paper) and that applies (Config::applies, where declared).
template <class Config>
class DepartureCollector {
 public:
  explicit DepartureCollector(const Config& config) : config_(config) {}
  template <class T>
  void operator()(std::string_view name, T& value, const ParamOptions&) {
    if constexpr (NamedEnum<T>) {
      if (in_paper(value)) return;
      if constexpr (requires { config_.applies(name); })
        if (!config_.applies(name)) return;
      departures.push_back(str_cat(name, "=", enum_name(value)));
    }
  }
  std::vector<std::string> departures;

 private:
  const Config& config_;
};

}  // namespace detail

/// The settings of `config` that depart from its plug-in's paper ("refit=adaptive_lasso"), in
/// declaration order; empty for the published method. A Config may declare
/// `bool applies(std::string_view key) const` to leave out parameters its other settings make moot.
template <class Config>
[[nodiscard]] std::vector<std::string> departures(Config config) {
  detail::DepartureCollector<Config> collector(config);
  config.visit(collector);
  return collector.departures;
}

/// The documented parameters of Config, defaults taken from Config{}.
template <class Config>
[[nodiscard]] std::vector<ParamSpec> describe_params() {
  Config defaults{};
  detail::Describer describer;
  defaults.visit(describer);
  return describer.params;
}

/// Parses the parameters of `spec` into a Config; `owner` names the plug-in in error messages.
template <class Config>
[[nodiscard]] Config read_params(const Spec& spec, std::string_view owner) {
  Config config{};
  detail::Reader reader(spec, owner);
  config.visit(reader);
  reader.require_all_used();
  // Checks across parameters (a cost estimate, d <= n), where the Config declares them: they then
  // run wherever a spec is read, so a suite refuses a bad cell before it runs any.
  if constexpr (requires { config.check(owner); }) config.check(owner);
  return config;
}

/// Checks that every file the parameters name exists and can be read (ParamOptions::input_file).
template <class Config>
void check_input_files(Config config, std::string_view owner) {
  detail::InputFileChecker checker(owner);
  config.visit(checker);
}

namespace detail {
template <class Config>
std::string write_spec(std::string_view name, Config& config, bool omit_execution_only) {
  const std::vector<ParamSpec> defaults = describe_params<Config>();
  Writer writer(defaults, omit_execution_only);
  config.visit(writer);
  return Spec{std::string(name), std::move(writer.params)}.str();
}
}  // namespace detail

/// The canonical spec string of a configured plug-in.
template <class Config>
[[nodiscard]] std::string canonical_spec(std::string_view name, Config config) {
  return detail::write_spec(name, config, /*omit_execution_only=*/false);
}

/// The canonical spec without execution-only parameters: what seeds are derived from.
template <class Config>
[[nodiscard]] std::string seed_spec(std::string_view name, Config config) {
  return detail::write_spec(name, config, /*omit_execution_only=*/true);
}

}  // namespace spexbench
