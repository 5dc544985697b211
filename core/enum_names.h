// The words for an enum's values, written once as a table: the same table names a value in results
// and messages, parses it back, and lists the choices of a typed plug-in parameter. An enum opts in
// by declaring, in its own namespace, a constexpr function found by argument-dependent lookup:
//
//   enum class Refit { kRidge, kLasso };
//   constexpr auto enum_names(Refit) {
//     return std::array{EnumName{Refit::kRidge, "ridge"}, EnumName{Refit::kLasso, "lasso"}};
//   }
//
// A Config field of such a type is then parsed, checked and printed by core/params.h like any
// other; the code that reads it compares enum values, so a misspelled choice does not compile.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace spexbench {

template <class E>
struct EnumName {
  E value;
  std::string_view name;
  /// For a method's option: false marks a choice its paper does not define (a variant of this
  /// project's or of another implementation). `spexbench list` stars it, and reports mark the
  /// cells that use it (core/params.h, departures()).
  bool in_paper = true;
};
// Deduction guides: clang before 17 does not deduce an aggregate's template arguments itself.
template <class E>
EnumName(E, std::string_view) -> EnumName<E>;
template <class E>
EnumName(E, std::string_view, bool) -> EnumName<E>;

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires(E e) {
  enum_names(e);
};

/// The word for `value`; an internal error when the table lacks it.
template <NamedEnum E>
[[nodiscard]] std::string_view enum_name(E value) {
  for (const auto& entry : enum_names(E{}))
    if (entry.value == value) return entry.name;
  SPEXBENCH_ASSERT(false, "an enum value without a name");
  return {};
}

/// Every word of E in table order, joined by `separator`: "soft|hard". With `star_variants`,
/// the choices not in the paper carry a '*'.
template <NamedEnum E>
[[nodiscard]] std::string enum_choices(std::string_view separator = "|",
                                       bool star_variants = false) {
  std::string out;
  for (const auto& entry : enum_names(E{})) {
    if (!out.empty()) out += separator;
    out += entry.name;
    if (star_variants && !entry.in_paper) out += '*';
  }
  return out;
}

/// Whether `value`'s choice is one its paper defines.
template <NamedEnum E>
[[nodiscard]] bool in_paper(E value) {
  for (const auto& entry : enum_names(E{}))
    if (entry.value == value) return entry.in_paper;
  return true;
}

/// The value named `word`; throws Error "unknown WHAT 'word' (a, b, c)" for another word.
template <NamedEnum E>
[[nodiscard]] E parse_enum(std::string_view word, std::string_view what) {
  for (const auto& entry : enum_names(E{}))
    if (entry.name == word) return entry.value;
  throw Error(str_cat("unknown ", what, " '", word, "' (", enum_choices<E>(", "), ")"));
}

}  // namespace spexbench
