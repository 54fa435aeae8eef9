// tongxing-ctl central admin add: an account for the web console at central (issue 15),
// written straight into the central database (SQLite file or PostgreSQL URL), as the console
// itself reads it. The password is typed twice without echo, or one line of stdin with
// --password-stdin (scripts, ./run.sh); it is stored only as an Argon2id hash.
#include <iostream>

#include "central/admins.h"
#include "central/store.h"
#include "common/secrets.h"
#include "common/errors.h"
#include "ctl/ctl.h"

namespace tx::ctl {

int cmd_central_admin_add(const Args& args) {
  args.check({"db", "username", "role", "district", "password-stdin", "help"});
  auto db = args.get("db"), user = args.get("username");
  if (!db || !user) throw std::invalid_argument("central admin add needs --db FILE|postgresql://... --username NAME");
  std::string role = args.get_or("role", "admin");
  std::string password;
  if (args.flag("password-stdin")) {
    password = read_line_stdin();
  } else {
    password = prompt_hidden("password for the console (8-64 characters): ");
    if (prompt_hidden("the same password again: ") != password)
      throw std::runtime_error("the two passwords differ; nothing was changed");
  }
  auto engine = central::open_engine(*db);
  engine->migrate();
  SystemClock clock;
  central::AdminAccounts accounts(*engine, clock);
  try {
    accounts.add(*user, password, role, args.get("district"));
  } catch (const ApiError& e) {
    auto t = describe_error(e.code(), e.field(), e.reason());
    std::cerr << "tongxing-ctl: " << t.en << " (" << e.field() << (e.reason().empty() ? "" : ": " + e.reason())
              << "); nothing was changed\n";
    return 1;
  }
  std::cout << "console account " << *user << " (" << role
            << (args.get("district") ? ", district " + *args.get("district") : std::string(", every station"))
            << ") created; sign in at /admin/ on the central server\n";
  return 0;
}

}  // namespace tx::ctl

namespace tx::ctl {

int cmd_central_demo_history(const Args& args) {
  args.check({"db", "key-file", "stations", "backfill", "seed", "help"});
  auto db = args.get("db");
  if (!db) throw std::invalid_argument("central demo-history needs --db FILE");
  auto engine = central::open_engine(*db);
  engine->migrate();
  SystemClock clock;
  central::CentralStore store(std::move(engine), Vault::open_or_create(args.get_or("key-file", *db + ".key"), false), clock);
  auto ids = store.add_demo_history(int(args.int_or("stations", 8)), args.get("backfill"), unsigned(args.int_or("seed", 7)));
  std::cout << "demo history: " << ids.size() << " synthetic stations with 180 days of events, 30 days of heartbeats\n";
  return 0;
}

}  // namespace tx::ctl
