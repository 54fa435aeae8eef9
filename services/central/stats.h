// The console's pure rules (no SQL, no HTTP): which city statistics an event adds to, and a
// station's state in the fleet view. The store applies them on ingest, in the batch's
// transaction (exactly once), and again over stored events to recount (tests, `recount`).
//
// Metrics (one row per station, month and metric; the month is the event's own UTC month):
//   booked, booked.<kind>          appointments booked, and by kind (first_assessment, …)
//   checked_in, completed, no_show, cancelled, rescheduled, dispatched, visit_failed
//   completed.<kind>               appointments carried out, by the kind they were booked as
//                                  (completed.renewal: renewals done)
//   residents_registered           first-time applicants (a resident registered at a station)
//   applications, applications.<programme>, change_reports
//   job_interests, job_interest.<status>
//   staff_calls, staff_calls_answered, staff_call_answer_s (sum of seconds to the answer)
//   subsidy_stage.<status>         subsidy applications reaching a stage (applied, under_review,
//                                  approved, paying, …), in the month of its stage date; counted
//                                  when central imports the decision (once per application and
//                                  stage: CentralStore::import_subsidies), not from station events
//   renewals_due                   residents whose current certificate's renewal window opens in
//                                  the month (180 days before expiry; the payload's due_month,
//                                  not the event's month). A station's "certificate.expiry" event
//                                  says where a resident's count belongs now (null: nowhere, not
//                                  to be renewed); a later one moves it: -1 there, +1 here. So a
//                                  month's number is the residents due then and not yet renewed.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tx::central::stats {

// month_of: "YYYY-MM" of an ISO date-time, or "0000-00" when it is not one (a recount from the
// stored events must reach the same month as the ingest did, so nothing else is consulted).
std::string month_of(const std::string& iso);

// Tally: counts events into (month, metric) sums. Calls for staff are timed from their
// "created" to their "acknowledged" event, possibly batches apart: `Calls` keeps the open ones
// (the database at ingest, a map when recounting).
// Payload: an event's payload as the statistics read it, its top-level string and integer members
// (read by SAX in stats.cpp, with the answers of json::parse). The store reads every payload of a
// batch before its transaction, so the one writer does not lex JSON (docs/benchmarks.md). Only
// the members Tally::add reads are kept (kind, appointment_id, programme, status, resident_id,
// due_month, call_id, at); text() and integer() answer "" / nullopt for any other name.
class Payload {
 public:
  Payload() = default;  // no members: for an event whose type reads none (reads_payload)
  explicit Payload(const std::string& json);
  std::string text(const char* name) const;                       // "" unless a string
  std::optional<std::int64_t> integer(const char* name) const;    // nullopt unless an integer
  struct Member {
    enum Kind { other, text, integer } kind = other;
    std::string s;
    std::int64_t i = 0;
  };

 private:
  const Member* find(const char* name) const;
  std::vector<std::pair<std::string, Member>> members_;
};

// reads_payload: whether Tally::add reads an event of this type's payload at all (the others are
// counted by their type alone, so the store does not lex their JSON).
bool reads_payload(const std::string& type);

class Tally {
 public:
  struct Calls {
    std::function<void(std::int64_t id, const std::string& created_at)> open;
    std::function<std::optional<std::string>(std::int64_t id)> take;  // removes and returns
  };
  // Appointments: the kind each appointment was booked as (its later events do not carry it).
  struct Appointments {
    std::function<void(std::int64_t id, const std::string& kind)> booked;
    std::function<std::optional<std::string>(std::int64_t id)> kind_of;
  };
  // Certificates: the expiry month counted for each resident (the station's resident id).
  // `expiry` records the new month (nullopt: none) and returns the one recorded before.
  struct Certificates {
    std::function<std::optional<std::string>(std::int64_t resident, const std::optional<std::string>& month)> expiry;
  };
  Tally(Calls calls, Appointments appointments, Certificates certificates)
      : calls_(std::move(calls)), appointments_(std::move(appointments)), certificates_(std::move(certificates)) {}
  // add: one event (its type, creation time and plaintext JSON payload).
  void add(const std::string& type, const std::string& created_at, const std::string& payload);
  void add(const std::string& type, const std::string& created_at, const Payload& payload);
  using Key = std::pair<std::string, std::string>;  // month, metric
  const std::map<Key, std::int64_t>& counts() const { return counts_; }

 private:
  Calls calls_;
  Appointments appointments_;
  Certificates certificates_;
  std::map<Key, std::int64_t> counts_;
};

// A station's state in the fleet view, worst first in the order they are tested.
enum class State { never, stale, late, error, ok };
const char* state_name(State s);
struct StateRules {
  std::chrono::seconds heartbeat_interval{60};  // a station is late after missing 2
  std::chrono::seconds stale_after{24 * 3600};
};
// fleet_state: never synced (no heartbeat and no batch), stale (nothing for stale_after), late
// (no heartbeat for two intervals), error (the last heartbeat reported one), else ok.
State fleet_state(const std::optional<std::string>& last_seen, const std::optional<std::string>& last_error,
                  std::chrono::system_clock::time_point now, const StateRules& rules);

}  // namespace tx::central::stats
