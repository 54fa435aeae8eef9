// The staff desk once signed in (docs/kiosk.md "Staff mode"): appointments (check in, complete,
// no-show, reschedule, cancel — asked first in a modal dialog, keep focused), residents (find,
// the card, audited reveal), bookings for walk-ins, applications and change reports, work lists,
// calls from kiosks (a long poll on its own connection) and sync.
// App routes an intent here when this class has an `on` for it (App::apply: exactly one handler
// per intent, checked at compile time).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/intent.h"
#include "core/station_client.h"
#include "core/transport.h"

namespace tx {

class App;

class StaffDeskController {
 public:
  explicit StaffDeskController(App& app) : app_(app) {}
  void frame(double now);  // revealed values expire; the calls poll
  void next();             // a desk field's submit (ID number, phone, names, address)
  void pick_day(const std::string& date);
  void load_days();
  void load_appts();
  void open_resident(long id, const std::string& then);
  void verify_by_card();  // the card read at the desk, for an unverified registration
  void on(const intent::StaffGo& x);
  void on(const intent::StaffOpenAppt& x);
  void on(const intent::StaffTransition& x);
  void on(const intent::StaffPrint& x);
  void on(const intent::StaffReschedule& x);
  void on(const intent::StaffReschedConfirm& x);
  void on(const intent::StaffCancel& x);
  void on(const intent::StaffCancelConfirm& x);
  void on(const intent::StaffReveal& x);
  void on(const intent::StaffRevealReason& x);
  void on(const intent::StaffHide& x);
  void on(const intent::StaffBookFor& x);
  void on(const intent::StaffHomeVisitFor& x);
  void on(const intent::StaffRegisterBook& x);
  void on(const intent::StaffPickKind& x);
  void on(const intent::StaffNameLater& x);
  void on(const intent::StaffRegisteredAddress& x);
  void on(const intent::StaffReason& x);
  void on(const intent::StaffBookConfirm& x);
  void on(const intent::StaffApply& x);
  void on(const intent::StaffPickItem& x);
  void on(const intent::StaffApplicant& x);
  void on(const intent::StaffAgentNameLater& x);
  void on(const intent::StaffSkipPhone& x);
  void on(const intent::StaffApplyConfirm& x);
  void on(const intent::StaffOpenResident& x);
  void on(const intent::StaffContacted& x);
  void on(const intent::StaffCallAck& x);
  void on(const intent::StaffCallClose& x);
  void on(const intent::StaffSyncNow& x);
  void on(const intent::StaffSyncRefresh& x);
  void on(const intent::StaffRefreshAppts& x);
  void on(const intent::StaffDone& x);
  // The answers to its requests (taken: true). Background ones (the calls poll, keep-alive,
  // logout) never raise a banner; refusals that belong to a field or step are said there.
  bool background(station::Endpoint e, const HttpResponse& r);
  bool answer(station::Endpoint e, const nlohmann::json& body);
  bool refused(station::Endpoint e, const std::string& code, const std::string& msg);

 private:
  void book_next();
  void open_book_day();
  void print_slip(const nlohmann::json& slip);
  void poll_calls(double now);


 private:
  App& app_;
};

}  // namespace tx
