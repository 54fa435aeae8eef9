// What App shares between staff mode and the residents' kiosk (docs/kiosk.md "Staff mode"): staff
// requests carry the session token and keep the station's session alive; both slips reach the
// printer the same way. Sign-in is StaffSignInController's, the desk StaffDeskController's.
#include <algorithm>
#include <utility>

#include "core/app.h"
#include "core/escpos.h"
#include "core/identity.h"

namespace tx {

using nlohmann::json;

int App::open_calls() const {
  int n = 0;
  if (staff_.calls.is_array())
    for (const auto& c : staff_.calls) n += c.is_object() && c.value("status", "") == "open";
  return n;
}

std::string App::staff_home_title() const {
  return f("title.staff_home", {{"name", staff_.display_name}});
}

// Every staff request carries the session token; those that are not passive at the station
// (polling calls and sync status) move the station's idle timer, and the kiosk notes when.
void App::staff_send(station::Call c) {
  const Req r = c.endpoint;
  if (!staff_.token.empty()) {
    c.http.headers.push_back({"Authorization", "Bearer " + staff_.token});
    if (r != Req::s_calls && r != Req::s_sync && r != Req::s_logout) staff_last_active_ = clock_->now();
  }
  send(std::move(c));
}

// Any input while signed in: the station hears of it at least every kKeepAliveS seconds.
void App::staff_input(double now) {
  if (staff_.token.empty() || now - staff_last_active_ < StaffSignInController::kKeepAliveS) return;
  staff_send(station::staff_touch());
}

// The lines both slips share: ticket, kind, date, time, place, then `after_place`, what to bring,
// and the QR code of the ticket.
Slip App::appointment_slip(const nlohmann::json& a, const std::string& heading, const std::string& kind_text,
                           const std::vector<std::string>& after_place) const {
  Slip out;
  out.heading = heading;
  out.lines = {f("slip.line_ticket", {{"v", a.value("ticket", "")}}),
               f("slip.line_kind", {{"v", kind_text}}),
               f("slip.line_date", {{"v", a.value("date", "")}}),
               f("slip.line_time", {{"v", a.value("start", "") + "-" + a.value("end", "")}}),
               f("slip.line_place", {{"v", a.value("place", "")}})};
  out.lines.insert(out.lines.end(), after_place.begin(), after_place.end());
  if (a.contains("bring") && a["bring"].is_array()) {
    out.lines.push_back(t("slip.bring"));
    for (const auto& x : a["bring"]) out.lines.push_back("- " + x.value("zh", ""));
  }
  out.qr_text = slip_qr_text(a.value("ticket", ""), a.value("date", ""), a.value("slip_code", ""));
  return out;
}

// Both slips (the resident's and the staff queue slip) reach the printer the same way: ESC/POS
// bytes to the configured device on the print worker; a slip that cannot be encoded, or a kiosk
// without a printer, is said and shown instead.
void App::send_to_printer(const Slip& slip, const std::string& printing_notice) {
  std::string err;
  std::string bytes = escpos_slip(slip, &err);
  if (bytes.empty() || !print_hook) {
    s_.notice = t("slip.print_failed");
    speak_error(s_.notice);
    return;
  }
  printing_ = true;
  s_.notice = printing_notice;
  say(s_.notice, speech_lang(), false);
  print_hook(bytes, cfg_.printer);
}

}  // namespace tx
