// tongxing-ctl demo-data: synthetic data for demos, tests and benchmarks.
#include <sys/stat.h>

#include <fstream>
#include <iostream>

#include "common/clock.h"
#include "common/secrets.h"
#include "ctl/ctl.h"
#include "station/demo_data.h"

namespace tx::ctl {

int cmd_demo_data(const Args& args) {
  args.check({"db", "residents", "jobs", "seed", "config", "key-file"});
  auto db = args.get("db");
  if (!db) throw std::invalid_argument("demo-data needs --db FILE");
  auto cfg = station_config(args);
  station::DemoOptions opt;
  opt.residents = int(args.int_or("residents", opt.residents));
  opt.jobs = int(args.int_or("jobs", opt.jobs));
  opt.seed = std::uint64_t(args.int_or("seed", 1));
  if (opt.residents < 6 || opt.residents > 1000000) throw std::invalid_argument("--residents must be 6..1000000");
  if (opt.jobs < 0 || opt.jobs > 1000000) throw std::invalid_argument("--jobs must be 0..1000000");

  SystemClock clock;
  std::string key_file = station_key_file(args, cfg, *db);
  bool fresh = !std::ifstream(*db).good();
  Vault vault = Vault::open_or_create(key_file, fresh);
  station::Store store(*db, vault, clock, 1);
  if (store.read([](station::Reader& r) { return r.count("residents"); }) > 0) {
    std::cerr << "tongxing-ctl: " << *db << " already holds residents; use a new file for demo data\n";
    return 1;
  }
  auto sum = station::generate_demo_data(store, cfg, opt);

  // The personas' full numbers go to a 0600 file beside the database, never to the terminal
  // or a log: synthetic, but the habit matters.
  std::string personas = *db + ".demo-residents.jsonl";
  ::unlink(personas.c_str());
  std::string text;
  for (const auto& p : sum.personas) {
    nlohmann::json j = {{"persona", p.persona}, {"id_number", p.id_number}, {"name", p.name},
                        {"phone", p.phone}, {"phone_last4", p.phone.substr(p.phone.size() - 4)}};
    text += j.dump() + "\n";
  }
  text.pop_back();
  write_secret_file(personas, text);

  std::cout << "demo data written to " << *db << ": " << sum.residents << " residents, "
            << sum.certificates << " certificates, " << sum.applications << " applications, "
            << sum.payments << " payments, " << sum.jobs << " jobs, " << sum.sessions
            << " assessment sessions\nsample residents to sign in with: " << personas << "\n";
  return 0;
}

}  // namespace tx::ctl
