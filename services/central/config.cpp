#include "central/config.h"

#include <stdexcept>

#include "central/storage.h"

namespace tx::central {

CentralConfig load_central_config(config::File& file) {
  CentralConfig c;
  auto ce = file.root().section("central");
  c.database_url = ce.str("database_url", c.database_url);
  c.listen = ce.str("listen", c.listen);
  c.admin_token_file = ce.str("admin_token_file", c.admin_token_file);
  c.key_file = ce.str("key_file", c.key_file);
  ce.tls_files(&c.tls_cert_file, &c.tls_key_file);
  c.threads = int(ce.integer("threads", c.threads, 4, 1024));
  c.max_body_bytes = int(ce.integer("max_body_bytes", c.max_body_bytes, 64 * 1024, 256 << 20));
  c.max_frame_bytes = int(ce.integer("max_frame_bytes", c.max_frame_bytes, 64 * 1024, 1 << 30));
  c.max_connections = int(ce.integer("max_connections", c.max_connections, 16, 1000000));
  c.max_connections_per_peer = int(ce.integer("max_connections_per_peer", c.max_connections_per_peer, 1, 1000000));
  c.request_timeout_s = int(ce.integer("request_timeout_s", c.request_timeout_s, 1, 600));
  c.idle_timeout_s = int(ce.integer("idle_timeout_s", c.idle_timeout_s, 1, 3600));
  c.auth_failures_kept = int(ce.integer("auth_failures_kept", c.auth_failures_kept, 10, 100000000));
  c.heartbeat_flush_ms = int(ce.integer("heartbeat_flush_ms", c.heartbeat_flush_ms, 0, 60000));
  c.heartbeat_journal_dir = ce.str("heartbeat_journal_dir", c.heartbeat_journal_dir);
  c.batch_workers = int(ce.integer("batch_workers", c.batch_workers, 1, 1024));
  c.group_batches = int(ce.integer("group_batches", c.group_batches, 1, 1024));
  c.group_events = int(ce.integer("group_events", c.group_events, 1, 10000000));
  auto pg = file.root().section("postgresql");
  c.pool_size = int(pg.integer("pool_size", c.pool_size, 1, 256));
  c.connect_timeout_s = int(pg.integer("connect_timeout_s", c.connect_timeout_s, 1, 60));
  c.db_wait_s = int(pg.integer("wait_at_start_s", c.db_wait_s, 0, 3600));
  auto co = file.root().section("console");
  c.console_dir = co.str("static_dir", c.console_dir);
  c.heartbeat_interval_s = int(co.integer("heartbeat_interval_s", c.heartbeat_interval_s, 1, 86400));
  c.stale_after_s = int(co.integer("stale_after_s", c.stale_after_s, 60, 30 * 86400));
  c.idle_minutes = int(co.integer("idle_minutes", c.idle_minutes, 1, 24 * 60));
  c.max_failed_logins = int(co.integer("max_failed_logins", c.max_failed_logins, 1, 1000));
  c.lock_minutes = int(co.integer("lock_minutes", c.lock_minutes, 1, 24 * 60));
  return c;
}

void resolve_files(CentralConfig& c) {
  bool pg = is_postgres_url(c.database_url);
  if (c.admin_token_file.empty()) {
    if (pg)
      throw std::invalid_argument(
          "with a PostgreSQL database, give --admin-token-file FILE (written on first start, mode 0600)");
    c.admin_token_file = c.database_url + ".admin-token";
  }
  if (c.key_file.empty()) c.key_file = pg ? c.admin_token_file + ".key" : c.database_url + ".key";
  if (c.heartbeat_journal_dir.empty())
    c.heartbeat_journal_dir = (pg ? c.admin_token_file : c.database_url) + ".heartbeats";
}

}  // namespace tx::central
