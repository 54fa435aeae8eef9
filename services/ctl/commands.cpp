#include <iostream>

#include "ctl/ctl.h"

namespace tx::ctl {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {{"backup"}, "[--db FILE] [--config FILE] [--key-file FILE] [--keep N] [--yes] [--json] DEST|--out DEST",
       "consistent online copy of a station (or SQLite central) database while the service runs; DEST "
       "a file, or a directory for a time-stamped name (--keep N prunes older ones there)",
       cmd_db_backup},
      {{"verify"}, "FILE [--key KEYFILE] [--json]",
       "check a database or backup: integrity, foreign keys, schema version, and that the vault key opens it",
       cmd_db_verify},
      {{"restore"}, "BACKUP [--db FILE] [--key KEYFILE] --yes",
       "put a verified backup in place of the database (service stopped); the old file is kept aside",
       cmd_db_restore},
      {{"demo-data"}, "--db FILE [--residents N] [--jobs N] [--seed S] [--config FILE]",
       "fill a station database with synthetic residents, certificates, subsidies, jobs and sessions",
       cmd_demo_data},
      {{"station", "add"}, "--url CENTRAL --token-file FILE --name NAME [--secret-file OUT] [--json]",
       "enrol a station at the central server; prints its id and secret", cmd_station_add},
      {{"stations"}, "--url CENTRAL --token-file FILE [--json]",
       "every station: last contact, acknowledged sequence, events received, backlog, last error", cmd_stations},
      {{"sync", "now"}, "--url URL --token-file FILE [--station ID] [--wait SECONDS]",
       "station: start a sync run now; central: ask stations to sync at their next heartbeat", cmd_sync_now},
      {{"sync", "status"}, "--url URL --token-file FILE [--json]",
       "station: pending events, acknowledged sequence, progress, last error; central: every station", cmd_sync_status},
      {{"import", "jobs"}, "FILE --url CENTRAL --token-file FILE [--json]",
       "import job listings from CSV at central (all or nothing; report of rejected rows)", cmd_import_jobs},
      {{"import", "subsidies"}, "FILE --url CENTRAL --token-file FILE [--json]",
       "import subsidy decisions and payments from CSV at central (all or nothing)", cmd_import_subsidies},
      {{"central", "migrate-to-postgres"}, "--from FILE --to postgresql://USER@HOST:PORT/DB",
       "copy a SQLite central database into an empty PostgreSQL one and compare every table", cmd_migrate_to_postgres},
      {{"central", "admin", "add"},
       "--db FILE|postgresql://... --username NAME [--role admin|viewer] [--district NAME] [--password-stdin]",
       "create an account for the web console at /admin/ (password typed twice, or one line from stdin)",
       cmd_central_admin_add},
      {{"central", "demo-history"}, "--db FILE [--key-file FILE] [--stations N] [--backfill STATION_ID] [--seed S]",
       "./run.sh: synthetic stations with months of events and 30 days of history for the console (never on real data)",
       cmd_central_demo_history},
      {{"staff", "add"}, "--db FILE --username NAME --name \"DISPLAY NAME\" [--role staff|station_admin] [--pin-stdin|--generate-pin] [--json]",
       "create a staff account (PIN from stdin, typed twice, or generated; changed at first sign-in)", cmd_staff_add},
      {{"staff", "disable"}, "--db FILE --username NAME", "disable a staff account and end its sessions", cmd_staff_disable},
      {{"staff", "enable"}, "--db FILE --username NAME", "enable a disabled staff account", cmd_staff_enable},
      {{"staff", "reset-pin"}, "--db FILE --username NAME [--pin-stdin|--generate-pin] [--json]",
       "set a one-time PIN, unlock the account and end its sessions", cmd_staff_reset_pin},
      {{"staff", "list"}, "--db FILE [--json]", "staff accounts with role, status, lock and last sign-in", cmd_staff_list},
      {{"audit", "verify"}, "--db FILE [--key-file FILE] [--json]",
       "check the audit log's hash chain; exit 1 and name the first broken entry if edited or cut", cmd_audit_verify},
      {{"audit", "show"}, "--db FILE [--limit N] [--action A] [--before SEQ] [--id-number-stdin]",
       "print audit entries as JSON lines, newest first (itself audited as an export)", cmd_audit_show},
  };
  return table;
}

static void usage(std::ostream& out) {
  out << "usage: tongxing-ctl COMMAND [options]\n\ncommands:\n";
  for (const auto& c : commands()) {
    std::string name;
    for (const auto& w : c.words) name += (name.empty() ? "" : " ") + w;
    out << "  " << name << " " << c.usage << "\n      " << c.summary << "\n";
  }
}

int run(int argc, char** argv) {
  try {
    Args args(argc, argv, {"help", "json", "yes", "pin-stdin", "generate-pin", "id-number-stdin", "password-stdin"});
    const auto& words = args.positional();
    if (words.empty() || words[0] == "help" || args.flag("help")) {
      usage(words.empty() && !args.flag("help") ? std::cerr : std::cout);
      return words.empty() && !args.flag("help") ? 2 : 0;
    }
    const Command* best = nullptr;
    for (const auto& c : commands()) {
      if (c.words.size() > words.size()) continue;
      bool match = std::equal(c.words.begin(), c.words.end(), words.begin());
      if (match && (!best || c.words.size() > best->words.size())) best = &c;
    }
    if (!best) {
      std::cerr << "tongxing-ctl: unknown command \"" << words[0] << "\"\n";
      usage(std::cerr);
      return 2;
    }
    return best->run(args);
  } catch (const std::invalid_argument& e) {
    std::cerr << "tongxing-ctl: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "tongxing-ctl: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace tx::ctl
