// tongxing-ctl staff … / audit …: administration that works on the station database file
// directly (the service may keep running: SQLite's WAL lets both write safely).
//
// PINs never go on the command line (they would land in the shell history and in `ps`): they
// are read from stdin with --pin-stdin, typed twice at a terminal without echo, or generated.
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "common/errors.h"
#include "common/secrets.h"
#include "ctl/ctl.h"
#include "station/api.h"
#include "station/staff_auth.h"

namespace tx::ctl {

namespace {

struct Opened {
  station::StationConfig cfg;
  SystemClock clock;
  std::unique_ptr<station::Store> store;
};

std::string need_db(const Args& args, const char* command) {
  auto db = args.get("db");
  if (!db) throw std::invalid_argument(std::string(command) + " needs --db FILE");
  if (!std::ifstream(*db).good())
    throw std::runtime_error("no station database at " + *db +
                             " (start tongxing-stationd once with --db, or check the path)");
  return *db;
}

std::unique_ptr<Opened> open_station(const Args& args, const char* command) {
  auto o = std::make_unique<Opened>();
  std::string db = need_db(args, command);
  o->cfg = station_config(args);
  Vault vault = Vault::open_or_create(station_key_file(args, o->cfg, db), false);
  o->store = std::make_unique<station::Store>(db, vault, o->clock, 1);
  return o;
}

// cli_actor: the person at the terminal, as the audit log names them.
station::Actor cli_actor() {
  std::string user = "unknown";
  if (const passwd* pw = ::getpwuid(::geteuid())) user = pw->pw_name;
  char host[256] = {0};
  ::gethostname(host, sizeof host - 1);
  return station::Actor{"cli:" + user, "cli", std::string("cli@") + host};
}

}  // namespace

// read_line_stdin and prompt_hidden are shared with `central admin add` (ctl.h).
std::string read_line_stdin() {
  std::string s;
  std::getline(std::cin, s);
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n')) s.pop_back();
  return s;
}

std::string prompt_hidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  bool tty = ::tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string s = read_line_stdin();
  if (tty) ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << "\n";
  return s;
}

namespace {

// pin_from: the PIN the administrator supplies, or empty to have one generated.
std::string pin_from(const Args& args) {
  if (args.flag("pin-stdin")) return read_line_stdin();
  if (::isatty(STDIN_FILENO) && !args.flag("generate-pin")) {
    std::string a = prompt_hidden("new PIN (6-12 digits, or a password of 8+ characters; empty = generate): ");
    if (a.empty()) return a;
    std::string b = prompt_hidden("the same PIN again: ");
    if (a != b) throw std::runtime_error("the two PINs differ; nothing was changed");
    return a;
  }
  return {};
}

int explain(const ApiError& e) {
  auto t = describe_error(e.code(), e.field(), e.reason());
  std::cerr << "tongxing-ctl: " << t.en << (e.field().empty() ? "" : " (" + e.field() + ")") << "\n";
  return 1;
}

std::string one_username(const Args& args, const char* command) {
  auto u = args.get("username");
  if (!u) throw std::invalid_argument(std::string(command) + " needs --username NAME");
  return *u;
}
}  // namespace

int cmd_staff_add(const Args& args) {
  args.check({"db", "username", "name", "role", "pin-stdin", "generate-pin", "key-file", "config", "json"});
  std::string username = one_username(args, "staff add");
  auto name = args.get("name");
  if (!name) throw std::invalid_argument("staff add needs --name \"DISPLAY NAME\"");
  std::string role = args.get_or("role", "staff");
  auto o = open_station(args, "staff add");
  std::string pin = pin_from(args);
  bool generated = pin.empty();
  if (generated) pin = station::one_time_pin(username);
  try {
    station::StaffAuth auth(o->cfg, *o->store);
    auth.add_account(username, *name, role, pin, true, cli_actor());
  } catch (const ApiError& e) {
    return explain(e);
  }
  if (args.flag("json")) {
    nlohmann::json j = {{"username", username}, {"role", role}, {"must_change_pin", true}};
    if (generated) j["pin"] = pin;
    std::cout << j.dump() << "\n";
  } else {
    std::cout << "staff account " << username << " (" << role << ") created.\n";
    if (generated) std::cout << "one-time PIN: " << pin << "\n";
    std::cout << "hand the PIN over in person; it must be changed at the first sign-in.\n";
  }
  return 0;
}

