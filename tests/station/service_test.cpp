// Station rules through the service and a real SQLite file, with a manual clock.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fixture.h"

using namespace tx;
using namespace tx::station;
using namespace tx::station::testing;

namespace {
const std::string kId = make_id("19620314", 123);
const std::string kPhone = "10012340001";
}  // namespace

class Service : public StationFixture {};

TEST_F(Service, PlansTheSeedCalendar) {
  auto days = svc_.assessment_days("2026-12-01", "2026-12-31", "first_assessment");
  std::vector<std::string> dates;
  for (const auto& s : days) dates.push_back(s.date.str());
  EXPECT_EQ(dates, (std::vector<std::string>{"2026-12-07", "2026-12-15", "2026-12-25"}));
  EXPECT_EQ(code_of([&] { svc_.assessment_days("2026-12-31", "2026-12-01", ""); }), "invalid_date");
  EXPECT_EQ(code_of([&] { svc_.assessment_days("2026-01-01", "2026-12-01", ""); }), "invalid_date");
  EXPECT_EQ(code_of([&] { svc_.assessment_days("", "", "bogus"); }), "invalid_kind");
  EXPECT_EQ(svc_.plan_local_sessions(), 0);  // idempotent
}

TEST_F(Service, VerificationFailsAlikeForUnknownAndWrongAndLocksAfterFive) {
  add_resident(kId, kPhone, 4, 2);
  std::string unknown = make_id("19800101", 12);
  EXPECT_EQ(code_of([&] { svc_.verify(unknown, "0001"); }), "verification_failed");
  EXPECT_EQ(code_of([&] { svc_.verify(kId, "9999"); }), "verification_failed");
  EXPECT_EQ(svc_.verify(kId, "0001").resident_id, 1);  // success clears the count
  for (int i = 0; i < 4; ++i) EXPECT_EQ(code_of([&] { svc_.verify(kId, "9999"); }), "verification_failed");
  // Locked: the same answer as a wrong guess (no oracle), even for the right digits.
  EXPECT_EQ(code_of([&] { svc_.verify(kId, "9999"); }), "verification_failed");
  EXPECT_EQ(code_of([&] { svc_.verify(kId, "0001"); }), "verification_failed");
  clock_.advance(std::chrono::minutes(14));
  EXPECT_EQ(code_of([&] { svc_.verify(kId, "0001"); }), "verification_failed");
  clock_.advance(std::chrono::minutes(2));
  EXPECT_EQ(svc_.verify(kId, "0001").resident_id, 1);
}

TEST_F(Service, UnknownIdLocksToo) {
  std::string unknown = make_id("19800101", 12);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(code_of([&] { svc_.verify(unknown, "0000"); }), "verification_failed");
  auto st = store_.read([&](Reader& r) { return r.lock_state(svc_.id_hash(unknown)); });
  EXPECT_EQ(st.failures, 5);
  EXPECT_TRUE(st.locked_at(clock_.now()));
}

TEST_F(Service, InvalidInputsNameTheField) {
  try {
    svc_.verify("110105194912310021", "0001");
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "invalid_id_number");
    EXPECT_EQ(e.field(), "id_number");
    EXPECT_EQ(e.reason(), "check_character");
  }
  EXPECT_EQ(code_of([&] { svc_.verify(kId, "12"); }), "invalid_field");
}

static BookRequest first_time(const std::string& id, const char* date, const char* kind = "first_assessment") {
  BookRequest r;
  r.kind = kind;
  r.date = date;
  r.who.id_number = id;
  r.who.name = "李四";
  r.who.phone = "10099990000";
  return r;
}

TEST_F(Service, FirstTimeApplicantIsRegisteredAndBookedWithOneOutboxEventEach) {
  auto before = outbox();
  auto a = svc_.book(first_time(make_id("19900101", 20), "2026-12-07"));
  EXPECT_EQ(a.status, AppointmentStatus::booked);
  EXPECT_EQ(a.ticket, "A001");
  EXPECT_EQ(a.session.date.str(), "2026-12-07");
  EXPECT_EQ(a.id_masked, "110***********" + make_id("19900101", 20).substr(14));
  EXPECT_EQ(outbox() - before, 2);  // resident.registered + appointment.booked
  auto b = svc_.book(first_time(make_id("19900101", 22), "2026-12-07"));
  EXPECT_EQ(b.ticket, "A002");
  // The same person again: now registered, so name + phone must match the record.
  auto again = first_time(make_id("19900101", 20), "2026-12-15", "video_assessment");
  again.date = "2026-12-02";
  EXPECT_EQ(svc_.book(again).kind, AppointmentKind::video_assessment);
  again.who.phone = "10011112222";
  again.date = "2026-12-09";
  EXPECT_EQ(code_of([&] { svc_.book(again); }), "verification_failed");
}

