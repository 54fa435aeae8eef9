#include "domain/subsidy.h"

#include <gtest/gtest.h>

using namespace tx;
using P = Programme;
using S = ApplicationStatus;

TEST(Subsidy, StateMachineForTheTwoSubsidies) {
  EXPECT_TRUE(can_transition(P::nursing_subsidy, S::applied, S::under_review));
  EXPECT_TRUE(can_transition(P::nursing_subsidy, S::under_review, S::approved));
  EXPECT_TRUE(can_transition(P::nursing_subsidy, S::approved, S::paying));
  EXPECT_TRUE(can_transition(P::nursing_subsidy, S::paying, S::suspended));
  EXPECT_TRUE(can_transition(P::nursing_subsidy, S::suspended, S::paying));
  EXPECT_TRUE(can_transition(P::nursing_subsidy, S::suspended, S::stopped));
  EXPECT_TRUE(can_transition(P::nursing_subsidy, S::stopped, S::paying));  // recheck + back pay
  EXPECT_TRUE(can_transition(P::living_subsidy, S::under_review, S::rejected));
  EXPECT_FALSE(can_transition(P::living_subsidy, S::paying, S::rejected));
  EXPECT_FALSE(can_transition(P::living_subsidy, S::applied, S::paying));
  EXPECT_FALSE(can_transition(P::living_subsidy, S::approved, S::delivered));
  EXPECT_FALSE(can_transition(P::living_subsidy, S::rejected, S::applied));
}

TEST(Subsidy, AidIsDeliveredOnce) {
  EXPECT_TRUE(can_transition(P::assistive_devices, S::approved, S::delivered));
  EXPECT_FALSE(can_transition(P::assistive_devices, S::approved, S::paying));
  EXPECT_FALSE(can_transition(P::education_grant, S::delivered, S::paying));
}

TEST(Subsidy, ReasonsAndNames) {
  EXPECT_TRUE(needs_reason(S::stopped));
  EXPECT_TRUE(needs_reason(S::rejected));
  EXPECT_FALSE(needs_reason(S::paying));
  EXPECT_EQ(stop_reason_from("moved_out"), StopReason::moved_out);
  for (P p : all_programmes()) {
    EXPECT_EQ(programme_from(to_string(p)), p);
    EXPECT_STRNE(programme_name_zh(p), "");
  }
  EXPECT_STREQ(status_plain_zh(S::paying), "正在发放");
}

TEST(Subsidy, Eligibility) {
  EligibilityFacts f{.has_certificate = true, .category = 4, .level = 1};
  EXPECT_TRUE(eligible(P::nursing_subsidy, f));
  EXPECT_FALSE(eligible(P::living_subsidy, f));  // not a low-income family
  f.low_income_family = true;
  EXPECT_TRUE(eligible(P::living_subsidy, f));
  f.extreme_poverty_support = true;
  EXPECT_FALSE(eligible(P::nursing_subsidy, f));
  EligibilityFacts l3{.has_certificate = true, .category = 5, .level = 3};
  EXPECT_TRUE(eligible(P::nursing_subsidy, l3));
  l3.local_extends_level3_intellectual_mental = false;
  EXPECT_FALSE(eligible(P::nursing_subsidy, l3));
  EligibilityFacts phys3{.has_certificate = true, .category = 4, .level = 3};
  EXPECT_FALSE(eligible(P::nursing_subsidy, phys3));
  EXPECT_FALSE(eligible(P::living_subsidy, EligibilityFacts{}));
}
