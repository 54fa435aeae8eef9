// The audit log: every kind of access leaves a row with who, when, terminal and subject; rows
// cannot be updated or deleted through SQLite; and `tongxing-ctl audit verify` finds an edit,
// a deletion, a re-linking or a cut-off end after someone drops the triggers with raw sqlite3,
// naming the right entry.
#include <filesystem>

#include "harness.h"
#include "sync/station_sync_store.h"

using namespace tx;
using namespace tx::security_test;

namespace {

class Audit : public InProcess {
 protected:
  // A day at the desk: 17 audited actions of different kinds.
  void busy_day() {
    add_staff("desk", "staff");
    std::string id = make_id("19600101", 11);
    add_resident(id, "10012345678");
    auto t = login("desk");
    call("POST", "/api/v1/staff/residents/search", {{"id_number", id}}, t);
    call("GET", "/api/v1/staff/residents/1", nullptr, t);
    call("POST", "/api/v1/staff/residents/1/reveal", {{"fields", {"phone"}}, {"reason", "回电确认"}}, t);
    call("GET", "/api/v1/staff/appointments", nullptr, t);
    call("POST", "/api/v1/staff/login", {{"username", "desk"}, {"pin", "000000x"}});
    for (int i = 0; i < 6; ++i) call("GET", "/api/v1/staff/worklists/renewals", nullptr, t);
    std::string as_of;
    for (int i = 0; i < 3; ++i)
      try {
        svc_.subsidies(station::Identity{id, std::string("9999")}, &as_of, station::Actor::resident_at("kiosk-1"));
      } catch (const ApiError&) {
      }
    svc_.subsidies(station::Identity{id, std::string("5678")}, &as_of, station::Actor::resident_at("kiosk-1"));
  }

  int ctl(const std::vector<std::string>& args, std::string* out) {
    std::vector<std::string> argv = {test::bin("tongxing-ctl")};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run(argv, out);
  }
  // sqlite: runs the sqlite3 shell on `db`; its output goes to *out (and stderr on failure).
  static int sqlite(const std::string& db, const std::string& sql, std::string* out = nullptr) {
    std::string text;
    int rc = test::run({"/usr/bin/sqlite3", db, sql}, &text);
    if (rc != 0) std::cerr << "sqlite3: " << text;
    if (out) *out = text;
    return rc;
  }
  // copy: a closed copy of the database (the live one keeps its WAL).
  std::string copy(const std::string& name) {
    std::string to = dir_.file(name);
    {
      auto db = store_.pool().lease();
      sql::backup_to(*db, to);
    }
    std::filesystem::copy_file(dir_.file("station.db.key"), to + ".key");
    return to;
  }
};

}  // namespace

TEST_F(Audit, EveryAccessLeavesARowWithWhoWhenTerminalAndSubject) {
  busy_day();
  auto rows = audit();
  ASSERT_EQ(rows.size(), 17u);  // account, login, search, view, reveal, list, failed login, 6 lists, 3 failed checks, subsidies
  std::set<std::string> actions;
  for (const auto& r : rows) actions.insert(r.action);
  for (const char* a : {"account", "login", "login_failed", "search", "view", "reveal", "verify_failed"})
    EXPECT_TRUE(actions.count(a)) << a;
  std::string subject = svc_.id_hash(make_id("19600101", 11));
  int about_resident = 0;
  for (const auto& r : rows) {
    EXPECT_FALSE(r.at.empty());
    EXPECT_FALSE(r.actor.empty());
    if (r.subject_hash == subject) ++about_resident;
    if (r.action == "reveal") {
      EXPECT_EQ(r.actor, "staff:desk");
      EXPECT_EQ(r.terminal, "pc-1");
      EXPECT_TRUE(r.note_sealed.has_value());
      EXPECT_EQ(r.detail, R"({"fields":["phone"]})");
    }
    if (r.action == "verify_failed") {
      EXPECT_EQ(r.terminal, "kiosk-1");
    }
  }
  EXPECT_GE(about_resident, 7);  // search, view, reveal, 3 failed checks, a subsidy view
  auto check = store_.read([](station::Reader& r) { return r.verify_audit(); });
  EXPECT_TRUE(check.ok) << check.message;
  EXPECT_EQ(check.entries, std::int64_t(rows.size()));
}

TEST_F(Audit, SqliteRefusesUpdatesAndDeletes) {
  busy_day();
  auto dbfile = copy("copy.db");
  // Refused by the table's own triggers (not just any failure of the shell).
  std::string out;
  EXPECT_NE(sqlite(dbfile, "UPDATE audit_log SET actor = 'nobody' WHERE seq = 3;", &out), 0);
  EXPECT_NE(out.find("audit_log is append-only"), std::string::npos) << out;
  EXPECT_NE(sqlite(dbfile, "DELETE FROM audit_log WHERE seq = 3;", &out), 0);
  EXPECT_NE(out.find("audit_log is append-only"), std::string::npos) << out;
  auto db = store_.pool().lease();
  EXPECT_THROW(db->exec("UPDATE audit_log SET actor = 'x' WHERE seq = 1"), sql::ConstraintError);
  EXPECT_THROW(db->exec("DELETE FROM audit_log"), sql::ConstraintError);
}

