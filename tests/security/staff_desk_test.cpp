// Staff journeys through the staff API (in-process, manual clock at 2026-11-25 10:00, an
// assessment day): walk-in booking, check-in, queue slip, no-show, reschedule in one
// transaction, home-assessment requests, applications by agents, change reports, work lists,
// calls for staff within 2 s, reveals that need a reason, and an outbox event with every change.
#include <future>
#include <thread>

#include "harness.h"

using namespace tx;
using namespace tx::security_test;

namespace {

const std::string kId = make_id("19620314", 123);
const std::string kPhone = "10012340001";

class Desk : public InProcess {
 protected:
  void SetUp() override {
    add_staff("desk", "staff");
    add_staff("boss", "station_admin");
    rid_ = add_resident(kId, kPhone, 4, 2, "2016-12-01");  // expires 2026-12-01: renewal due
    t_ = login("desk");
  }
  std::int64_t outbox() { return count("outbox"); }
  std::string status_of(std::int64_t id) {
    return call("GET", "/api/v1/staff/appointments/" + std::to_string(id), nullptr, t_).body["appointment"]["status"];
  }
  std::int64_t rid_ = 0;
  std::string t_;
};

}  // namespace

TEST_F(Desk, WalkInBookingCheckInSlipAndNoShow) {
  auto before = outbox();
  auto r = call("POST", "/api/v1/staff/appointments", {{"kind", "renewal"}, {"date", "2026-11-25"}, {"id_number", kId}}, t_);
  ASSERT_EQ(r.status, 201) << r.raw;
  auto appt = r.body["appointment"];
  EXPECT_EQ(appt["status"], "booked");
  EXPECT_EQ(appt["resident_id"], rid_);
  EXPECT_EQ(outbox() - before, 1);
  const auto id = appt["id"].get<std::int64_t>();

  auto today = call("GET", "/api/v1/staff/appointments?date=2026-11-25", nullptr, t_);
  ASSERT_EQ(today.status, 200);
  ASSERT_EQ(today.body["appointments"].size(), 1u);
  EXPECT_EQ(today.body["appointments"][0]["channel"], "staff");
  EXPECT_EQ(today.body["appointments"][0]["id_masked"], "110***********" + kId.substr(14));
  EXPECT_EQ(today.raw.find(kId), std::string::npos);

  auto in = call("POST", "/api/v1/staff/appointments/" + std::to_string(id) + "/check-in", nullptr, t_);
  ASSERT_EQ(in.status, 200) << in.raw;
  EXPECT_EQ(in.body["appointment"]["status"], "checked_in");
  EXPECT_EQ(outbox() - before, 2);
  EXPECT_EQ(code(call("POST", "/api/v1/staff/appointments/" + std::to_string(id) + "/check-in", nullptr, t_)),
            "invalid_transition");

  auto slip = call("POST", "/api/v1/staff/appointments/" + std::to_string(id) + "/slip", nullptr, t_);
  ASSERT_EQ(slip.status, 200) << slip.raw;
  EXPECT_EQ(slip.body["slip"]["ticket"], appt["ticket"]);
  EXPECT_EQ(slip.body["slip"]["queue_ahead"], 0);
  EXPECT_FALSE(slip.body["slip"]["bring"].empty());
  EXPECT_EQ(slip.raw.find(kId), std::string::npos);
  EXPECT_EQ(slip.raw.find(kPhone), std::string::npos);
  EXPECT_EQ(audit("print").size(), 1u);

  // A future appointment cannot be checked in or marked no-show yet.
  auto later = call("POST", "/api/v1/staff/appointments",
                    {{"kind", "first_assessment"}, {"date", "2026-12-07"}, {"id_number", kId}}, t_);
  ASSERT_EQ(later.status, 201) << later.raw;
  std::string lid = std::to_string(later.body["appointment"]["id"].get<int>());
  auto early = call("POST", "/api/v1/staff/appointments/" + lid + "/check-in", nullptr, t_);
  EXPECT_EQ(code(early), "invalid_transition");
  EXPECT_EQ(early.body["error"]["reason"], "not_today");
  EXPECT_EQ(call("POST", "/api/v1/staff/appointments/" + lid + "/no-show", nullptr, t_).body["error"]["reason"],
            "session_not_started");
  clock_.advance(std::chrono::hours(24 * 12) + std::chrono::hours(8));
  t_ = login("desk");
  auto ns = call("POST", "/api/v1/staff/appointments/" + lid + "/no-show", nullptr, t_);
  ASSERT_EQ(ns.status, 200) << ns.raw;
  EXPECT_EQ(ns.body["appointment"]["status"], "no_show");
}

