// Identity squatting end to end (issue 14, finding 4): a central server and two stations, real
// processes on loopback, reference data moved by the real sync engine. Someone registers
// another person's ID number at a kiosk of station A with their own phone; the district's
// subsidy office then sends that person's records (to station A, where they live). Checked:
//  - central hands the records only to the station the office named (B never receives them);
//  - at A they attach to the unverified registration but the squatter reads none of them
//    (subsidies, payments, amounts), and the other phone central knows is flagged to staff;
//  - checking in the squatter's appointment does not verify a disputed identity;
//  - once staff read the owner's ID card (verify-identity, owner's phone), the owner reads the
//    records and the squatter's digits no longer verify.
#include <gtest/gtest.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "harness.h"
#include "common/clock.h"
#include "domain/identity.h"
#include "station/staff_auth.h"
#include "station/store.h"

using namespace tx::testkit;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::string id_for(const char* first17) { return std::string(first17) + tx::id_check_character(first17); }

// A staff account on a station database (the service reads it through WAL while it runs).
void add_staff(const std::string& db, const std::string& user) {
  tx::SystemClock clock;
  tx::station::Store store(db, tx::Vault::open_or_create(db + ".key", false), clock, 1);
  tx::station::StaffAuth auth(tx::station::StationConfig{}, store, tx::PinCost::minimal());
  auth.add_account(user, "测试员", "staff", "246813", false, tx::station::Actor{"cli:test", "cli", "cli@test"});
}

// beijing_today: the stations' local date (UTC+8).
std::string beijing_today() {
  std::time_t t = std::time(nullptr) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string code(const HttpAnswer& a) {
  return a.body.is_object() && a.body.contains("error") ? a.body["error"].value("code", "") : "";
}

}  // namespace