TEST_F(Audit, VerifyNamesTheFirstBrokenLink) {
  busy_day();
  std::string out;
  auto intact = copy("intact.db");
  EXPECT_EQ(ctl({"audit", "verify", "--db", intact}, &out), 0) << out;
  EXPECT_NE(out.find("intact"), std::string::npos) << out;
  auto rows = audit();
  const std::int64_t last = rows.front().seq;
  ASSERT_GE(last, 12);

  auto edited = copy("edited.db");
  ASSERT_EQ(sqlite(edited, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET terminal = 'elsewhere' WHERE seq = 7;"), 0);
  EXPECT_EQ(ctl({"audit", "verify", "--db", edited}, &out), 1) << out;
  EXPECT_NE(out.find("BROKEN at entry 7 (edited)"), std::string::npos) << out;

  auto deleted = copy("deleted.db");
  ASSERT_EQ(sqlite(deleted, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 4;"), 0);
  EXPECT_EQ(ctl({"audit", "verify", "--db", deleted, "--json"}, &out), 1) << out;
  auto j = json::parse(out);
  EXPECT_EQ(j["first_broken"], 4);
  EXPECT_EQ(j["problem"], "missing");

  // Deleting a row and renumbering the rest to hide the gap breaks the link instead.
  auto renumbered = copy("renumbered.db");
  ASSERT_EQ(sqlite(renumbered, "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update; "
                               "DELETE FROM audit_log WHERE seq = 5; UPDATE audit_log SET seq = seq - 1 WHERE seq > 5;"),
            0);
  EXPECT_EQ(ctl({"audit", "verify", "--db", renumbered, "--json"}, &out), 1) << out;
  j = json::parse(out);
  EXPECT_EQ(j["first_broken"], 5);
  EXPECT_EQ(j["problem"], "relinked");

  // Cutting entries off the end is caught by the recorded end of the log.
  auto cut = copy("cut.db");
  ASSERT_EQ(sqlite(cut, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= " +
                            std::to_string(last - 1) + ";"),
            0);
  EXPECT_EQ(ctl({"audit", "verify", "--db", cut, "--json"}, &out), 1) << out;
  j = json::parse(out);
  EXPECT_EQ(j["first_broken"], last - 1);
  EXPECT_EQ(j["problem"], "truncated");

  // Rewriting a row's contents together with its stored hash needs the station key: a link
  // computed with any other key breaks at that row; with the station's own it holds (and the
  // next row's link, made from the old hash, breaks instead).
  station::AuditRow nine;
  for (const auto& r : rows)
    if (r.seq == 9) nine = r;
  ASSERT_EQ(nine.seq, 9);
  nine.detail = "{}";
  auto forge = [&](const std::string& name, const Vault& key) {
    auto file = copy(name);
    EXPECT_EQ(sqlite(file, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{}', hash = X'" +
                               to_hex(station::audit_link(key, nine)) + "' WHERE seq = 9;"),
              0);
    EXPECT_EQ(ctl({"audit", "verify", "--db", file, "--json"}, &out), 1) << out;
    return json::parse(out);
  };
  EXPECT_EQ(forge("forged.db", Vault::from_seed("someone else's key"))["first_broken"], 9);
  auto with_key = forge("forged-with-key.db", store_.vault());
  EXPECT_EQ(with_key["first_broken"], 10);
  EXPECT_EQ(with_key["problem"], "relinked");

  // The wrong key is reported as such, not as tampering.
  auto wrong = copy("wrong.db");
  std::filesystem::remove(wrong + ".key");
  write_secret_file(wrong + ".key", "tongxing-vault-v1 " + std::string(128, '1'));
  EXPECT_EQ(ctl({"audit", "verify", "--db", wrong}, &out), 1);
  EXPECT_NE(out.find("does not belong"), std::string::npos) << out;
}

TEST_F(Audit, TheRevealReasonIsSealedButReadableByAdmins) {
  busy_day();
  auto raw = test::read_file(dir_.file("station.db")) + test::read_file(dir_.file("station.db-wal"));
  EXPECT_EQ(raw.find("回电确认"), std::string::npos);
  auto reveal = audit("reveal");
  ASSERT_EQ(reveal.size(), 1u);
  std::string out;
  ASSERT_EQ(ctl({"audit", "show", "--db", dir_.file("station.db"), "--action", "reveal"}, &out), 0) << out;
  EXPECT_NE(out.find("\"note\":\"回电确认\""), std::string::npos) << out;
}

TEST_F(Audit, EverySyncStepIsAuditedInItsOwnTransaction) {
  // The sync engine's store moves these positions inside the transactions that send/apply data.
  sync::SyncStore sync(store_);
  sync.set_acked(12);
  sync.set_acked(12);  // unchanged: no row
  sync.apply_page(json::array(), 40);
  auto rows = audit("sync");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].object, "outbox:acknowledged");
  EXPECT_EQ(rows[1].detail, R"({"events":12,"from":0,"to":12})");
  EXPECT_EQ(rows[1].actor, "system");
  EXPECT_EQ(rows[0].object, "reference:applied");
  // A failed step leaves no row: the row is part of the step's transaction.
  store_.inject_write_failures(1);
  EXPECT_THROW(sync.set_acked(20), StorageError);
  EXPECT_EQ(sync.state().acked_seq, 12);
  EXPECT_EQ(audit("sync").size(), 2u);
}