TEST_F(Desk, ANewWalkInNeedsNameAndPhoneAndIsRegistered) {
  std::string id = make_id("19881212", 42);
  auto r = call("POST", "/api/v1/staff/appointments", {{"kind", "first_assessment"}, {"date", "2026-12-07"}, {"id_number", id}}, t_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["error"]["field"], "name");
  auto before = outbox();
  r = call("POST", "/api/v1/staff/appointments",
           {{"kind", "first_assessment"}, {"date", "2026-12-07"}, {"id_number", id}, {"name", "赵新"}, {"phone", "10077778888"}}, t_);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(outbox() - before, 2);  // resident.registered + appointment.booked
  EXPECT_EQ(code(call("POST", "/api/v1/staff/appointments",
                      {{"kind", "first_assessment"}, {"date", "2026-12-15"}, {"id_number", id}}, t_)),
            "already_booked");
  // Renewal needs a certificate on record: the same rules as at the kiosk.
  EXPECT_EQ(code(call("POST", "/api/v1/staff/appointments", {{"kind", "renewal"}, {"date", "2026-12-07"}, {"id_number", id}}, t_)),
            "certificate_required");
  EXPECT_EQ(code(call("POST", "/api/v1/staff/appointments", {{"kind", "renewal"}, {"date", "2026-12-07"}, {"id_number", "123"}}, t_)),
            "invalid_id_number");
}

TEST_F(Desk, RescheduleIsOneTransaction) {
  auto r = call("POST", "/api/v1/staff/appointments", {{"kind", "first_assessment"}, {"date", "2026-12-07"}, {"id_number", kId}}, t_);
  ASSERT_EQ(r.status, 201) << r.raw;
  auto id = r.body["appointment"]["id"].get<std::int64_t>();
  // 15 December: one place, already taken by someone else.
  store_.write([](station::Writer& w) {
    PlannedSession p{*Date::parse("2026-12-15"), AppointmentKind::first_assessment, "09:00", "11:30", "医院", "评定室", {}, 1};
    w.upsert_session(p, "central");
  });
  auto other = call("POST", "/api/v1/staff/appointments",
                    {{"kind", "first_assessment"}, {"date", "2026-12-15"}, {"id_number", make_id("19700101", 7)},
                     {"name", "钱二"}, {"phone", "10011112222"}}, t_);
  ASSERT_EQ(other.status, 201) << other.raw;

  auto before = outbox();
  auto full = call("POST", "/api/v1/staff/appointments/" + std::to_string(id) + "/reschedule", {{"date", "2026-12-15"}}, t_);
  EXPECT_EQ(code(full), "day_full");
  EXPECT_EQ(status_of(id), "booked");  // nothing half-happened
  EXPECT_EQ(outbox(), before);

  auto ok = call("POST", "/api/v1/staff/appointments/" + std::to_string(id) + "/reschedule", {{"date", "2026-12-25"}}, t_);
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(ok.body["previous"]["status"], "rescheduled");
  EXPECT_EQ(ok.body["appointment"]["status"], "booked");
  EXPECT_EQ(ok.body["appointment"]["date"], "2026-12-25");
  EXPECT_EQ(outbox() - before, 2);  // appointment.rescheduled + appointment.booked
  // The old place is free again.
  auto days = svc_.assessment_days("2026-12-07", "2026-12-07", "first_assessment");
  EXPECT_EQ(days[0].booked, 0);
  EXPECT_EQ(code(call("POST", "/api/v1/staff/appointments/" + std::to_string(id) + "/reschedule", {{"date", "2026-12-15"}}, t_)),
            "invalid_transition");
}

