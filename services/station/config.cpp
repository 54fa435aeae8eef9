#include "station/config.h"

namespace tx::station {

namespace {
Date parse_date(const config::Section& s, const std::string& key, const std::string& text) {
  auto d = Date::parse(text);
  if (!d) s.fail(key, "\"" + text + "\" is not a date in the form YYYY-MM-DD");
  return *d;
}

SessionTemplate read_template(const config::Section& s) {
  SessionTemplate t;
  for (const auto& k : s.str_list("kinds", {})) {
    auto kind = appointment_kind_from(k);
    if (!kind) s.fail("kinds", "unknown appointment kind \"" + k + "\"");
    t.kinds.push_back(*kind);
  }
  if (t.kinds.empty()) s.fail("kinds", "name at least one appointment kind");
  for (auto d : s.int_list("days_of_month", {}, 1, 31)) t.days_of_month.push_back(unsigned(d));
  for (auto d : s.int_list("weekdays", {}, 1, 7)) t.weekdays.push_back(unsigned(d));
  if (t.days_of_month.empty() && t.weekdays.empty())
    s.fail("days_of_month", "give days_of_month or weekdays");
  t.start = s.str("start", "09:00");
  t.end = s.str("end", "11:30");
  t.institution = s.str("institution", "");
  t.place = s.str("place", "");
  for (auto c : s.int_list("categories", {}, 1, 7)) t.categories.push_back(int(c));
  auto cap = s.section("capacity");
  for (const auto& k : cap.keys()) {
    auto kind = appointment_kind_from(k);
    if (!kind) cap.fail(k, "unknown appointment kind");
    t.capacity[*kind] = int(cap.integer(k, 0, 0, 10000));
  }
  for (auto k : t.kinds)
    if (!t.capacity.contains(k)) s.fail("capacity", "give a capacity for " + std::string(to_string(k)));
  return t;
}
}  // namespace

StationConfig load_station_config(config::File& file) {
  StationConfig c;
  auto& root = file.root();
  auto st = root.section("station");
  c.station_id = st.str("id", c.station_id);
  c.name = st.str("name", c.name);
  c.name_en = st.str("name_en", c.name_en);
  c.address = st.str("address", c.address);
  c.address_en = st.str("address_en", c.address_en);
  c.phone = st.str("phone", c.phone);
  c.hours = st.str("hours", c.hours);
  c.hours_en = st.str("hours_en", c.hours_en);
  c.utc_offset_minutes = int(st.integer("utc_offset_minutes", c.utc_offset_minutes, -720, 840));

  auto sv = root.section("service");
  c.listen = sv.str("listen", c.listen);
  c.threads = int(sv.integer("threads", c.threads, 2, 512));
  c.max_body_bytes = int(sv.integer("max_body_bytes", c.max_body_bytes, 1024, 16 << 20));
  c.max_connections = int(sv.integer("max_connections", c.max_connections, 16, 1000000));
  c.max_connections_per_peer = int(sv.integer("max_connections_per_peer", c.max_connections_per_peer, 1, 1000000));
  c.request_timeout_s = int(sv.integer("request_timeout_s", c.request_timeout_s, 1, 600));
  c.idle_timeout_s = int(sv.integer("idle_timeout_s", c.idle_timeout_s, 1, 3600));
  c.admin_token_file = sv.str("admin_token_file", "");
  c.key_file = sv.str("key_file", "");
  sv.tls_files(&c.tls_cert_file, &c.tls_key_file);

  auto bk = root.section("booking");
  c.horizon_days = int(bk.integer("horizon_days", c.horizon_days, 1, 366));
  c.min_lead_days = int(bk.integer("min_lead_days", c.min_lead_days, 0, 60));
  c.renewal_window_days = int(bk.integer("renewal_window_days", c.renewal_window_days, 0, 730));
  c.max_failed_verifications = int(bk.integer("max_failed_verifications", c.max_failed_verifications, 1, 100));
  c.lock_minutes = int(bk.integer("lock_minutes", c.lock_minutes, 1, 24 * 60));
  c.terminal_requests_per_minute =
      int(bk.integer("terminal_requests_per_minute", c.terminal_requests_per_minute, 10, 100000));
  c.id_requests_per_minute = int(bk.integer("id_requests_per_minute", c.id_requests_per_minute, 5, 10000));

  auto sf = root.section("staff");
  c.session_idle_minutes = int(sf.integer("session_idle_minutes", c.session_idle_minutes, 1, 60));
  c.session_max_hours = int(sf.integer("session_max_hours", c.session_max_hours, 1, 24));
  c.max_failed_logins = int(sf.integer("max_failed_logins", c.max_failed_logins, 3, 20));
  c.login_lock_minutes = int(sf.integer("login_lock_minutes", c.login_lock_minutes, 1, 24 * 60));
  c.reveal_reason_min_chars = int(sf.integer("reveal_reason_min_chars", c.reveal_reason_min_chars, 0, 100));

  auto cal = root.section("calendar");
  for (const auto& d : cal.str_list("holidays", {})) c.calendar.holidays.insert(parse_date(cal, "holidays", d));
  for (const auto& d : cal.str_list("extra_workdays", {}))
    c.calendar.extra_workdays.insert(parse_date(cal, "extra_workdays", d));
  std::string shift = cal.one_of("shift", "next_workday", {"next_workday", "previous_workday", "skip"});
  c.calendar.shift = shift == "next_workday"       ? HolidayShift::next_workday
                     : shift == "previous_workday" ? HolidayShift::previous_workday
                                                   : HolidayShift::skip;
  c.auto_plan = cal.boolean("auto_plan", c.auto_plan);
  auto templates = cal.sections("session");
  if (!templates.empty()) {
    c.sessions.clear();
    for (const auto& t : templates) c.sessions.push_back(read_template(t));
  }

  auto pr = root.section("printer");
  c.printer_device = pr.str("device", c.printer_device);

  auto sy = root.section("sync");
  c.central_url = sy.str("central_url", c.central_url);
  c.station_secret_file = sy.str("station_secret_file", c.station_secret_file);
  c.sync_interval_s = int(sy.integer("interval_s", c.sync_interval_s, 1, 86400));
  c.sync_batch_events = int(sy.integer("batch_events", c.sync_batch_events, 1, 100000));
  c.sync_batch_bytes = int(sy.integer("batch_bytes", c.sync_batch_bytes, 1024, 64 << 20));
  c.sync_heartbeat_s = int(sy.integer("heartbeat_s", c.sync_heartbeat_s, 1, 3600));
  c.sync_timeout_s = int(sy.integer("timeout_s", c.sync_timeout_s, 1, 600));
  c.sync_backoff_base_ms = int(sy.integer("backoff_base_ms", c.sync_backoff_base_ms, 10, 600000));
  c.sync_backoff_max_s = int(sy.integer("backoff_max_s", c.sync_backoff_max_s, 1, 86400));
  c.central_ca_file = sy.str("central_ca_file", c.central_ca_file);
  c.outbox_retention_days = int(sy.integer("outbox_retention_days", c.outbox_retention_days, 1, 3650));
  return c;
}

}  // namespace tx::station
