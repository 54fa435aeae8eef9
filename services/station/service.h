// The station's business rules over the store: identity checks with lock-out, booking,
// cancelling, subsidy status, job search, interest registration and calls for staff.
// Expected failures throw tx::ApiError (caught in one place by the HTTP layer; a throw inside
// store.write() also rolls the transaction back, so a refused request changes nothing).
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/job_search.h"
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
  // invalid_field (phone_last4), verification_failed (same for unknown IDs) or locked.
  Verified verify(const std::string& id_number, const std::string& phone_last4);

  Appointment book(const BookRequest& r);
  std::vector<Appointment> appointments(const Identity& who);
  Appointment cancel(std::int64_t appointment_id, const Identity& who);

  // subsidies: every application of the verified resident; *as_of is when the data was last
  // brought from the central server (or created locally).
  std::vector<Application> subsidies(const Identity& who, std::string* as_of);

  JobPage jobs(const JobSearch& s);
  // warm_up: builds the job search index now (at start), so no resident waits for it.
  void warm_up() { job_index(); }
  std::optional<Job> job(std::int64_t id);
  std::int64_t register_interest(std::int64_t job_id, const Identity& who, const std::string& terminal);

  StaffCall call_staff(const std::string& terminal, const std::string& reason);
  std::optional<StaffCall> staff_call(std::int64_t id);

  // Facts about a resident for slips and the kiosk: certificate, whether renewal is due, minor.
  struct ResidentFacts {
    Resident resident;
    std::optional<Certificate> certificate;
    bool renewal_due = false;
    bool minor = false;
  };
  ResidentFacts facts(std::int64_t resident_id);
  ResidentFacts facts_for(const Identity& who);

 private:
  Verified verify_or_register(const Identity& who);
  std::shared_ptr<const JobIndex> job_index();

  StationConfig cfg_;
  Store& store_;
  std::mutex index_mu_;
  std::shared_ptr<const JobIndex> index_;
  std::uint64_t index_generation_ = 0;
  Date index_date_;
  bool rebuilding_ = false;
};

}  // namespace tx::station