TEST_F(Service, BookingRulesAndNothingWrittenOnRefusal) {
  add_resident(kId, kPhone, 4, 2, "2017-02-01");  // expires 2027-02-01: renewal window open
  BookRequest r;
  r.kind = "renewal";
  r.date = "2026-12-07";
  r.who.id_number = kId;
  r.who.phone_last4 = "0001";
  svc_.book(r);
  auto before = outbox();
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "already_booked");
  r.date = "2026-12-08";
  r.kind = "reassessment";
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "no_session");
  r.date = "2026-11-24";
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "invalid_date");
  r.date = "2027-06-01";
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "invalid_date");
  r.date = "2026-12-7";
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "invalid_date");
  r.kind = "home_visit";
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "invalid_kind");
  r.kind = "home_assessment";
  r.date = "2026-12-01";
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "invalid_address");
  r.address = "示例路1号";
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "invalid_reason");
  r.reason = "bedridden";
  EXPECT_EQ(svc_.book(r).has_address, true);
  EXPECT_EQ(outbox() - before, 1);  // only the successful home booking
}

TEST_F(Service, CertificateKindsNeedACertificateAndRenewalItsWindow) {
  std::string young = make_id("19880808", 40);
  add_resident(young, "10012340002", 2, 3, "2025-01-01");  // expires 2035: not due
  std::string none = make_id("19880808", 42);
  add_resident(none, "10012340003");
  BookRequest r;
  r.date = "2026-12-07";
  r.who.phone_last4 = "0002";
  r.who.id_number = young;
  r.kind = "renewal";
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "renewal_not_due");
  r.kind = "replacement";
  EXPECT_EQ(svc_.book(r).ticket, "D001");
  r.who.id_number = none;
  r.who.phone_last4 = "0003";
  r.kind = "reassessment";
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "certificate_required");
  // A renewal "first-time" for an ID nobody registered: refused before proof, like a wrong
  // phone (it answered certificate_required, which told unregistered IDs apart).
  EXPECT_EQ(code_of([&] { svc_.book(first_time(make_id("19700101", 60), "2026-12-07", "renewal")); }),
            "verification_failed");
}

TEST_F(Service, DayFullAndCancelFreesThePlace) {
  store_.write([](Writer& w) {
    PlannedSession p{*Date::parse("2026-12-15"), AppointmentKind::first_assessment, "09:00", "11:30", "医院", "一楼", {}, 2};
    w.upsert_session(p, "local");
  });
  auto a = svc_.book(first_time(make_id("19900101", 1), "2026-12-15"));
  svc_.book(first_time(make_id("19900101", 3), "2026-12-15"));
  EXPECT_EQ(code_of([&] { svc_.book(first_time(make_id("19900101", 5), "2026-12-15")); }), "day_full");
  Identity who{make_id("19900101", 1), std::string("0000")};
  auto c = svc_.cancel(a.id, who);
  EXPECT_EQ(c.status, AppointmentStatus::cancelled);
  EXPECT_EQ(code_of([&] { svc_.cancel(a.id, who); }), "invalid_transition");
  EXPECT_EQ(svc_.book(first_time(make_id("19900101", 5), "2026-12-15")).ticket, "A003");
  // Someone else's appointment is indistinguishable from a missing one.
  Identity other{make_id("19900101", 3), std::string("0000")};
  EXPECT_EQ(code_of([&] { svc_.cancel(a.id, other); }), "not_found");
  EXPECT_EQ(code_of([&] { svc_.cancel(999, other); }), "not_found");
}

