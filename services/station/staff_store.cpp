// Station SQL for staff accounts, sessions and desk work (station/store.h). Agents' names,
// phones and ID numbers, change-report details and free-text notes are sealed like residents'.
#include "domain/identity.h"
#include "station/store.h"

namespace tx::station {

namespace {
constexpr const char* kStaffCols =
    "id, username, display_name, role, status, pin_hash, failures, locked_until, last_login_at, "
    "must_change_pin, created_at";

StaffAccount read_staff(const sql::Stmt& s) {
  StaffAccount a;
  a.id = s.i64(0);
  a.username = s.text(1);
  a.display_name = s.text(2);
  a.role = s.text(3);
  a.status = s.text(4);
  a.pin_hash = s.text(5);
  a.failures = int(s.i64(6));
  a.locked_until = s.opt_text(7);
  a.last_login_at = s.opt_text(8);
  a.must_change_pin = s.i64(9) != 0;
  a.created_at = s.text(10);
  return a;
}

// bind_agent: binds relation, name, phone, phone_masked, id_hash, id_sealed, id_masked at `at`.
void bind_agent(sql::Stmt& s, int at, const std::optional<Agent>& a, const Vault& v) {
  if (!a) {
    for (int i = 0; i < 7; ++i) s.bind(at + i, nullptr);
    return;
  }
  // The masked columns stay NULL (schema v4): masks are derived from the sealed values on read.
  s.bind(at, a->relation).blob(at + 1, v.seal(a->name));
  if (a->phone) s.blob(at + 2, v.seal(*a->phone)).bind(at + 3, nullptr);
  else s.bind(at + 2, nullptr).bind(at + 3, nullptr);
  if (a->id_number)
    s.blob(at + 4, v.lookup_hash(*a->id_number)).blob(at + 5, v.seal(*a->id_number)).bind(at + 6, nullptr);
  else
    s.bind(at + 4, nullptr).bind(at + 5, nullptr).bind(at + 6, nullptr);
}
}  // namespace

// ---------------------------------------------------------------------------------- Reader

std::optional<StaffAccount> Reader::staff_by_username(const std::string& username) {
  auto& s = db_.prep(std::string("SELECT ") + kStaffCols + " FROM staff WHERE username = ?");
  s.bind_all(username);
  if (!s.step()) return std::nullopt;
  return read_staff(s);
}

std::optional<StaffAccount> Reader::staff_by_id(std::int64_t id) {
  auto& s = db_.prep(std::string("SELECT ") + kStaffCols + " FROM staff WHERE id = ?");
  s.bind_all(id);
  if (!s.step()) return std::nullopt;
  return read_staff(s);
}

std::vector<StaffAccount> Reader::staff_accounts() {
  auto& s = db_.prep(std::string("SELECT ") + kStaffCols + " FROM staff ORDER BY username");
  std::vector<StaffAccount> out;
  while (s.step()) out.push_back(read_staff(s));
  return out;
}

std::optional<StaffSessionRow> Reader::session_by_token_hash(const std::string& token_hash) {
  auto& s = db_.prep(
      "SELECT id, staff_id, terminal, created_at, last_seen, ended_at, end_reason "
      "FROM staff_sessions WHERE token_hash = ?");
  s.blob(1, token_hash);
  if (!s.step()) return std::nullopt;
  return StaffSessionRow{s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.opt_text(5), s.opt_text(6)};
}

std::vector<std::int64_t> Reader::residents_by_name(const std::string& name, int limit) {
  auto& s = db_.prep("SELECT id FROM residents WHERE name_hash = ? ORDER BY id LIMIT ?");
  s.blob(1, store_.name_hash(name)).bind(2, limit);
  std::vector<std::int64_t> out;
  while (s.step()) out.push_back(s.i64(0));
  return out;
}

std::optional<std::string> Reader::appointment_address(std::int64_t appointment_id) {
  return opened("SELECT address_sealed FROM appointments WHERE id = ?", appointment_id);
}

bool Reader::has_open_application(std::int64_t resident_id, Programme p) {
  auto& s = db_.prep(
      "SELECT 1 FROM applications WHERE resident_id = ? AND programme = ? "
      "AND status IN ('applied', 'under_review', 'approved', 'paying', 'suspended')");
  s.bind_all(resident_id, std::string(to_string(p)));
  bool found = s.step();
  s.reset();
  return found;
}

std::vector<ChangeReport> Reader::change_reports_of(std::int64_t resident_id) {
  auto& s = db_.prep(
      "SELECT id, resident_id, change_type, programme, applicant, agent_relation, agent_name_sealed, "
      "agent_phone_sealed, status, registered_by, terminal, created_at FROM change_reports "
      "WHERE resident_id = ? ORDER BY id DESC");
  s.bind_all(resident_id);
  std::vector<ChangeReport> out;
  while (s.step()) {
    ChangeReport r;
    r.id = s.i64(0);
    r.resident_id = s.i64(1);
    r.change_type = s.text(2);
    r.programme = s.opt_text(3);
    if (!s.is_null(5)) {
      Agent a;
      a.relation = s.text(5);
      if (!s.is_null(6)) a.name = mask_name(store_.vault().open(s.blob_at(6)).value_or(""));
      a.phone = masked_phone_of(store_.vault(), s, 7);  // masked form
      r.agent = a;
    }
    r.status = s.text(8);
    r.registered_by = s.text(9);
    r.terminal = s.text(10);
    r.created_at = s.text(11);
    out.push_back(std::move(r));
  }
  return out;
}

static constexpr const char* kInterestSelect =
    "SELECT i.id, i.job_id, j.title, j.employer, i.resident_id, r.name_masked, i.name_sealed, "
    "coalesce(r.phone_sealed, i.phone_sealed), i.terminal, i.status, i.created_at, i.updated_at, "
    "i.handled_by FROM job_interests i JOIN jobs j ON j.id = i.job_id "
    "LEFT JOIN residents r ON r.id = i.resident_id ";

static InterestRow read_interest(const sql::Stmt& s, const Vault& v) {
  InterestRow x;
  x.id = s.i64(0);
  x.job_id = s.i64(1);
  x.job_title = s.text(2);
  x.employer = s.text(3);
  if (!s.is_null(4)) x.resident_id = s.i64(4);
  if (!s.is_null(5)) x.name_masked = s.text(5);
  else if (!s.is_null(6)) x.name_masked = mask_name(v.open(s.blob_at(6)).value_or(""));
  x.phone_masked = masked_phone_of(v, s, 7);
  x.terminal = s.text(8);
  x.status = s.text(9);
  x.created_at = s.text(10);
  x.updated_at = s.opt_text(11);
  x.handled_by = s.opt_text(12);
  return x;
}

std::vector<InterestRow> Reader::interests(const std::string& status, std::optional<std::int64_t> resident_id,
                                           int limit) {
  auto& s = db_.prep(std::string(kInterestSelect) +
                     "WHERE (?1 = '' OR i.status = ?1) AND (?2 IS NULL OR i.resident_id = ?2) "
                     "ORDER BY i.id DESC LIMIT ?3");
  s.bind(1, status);
  if (resident_id) s.bind(2, *resident_id);
  else s.bind(2, nullptr);
  s.bind(3, limit);
  std::vector<InterestRow> out;
  while (s.step()) out.push_back(read_interest(s, store_.vault()));
  return out;
}

std::optional<InterestRow> Reader::interest(std::int64_t id) {
  auto& s = db_.prep(std::string(kInterestSelect) + "WHERE i.id = ?");
  s.bind_all(id);
  if (!s.step()) return std::nullopt;
  return read_interest(s, store_.vault());
}

std::pair<std::optional<std::string>, std::optional<std::string>> Reader::interest_contact(std::int64_t id) {
  auto& s = db_.prep(
      "SELECT coalesce(r.name_sealed, i.name_sealed), coalesce(r.phone_sealed, i.phone_sealed) "
      "FROM job_interests i LEFT JOIN residents r ON r.id = i.resident_id WHERE i.id = ?");
  s.bind_all(id);
  std::pair<std::optional<std::string>, std::optional<std::string>> out;
  if (!s.step()) return out;
  if (!s.is_null(0)) out.first = store_.vault().open(s.blob_at(0));
  if (!s.is_null(1)) out.second = store_.vault().open(s.blob_at(1));
  return out;
}

std::vector<RenewalRow> Reader::renewal_candidates(Date until, int limit, int offset) {
  auto& s = db_.prep(
      std::string("SELECT ") + kResidentCols + ", "
      "c.id, c.category, c.level, c.replacement, c.issued_on, c.expires_on, c.status, "
      "EXISTS(SELECT 1 FROM appointments a WHERE a.resident_id = r.id AND a.kind = 'renewal' "
      "       AND a.status IN ('booked', 'checked_in')) "
      "FROM certificates c JOIN residents r ON r.id = c.resident_id "
      "WHERE c.id = (SELECT max(id) FROM certificates WHERE resident_id = c.resident_id) "
      "AND c.status IN ('valid', 'expired') AND c.expires_on <= ? "
      "ORDER BY c.expires_on, r.id LIMIT ? OFFSET ?");
  s.bind_all(until.str(), limit, offset);
  std::vector<RenewalRow> out;
  while (s.step()) {
    RenewalRow x;
    x.resident = read_resident(s, 0, store_.vault());
    const int c = kResidentColCount;
    x.certificate.id = s.i64(c);
    x.certificate.resident_id = x.resident.id;
    x.certificate.category = int(s.i64(c + 1));
    x.certificate.level = int(s.i64(c + 2));
    x.certificate.replacement = int(s.i64(c + 3));
    x.certificate.issued_on = Date::parse(s.text(c + 4)).value_or(Date{});
    x.certificate.expires_on = Date::parse(s.text(c + 5)).value_or(Date{});
    x.certificate.status = certificate_status_from(s.text(c + 6)).value_or(CertificateStatus::valid);
    x.renewal_booked = s.i64(c + 7) != 0;
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<StaffCall> Reader::staff_calls(const std::string& status, int limit) {
  auto& s = db_.prep(
      "SELECT id, terminal, reason, status, created_at, acknowledged_at, acknowledged_by "
      "FROM staff_calls WHERE (?1 = '' OR status = ?1) ORDER BY id DESC LIMIT ?2");
  s.bind(1, status).bind(2, limit);
  std::vector<StaffCall> out;
  while (s.step())
    out.push_back(StaffCall{s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.opt_text(5), s.opt_text(6)});
  return out;
}

// ---------------------------------------------------------------------------------- Writer

std::int64_t Writer::add_staff(const std::string& username, const std::string& display_name,
                               const std::string& role, const std::string& pin_hash, bool must_change) {
  auto now = store_.now_iso();
  db_.prep(
         "INSERT INTO staff(username, display_name, role, pin_hash, must_change_pin, created_at, "
         "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind_all(username, display_name, role, pin_hash, must_change ? 1 : 0, now, now)
      .run();
  return db_.last_id();
}

void Writer::set_staff_pin(std::int64_t id, const std::string& pin_hash, bool must_change) {
  db_.prep(
         "UPDATE staff SET pin_hash = ?, must_change_pin = ?, failures = 0, locked_until = NULL, "
         "updated_at = ? WHERE id = ?")
      .bind_all(pin_hash, must_change ? 1 : 0, store_.now_iso(), id)
      .run();
}

void Writer::set_staff_status(std::int64_t id, const std::string& status) {
  db_.prep("UPDATE staff SET status = ?, failures = 0, locked_until = NULL, updated_at = ? WHERE id = ?")
      .bind_all(status, store_.now_iso(), id)
      .run();
}

void Writer::set_staff_failures(std::int64_t id, int failures, const std::optional<std::string>& locked_until) {
  db_.prep("UPDATE staff SET failures = ?, locked_until = ?, updated_at = ? WHERE id = ?")
      .bind(1, failures)
      .bind(2, locked_until)
      .bind(3, store_.now_iso())
      .bind(4, id)
      .run();
}

void Writer::staff_logged_in(std::int64_t id) {
  auto now = store_.now_iso();
  db_.prep("UPDATE staff SET failures = 0, locked_until = NULL, last_login_at = ?, updated_at = ? WHERE id = ?")
      .bind_all(now, now, id)
      .run();
}

std::int64_t Writer::add_session(const std::string& token_hash, std::int64_t staff_id, const std::string& terminal) {
  auto now = store_.now_iso();
  auto& s = db_.prep(
      "INSERT INTO staff_sessions(token_hash, staff_id, terminal, created_at, last_seen) VALUES (?, ?, ?, ?, ?)");
  s.blob(1, token_hash).bind(2, staff_id).bind(3, terminal).bind(4, now).bind(5, now);
  s.run();
  return db_.last_id();
}

void Writer::touch_session(std::int64_t id) {
  db_.prep("UPDATE staff_sessions SET last_seen = ? WHERE id = ? AND ended_at IS NULL")
      .bind_all(store_.now_iso(), id)
      .run();
}

void Writer::end_session(std::int64_t id, const std::string& reason) {
  db_.prep("UPDATE staff_sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL")
      .bind_all(store_.now_iso(), reason, id)
      .run();
}

int Writer::end_sessions_of(std::int64_t staff_id, const std::string& reason) {
  return db_.prep("UPDATE staff_sessions SET ended_at = ?, end_reason = ? WHERE staff_id = ? AND ended_at IS NULL")
      .bind_all(store_.now_iso(), reason, staff_id)
      .run();
}

int Writer::purge_sessions(const std::string& before) {
  return db_.prep("DELETE FROM staff_sessions WHERE coalesce(ended_at, last_seen) < ?").bind_all(before).run();
}

bool Writer::update_staff_call(std::int64_t id, const std::string& status, const std::string& by) {
  auto now = store_.now_iso();
  if (status == "acknowledged")
    return db_.prep(
                  "UPDATE staff_calls SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ? "
                  "WHERE id = ? AND status = 'open'")
               .bind_all(now, by, id)
               .run() > 0;
  return db_.prep(
                "UPDATE staff_calls SET status = 'closed', closed_at = ?, "
                "acknowledged_at = coalesce(acknowledged_at, ?), acknowledged_by = coalesce(acknowledged_by, ?) "
                "WHERE id = ? AND status != 'closed'")
             .bind_all(now, now, by, id)
             .run() > 0;
}

void Writer::set_interest_status(std::int64_t id, const std::string& status, const std::string& by) {
  db_.prep("UPDATE job_interests SET status = ?, updated_at = ?, handled_by = ? WHERE id = ?")
      .bind_all(status, store_.now_iso(), by, id)
      .run();
}

std::int64_t Writer::add_desk_application(const DeskApplication& a) {
  const Vault& v = store_.vault();
  auto now = store_.now_iso();
  auto& s = db_.prep(
      "INSERT INTO applications(resident_id, programme, status, stage_date, office, applicant, "
      "agent_relation, agent_name_sealed, agent_phone_sealed, agent_phone_masked, agent_id_hash, "
      "agent_id_sealed, agent_id_masked, note_sealed, registered_by, terminal, source, created_at, "
      "updated_at) VALUES (?, ?, 'applied', ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'station', ?, ?)");
  s.bind(1, a.resident_id).bind(2, std::string(to_string(a.programme))).bind(3, a.stage_date);
  s.bind(4, a.agent ? a.agent->relation : std::string("self"));
  bind_agent(s, 5, a.agent, v);
  if (a.note) s.blob(12, v.seal(*a.note));
  else s.bind(12, nullptr);
  s.bind(13, a.registered_by).bind(14, a.terminal).bind(15, now).bind(16, now);
  s.run();
  return db_.last_id();
}

std::int64_t Writer::add_change_report(const ChangeReport& r) {
  const Vault& v = store_.vault();
  auto now = store_.now_iso();
  auto& s = db_.prep(
      "INSERT INTO change_reports(resident_id, change_type, programme, applicant, agent_relation, "
      "agent_name_sealed, agent_phone_sealed, agent_phone_masked, agent_id_hash, agent_id_sealed, "
      "agent_id_masked, details_sealed, status, registered_by, terminal, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?, ?, ?, ?)");
  s.bind(1, r.resident_id).bind(2, r.change_type).bind(3, r.programme);
  s.bind(4, r.agent ? r.agent->relation : std::string("self"));
  bind_agent(s, 5, r.agent, v);
  if (r.details) s.blob(12, v.seal(*r.details));
  else s.bind(12, nullptr);
  s.bind(13, r.registered_by).bind(14, r.terminal).bind(15, now).bind(16, now);
  s.run();
  return db_.last_id();
}

}  // namespace tx::station
