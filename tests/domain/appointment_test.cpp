#include "domain/appointment.h"

#include <gtest/gtest.h>

using namespace tx;
using K = AppointmentKind;
using S = AppointmentStatus;

TEST(Appointment, KindNamesRoundTripAndMatchTheContract) {
  std::vector<std::string> names;
  for (K k : all_appointment_kinds()) {
    names.emplace_back(to_string(k));
    EXPECT_EQ(appointment_kind_from(to_string(k)), k);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"first_assessment", "renewal", "reassessment",
                                             "replacement", "home_assessment", "video_assessment"}));
  EXPECT_EQ(appointment_kind_from("FIRST_ASSESSMENT"), std::nullopt);
}

TEST(Appointment, LegalTransitionsOnly) {
  EXPECT_TRUE(can_transition(K::first_assessment, S::booked, S::checked_in));
  EXPECT_TRUE(can_transition(K::first_assessment, S::checked_in, S::completed));
  EXPECT_TRUE(can_transition(K::renewal, S::booked, S::cancelled));
  EXPECT_TRUE(can_transition(K::renewal, S::booked, S::no_show));
  EXPECT_FALSE(can_transition(K::renewal, S::booked, S::completed));
  EXPECT_FALSE(can_transition(K::renewal, S::completed, S::cancelled));
  EXPECT_FALSE(can_transition(K::renewal, S::cancelled, S::booked));
  EXPECT_FALSE(can_transition(K::renewal, S::no_show, S::checked_in));
  // Home visits are dispatched instead of checked in.
  EXPECT_TRUE(can_transition(K::home_assessment, S::booked, S::dispatched));
  EXPECT_TRUE(can_transition(K::home_assessment, S::dispatched, S::visit_failed));
  EXPECT_FALSE(can_transition(K::home_assessment, S::booked, S::checked_in));
  EXPECT_FALSE(can_transition(K::first_assessment, S::booked, S::dispatched));
  int legal = 0;
  for (int f = 0; f < 8; ++f)
    for (int t = 0; t < 8; ++t) legal += can_transition(K::first_assessment, S(f), S(t));
  EXPECT_EQ(legal, 6);  // booked→{checked_in,cancelled,no_show,rescheduled}, checked_in→{completed,cancelled}
}

TEST(Appointment, ActiveStates) {
  EXPECT_TRUE(is_active(S::booked));
  EXPECT_TRUE(is_active(S::checked_in));
  EXPECT_TRUE(is_active(S::dispatched));
  EXPECT_FALSE(is_active(S::cancelled));
  EXPECT_FALSE(is_active(S::completed));
}

TEST(Appointment, WhatToBring) {
  auto items = what_to_bring(K::renewal, 4, false);
  EXPECT_NE(std::find(items.begin(), items.end(), "bring.old_certificate"), items.end());
  EXPECT_EQ(std::find(items.begin(), items.end(), "bring.guardian_id"), items.end());
  auto minor = what_to_bring(K::first_assessment, 0, true);
  EXPECT_NE(std::find(minor.begin(), minor.end(), "bring.guardian_id"), minor.end());
  auto mental = what_to_bring(K::first_assessment, 6, false);
  EXPECT_NE(std::find(mental.begin(), mental.end(), "bring.guardian_id"), mental.end());
  for (K k : all_appointment_kinds())
    for (const auto& key : what_to_bring(k, 5, true)) {
      EXPECT_STRNE(bring_item_zh(key), "") << key;
      EXPECT_STRNE(bring_item_en(key), "") << key;
    }
}

TEST(Appointment, HomeReasons) {
  EXPECT_TRUE(valid_home_reason("bedridden"));
  EXPECT_TRUE(valid_home_reason("severe_mobility"));
  EXPECT_TRUE(valid_home_reason("other: 卧床三年"));
  EXPECT_FALSE(valid_home_reason(""));
  EXPECT_FALSE(valid_home_reason("lazy"));
}
