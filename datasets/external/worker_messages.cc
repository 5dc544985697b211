#include "datasets/external/worker_messages.h"

#include <cmath>

#include "core/error.h"

namespace spexbench::external {

nlohmann::json parse_worker_line(const std::string& command, const std::string& line) {
  try {
    return nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception&) {
    throw Error(str_cat("external.process: worker '", command,
                        "' sent a line that is not JSON: ", line.substr(0, 200)),
                ErrorKind::kValueFunction);
  }
}

int handshake_features(const std::string& command, const nlohmann::json& hello, int expected_n) {
  const auto wrong = [&](const std::string& what) {
    return Error(
        str_cat("external.process: worker '", command, "' ", what, " (its handshake: ",
                hello.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).substr(0, 200),
                ")"),
        ErrorKind::kValueFunction);
  };
  if (!hello.is_object()) throw wrong("did not answer the handshake with a JSON object");
  const auto field = [&](const char* key) {
    return hello.contains(key) ? hello.at(key) : nlohmann::json();
  };
  const nlohmann::json protocol = field("protocol"), version = field("version"),
                       n = field("num_features");
  if (protocol != kProtocol || !version.is_number_integer() || version != kVersion)
    throw wrong(str_cat(
        "speaks protocol ",
        protocol.is_string()
            ? "'" + protocol.get<std::string>() + "'"
            : protocol.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
        " version ", version.dump(), "; this build speaks '", kProtocol, "' version ", kVersion));
  if (!n.is_number_integer() || n.get<std::int64_t>() < 1 || n.get<std::int64_t>() > kMaxFeatures)
    throw wrong(str_cat("announced num_features=", n.dump(), ", not a whole number in [1, ",
                        kMaxFeatures, "]"));
  const int features = n.get<int>();
  if (expected_n != 0 && expected_n != features)
    throw wrong(str_cat("has ", features, " components but the spec says n=", expected_n));
  return features;
}

std::vector<double> reply_values(const std::string& command, const nlohmann::json& reply,
                                 std::size_t count, std::size_t first) {
  const auto values = reply.is_object() ? reply.find("values") : reply.end();
  if (!reply.is_object() || values == reply.end() || !values->is_array() || values->size() != count)
    throw Error(
        str_cat("external.process: worker '", command, "' answered ",
                !reply.is_object() || values == reply.end() || !values->is_array() ? std::size_t{0}
                                                                                   : values->size(),
                " values for ", count, " masks"),
        ErrorKind::kValueFunction);
  std::vector<double> out(count);
  for (std::size_t k = 0; k < count; ++k) {
    const auto& value = (*values)[k];
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      throw Error(str_cat("external.process: worker '", command, "' returned ",
                          value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                          " (not a finite number) for mask ", first + k),
                  ErrorKind::kValueFunction);
    out[k] = value.get<double>();
  }
  return out;
}

}  // namespace spexbench::external
