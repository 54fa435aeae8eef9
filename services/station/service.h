// The station's business rules over the store: identity checks with lock-out, booking,
// cancelling, subsidy status, job search, interest registration and calls for staff.
// Expected failures throw tx::ApiError (caught in one place by the HTTP layer; a throw inside
// store.write() also rolls the transaction back, so a refused request changes nothing).
#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/rate_limit.h"
#include "domain/job_search.h"
#include "station/audit.h"
#include "station/config.h"
#include "station/store.h"

namespace tx::station {

// Who is asking: a registered resident (id_number + phone_last4) or a first-time applicant
// (id_number + name + phone).
struct Identity {
  std::string id_number;
  std::optional<std::string> phone_last4;
  std::optional<std::string> name;
  std::optional<std::string> phone;
};

struct BookRequest {
  std::string kind;
  std::string date;
  Identity who;
  std::optional<std::string> address;
  std::optional<std::string> reason;
  std::string channel = "kiosk";
  std::string terminal;
};

struct Verified {
  std::int64_t resident_id = 0;
  std::string id_number;  // normalised
};

struct JobSearch {
  std::string q, district, job_type;
  int category = 0;
  int page = 1, page_size = 20;
};

struct JobPage {
  std::vector<Job> jobs;
  std::size_t total = 0;
};

class StationService {
 public:
  StationService(StationConfig cfg, Store& store);

  const StationConfig& config() const { return cfg_; }
  Store& store() { return store_; }
  Date today() const;

  // plan_local_sessions: creates the configured sessions for [today, today + horizon] that do
  // not exist yet (existing ones, e.g. capacity shares from central, are left alone).
  int plan_local_sessions();

  std::vector<Session> assessment_days(const std::string& from, const std::string& to,
                                       const std::string& kind);

  // verify: the resident behind id_number + phone_last4. Throws invalid_id_number,
  // invalid_field (phone_last4), verification_failed (the same for an unknown ID, wrong digits
  // and a running lock: nothing tells them apart), or rate_limited (too many requests for one
  // ID number). The lock is checked, the digits compared and the failure counted in one write
  // transaction. Failures and lock-outs are audited.
  Verified verify(const std::string& id_number, const std::string& phone_last4, const Actor& by = {});

  // Resident self-service. Every view and change of personal data is audited with `by`
  // (a resident at a kiosk terminal).
  Appointment book(const BookRequest& r);
  std::vector<Appointment> appointments(const Identity& who, const Actor& by = {});
  Appointment cancel(std::int64_t appointment_id, const Identity& who, const Actor& by = {});

  // subsidies: every application of the verified resident; *as_of is when the data was last
  // brought from the central server (or created locally). An unverified registration (a kiosk
  // registration whose ID card staff have not checked) gets identity_unverified.
  std::vector<Application> subsidies(const Identity& who, std::string* as_of, const Actor& by = {});

  // book_as: the booking rules (kind, date window, home-visit address and reason, certificate,
  // capacity, one active appointment per kind) for an already identified resident — v from
  // verify(), or from staff who checked the ID card (resident_id 0: register r.who.name and
  // r.who.phone first). Outbox events and the audit row go in the same transaction as the
  // booking; `extra` (may be empty) runs first in that transaction (a reschedule releases the
  // old appointment there). Returns the new appointment.
  Appointment book_as(const BookRequest& r, const Verified& v, const Actor& by,
                      const std::function<void(Writer&)>& extra = {});
  // check_booking_request: validates kind, date and home-visit fields; throws ApiError.
  void check_booking_request(const BookRequest& r, AppointmentKind* kind, Date* date) const;

  JobPage jobs(const JobSearch& s);
  // warm_up: builds the job search index now (at start), so no resident waits for it.
  void warm_up() { job_index(); }
  std::optional<Job> job(std::int64_t id);
  std::int64_t register_interest(std::int64_t job_id, const Identity& who, const std::string& terminal);

  StaffCall call_staff(const std::string& terminal, const std::string& reason);
  std::optional<StaffCall> staff_call(std::int64_t id);

  // Staff calls change (created, acknowledged, closed): a counter staff screens wait on, so a
  // call appears on every staff screen well within 2 seconds without busy polling.
  std::uint64_t calls_version() const;
  void calls_changed();
  // wait_calls: returns as soon as calls_version() != since, or after `limit`.
  std::uint64_t wait_calls(std::uint64_t since, std::chrono::milliseconds limit);

  // Facts about a resident for slips and the kiosk: certificate, whether renewal is due, minor.
  // facts() and facts_for() leave the certificate out for an unverified registration; the
  // staff desk's facts_in() shows it.
  struct ResidentFacts {
    Resident resident;
    std::optional<Certificate> certificate;
    bool renewal_due = false;
    bool minor = false;
  };
  ResidentFacts facts(std::int64_t resident_id);
  // facts_in: the same, inside a transaction the caller holds (the staff desk's resident card).
  ResidentFacts facts_in(Reader& r, std::int64_t resident_id, Date today) const;
  ResidentFacts facts_for(const Identity& who, const Actor& by = {});
  // mark_verified_in: staff checked the ID card of this resident (check-in, "verify
  // identity"); audited when it changes anything. Returns true when it did.
  bool mark_verified_in(Writer& w, std::int64_t resident_id, const Actor& by, const char* method);

  // id_hash: the keyed hash residents are looked up (and audited) by.
  std::string id_hash(const std::string& normalised_id) const { return store_.vault().lookup_hash(normalised_id); }
  // checked_id: validates and normalises an ID number (today as the latest birth date).
  std::string checked_id(const std::string& raw) const;
  // check_id_rate: counts one request for this ID number; throws rate_limited past the limit.
  void check_id_rate(const std::string& id_hash);

 private:
  struct IdentityCheck {
    bool may_register = false;              // an unknown ID is a first-time applicant
    std::optional<std::string> full_phone;  // given as the whole number (first-time form)
  };
  Verified check_identity(const std::string& id, const std::function<bool(const std::string&)>& matches,
                          const Actor& by, const IdentityCheck& how);
  Verified verify_or_register(const Identity& who, const Actor& by, bool may_register);
  void require_verified(std::int64_t resident_id);
  std::shared_ptr<const JobIndex> job_index();

  StationConfig cfg_;
  Store& store_;
  RateLimiter id_limiter_;
  mutable std::mutex calls_mu_;
  std::condition_variable calls_cv_;
  std::uint64_t calls_version_ = 1;
  std::mutex index_mu_;
  std::shared_ptr<const JobIndex> index_;
  std::uint64_t index_generation_ = 0;
  Date index_date_;
  bool rebuilding_ = false;
};

}  // namespace tx::station