TEST_F(Desk, HomeAssessmentRequestKeepsTheAddressSealedUntilAReasonedReveal) {
  auto bad = call("POST", "/api/v1/staff/home-assessments", {{"date", "2026-11-26"}, {"id_number", kId}, {"reason", "bedridden"}}, t_);
  EXPECT_EQ(code(bad), "invalid_address");
  auto r = call("POST", "/api/v1/staff/home-assessments",
                {{"date", "2026-11-26"}, {"id_number", kId}, {"address", "示例路8号3单元502"}, {"reason", "bedridden"}}, t_);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["appointment"]["kind"], "home_assessment");
  EXPECT_EQ(r.raw.find("示例路8号"), std::string::npos);
  std::string path = "/api/v1/staff/appointments/" + std::to_string(r.body["appointment"]["id"].get<int>()) + "/reveal";
  EXPECT_EQ(code(call("POST", path, {{"reason", ""}}, t_)), "invalid_field");
  auto shown = call("POST", path, {{"reason", "安排上门"}}, t_);
  ASSERT_EQ(shown.status, 200) << shown.raw;
  EXPECT_EQ(shown.body["address"], "示例路8号3单元502");
  EXPECT_EQ(shown.header("Cache-Control"), "no-store");
  EXPECT_EQ(audit("reveal").size(), 1u);
  auto raw = test::read_file(dir_.file("station.db")) + test::read_file(dir_.file("station.db-wal"));
  EXPECT_EQ(raw.find("示例路8号"), std::string::npos);
}

TEST_F(Desk, ApplicationsForTheResidentOrAnAgentAndChangeReports) {
  std::string base = "/api/v1/staff/residents/" + std::to_string(rid_);
  auto before = outbox();
  json guardian = {{"relation", "guardian"}, {"name", "王监护"}, {"phone", "10066665555"}, {"id_number", make_id("19500505", 9)}};
  auto r = call("POST", base + "/applications", {{"programme", "nursing_subsidy"}, {"agent", guardian}, {"note", "材料齐全"}}, t_);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["application"]["status"], "applied");
  EXPECT_EQ(r.body["application"]["applicant"], "guardian");
  EXPECT_EQ(r.raw.find("10066665555"), std::string::npos);
  EXPECT_EQ(code(call("POST", base + "/applications", {{"programme", "nursing_subsidy"}}, t_)), "already_applied");
  EXPECT_EQ(call("POST", base + "/applications", {{"programme", "assistive_devices"}}, t_).status, 201);  // by the resident
  EXPECT_EQ(code(call("POST", base + "/applications", {{"programme", "lottery"}}, t_)), "invalid_field");
  EXPECT_EQ(code(call("POST", base + "/applications", {{"programme", "day_care"}, {"agent", {{"relation", "boss"}, {"name", "某"}}}}, t_)),
            "invalid_field");
  EXPECT_EQ(code(call("POST", "/api/v1/staff/residents/999/applications", {{"programme", "day_care"}}, t_)), "not_found");

  auto c = call("POST", base + "/change-reports",
                {{"change_type", "address"}, {"programme", "living_subsidy"},
                 {"agent", {{"relation", "village_committee"}, {"name", "示例村委会"}}}, {"details", "迁入示例社区"}}, t_);
  ASSERT_EQ(c.status, 201) << c.raw;
  EXPECT_EQ(c.body["change_report"]["applicant"], "village_committee");
  EXPECT_EQ(outbox() - before, 3);

  // The resident's own subsidy query shows the new application.
  std::string as_of;
  auto apps = svc_.subsidies(station::Identity{kId, std::string("0001")}, &as_of, station::Actor::resident_at("k"));
  EXPECT_EQ(apps.size(), 2u);
  auto detail = call("GET", base, nullptr, t_);
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.body["resident"]["applications"].size(), 2u);
  EXPECT_EQ(detail.body["resident"]["change_reports"].size(), 1u);
  EXPECT_EQ(detail.raw.find(kId), std::string::npos);
  EXPECT_EQ(detail.raw.find(kPhone), std::string::npos);
}

TEST_F(Desk, AnApplicationIsDatedTheStationsDayNotTheUtcDay) {
  clock_.advance(std::chrono::hours(19));  // 2026-11-25T21:00Z is 05:00 on the 26th in Beijing
  station::DeskApplication a;
  a.resident_id = rid_;
  a.programme = Programme::day_care;
  auto app = desk_.register_application(a, station::Actor{"staff:desk", "staff", "pc-1"});
  EXPECT_EQ(app.stage_date, "2026-11-26");
}

