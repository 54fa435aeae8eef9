// The station's SQLite store: the only place with station SQL (STYLE.md 8).
//
//   store.read([&](Reader& r) { ... });   // a consistent snapshot (deferred transaction)
//   store.write([&](Writer& w) { ... });  // one IMMEDIATE transaction: all or nothing
//
// Every business change a Writer makes that the central server must learn about goes through
// append_event() in the same transaction (the sync outbox, SYNC.md). Personal data is sealed
// with the Vault; look-ups use keyed hashes.
#pragma once
#include <atomic>
#include <mutex>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/secrets.h"
#include "domain/appointment.h"
#include "domain/calendar.h"
#include "domain/certificate.h"
#include "domain/date.h"
#include "domain/job_search.h"
#include "domain/subsidy.h"
#include "station/audit.h"
#include "store/sqlite.h"

namespace tx::station {

std::span<const sql::Migration> station_migrations();

// The masked ID number, masked phone and sex are derived from the sealed values when a row is
// read (schema v4): the file keeps none of them in clear, so a copy without the vault key gives
// no digit of an ID number or of a phone (docs/security.md).
struct Resident {
  std::int64_t id = 0;
  std::string id_masked, name_masked;
  std::optional<std::string> phone_masked;
  std::optional<std::string> sex;
  std::string source;
  // verified_at: when staff checked the ID card (or the record came from central or the demo
  // data). A first-time applicant registered at a kiosk is unverified until then.
  std::optional<std::string> verified_at, verified_by;
  int open_flags = 0;  // unresolved identity flags (a second, different phone for this ID)
  bool verified() const { return verified_at.has_value(); }
};

// IdentityFlag: something staff must look at before trusting a registration — a first-time
// booking for this ID number with a different phone than the one on record.
struct IdentityFlag {
  std::int64_t id = 0, resident_id = 0;
  std::string kind;  // second_phone
  std::optional<std::string> phone_masked;  // of the other phone (derived from the sealed one)
  std::string terminal, created_at;
  std::optional<std::string> resolved_at, resolved_by;
};

struct Certificate {
  std::int64_t id = 0;
  std::int64_t resident_id = 0;
  int category = 0, level = 0, replacement = 0;
  Date issued_on, expires_on;
  CertificateStatus status = CertificateStatus::valid;
};

struct Session {
  std::int64_t id = 0;
  Date date;
  AppointmentKind kind = AppointmentKind::first_assessment;
  std::string start, end, institution, place, categories;
  int capacity = 0, booked = 0;
  int left() const { return capacity > booked ? capacity - booked : 0; }
};

struct Appointment {
  std::int64_t id = 0;
  std::int64_t resident_id = 0;
  AppointmentKind kind = AppointmentKind::first_assessment;
  AppointmentStatus status = AppointmentStatus::booked;
  std::string ticket;
  Session session;
  std::optional<std::string> reason;
  bool has_address = false;
  std::string channel, terminal, created_at, updated_at;
  std::string id_masked, name_masked;
};

struct Payment {
  std::string period;  // YYYY-MM
  std::int64_t amount_fen = 0;
  std::string paid_on;
};

struct Application {
  std::int64_t id = 0;
  std::optional<std::string> central_ref;
  std::int64_t resident_id = 0;
  Programme programme = Programme::living_subsidy;
  ApplicationStatus status = ApplicationStatus::applied;
  std::string stage_date, office;
  std::optional<std::int64_t> monthly_amount_fen;
  std::optional<std::string> start_month, payout_account_masked, next_review, reason;
  std::string applicant = "self";
  std::optional<std::string> agent_relation;  // when an agent applied: guardian, relative, …
  std::vector<Payment> payments;  // newest first
};

struct Job {
  std::int64_t id = 0;
  std::optional<std::string> central_ref;
  std::string title, employer;
  int places = 1;
  std::optional<int> salary_min, salary_max;
  std::string hours, education, district, address, job_type = "other";
  std::vector<int> categories, levels;
  std::vector<std::string> accessibility;
  std::string physical_demands, board_lodging, training, mode = "proportional", contact, description;
  Date deadline;
  std::string review_status = "approved";
};

struct StaffCall {
  std::int64_t id = 0;
  std::string terminal, reason, status, created_at;
  std::optional<std::string> acknowledged_at, acknowledged_by;
};

// Shown instead of a masked name for first-time applicants who booked at the kiosk by keypad
// (digits only, no Chinese input): staff take the name when they meet the resident.
inline constexpr const char* kNamePending = "（姓名待核对）";

struct NewResident {
  std::string id_number;  // validated, normalised
  std::string name;       // empty: not given yet (kNamePending is shown)
  std::optional<std::string> phone;
  std::optional<std::string> sex;  // "M"/"F"
  std::string source = "station";
  bool synthetic = false;
  // verified_by: who checked the ID card ("staff:<user>"); residents from central and the demo
  // data count as verified ("central", "demo"); empty for a kiosk registration (unverified).
  std::string verified_by;
};

// LockState: failed attempts at one thing (an ID number's checks, a staff account's logins).
struct LockState {
  int failures = 0;
  std::optional<std::string> locked_until;  // ISO UTC
  // locked_at: true while a lock runs (an unreadable time counts as none).
  bool locked_at(std::chrono::system_clock::time_point now) const;
  // after_failure: the state after one more failure. A lock that has run out starts a fresh
  // count; the `max`-th failure locks for `lock_minutes`.
  LockState after_failure(std::chrono::system_clock::time_point now, int max, int lock_minutes) const;
};

// ---- Staff, sessions, desk work and audit (staff_store.cpp, audit_store.cpp) ----

struct StaffAccount {
  std::int64_t id = 0;
  std::string username, display_name, role, status, pin_hash;
  int failures = 0;
  std::optional<std::string> locked_until, last_login_at;
  bool must_change_pin = true;
  std::string created_at;
};

struct StaffSessionRow {
  std::int64_t id = 0, staff_id = 0;
  std::string terminal, created_at, last_seen;
  std::optional<std::string> ended_at, end_reason;
};

// Agent: someone applying for a resident (guardian, relative, village committee, other).
struct Agent {
  std::string relation;  // guardian | relative | village_committee | other
  std::string name;
  std::optional<std::string> phone;      // validated digits
  std::optional<std::string> id_number;  // validated, normalised
};

struct DeskApplication {
  std::int64_t resident_id = 0;
  Programme programme = Programme::living_subsidy;
  std::optional<Agent> agent;
  std::optional<std::string> note;  // sealed at rest
  std::string registered_by, terminal;
  std::string stage_date;  // the station's local day ("YYYY-MM-DD"), not the UTC one
};

struct ChangeReport {
  std::int64_t id = 0, resident_id = 0;
  std::string change_type;  // address | household | income | death | guardian | contact | other
  std::optional<std::string> programme;
  std::optional<Agent> agent;        // in: full; out: name/phone masked
  std::optional<std::string> details;  // sealed at rest; out: not filled (reveal only)
  std::string status = "registered", registered_by, terminal, created_at;
};

struct InterestRow {
  std::int64_t id = 0, job_id = 0;
  std::string job_title, employer;
  std::optional<std::int64_t> resident_id;
  std::string name_masked;
  std::optional<std::string> phone_masked;
  std::string terminal, status, created_at;
  std::optional<std::string> updated_at, handled_by;
};

struct RenewalRow {
  Resident resident;
  Certificate certificate;
  bool renewal_booked = false;
};

struct AppointmentFilter {
  Date from, to;
  std::optional<AppointmentStatus> status;
  std::optional<AppointmentKind> kind;
  int limit = 500;
};

struct AuditFilter {
  std::int64_t before_seq = 0;  // 0: newest
  std::string action;           // empty: all
  std::optional<std::string> subject_hash;
  int limit = 100;
};

struct OutboxEvent {
  std::int64_t seq = 0;
  std::string event_id, type, created_at;
  nlohmann::json payload;
};

class Store;

class Reader {
 public:
  Reader(Store& s, sql::Db& db) : store_(s), db_(db) {}

