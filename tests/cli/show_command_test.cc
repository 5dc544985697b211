// `spexbench show` in-process: named explanations, selection of the cell, JSON, bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "results/results_file.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

struct Output {
  int status;
  std::string out, err;
};

Output call(int (*command)(const cli::Args&, std::ostream&, std::ostream&), const cli::Args& args) {
  std::ostringstream out, err;
  const int status = command(args, out, err);
  return {status, out.str(), err.str()};
}

class ShowCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           (std::string("spexbench_show_test_") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    file_ = (dir_ / "cells.h5").string();
    // Planted data attribution names its groups; a synthetic task gets x<i>.
    for (const auto& [task, budget] : {std::pair{"data.subsets:n=6,points=3,features=4", "64"},
                                       std::pair{"synthetic.soum:n=6,s=4,d=2", "64"},
                                       std::pair{"synthetic.soum:n=6,s=4,d=2", "32"}})
      ASSERT_EQ(call(cli::run_command, {"--task", task, "--explainer", "exhaustive", "--budget",
                                        budget, "--out", file_, "--json"})
                    .status,
                budget == std::string("32") ? 2 : 0);  // 32 < 2^6: an infeasible cell
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  std::string file_;
};

TEST_F(ShowCommandTest, NamesTheComponentsOfTheTopInteractions) {
  const Output o = call(cli::show_command,
                        {file_, "--task", "data.subsets:n=6,points=3,features=4", "--top", "3"});
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("Möbius basis"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("{redundant 0"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Shapley values"), std::string::npos) << o.out;
}

TEST_F(ShowCommandTest, TheExactExplanationShowsThePlantedMoebiusTerms) {
  // soum plants Möbius terms: the exhaustive explanation's top interactions are the truth's.
  const auto json_of = [&](const cli::Args& extra) {
    cli::Args args{file_, "--task", "synthetic.soum:n=6,s=4,d=2", "--budget", "64", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const Output o = call(cli::show_command, args);
    EXPECT_EQ(o.status, 0) << o.err;
    return nlohmann::json::parse(o.out);
  };
  const auto estimate = json_of({}), truth = json_of({"--truth"});
  ASSERT_EQ(estimate["interactions"].size(), truth["interactions"].size());
  for (std::size_t i = 0; i < truth["interactions"].size(); ++i) {
    EXPECT_EQ(estimate["interactions"][i]["components"], truth["interactions"][i]["components"]);
    EXPECT_NEAR(estimate["interactions"][i]["value"].get<double>(),
                truth["interactions"][i]["value"].get<double>(), 1e-9);
  }
  EXPECT_EQ(estimate["component_names"][0], "x0");
  // Components in no term have Shapley value 0 and are not listed.
  EXPECT_EQ(estimate["shapley_values"].size(), truth["shapley_values"].size());
  EXPECT_GT(truth["shapley_values"].size(), 0U);
}

TEST_F(ShowCommandTest, TheProfileOfTheExactExplanationIsTheTruths) {
  const auto profile_of = [&](const cli::Args& extra) {
    cli::Args args{file_,    "--task",   "synthetic.soum:n=6,s=4,d=2", "--budget", "64",
                   "--json", "--profile"};
    args.insert(args.end(), extra.begin(), extra.end());
    const Output o = call(cli::show_command, args);
    EXPECT_EQ(o.status, 0) << o.err;
    return nlohmann::json::parse(o.out)["profile"];
  };
  const auto estimate = profile_of({}), truth = profile_of({"--truth"});
  ASSERT_TRUE(truth.is_object());
  EXPECT_NEAR(estimate["variance"].get<double>(), truth["variance"].get<double>(), 1e-9);
  EXPECT_GT(truth["variance"].get<double>(), 0);
  double degrees = 0;
  for (const auto& share : truth["share_by_degree"]) degrees += share.get<double>();
  EXPECT_NEAR(degrees, 1.0, 1e-12);
  ASSERT_EQ(truth["top"].size(), 3U);
  EXPECT_EQ(truth["top"][0]["k"], 10);
  const Output text = call(cli::show_command, {file_, "--task", "synthetic.soum:n=6,s=4,d=2",
                                               "--budget", "64", "--truth", "--profile"});
  EXPECT_NE(text.out.find("spectrum profile: "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("variance share by degree:  1: "), std::string::npos) << text.out;
}

TEST_F(ShowCommandTest, BadSelectionsAreNamedWithStatus2) {
  const Output unknown = call(cli::show_command, {file_, "ffffffffffffffff"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("holds no cell 'ffffffffffffffff' (3 cells); nearest ids:"),
            std::string::npos)
      << unknown.err;
  const Output many = call(cli::show_command, {file_, "--task", "synthetic.soum:n=6,s=4,d=2"});
  EXPECT_EQ(many.status, 2);
  EXPECT_NE(many.err.find("2 cells of"), std::string::npos) << many.err;
  const Output failed =
      call(cli::show_command, {file_, "--task", "synthetic.soum:n=6,s=4,d=2", "--budget", "32"});
  EXPECT_EQ(failed.status, 2);
  EXPECT_NE(failed.err.find("has no explanation"), std::string::npos) << failed.err;
  const Output basis = call(cli::show_command, {file_, "--basis", "walsh"});
  EXPECT_EQ(basis.status, 2);
}

}  // namespace
}  // namespace spexbench
