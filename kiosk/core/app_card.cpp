// The ID-card reader and scanners in the App (docs/kiosk.md "Card reader and scanners"): a card
// fills the identity step (and a first-time applicant's name) and moves on; the second factor
// stays. A scan is an ID number (a keyboard-wedge card reader) or an appointment slip's code
// (docs/api.md: POST /api/v1/appointments/by-slip; staff: GET /api/v1/staff/slips/{code}).
#include "core/app.h"
#include "core/card_input.h"
#include "core/identity.h"
#include "devices/wedge.h"

namespace tx {

nlohmann::json peripheral_log_entry(const PeripheralInput& in, bool expired, const std::string& what) {
  switch (in.kind) {
    case PeripheralInput::card:
      return {{"kind", "card"},
              {"id_tail", in.id_number.size() >= 4 ? in.id_number.substr(in.id_number.size() - 4) : ""},
              {"name", !in.name.empty()},
              {"expired", expired}};
    case PeripheralInput::scan: return {{"kind", "scan"}, {"chars", in.text.size()}, {"what", what}};
    case PeripheralInput::read_failed: return {{"kind", "card_read_failed"}};
    case PeripheralInput::reader_lost: return {{"kind", "card_reader_lost"}};
    case PeripheralInput::reader_back: return {{"kind", "card_reader_back"}};
  }
  return nullptr;
}

void App::peripheral(PeripheralInput in) {
  Event e{Event::peripheral, ""};
  e.in = std::make_shared<const PeripheralInput>(std::move(in));
  events_.push_back(std::move(e));
}

static bool identity_step(Screen s) {
  return s == Screen::identity_id || s == Screen::identity_phone || s == Screen::identity_returning ||
         s == Screen::identity_phone_full;
}

static std::string tail4(const std::string& id) { return id.size() >= 4 ? id.substr(id.size() - 4) : id; }

void App::on_peripheral(const PeripheralInput& in) {
  need_frame_ = true;
  switch (in.kind) {
    case PeripheralInput::reader_lost:
      // Once per loss, after whatever is being said; the keypad works as before.
      if (!reader_lost_said_) {
        input_log_.push_back(peripheral_log_entry(in, false, ""));
        speech_.queue(t("card.reader_lost"), speech_lang());
        s_.notice = t("card.reader_lost");
      }
      reader_lost_said_ = true;
      return;
    case PeripheralInput::reader_back:
      if (reader_lost_said_) {
        input_log_.push_back(peripheral_log_entry(in, false, ""));
        speech_.queue(t("card.reader_back"), speech_lang());
        if (s_.notice == t("card.reader_lost")) s_.notice.clear();
      }
      reader_lost_said_ = false;
      return;
    case PeripheralInput::read_failed:
      input_log_.push_back(peripheral_log_entry(in, false, ""));
      speak_error(t("card.read_failed"));
      return;
    case PeripheralInput::card: {
      bool exp = !in.valid_to.empty() && in.valid_to < today_;
      input_log_.push_back(peripheral_log_entry(in, exp, ""));
      if (exp) {
        std::string msg = f("card.expired", {{"date", in.valid_to}});
        if (identity_step(screen())) s_.field_error = msg;
        if (screen() == Screen::staff_find) staff_.field_error = msg;
        speak_error(msg);
        return;
      }
      on_identity_card(in.id_number, in.name);
      return;
    }
    case PeripheralInput::scan: {
      ScanKind k = classify_scan(in.text);
      input_log_.push_back(peripheral_log_entry(
          in, false, k == ScanKind::id_number ? "id_number" : k == ScanKind::slip ? "slip" : "unknown"));
      if (k == ScanKind::id_number) on_identity_card(in.text, "");
      else if (k == ScanKind::slip) on_slip_code(in.text);
      else speak_error(t("scan.unknown"));
      return;
    }
  }
}

void App::on_identity_card(const std::string& id_number, const std::string& name) {
  std::string id = normalize_id(id_number);
  if (staff_.signed_in || cfg_.staff_terminal) {
    if (screen() == Screen::staff_resident && staff_.resident.is_object()) {
      // The resident at the desk shows the card: their identity is checked in person.
      staff_.card_id = id;
      staff_.card_name = name;
      speech_.say(f("card.read", {{"tail", tail4(id)}}), speech_lang(), true);
      desk_.verify_by_card();
      return;
    }
    if (screen() != Screen::staff_find) {
      speak_error(t("card.staff_where"));
      return;
    }
    staff_.card_id = id;
    staff_.card_name = name;
    staff_.id_input = id;
    staff_.field_error.clear();
    speech_.say(f("card.read", {{"tail", tail4(id)}}), speech_lang(), true);
    apply(intent::Next{});  // as OK on the find screen: looks the resident up
    return;
  }
  s_.card_id = id;
  s_.card_name = name;
  s_.any_input = true;
  if (identity_step(screen())) use_card();
  else speech_.say(f("card.read_later", {{"tail", tail4(id)}}), speech_lang(), true);
}

// The identity step with the card's ID number: as if typed and confirmed; the next step (been
// here before? / phone digits) is announced after "已读取身份证，尾号 7810".
void App::use_card() {
  while (stack_.size() > 1 && identity_step(screen()) && screen() != Screen::identity_id) stack_.pop_back();
  if (screen() != Screen::identity_id) push(Screen::identity_id);
  s_.id_input = s_.card_id;
  s_.phone_input.clear();
  s_.field_error.clear();
  identity_.next();
  std::string said = f("card.read", {{"tail", tail4(s_.card_id)}});
  if (screen() == Screen::identity_id) {  // refused (a number the card cannot have): said with the error
    s_.card_id.clear();
    speak_error(said + t("punct.period") + s_.field_error);
  } else {
    announce_prefix_ = said;
  }
}

void App::on_slip_code(const std::string& code) {
  if (staff_.signed_in) {
    staff_send(station::staff_slip_lookup(code));
    return;
  }
  if (cfg_.staff_terminal) {
    speak_error(t("staff.sign_in_first"));
    return;
  }
  // A resident's slip opens its appointment after the second factor (the phone's last digits).
  s_.slip_code = code;
  s_.purpose = "slip";
  s_.phone_input.clear();
  s_.field_error.clear();
  while (stack_.size() > 1) stack_.pop_back();
  push(Screen::identity_phone);
  announce_prefix_ = t("scan.slip_read");
}

}  // namespace tx

