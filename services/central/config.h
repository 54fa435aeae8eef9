// Central server configuration: command-line flags, optionally a TOML file ([central] and
// [postgresql] sections; deploy/central.example.toml documents every key). Flags win.
#pragma once
#include <optional>
#include <string>

#include "common/config.h"

namespace tx::central {

struct CentralConfig {
  std::string database_url;        // a SQLite file path or postgresql://USER@HOST:PORT/DB
  std::string listen = "127.0.0.1:8490";
  std::string admin_token_file;    // default: <db>.admin-token (SQLite) / required for PostgreSQL
  std::string key_file;            // default: <db>.key (SQLite) / <admin token file>.key (PostgreSQL)
  std::string tls_cert_file;       // both set: serve HTTPS (stations reach central over the internet)
  std::string tls_key_file;
  int threads = 64;
  int max_body_bytes = 32 << 20;
  int max_frame_bytes = 16 << 20;  // a sync frame's decompressed size (frame_too_large above)
  // The network edge (docs/security.md "Network edge"): central faces the internet.
  int max_connections = 12000;
  int max_connections_per_peer = 256;  // stations behind one NAT share an address
  int request_timeout_s = 15;          // to deliver one request (headers and body)
  int idle_timeout_s = 75;             // a keep-alive connection with nothing to say
  int auth_failures_kept = 10000;      // newest rows of the auth_failures log
  // Heartbeats are answered from memory and written every heartbeat_flush_ms in one
  // transaction (0: each before its answer); station batches run on at most batch_workers of
  // the threads, the rest stay free for heartbeats and admins (docs/sync.md, issue 14).
  int heartbeat_flush_ms = 2000;
  std::string heartbeat_journal_dir;  // default: <db>.heartbeats (SQLite) / <admin token file>.heartbeats
  int batch_workers = 8;
  // Group commit: batches waiting for the writer are applied together, up to group_batches
  // batches or group_events events per transaction (1: one transaction per batch).
  int group_batches = 32;
  int group_events = 20000;
  int pool_size = 8;
  int connect_timeout_s = 3;
  int db_wait_s = 30;              // how long to wait for PostgreSQL at start
  // [console]: the administrators' web console at /admin/ (docs/console.md)
  std::string console_dir;         // its static files; default: share/tongxing/console beside bin/
  int heartbeat_interval_s = 60;   // the stations' heartbeat interval: late after missing two
  int stale_after_s = 24 * 3600;   // stale after this long without a word
  int idle_minutes = 10;           // a console session ends after this long without a request
  int max_failed_logins = 5;       // a console account is locked after this many failed sign-ins
  int lock_minutes = 15;           // … for this long
};

CentralConfig load_central_config(config::File& file);

// resolve_files: fills in the default token and key file paths; throws std::invalid_argument
// when PostgreSQL is used without --admin-token-file.
void resolve_files(CentralConfig& c);

}  // namespace tx::central