static int set_status(const Args& args, const char* command, const char* status) {
  args.check({"db", "username", "key-file", "config"});
  std::string username = one_username(args, command);
  auto o = open_station(args, command);
  try {
    station::StaffAuth auth(o->cfg, *o->store);
    auth.set_status(username, status, cli_actor());
  } catch (const ApiError& e) {
    if (e.code() == "not_found") {
      std::cerr << "tongxing-ctl: no staff account \"" << username << "\"\n";
      return 1;
    }
    return explain(e);
  }
  std::cout << "staff account " << username << " " << status
            << (std::string(status) == "disabled" ? "; its sessions have ended" : "") << "\n";
  return 0;
}

int cmd_staff_disable(const Args& args) { return set_status(args, "staff disable", "disabled"); }
int cmd_staff_enable(const Args& args) { return set_status(args, "staff enable", "active"); }

int cmd_staff_reset_pin(const Args& args) {
  args.check({"db", "username", "pin-stdin", "generate-pin", "key-file", "config", "json"});
  std::string username = one_username(args, "staff reset-pin");
  auto o = open_station(args, "staff reset-pin");
  std::string given = pin_from(args);
  std::string pin;
  try {
    station::StaffAuth auth(o->cfg, *o->store);
    pin = auth.reset_pin(username, given, cli_actor());
  } catch (const ApiError& e) {
    if (e.code() == "not_found") {
      std::cerr << "tongxing-ctl: no staff account \"" << username << "\"\n";
      return 1;
    }
    return explain(e);
  }
  if (args.flag("json")) {
    nlohmann::json j = {{"username", username}, {"must_change_pin", true}};
    if (given.empty()) j["pin"] = pin;
    std::cout << j.dump() << "\n";
  } else {
    std::cout << "PIN of " << username << " reset; the account is unlocked and its sessions have ended.\n";
    if (given.empty()) std::cout << "one-time PIN: " << pin << "\n";
    std::cout << "it must be changed at the next sign-in.\n";
  }
  return 0;
}

int cmd_staff_list(const Args& args) {
  args.check({"db", "key-file", "config", "json"});
  auto o = open_station(args, "staff list");
  station::StaffAuth auth(o->cfg, *o->store);
  auto list = auth.accounts();
  if (args.flag("json")) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& a : list)
      arr.push_back({{"username", a.username}, {"display_name", a.display_name}, {"role", a.role},
                     {"status", a.status}, {"locked_until", a.locked_until ? nlohmann::json(*a.locked_until) : nullptr},
                     {"last_login_at", a.last_login_at ? nlohmann::json(*a.last_login_at) : nullptr},
                     {"must_change_pin", a.must_change_pin}});
    std::cout << arr.dump(2) << "\n";
    return 0;
  }
  for (const auto& a : list)
    std::cout << a.username << "\t" << a.role << "\t" << a.status
              << (a.locked_until ? "\tlocked until " + *a.locked_until : "") << "\tlast sign-in "
              << a.last_login_at.value_or("never") << "\t" << a.display_name << "\n";
  return 0;
}

