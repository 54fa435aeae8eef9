// Encryption at rest for everything the staff work adds: agents' names, phones and ID numbers,
// change-report details, home-visit addresses, reveal reasons in the audit log, contacts of job
// interests. The raw database file (after a checkpoint), its WAL and a backup made with
// `tongxing-ctl backup` hold none of them in clear text; the backup opens with the key file and
// is useless without it.
#include <fstream>
#include <sys/stat.h>

#include <filesystem>

#include "harness.h"

using namespace tx;
using namespace tx::security_test;

namespace {
// An ID ending in X, to check both spellings.
const std::string kId = "11010519491231002X";
const std::string kPhone = "10012349876";
const std::string kAgentPhone = "10066665555";
const std::string kAgentId = make_id("19500505", 9);
const std::vector<std::string> kSecrets = {
    kId, "11010519491231002x", kPhone, kAgentPhone, kAgentId, "监护人甲乙", "迁入示例社区七号楼", "示例路8号3单元502",
    "核对身份原因XYZ", "10055554444", "王小明"};

class AtRest : public InProcess {
 protected:
  void fill() {
    add_staff("desk", "staff");
    auto rid = add_resident(kId, kPhone, 4, 2, "2016-12-01");
    auto t = login("desk");
    std::string base = "/api/v1/staff/residents/" + std::to_string(rid);
    json agent = {{"relation", "guardian"}, {"name", "监护人甲乙"}, {"phone", kAgentPhone}, {"id_number", kAgentId}};
    ASSERT_EQ(call("POST", base + "/applications", {{"programme", "nursing_subsidy"}, {"agent", agent}}, t).status, 201);
    ASSERT_EQ(call("POST", base + "/change-reports", {{"change_type", "address"}, {"agent", agent}, {"details", "迁入示例社区七号楼"}}, t).status, 201);
    ASSERT_EQ(call("POST", "/api/v1/staff/home-assessments",
                   {{"date", "2026-11-26"}, {"id_number", kId}, {"address", "示例路8号3单元502"}, {"reason", "bedridden"}}, t)
                  .status,
              201);
    ASSERT_EQ(call("POST", base + "/reveal", {{"fields", {"phone"}}, {"reason", "核对身份原因XYZ"}}, t).status, 200);
    auto job = add_job("岗位");
    svc_.register_interest(job, station::Identity{"", std::nullopt, std::string("陈七"), std::string("10055554444")}, "k");
  }
  static void expect_no_secrets(const std::string& raw, const std::string& what) {
    ASSERT_GT(raw.size(), 4096u) << what;
    for (const auto& s : kSecrets) EXPECT_EQ(raw.find(s), std::string::npos) << s << " in clear text in " << what;
  }
};
}  // namespace

TEST_F(AtRest, NewTablesHoldNoPersonalDataInClearText) {
  fill();
  expect_no_secrets(test::read_file(dir_.file("station.db")) + test::read_file(dir_.file("station.db-wal")), "db+wal");
  {
    auto db = store_.pool().lease();
    db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  std::string raw = test::read_file(dir_.file("station.db"));
  expect_no_secrets(raw, "checkpointed db");
  EXPECT_NE(raw.find("示例有限公司"), std::string::npos);  // the grep does see clear text (a public job listing)
  // … while the station itself can still find and show them.
  auto found = store_.read([&](station::Reader& r) { return r.residents_by_name("王小明", 5); });
  EXPECT_EQ(found.size(), 1u);
}

TEST_F(AtRest, BackupsStayEncryptedAndNeedTheKey) {
  fill();
  std::string out;
  std::string backup = dir_.file("copy.bak");
  ASSERT_EQ(test::run({test::bin("tongxing-ctl"), "backup", "--db", dir_.file("station.db"), "--out", backup}, &out), 0) << out;
  EXPECT_NE(out.find("matches"), std::string::npos) << out;  // the vault key opens the copy
  struct stat st;
  ASSERT_EQ(::stat(backup.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  expect_no_secrets(test::read_file(backup), "backup");
  // Refuses to overwrite.
  EXPECT_NE(test::run({test::bin("tongxing-ctl"), "backup", "--db", dir_.file("station.db"), "--out", backup}, &out), 0);
  // With the key the copy is a working station database.
  ManualClock clock(at("2026-11-25T02:00:00Z"));
  {
    station::Store copy(backup, Vault::open_or_create(dir_.file("station.db.key"), false), clock, 1);
    auto rid = copy.read([&](station::Reader& r) { return r.resident_id_by_number(kId); });
    ASSERT_TRUE(rid);
    EXPECT_EQ(copy.read([&](station::Reader& r) { return r.resident_phone(*rid); }), kPhone);
    EXPECT_TRUE(copy.read([](station::Reader& r) { return r.verify_audit(); }).ok);
  }
  // With another key it refuses to open, and without one nothing can be read.
  EXPECT_THROW(station::Store(backup, Vault::from_seed("another"), clock, 1), std::runtime_error);
  EXPECT_THROW(Vault::open_or_create(dir_.file("missing.key"), false), std::runtime_error);
  // The backup is in the audit log.
  bool logged = false;
  for (const auto& r : audit("export")) logged |= r.object == "backup";
  EXPECT_TRUE(logged);
}

// A vault key kept elsewhere (the configuration's key_file, or --key-file): the backup is still
// audited and verified with it, as the service finds it.
TEST_F(AtRest, BackupFindsAKeyKeptElsewhere) {
  fill();
  ::mkdir(dir_.file("keys").c_str(), 0700);
  ASSERT_EQ(::rename(dir_.file("station.db.key").c_str(), dir_.file("keys/station.key").c_str()), 0);
  std::ofstream(dir_.file("station.toml")) << "[service]\nkey_file = \"" << dir_.file("keys/station.key") << "\"\n";
  std::string out;
  int n = 0;
  for (const std::vector<std::string>& how : {std::vector<std::string>{"--key-file", dir_.file("keys/station.key")},
                                              std::vector<std::string>{"--config", dir_.file("station.toml")}}) {
    std::vector<std::string> argv = {test::bin("tongxing-ctl"), "backup", "--db", dir_.file("station.db"), "--out",
                                     dir_.file("elsewhere" + std::to_string(n++) + ".bak")};
    argv.insert(argv.end(), how.begin(), how.end());
    ASSERT_EQ(test::run(argv, &out), 0) << out;
    EXPECT_NE(out.find("matches"), std::string::npos) << how[0] << ": " << out;
  }
  int logged = 0;
  for (const auto& r : audit("export")) logged += r.object == "backup";
  EXPECT_EQ(logged, 2);
}

TEST(NameHashes, ResidentsFromBeforeSchemaV3AreFilledInWhenTheStoreOpens) {
  test::TempDir dir;
  ManualClock clock(at("2026-11-25T02:00:00Z"));
  std::string db = dir.file("s.db");
  {
    station::Store s(db, Vault::from_seed("k"), clock, 1);
    s.write([](station::Writer& w) { w.add_resident(station::NewResident{make_id("19600101", 1), "赵钱孙", std::nullopt, "M", "demo", true}); });
    auto c = s.pool().lease();
    c->exec("UPDATE residents SET name_hash = NULL");  // as an older program left it
  }
  station::Store s(db, Vault::from_seed("k"), clock, 1);
  EXPECT_EQ(s.read([](station::Reader& r) { return r.residents_by_name("赵钱孙", 5); }).size(), 1u);
}