  std::optional<std::int64_t> resident_id_by_number(const std::string& id_number);
  std::optional<Resident> resident(std::int64_t id);
  // Decrypted personal data: only for verification, printing and sync, never for logs.
  std::optional<std::string> resident_phone(std::int64_t id);
  std::optional<std::string> resident_id_number(std::int64_t id);
  std::optional<std::string> resident_name(std::int64_t id);
  // resident_id_hash: the keyed hash of the resident's ID number (audit subject).
  std::optional<std::string> resident_id_hash(std::int64_t id);
  std::optional<Certificate> certificate_of(std::int64_t resident_id);  // the newest one
  std::vector<IdentityFlag> identity_flags(std::int64_t resident_id);   // newest first

  std::vector<Session> sessions(Date from, Date to);
  std::optional<Session> session(Date date, AppointmentKind kind);

  std::vector<Appointment> appointments_of(std::int64_t resident_id);
  std::optional<Appointment> appointment(std::int64_t id);
  bool has_active(std::int64_t resident_id, AppointmentKind kind);

  std::vector<Application> applications_of(std::int64_t resident_id);

  // listable_jobs: reviewed listings whose deadline is today or later, newest first.
  std::vector<JobDoc> listable_jobs(Date today);
  std::vector<Job> jobs_by_ids(const std::vector<std::int64_t>& ids);  // in the given order
  std::optional<Job> job(std::int64_t id);
  std::vector<std::string> job_districts(Date today);
  std::vector<std::string> job_types(Date today);