TEST(SyncIdentity, AKioskSquatterAtOneStationNeverReadsTheOwnersRecordsFromCentral) {
  TempDir dir;
  Central central(central_db(Engine::sqlite, dir.path()), dir.path());
  auto [a_id, a_secret] = central.add_station("甲站");
  auto [b_id, b_secret] = central.add_station("乙站");
  Station a(dir.path(), "station-a"), b(dir.path(), "station-b");
  a.configure(central.url(), a_id, a_secret);
  b.configure(central.url(), b_id, b_secret);
  add_staff(a.db(), "desk");
  a.start({"--sync-interval-s", "3600", "--sync-heartbeat-s", "3600"});
  b.start({"--sync-interval-s", "3600", "--sync-heartbeat-s", "3600"});
  auto cursor_of = [](Station& s) { return s.status()["cursor"].get<std::int64_t>(); };

  const std::string owner = id_for("11010519490317101");
  const std::string owner_phone = "15912347496", squatter_phone = "18812346374";
  const json squatter = {{"id_number", owner}, {"phone_last4", squatter_phone.substr(7)}};
  const json owner_proof = {{"id_number", owner}, {"phone_last4", owner_phone.substr(7)}};

  // A first-assessment session today at A (from central), so the appointment can be checked in.
  const std::string day = beijing_today();
  auto ses = http_post(central.port(), "/api/v1/admin/sessions",
                       json{{"date", day}, {"kind", "first_assessment"}, {"capacity", 10}, {"shares", {{a_id, 10}}}}.dump(),
                       central.token());
  ASSERT_EQ(ses.status, 200) << ses.raw;
  a.trigger();
  ASSERT_TRUE(wait_until([&] { return cursor_of(a) > 0; }, 30s)) << a.status().dump();

  // 1. The squatter registers the owner's ID at a kiosk of A with their own phone.
  auto booked = http_post(a.port(), "/api/v1/appointments",
                          json{{"kind", "first_assessment"}, {"date", day}, {"id_number", owner}, {"phone", squatter_phone}}.dump());
  ASSERT_EQ(booked.status, 201) << booked.raw;
  const auto appointment = booked.body["appointment"]["id"].get<std::int64_t>();

  // 2. The subsidy office sends the owner's records for station A (their phone included).
  std::string csv =
      "ref,station_id,id_number,name,phone,programme,status,stage_date,monthly_amount,payout_account_masked,payments\n"
      "S-77," + a_id + "," + owner + ",张三," + owner_phone +
      ",living_subsidy,paying,2026-10-01,123.45,6222****1234,2026-10:123.45:2026-10-15\n";
  auto imp = http_post(central.port(), "/api/v1/admin/import/subsidies", csv, central.token(), "text/csv");
  ASSERT_EQ(imp.status, 200) << imp.raw;
  const std::int64_t before_a = cursor_of(a), before_b = cursor_of(b);
  a.trigger();
  b.trigger();
  ASSERT_TRUE(wait_until([&] { return cursor_of(a) > before_a; }, 30s)) << a.status().dump();
  // B pulls too (its own reference data, if any), but never the record addressed to A.
  ASSERT_TRUE(wait_until([&] { return !b.status()["last_success"].is_null(); }, 30s)) << b.status().dump();
  EXPECT_EQ(cursor_of(b), before_b) << "station B received a change addressed to A";
  auto at_b = http_post(b.port(), "/api/v1/subsidies/query", owner_proof.dump());
  EXPECT_EQ(at_b.status, 401) << at_b.raw;

  // 3. At A the records are there, hidden from the unverified registration.
  auto subs = http_post(a.port(), "/api/v1/subsidies/query", squatter.dump());
  EXPECT_EQ(subs.status, 403) << subs.raw;
  EXPECT_EQ(code(subs), "identity_unverified");
  for (const char* secret : {"12345", "123.45", "6222", "living_subsidy", "S-77"})
    EXPECT_EQ(subs.raw.find(secret), std::string::npos) << secret;
  auto who = http_post(a.port(), "/api/v1/residents/verify", squatter.dump());
  ASSERT_EQ(who.status, 200) << who.raw;
  EXPECT_FALSE(who.body["resident"]["identity_verified"].get<bool>());
  EXPECT_TRUE(who.body["resident"]["certificate"].is_null());
  auto mine = http_post(a.port(), "/api/v1/appointments/lookup", squatter.dump());
  ASSERT_EQ(mine.status, 200) << mine.raw;
  EXPECT_EQ(mine.body["appointments"].size(), 1u);  // only their own booking
  EXPECT_EQ(mine.raw.find("12345"), std::string::npos);

  // Staff see the dispute before anyone comes to the desk: central knows another phone.
  auto login = http_post(a.port(), "/api/v1/staff/login", json{{"username", "desk"}, {"pin", "246813"}}.dump());
  ASSERT_EQ(login.status, 200) << login.raw;
  const std::string token = login.body["token"];
  auto found = http_post(a.port(), "/api/v1/staff/residents/search", json{{"id_number", owner}}.dump(), token);
  ASSERT_EQ(found.body["residents"].size(), 1u) << found.status << " " << found.raw;
  const auto rid = found.body["residents"][0]["id"].get<std::int64_t>();
  EXPECT_EQ(found.body["residents"][0]["identity_flags_open"], 1);
  auto detail = http_get(a.port(), "/api/v1/staff/residents/" + std::to_string(rid), token).body["resident"];
  ASSERT_EQ(detail["identity_flags"].size(), 1u) << detail.dump();
  EXPECT_EQ(detail["identity_flags"][0]["kind"], "second_phone");
  EXPECT_EQ(detail["identity_flags"][0]["terminal"], "sync:central");
  EXPECT_EQ(detail["identity_flags"][0]["phone_masked"], "159****7496");

  // 4. The squatter comes to the appointment and is checked in: a disputed identity stays
  // unverified, so the records stay hidden.
  auto in = http_post(a.port(), "/api/v1/staff/appointments/" + std::to_string(appointment) + "/check-in", "{}", token);
  if (in.status == 200) {
    auto again = http_post(a.port(), "/api/v1/subsidies/query", squatter.dump());
    EXPECT_EQ(code(again), "identity_unverified") << again.raw;
  } else {
    EXPECT_EQ(in.body["error"].value("reason", ""), "not_today") << in.raw;  // run across midnight
  }

  // 5. The owner at the desk: staff read the ID card and take the owner's phone.
  auto ok = http_post(a.port(), "/api/v1/staff/residents/" + std::to_string(rid) + "/verify-identity",
                      json{{"id_number", owner}, {"method", "card_reader"}, {"phone", owner_phone}}.dump(), token);
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_TRUE(ok.body["resident"]["identity_verified"].get<bool>());
  EXPECT_EQ(ok.body["resident"]["identity_flags_open"], 0);
  auto owners = http_post(a.port(), "/api/v1/subsidies/query", owner_proof.dump());
  ASSERT_EQ(owners.status, 200) << owners.raw;
  ASSERT_EQ(owners.body["applications"].size(), 1u);
  EXPECT_EQ(owners.body["applications"][0]["programme"], "living_subsidy");
  EXPECT_EQ(owners.body["applications"][0]["payments"].size(), 1u);
  EXPECT_EQ(http_post(a.port(), "/api/v1/subsidies/query", squatter.dump()).status, 401);
}