TEST_F(Desk, SearchIsMaskedAndRevealNeedsAReason) {
  add_resident(make_id("19710101", 3), "10099990000", 0, 0, "2020-01-01", "李四");
  add_resident(make_id("19720101", 5), "10099990001", 0, 0, "2020-01-01", "李四");
  auto byname = call("POST", "/api/v1/staff/residents/search", {{"name", " 李四 "}}, t_);
  ASSERT_EQ(byname.status, 200) << byname.raw;
  EXPECT_EQ(byname.body["residents"].size(), 2u);
  EXPECT_EQ(byname.body["residents"][0]["name_masked"], "李*");
  EXPECT_EQ(call("POST", "/api/v1/staff/residents/search", {{"name", "李"}}, t_).body["residents"].size(), 0u);
  auto byid = call("POST", "/api/v1/staff/residents/search", {{"id_number", kId}}, t_);
  ASSERT_EQ(byid.body["residents"].size(), 1u);
  EXPECT_EQ(byid.body["residents"][0]["phone_masked"], "100****0001");
  EXPECT_TRUE(byid.body["residents"][0]["certificate"]["renewal_due"].get<bool>());
  EXPECT_EQ(byid.raw.find(kPhone), std::string::npos);

  std::string path = "/api/v1/staff/residents/" + std::to_string(rid_) + "/reveal";
  EXPECT_EQ(code(call("POST", path, {{"fields", {"phone"}}}, t_)), "invalid_field");
  EXPECT_EQ(code(call("POST", path, {{"fields", {"password"}}, {"reason", "核对"}}, t_)), "invalid_field");
  auto shown = call("POST", path, {{"fields", {"phone", "id_number", "name"}}, {"reason", "核对身份"}}, t_);
  ASSERT_EQ(shown.status, 200) << shown.raw;
  EXPECT_EQ(shown.body["resident"]["phone"], kPhone);
  EXPECT_EQ(shown.body["resident"]["id_number"], kId);
  EXPECT_EQ(shown.body["resident"]["name"], "王小明");
  auto rows = audit("reveal");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].subject_hash, svc_.id_hash(kId));
  EXPECT_EQ(rows[0].detail, R"({"fields":["phone","id_number","name"]})");
  EXPECT_EQ(audit("search").size(), 4u);  // 2 (one per person found) + 1 empty + 1 by ID
}

TEST_F(Desk, WorkListsRenewalsAndJobInterests) {
  add_resident(make_id("19800101", 21), "10012340021", 1, 1, "2010-01-01");  // long expired
  add_resident(make_id("19800101", 23), "10012340023", 1, 1, "2024-01-01");  // not due
  auto list = call("GET", "/api/v1/staff/worklists/renewals", nullptr, t_);
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body["residents"].size(), 2u);
  EXPECT_EQ(list.body["residents"][0]["certificate"]["status"], "expired");
  EXPECT_EQ(list.body["residents"][1]["id"], rid_);
  EXPECT_FALSE(list.body["residents"][1]["renewal_booked"].get<bool>());
  call("POST", "/api/v1/staff/appointments", {{"kind", "renewal"}, {"date", "2026-12-07"}, {"id_number", kId}}, t_);
  list = call("GET", "/api/v1/staff/worklists/renewals", nullptr, t_);
  EXPECT_TRUE(list.body["residents"][1]["renewal_booked"].get<bool>());

  // Station admins can export the list with full contact data for calling; each person exported is audited.
  EXPECT_EQ(code(call("POST", "/api/v1/staff/exports/renewals", {{"reason", "电话提醒换证"}}, t_)), "forbidden");
  auto boss = login("boss");
  auto ex = call("POST", "/api/v1/staff/exports/renewals", {{"reason", "电话提醒换证"}}, boss);
  ASSERT_EQ(ex.status, 200) << ex.raw;
  EXPECT_EQ(ex.body["residents"][1]["phone"], kPhone);
  EXPECT_EQ(audit("export").size(), 2u);

  auto job = add_job();
  svc_.register_interest(job, station::Identity{kId, std::string("0001")}, "kiosk-2");
  svc_.register_interest(job, station::Identity{"", std::nullopt, std::string("陈七"), std::string("10055554444")}, "kiosk-3");
  auto interests = call("GET", "/api/v1/staff/worklists/job-interests", nullptr, t_);
  ASSERT_EQ(interests.status, 200) << interests.raw;
  ASSERT_EQ(interests.body["interests"].size(), 2u);
  EXPECT_EQ(interests.body["interests"][0]["name_masked"], "陈*");
  EXPECT_EQ(interests.body["interests"][0]["phone_masked"], "100****4444");
  EXPECT_EQ(interests.raw.find("10055554444"), std::string::npos);
  std::string iid = std::to_string(interests.body["interests"][0]["id"].get<int>());
  auto contact = call("POST", "/api/v1/staff/job-interests/" + iid + "/reveal", {{"reason", "联系面试"}}, t_);
  EXPECT_EQ(contact.body["contact"]["phone"], "10055554444");
  auto upd = call("POST", "/api/v1/staff/job-interests/" + iid + "/status", {{"status", "contacted"}}, t_);
  ASSERT_EQ(upd.status, 200) << upd.raw;
  EXPECT_EQ(upd.body["interest"]["handled_by"], "staff:desk");
  EXPECT_EQ(call("GET", "/api/v1/staff/worklists/job-interests?status=registered", nullptr, t_).body["interests"].size(), 1u);
}

