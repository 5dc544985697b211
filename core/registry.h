// Name-keyed plug-in registries, one per kind (Registry<Explainer>, Registry<Task>,
// Registry<Metric>). An entry documents its plug-in (one-line description, typed parameters) as
// well as constructing it, so `spexbench list` and the error messages come from the entries.
//
// A plug-in registers itself with one statement in its own .cc file:
//
//   SPEXBENCH_REGISTER(Explainer, Exhaustive, ExhaustiveConfig, "exhaustive",
//                      "Queries all 2^n masks and returns the exact Fourier spectrum");
//
// Plug-in folders are built as CMake OBJECT libraries so the linker never drops a registration;
// tests/conformance/registry_test.cc asserts that every expected name is present.
//
// Base must declare `static constexpr std::string_view kPluginKind` ("explainer") and
// `struct CreateContext` (what its factories receive besides the parameters, e.g. a task's seed).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/configured_plugin.h"
#include "core/error.h"
#include "core/params.h"
#include "core/spec.h"

namespace spexbench {

template <class Base>
class Registry {
 public:
  using Context = typename Base::CreateContext;
  using Factory = std::function<std::unique_ptr<Base>(const Spec&, const Context&)>;
  struct Entry {
    std::string name;               ///< stable id written to results: "spex", "synthetic.soum"
    std::string description;        ///< one line for `spexbench list`
    std::vector<ParamSpec> params;  ///< every key the factory reads
    Factory make;
    /// The canonical spec for these parameters, validated, without constructing the plug-in.
    std::function<std::string(const Spec&)> canonical;
    /// The canonical spec less its execution-only parameters (threads, batch, device): seeds come
    /// from it, so how a plug-in runs never changes what it draws.
    std::function<std::string(const Spec&)> seed;
    /// Throws Error when a file the parameters name (ParamOptions::input_file) is missing or
    /// unreadable; constructs nothing.
    std::function<void(const Spec&)> check_inputs;
    /// The settings that depart from the plug-in's paper (core/params.h, departures()).
    std::function<std::vector<std::string>(const Spec&)> departures;
  };

  /// The process-wide registry of this kind (function-local: no static-init-order problems).
  static Registry& global() {
    static Registry registry;
    return registry;
  }

  /// Adds an entry; a duplicate name is a programming error and aborts.
  bool add(Entry entry) {
    SPEXBENCH_ASSERT(!entries_.contains(entry.name), Base::kPluginKind, " '", entry.name,
                     "' registered twice");
    std::string name = entry.name;
    entries_.emplace(std::move(name), std::move(entry));
    return true;
  }

  [[nodiscard]] const Entry* find(std::string_view name) const {
    const auto it = entries_.find(name);
    return it == entries_.end() ? nullptr : &it->second;
  }

  /// Sorted by name: deterministic output for the CLI and tests.
  [[nodiscard]] std::vector<const Entry*> list() const {
    std::vector<const Entry*> out;
    for (const auto& [name, entry] : entries_) out.push_back(&entry);
    return out;
  }

  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, entry] : entries_) out.push_back(name);
    return out;
  }

  /// The entry for `name`, or an Error listing the registered names (with a "did you mean").
  [[nodiscard]] const Entry& at(std::string_view name) const {
    if (const Entry* entry = find(name)) return *entry;
    std::string message = str_cat("unknown ", Base::kPluginKind, " '", name, "'");
    const std::string hint = closest_match(name, names());
    if (!hint.empty()) message += str_cat("; did you mean '", hint, "'?");
    message += str_cat("; registered ", Base::kPluginKind, "s:");
    for (const auto& candidate : names()) message += " " + candidate;
    throw Error(message);
  }

  /// The canonical form of a spec string (validates it like create(), constructs nothing).
  [[nodiscard]] std::string canonical(std::string_view spec_text) const {
    const Spec spec = Spec::parse(spec_text);
    return at(spec.name).canonical(spec);
  }

  /// The seed spec of a spec string: its canonical form without execution-only parameters.
  [[nodiscard]] std::string seed_spec(std::string_view spec_text) const {
    const Spec spec = Spec::parse(spec_text);
    return at(spec.name).seed(spec);
  }

  /// The settings of a spec string that depart from its plug-in's paper; empty for the published
  /// method.
  [[nodiscard]] std::vector<std::string> departures(std::string_view spec_text) const {
    const Spec spec = Spec::parse(spec_text);
    return at(spec.name).departures(spec);
  }
  /// Validates a spec string and checks the files it names exist, constructing nothing.
  void check_inputs(std::string_view spec_text) const {
    const Spec spec = Spec::parse(spec_text);
    at(spec.name).check_inputs(spec);
  }
  /// "name:key=value" -> instance. Malformed text, an unknown name, an unknown key or a bad value
  /// throws spexbench::Error.
  [[nodiscard]] std::unique_ptr<Base> create(std::string_view spec_text,
                                             const Context& context = {}) const {
    const Spec spec = Spec::parse(spec_text);
    return at(spec.name).make(spec, context);
  }

 private:
  std::map<std::string, Entry, std::less<>> entries_;
};

/// An entry whose factory parses Config from the spec and constructs Impl(config[, context]).
template <class Base, class Impl, class Config>
[[nodiscard]] typename Registry<Base>::Entry make_entry(std::string name, std::string description) {
  using Context = typename Base::CreateContext;
  const std::string owner = str_cat(Base::kPluginKind, " '", name, "'");
  auto canonical = [name, owner](const Spec& spec) {
    return canonical_spec(name, read_params<Config>(spec, owner));
  };
  auto seed = [name, owner](const Spec& spec) {
    return seed_spec(name, read_params<Config>(spec, owner));
  };
  auto check_inputs = [owner](const Spec& spec) {
    check_input_files(read_params<Config>(spec, owner), owner);
  };
  auto departures_of = [owner](const Spec& spec) {
    return departures(read_params<Config>(spec, owner));
  };
  auto factory = [name, owner](const Spec& spec, const Context& context) -> std::unique_ptr<Base> {
    Config config = read_params<Config>(spec, owner);
    std::unique_ptr<Impl> made;
    if constexpr (std::is_constructible_v<Impl, Config, const Context&>) {
      made = std::make_unique<Impl>(std::move(config), context);
    } else {
      (void)context;
      made = std::make_unique<Impl>(std::move(config));
    }
    if constexpr (std::is_base_of_v<ConfiguredPlugin<Base, Config>, Impl>)
      detail::PluginNamer::name(*made, name);
    return made;
  };
  return {std::move(name),         std::move(description),  describe_params<Config>(),
          std::move(factory),      std::move(canonical),    std::move(seed),
          std::move(check_inputs), std::move(departures_of)};
}

}  // namespace spexbench

#define SPEXBENCH_CONCAT_INNER_(a, b) a##b
#define SPEXBENCH_CONCAT_(a, b) SPEXBENCH_CONCAT_INNER_(a, b)

/// Registers Impl (configured by Config) under `name` in Registry<Base>. Use at namespace scope in
/// the plug-in's own .cc file.
#define SPEXBENCH_REGISTER(Base, Impl, Config, name, description)                            \
  [[maybe_unused]] static const bool SPEXBENCH_CONCAT_(spexbench_registered_, __COUNTER__) = \
      ::spexbench::Registry<Base>::global().add(                                             \
          ::spexbench::make_entry<Base, Impl, Config>(name, description))
