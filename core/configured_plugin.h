// The common base of plug-ins configured by a Config struct (core/params.h): it keeps the config,
// and its spec is the canonical spec under the name the plug-in was registered with. The name is
// written once, in SPEXBENCH_REGISTER; the registry's factory hands it over after construction.
//
//   class Lime final : public ConfiguredPlugin<Explainer, LimeConfig> {
//    public:
//     explicit Lime(LimeConfig config) : ConfiguredPlugin(std::move(config)) {}
//     ... config_.kernel_width ...
//   };
#pragma once

#include <string>
#include <utility>

#include "core/params.h"

namespace spexbench {

namespace detail {
struct PluginNamer;
}

template <class Base, class Config>
class ConfiguredPlugin : public Base {
 public:
  /// The canonical spec: the registered name and the parameters that differ from their defaults.
  [[nodiscard]] std::string spec() const final { return canonical_spec(name_, config_); }

 protected:
  explicit ConfiguredPlugin(Config config) : config_(std::move(config)) {}
  Config config_;

 private:
  friend struct detail::PluginNamer;
  std::string name_;
};

namespace detail {
/// Used by make_entry (core/registry.h) only: names a plug-in it has just constructed.
struct PluginNamer {
  template <class Base, class Config>
  static void name(ConfiguredPlugin<Base, Config>& plugin, std::string name) {
    plugin.name_ = std::move(name);
  }
};
}  // namespace detail

}  // namespace spexbench