TEST_F(Desk, CallsForStaffArriveWithinTwoSeconds) {
  auto first = call("GET", "/api/v1/staff/calls", nullptr, t_);
  ASSERT_EQ(first.status, 200);
  auto version = first.body["version"].get<std::uint64_t>();
  auto start = std::chrono::steady_clock::now();
  auto waiting = std::async(std::launch::async, [&] {
    return call("GET", "/api/v1/staff/calls?since=" + std::to_string(version) + "&wait_s=10", nullptr, t_);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto made = call("POST", "/api/v1/staff-calls", {{"reason", "help"}}, {}, "kiosk-7");
  ASSERT_EQ(made.status, 201);
  auto got = waiting.get();
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, std::chrono::seconds(2));
  ASSERT_EQ(got.body["calls"].size(), 1u);
  EXPECT_EQ(got.body["calls"][0]["terminal"], "kiosk-7");
  EXPECT_EQ(got.body["calls"][0]["status"], "open");

  std::string id = std::to_string(made.body["call"]["id"].get<int>());
  auto before = outbox();
  auto ack = call("POST", "/api/v1/staff/calls/" + id + "/acknowledge", nullptr, t_);
  ASSERT_EQ(ack.status, 200) << ack.raw;
  EXPECT_EQ(ack.body["call"]["acknowledged_by"], "staff:desk");
  // The kiosk's poll now says staff are coming.
  EXPECT_EQ(call("GET", "/api/v1/staff-calls/" + id, nullptr, {}, "kiosk-7").body["call"]["status"], "acknowledged");
  EXPECT_EQ(code(call("POST", "/api/v1/staff/calls/" + id + "/acknowledge", nullptr, t_)), "invalid_transition");
  EXPECT_EQ(call("POST", "/api/v1/staff/calls/" + id + "/close", nullptr, t_).status, 200);
  EXPECT_EQ(outbox() - before, 2);
  EXPECT_EQ(call("GET", "/api/v1/staff/calls", nullptr, t_).body["calls"].size(), 0u);
}

TEST_F(Desk, SyncStatusWithoutAnEngineAndAuditedRunNow) {
  auto s = call("GET", "/api/v1/staff/sync", nullptr, t_);
  ASSERT_EQ(s.status, 200);
  EXPECT_FALSE(s.body["sync"]["configured"].get<bool>());
  EXPECT_EQ(code(call("POST", "/api/v1/staff/sync", nullptr, t_)), "sync_not_configured");
  EXPECT_EQ(audit("sync").size(), 1u);
}

TEST_F(Desk, ResidentEndpointsAreRateLimitedPerIdNumberAcrossKiosks) {
  int ok = 0, limited = 0;
  for (int i = 0; i < 35; ++i) {
    auto r = call("POST", "/api/v1/residents/verify", {{"id_number", kId}, {"phone_last4", "0001"}}, {},
                  "kiosk-" + std::to_string(i % 5));
    ok += r.status == 200;
    limited += code(r) == "rate_limited";
  }
  EXPECT_EQ(ok, 30);
  EXPECT_EQ(limited, 5);
  // Another resident is not affected; the same one is served again a minute later.
  add_resident(make_id("19550505", 55), "10012345555");
  EXPECT_EQ(call("POST", "/api/v1/residents/verify", {{"id_number", make_id("19550505", 55)}, {"phone_last4", "5555"}}).status, 200);
  clock_.advance(std::chrono::seconds(61));
  EXPECT_EQ(call("POST", "/api/v1/residents/verify", {{"id_number", kId}, {"phone_last4", "0001"}}).status, 200);
}

// Issue 14 (squatting): when someone else has claimed the ID (an open identity flag), checking in
// does not verify the registration: only verify-identity, which compares the card's number.
TEST_F(Desk, CheckingInADisputedRegistrationDoesNotVerifyIt) {
  const std::string id = make_id("19750707", 323);
  auto booked = call("POST", "/api/v1/appointments",
                     {{"kind", "first_assessment"}, {"date", "2026-12-07"}, {"id_number", id}, {"phone", "10055558888"}},
                     {}, "kiosk-1");
  ASSERT_EQ(booked.status, 201) << booked.raw;
  // Another phone for the same ID: refused and flagged.
  auto other = call("POST", "/api/v1/appointments",
                    {{"kind", "first_assessment"}, {"date", "2026-12-07"}, {"id_number", id}, {"phone", "10055559999"}},
                    {}, "kiosk-2");
  EXPECT_EQ(other.status, 401) << other.raw;
  clock_.advance(std::chrono::hours(24 * 12));  // 2026-12-07, the appointment's day
  t_ = login("desk");
  auto card = [&] { return call("POST", "/api/v1/staff/residents/search", {{"id_number", id}}, t_).body["residents"][0]; };
  EXPECT_EQ(card()["identity_flags_open"], 1);
  const auto appt = booked.body["appointment"]["id"].get<std::int64_t>();
  auto in = call("POST", "/api/v1/staff/appointments/" + std::to_string(appt) + "/check-in", nullptr, t_);
  ASSERT_EQ(in.status, 200) << in.raw;
  EXPECT_FALSE(card()["identity_verified"].get<bool>());
  const auto rid = card()["id"].get<std::int64_t>();
  auto ok = call("POST", "/api/v1/staff/residents/" + std::to_string(rid) + "/verify-identity",
                 {{"id_number", id}, {"method", "card_reader"}}, t_);
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_TRUE(card()["identity_verified"].get<bool>());
  EXPECT_EQ(card()["identity_flags_open"], 0);
}

// Issue 14: a kiosk registration is unverified until staff see the ID card; checking in its
// appointment is that moment (audited), and the staff card shows the state.
TEST_F(Desk, CheckingInAKioskRegistrationVerifiesIt) {
  const std::string id = make_id("19750505", 321);
  auto booked = call("POST", "/api/v1/appointments",
                     {{"kind", "first_assessment"}, {"date", "2026-12-07"}, {"id_number", id}, {"phone", "10055556666"}},
                     {}, "kiosk-1");
  ASSERT_EQ(booked.status, 201) << booked.raw;
  auto card = [&] { return call("POST", "/api/v1/staff/residents/search", {{"id_number", id}}, t_).body["residents"][0]; };
  EXPECT_FALSE(card()["identity_verified"].get<bool>());
  // The resident's own view: verified by phone, not by card.
  auto self = call("POST", "/api/v1/residents/verify", {{"id_number", id}, {"phone_last4", "6666"}}, {}, "kiosk-1");
  EXPECT_FALSE(self.body["resident"]["identity_verified"].get<bool>());

  clock_.advance(std::chrono::hours(24 * 12));  // 2026-12-07, the appointment's day
  t_ = login("desk");
  const auto appt = booked.body["appointment"]["id"].get<std::int64_t>();
  auto in = call("POST", "/api/v1/staff/appointments/" + std::to_string(appt) + "/check-in", nullptr, t_);
  ASSERT_EQ(in.status, 200) << in.raw;
  EXPECT_TRUE(card()["identity_verified"].get<bool>());
  EXPECT_EQ(card()["verified_by"], "staff:desk");
  int rows = 0;
  for (const auto& r : audit("verify_identity")) rows += r.detail.find("check_in") != std::string::npos ? 1 : 0;
  EXPECT_EQ(rows, 1);
  // Residents registered by staff at the desk are verified from the start.
  const std::string walk_in = make_id("19750606", 322);
  ASSERT_EQ(call("POST", "/api/v1/staff/appointments",
                 {{"kind", "first_assessment"}, {"date", "2026-12-07"}, {"id_number", walk_in}, {"name", "钱新"},
                  {"phone", "10055557777"}}, t_).status, 201);
  EXPECT_TRUE(call("POST", "/api/v1/staff/residents/search", {{"id_number", walk_in}}, t_)
                  .body["residents"][0]["identity_verified"].get<bool>());
}
