// Backups taken while bookings are being written restore to a consistent database: a real
// tongxing-stationd takes bookings and cancellations from several clients while
// `tongxing-ctl backup` runs against its database; every backup verifies (integrity, schema,
// key), and inside each one the places booked in every session equal the active appointments
// and the sync outbox holds exactly one event per booking, cancellation and new resident —
// one snapshot, never half a transaction. The last backup is restored and served again.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <thread>

#include "domain/identity.h"
#include "process.h"
#include "store/sqlite.h"

namespace tx::test {
namespace {

using nlohmann::json;

std::string make_id(int n) {
  char s[32];
  // Born 1980-01-01 + n days apart is overkill; vary the sequence digits and the birth day.
  std::snprintf(s, sizeof s, "110105198%01d%02d%02d%03d", n % 10, 1 + (n / 10) % 12, 1 + (n / 120) % 28, n % 1000);
  std::string f17 = s;
  return f17 + id_check_character(f17);
}

std::int64_t scalar(sql::Db& db, const std::string& q) {
  auto& s = db.prep(q);
  s.step();
  auto v = s.i64(0);
  s.reset();
  return v;
}

struct Snapshot {
  std::int64_t appointments = 0, cancelled = 0, residents_registered = 0;
  std::int64_t ev_booked = 0, ev_cancelled = 0, ev_registered = 0, sessions_off = 0;
  std::int64_t staff_calls = 0, ev_staff_calls = 0;
};

Snapshot inspect(const std::string& file) {
  sql::Options o;
  o.create = false;
  o.read_only = true;
  auto db = sql::Db::open(file, o);
  Snapshot s;
  s.appointments = scalar(*db, "SELECT count(*) FROM appointments");
  s.cancelled = scalar(*db, "SELECT count(*) FROM appointments WHERE status = 'cancelled'");
  s.residents_registered = scalar(*db, "SELECT count(*) FROM residents WHERE source = 'station'");
  s.ev_booked = scalar(*db, "SELECT count(*) FROM outbox WHERE type = 'appointment.booked'");
  s.ev_cancelled = scalar(*db, "SELECT count(*) FROM outbox WHERE type = 'appointment.cancelled'");
  s.ev_registered = scalar(*db, "SELECT count(*) FROM outbox WHERE type = 'resident.registered'");
  s.staff_calls = scalar(*db, "SELECT count(*) FROM staff_calls");
  s.ev_staff_calls = scalar(*db, "SELECT count(*) FROM outbox WHERE type = 'staff_call.created'");
  // Sessions whose booked count disagrees with their active appointments.
  s.sessions_off = scalar(*db,
                          "SELECT count(*) FROM sessions s WHERE s.booked != (SELECT count(*) FROM appointments a "
                          "WHERE a.session_id = s.id AND a.status IN ('booked', 'checked_in', 'dispatched'))");
  return s;
}

TEST(Backup, TakenWhileBookingsAreWrittenRestoresConsistent) {
  TempDir dir;
  std::string db = dir.file("station.db");
  std::string out;
  ASSERT_EQ(run({bin("tongxing-ctl"), "demo-data", "--db", db, "--residents", "200", "--jobs", "20"}, &out), 0) << out;
  auto svc = start_service(bin("tongxing-stationd"), {"--db", db}, dir.path(), "stationd");

  // Dates with first-assessment places.
  httplib::Client probe("127.0.0.1", svc.port);
  auto days = probe.Get("/api/v1/assessment-days?kind=first_assessment");
  ASSERT_TRUE(days && days->status == 200);
  std::vector<std::string> dates;
  json all_days = json::parse(days->body);
  for (const auto& d : all_days["days"])
    if (d["kinds"].contains("first_assessment")) dates.push_back(d["date"]);
  ASSERT_GE(dates.size(), 3u);

  // Writers: first-time applicants book (registering a resident), nine in ten cancel again (so
  // places last), and when the days are full they call for staff: every request is a write.
  std::atomic<bool> stop{false};
  std::atomic<int> booked{0}, cancelled{0}, refused{0}, failed{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      httplib::Client c("127.0.0.1", svc.port);
      c.set_read_timeout(10, 0);
      for (int i = 0; !stop && i < 5000; ++i) {
        int n = w * 5000 + i;
        std::string id = make_id(n);
        char phone[16];
        std::snprintf(phone, sizeof phone, "138%08d", n);
        json body = {{"kind", "first_assessment"}, {"date", dates[std::size_t(n) % dates.size()]},
                     {"id_number", id}, {"name", "测试人"}, {"phone", phone}};
        // One terminal per request: the per-terminal rate limit is not what this test is about.
        httplib::Headers h = {{"X-Tongxing-Terminal", "load-" + std::to_string(n)}};
        auto r = c.Post("/api/v1/appointments", h, body.dump(), "application/json");
        if (!r) {
          ++failed;
          continue;
        }
        if (r->status != 201) {
          // A full day, once places run out: keep writing with a call for staff instead.
          ++refused;
          auto sc = c.Post("/api/v1/staff-calls", h, "{}", "application/json");
          if (!sc || sc->status != 201) ++failed;
          continue;
        }
        ++booked;
        if (n % 10 != 0) {
          auto appt = json::parse(r->body)["appointment"]["id"].get<std::int64_t>();
          json cb = {{"id_number", id}, {"phone_last4", std::string(phone).substr(7)}};
          auto rc = c.Post("/api/v1/appointments/" + std::to_string(appt) + "/cancel", h, cb.dump(), "application/json");
          if (rc && rc->status == 200) ++cancelled;
          else ++failed;
        }
      }
    });
  }

