#include "core/spec.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace spexbench {
namespace {

TEST(Spec, ParsesNameAndParametersInOrder) {
  const Spec spec = Spec::parse("synthetic.sparse_fourier:n=20,s=50,d=4");
  EXPECT_EQ(spec.name, "synthetic.sparse_fourier");
  ASSERT_EQ(spec.params.size(), 3u);
  EXPECT_EQ(spec.params[1].first, "s");
  EXPECT_EQ(spec.params[1].second, "50");
  EXPECT_EQ(spec.str(), "synthetic.sparse_fourier:n=20,s=50,d=4");
  EXPECT_EQ(Spec::parse("exhaustive").str(), "exhaustive");
}

TEST(Spec, QuotedValuesCarrySpacesCommasAndColons) {
  const Spec spec = Spec::parse(R"(external.process:command="python3 w.py --a 1,2",n=4)");
  ASSERT_EQ(spec.params.size(), 2u);
  EXPECT_EQ(spec.params[0].second, "python3 w.py --a 1,2");
  EXPECT_EQ(spec.str(), R"(external.process:command="python3 w.py --a 1,2",n=4)");
  EXPECT_EQ(Spec::parse("a:x=\"plain\"").str(), "a:x=plain");
  EXPECT_THROW((void)Spec::parse(R"(a:x="open)"), Error);
}

TEST(Spec, MalformedTextIsAnErrorThatSaysWhere) {
  for (const char* bad : {"", ":n=1", "a:", "a:n", "a:n=", "a:=3", "a:n=1,", "a:n=1,n=2", "a b",
                          "a:n=1:2", "a;n=1"}) {
    try {
      (void)Spec::parse(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("malformed spec"), std::string::npos) << e.what();
    }
  }
}

TEST(Spec, ClosestMatchSuggestsNearMisspellingsOnly) {
  EXPECT_EQ(closest_match("exhaustiv", {"exhaustive", "spex"}), "exhaustive");
  EXPECT_EQ(closest_match("max_ordr", {"max_order", "budget"}), "max_order");
  EXPECT_EQ(closest_match("zzzzzz", {"spex", "lime"}), "");
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

}  // namespace
}  // namespace spexbench