  std::optional<StaffCall> staff_call(std::int64_t id);
  LockState lock_state(const std::string& id_hash);

  std::optional<std::string> meta(const std::string& key);
  // meta_int: a numeric meta value (sync positions); 0 when missing or not a number.
  std::int64_t meta_int(const std::string& key);
  // outbox_last_seq: the highest outbox sequence ever given out. Sequences are contiguous
  // (AUTOINCREMENT; only acknowledged events are deleted), so the sync backlog is
  // outbox_last_seq() − meta_int("sync.acked_seq") (sync_backlog), not a count over the outbox.
  std::int64_t outbox_last_seq();
  // sync_backlog: events recorded and not yet acknowledged by the central server.
  std::int64_t sync_backlog();
  std::int64_t count(const char* table);  // for tests, status and metrics: a fixed table name
  // appointment_counts: appointments by status (metrics).
  std::vector<std::pair<std::string, std::int64_t>> appointment_counts();
  // schema_version: PRAGMA user_version.
  int schema_version();

  // -- staff and desk work (staff_store.cpp)
  std::optional<StaffAccount> staff_by_username(const std::string& username);
  std::optional<StaffAccount> staff_by_id(std::int64_t id);
  std::vector<StaffAccount> staff_accounts();
  std::optional<StaffSessionRow> session_by_token_hash(const std::string& token_hash);
  // residents_by_name: exact (trimmed) name match through the keyed name hash.
  std::vector<std::int64_t> residents_by_name(const std::string& name, int limit);
  std::vector<Appointment> appointments_between(const AppointmentFilter& f);
  // queue_ahead: checked-in arrivals of the same session with a lower ticket, still waiting.
  int queue_ahead(const Appointment& a);
  std::optional<std::string> appointment_address(std::int64_t appointment_id);
  bool has_open_application(std::int64_t resident_id, Programme p);
  std::vector<ChangeReport> change_reports_of(std::int64_t resident_id);
  std::vector<InterestRow> interests(const std::string& status, std::optional<std::int64_t> resident_id, int limit);
  std::optional<InterestRow> interest(std::int64_t id);
  // interest_contact: the sealed name and phone of an interest (its resident's when registered).
  std::pair<std::optional<std::string>, std::optional<std::string>> interest_contact(std::int64_t id);
  // renewal_candidates: residents whose newest certificate (valid or expired) expires on or
  // before `until`, soonest first.
  std::vector<RenewalRow> renewal_candidates(Date until, int limit, int offset);
  std::vector<StaffCall> staff_calls(const std::string& status, int limit);

  // -- audit (audit_store.cpp)
  std::vector<AuditRow> audit_rows(const AuditFilter& f);
  AuditCheck verify_audit();

 protected:
  // opened: the sealed blob that `sql` (one `?` for the id) selects, opened with the vault.
  std::optional<std::string> opened(const char* sql, std::int64_t id);
  Store& store_;
  sql::Db& db_;
};

class Writer : public Reader {
 public:
  using Reader::Reader;

