#include "station/store.h"

#include <sstream>

#include "common/log.h"
#include "domain/identity.h"

namespace tx::station {

using nlohmann::json;

std::string join_ints(const std::vector<int>& v) {
  std::string s;
  for (int x : v) s += (s.empty() ? "" : ",") + std::to_string(x);
  return s;
}

std::vector<int> split_ints(const std::string& s) {
  std::vector<int> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ','))
    if (!part.empty()) out.push_back(std::stoi(part));
  return out;
}

static std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ','))
    if (!part.empty()) out.push_back(part);
  return out;
}

static std::string join_words(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

namespace {
// Opens the file once to migrate it (taking a backup before upgrading an existing database)
// and to check that the vault key belongs to it; the pool opens afterwards.
const std::string& prepare(const std::string& path, const Vault& vault, const Clock& clock,
                           const sql::Options& opt) {
  auto db = sql::Db::open(path, opt);
  const int before = sql::migrate(*db, station_migrations(), [&](int from, int to) {
    std::string backup = path + ".pre-v" + std::to_string(to) + "-" + iso_utc(clock.now()) + ".bak";
    log::info("store", "upgrading schema v" + std::to_string(from) + " -> v" + std::to_string(to) +
                           ", backup first: " + backup);
    sql::backup_to(*db, backup);
  });
  sql::Tx tx(*db);
  auto& get = db->prep("SELECT value FROM meta WHERE key='vault_fingerprint'");
  // (the name-hash back-fill below runs only once the key is known to be the right one)
  if (get.step()) {
    std::string stored = get.text(0);
    get.reset();
    if (stored != vault.fingerprint())
      throw std::runtime_error("the vault key file does not belong to " + path +
                               ": restore the key that was used with this database");
  } else {
    get.reset();
    db->prep("INSERT INTO meta(key, value) VALUES ('vault_fingerprint', ?)").bind_all(vault.fingerprint()).run();
    db->prep("INSERT OR IGNORE INTO meta(key, value) VALUES ('created_at', ?)").bind_all(iso_utc(clock.now())).run();
  }
  // Residents written before schema v3 (or by an older program) get their name look-up hash;
  // first-time applicants whose name staff have yet to take keep none, as add_resident leaves them.
  std::vector<std::pair<std::int64_t, std::string>> todo;
  {
    auto& missing = db->prep("SELECT id, name_sealed FROM residents WHERE name_hash IS NULL AND name_masked != ?");
    missing.bind_all(std::string(kNamePending));
    while (missing.step()) todo.emplace_back(missing.i64(0), missing.blob_at(1));
    missing.reset();
  }
  for (auto& [id, sealed] : todo) {
    auto name = vault.open(sealed);
    if (!name || name->empty()) continue;
    db->prep("UPDATE residents SET name_hash = ? WHERE id = ?")
        .blob(1, Store::name_hash_in(vault, *name))
        .bind(2, id)
        .run();
  }
  tx.commit();
  if (before > 0 && before < 4) {
    // v4 emptied the clear masks (ID digits, phones' last four): rebuild the file so the old
    // values do not stay in free pages or in the WAL (the pre-upgrade backup keeps them: see
    // docs/security.md).
    db->exec("VACUUM");
    db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    log::info("store", "schema v4: clear masks removed and the file rebuilt");
  }
  return path;
}
}  // namespace

Store::Store(const std::string& path, Vault vault, const Clock& clock, std::size_t connections,
             const sql::Options& opt)
    : vault_(std::move(vault)), clock_(clock),
      pool_(prepare(path, vault_, clock, opt), connections, opt) {
  if (int n = write([](Writer& w) { return w.backfill_certificate_events(); }))
    log::info("store", "certificate expiry sent for " + std::to_string(n) + " residents (once, for renewals due at central)");
}

std::string Store::now_iso() const { return iso_utc(clock_.now()); }

// ---------------------------------------------------------------------------------- Reader

std::optional<std::int64_t> Reader::resident_id_by_number(const std::string& id_number) {
  auto& s = db_.prep("SELECT id FROM residents WHERE id_hash = ?");
  s.blob(1, store_.vault().lookup_hash(id_number));
  if (!s.step()) return std::nullopt;
  return s.i64(0);
}

// The masked forms and sex come from the sealed ID number and phone (schema v4 keeps none of
// them in clear): one open of each small blob per row.
std::string masked_id_of(const Vault& v, const std::string& id_sealed) {
  auto id = v.open(id_sealed);
  return id ? mask_id(*id) : std::string();
}

std::optional<std::string> masked_phone_of(const Vault& v, const sql::Stmt& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  auto p = v.open(s.blob_at(col));
  if (!p) return std::nullopt;
  return mask_phone(*p);
}

Resident read_resident(const sql::Stmt& s, int at, const Vault& v) {
  Resident r;
  r.id = s.i64(at);
  auto idn = v.open(s.blob_at(at + 1));
  if (idn) {
    r.id_masked = mask_id(*idn);
    if (idn->size() == 18) r.sex = ((*idn)[16] - '0') % 2 == 1 ? "M" : "F";
  }
  r.name_masked = s.text(at + 2);
  r.phone_masked = masked_phone_of(v, s, at + 3);
  r.source = s.text(at + 4);
  r.verified_at = s.opt_text(at + 5);
  r.verified_by = s.opt_text(at + 6);
  r.open_flags = int(s.i64(at + 7));
  return r;
}

std::optional<Resident> Reader::resident(std::int64_t id) {
  auto& s = db_.prep(std::string("SELECT ") + kResidentCols + " FROM residents r WHERE r.id = ?");
  s.bind_all(id);
  if (!s.step()) return std::nullopt;
  return read_resident(s, 0, store_.vault());
}

std::vector<IdentityFlag> Reader::identity_flags(std::int64_t resident_id) {
  auto& s = db_.prep(
      "SELECT id, resident_id, kind, phone_sealed, terminal, created_at, resolved_at, resolved_by "
      "FROM identity_flags WHERE resident_id = ? ORDER BY id DESC LIMIT 50");
  s.bind_all(resident_id);
  std::vector<IdentityFlag> out;
  while (s.step())
    out.push_back(IdentityFlag{s.i64(0), s.i64(1), s.text(2), masked_phone_of(store_.vault(), s, 3), s.text(4),
                               s.text(5), s.opt_text(6), s.opt_text(7)});
  return out;
}

std::optional<std::string> Reader::opened(const char* sql, std::int64_t id) {
  auto& s = db_.prep(sql);
  s.bind_all(id);
  if (!s.step() || s.is_null(0)) return std::nullopt;
  return store_.vault().open(s.blob_at(0));
}

std::optional<std::string> Reader::resident_phone(std::int64_t id) {
  return opened("SELECT phone_sealed FROM residents WHERE id = ?", id);
}
std::optional<std::string> Reader::resident_id_number(std::int64_t id) {
  return opened("SELECT id_sealed FROM residents WHERE id = ?", id);
}
std::optional<std::string> Reader::resident_name(std::int64_t id) {
  return opened("SELECT name_sealed FROM residents WHERE id = ?", id);
}

std::optional<std::string> Reader::resident_id_hash(std::int64_t id) {
  auto& s = db_.prep("SELECT id_hash FROM residents WHERE id = ?");
  s.bind_all(id);
  if (!s.step()) return std::nullopt;
  return s.blob_at(0);
}

std::optional<Certificate> Reader::certificate_of(std::int64_t resident_id) {
  auto& s = db_.prep(
      "SELECT id, resident_id, category, level, replacement, issued_on, expires_on, status "
      "FROM certificates WHERE resident_id = ? ORDER BY id DESC LIMIT 1");
  s.bind_all(resident_id);
  if (!s.step()) return std::nullopt;
  Certificate c;
  c.id = s.i64(0);
  c.resident_id = s.i64(1);
  c.category = int(s.i64(2));
  c.level = int(s.i64(3));
  c.replacement = int(s.i64(4));
  c.issued_on = *Date::parse(s.text(5));
  c.expires_on = *Date::parse(s.text(6));
  c.status = certificate_status_from(s.text(7)).value_or(CertificateStatus::valid);
  return c;
}

static constexpr const char* kSessionCols =
    "s.id, s.date, s.kind, s.start_time, s.end_time, s.institution, s.place, s.categories, "
    "s.capacity, s.booked";

static Session read_session(const sql::Stmt& s, int at) {
  Session x;
  x.id = s.i64(at);
  x.date = *Date::parse(s.text(at + 1));
  x.kind = *appointment_kind_from(s.text(at + 2));
  x.start = s.text(at + 3);
  x.end = s.text(at + 4);
  x.institution = s.text(at + 5);
  x.place = s.text(at + 6);
  x.categories = s.text(at + 7);
  x.capacity = int(s.i64(at + 8));
  x.booked = int(s.i64(at + 9));
  return x;
}

std::vector<Session> Reader::sessions(Date from, Date to) {
  auto& s = db_.prep(std::string("SELECT ") + kSessionCols +
                     " FROM sessions s WHERE s.date BETWEEN ? AND ? ORDER BY s.date, s.id");
  s.bind_all(from.str(), to.str());
  std::vector<Session> out;
  while (s.step()) out.push_back(read_session(s, 0));
  return out;
}

std::optional<Session> Reader::session(Date date, AppointmentKind kind) {
  auto& s = db_.prep(std::string("SELECT ") + kSessionCols +
                     " FROM sessions s WHERE s.date = ? AND s.kind = ?");
  s.bind_all(date.str(), std::string(to_string(kind)));
  if (!s.step()) return std::nullopt;
  return read_session(s, 0);
}

static constexpr const char* kAppointmentSelect =
    "SELECT a.id, a.resident_id, a.kind, a.status, a.ticket, a.reason, a.address_sealed IS NOT NULL, "
    "a.channel, a.terminal, a.created_at, a.updated_at, r.id_sealed, r.name_masked, "
    "s.id, s.date, s.kind, s.start_time, s.end_time, s.institution, s.place, s.categories, "
    "s.capacity, s.booked "
    "FROM appointments a JOIN sessions s ON s.id = a.session_id "
    "JOIN residents r ON r.id = a.resident_id ";

static Appointment read_appointment(const sql::Stmt& s, const Vault& v) {
  Appointment a;
  a.id = s.i64(0);
  a.resident_id = s.i64(1);
  a.kind = *appointment_kind_from(s.text(2));
  a.status = *appointment_status_from(s.text(3));
  a.ticket = s.text(4);
  a.reason = s.opt_text(5);
  a.has_address = s.i64(6) != 0;
  a.channel = s.text(7);
  a.terminal = s.text(8);
  a.created_at = s.text(9);
  a.updated_at = s.text(10);
  a.id_masked = masked_id_of(v, s.blob_at(11));
  a.name_masked = s.text(12);
  a.session = read_session(s, 13);
  return a;
}

std::vector<Appointment> Reader::appointments_of(std::int64_t resident_id) {
  auto& s = db_.prep(std::string(kAppointmentSelect) +
                     "WHERE a.resident_id = ? ORDER BY s.date DESC, a.id DESC");
  s.bind_all(resident_id);
  std::vector<Appointment> out;
  while (s.step()) out.push_back(read_appointment(s, store_.vault()));
  return out;
}

std::vector<Appointment> Reader::appointments_between(const AppointmentFilter& f) {
  auto& s = db_.prep(std::string(kAppointmentSelect) +
                     "WHERE a.date BETWEEN ?1 AND ?2 AND (?3 = '' OR a.status = ?3) "
                     "AND (?4 = '' OR a.kind = ?4) ORDER BY s.date, s.start_time, a.kind, a.ticket LIMIT ?5");
  s.bind(1, f.from.str()).bind(2, f.to.str());
  s.bind(3, f.status ? std::string(to_string(*f.status)) : std::string());
  s.bind(4, f.kind ? std::string(to_string(*f.kind)) : std::string());
  s.bind(5, f.limit);
  std::vector<Appointment> out;
  while (s.step()) out.push_back(read_appointment(s, store_.vault()));
  return out;
}

int Reader::queue_ahead(const Appointment& a) {
  auto& s = db_.prep(
      "SELECT count(*) FROM appointments WHERE session_id = ? AND status = 'checked_in' AND ticket < ?");
  s.bind_all(a.session.id, a.ticket);
  s.step();
  int n = int(s.i64(0));
  s.reset();
  return n;
}

std::optional<Appointment> Reader::appointment(std::int64_t id) {
  auto& s = db_.prep(std::string(kAppointmentSelect) + "WHERE a.id = ?");
  s.bind_all(id);
  if (!s.step()) return std::nullopt;
  return read_appointment(s, store_.vault());
}

bool Reader::has_active(std::int64_t resident_id, AppointmentKind kind) {
  auto& s = db_.prep(
      "SELECT 1 FROM appointments WHERE resident_id = ? AND kind = ? "
      "AND status IN ('booked', 'checked_in', 'dispatched')");
  s.bind_all(resident_id, std::string(to_string(kind)));
  bool found = s.step();
  s.reset();
  return found;
}

std::vector<Application> Reader::applications_of(std::int64_t resident_id) {
  auto& s = db_.prep(
      "SELECT id, central_ref, resident_id, programme, status, stage_date, office, "
      "monthly_amount_fen, start_month, payout_account_masked, next_review, reason, applicant, "
      "agent_relation FROM applications WHERE resident_id = ? ORDER BY id");
  s.bind_all(resident_id);
  std::vector<Application> out;
  while (s.step()) {
    Application a;
    a.id = s.i64(0);
    a.central_ref = s.opt_text(1);
    a.resident_id = s.i64(2);
    a.programme = programme_from(s.text(3)).value_or(Programme::living_subsidy);
    a.status = application_status_from(s.text(4)).value_or(ApplicationStatus::applied);
    a.stage_date = s.text(5);
    a.office = s.text(6);
    if (!s.is_null(7)) a.monthly_amount_fen = s.i64(7);
    a.start_month = s.opt_text(8);
    a.payout_account_masked = s.opt_text(9);
    a.next_review = s.opt_text(10);
    a.reason = s.opt_text(11);
    a.applicant = s.text(12);
    a.agent_relation = s.opt_text(13);
    out.push_back(std::move(a));
  }
  auto& p = db_.prep(
      "SELECT period, amount_fen, paid_on FROM payments WHERE application_id = ? "
      "ORDER BY period DESC LIMIT 12");
  for (auto& a : out) {
    p.reset();
    p.bind_all(a.id);
    while (p.step()) a.payments.push_back(Payment{p.text(0), p.i64(1), p.text(2)});
  }
  return out;
}

std::vector<JobDoc> Reader::listable_jobs(Date today) {
  auto& s = db_.prep(
      "SELECT id, title, employer, description, district, job_type, categories, address "
      "FROM jobs WHERE review_status = 'approved' AND deadline >= ? ORDER BY id DESC");
  s.bind_all(today.str());
  std::vector<JobDoc> out;
  while (s.step()) {
    JobDoc d;
    d.id = s.i64(0);
    d.text = s.text(1) + " " + s.text(2) + " " + s.text(3) + " " + s.text(7);
    d.district = s.text(4);
    d.job_type = s.text(5);
    for (int c : split_ints(s.text(6))) d.categories_mask |= 1u << c;
    out.push_back(std::move(d));
  }
  return out;
}

static constexpr const char* kJobSelect =
    "SELECT id, central_ref, title, employer, places, salary_min, salary_max, hours, education, "
    "district, address, job_type, categories, levels, accessibility, physical_demands, "
    "board_lodging, training, mode, contact, description, deadline, review_status FROM jobs ";

static Job read_job(const sql::Stmt& s) {
  Job j;
  j.id = s.i64(0);
  j.central_ref = s.opt_text(1);
  j.title = s.text(2);
  j.employer = s.text(3);
  j.places = int(s.i64(4));
  if (!s.is_null(5)) j.salary_min = int(s.i64(5));
  if (!s.is_null(6)) j.salary_max = int(s.i64(6));
  j.hours = s.text(7);
  j.education = s.text(8);
  j.district = s.text(9);
  j.address = s.text(10);
  j.job_type = s.text(11);
  j.categories = split_ints(s.text(12));
  j.levels = split_ints(s.text(13));
  j.accessibility = split_words(s.text(14));
  j.physical_demands = s.text(15);
  j.board_lodging = s.text(16);
  j.training = s.text(17);
  j.mode = s.text(18);
  j.contact = s.text(19);
  j.description = s.text(20);
  j.deadline = Date::parse(s.text(21)).value_or(Date{});
  j.review_status = s.text(22);
  return j;
}

std::vector<Job> Reader::jobs_by_ids(const std::vector<std::int64_t>& ids) {
  std::vector<Job> out;
  auto& s = db_.prep(std::string(kJobSelect) + "WHERE id = ?");
  for (auto id : ids) {
    s.reset();
    s.bind_all(id);
    if (s.step()) out.push_back(read_job(s));
  }
  return out;
}

std::optional<Job> Reader::job(std::int64_t id) {
  auto v = jobs_by_ids({id});
  if (v.empty()) return std::nullopt;
  return v[0];
}

static std::vector<std::string> distinct(sql::Db& db, const char* sql, Date today) {
  auto& s = db.prep(sql);
  s.bind_all(today.str());
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::vector<std::string> Reader::job_districts(Date today) {
  return distinct(db_, "SELECT DISTINCT district FROM jobs WHERE review_status = 'approved' AND deadline >= ? ORDER BY district", today);
}
std::vector<std::string> Reader::job_types(Date today) {
  return distinct(db_, "SELECT DISTINCT job_type FROM jobs WHERE review_status = 'approved' AND deadline >= ? ORDER BY job_type", today);
}

std::optional<StaffCall> Reader::staff_call(std::int64_t id) {
  auto& s = db_.prep(
      "SELECT id, terminal, reason, status, created_at, acknowledged_at, acknowledged_by "
      "FROM staff_calls WHERE id = ?");
  s.bind_all(id);
  if (!s.step()) return std::nullopt;
  return StaffCall{s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.opt_text(5), s.opt_text(6)};
}

LockState Reader::lock_state(const std::string& id_hash) {
  auto& s = db_.prep("SELECT failures, locked_until FROM verification_failures WHERE id_hash = ?");
  s.blob(1, id_hash);
  if (!s.step()) return {};
  return LockState{int(s.i64(0)), s.opt_text(1)};
}

std::optional<std::string> Reader::meta(const std::string& key) {
  auto& s = db_.prep("SELECT value FROM meta WHERE key = ?");
  s.bind_all(key);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::int64_t Reader::count(const char* table) {
  auto& s = db_.prep(std::string("SELECT count(*) FROM ") + table);
  s.step();
  auto n = s.i64(0);
  s.reset();
  return n;
}

namespace {
std::int64_t to_int(const std::optional<std::string>& v) {
  try {
    return v && !v->empty() ? std::stoll(*v) : 0;
  } catch (const std::exception&) {
    return 0;
  }
}
}  // namespace

std::int64_t Reader::meta_int(const std::string& key) { return to_int(meta(key)); }

std::int64_t Reader::sync_backlog() {
  return std::max<std::int64_t>(0, outbox_last_seq() - meta_int("sync.acked_seq"));
}

std::int64_t Reader::outbox_last_seq() {
  auto& s = db_.prep("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
  std::int64_t last = s.step() ? s.i64(0) : 0;
  s.reset();
  return last;
}

std::vector<std::pair<std::string, std::int64_t>> Reader::appointment_counts() {
  auto& s = db_.prep("SELECT status, count(*) FROM appointments GROUP BY status ORDER BY status");
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (s.step()) out.emplace_back(s.text(0), s.i64(1));
  return out;
}

int Reader::schema_version() { return sql::user_version(db_); }

// ---------------------------------------------------------------------------------- Writer

std::int64_t Writer::add_resident(const NewResident& r) {
  const auto& v = store_.vault();
  auto now = store_.now_iso();
  // id_masked, phone_masked and sex stay empty (schema v4): they are derived from the sealed
  // values when read, so the file holds no digit of the ID number or phone in clear.
  auto& s = db_.prep(
      "INSERT INTO residents(id_hash, id_sealed, id_masked, name_sealed, name_masked, "
      "phone_sealed, phone_masked, sex, source, synthetic, created_at, updated_at, name_hash, "
      "verified_at, verified_by) VALUES (?, ?, '', ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?)");
  s.blob(1, v.lookup_hash(r.id_number)).blob(2, v.seal(r.id_number));
  // A first-time applicant who booked by keypad gave no name: staff confirm it in person.
  s.blob(3, v.seal(r.name)).bind(4, r.name.empty() ? std::string(kNamePending) : mask_name(r.name));
  if (r.phone) s.blob(5, v.seal(*r.phone));
  else s.bind(5, nullptr);
  s.bind(6, r.source).bind(7, r.synthetic ? 1 : 0).bind(8, now).bind(9, now);
  if (r.name.empty()) s.bind(10, nullptr);
  else s.blob(10, store_.name_hash(r.name));
  // Records from central and the demo data are verified; a kiosk registration is not.
  std::string by = !r.verified_by.empty() ? r.verified_by : r.source != "station" ? r.source : std::string();
  if (by.empty()) s.bind(11, nullptr).bind(12, nullptr);
  else s.bind(11, now).bind(12, by);
  s.run();
  return db_.last_id();
}

bool Writer::mark_verified(std::int64_t resident_id, const std::string& by) {
  return db_.prep("UPDATE residents SET verified_at = ?1, verified_by = ?2, updated_at = ?1 "
                  "WHERE id = ?3 AND verified_at IS NULL")
             .bind_all(store_.now_iso(), by, resident_id)
             .run() > 0;
}

void Writer::set_resident_name(std::int64_t resident_id, const std::string& name) {
  db_.prep("UPDATE residents SET name_sealed = ?, name_masked = ?, name_hash = ?, updated_at = ? WHERE id = ?")
      .blob(1, store_.vault().seal(name))
      .bind(2, mask_name(name))
      .blob(3, store_.name_hash(name))
      .bind(4, store_.now_iso())
      .bind(5, resident_id)
      .run();
}

void Writer::set_resident_phone(std::int64_t resident_id, const std::string& phone) {
  db_.prep("UPDATE residents SET phone_sealed = ?, phone_masked = NULL, updated_at = ? WHERE id = ?")
      .blob(1, store_.vault().seal(phone))
      .bind(2, store_.now_iso())
      .bind(3, resident_id)
      .run();
}

std::int64_t Writer::add_identity_flag(std::int64_t resident_id, const std::string& kind,
                                       const std::optional<std::string>& phone, const std::string& terminal) {
  auto& s = db_.prep(
      "INSERT INTO identity_flags(resident_id, kind, phone_sealed, terminal, created_at) VALUES (?, ?, ?, ?, ?)");
  s.bind(1, resident_id).bind(2, kind);
  if (phone) s.blob(3, store_.vault().seal(*phone));
  else s.bind(3, nullptr);
  s.bind(4, terminal).bind(5, store_.now_iso());
  s.run();
  return db_.last_id();
}

int Writer::resolve_identity_flags(std::int64_t resident_id, const std::string& by) {
  return db_.prep("UPDATE identity_flags SET resolved_at = ?, resolved_by = ? WHERE resident_id = ? AND resolved_at IS NULL")
      .bind_all(store_.now_iso(), by, resident_id)
      .run();
}

namespace {
// The "certificate.expiry" event (central's renewals due, docs/console.md): a certificate that is
// valid or expired is to be renewed; central counts it in the month its renewal window opens,
// computed here from the exact date with the station's own window (DOMAIN.md: configurable,
// 180 days by default): the month from which the station takes the renewal. A lost, frozen or
// cancelled one is not to be renewed: both months null.
json certificate_expiry_event(std::int64_t resident_id, const std::string& expires_on, std::string_view status,
                              int window_days) {
  const bool renewable = status == "valid" || status == "expired";
  auto expires = Date::parse(expires_on);
  if (!renewable || !expires) return {{"resident_id", resident_id}, {"expiry_month", nullptr}, {"due_month", nullptr}};
  return {{"resident_id", resident_id},
          {"expiry_month", expires->str().substr(0, 7)},
          {"due_month", expires->plus_days(-window_days).str().substr(0, 7)}};
}

constexpr const char* kWindowKey = "certificate_events.window_days";
}  // namespace

int Writer::renewal_window_days() {
  auto v = meta(kWindowKey);
  if (!v) return kDefaultRenewalWindowDays;
  try {
    return std::stoi(*v);
  } catch (const std::exception&) {
    return kDefaultRenewalWindowDays;
  }
}

std::int64_t Writer::add_certificate(const Certificate& c) {
  db_.prep(
         "INSERT INTO certificates(resident_id, category, level, replacement, issued_on, "
         "expires_on, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(c.resident_id, c.category, c.level, c.replacement, c.issued_on.str(),
                c.expires_on.str(), std::string(to_string(c.status)), store_.now_iso())
      .run();
  const std::int64_t id = db_.last_id();
  append_event("certificate.expiry", certificate_expiry_event(c.resident_id, c.expires_on.str(),
                                                              to_string(c.status), renewal_window_days()));
  return id;
}

namespace {
// Every resident's current certificate as its event, with `window_days`.
std::vector<json> current_certificate_events(sql::Db& db, int window_days) {
  std::vector<json> events;
  auto& s = db.prep(
      "SELECT c.resident_id, c.expires_on, c.status FROM certificates c "
      "WHERE c.id = (SELECT max(id) FROM certificates WHERE resident_id = c.resident_id) ORDER BY c.resident_id");
  while (s.step()) events.push_back(certificate_expiry_event(s.i64(0), s.text(1), s.text(2), window_days));
  s.reset();
  return events;
}
}  // namespace

int Writer::backfill_certificate_events() {
  if (meta("certificate_events.backfilled")) return 0;
  auto events = current_certificate_events(db_, renewal_window_days());
  for (const auto& e : events) append_event("certificate.expiry", e);
  set_meta("certificate_events.backfilled", store_.now_iso());
  return int(events.size());
}

int Writer::use_renewal_window(int days) {
  if (days == renewal_window_days()) {
    if (!meta(kWindowKey)) set_meta(kWindowKey, std::to_string(days));
    return 0;
  }
  auto events = current_certificate_events(db_, days);
  for (const auto& e : events) append_event("certificate.expiry", e);
  set_meta(kWindowKey, std::to_string(days));
  return int(events.size());
}

std::int64_t Writer::upsert_session(const PlannedSession& p, const char* source) {
  auto& s = db_.prep(
      "INSERT INTO sessions(date, kind, start_time, end_time, institution, place, categories, "
      "capacity, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(date, kind) DO UPDATE SET start_time = excluded.start_time, "
      "end_time = excluded.end_time, institution = excluded.institution, place = excluded.place, "
      "categories = excluded.categories, capacity = excluded.capacity, source = excluded.source "
      "RETURNING id");
  s.bind_all(p.date.str(), std::string(to_string(p.kind)), p.start, p.end, p.institution, p.place,
             join_ints(p.categories), p.capacity, source);
  s.step();
  auto id = s.i64(0);
  s.reset();
  return id;
}

Writer::BookOutcome Writer::book(std::int64_t resident_id, AppointmentKind kind, Date date,
                                 const Booking& b, std::int64_t* id) {
  // The transaction holds the write lock (BEGIN IMMEDIATE), so check-then-write cannot race;
  // the partial unique index and the guarded UPDATE are the database's own safety nets.
  if (has_active(resident_id, kind)) return BookOutcome::already_booked;
  auto sess = session(date, kind);
  if (!sess) return BookOutcome::no_session;
  auto& take = db_.prep(
      "UPDATE sessions SET booked = booked + 1, next_ticket = next_ticket + 1 "
      "WHERE id = ? AND booked < capacity RETURNING next_ticket - 1");
  take.bind_all(sess->id);
  if (!take.step()) return BookOutcome::day_full;
  int number = int(take.i64(0));
  take.reset();
  char ticket[16];
  std::snprintf(ticket, sizeof ticket, "%c%03d", ticket_prefix(kind), number);
  auto now = store_.now_iso();
  auto& ins = db_.prep(
      "INSERT INTO appointments(resident_id, session_id, kind, date, ticket, status, "
      "address_sealed, reason, channel, terminal, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?, ?)");
  ins.bind_all(resident_id, sess->id, std::string(to_string(kind)), date.str(), std::string(ticket));
  if (b.address) ins.blob(6, store_.vault().seal(*b.address));
  else ins.bind(6, nullptr);
  ins.bind(7, b.reason).bind(8, b.channel).bind(9, b.terminal).bind(10, now).bind(11, now);
  ins.run();
  *id = db_.last_id();
  return BookOutcome::booked;
}

bool Writer::set_status(std::int64_t appointment_id, AppointmentStatus to) {
  auto a = appointment(appointment_id);
  if (!a) return false;
  db_.prep("UPDATE appointments SET status = ?, updated_at = ? WHERE id = ?")
      .bind_all(std::string(to_string(to)), store_.now_iso(), appointment_id)
      .run();
  if (is_active(a->status) && !is_active(to))
    db_.prep("UPDATE sessions SET booked = booked - 1 WHERE id = ? AND booked > 0")
        .bind_all(a->session.id)
        .run();
  return true;
}

std::int64_t Writer::add_application(const Application& a) {
  auto now = store_.now_iso();
  auto& s = db_.prep(
      "INSERT INTO applications(central_ref, resident_id, programme, status, stage_date, office, "
      "monthly_amount_fen, start_month, payout_account_masked, next_review, reason, applicant, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, a.central_ref).bind(2, a.resident_id).bind(3, std::string(to_string(a.programme)));
  s.bind(4, std::string(to_string(a.status))).bind(5, a.stage_date).bind(6, a.office);
  if (a.monthly_amount_fen) s.bind(7, *a.monthly_amount_fen);
  else s.bind(7, nullptr);
  s.bind(8, a.start_month).bind(9, a.payout_account_masked).bind(10, a.next_review);
  s.bind(11, a.reason).bind(12, a.applicant).bind(13, now).bind(14, now);
  s.run();
  return db_.last_id();
}

void Writer::add_payment(std::int64_t application_id, const Payment& p) {
  db_.prep(
         "INSERT INTO payments(application_id, period, amount_fen, paid_on) VALUES (?, ?, ?, ?) "
         "ON CONFLICT(application_id, period) DO UPDATE SET amount_fen = excluded.amount_fen, "
         "paid_on = excluded.paid_on")
      .bind_all(application_id, p.period, p.amount_fen, p.paid_on)
      .run();
}

std::int64_t Writer::upsert_job(const Job& j) {
  auto& s = db_.prep(
      "INSERT INTO jobs(central_ref, title, employer, places, salary_min, salary_max, hours, "
      "education, district, address, job_type, categories, levels, accessibility, "
      "physical_demands, board_lodging, training, mode, contact, description, deadline, "
      "review_status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(central_ref) DO UPDATE SET title = excluded.title, employer = excluded.employer, "
      "places = excluded.places, salary_min = excluded.salary_min, salary_max = excluded.salary_max, "
      "hours = excluded.hours, education = excluded.education, district = excluded.district, "
      "address = excluded.address, job_type = excluded.job_type, categories = excluded.categories, "
      "levels = excluded.levels, accessibility = excluded.accessibility, "
      "physical_demands = excluded.physical_demands, board_lodging = excluded.board_lodging, "
      "training = excluded.training, mode = excluded.mode, contact = excluded.contact, "
      "description = excluded.description, deadline = excluded.deadline, "
      "review_status = excluded.review_status, updated_at = excluded.updated_at RETURNING id");
  s.bind(1, j.central_ref).bind(2, j.title).bind(3, j.employer).bind(4, j.places);
  if (j.salary_min) s.bind(5, *j.salary_min);
  else s.bind(5, nullptr);
  if (j.salary_max) s.bind(6, *j.salary_max);
  else s.bind(6, nullptr);
  s.bind(7, j.hours).bind(8, j.education).bind(9, j.district).bind(10, j.address);
  s.bind(11, j.job_type).bind(12, join_ints(j.categories)).bind(13, join_ints(j.levels));
  s.bind(14, join_words(j.accessibility)).bind(15, j.physical_demands).bind(16, j.board_lodging);
  s.bind(17, j.training).bind(18, j.mode).bind(19, j.contact).bind(20, j.description);
  s.bind(21, j.deadline.str()).bind(22, j.review_status).bind(23, store_.now_iso());
  s.step();
  auto id = s.i64(0);
  s.reset();
  store_.bump_jobs_generation();
  return id;
}

std::int64_t Writer::add_interest(std::int64_t job_id, std::optional<std::int64_t> resident_id,
                                  const std::optional<std::string>& name,
                                  const std::optional<std::string>& phone,
                                  const std::string& terminal) {
  auto& s = db_.prep(
      "INSERT INTO job_interests(job_id, resident_id, name_sealed, phone_sealed, phone_masked, "
      "terminal, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, job_id);
  if (resident_id) s.bind(2, *resident_id);
  else s.bind(2, nullptr);
  if (name) s.blob(3, store_.vault().seal(*name));
  else s.bind(3, nullptr);
  if (phone) s.blob(4, store_.vault().seal(*phone)).bind(5, nullptr);  // masked on read (v4)
  else s.bind(4, nullptr).bind(5, nullptr);
  s.bind(6, terminal).bind(7, store_.now_iso());
  s.run();
  return db_.last_id();
}

std::int64_t Writer::add_staff_call(const std::string& terminal, const std::string& reason) {
  db_.prep("INSERT INTO staff_calls(terminal, reason, created_at) VALUES (?, ?, ?)")
      .bind_all(terminal, reason, store_.now_iso())
      .run();
  return db_.last_id();
}

bool LockState::locked_at(std::chrono::system_clock::time_point now) const {
  if (!locked_until) return false;
  auto until = parse_iso_utc(*locked_until);
  return until && *until > now;
}

LockState LockState::after_failure(std::chrono::system_clock::time_point now, int max, int lock_minutes) const {
  LockState st = locked_until && !locked_at(now) ? LockState{} : *this;
  st.failures += 1;
  if (st.failures >= max) st.locked_until = iso_utc(now + std::chrono::minutes(lock_minutes));
  return st;
}

LockState Writer::record_failure(const std::string& id_hash, int max, int lock_minutes) {
  auto now = store_.clock().now();
  LockState st = lock_state(id_hash).after_failure(now, max, lock_minutes);
  auto& s = db_.prep(
      "INSERT INTO verification_failures(id_hash, failures, first_at, locked_until) "
      "VALUES (?, ?, ?, ?) ON CONFLICT(id_hash) DO UPDATE SET failures = excluded.failures, "
      "locked_until = excluded.locked_until");
  s.blob(1, id_hash).bind(2, st.failures).bind(3, iso_utc(now)).bind(4, st.locked_until);
  s.run();
  return st;
}

void Writer::clear_failures(const std::string& id_hash) {
  db_.prep("DELETE FROM verification_failures WHERE id_hash = ?").blob(1, id_hash).run();
}

std::int64_t Writer::append_event(const std::string& type, const json& payload) {
  db_.prep("INSERT INTO outbox(event_id, type, payload, created_at) VALUES (?, ?, ?, ?)")
      .bind(1, random_hex(16))
      .bind(2, type)
      .blob(3, store_.vault().seal(payload.dump(-1, ' ', false, json::error_handler_t::replace)))
      .bind(4, store_.now_iso())
      .run();
  return db_.last_id();
}

void Writer::set_meta(const std::string& key, const std::string& value) {
  db_.prep("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind_all(key, value)
      .run();
}

}  // namespace tx::station