TEST_F(Service, RawDatabaseHoldsNoIdOrPhoneInClearText) {
  auto id2 = make_id("19900101", 7);
  add_resident(kId, kPhone, 4, 2);
  svc_.book(first_time(id2, "2026-12-07"));
  std::string raw;
  for (const char* f : {"station.db", "station.db-wal"}) raw += test::read_file(dir_.file(f));
  ASSERT_GT(raw.size(), 10000u);
  EXPECT_EQ(raw.find(kId), std::string::npos);
  EXPECT_EQ(raw.find(id2), std::string::npos);
  EXPECT_EQ(raw.find(kPhone), std::string::npos);
  EXPECT_EQ(raw.find("10099990000"), std::string::npos);
  EXPECT_EQ(raw.find("李四"), std::string::npos);
}

TEST_F(Service, DiskFullRefusesTheBookingAndChangesNothing) {
  add_resident(kId, kPhone, 4, 2, "2017-02-01");
  auto before = outbox();
  BookRequest r;
  r.kind = "renewal";
  r.date = "2026-12-07";
  r.who = Identity{kId, std::string("0001")};
  store_.inject_write_failures(1);
  EXPECT_THROW(svc_.book(r), StorageError);
  EXPECT_EQ(store_.read([](Reader& rd) { return rd.count("appointments"); }), 0);
  EXPECT_EQ(store_.read([&](Reader& rd) { return rd.session(*Date::parse("2026-12-07"), AppointmentKind::renewal)->booked; }), 0);
  EXPECT_EQ(outbox(), before);
  EXPECT_EQ(svc_.book(r).status, AppointmentStatus::booked);  // works again once there is room
  EXPECT_EQ(outbox(), before + 1);
}

TEST_F(Service, JobSearchSeesOnlyReviewedCurrentListingsAndRebuildsOnChange) {
  auto job = [&](const char* title, const char* deadline, const char* review) {
    Job j;
    j.central_ref = std::string("t-") + title + deadline;
    j.title = title;
    j.employer = "示例公司";
    j.district = "朝阳区";
    j.deadline = *Date::parse(deadline);
    j.review_status = review;
    return store_.write([&](Writer& w) { return w.upsert_job(j); });
  };
  job("电话客服", "2026-12-31", "approved");
  job("客服主管", "2026-11-01", "approved");  // expired
  job("在线客服", "2026-12-31", "pending");   // not reviewed
  EXPECT_EQ(svc_.jobs({.q = "客服"}).total, 1u);
  job("客服助理", "2027-01-31", "approved");
  EXPECT_EQ(svc_.jobs({.q = "客服"}).total, 2u);
  EXPECT_EQ(svc_.jobs({.q = "会计"}).total, 0u);
  auto page = svc_.jobs({.q = "客服", .page = 2, .page_size = 1});
  EXPECT_EQ(page.jobs.size(), 1u);
  EXPECT_EQ(code_of([&] { svc_.jobs({.category = 9}); }), "invalid_query");
  clock_.advance(std::chrono::hours(24 * 40));  // 2027-01-04: 电话客服 has expired
  EXPECT_EQ(svc_.jobs({.q = "客服"}).total, 1u);
}

TEST_F(Service, SubsidiesOnlyForTheVerifiedResident) {
  auto rid = add_resident(kId, kPhone, 1, 1);
  auto other = add_resident(make_id("19500505", 2), "10012349999", 1, 1);
  store_.write([&](Writer& w) {
    Application a;
    a.resident_id = rid;
    a.programme = Programme::nursing_subsidy;
    a.status = ApplicationStatus::paying;
    a.stage_date = "2026-01-01";
    a.monthly_amount_fen = 29000;
    auto id = w.add_application(a);
    w.add_payment(id, Payment{"2026-10", 29000, "2026-10-15"});
    a.resident_id = other;
    w.add_application(a);
  });
  std::string as_of;
  auto apps = svc_.subsidies(Identity{kId, std::string("0001")}, &as_of);
  ASSERT_EQ(apps.size(), 1u);
  EXPECT_EQ(apps[0].payments.size(), 1u);
  EXPECT_EQ(apps[0].payments[0].amount_fen, 29000);
  EXPECT_FALSE(as_of.empty());
}