int cmd_audit_verify(const Args& args) {
  args.check({"db", "key-file", "config", "json"});
  std::string db = need_db(args, "audit verify");
  auto cfg = station_config(args);
  Vault vault = Vault::open_or_create(station_key_file(args, cfg, db), false);
  // Read-only: checking the log changes nothing, not even the schema.
  sql::Options o;
  o.create = false;
  o.read_only = true;
  auto conn = sql::Db::open(db, o);
  {
    auto& fp = conn->prep("SELECT value FROM meta WHERE key = 'vault_fingerprint'");
    if (fp.step() && fp.text(0) != vault.fingerprint())
      throw std::runtime_error("the key file does not belong to " + db + ": use the key that was used with it");
    fp.reset();
  }
  if (sql::user_version(*conn) < 3) {
    std::cout << (args.flag("json") ? "{\"ok\":true,\"entries\":0}" : "no audit log yet (schema older than v3)") << "\n";
    return 0;
  }
  auto c = station::verify_audit_chain(*conn, vault);
  if (args.flag("json")) {
    std::cout << nlohmann::json{{"ok", c.ok}, {"entries", c.entries}, {"first_broken", c.first_broken},
                                {"problem", c.problem}, {"message", c.message}, {"head", c.head_hex}}
                     .dump()
              << "\n";
  } else if (c.ok) {
    std::cout << c.message << "; last link " << c.head_hex << "\n";
  } else {
    std::cout << "audit log BROKEN at entry " << c.first_broken << " (" << c.problem << "): " << c.message << "\n";
  }
  return c.ok ? 0 : 1;
}

int cmd_audit_show(const Args& args) {
  args.check({"db", "key-file", "config", "limit", "action", "before", "id-number-stdin"});
  auto o = open_station(args, "audit show");
  station::AuditFilter f;
  f.limit = int(args.int_or("limit", 50));
  f.action = args.get_or("action", "");
  f.before_seq = args.int_or("before", 0);
  if (f.limit < 1 || f.limit > 100000) throw std::invalid_argument("--limit must be 1..100000");
  if (args.flag("id-number-stdin")) {
    // The ID number is read from stdin, never from the command line.
    auto id = check_id_number(read_line_stdin(), Date::today(o->clock.now(), o->cfg.utc_offset_minutes));
    if (!id) throw std::invalid_argument("the ID number on stdin is not valid");
    f.subject_hash = o->store->vault().lookup_hash(id->value);
  }
  auto rows = o->store->write([&](station::Writer& w) {
    auto rows = w.audit_rows(f);
    w.append_audit(cli_actor(), {.action = "export", .object = "audit", .subject_hash = f.subject_hash,
                                 .detail = {{"count", rows.size()}}});
    return rows;
  });
  // The reason given for a reveal or an export is sealed at rest; the auditor at the station
  // (who holds the key) reads it here.
  for (const auto& r : rows) {
    nlohmann::json j = station::audit_json(r);
    if (r.note_sealed) j["note"] = o->store->vault().open(*r.note_sealed).value_or("(cannot be opened with this key)");
    std::cout << j.dump() << "\n";
  }
  return 0;
}

station::StationConfig station_config(const Args& args) {
  auto file = args.get("config") ? config::File::load(*args.get("config")) : config::File::empty();
  auto cfg = station::load_station_config(file);
  file.finish();
  return cfg;
}

std::string station_key_file(const Args& args, const station::StationConfig& cfg, const std::string& db) {
  return args.get_or("key-file", cfg.key_file.empty() ? db + ".key" : cfg.key_file);
}

void audit_cli_export(const std::string& db, const std::string& key, const std::string& what, const std::string& to) {
  // Only station databases with an audit log (schema 3+) whose key is at hand.
  if (!std::ifstream(key).good()) return;
  {
    sql::Options o;
    o.create = false;
    o.read_only = true;
    auto conn = sql::Db::open(db, o);
    if (sql::user_version(*conn) < 3) return;
    if (!sql::table_exists(*conn, "audit_log")) return;
  }
  SystemClock clock;
  station::Store store(db, Vault::open_or_create(key, false), clock, 1);
  std::string name = to.substr(to.rfind('/') == std::string::npos ? 0 : to.rfind('/') + 1);
  store.write([&](station::Writer& w) {
    w.append_audit(cli_actor(), {.action = "export", .object = what, .detail = {{"to", name}}});
  });
}

}  // namespace tx::ctl
