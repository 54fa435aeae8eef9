// tongxing-ctl: the administrators' CLI. One table of commands (commands.cpp); each command is
// a function in the file of its area. A command returns the process exit code: 0 ok,
// 1 failure (message on stderr), 2 usage error.
#pragma once
#include <string>
#include <vector>

#include "common/args.h"
#include "station/config.h"

namespace tx::ctl {

struct Command {
  std::vector<std::string> words;  // e.g. {"sync", "now"}
  const char* usage;               // options, shown by `tongxing-ctl help`
  const char* summary;
  int (*run)(const Args& args);
};

const std::vector<Command>& commands();
// run: finds the command named by the leading positional words and runs it.
int run(int argc, char** argv);

// Commands, by area.
int cmd_db_backup(const Args& args);   // backup_cmds.cpp
int cmd_db_verify(const Args& args);
int cmd_db_restore(const Args& args);
int cmd_demo_data(const Args& args);
int cmd_station_add(const Args& args);
int cmd_stations(const Args& args);
int cmd_sync_now(const Args& args);
int cmd_sync_status(const Args& args);
int cmd_import_jobs(const Args& args);
int cmd_import_subsidies(const Args& args);
int cmd_migrate_to_postgres(const Args& args);
int cmd_staff_add(const Args& args);
int cmd_staff_disable(const Args& args);
int cmd_staff_enable(const Args& args);
int cmd_staff_reset_pin(const Args& args);
int cmd_staff_list(const Args& args);
int cmd_audit_verify(const Args& args);
int cmd_audit_show(const Args& args);
// audit_cli_export: records in a station database's audit log that `what` (e.g. "backup")
// is being copied out to `to` by the person at this terminal; no-op for other databases and
// when `key_file` does not exist.
void audit_cli_export(const std::string& db, const std::string& key_file, const std::string& what,
                      const std::string& to);
int cmd_central_admin_add(const Args& args);  // central_admin_cmds.cpp
int cmd_central_demo_history(const Args& args);
// read_line_stdin: one line of stdin without its line end; prompt_hidden: the same, typed at a
// terminal without echo after `prompt` (staff_cmds.cpp).
std::string read_line_stdin();
std::string prompt_hidden(const char* prompt);
// station_config: the station configuration of --config FILE (the defaults without one).
station::StationConfig station_config(const Args& args);
// station_key_file: --key-file, else the configuration's key_file, else <db>.key — the rule the
// station service itself follows.
std::string station_key_file(const Args& args, const station::StationConfig& cfg, const std::string& db);

}  // namespace tx::ctl