  std::int64_t add_resident(const NewResident& r);
  // mark_verified: staff checked the ID card (no change when already verified). Returns
  // true when the resident was unverified.
  bool mark_verified(std::int64_t resident_id, const std::string& by);
  // set_resident_name / set_resident_phone: sealed (and the name's look-up hash).
  void set_resident_name(std::int64_t resident_id, const std::string& name);
  void set_resident_phone(std::int64_t resident_id, const std::string& phone);
  std::int64_t add_identity_flag(std::int64_t resident_id, const std::string& kind,
                                 const std::optional<std::string>& phone, const std::string& terminal);
  // resolve_identity_flags: closes every open flag of the resident; returns how many.
  int resolve_identity_flags(std::int64_t resident_id, const std::string& by);
  // add_certificate: the resident's new current certificate, and its "certificate.expiry" event
  // for central's renewals due (docs/console.md): the resident's id, the month it expires and the
  // month its renewal window opens (the station's own window, renewal_window_days(); both null
  // when it is not to be renewed: lost, frozen, cancelled). No other personal data.
  std::int64_t add_certificate(const Certificate& c);
  // backfill_certificate_events: once per database (meta "certificate_events.backfilled"), the
  // same event for every resident's current certificate written before add_certificate sent
  // them. Returns how many were appended (0 after the first time).
  int backfill_certificate_events();
  // renewal_window_days: the window the certificate events are computed with (meta
  // "certificate_events.window_days", recorded by use_renewal_window; DOMAIN.md's 180 before),
  // so every process writing certificates (stationd, tongxing-ctl) uses the station's window.
  int renewal_window_days();
  // use_renewal_window: records the station's [booking] renewal_window_days; when it differs
  // from the recorded one, sends the event again for every resident's current certificate, so
  // central moves each resident to the month the new window opens. Returns how many were sent.
  int use_renewal_window(int days);
  // upsert_session: creates the session or updates its times, place and capacity (booked
  // places are kept even if the new capacity is lower: nobody loses a booking).
  std::int64_t upsert_session(const PlannedSession& s, const char* source);

  enum class BookOutcome { booked, no_session, day_full, already_booked };
  struct Booking {
    std::optional<std::string> address;
    std::optional<std::string> reason;
    std::string channel = "kiosk", terminal;
  };
  // book: takes a place in the (date, kind) session and writes the appointment; on success
  // *id holds the new appointment id. The caller appends the outbox event.
  BookOutcome book(std::int64_t resident_id, AppointmentKind kind, Date date, const Booking& b,
                   std::int64_t* id);
  // set_status: applies a legal transition (the caller checks legality); frees the place when
  // the appointment stops being active. Returns false if the appointment does not exist.
  bool set_status(std::int64_t appointment_id, AppointmentStatus to);

  std::int64_t add_application(const Application& a);
  void add_payment(std::int64_t application_id, const Payment& p);
  std::int64_t upsert_job(const Job& j);
  std::int64_t add_interest(std::int64_t job_id, std::optional<std::int64_t> resident_id,
                            const std::optional<std::string>& name,
                            const std::optional<std::string>& phone, const std::string& terminal);
  std::int64_t add_staff_call(const std::string& terminal, const std::string& reason);

  // record_failure: counts a failed verification for `id_hash`; locks it for `lock_minutes`
  // when `max` is reached. Returns the new state.
  LockState record_failure(const std::string& id_hash, int max, int lock_minutes);
  void clear_failures(const std::string& id_hash);

  // -- staff and desk work (staff_store.cpp)
  std::int64_t add_staff(const std::string& username, const std::string& display_name,
                         const std::string& role, const std::string& pin_hash, bool must_change);
  // set_staff_pin: new hash; clears failures and any lock.
  void set_staff_pin(std::int64_t id, const std::string& pin_hash, bool must_change);
  void set_staff_status(std::int64_t id, const std::string& status);
  void set_staff_failures(std::int64_t id, int failures, const std::optional<std::string>& locked_until);
  void staff_logged_in(std::int64_t id);
  std::int64_t add_session(const std::string& token_hash, std::int64_t staff_id, const std::string& terminal);
  void touch_session(std::int64_t id);
  void end_session(std::int64_t id, const std::string& reason);
  int end_sessions_of(std::int64_t staff_id, const std::string& reason);
  // purge_sessions: deletes sessions that ended (or went idle) before `before` (ISO).
  int purge_sessions(const std::string& before);
  // update_staff_call: open → acknowledged → closed; false when the call does not exist.
  bool update_staff_call(std::int64_t id, const std::string& status, const std::string& by);
  void set_interest_status(std::int64_t id, const std::string& status, const std::string& by);
  std::int64_t add_desk_application(const DeskApplication& a);
  std::int64_t add_change_report(const ChangeReport& r);

  // -- audit (audit_store.cpp)
  // append_audit: the next link of the chain (and meta 'audit.head'); returns its sequence.
  std::int64_t append_audit(const Actor& by, const AuditRecord& rec);

