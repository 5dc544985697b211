// The on-disk cache of models the suite trains itself (llm.sentiment's classifier), so that a
// model is trained once per machine and recipe, then loaded in a fraction of a second.
//
// Folder: $SPEXBENCH_CACHE/models when SPEXBENCH_CACHE is set, else
// $XDG_CACHE_HOME/spexbench/models, else $HOME/.cache/spexbench/models. A model's file is
// <name>-<16 hex digits of its recipe>.pt. Producing it holds an exclusive lock on <file>.lock, so
// concurrent runs (threads or processes) train it once while the others wait, then load it; the
// file is written under a temporary name and renamed, so a crash never leaves half a model behind.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

namespace spexbench::llm {

[[nodiscard]] std::filesystem::path model_cache_folder();

/// Loads the cached model of (name, recipe) with `load`, which returns false for a file it cannot
/// read (an older format, a damaged file). When there is no file or it cannot be read, first calls
/// `produce` with a temporary path to write, and moves the result into place. Returns the path.
std::filesystem::path load_or_produce_model(
    std::string_view name, std::string_view recipe,
    const std::function<void(const std::filesystem::path&)>& produce,
    const std::function<bool(const std::filesystem::path&)>& load);

}  // namespace spexbench::llm