TEST_F(Service, InterestAndStaffCallsAreRecordedWithOutboxEvents) {
  Job j;
  j.title = "数据录入";
  j.employer = "示例";
  j.district = "海淀区";
  j.deadline = *Date::parse("2027-01-01");
  auto job_id = store_.write([&](Writer& w) { return w.upsert_job(j); });
  auto before = outbox();
  Identity anon;
  anon.name = "赵六";
  anon.phone = "10012345678";
  EXPECT_GT(svc_.register_interest(job_id, anon, "kiosk-1"), 0);
  EXPECT_EQ(code_of([&] { svc_.register_interest(job_id + 100, anon, "kiosk-1"); }), "not_found");
  anon.phone = "123";
  EXPECT_EQ(code_of([&] { svc_.register_interest(job_id, anon, "kiosk-1"); }), "invalid_phone");
  auto call = svc_.call_staff("kiosk-1", "help");
  EXPECT_EQ(call.status, "open");
  EXPECT_EQ(svc_.staff_call(call.id)->terminal, "kiosk-1");
  EXPECT_EQ(outbox() - before, 2);
}

TEST(StoreOpen, RefusesAKeyThatDoesNotBelongToTheDatabase) {
  test::TempDir dir;
  ManualClock clock(at("2026-11-25T02:00:00Z"));
  { Store s(dir.file("a.db"), Vault::from_seed("one"), clock, 1); }
  EXPECT_THROW(Store(dir.file("a.db"), Vault::from_seed("two"), clock, 1), std::runtime_error);
  EXPECT_NO_THROW(Store(dir.file("a.db"), Vault::from_seed("one"), clock, 1));
}

TEST(StationConfig, ExampleFileParsesCompletelyAndMatchesTheDefaults) {
  auto file = config::File::load(std::string(TONGXING_SOURCE_DIR) + "/deploy/station.example.toml");
  StationConfig c = load_station_config(file);
  EXPECT_NO_THROW(file.finish());  // every key in the example is a real key
  StationConfig d;
  EXPECT_EQ(c.listen, d.listen);
  EXPECT_EQ(c.horizon_days, d.horizon_days);
  EXPECT_EQ(c.sessions.size(), d.sessions.size());
  auto plan_c = plan_sessions(c.sessions, c.calendar, *Date::parse("2026-12-01"), *Date::parse("2027-02-28"));
  auto plan_d = plan_sessions(d.sessions, d.calendar, *Date::parse("2026-12-01"), *Date::parse("2027-02-28"));
  ASSERT_EQ(plan_c.size(), plan_d.size());
  for (std::size_t i = 0; i < plan_c.size(); ++i) EXPECT_EQ(plan_c[i].capacity, plan_d[i].capacity);
}

TEST(StationConfig, BadValuesAreRefusedWithLine) {
  auto file = config::File::parse("[booking]\nhorizon_days = 0\n", "s.toml");
  try {
    load_station_config(file);
    FAIL();
  } catch (const config::ConfigError& e) {
    EXPECT_STREQ(e.what(), "s.toml:2: booking.horizon_days: must be between 1 and 366");
  }
  auto kinds = config::File::parse("[[calendar.session]]\nkinds = [\"walk_in\"]\ndays_of_month=[5]\n", "k.toml");
  EXPECT_THROW(load_station_config(kinds), config::ConfigError);
  auto unknown = config::File::parse("[station]\nnmae = \"x\"\n", "u.toml");
  load_station_config(unknown);
  EXPECT_THROW(unknown.finish(), config::ConfigError);
}

TEST_F(Service, FirstTimeApplicantCanBookWithDigitsOnly) {
  // A blind resident at the kiosk has a keypad, not Chinese input: ID + full phone is enough
  // for a first assessment; staff take the name in person.
  BookRequest r = first_time(make_id("19950505", 30), "2026-12-07");
  r.who.name.reset();
  auto a = svc_.book(r);
  EXPECT_EQ(a.status, AppointmentStatus::booked);
  EXPECT_EQ(a.name_masked, kNamePending);
  // The same ID again later: the full phone number on record proves it is the same person.
  r.kind = "video_assessment";
  r.date = "2026-12-02";
  EXPECT_EQ(svc_.book(r).resident_id, a.resident_id);
  r.who.phone = "10011112222";
  r.date = "2026-12-09";
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "verification_failed");
  r.who.phone.reset();
  EXPECT_EQ(code_of([&] { svc_.book(r); }), "invalid_field");
}
