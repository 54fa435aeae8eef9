#include "store/sqlite.h"

#include <gtest/gtest.h>

#include <thread>

#include "process.h"

using namespace tx;
using namespace tx::sql;

static const Migration kTwo[] = {
    {1, "one", "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE);"},
    {2, "two", "ALTER TABLE t ADD COLUMN w INTEGER NOT NULL DEFAULT 0;"},
};

TEST(Sqlite, MigratesForwardAndBacksUpFirst) {
  test::TempDir dir;
  auto db = Db::open(dir.file("a.db"));
  EXPECT_EQ(migrate(*db, std::span(kTwo, 1)), 0);
  EXPECT_EQ(user_version(*db), 1);
  db->prep("INSERT INTO t(v) VALUES (?)").bind_all("x").run();
  int called_from = -1, called_to = -1;
  // The hook (the backup) runs before anything of the migration: the file is still at v1.
  int version_in_hook = -1;
  EXPECT_EQ(migrate(*db, kTwo, [&](int from, int to) {
              called_from = from, called_to = to;
              version_in_hook = user_version(*db);
            }),
            1);
  EXPECT_EQ(version_in_hook, 1);
  EXPECT_EQ(called_from, 1);
  EXPECT_EQ(called_to, 2);
  EXPECT_EQ(user_version(*db), 2);
  auto& s = db->prep("SELECT v, w FROM t");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.text(0), "x");
  EXPECT_EQ(s.i64(1), 0);
}

TEST(Sqlite, RefusesADatabaseNewerThanTheProgram) {
  test::TempDir dir;
  auto db = Db::open(dir.file("a.db"));
  migrate(*db, kTwo);
  EXPECT_THROW(migrate(*db, std::span(kTwo, 1)), std::runtime_error);
}

TEST(Sqlite, ClassifiesErrors) {
  test::TempDir dir;
  auto db = Db::open(dir.file("a.db"));
  migrate(*db, kTwo);
  db->prep("INSERT INTO t(v) VALUES (?)").bind_all("x").run();
  EXPECT_THROW(db->prep("INSERT INTO t(v) VALUES (?)").bind_all("x").run(), ConstraintError);
  EXPECT_THROW(db->prep("SELECT nonsense FROM nowhere"), std::logic_error);
}

TEST(Sqlite, DiskFullIsAStorageErrorAndRollsBack) {
  test::TempDir dir;
  auto db = Db::open(dir.file("a.db"));
  migrate(*db, kTwo);
  auto& pages = db->prep("PRAGMA page_count");
  pages.step();
  auto used = pages.i64(0);
  pages.reset();
  db->set_max_page_count(used);
  {
    Tx tx(*db);
    EXPECT_THROW(
        {
          for (int i = 0; i < 2000; ++i)
            db->prep("INSERT INTO t(v) VALUES (?)").bind_all(std::string(200, 'a') + std::to_string(i)).run();
        },
        StorageError);
  }  // rolled back
  db->set_max_page_count(0);
  auto& c = db->prep("SELECT count(*) FROM t");
  c.step();
  EXPECT_EQ(c.i64(0), 0);
}

TEST(Sqlite, TransactionsCommitOrRollBack) {
  test::TempDir dir;
  auto db = Db::open(dir.file("a.db"));
  migrate(*db, kTwo);
  {
    Tx tx(*db);
    db->prep("INSERT INTO t(v) VALUES ('a')").run();
  }
  {
    Tx tx(*db);
    db->prep("INSERT INTO t(v) VALUES ('b')").run();
    tx.commit();
  }
  auto& c = db->prep("SELECT group_concat(v) FROM t");
  c.step();
  EXPECT_EQ(c.text(0), "b");
}

TEST(Sqlite, OnlineBackupIsConsistentWhileWriting) {
  test::TempDir dir;
  std::string path = dir.file("live.db");
  {
    auto db = Db::open(path);
    migrate(*db, kTwo);
  }
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    auto db = Db::open(path);
    for (int i = 0; !stop; ++i) {
      Tx tx(*db);
      db->prep("INSERT INTO t(v, w) VALUES (?, ?)").bind_all("v" + std::to_string(i), i).run();
      db->prep("UPDATE t SET w = w + 1 WHERE id = 1").run();
      tx.commit();
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto db = Db::open(path);
  backup_to(*db, dir.file("copy.db"));
  stop = true;
  writer.join();
  auto copy = Db::open(dir.file("copy.db"));
  auto& check = copy->prep("PRAGMA integrity_check");
  check.step();
  EXPECT_EQ(check.text(0), "ok");
  auto& n = copy->prep("SELECT count(*), (SELECT w FROM t WHERE id = 1) FROM t");
  n.step();
  EXPECT_GT(n.i64(0), 0);
  // Every transaction inserts a row and counts it in row 1: a copy taken between two halves
  // of one would disagree.
  EXPECT_EQ(n.i64(1), n.i64(0));
}

TEST(Sqlite, PoolHandsOutEachConnectionOnce) {
  test::TempDir dir;
  Pool pool(dir.file("p.db"), 2);
  auto a = pool.lease();
  auto b = pool.lease();
  EXPECT_NE(&*a, &*b);
  std::atomic<bool> got{false};
  std::thread t([&] {
    auto c = pool.lease();
    got = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_FALSE(got);  // both connections are out
  { auto release = std::move(a); }
  t.join();
  EXPECT_TRUE(got);
}
