#include "core/spec.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"

namespace spexbench {
namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}
bool is_key_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_value_char(char c) {
  return c != ',' && c != '=' && c != ':' && c != '"' &&
         !std::isspace(static_cast<unsigned char>(c));
}

bool needs_quotes(const std::string& value) {
  return value.empty() || !std::all_of(value.begin(), value.end(), is_value_char);
}

}  // namespace

Spec Spec::parse(std::string_view text) {
  auto fail = [&](std::size_t pos, std::string_view what) -> Error {
    return Error(str_cat("malformed spec '", text, "' at position ", pos, ": ", what,
                         " (expected name:key=value,key=value)"));
  };
  Spec spec;
  std::size_t pos = 0;
  while (pos < text.size() && is_name_char(text[pos])) ++pos;
  spec.name = std::string(text.substr(0, pos));
  if (spec.name.empty()) throw fail(0, "missing name");
  if (pos == text.size()) return spec;
  if (text[pos] != ':') throw fail(pos, str_cat("unexpected character '", text[pos], "'"));
  ++pos;
  while (true) {
    const std::size_t key_start = pos;
    while (pos < text.size() && is_key_char(text[pos])) ++pos;
    std::string key(text.substr(key_start, pos - key_start));
    if (key.empty()) throw fail(pos, "missing parameter name");
    if (pos == text.size() || text[pos] != '=')
      throw fail(pos, str_cat("parameter '", key, "' has no '=value'"));
    ++pos;
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      const std::size_t close = text.find('"', pos + 1);
      if (close == std::string_view::npos)
        throw fail(pos, str_cat("unterminated quote in '", key, "'"));
      value = std::string(text.substr(pos + 1, close - pos - 1));
      pos = close + 1;
    } else {
      const std::size_t value_start = pos;
      while (pos < text.size() && is_value_char(text[pos])) ++pos;
      value = std::string(text.substr(value_start, pos - value_start));
    }
    if (value.empty()) throw fail(pos, str_cat("parameter '", key, "' has an empty value"));
    for (const auto& [k, v] : spec.params)
      if (k == key) throw fail(key_start, str_cat("parameter '", key, "' given twice"));
    spec.params.emplace_back(std::move(key), std::move(value));
    if (pos == text.size()) return spec;
    if (text[pos] != ',') throw fail(pos, str_cat("unexpected character '", text[pos], "'"));
    ++pos;
  }
}

std::string Spec::str() const {
  std::string out = name;
  char sep = ':';
  for (const auto& [key, value] : params) {
    out += sep;
    out += key;
    out += '=';
    out += needs_quotes(value) ? '"' + value + '"' : value;
    sep = ',';
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace spexbench