namespace tx {

// Answers to the slip look-ups (resident: by slip + phone digits; staff: by slip). true when
// handled here.
bool App::slip_response(const Pending& p, const HttpResponse& r) {
  if (p.req != Req::slip_open && p.req != Req::s_slip_lookup) return false;
  if (r.status == 0 || r.status >= 500) {
    show_service_error(p, r);
    return true;
  }
  const std::string code = r.error_code();
  const std::string msg = api_error_text(r);
  const bool ok = r.ok() && r.body.is_object() && r.body.contains("appointment");
  if (p.req == Req::s_slip_lookup) {
    if (!ok && r.ok()) show_error(t("error.unexpected"));
    else if (!ok && !refused(p.req, r.status, code, msg)) show_error(msg);
    if (!ok) return true;
    // Shown first; checking in is one confirm on that screen (staff.appt.check_in).
    staff_.appt = r.body["appointment"];
    push(Screen::staff_appt);
    s_.notice = t("scan.slip_staff");
    return true;
  }
  if (!ok && (code == "verification_failed" || code == "invalid_field" || code == "invalid_phone")) {
    // Wrong digits: said at the field, as for a typed ID (the lock counts them).
    s_.field_error = msg + (!msg.empty() && msg.back() == '.' ? " " : "") + t("error.verify_fix");
    s_.phone_input.clear();
    speak_error(s_.field_error);
    return true;
  }
  s_.slip_code.clear();
  s_.purpose.clear();
  s_.phone_input.clear();
  if (!ok) {  // a forged, old or cancelled slip, or a lock: a clear sentence, back home
    stack_.assign(1, Screen::home);
    show_error(r.ok() ? t("error.unexpected") : msg);
    return true;
  }
  s_.appointment = r.body["appointment"];
  stack_.assign(1, Screen::home);
  push(Screen::appt_slip);
  return true;
}

}  // namespace tx
