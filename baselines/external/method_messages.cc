#include "baselines/external/method_messages.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "core/error.h"
#include "core/interaction_index.h"

namespace spexbench::external {
namespace {

using nlohmann::json;

/// A message's text for an error, cut short: a method may send megabytes on one line.
std::string excerpt(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 200) text = text.substr(0, 200) + "...";
  return text;
}

[[noreturn]] void fail(const std::string& who, const std::string& what) {
  throw Error(str_cat(who, " ", what));
}

json parse_line(const std::string& who, const std::string& line) {
  try {
    return json::parse(line);
  } catch (const json::exception&) {
    fail(who, str_cat("sent a line that is not JSON: ", line.substr(0, 200)));
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Masks as strings of n characters '0' (ablated) or '1' (kept), character i for component i.
MaskBatch read_rows(const std::string& who, const json& rows, int n) {
  MaskBatch masks(rows.size(), n);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const json& row = rows[r];
    if (!row.is_string() || row.get_ref<const std::string&>().size() != static_cast<std::size_t>(n))
      fail(who, str_cat("asked for mask ", r, " as ", excerpt(row), ", not a string of n=", n,
                        " characters 0 and 1"));
    const std::string& text = row.get_ref<const std::string&>();
    for (int i = 0; i < n; ++i) {
      const char c = text[static_cast<std::size_t>(i)];
      if (c != '0' && c != '1')
        fail(who, str_cat("asked for mask ", r, " with character '", c, "' at ", i,
                          "; masks are strings of 0 and 1"));
      if (c == '1') masks.set(r, i, true);
    }
  }
  return masks;
}

/// Masks packed as hex: byte k (two hex digits) holds components 8k .. 8k + 7, bit j (value 2^j)
/// for component 8k + j; numpy's packbits(..., bitorder="little").
MaskBatch read_packed(const std::string& who, const json& rows, int n) {
  const std::size_t digits = 2 * ((static_cast<std::size_t>(n) + 7) / 8);
  MaskBatch masks(rows.size(), n);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const json& row = rows[r];
    if (!row.is_string() || row.get_ref<const std::string&>().size() != digits)
      fail(who, str_cat("asked for packed mask ", r, " as ", excerpt(row), ", not ", digits,
                        " hex digits (n=", n, ")"));
    const std::string& text = row.get_ref<const std::string&>();
    for (std::size_t k = 0; 2 * k < digits; ++k) {
      const int high = hex_digit(text[2 * k]), low = hex_digit(text[2 * k + 1]);
      if (high < 0 || low < 0)
        fail(who, str_cat("asked for packed mask ", r,
                          " with a character that is not hex: ", excerpt(row)));
      const auto byte = static_cast<std::uint64_t>(high * 16 + low);
      for (int j = 0; j < 8; ++j) {
        if (((byte >> j) & 1) == 0) continue;
        const std::size_t i = 8 * k + static_cast<std::size_t>(j);
        if (i >= static_cast<std::size_t>(n))
          fail(who, str_cat("asked for packed mask ", r, " with bit ", i, " set, past its n=", n,
                            " components"));
        masks.set(r, static_cast<int>(i), true);
      }
    }
  }
  return masks;
}

MethodQuery read_query(const std::string& who, const json& rows, bool packed, int n) {
  if (!rows.is_array())
    fail(who, str_cat("sent a query whose masks are ", excerpt(rows), ", not a list"));
  if (rows.empty()) fail(who, "sent a query of no masks");
  return {packed ? read_packed(who, rows, n) : read_rows(who, rows, n)};
}

/// The index an explanation names: spexbench's names (ksii, fsii, ...) or shapiq's (k-SII, FSII,
/// SV, BV, ...).
InteractionIndex read_index(const std::string& who, const json& name) {
  static const std::pair<const char*, InteractionIndex> kShapiqNames[] = {
      {"k-SII", InteractionIndex::kKsii}, {"SII", InteractionIndex::kSii},
      {"STII", InteractionIndex::kStii},  {"FSII", InteractionIndex::kFsii},
      {"FBII", InteractionIndex::kFbii},  {"BII", InteractionIndex::kBii},
      {"SV", InteractionIndex::kShapley}, {"BV", InteractionIndex::kBanzhaf}};
  if (name.is_string()) {
    for (const auto& [shapiq, index] : kShapiqNames)
      if (name == shapiq) return index;
    try {
      return parse_index(name.get<std::string>());
    } catch (const Error&) {
    }
  }
  fail(who, str_cat("returned the values of an index named ", excerpt(name),
                    ", which spexbench does not know; it takes ksii, sii, stii, fsii, fbii, bii, "
                    "shapley, banzhaf (or shapiq's k-SII, SII, STII, FSII, FBII, BII, SV, BV)"));
}

/// The order of an index output: a whole number in [1, min(n, kMaxIndexOrder)], 1 for Shapley
/// and Banzhaf values.
int read_order(const std::string& who, const json& explanation, InteractionIndex index, int n) {
  const auto order = explanation.find("order");
  if (order == explanation.end() || !order->is_number_integer())
    fail(who, "returned index values without a whole-number \"order\"");
  const std::int64_t value = order->get<std::int64_t>();
  const int limit = std::min(n, kMaxIndexOrder);
  if (value < 1 || value > limit)
    fail(who, str_cat("returned ", index_name(index), " values of order ", value, ", outside [1, ",
                      limit, "] (the highest order an index output takes is ", kMaxIndexOrder,
                      ", and at most n=", n, ")"));
  return index_order(index, static_cast<int>(value));
}

/// Terms of at most `max_degree` components each: a surrogate's in its basis (n), or an index's
/// values as Möbius-basis terms (its order).
SparsePolynomial read_terms(const std::string& who, const json& explanation, int n,
                            int max_degree) {
  const auto basis = explanation.find("basis");
  const bool index_values = explanation.contains("index");
  if (!index_values && (basis == explanation.end() || !basis->is_string() ||
                        (*basis != "fourier" && *basis != "mobius")))
    fail(who, str_cat("returned an explanation whose basis is ",
                      basis == explanation.end() ? std::string("missing") : excerpt(*basis),
                      "; it must be \"fourier\" or \"mobius\" (or it names an \"index\")"));
  const auto terms = explanation.find("terms");
  if (terms == explanation.end() || !terms->is_array())
    fail(who, "returned an explanation without a list of terms [[components], coefficient]");
  SparsePolynomial out(n, index_values ? Basis::kMobius : parse_basis(basis->get<std::string>()));
  std::unordered_set<std::string> seen;
  std::vector<std::uint32_t> components;
  for (std::size_t t = 0; t < terms->size(); ++t) {
    const json& term = (*terms)[t];
    if (!term.is_array() || term.size() != 2 || !term[0].is_array() || !term[1].is_number())
      fail(who, str_cat("returned term ", t, " as ", excerpt(term),
                        ", not [[components], coefficient]"));
    const double coef = term[1].get<double>();
    if (!std::isfinite(coef))
      fail(who, str_cat("returned term ", t, " with a coefficient that is not finite"));
    components.clear();
    for (const json& component : term[0]) {
      if (!component.is_number_integer() || component.get<std::int64_t>() < 0 ||
          component.get<std::int64_t>() >= n)
        fail(who, str_cat("returned term ", t, " naming component ", excerpt(component),
                          ", not a whole number in [0, n=", n, ")"));
      components.push_back(component.get<std::uint32_t>());
    }
    if (static_cast<int>(components.size()) > max_degree)
      fail(who, str_cat("returned term ", t, ", ", excerpt(term[0]), ", of ", components.size(),
                        " components, above its index's order ", max_degree));
    std::sort(components.begin(), components.end());
    if (std::adjacent_find(components.begin(), components.end()) != components.end())
      fail(who, str_cat("returned term ", t, " naming a component twice: ", excerpt(term[0])));
    if (!seen.emplace(reinterpret_cast<const char*>(components.data()),
                      components.size() * sizeof(std::uint32_t))
             .second)
      fail(who, str_cat("returned term ", t, ", ", excerpt(term[0]), ", a second time"));
    out.add_term(components, coef);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> read_info(const std::string& who,
                                                           const json& explanation) {
  std::vector<std::pair<std::string, std::string>> info;
  const auto found = explanation.find("info");
  if (found == explanation.end()) return info;
  if (!found->is_object())
    fail(who, str_cat("returned info ", excerpt(*found), ", not an object of names and values"));
  for (auto entry = found->begin(); entry != found->end(); ++entry)
    info.emplace_back(entry.key(), entry.value().is_string() ? entry.value().get<std::string>()
                                                             : excerpt(entry.value()));
  return info;
}

std::string text_of(const std::string& who, const json& value, const char* type) {
  if (!value.is_string()) fail(who, str_cat("sent a ", type, " message that is not a string"));
  return value.get<std::string>();
}

}  // namespace

std::string problem_message(int n, std::int64_t budget, std::uint64_t seed, int threads,
                            const std::string& params, const std::vector<std::string>& names) {
  return json{{"protocol", kExplainerProtocol},
              {"version", kExplainerVersion},
              {"n", n},
              {"budget", budget},
              {"seed", seed},
              {"threads", threads},
              {"params", params},
              {"names", names}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

void check_hello(const std::string& who, const std::string& line) {
  const json hello = parse_line(who, line);
  const auto field = [&](const char* key) {
    return hello.is_object() && hello.contains(key) ? hello.at(key) : json();
  };
  const json protocol = field("protocol"), version = field("version");
  if (protocol != kExplainerProtocol || !version.is_number_integer() ||
      version != kExplainerVersion)
    fail(who, str_cat("opened with ", excerpt(hello), "; this build speaks protocol '",
                      kExplainerProtocol, "' version ", kExplainerVersion,
                      " and expects that hello first"));
}

MethodMessage parse_method_message(const std::string& who, const std::string& line, int n) {
  const json message = parse_line(who, line);
  if (!message.is_object() || message.size() != 1)
    fail(who, str_cat("sent ", excerpt(message),
                      "; a message is an object with one of the keys query, query_packed, "
                      "explanation, progress, infeasible, error"));
  // The one entry, through an iterator that outlives its use (items()' proxy values refer to a
  // temporary iterator, which AddressSanitizer caught).
  const auto entry = message.begin();
  const std::string type = entry.key();
  const json& body = entry.value();
  if (type == "query") return read_query(who, body, false, n);
  if (type == "query_packed") return read_query(who, body, true, n);
  if (type == "explanation") {
    if (!body.is_object()) fail(who, "sent an explanation that is not an object");
    if (!body.contains("index"))
      return MethodExplanation{read_terms(who, body, n, n), read_info(who, body)};
    const InteractionIndex index = read_index(who, body["index"]);
    const int order = read_order(who, body, index, n);
    return MethodExplanation{read_terms(who, body, n, order), read_info(who, body),
                             std::string(index_name(index)), order};
  }
  if (type == "progress") return MethodProgress{text_of(who, body, "progress")};
  if (type == "infeasible") return MethodInfeasible{text_of(who, body, "infeasible")};
  if (type == "error") return MethodFailure{text_of(who, body, "error")};
  fail(who, str_cat("sent a message of unknown type '", type,
                    "'; the types are query, query_packed, explanation, progress, infeasible, "
                    "error"));
}

std::string values_message(std::span<const double> values) {
  // Written directly with std::to_chars (the shortest text that reads back to the same double):
  // at a query's batch of 1,024 masks this is the largest part of the protocol's cost.
  std::string out = "{\"values\":[";
  out.reserve(out.size() + values.size() * 25 + 2);
  char buffer[32];
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (k > 0) out.push_back(',');
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), values[k]);
    SPEXBENCH_ASSERT(error == std::errc(), "to_chars of a double cannot fail in 32 characters");
    out.append(buffer, end);
  }
  out += "]}";
  return out;
}

std::string refusal_message(const std::string& kind, const std::string& message) {
  return json{{"error", {{"kind", kind}, {"message", message}}}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

}  // namespace spexbench::external
