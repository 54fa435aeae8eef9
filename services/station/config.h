// Station configuration: everything local practice decides (DOMAIN.md: amounts, assessment days
// and capacities differ by city) comes from the TOML file; these are the defaults.
// deploy/station.example.toml documents every key.
#pragma once
#include <string>
#include <vector>

#include "common/config.h"
#include "domain/calendar.h"

namespace tx::station {

struct StationConfig {
  // [station]
  std::string station_id;  // given by the central server at enrolment
  std::string name = "示例社区残疾人服务站";
  std::string name_en = "Demo Community Disability Service Station";
  std::string address = "示例市示例区示例街道1号";
  std::string address_en = "No. 1 Example Street, Example District";
  std::string phone = "010-00000000";
  std::string hours = "周一至周五 9:00-17:00";
  std::string hours_en = "Monday to Friday, 9:00-17:00";
  int utc_offset_minutes = 8 * 60;

  // [service]
  std::string listen = "127.0.0.1:8480";
  int threads = 32;
  int max_body_bytes = 64 * 1024;
  // The network edge (docs/security.md "Network edge"), the same keys as central's: open
  // connections in all and from one IP address, seconds to deliver one request (headers and
  // body), seconds a quiet connection stays open.
  int max_connections = 4096;
  int max_connections_per_peer = 128;
  int request_timeout_s = 15;
  int idle_timeout_s = 10;
  std::string admin_token_file;  // default: <db>.admin-token
  std::string key_file;          // default: <db>.key (the vault key for personal data)
  // TLS (PEM files). Required when `listen` is not a loopback address: the service refuses to
  // serve personal data over plain HTTP on the LAN.
  std::string tls_cert_file, tls_key_file;

  // [booking]
  int horizon_days = 90;         // how far ahead residents may book
  int min_lead_days = 0;         // 0: today's session may still be booked
  int renewal_window_days = 180;
  int max_failed_verifications = 5;
  int lock_minutes = 15;
  int terminal_requests_per_minute = 600;  // per kiosk; bursts beyond are refused with 429
  int id_requests_per_minute = 30;         // per resident ID number, across all kiosks

  // [staff]
  int session_idle_minutes = 10;   // a staff session ends after this long without activity
  int session_max_hours = 12;      // and after this long in any case (one working day)
  int max_failed_logins = 5;       // wrong PINs before the account is locked
  int login_lock_minutes = 15;
  int reveal_reason_min_chars = 2;  // a full reveal must say why (PIPL: purpose of use)

  // [calendar]
  WorkCalendar calendar;
  std::vector<SessionTemplate> sessions = default_templates();
  bool auto_plan = true;  // plan local sessions for the horizon at start (no central share yet)

  // [printer]
  std::string printer_device;  // e.g. /dev/usb/lp0; empty: printing off

  // [sync]
  std::string central_url;
  std::string station_secret_file;
  int sync_interval_s = 300;
  int sync_batch_events = 1000;
  int sync_batch_bytes = 256 * 1024;
  int sync_heartbeat_s = 60;        // between runs, so central's commands arrive within a minute
  int sync_timeout_s = 30;          // one HTTP exchange with central
  int sync_backoff_base_ms = 1000;  // first retry after a failure; doubles, with jitter
  int sync_backoff_max_s = 300;
  std::string central_ca_file;      // CA bundle to trust for an https central URL (private CA)
  int outbox_retention_days = 30;
};

// load_station_config: reads every known key from the file; throws config::ConfigError with
// file, line and reason for bad values. Call file.finish() afterwards to refuse unknown keys.
StationConfig load_station_config(config::File& file);

}  // namespace tx::station
