// Upgrades: a database written by the FIRST schema version (tests/deploy/fixtures/station-v1.sql,
// made by the v1 code: demo data, two bookings and a staff call through the API) is opened by
// today's tongxing-stationd. The service migrates it forward at start after taking a backup,
// and every record is still there and still readable with the station's vault key.
#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/stat.h>

#include <fstream>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/secrets.h"
#include "process.h"
#include "station/store.h"
#include "store/sqlite.h"

namespace tx::test {
namespace {

using nlohmann::json;

const std::string kFixtures = std::string(TONGXING_SOURCE_DIR) + "/tests/deploy/fixtures";

// load_fixture: the v1 database and its key at dir/station.db(.key).
std::string load_fixture(const TempDir& dir) {
  std::string db = dir.file("station.db");
  {
    auto d = sql::Db::open(db);
    d->exec(read_file(kFixtures + "/station-v1.sql"));
  }
  std::ofstream(db + ".key") << read_file(kFixtures + "/station-v1.vault");
  ::chmod((db + ".key").c_str(), 0600);
  return db;
}

std::int64_t scalar(const std::string& file, const std::string& q) {
  sql::Options o;
  o.create = false;
  o.read_only = true;
  auto db = sql::Db::open(file, o);
  auto& s = db->prep(q);
  s.step();
  auto v = s.i64(0);
  s.reset();
  return v;
}

std::vector<std::string> files_starting(const std::string& dir, const std::string& prefix) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (auto* e = ::readdir(d))
      if (std::string(e->d_name).rfind(prefix, 0) == 0) out.push_back(dir + "/" + e->d_name);
    ::closedir(d);
  }
  return out;
}

TEST(Upgrade, FixtureIsTheFirstSchemaVersion) {
  TempDir dir;
  std::string db = load_fixture(dir);
  EXPECT_EQ(scalar(db, "PRAGMA user_version"), 1);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM appointments"), 2);
}

TEST(Upgrade, StationdMigratesAVersion1DatabaseAfterABackupAndKeepsEveryRecord) {
  TempDir dir;
  std::string db = load_fixture(dir);
  const int latest = station::station_migrations().back().version;
  std::int64_t residents = scalar(db, "SELECT count(*) FROM residents");
  std::int64_t outbox = scalar(db, "SELECT count(*) FROM outbox");
  std::int64_t jobs = scalar(db, "SELECT count(*) FROM jobs");

  auto svc = start_service(bin("tongxing-stationd"), {"--db", db}, dir.path(), "stationd");
  httplib::Client c("127.0.0.1", svc.port);
  auto h = c.Get("/api/v1/health");
  ASSERT_TRUE(h && h->status == 200);
  EXPECT_EQ(json::parse(h->body)["database"]["schema_version"], latest);

  // The records, through the API: the resident's sealed ID and phone still verify with the key,
  // and the appointment booked under v1 is listed with its ticket.
  json who = {{"id_number", "44010619620314397X"}, {"phone_last4", "2775"}};
  auto r = c.Post("/api/v1/appointments/lookup", who.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto list = json::parse(r->body)["appointments"];
  ASSERT_EQ(list.size(), 1u) << r->body;
  EXPECT_EQ(list[0]["ticket"], "B001");
  EXPECT_EQ(list[0]["kind"], "renewal");
  EXPECT_EQ(list[0]["status"], "booked");
  svc.proc.stop();

  EXPECT_EQ(scalar(db, "PRAGMA user_version"), latest);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM residents"), residents);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM appointments"), 2);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM jobs"), jobs);
  EXPECT_GE(scalar(db, "SELECT count(*) FROM outbox"), outbox);  // nothing sent, nothing lost
  // The one-time back-fill for central's renewals due: one certificate.expiry event per resident
  // with a certificate (docs/console.md).
  const std::int64_t certified = scalar(db, "SELECT count(DISTINCT resident_id) FROM certificates");
  EXPECT_GT(certified, 0);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM outbox WHERE type = 'certificate.expiry'"), certified);

  // The automatic backup before the upgrade: present, at version 1, and it verifies.
  auto baks = files_starting(dir.path(), "station.db.pre-v");
  if (latest > 1) {
    ASSERT_EQ(baks.size(), 1u) << "expected one station.db.pre-v" << latest << "-*.bak";
    EXPECT_EQ(scalar(baks[0], "PRAGMA user_version"), 1);
    std::string out;
    EXPECT_EQ(run({bin("tongxing-ctl"), "verify", baks[0], "--key", db + ".key"}, &out), 0) << out;
  } else {
    EXPECT_TRUE(baks.empty()) << "no upgrade, so no pre-upgrade backup";
  }
}

// The mechanism itself, whatever the current version: when a newer migration exists, the store
// takes a consistent backup of the old database BEFORE changing it, and a failed migration
// leaves the database at its old version.
TEST(Upgrade, BackupComesBeforeTheMigrationAndAFailedMigrationChangesNothing) {
  TempDir dir;
  std::string db = load_fixture(dir);
  auto base = station::station_migrations();
  std::vector<sql::Migration> next(base.begin(), base.end());
  const int v2 = base.back().version + 1;
  next.push_back({v2, "test_add_column", "ALTER TABLE residents ADD COLUMN preferred_language TEXT;"});

  auto d = sql::Db::open(db);
  sql::migrate(*d, base);  // the v1 fixture to this program's schema first (later branches add migrations)
  int seen_from = 0;
  std::string bak = dir.file("pre.bak");
  sql::migrate(*d, next, [&](int from, int to) {
    seen_from = from;
    EXPECT_EQ(to, v2);
    sql::backup_to(*d, bak);
  });
  EXPECT_EQ(seen_from, base.back().version);
  EXPECT_EQ(sql::user_version(*d), v2);
  EXPECT_EQ(scalar(bak, "PRAGMA user_version"), base.back().version);
  EXPECT_EQ(scalar(bak, "SELECT count(*) FROM appointments"), 2);

  // A broken migration rolls back: version and data as before.
  std::vector<sql::Migration> broken = next;
  broken.push_back({v2 + 1, "broken", "ALTER TABLE residents ADD COLUMN x TEXT; SELECT * FROM no_such_table;"});
  EXPECT_ANY_THROW(sql::migrate(*d, broken));
  EXPECT_EQ(sql::user_version(*d), v2);
}

}  // namespace
}  // namespace tx::test