  // append_event: writes one outbox event (payload sealed at rest); returns its sequence.
  std::int64_t append_event(const std::string& type, const nlohmann::json& payload);
  // set_meta: writes one meta value as it is. The sync positions ("sync.acked_seq", "sync.cursor")
  // are moved through move_position in services/sync, which also audits each move.
  void set_meta(const std::string& key, const std::string& value);
};

class Store {
 public:
  // Opens (creating and migrating) the database. `vault` seals personal data.
  Store(const std::string& path, Vault vault, const Clock& clock, std::size_t connections = 8,
        const sql::Options& opt = {});

  // read / write: one transaction with a Reader / Writer. A library with SQL of its own (the
  // sync engine) passes its subclass as R / W and gets the same transaction rules.
  template <class R = Reader, class F>
  auto read(F&& f) {
    auto db = pool_.lease();
    sql::Tx tx(*db, sql::Tx::Mode::deferred);
    R r(*this, *db);
    return f(r);
  }
  template <class W = Writer, class F>
  auto write(F&& f) {
    // Writers of this process queue on a mutex rather than in SQLite's busy handler, which
    // sleeps in whole milliseconds: with an audit row for every view, many requests write, and
    // the sleeps showed as a 3–4 ms p99 (docs/benchmarks.md). Other processes (tongxing-ctl)
    // still meet the busy timeout. A write inside a write would wait for itself: a bug.
    if (t_writing_) throw std::logic_error("Store::write inside Store::write: finish one transaction first");
    std::lock_guard writing(write_mu_);
    t_writing_ = true;
    struct Clear {
      ~Clear() { t_writing_ = false; }
    } clear;
    auto db = pool_.lease();
    sql::Tx tx(*db, sql::Tx::Mode::immediate);
    W w(*this, *db);
    if constexpr (std::is_void_v<decltype(f(w))>) {
      f(w);
      check_injected_fault();
      tx.commit();
    } else {
      auto result = f(w);
      check_injected_fault();
      tx.commit();
      return result;
    }
  }

  // Fault injection (tests, STYLE.md 9): the next `n` write transactions fail at commit with
  // StorageError as if the disk were full, and roll back.
  void inject_write_failures(int n) { injected_failures_ = n; }

  const Vault& vault() const { return vault_; }
  // name_hash: the keyed look-up hash of a (trimmed, validated) name.
  std::string name_hash(const std::string& name) const { return name_hash_in(vault_, name); }
  static std::string name_hash_in(const Vault& v, const std::string& name) { return v.lookup_hash("name:" + name); }
  const Clock& clock() const { return clock_; }
  std::string now_iso() const;
  sql::Pool& pool() { return pool_; }
  // jobs_generation: bumped whenever listings change, so the search index knows to rebuild.
  std::uint64_t jobs_generation() const { return jobs_generation_.load(); }
  void bump_jobs_generation() { ++jobs_generation_; }

 private:
  Vault vault_;
  const Clock& clock_;
  sql::Pool pool_;
  void check_injected_fault() {
    if (injected_failures_.load() > 0 && injected_failures_-- > 0)
      throw StorageError("injected fault: database or disk is full");
  }
  std::atomic<std::uint64_t> jobs_generation_{1};
  std::atomic<int> injected_failures_{0};
  std::mutex write_mu_;
  static inline thread_local bool t_writing_ = false;
};

// verify_audit_chain: walks the audit log of an open database (read-only is enough) and
// reports the first broken link. Used by the store and by `tongxing-ctl audit verify`.
AuditCheck verify_audit_chain(sql::Db& db, const Vault& vault);

// Row helpers shared by store.cpp and staff_store.cpp: the resident columns (alias r) and their
// reading, which derives the masked forms and sex from the sealed values.
inline constexpr const char* kResidentCols =
    "r.id, r.id_sealed, r.name_masked, r.phone_sealed, r.source, r.verified_at, r.verified_by, "
    "(SELECT count(*) FROM identity_flags f WHERE f.resident_id = r.id AND f.resolved_at IS NULL)";
inline constexpr int kResidentColCount = 8;
Resident read_resident(const sql::Stmt& s, int at, const Vault& v);
std::string masked_id_of(const Vault& v, const std::string& id_sealed);
std::optional<std::string> masked_phone_of(const Vault& v, const sql::Stmt& s, int col);

// Helpers shared with the API layer.
std::string join_ints(const std::vector<int>& v);
std::vector<int> split_ints(const std::string& s);

}  // namespace tx::station