  // Backups while they write.
  std::vector<std::string> backups;
  for (int b = 0; b < 4; ++b) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    std::string file = dir.file("backup-" + std::to_string(b) + ".db");
    std::string log;
    EXPECT_EQ(run({bin("tongxing-ctl"), "backup", "--db", db, file}, &log), 0) << log;
    backups.push_back(file);
  }
  stop = true;
  for (auto& t : writers) t.join();
  EXPECT_EQ(failed.load(), 0);
  ASSERT_GT(booked.load(), 20) << "too few bookings to mean anything";
  std::cout << "[ INFO ] " << booked << " booked, " << cancelled << " cancelled, " << refused
            << " refused (days full) while 4 backups were taken\n";

  std::vector<Snapshot> snaps;
  for (const auto& file : backups) {
    SCOPED_TRACE(file);
    std::string log;
    EXPECT_EQ(run({bin("tongxing-ctl"), "verify", file, "--key", db + ".key"}, &log), 0) << log;
    Snapshot s = inspect(file);
    EXPECT_EQ(s.sessions_off, 0) << "booked places disagree with appointments";
    EXPECT_EQ(s.ev_booked, s.appointments) << "one outbox event per booking";
    EXPECT_EQ(s.ev_cancelled, s.cancelled) << "one outbox event per cancellation";
    EXPECT_EQ(s.ev_registered, s.residents_registered) << "one outbox event per new resident";
    EXPECT_EQ(s.ev_staff_calls, s.staff_calls) << "one outbox event per call for staff";
    std::cout << "[ INFO ] " << file << ": " << s.appointments << " appointments (" << s.cancelled
              << " cancelled), " << s.staff_calls << " staff calls\n";
    snaps.push_back(s);
  }
  // The backups really were taken mid-stream: each one holds more than the one before.
  for (std::size_t i = 1; i < snaps.size(); ++i)
    EXPECT_GT(snaps[i].appointments + snaps[i].staff_calls, snaps[i - 1].appointments + snaps[i - 1].staff_calls);

  // The service's own log: one line per request with its id, and no personal data.
  std::string slog = read_file(dir.file("stationd.log"));
  EXPECT_NE(slog.find("request_id="), std::string::npos);
  EXPECT_EQ(slog.find(make_id(1)), std::string::npos) << "an ID number reached the log";
  EXPECT_EQ(slog.find("13800000001"), std::string::npos) << "a phone number reached the log";
  svc.proc.stop();

  // Restore the last backup elsewhere (with the key it needs) and serve it. The backup itself is
  // read-only (as on a write-protected stick) and stays untouched.
  std::string restored = dir.file("restored/station.db");
  std::string log;
  ::chmod(backups.back().c_str(), 0400);
  std::string before = read_file(backups.back());
  ASSERT_EQ(run({bin("tongxing-ctl"), "restore", backups.back(), "--db", restored, "--key", db + ".key", "--yes"}, &log), 0)
      << log;
  EXPECT_EQ(read_file(backups.back()), before) << "restore changed the backup";
  EXPECT_NE(::access((backups.back() + "-wal").c_str(), F_OK), 0) << "restore left a -wal beside the backup";
  auto again = start_service(bin("tongxing-stationd"), {"--db", restored}, dir.path(), "restored");
  httplib::Client c("127.0.0.1", again.port);
  auto h = c.Get("/api/v1/health");
  ASSERT_TRUE(h && h->status == 200);
  auto m = c.Get("/metrics");
  ASSERT_TRUE(m && m->status == 200);
  std::int64_t active = snaps.back().appointments - snaps.back().cancelled;
  EXPECT_NE(m->body.find("tongxing_appointments{status=\"booked\"} " + std::to_string(active)), std::string::npos)
      << m->body;
  // A restore under a running service is refused: the database is in use.
  EXPECT_EQ(run({bin("tongxing-ctl"), "restore", backups.front(), "--db", restored, "--yes"}, &log), 1) << log;
  EXPECT_NE(log.find("stop it first"), std::string::npos) << log;
}

