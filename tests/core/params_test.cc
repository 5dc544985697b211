#include "core/params.h"

#include <gtest/gtest.h>

#include <array>

namespace spexbench {
namespace {

enum class Mode { kSoft, kHard };
constexpr auto enum_names(Mode) {
  return std::array{EnumName{Mode::kSoft, "soft"}, EnumName{Mode::kHard, "hard"}};
}

struct ExampleConfig {
  int n = 0;
  double rate = 0.5;
  Mode mode = Mode::kSoft;
  bool flag = false;
  double snr_db = kInfinity;
  template <class V>
  void visit(V& v) {
    v("n", n, {.doc = "count", .required = true, .min = 1, .max = 100});
    v("rate", rate, {.doc = "a rate", .min = 0.0, .max = 1.0});
    v("mode", mode, {.doc = "a mode"});
    v("flag", flag, {.doc = "a flag"});
    v("snr_db", snr_db, {.doc = "noise", .allow_infinite = true});
  }
};

ExampleConfig read(const std::string& text) {
  return read_params<ExampleConfig>(Spec::parse(text), "example");
}

std::string error_of(const std::string& text) {
  try {
    (void)read(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Params, ReadsTypedValues) {
  const ExampleConfig c = read("x:n=5,rate=0.25,mode=hard,flag=true,snr_db=20");
  EXPECT_EQ(c.n, 5);
  EXPECT_DOUBLE_EQ(c.rate, 0.25);
  EXPECT_EQ(c.mode, Mode::kHard);
  EXPECT_TRUE(c.flag);
  EXPECT_DOUBLE_EQ(c.snr_db, 20);
}

TEST(Params, CanonicalSpecPrintsRequiredAndNonDefaultInDeclarationOrder) {
  EXPECT_EQ(canonical_spec("x", read("x:mode=soft,n=5")), "x:n=5");
  EXPECT_EQ(canonical_spec("x", read("x:snr_db=10,n=5,rate=0.1")), "x:n=5,rate=0.1,snr_db=10");
  const std::string canonical = "x:n=3,mode=hard,flag=true";
  EXPECT_EQ(canonical_spec("x", read(canonical)), canonical);
}

struct RunnerConfig {
  int n = 0;
  int threads = 1;
  template <class V>
  void visit(V& v) {
    v("n", n, {.doc = "count", .required = true, .min = 1});
    v("threads", threads, {.doc = "threads", .min = 1, .execution_only = true});
  }
};

TEST(Params, SeedSpecLeavesOutExecutionOnlyParameters) {
  const auto config = read_params<RunnerConfig>(Spec::parse("r:threads=4,n=3"), "runner");
  EXPECT_EQ(canonical_spec("r", config), "r:n=3,threads=4") << "the canonical spec keeps it";
  EXPECT_EQ(seed_spec("r", config), "r:n=3");
  EXPECT_EQ(seed_spec("r", config), seed_spec("r", RunnerConfig{.n = 3}));
  EXPECT_TRUE(describe_params<RunnerConfig>()[1].execution_only);
  EXPECT_FALSE(describe_params<RunnerConfig>()[0].execution_only);
}

TEST(Params, BadValuesNameTheParameterAndTheProblem) {
  EXPECT_NE(error_of("x:rate=0.5").find("missing required parameter 'n'"), std::string::npos);
  EXPECT_NE(error_of("x:n=0").find("n=0 is out of range [1, 100]"), std::string::npos);
  EXPECT_NE(error_of("x:n=five").find("'n' must be an integer, got 'five'"), std::string::npos);
  EXPECT_NE(error_of("x:n=2.5").find("must be an integer"), std::string::npos);
  EXPECT_NE(error_of("x:n=2,mode=medium").find("mode=medium is not one of soft|hard"),
            std::string::npos);
  EXPECT_NE(error_of("x:n=2,flag=yes").find("must be true or false"), std::string::npos);
  EXPECT_NE(error_of("x:n=2,rate=inf").find("must be finite"), std::string::npos);
  EXPECT_NE(error_of("x:n=2,rate=nan").find("must be a number"), std::string::npos);
  // inf means "no noise" where it is allowed; -inf means nothing and was once read as inf.
  EXPECT_NE(error_of("x:n=2,snr_db=-inf").find("snr_db=-inf must be finite or inf"),
            std::string::npos)
      << error_of("x:n=2,snr_db=-inf");
  EXPECT_EQ(error_of("x:n=2,snr_db=inf"), "");
}

TEST(Params, UnknownKeyIsAnErrorWithAHint) {
  const std::string message = error_of("x:n=2,rat=0.1");
  EXPECT_NE(message.find("unknown parameter 'rat'"), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean 'rate'?"), std::string::npos) << message;
}

TEST(Params, DescribeListsDefaultsAndRanges) {
  const auto params = describe_params<ExampleConfig>();
  ASSERT_EQ(params.size(), 5u);
  EXPECT_TRUE(params[0].required);
  EXPECT_EQ(params[0].range, "[1, 100]");
  EXPECT_EQ(params[1].default_value, "0.5");
  EXPECT_EQ(params[2].range, "soft|hard");
  EXPECT_EQ(params[2].type, "choice");
  EXPECT_EQ(params[2].default_value, "soft");
  EXPECT_EQ(params[4].default_value, "inf");
}

enum class Solver { kExact, kFast, kExperimental };
constexpr auto enum_names(Solver) {
  return std::array{EnumName{Solver::kExact, "exact"}, EnumName{Solver::kFast, "fast", false},
                    EnumName{Solver::kExperimental, "experimental", false}};
}

struct VariantConfig {
  Solver solver = Solver::kExact;
  Solver fallback = Solver::kExact;
  template <class V>
  void visit(V& v) {
    v("solver", solver, {.doc = "solver"});
    v("fallback", fallback, {.doc = "used only by the fast solver"});
  }
  [[nodiscard]] bool applies(std::string_view key) const {
    return key != "fallback" || solver == Solver::kFast;
  }
};

TEST(Params, DeparturesNameTheChoicesNotInThePaperThatApply) {
  EXPECT_TRUE(departures(VariantConfig{}).empty());
  EXPECT_EQ(departures(VariantConfig{.solver = Solver::kFast}),
            std::vector<std::string>{"solver=fast"});
  EXPECT_EQ(departures(VariantConfig{.solver = Solver::kFast, .fallback = Solver::kExperimental}),
            (std::vector<std::string>{"solver=fast", "fallback=experimental"}));
  // The fallback is moot under the exact solver: not a departure.
  EXPECT_TRUE(departures(VariantConfig{.fallback = Solver::kExperimental}).empty());
  EXPECT_EQ(describe_params<VariantConfig>()[0].range, "exact|fast*|experimental*");
}

TEST(Params, DoublesPrintInShortestRoundTripForm) {
  EXPECT_EQ(format_param(0.1), "0.1");
  EXPECT_EQ(format_param(1e-6), "1e-06");
  EXPECT_EQ(format_param(3.0), "3");
  EXPECT_EQ(format_param(kInfinity), "inf");
}

}  // namespace
}  // namespace spexbench
