// The staff desk: what staff do for walk-ins, on top of the same rules residents meet
// (StationService). Every call takes the acting staff member (`by`) and writes, in the same
// transaction as its change, the outbox event and the audit row. Lists show masked data; the
// full ID number, phone, name or address only comes from a reveal, which needs a reason and
// is audited before anything is returned.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "station/service.h"

namespace tx::station {

// A resident as a search result or list row: masked, with the facts staff act on.
// What the resident screens say (certificate with its effective status, renewal window, minor),
// plus what staff need on the card.
struct ResidentCard : StationService::ResidentFacts {
  int active_appointments = 0;
};

struct ResidentDetail {
  ResidentCard card;
  std::vector<IdentityFlag> flags;  // newest first, open and resolved
  std::vector<Appointment> appointments;
  std::vector<Application> applications;
  std::vector<ChangeReport> change_reports;
  std::vector<InterestRow> interests;
};

struct Revealed {
  std::optional<std::string> id_number, name, phone;
};

struct Slip {
  Appointment appointment;
  StationService::ResidentFacts facts;
  int queue_ahead = 0;
  std::string printed_at;
};

struct ExportRow {
  std::int64_t resident_id = 0;
  std::string name, phone, id_masked;
  Certificate certificate;
};

class StaffDesk {
 public:
  explicit StaffDesk(StationService& svc);

  // -- appointments
  std::vector<Appointment> appointments(const AppointmentFilter& f, const Actor& by);
  // appointment: one appointment (masked), audited as a view of its resident.
  Appointment appointment(std::int64_t id, const Actor& by);
  // transition: check-in (on the day only), no-show (from the day on), complete, dispatch and
  // visit-failed (home visits), cancel. Throws not_found / invalid_transition.
  Appointment transition(std::int64_t id, AppointmentStatus to, const std::optional<std::string>& reason,
                         const Actor& by);
  // reschedule: the old appointment becomes `rescheduled` and a new one of the same kind is
  // booked on `date`, in ONE transaction (no place is lost if the new day is full).
  std::pair<Appointment, Appointment> reschedule(std::int64_t id, const std::string& date, const Actor& by);
  // book: for a walk-in whose ID card staff have seen (no phone digits needed); a new resident
  // needs r.who.name and r.who.phone.
  Appointment book(BookRequest r, const Actor& by);
  // slip: the printed queue slip (masked data only); audited as a print.
  Slip slip(std::int64_t id, const Actor& by);
  // reveal_address: a home visit's address, audited with the reason.
  std::string reveal_address(std::int64_t id, const std::string& reason, const Actor& by);

  // -- residents
  std::vector<ResidentCard> search_by_id(const std::string& id_number, const Actor& by);
  std::vector<ResidentCard> search_by_name(const std::string& name, const Actor& by);
  ResidentDetail resident(std::int64_t id, const Actor& by);
  // verify_identity: staff checked the resident's ID card at the desk (read by the card reader,
  // or looked at). The ID number from the card must be the registered one (id_mismatch). The
  // registration becomes verified; open identity flags are resolved; `name` fills a name still
  // pending, `phone` replaces the phone on record (the owner's, after a second-phone flag).
  // Audited (verify_identity) in the same transaction; outbox event resident.verified.
  struct IdentityCheck {
    std::string id_number;
    std::optional<std::string> name, phone;
    std::string method = "id_card";  // id_card | card_reader
  };
  ResidentCard verify_identity(std::int64_t resident_id, const IdentityCheck& c, const Actor& by);
  // reveal: fields ⊆ {id_number, name, phone}.
  Revealed reveal(std::int64_t id, const std::vector<std::string>& fields, const std::string& reason, const Actor& by);

  // -- applications and change reports (for the resident or an agent)
  Application register_application(DeskApplication a, const Actor& by);
  ChangeReport register_change(ChangeReport r, const Actor& by);
  // check_agent: validates an agent (relation, name, phone, ID number); throws invalid_*.
  Agent check_agent(const Agent& raw) const;

  // -- work lists
  std::vector<RenewalRow> renewals(int within_days, int limit, int offset, const Actor& by);
  std::vector<InterestRow> interests(const std::string& status, int limit, const Actor& by);
  InterestRow set_interest_status(std::int64_t id, const std::string& status, const Actor& by);
  Revealed reveal_interest(std::int64_t id, const std::string& reason, const Actor& by);
  // export_renewals: the renewal list with full names and phones for calling (station admins);
  // one audit row per resident exported.
  std::vector<ExportRow> export_renewals(int within_days, const std::string& reason, const Actor& by);

  // -- calls for staff
  std::vector<StaffCall> calls(const std::string& status, int limit);
  StaffCall update_call(std::int64_t id, const std::string& status, const Actor& by);

  // -- audit (station admins)
  std::vector<AuditRow> audit(const AuditFilter& f, const Actor& by);
  AuditCheck verify_audit(const Actor& by);

  StationService& service() { return svc_; }

 private:
  void check_reason(const std::string& reason) const;
  ResidentCard card(Reader& r, std::int64_t id, Date today);
  std::string subject_of(Reader& r, std::int64_t resident_id);
  StationService& svc_;
  Store& store_;
};

}  // namespace tx::station