TEST(Backup, VerifyRefusesTheWrongKeyAndADamagedFile) {
  TempDir dir;
  std::string db = dir.file("station.db");
  std::string out;
  ASSERT_EQ(run({bin("tongxing-ctl"), "demo-data", "--db", db, "--residents", "10", "--jobs", "2"}, &out), 0) << out;
  ASSERT_EQ(run({bin("tongxing-ctl"), "backup", "--db", db, dir.file("b.db")}, &out), 0) << out;
  // Another station's key.
  ASSERT_EQ(run({bin("tongxing-ctl"), "demo-data", "--db", dir.file("other.db"), "--residents", "10", "--jobs", "2"}, &out), 0);
  EXPECT_EQ(run({bin("tongxing-ctl"), "verify", dir.file("b.db"), "--key", dir.file("other.db.key")}, &out), 1) << out;
  EXPECT_NE(out.find("does not open this database"), std::string::npos) << out;
  // No key at all: not silently OK.
  EXPECT_EQ(run({bin("tongxing-ctl"), "verify", dir.file("b.db"), "--db", dir.file("nowhere.db")}, &out), 1) << out;
  // A damaged file: bytes overwritten in the middle.
  {
    std::string bytes = read_file(dir.file("b.db"));
    for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 4096 && i < bytes.size(); ++i) bytes[i] = char(0x5a);
    std::ofstream(dir.file("bad.db"), std::ios::binary) << bytes;
  }
  EXPECT_EQ(run({bin("tongxing-ctl"), "verify", dir.file("bad.db"), "--key", db + ".key"}, &out), 1) << out;
  // A restore of a damaged backup changes nothing.
  EXPECT_EQ(run({bin("tongxing-ctl"), "restore", dir.file("bad.db"), "--db", db, "--yes"}, &out), 1) << out;
  EXPECT_EQ(run({bin("tongxing-ctl"), "verify", db}, &out), 0) << out;
}

TEST(Backup, IntoADirectoryKeepsTheNewestN) {
  TempDir dir;
  std::string db = dir.file("station.db");
  std::string out;
  ASSERT_EQ(run({bin("tongxing-ctl"), "demo-data", "--db", db, "--residents", "10", "--jobs", "2"}, &out), 0) << out;
  // Older backups from earlier nights (names carry the time), and a file that is not ours.
  ::mkdir(dir.file("bk").c_str(), 0750);
  for (const char* n : {"station-20260101T023000Z.db", "station-20260102T023000Z.db", "station-20260103T023000Z.db",
                        "notes.txt"})
    std::ofstream(dir.file("bk/") + n) << "x";
  ASSERT_EQ(run({bin("tongxing-ctl"), "backup", "--db", db, "--keep", "2", dir.file("bk") + "/"}, &out), 0) << out;
  std::string ls;
  run({"/bin/ls", dir.file("bk")}, &ls);
  EXPECT_EQ(ls.find("20260101"), std::string::npos) << ls;
  EXPECT_EQ(ls.find("20260102"), std::string::npos) << ls;
  EXPECT_NE(ls.find("20260103"), std::string::npos) << ls;
  EXPECT_NE(ls.find("notes.txt"), std::string::npos) << ls;
}

}  // namespace
}  // namespace tx::test
