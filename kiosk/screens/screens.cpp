// Screens: each draws from a read-only view of the app state (ScreenCtx) and emits intents.
// No HTTP, no SDL, no ImGui here (STYLE rule 3).
//
// [SECTION] Index
//   helpers (dates, money, kinds)   common banners (notice, error, idle warning)
//   home · language · settings
//   appointment: kind → day → identity → confirm → slip
//   my appointments · subsidy · jobs · call staff
#include <cmath>
#include <cstdio>

#include "core/app.h"
#include "core/escpos.h"
#include "core/identity.h"
#include "domain/date.h"
#include "screens/kit.h"
#include "screens/screens.h"

namespace tx {

namespace {

using namespace kit;

const char* const kAccess[][2] = {{"step_free", TK("access.step_free")},
                                  {"accessible_toilet", TK("access.accessible_toilet")},
                                  {"lift", TK("access.lift")},
                                  {"sign_language", TK("access.sign_language")},
                                  {"flexible_hours", TK("access.flexible_hours")}};
const char* const kJobTypes[][2] = {{"catering", TK("job_type.catering")},
                                    {"cleaning", TK("job_type.cleaning")},
                                    {"customer_service", TK("job_type.customer_service")},
                                    {"factory", TK("job_type.factory")},
                                    {"handcraft", TK("job_type.handcraft")},
                                    {"it", TK("job_type.it")},
                                    {"logistics", TK("job_type.logistics")},
                                    {"massage", TK("job_type.massage")},
                                    {"office", TK("job_type.office")},
                                    {"public_service", TK("job_type.public_service")}};

std::string job_type_name(const ScreenCtx& c, const std::string& code) { return lookup(c, kJobTypes, code); }
const char* const kThemeKeys[] = {TK("theme.yellow_on_black"), TK("theme.white_on_black"),
                                  TK("theme.black_on_white")};
const char* const kTextKeys[] = {TK("settings.text_1"), TK("settings.text_2"),
                                 TK("settings.text_3")};



// ------------------------------------------------------------------ home, language, settings
void home(Ui& ui, const ScreenCtx& c) {
  const std::string station = c.app.station_name();
  // One step, one page at every panel and text size (jobs8): the services a resident came for
  // never split over two pages (2 at 1.5–2× on 1366×768, 1280×800, 1024×768, 1024×600 before).
  const bool personal = c.s.verified || !c.s.id_input.empty();
  bool go[4] = {}, language = false, settings = false, end = false;
  // tiles: the four services as tiles (icon above the label) or, at larger text, as big buttons
  auto draw = [&](Ui& u, int tiles) {
    u.begin("home", station.empty() ? c.t("title.home") : c.f("title.home_station", {{"name", station}}));
    banners(u, c);
    u.fit_pages(1);
    u.hint(c.t("home.hint"));
    u.row(2);
    go[0] = u.tile("home.appointment", c.t("home.appointment"), Icon::calendar, 180, tiles == 0);
    go[1] = u.tile("home.my_appointments", c.t("home.my_appointments"), Icon::list, 180, tiles == 0);
    go[2] = u.tile("home.subsidy", c.t("home.subsidy"), Icon::coin, 180, tiles == 0);
    go[3] = u.tile("home.jobs", c.t("home.jobs"), Icon::briefcase, 180, tiles == 0);
    u.end_row();
    u.row(personal ? 3 : 2);
    language = u.button("home.language", c.t("home.language"), Icon::globe);
    settings = u.button("home.settings", c.t("home.settings"), Icon::gear);
    // Leaving: wipe what this resident entered now rather than waiting for the time-out.
    if (personal) end = u.button("home.end_session", c.t("home.end_session"), Icon::cross);
    u.end_row();
  };
  // (round 15) At larger text the tiles where they hold the page at the resident's size in the
  // designed frame, else big buttons (the fewest pages, the largest content, the frame least
  // squeezed — the compact frame draws no tiles —; the tiles on a tie): at 2× on 1080×1920 the
  // buttons stood in the middle third with 40 % of the panel empty under them, where at 1× the
  // tiles fill it (Ui::layout_frame grows them on a portrait panel).
  draw(ui, ui.best_arrangement(2, draw, false, true));
  const intent::Go::To where[4] = {intent::Go::appointment, intent::Go::appointments, intent::Go::subsidy, intent::Go::jobs};
  for (int i = 0; i < 4; ++i)
    if (go[i]) c.emit(intent::Go{where[i]});
  if (language) c.emit(intent::Go{intent::Go::language});
  if (settings) c.emit(intent::Go{intent::Go::settings});
  if (end) c.emit(intent::EndSession{});
}

// The three languages, each named and said in its own language whatever the screen's (S9);
// the caller opens the row.
void language_options(Ui& ui, const ScreenCtx& c, const std::string& prefix) {
  bool zh = c.st.locale == Locale::zh && !c.st.cantonese, yue = c.st.locale == Locale::zh && c.st.cantonese;
  if (ui.option(prefix + "zh", "普通话", zh, "", SpeechLang::cmn)) c.emit(intent::SetLang{intent::SetLang::zh});
  if (ui.option(prefix + "yue", "粤语", yue, "", SpeechLang::yue)) c.emit(intent::SetLang{intent::SetLang::yue});
  if (ui.option(prefix + "en", "English", c.st.locale == Locale::en, "", SpeechLang::en)) c.emit(intent::SetLang{intent::SetLang::en});
}

void language(Ui& ui, const ScreenCtx& c) {
  ui.begin("language", c.t("title.language"));
  banners(ui, c);
  ui.hint(c.t("language.hint"));
  ui.row(3);
  language_options(ui, c, "lang.");
  ui.end_row();
}

// (settings11: what the settings draw — all of them on one step, as before; or their first step
// (what to see and hear by: text size, speech, language, colours, with 更多设置 in the caption's
// strip as the jobs filter's 下一步) or their second (volume and rate, low reach, scanning and
// its interval, defaults, staff sign-in) — measured: with the volume on the first step its
// fourth line of 24 mm groups did not hold 1.5× text on 1366×768 in English, 1024×768 and
// 1024×600; the volume keys work on every screen, M1)
enum class SettingsPart { all, first, more };

void settings_items(Ui& ui, const ScreenCtx& c, SettingsPart part) {
  const bool all = part == SettingsPart::all, first = part == SettingsPart::first;
  if (part != SettingsPart::more) {
    ui.begin("settings", c.t("title.settings"));
    banners(ui, c);
    // (heard on entry and captioned while heard; the page starts with the settings themselves)
    ui.spoken_hint(c.t("settings.hint"));
  } else {
    ui.begin("settings.more", c.t("title.settings_more"));
    banners(ui, c);
    ui.spoken_hint(c.t("settings.more_hint"));
  }
  // Dense (issue 12: a screen that is not a list fits one page at 1×): each setting one group,
  // its name (or value) first, then its choices (C1: one idea per row); a line holds the groups
  // whose words fit side by side, read line by line, left to right (settings7: a lone toggle
  // beside the languages, the two ways of operating in one line, the steppers side by side where
  // wide; 1366×768 at 1×: one page, was two). A stepper is one row: its value, then its two
  // buttons (their words say which way). A toggle's explanation in parentheses is spoken, and
  // left off the screen in a compact frame (Ui::shown_label).
  // (settings8: one page at 1×, at most two at larger text — the options step down to 1.5× or 1×
  // text before a third page, still 24 mm targets and every label spoken in full)
  // (settings10: settings are one step — one page at every text size where any content size
  // holds it, the largest that does (Ui::fewest_pages: the resident's size kept where it fits,
  // 1.5× before 1×); where none does (1024×600 at 1.5–2×), the fewest pages at the largest size)
  ui.fewest_pages();
  if (first) {
    // (the tool first in the registry, as the filter's: the focus starts on the text size chosen,
    // comes back to 更多设置 from the second step, and goes to it when a switch moved itself
    // there — scanning at 1× on 1024×600: the focused control gone, App takes the first)
    if (ui.list_tool("settings.more", c.t("settings.more"), Icon::right)) c.emit(intent::SettingsMore{});
    ui.default_focus(c.s.settings_more_back ? "settings.more" : "settings.text." + std::to_string(c.st.text_step));
  } else if (!all) {
    // (settings11: staff sign-in in the caption's strip too, as the first step's 更多设置 — a way
    // elsewhere, out of the residents' settings; the focus starts on the volume)
    if (!c.app.config().staff_terminal && !c.app.staff_signed_in())
      if (ui.list_tool("settings.staff_sign_in", c.t("settings.staff_sign_in"), Icon::person))
        c.emit(intent::Go{intent::Go::staff_sign_in});
    ui.default_focus("settings.volume.down");
  }
  // (settings11: a step of two packs its lines by the groups' natural widths alone — in the
  // grid's two columns six groups in four lines counted as a line of groups too tall for its
  // page, and the first step fell back to the designed frame on 3 pages at 1.5× on 1024×768)
  ui.groups_begin(all ? 2 : 1, 560);
  auto text_size = [&] {
    ui.group();
    ui.row(4);
    ui.text("settings.text_heading", c.t("settings.text_size"), TextStyle::heading);
    for (int i = 0; i < 3; ++i)
      if (ui.option("settings.text." + std::to_string(i), c.t(kTextKeys[i]), c.st.text_step == i))
        c.emit(intent::SetText{i});
    ui.end_row();
  };
  auto speech = [&] {
    ui.group();
    if (ui.toggle("settings.speech", c.t("settings.speech"), c.st.speech)) c.emit(intent::ToggleSpeech{});
  };
  if (part != SettingsPart::more) {
    text_size();
    // (settings11: on the first step the speech switch beside the text size — the colours' three
    // names take a line of their own in English at 1.5×, and the switch a fourth after them)
    if (first) speech();
    // (settings8: the languages before the colours — the text size and the languages share a line
    // where the colours' three long names take most of one: four lines in English on 1366×768)
    ui.group();
    ui.row(4);
    ui.text("settings.lang_heading", c.t("settings.language"), TextStyle::heading);
    language_options(ui, c, "settings.lang.");
    ui.end_row();
    ui.group();
    ui.row(4);
    ui.text("settings.theme_heading", c.t("settings.theme"), TextStyle::heading);
    for (int i = 0; i < 3 && i < int(c.app.themes().size()); ++i)
      if (ui.option("settings.theme." + c.app.themes()[i].id, c.t(kThemeKeys[i]), c.st.theme == i))
        c.emit(intent::SetTheme{i});
    ui.end_row();
    if (all) speech();
  }
  if (first) {
    ui.groups_end();
    return;
  }
  // (volume, rate and the scanning speed: one stepper each, its value then its two buttons)
  ui.group();
  if (int d = ui.stepper("settings.volume", c.f("settings.volume_now", {{"n", std::to_string(c.st.volume + 1)},
                                                                       {"max", std::to_string(kVolumeCount)}}),
                         c.t("settings.volume_down"), c.t("settings.volume_up")))
    c.emit(intent::Volume{d});
  ui.group();
  if (int d = ui.stepper("settings.rate", c.f("settings.rate_now", {{"n", std::to_string(c.st.rate + 1)},
                                                                   {"max", std::to_string(kRateCount)}}),
                         c.t("settings.rate_down"), c.t("settings.rate_up")))
    c.emit(intent::Rate{d});
  ui.group();
  if (ui.toggle("settings.low_reach", c.t("settings.low_reach"), c.st.low_reach)) c.emit(intent::ToggleLowReach{});
  ui.group();
  if (ui.toggle("settings.scanning", c.t("settings.scanning"), c.st.scanning)) c.emit(intent::ToggleScanning{});
  // (settings9: the scanning interval only while scanning is on, as a phone shows a feature's
  // own settings under its switch — it means nothing to a resident who does not scan, and its
  // line was the fifth of four on 1024×768 and 1280×800 at 1×: one page there now)
  if (c.st.scanning) {
    ui.group();
    char sec[16];
    std::snprintf(sec, sizeof sec, "%.1f", kScanSteps[c.st.scan_step]);
    if (int d = ui.stepper("settings.scan", c.f("settings.scan_now", {{"s", sec}}), c.t("settings.scan_slower"),
                           c.t("settings.scan_faster"), "slower", "faster"))
      c.emit(intent::ScanSpeed{d});
  }
  // Staff help walk-ins on this same kiosk: a plain button, no hidden gesture (issue 5).
  ui.group();
  if (ui.button("settings.default", c.t("settings.default"), Icon::back)) c.emit(intent::SettingsDefault{});
  if (all && !c.app.config().staff_terminal && !c.app.staff_signed_in()) {
    ui.group();
    if (ui.button("settings.staff_sign_in", c.t("settings.staff_sign_in"), Icon::person)) c.emit(intent::Go{intent::Go::staff_sign_in});
  }
  ui.groups_end();
}

// The settings (settings11): one step where all of them stand on one page with the content at
// the resident's own text size (every panel at 1× without scanning: the screen and its ids as
// before); else two — a low-vision resident who has just chosen 2× reads the settings at 2× (or
// as large as the panel holds), not at 1×. Ui::trial lays all of them out first.
void settings(Ui& ui, const ScreenCtx& c) {
  const Ui::Trial all = ui.trial([&](Ui& probe) { settings_items(probe, c, SettingsPart::all); });
  const bool one = all.pages == 1 && !all.over && all.content_scale >= ui.env().scale - 0.01f;
  settings_items(ui, c, one ? SettingsPart::all : SettingsPart::first);
}

void settings_more(Ui& ui, const ScreenCtx& c) { settings_items(ui, c, SettingsPart::more); }

// ------------------------------------------------------------------ appointment

void appt_kind(Ui& ui, const ScreenCtx& c) {
  ui.begin("appointment.kind", c.t("title.appt_kind"), c.step());
  banners(ui, c);
  ui.hint(c.t("appt_kind.hint"));
  // Every kind on one page (a resident hears and sees all six at once, issue 12): up to three
  // columns where the names fit whole; a compact frame (2× text on a short panel) shows the
  // names only, at 1.5× — each kind's explanation is still spoken.
  ui.fit_pages(1);
  ui.row(3);
  for (int i = 0; i < 6; ++i)
    if (ui.button_note(std::string("kind.") + kKinds[i], c.t(kKindKeys[i]), c.t(kKindHelp[i]), kind_icon(kKinds[i])))
      c.emit(intent::PickKind{kKinds[i]});
  ui.end_row();
}

// The day step: the days, or — more than a week's days — the weeks first ("appointment.day",
// `week.<Monday>`), then the chosen week's days ("appointment.week"; Back returns to the weeks,
// the focus on that week). Same step number throughout (the week is part of the day step); the
// staff's booking shares it (kit::day_step).
void appt_day(Ui& ui, const ScreenCtx& c) {
  ui.begin(c.s.weeks.open ? "appointment.week" : "appointment.day", c.t("title.appt_day"), c.step());
  banners(ui, c);
  day_step(ui, c, {c.s.days, c.s.kind, c.s.weeks, "", "appt_day.none"});
}

enum class IdField { id, last4, full };

void identity(Ui& ui, const ScreenCtx& c, IdField which) {
  bool phone = which != IdField::id;
  bool booking = c.s.purpose == "booking";
  const char* screen = which == IdField::id ? "identity.id_number" : which == IdField::last4 ? "identity.phone" : "identity.phone_full";
  const char* title = which == IdField::id ? TK("title.identity_id") : which == IdField::last4 ? TK("title.identity_phone") : TK("title.identity_phone_full");
  ui.begin(screen, c.t(title), c.step());
  ui.set_typing(true);
  banners(ui, c);
  ui.hint(c.t(which == IdField::id ? "identity.id_hint" : which == IdField::last4 ? "identity.phone_hint" : "identity.phone_full_hint"));
  const std::string& buf = which == IdField::id ? c.s.id_input : which == IdField::last4 ? c.s.phone_input : c.s.phone_full;
  // Shown while typing so the resident can check it; typed digits are never spoken (S6): the
  // last four digits are a secret and show as dots, a whole number (given, not a secret) shows.
  std::string shown;
  if (which == IdField::last4) {
    for (size_t i = 0; i < kLast4Digits; ++i) shown += i < buf.size() ? "● " : "_ ";
  } else if (which == IdField::full) {
    shown = buf.empty() ? std::string("___ ____ ____") : phone_groups(buf);
  } else {
    shown = id_groups(buf);
  }
  std::string speak = field_speak(c, buf, which == IdField::id ? kIdChars : which == IdField::last4 ? kLast4Digits : 0);
  const char* field_id = which == IdField::id ? "input.id_number" : which == IdField::last4 ? "input.phone" : "input.phone_full";
  const char* label = which == IdField::id ? TK("identity.id_label") : which == IdField::last4 ? TK("identity.phone_label") : TK("identity.phone_full_label");
  if (ui.field(field_id, c.t(label), shown, speak)) c.emit(intent::Next{});
  if (!c.s.field_error.empty()) ui.text("field.error", c.t("error.prefix") + c.s.field_error, TextStyle::banner);
  // (while its request runs, the loading line stands where the step's second hint was: both on
  // 1024×600 put the keypad on pages 2 and 3 for as long as the station took — lead, round 9)
  if (c.loading) loading(ui, c);
  keypad(ui, c, !phone);
  if (which == IdField::last4 && !c.loading) ui.text("identity.staff_hint", c.t(booking && first_timer_kind(c.s.kind) ? "identity.first_time_hint" : "identity.staff_hint"));
  if (which == IdField::full && !c.loading) ui.text("identity.name_hint", c.t("identity.name_later_hint"));
  ui.default_focus(field_id);
}

// Booking a first assessment: "have you booked or registered here before?" decides between the
// last four phone digits (registered) and the whole number (first time: no name needed, C2).
void identity_returning(Ui& ui, const ScreenCtx& c) {
  ui.begin("identity.returning", c.t("title.identity_returning"), c.step());
  banners(ui, c);
  ui.hint(c.t("identity.returning_hint"));
  // Side by side: the two answers on one line under the question (one page on 1366×768 at 2×).
  // One step: the question and both answers on one page at every size (settings7: 2 pages at 2×
  // on 1920×1080 and 1366×768 — the content steps down to 1.5×, then 1×, before it pages).
  ui.fit_pages(1);
  ui.row(2);
  if (ui.button("returning.yes", c.t("identity.returning_yes"), Icon::person)) c.emit(intent::Returning{true});
  if (ui.button("returning.no", c.t("identity.returning_no"), Icon::calendar)) c.emit(intent::Returning{false});
  ui.end_row();
}

void appt_confirm(Ui& ui, const ScreenCtx& c) {
  ui.begin("appointment.confirm", c.t("title.appt_confirm"), c.step());
  banners(ui, c);
  ui.hint(c.t("appt_confirm.hint"));
  // One step: what is booked and 确认预约 on one page (at 2× on 1920×1080 the button stood on
  // page 2 and a blind resident heard "下一页, 第1项，共1项"): the content steps down to 1.5×.
  ui.fit_pages(1);
  const std::string day_line = kit::day_line(c, c.s.days, c.s.date, c.s.kind);
  std::string text = c.f("appt_confirm.kind", {{"v", kind_name(c, c.s.kind)}}) + "\n" +
                     c.f("appt_confirm.date", {{"v", fmt_date(c, c.s.date)}}) + "\n" +
                     c.f("appt_confirm.time_place", {{"v", day_line}}) + "\n" +
                     (c.s.returning == 0
                          ? c.f("appt_confirm.who_first", {{"id", mask_id(c.s.id_input)},
                                                           {"phone", phone_groups(c.s.phone_full)}})
                          : c.f("appt_confirm.who", {{"name", js(c.s.resident, "name_masked")},
                                                     {"id", mask_id(c.s.id_input)}}));
  // Read back without the ID number (S7): the name is masked too. A first-time applicant's
  // phone number is read back in digit groups, one digit at a time, to catch a typing slip.
  std::string spoken = c.f("appt_confirm.kind", {{"v", kind_name(c, c.s.kind)}}) + c.t("punct.period") +
                       c.f("appt_confirm.date", {{"v", fmt_date(c, c.s.date)}}) + c.t("punct.period") +
                       c.f("appt_confirm.time_place", {{"v", day_line}});
  if (c.s.returning == 0) {
    // The whole number is read only when the resident asks for it (S7, "read my number").
    std::string digits;
    for (char ch : phone_groups(c.s.phone_full))
      digits += ch == ' ' ? c.t("punct.comma") : std::string(1, ch) + " ";
    spoken += c.t("punct.period") +
              (c.s.consent == 1 ? c.f("appt_confirm.phone_spoken", {{"v", digits}}) : c.t("appt_confirm.phone_on_screen")) +
              c.t("punct.period") + c.t("appt_confirm.name_later");
  }
  ui.text("appt_confirm.details", text, TextStyle::heading, spoken);
  ui.announce(spoken);
  if (c.loading) loading(ui, c);
  if (c.s.kind == "home_assessment") {
    ui.text("appt_confirm.reason", c.t("appt_confirm.reason"));
    ui.row(2);
    if (ui.button("confirm.bedridden", c.t("appt_confirm.bedridden"), Icon::check)) c.emit(intent::ConfirmBooking{"bedridden"});
    if (ui.button("confirm.severe_mobility", c.t("appt_confirm.severe_mobility"), Icon::check)) c.emit(intent::ConfirmBooking{"severe_mobility"});
    ui.end_row();
  }
  // The actions in one row under the summary (book first: Enter on entry books).
  ui.row(3);
  if (c.s.kind != "home_assessment")
    if (ui.button("confirm.book", c.t("appt_confirm.book"), Icon::check)) c.emit(intent::ConfirmBooking{});
  if (c.s.returning == 0 && c.s.consent != 1)
    if (ui.button("confirm.read_phone", c.t("appt_confirm.read_phone"), Icon::speaker)) c.emit(intent::ReadPhone{});
  if (ui.button("confirm.change", c.t("appt_confirm.change"), Icon::back)) c.emit(intent::PopTo{Screen::appt_day});
  ui.end_row();
}

// What to bring in short words on the ticket (days7): the station's own words ("近期两寸白底免冠照片
// 3张") are spoken and printed; a key the catalog does not know is shown in the station's words.
const char* const kBringShort[][2] = {{"bring.id_card", TK("bring_short.id_card")},
                                      {"bring.household_register", TK("bring_short.household_register")},
                                      {"bring.photos", TK("bring_short.photos")},
                                      {"bring.medical_records", TK("bring_short.medical_records")},
                                      {"bring.old_certificate", TK("bring_short.old_certificate")},
                                      {"bring.loss_statement", TK("bring_short.loss_statement")},
                                      {"bring.guardian_id", TK("bring_short.guardian_id")},
                                      {"bring.residence_permit", TK("bring_short.residence_permit")},
                                      {"bring.video_device", TK("bring_short.video_device")}};

void appt_slip(Ui& ui, const ScreenCtx& c) {
  const auto& a = c.s.appointment;
  std::string ticket = js(a, "ticket");
  // (the date and the time on one line: three lines beside the QR code; the printed slip keeps
  // its own four)
  std::string details = c.f("slip.kind", {{"v", kind_name(c, js(a, "kind"))}}) + "\n" +
                        c.f("slip.date", {{"v", fmt_date(c, js(a, "date")) + " " + slot(c, a)}}) + "\n" +
                        c.f("slip.place", {{"v", js(a, "place") + (js(a, "institution").empty() ? "" : "（" + js(a, "institution") + "）")}});
  std::string bring, bring_short;
  if (a.contains("bring") && a["bring"].is_array())
    for (const auto& b : a["bring"]) {
      const std::string words = js(b, c.loc == Locale::en ? "en" : "zh"), key = js(b, "key");
      const std::string short_words = lookup(c, kBringShort, key);
      bring += (bring.empty() ? "" : c.t("punct.list")) + words;
      bring_short += (bring_short.empty() ? "" : c.t("punct.list")) + (short_words == key ? words : short_words);
    }
  // A ticket (KIOSK_UI.md, S11): the number biggest with what to bring, the actions, then the
  // date, time and place beside the QR code with its caption (below). One page at every panel
  // and text size (the content steps down before it pages; everything is spoken on entry).
  // Round 8 asked it at 1× only, two pages at larger text; round 9 (lead) at every size, with
  // the details beside the code.
  // What to bring stands beside the number (days7: at 2× on 1366×768 and 1024×768 it was on page
  // 2, under the details), in short words; the whole words are spoken and printed.
  bool repeat = false, print = false, done = false;
  // (layout 0: the actions in a row of their own; 1 and 2: the actions are the screen's tools,
  // and on a landscape panel the number stands in three fifths (1) or two thirds (2) of the width)
  auto draw = [&](Ui& u, int layout) {
    const bool tools = layout > 0;
    u.begin("appointment.slip", c.t("title.appt_slip"));
    u.fit_pages(1);
    banners(u, c);
    // The number with what to bring, the actions right under it (on a short panel at a large
    // text size the slip pages, and its first page then still holds them: hear, print, done),
    // then the details (what, when, where) in two thirds of the width with the code and its
    // caption under it in the last third (lead, round 9: the details under the actions and the
    // code with its caption at its far left in a row of their own took page 2 at 1× on 1366×768
    // and 1024×600, and at 1.5–2× on 1920×1080 and 1080×1920; where the line of both is taller
    // than a page they stand one under the other, Ui::layout_blocks).
    // (a row's cells stand beside each other in at most two lines each; in the second
    // arrangement on a landscape panel the number and what to bring are two groups, the number
    // in two thirds of the width, what to bring in as many lines as it needs beside it)
    const bool portrait = u.env().height > u.env().width;
    const bool grouped = tools && !portrait;
    if (grouped) {
      u.groups_begin(layout == 1 ? std::vector<float>{3, 2} : std::vector<float>{2, 1}, 200);
      u.group();
    } else {
      u.row(2);
    }
    u.text("slip.ticket", c.f("slip.ticket", {{"v", ticket}}), TextStyle::ticket);
    if (grouped) u.group();
    // (with a bag's icon beside the words, days8: a resident who reads little sees what it is)
    if (!bring.empty())
      u.text_icon("slip.bring", c.t("slip.bring") + bring_short, Icon::bag, TextStyle::body, c.t("slip.bring") + bring);
    if (grouped) u.groups_end(); else u.end_row();
    const std::string print_label = c.t(c.app.printing() ? "slip.printing" : "slip.print");
    if (tools) {
      // (round 12: where the page does not hold the resident's text size with the actions in a
      // row of their own — 1024×600, 1024×768 and 768×1366 at 1.5–2× drew the slip at 1× — they
      // are the screen's tools in the caption's strip, as a programme's detail's on 1024×600)
      repeat = u.list_tool("slip.repeat", c.t("slip.repeat"), Icon::speaker);
      print = u.list_tool("slip.print", print_label, Icon::printer, "", false, !c.app.printing());
      done = u.list_tool("slip.done", c.t("slip.done"), Icon::check);
    } else {
      u.row(3);
      repeat = u.button("slip.repeat", c.t("slip.repeat"), Icon::speaker);
      print = u.button("slip.print", print_label, Icon::printer, !c.app.printing());
      done = u.button("slip.done", c.t("slip.done"), Icon::check);
      u.end_row();
    }
    // (on a portrait panel one under the other, as tall as they need: a third of 1080 px left the
    // code 29 mm and broke its caption as "工作人员扫 / 码办理" at 2×)
    // (layout 2 on a portrait panel: the caption beside the code, a fifth of the width for the
    // code — 768×1366 at 1.125× in English missed the page by ≈ 24 px with the caption under it)
    const bool code_beside = portrait && layout == 2;
    if (!portrait) {
      u.groups_begin({2, 1}, 240);
      u.group();
    }
    u.text("slip.details", details, TextStyle::heading);
    if (!portrait) u.group();
    if (code_beside) {
      u.groups_begin({1, 4}, 100);
      u.group();
    }
    u.qr("slip.qr", qr_modules(slip_qr_text(ticket, js(a, "date"), js(a, "slip_code"))), c.f("slip.qr", {{"v", ticket}}));
    if (code_beside) u.group();
    u.text("slip.qr_caption", c.t("slip.qr_caption"));
    if (!portrait || code_beside) u.groups_end();
    u.first_page("slip.details");  // (when and where with the number: 1.5× put them on page 2)
  };
  // (the fewest pages, then the largest content size; the actions in their row on a tie and at 1×)
  draw(ui, ui.best_arrangement(3, draw));
  if (repeat) c.emit(intent::RepeatSlip{});
  if (print) c.emit(intent::PrintSlip{});
  if (done) c.emit(intent::Finish{});
  // (the details a sentence a line, kit::sentences, as a job's: "业务：首次办证评定 日期：…" ran
  // on as one before, round 12)
  std::string spoken = c.f("slip.ticket", {{"v", ticket}}) + c.t("punct.period") + sentences(c, details) +
                       c.t("slip.bring") + bring + c.t("punct.period") +
                       // (the QR code's words whatever page it stands on: at 2× on a short panel
                       // the slip pages, and page 1 holds the ticket and the actions)
                       c.f("slip.qr", {{"v", ticket}});
  for (auto& ch : spoken)
    if (ch == '\n') ch = ' ';
  ui.announce(spoken);
  ui.default_focus("slip.repeat");
}

// ------------------------------------------------------------------ my appointments

void my_list(Ui& ui, const ScreenCtx& c) {
  ui.begin("appointments.list", c.t("title.my_list"));
  banners(ui, c);
  if (c.s.appointments.is_null()) return c.app.error().active ? void() : loading(ui, c);
  // (the count is said, not drawn, at any text size: the page starts with the first appointment)
  if (c.s.appointments.empty()) ui.hint(c.t("my_list.none"));
  else ui.spoken_hint(c.f("my_list.hint", {{"n", std::to_string(c.s.appointments.size())}}));
  // One record row per appointment (KIOSK_UI.md): the kind, its status as a badge, when (local,
  // in words), where and the ticket on one line; the cancel action beside it, spoken with the
  // appointment it cancels.
  ui.records_begin();
  for (const auto& a : c.s.appointments) {
    std::string id = js(a, "id");
    std::string kind = kind_name(c, js(a, "kind")), date = fmt_date(c, js(a, "date"));
    std::string when = date + " " + slot(c, a);
    ui.card("appt." + id, kind, {when, js(a, "place"), c.f("slip.ticket", {{"v", js(a, "ticket")}})},
            appt_badge(c, js(a, "status")), false);
    if (js(a, "status") == "booked")
      if (ui.button("appt." + id + ".cancel", c.t("my_list.cancel"), Icon::cross, true,
                    c.t("my_list.cancel") + c.t("punct.comma") + kind + c.t("punct.comma") + date))
        c.emit(intent::CancelAsk{intent::id(id)});
  }
  ui.records_end();
  if (ui.button("my_list.book", c.t("home.appointment"), Icon::calendar)) c.emit(intent::Go{intent::Go::appointment});
  // Back from the cancel dialog (kept): the focus returns to the button that opened it.
  if (c.s.cancel_id) ui.default_focus("appt." + std::to_string(c.s.cancel_id) + ".cancel");
}

void my_cancel(Ui& ui, const ScreenCtx& c) {
  ui.begin("appointments.cancel", c.t("title.my_cancel"));
  banners(ui, c);
  std::string what;
  for (const auto& a : c.s.appointments)
    if (a.value("id", 0L) == c.s.cancel_id)
      what = kind_name(c, js(a, "kind")) + "，" + fmt_date(c, js(a, "date"));
  confirm_dialog(ui, c, c.f("my_cancel.hint", {{"v", what}}), {"cancel.no", c.t("my_cancel.no"), intent::PopTo{Screen::my_list}},
                 {"cancel.yes", c.t("my_cancel.yes"), intent::CancelConfirm{}});
}

// ------------------------------------------------------------------ subsidy
void subsidy_consent(Ui& ui, const ScreenCtx& c) {
  ui.begin("subsidy.consent", c.t("title.subsidy_consent"));
  banners(ui, c);
  ui.fit_pages(1);  // (a question and its two answers: one step, one page — jobs8)
  ui.hint(c.t("subsidy.consent_hint"));
  if (ui.button("consent.yes", c.t("subsidy.consent_yes"), Icon::speaker)) c.emit(intent::Consent{true});
  if (ui.button("consent.no", c.t("subsidy.consent_no"), Icon::cross)) c.emit(intent::Consent{false});
}

// A programme's stage as a badge: short words first (the station's longer wording is on the
// card's second line), an icon, a tone — never colour alone (V5).
Badge subsidy_badge(const ScreenCtx& c, const nlohmann::json& a) {
  static const struct {
    const char* code;
    const char* key;
    Icon icon;
    Badge::Tone tone;
  } looks[] = {{"applied", TK("subsidy.badge.applied"), Icon::clipboard, Badge::warn},
               {"under_review", TK("subsidy.badge.under_review"), Icon::clipboard, Badge::warn},
               {"approved", TK("subsidy.badge.approved"), Icon::check, Badge::good},
               {"paying", TK("subsidy.badge.paying"), Icon::coin, Badge::good},
               {"suspended", TK("subsidy.badge.suspended"), Icon::bell, Badge::bad},
               {"stopped", TK("subsidy.badge.stopped"), Icon::cross, Badge::bad},
               {"rejected", TK("subsidy.badge.rejected"), Icon::cross, Badge::bad},
               {"delivered", TK("subsidy.badge.delivered"), Icon::check, Badge::good}};
  std::string code = js(a, "status");
  for (const auto& l : looks)
    if (code == l.code) return {l.icon, c.t(l.key), l.tone};
  return {Icon::none, loc_field(c, a, "status"), Badge::neutral};
}

// Subsidies (issue 12 point 4): one record row per programme, its status first, then the amount
// and the last payment, since when and where; under the rows, each programme's name over its
// payments as lines, the next review, why and how to appeal when refused; "更新于 今天 10:52"
// under the list.
// A programme as a card: its name, the stage as a badge, then the money (monthly amount, last
// payment) and since when, at which office — two short lines. `said` is the card read aloud.
struct ProgrammeCard {
  std::string name;
  std::vector<std::string> lines;
  Badge badge;
  std::string said;
  std::string brief;  // the list's one detail: the money and since when (the office on the detail)
};

ProgrammeCard programme_card(const ScreenCtx& c, const nlohmann::json& a) {
  ProgrammeCard p{loc_field(c, a, "programme"), {}, subsidy_badge(c, a), ""};
  const auto& pays = a.contains("payments") && a["payments"].is_array() ? a["payments"] : nlohmann::json::array();
  std::string money_line;
  if (a.contains("monthly_amount") && a["monthly_amount"].is_number())
    money_line = c.f("subsidy.monthly", {{"v", money(a["monthly_amount"].get<double>())}});
  if (!pays.empty())
    money_line += (money_line.empty() ? "" : c.t("common.sep")) +
                  c.f("subsidy.last_paid", {{"v", fmt_short_date(c, js(pays[0], "paid_on"))}});
  if (!money_line.empty()) p.lines.push_back(money_line);
  // (the badge says the stage: its date and office here, not its words twice)
  std::string stage = js(a, "stage_date").empty() ? "" : c.f("subsidy.stage_date", {{"v", fmt_short_date(c, js(a, "stage_date"))}});
  p.brief = money_line + (money_line.empty() || stage.empty() ? "" : c.t("common.sep")) + stage;
  if (!js(a, "office").empty()) stage += (stage.empty() ? "" : c.t("common.sep")) + js(a, "office");
  if (!stage.empty()) p.lines.push_back(stage);
  p.said = p.name + c.t("punct.comma") + p.badge.text;
  for (const auto& l : p.lines) p.said += c.t("punct.comma") + l;
  return p;
}

nlohmann::json subsidy_applications(const ScreenCtx& c) {
  return c.s.subsidies.is_object() ? c.s.subsidies.value("applications", nlohmann::json::array()) : nlohmann::json::array();
}

// The programmes, one record row each to compare at a glance (status first, the money, since
// when): "was my nursing subsidy paid?" is answered on the card. A card opens its programme:
// the payments, the next review, why it was refused and how to appeal (subsidy_detail), so the
// list stays one page for the few programmes a resident has.
void subsidy_status(Ui& ui, const ScreenCtx& c) {
  ui.begin("subsidy.status", c.t("title.subsidy_status"));
  banners(ui, c);
  if (c.s.subsidies.is_null()) return c.app.error().active ? void() : loading(ui, c);
  const auto apps = subsidy_applications(c);
  list_hint(ui, apps.empty() ? c.t("subsidy.none") : c.f("subsidy.hint", {{"n", std::to_string(apps.size())}}), apps.empty());
  const bool say = c.s.consent == 1;  // S7: amounts and statuses aloud only with consent
  std::string spoken;
  ui.records_begin();
  int i = 0;
  for (const auto& a : apps) {
    const int index = i++;
    ProgrammeCard p = programme_card(c, a);
    // (settings8: the money and since when as one detail, broken between its parts only where a
    // line does not hold both — a programme is one 24 mm row on a landscape panel, and the demo's
    // three stand on page 1 at 1× on 1280×800 and 1366×768, where the third missed it)
    // (settings9: the office on the programme's detail and in the words read aloud, not on the
    // list — the same office three times; in English at 1× on 1024×600 the first card's detail
    // took two lines and the third programme missed page 1)
    const std::string& detail = p.brief;
    if (ui.card("subsidy." + std::to_string(index), p.name, detail.empty() ? p.lines : std::vector<std::string>{detail}, p.badge, true,
                say ? p.said : p.name + c.t("punct.comma") + c.t("subsidy.card_not_spoken")))
      c.emit(intent::SubsidyOpen{index});
    spoken += p.said + c.t("punct.period");
  }
  ui.records_end();
  std::string updated = c.f("subsidy.as_of", {{"v", fmt_relative(c, js(c.s.subsidies, "as_of"))}});
  ui.text("subsidy.as_of", updated);
  spoken += updated;
  if (say) ui.announce(spoken);
  else ui.announce(c.t("subsidy.shown_not_spoken"));
  if (ui.button("subsidy.done", c.t("slip.done"), Icon::check)) c.emit(intent::Finish{});
  // Back from a programme: the focus returns to its card.
  if (c.s.subsidy_open >= 0) ui.default_focus("subsidy." + std::to_string(c.s.subsidy_open));
}

// The programme the resident opened on the subsidy list (State::subsidy_open), or an empty
// object when there is none (the payments' and the appeal's steps).
nlohmann::json open_programme(const ScreenCtx& c) {
  const auto apps = subsidy_applications(c);
  const bool known = c.s.subsidy_open >= 0 && size_t(c.s.subsidy_open) < apps.size();
  return known ? nlohmann::json(apps[size_t(c.s.subsidy_open)]) : nlohmann::json::object();
}

// One programme: its card (stage badge, the money, since when and the office), why it was
// refused or stopped and how to appeal, beside the next review and its last payments one line
// each (below them where two columns do not hold; details10) — each a paragraph of its own, so
// that a long appeal pages rather than making one block taller than the panel. Read aloud only
// with consent (S7).
void subsidy_detail(Ui& ui, const ScreenCtx& c) {
  const auto apps = subsidy_applications(c);
  const bool known = c.s.subsidy_open >= 0 && size_t(c.s.subsidy_open) < apps.size();
  if (!known) {
    ui.begin("subsidy.detail", c.t("title.subsidy_detail"));
    return banners(ui, c);
  }
  const nlohmann::json& a = apps[size_t(c.s.subsidy_open)];
  ProgrammeCard p = programme_card(c, a);
  const bool say = c.s.consent == 1;
  std::string spoken = p.said + c.t("punct.period");
  // (details10) Two columns where both read, else one under the other (Ui::groups_begin): the
  // programme — its card, why it was refused or stopped, how to appeal — at the left; the next
  // review, its payments and when this was updated at the right; the two actions under both. One under the
  // other the paused programme (card, three payments, review, appeal, updated, two actions ≈ 580
  // px) took 2 pages at 1× on 1024×600, 1024×768, 1280×800 and 1366×768. Read and spoken left,
  // then right. The card says the money a month, since when and where (its last payment is the
  // first of the payments beside it).
  std::vector<std::pair<std::string, std::string>> left, right;  // id, text
  if (!js(a, "next_review").empty())
    right.push_back({"subsidy.review", c.f("subsidy.next_review", {{"v", fmt_date(c, js(a, "next_review"))}})});
  const auto& pays = a.contains("payments") && a["payments"].is_array() ? a["payments"] : nlohmann::json::array();
  int payments = 0;
  for (const auto& pay : pays) {
    if (payments >= 6) break;  // half a year; the office has the rest
    right.push_back({"subsidy.payment." + std::to_string(payments++),
                     c.f("subsidy.payment", {{"period", c.app.local_time().month(js(pay, "period"))},
                                             {"v", js(pay, "amount")},
                                             {"paid", fmt_short_date(c, js(pay, "paid_on"))}})});
  }
  // (why it was refused and how to appeal: one paragraph, a line each — a page never stands
  // between them; on 1024×600 the appeal stood alone on page 2 under the refused programme)
  if (!loc_field(c, a, "reason").empty())
    left.push_back({"subsidy.reason", c.f("subsidy.reason", {{"v", loc_field(c, a, "reason")}})});
  // (round 15) Where nothing else holds one page, or holds it only at 1× (below), the appeal is
  // a step of its own behind 不同意怎么办 (subsidy_appeal): left_folded is the left without it.
  auto left_folded = left;
  std::string appeal = loc_field(c, a, "appeal");
  const bool appeals = !appeal.empty() && (js(a, "status") == "rejected" || js(a, "status") == "stopped" || js(a, "status") == "suspended");
  if (appeals) {
    if (!left.empty()) left.back().second += "\n" + c.f("subsidy.appeal", {{"v", appeal}});
    else left.push_back({"subsidy.appeal", c.f("subsidy.appeal", {{"v", appeal}})});
  }
  right.push_back({"subsidy.as_of", c.f("subsidy.as_of", {{"v", fmt_relative(c, js(c.s.subsidies, "as_of"))}})});
  // (the content size with the fewest pages, the larger on a tie: at 1× the compact frame holds
  // the refused programme's appeal on page 1 on 1024×600, the designed frame put it on page 2;
  // at larger text the paused programme with the station's appeal took 3 pages at 1.5–2× on
  // 1366×768 — 3 at 1.5× in English under fit_pages(2) too — round 10)
  std::vector<std::string> lines = p.lines;
  if (a.contains("monthly_amount") && a["monthly_amount"].is_number() && !lines.empty())
    lines[0] = c.f("subsidy.monthly", {{"v", money(a["monthly_amount"].get<double>())}});
  for (const auto* side : {&left, &right})
    for (const auto& [id, text] : *side) spoken += sentences(c, text);  // (one period a sentence: "…行政复议。。" before, round 10)
  // (details11) Where this does not stand on one page at 1× (1024×600: the paused programme in
  // both languages, the refused one in Chinese — 2 pages, the payments on page 2), the two
  // actions are the screen's tools in the caption's strip (Ui::list_tool, as the jobs filter's
  // 查看岗位), so that the card, the appeal, the review and the payments have the page; where
  // that is not enough either, the card and when updated stand beside the review and the
  // payments (a line of groups must leave room for the pager's own row: the card and the appeal
  // in half the width took ≈ 310 px of ≈ 250), the reason and the appeal under both. The layout
  // with the fewest pages is kept, the first on a tie; at larger text as before.
  // (round 13) At larger text, where the whole does not hold one page (2 pages in 28 of the 108
  // theme-0 walks at 1.5–2×: 1024-wide panels, 1280×800, 1366×768 at 2×), the payments are a
  // list of their own behind 发放记录 (subsidy_payments, as a resident's records behind the
  // desk's card) — the card still says when the money was last paid — and the detail is one
  // step on one page: the card, why and how to appeal, the next review, 发放记录, its actions
  // in a row or as the screen's tools (Ui::best_arrangement: the fewest pages, then the largest
  // content, as designed on a tie).
  const int n_payments = int(pays.size());
  bool back = false, done = false, history = false, how = false;
  // fold: 0 the payments shown, 1 behind 发放记录 in the content, 2 发放记录 as the screen's tool;
  // fold_appeal: the appeal behind 不同意怎么办
  auto draw = [&](Ui& u, int layout, int fold, bool fold_appeal) {
    const auto& why = fold_appeal ? left_folded : left;
    u.begin("subsidy.detail", c.t("title.subsidy_detail"));
    banners(u, c);
    u.fewest_pages();
    const bool beside = layout == 2;  // (the card beside the review and the payments)
    // (beside: when updated under the card, why and how to appeal under both)
    std::vector<std::pair<std::string, std::string>> l = why, r = right;
    if (beside) l = {right.back()}, r.pop_back();
    // (a column of at least 105 mm at 1×, wider at larger text: the card's heading beside its badge
    // broke "Nursing" in half the width of 1080×1920 at 2×)
    u.groups_begin(2, 420 * u.env().scale);
    u.group();
    u.card("subsidy.detail.card", p.name, fold ? p.lines : lines, p.badge, false,
            say ? p.said : p.name + c.t("punct.comma") + c.t("subsidy.card_not_spoken"));
    for (const auto& [id, text] : l) u.text(id, text);
    if (fold_appeal && !beside && layout == 0) how = u.button("subsidy.appeal_open", c.t("subsidy.appeal_open"), Icon::list);
    u.group();
    bool listed = false;
    for (const auto& [id, text] : r) {
      if (fold && id.rfind("subsidy.payment.", 0) == 0) {
        if (!listed && fold == 1)
          history = u.button("subsidy.payments", c.f("subsidy.payments", {{"n", std::to_string(n_payments)}}), Icon::list);
        listed = true;
        continue;
      }
      if (fold && id == "subsidy.as_of") continue;  // (said on the list before and the payments after)
      u.text(id, text);
    }
    u.groups_end();
    if (beside)
      for (const auto& [id, text] : why) u.text(id, text);
    if (fold_appeal && layout > 0) how = u.list_tool("subsidy.appeal_open", c.t("subsidy.appeal_open"), Icon::list);
    if (fold == 2)
      history = u.list_tool("subsidy.payments", c.f("subsidy.payments", {{"n", std::to_string(n_payments)}}), Icon::list);
    if (layout > 0) {
      back = u.list_tool("subsidy.back", c.t("subsidy.back"), Icon::list);
      done = u.list_tool("subsidy.done", c.t("slip.done"), Icon::check);
      u.default_focus("subsidy.detail.card");  // (the tools come first in the registry)
    } else {
      u.row(2);
      back = u.button("subsidy.back", c.t("subsidy.back"), Icon::list);
      done = u.button("subsidy.done", c.t("slip.done"), Icon::check);
      u.end_row();
    }
  };
  // (layout, fold), as designed first. At 1× (details11): the actions as tools, then the card
  // beside the review. At larger text (round 13): the payments behind 发放记录 with the actions in
  // a row, as tools, 发放记录 a tool too; then the 1× arrangements with the payments shown or
  // folded — the paused programme with the station's appeal and a year of payments took 2 pages
  // at 1.5× on 1024×600 in all the others. One choice, Ui::best_arrangement's.
  const bool larger = ui.env().scale > 1.01f, fold_too = larger && n_payments > 0;
  const bool can_beside = right.size() >= 2 && !left.empty();  // (something to set beside the card)
  std::vector<std::pair<int, int>> ways = {{0, 0}};
  if (fold_too) ways.insert(ways.end(), {{0, 1}, {1, 1}, {1, 2}});
  ways.push_back({1, 0});
  if (can_beside) {
    ways.push_back({2, 0});
    if (fold_too) ways.insert(ways.end(), {{2, 1}, {2, 2}});
  }
  // (round 15) Where none of them holds one page at larger text (the station's long appeal in
  // English at 1.5–2× on 1024×600, 1.5× on 1366×768: 2 pages), or holds it only at 1× (29 of
  // the subsidy test's 216 cases, 1366×768 at 1.5× among them), each again with the appeal
  // behind 不同意怎么办 — in the content, or as the screen's tool where the actions are tools;
  // taken only where it gains (fewer pages, a larger content size). Not wherever it gains: the
  // appeal is what a refused resident came to read (it folded in 114 of 216 cases, and its tool
  // broke "不同意怎么办" on 768×1366 at 2×).
  // (Ui::best_arrangement's fallbacks: tried only where none before holds one page above 1×; the
  // choice remembered with the rest, no trial of its own a laid-out frame)
  const size_t whole = ways.size();
  if (appeals && larger)
    for (size_t i = 0; i < whole; ++i) ways.push_back(ways[i]);
  auto way = [&](Ui& u, int w) { draw(u, ways[size_t(w)].first, ways[size_t(w)].second, size_t(w) >= whole); };
  way(ui, ui.best_arrangement(int(ways.size()), way, true, false, int(whole)));
  if (say) ui.announce(spoken);
  else ui.announce(c.t("subsidy.shown_not_spoken"));
  if (back) c.emit(intent::PopTo{Screen::subsidy_status});
  if (done) c.emit(intent::Finish{});
  if (history) c.emit(intent::SubsidyPayments{});
  if (how) c.emit(intent::SubsidyAppeal{});
}

// Why a programme was refused or stopped and how to appeal (round 15), reached from its detail
// by 不同意怎么办 where the detail does not hold them on one page above 1× (subsidy_detail). One
// page: the reason, then the appeal in the station's words, each a paragraph. Read aloud only
// with consent (S7); Back returns to the programme. (The detail still reads the appeal aloud
// where it is folded: heard, a blind resident needs no button.)
void subsidy_appeal(Ui& ui, const ScreenCtx& c) {
  const nlohmann::json a = open_programme(c);
  ui.begin("subsidy.appeal", c.f("title.subsidy_appeal", {{"v", loc_field(c, a, "programme")}}));
  banners(ui, c);
  if (a.empty()) return;
  ui.fewest_pages();
  std::string spoken;
  if (!loc_field(c, a, "reason").empty()) {
    const std::string reason = c.f("subsidy.reason", {{"v", loc_field(c, a, "reason")}});
    ui.text("subsidy.reason", reason);
    spoken += sentences(c, reason);
  }
  // (the appeal's own words: its title says what they are — "How to appeal: Nursing subsidy" over
  // "To appeal: If you disagree…" said it twice)
  const std::string appeal = loc_field(c, a, "appeal");
  ui.text("subsidy.appeal", appeal);
  spoken += sentences(c, appeal);
  if (c.s.consent == 1) ui.announce(spoken);
  else ui.announce(c.t("subsidy.shown_not_spoken"));
}

// A programme's payments (round 13), reached from its detail by 发放记录 where the detail does
// not hold them at the resident's text size: a list of records, the latest first, a card each —
// the month, the money and the day it was paid — paged as lists are (≥ 4 a page at 1×, ≥ 2 at
// larger text). Read aloud only with consent (S7); Back returns to the programme.
void subsidy_payments(Ui& ui, const ScreenCtx& c) {
  const nlohmann::json a = open_programme(c);
  ui.begin("subsidy.payments", c.f("title.subsidy_payments", {{"v", loc_field(c, a, "programme")}}));
  banners(ui, c);
  if (a.empty()) return;
  const bool say = c.s.consent == 1;
  const auto& pays = a.contains("payments") && a["payments"].is_array() ? a["payments"] : nlohmann::json::array();
  // (when updated is heard here and shown on the programmes' list: under the records it stood
  // alone on a page of its own at 2× on 1366×768)
  list_hint(ui, c.f("subsidy.payments_hint", {{"n", std::to_string(pays.size())}}) +
                    c.f("subsidy.as_of", {{"v", fmt_relative(c, js(c.s.subsidies, "as_of"))}}),
            pays.empty());
  std::string spoken;
  ui.records_begin();
  int i = 0;
  for (const auto& pay : pays) {
    // (one line a payment, as on the detail — "8月：290元，8月15日到账": the month over the money
    // over the day took three lines, two records a page at 2× on 1366×768)
    const std::string month = c.app.local_time().month(js(pay, "period"));
    const std::string said = c.f("subsidy.payment", {{"period", month}, {"v", js(pay, "amount")}, {"paid", fmt_short_date(c, js(pay, "paid_on"))}});
    ui.card("payment." + std::to_string(i++), said, {}, {}, false,
            say ? said : month + c.t("punct.comma") + c.t("subsidy.card_not_spoken"));
    spoken += said + c.t("punct.period");
  }
  ui.records_end();
  if (say) ui.announce(spoken);
  else ui.announce(c.t("subsidy.shown_not_spoken"));
}

// ------------------------------------------------------------------ jobs

std::string salary(const ScreenCtx& c, const nlohmann::json& j) {
  std::string lo = js(j, "salary_min"), hi = js(j, "salary_max");
  if (lo.empty() && hi.empty()) return c.t("jobs.salary_unknown");
  return c.f("jobs.salary", {{"lo", lo}, {"hi", hi}});
}

Badge job_badge(const ScreenCtx& c, const nlohmann::json& j) {
  std::string deadline = js(j, "deadline");
  auto end = Date::parse(deadline), today = Date::parse(c.app.local_time().today());
  if (end && today && days_between(*today, *end) <= 7)
    return {Icon::bell, c.f("jobs.closes", {{"v", fmt_short_date(c, deadline)}}), Badge::warn};
  std::string places = js(j, "places");
  if (places.empty()) return {};
  return {Icon::person, c.f("jobs.places_badge", {{"n", places}}), Badge::neutral};
}

// The categories a job suits, the words they share said once: "视力残疾、听力残疾" →
// "视力、听力残疾" (the names in English share nothing and stay as they are).
std::string compact_list(const ScreenCtx& c, const nlohmann::json& cats) {
  std::vector<std::string> names;
  if (cats.is_array())
    for (const auto& v : cats)
      if (v.is_number_integer() && v.get<int>() >= 1 && v.get<int>() <= 7) names.push_back(c.t(kCategories[v.get<int>()]));
  if (names.empty()) return "";
  // (the longest ending of whole code points that every name has, shorter than each name)
  std::string common = names[0];
  for (const auto& n : names)
    while (!common.empty() && (n.size() <= common.size() || n.compare(n.size() - common.size(), common.size(), common) != 0)) {
      size_t k = 0;
      next_codepoint(common, &k);
      common.erase(0, k);
    }
  if (names.size() < 2 || common.size() < 3 || (common[0] & 0x80) == 0) common.clear();
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i ? c.t("punct.list") : "") + (i + 1 < names.size() ? names[i].substr(0, names[i].size() - common.size()) : names[i]);
  return out;
}

void jobs_list(Ui& ui, const ScreenCtx& c) {
  ui.begin("jobs.list", c.t("title.jobs_list"));
  banners(ui, c);
  std::string filters;  // (what is chosen, "东城区 餐饮"; "Filter: 东城区 Catering" in English)
  auto add = [&](const std::string& v) { filters += (filters.empty() ? "" : " ") + v; };
  if (!c.s.f_district.empty()) add(c.s.f_district);
  if (!c.s.f_type.empty()) add(job_type_name(c, c.s.f_type));
  if (c.s.f_category) add(c.t(kCategories[c.s.f_category]));
  const std::string filter_label = filters.empty() ? c.t("jobs.filter") : c.f("jobs.filter_with", {{"v", filters}});
  // The filter is the list's tool: in the pager's row on every page (Ui::list_tool), so that a
  // page is the jobs themselves — 4 on 1366×768 at 1× (2 when it had a row of its own).
  if (ui.list_tool("jobs.filter", filter_label, Icon::list)) c.emit(intent::Go{intent::Go::jobs_filter});
  // (the station down before any job arrived: the message and 重试 are one step, one page — jobs8)
  if (c.s.jobs.is_null()) return c.app.error().active ? ui.fit_pages(1) : loading(ui, c);
  const auto jobs = c.s.jobs.is_object() ? c.s.jobs.value("jobs", nlohmann::json::array()) : nlohmann::json::array();
  // The hint ("共24个岗位。选择一个查看详情。") heard and captioned, not drawn (an empty list's
  // "none" is drawn): the page starts with the jobs.
  if (jobs.empty()) ui.hint(c.t("jobs.none"));
  else ui.spoken_hint(c.f("jobs.hint", {{"n", std::to_string(c.s.jobs_total)}}));
  // Record rows to compare at a glance (issue 12 point 4), each two lines as a job board shows
  // them: the title and the pay ("电话客服专员 · 3500–4800元/月") beside the badge (places, or
  // the closing date within a week), then employer, district and who it suits ("适合视力、听力
  // 残疾": the words the categories share said once) — so that 4 stand on a page of 1366×768.
  // Spoken: title, pay, badge, employer, district, who it suits. Two columns only where a column
  // keeps the title and the pay on one line (1920×1080 and up): on 1366×768 two columns broke
  // "6000–9000元/月" after its digits.
  ui.records_begin(ui.env().width >= ui.u(1800) ? 2 : 1);
  for (const auto& j : jobs) {
    std::string id = js(j, "id");
    std::string who = compact_list(c, j.value("categories", nlohmann::json::array()));
    std::vector<std::string> details{js(j, "employer"), js(j, "district")};
    if (!who.empty()) details.push_back(c.f("jobs.suits", {{"v", who}}));
    const Badge badge = job_badge(c, j);
    std::string said = js(j, "title") + c.t("punct.comma") + salary(c, j);
    if (!badge.text.empty()) said += c.t("punct.comma") + badge.text;
    for (const auto& d : details) said += c.t("punct.comma") + d;
    if (ui.card("job." + id, js(j, "title") + " · " + salary(c, j), details, badge, true, said))
      c.emit(intent::JobOpen{intent::id(id)});
  }
  ui.records_end();
}

void jobs_filter(Ui& ui, const ScreenCtx& c) {
  // A step per group of choices (jobs9): district, then kind, then category, each its own screen
  // ("jobs.filter", "jobs.filter.type", "jobs.filter.category": announced on entry, "第2步，共3步")
  // on one page at 1× on every panel — as one form (jobs7) it took five lines of 24 mm choices
  // in English where four fit (2 pages at 1× on landscape panels under 900 px and 768×1366, 3–4
  // at larger text). 查看岗位 on every group (the list with what is chosen so far), 下一步 on the
  // first two, both in the caption's strip (Ui::list_tool); Back goes to the group before
  // (JobsController::back_step). The groups chosen before are shown and spoken above the choices.
  static const char* const kIds[] = {"jobs.filter", "jobs.filter.type", "jobs.filter.category"};
  const int step = std::clamp(c.s.f_step, 0, 2);
  ui.begin(kIds[step], c.t("title.jobs_filter"), c.f("common.step", {{"i", std::to_string(step + 1)}, {"n", "3"}}));
  banners(ui, c);
  ui.spoken_hint(c.t(step == 0 ? "jobs.filter_hint_district" : step == 1 ? "jobs.filter_hint_type" : "jobs.filter_hint_category"));
  // (details10: one page at every text size — the content size with the fewest pages, the
  // resident's own size where it holds them all, Ui::fewest_pages; the kinds' eleven took 2 pages
  // at larger text in 42 of 108 walks under fit_pages(2))
  if (ui.env().scale > 1.01f) ui.fewest_pages();
  if (ui.list_tool("filter.apply", c.t("jobs.filter_apply"), Icon::check)) c.emit(intent::FilterApply{});
  if (step < 2 && ui.list_tool("filter.next", c.t("jobs.filter_next"), Icon::right)) c.emit(intent::FilterNext{});
  const nlohmann::json facets = c.s.facets.is_object() ? c.s.facets : nlohmann::json::object();
  // (what the groups before say: "已选：区 东城区 · 岗位类型 不限")
  // (details10: "You chose District: Any · Job type: Any" — one colon a pair; "Chosen: District:
  // Any" before — and spoken with commas, not the dot: "已选：区 不限，岗位类型 不限")
  std::string chosen, said;
  auto pair = [&](const char* name, const std::string& v) {
    const std::string p = c.f("jobs.filter_pair", {{"k", c.t(name)}, {"v", v}});
    chosen += (chosen.empty() ? "" : c.t("common.sep")) + p;
    said += (said.empty() ? "" : c.t("punct.comma")) + p;
  };
  if (step > 0) pair("jobs.district", c.s.f_district.empty() ? c.t("jobs.any") : c.s.f_district);
  if (step > 1) pair("jobs.type", c.s.f_type.empty() ? c.t("jobs.any") : job_type_name(c, c.s.f_type));
  if (!chosen.empty()) {
    ui.text("filter.chosen", c.f("jobs.filter_chosen", {{"v", chosen}}), TextStyle::body,
            c.f("jobs.filter_chosen", {{"v", said}}));
    ui.announce(c.f("jobs.filter_chosen", {{"v", said}}));
  }
  std::string focus;  // (the focus on the group's choice: "不限，已选")
  auto option = [&](const std::string& id, const std::string& label, bool on, const std::string& speak = "") {
    if (on) focus = id;
    return ui.option(id, label, on, speak);
  };
  int i = 0;
  if (step == 0) {
    ui.choices("filter.district_heading", c.t("jobs.district"));
    if (option("filter.district.any", c.t("jobs.any"), c.s.f_district.empty())) c.emit(intent::FilterDistrict{""});
    for (const auto& d : facets.value("districts", nlohmann::json::array())) {
      std::string name = d.is_string() ? d.get<std::string>() : js(d, "name");
      if (option("filter.district." + std::to_string(i++), name, c.s.f_district == name)) c.emit(intent::FilterDistrict{name});
    }
  } else if (step == 1) {
    ui.choices("filter.type_heading", c.t("jobs.type"));
    if (option("filter.type.any", c.t("jobs.any"), c.s.f_type.empty())) c.emit(intent::FilterType{""});
    for (const auto& d : facets.value("job_types", nlohmann::json::array())) {
      std::string code = d.is_string() ? d.get<std::string>() : js(d, "code");
      if (option("filter.type." + std::to_string(i++), job_type_name(c, code), c.s.f_type == code)) c.emit(intent::FilterType{code});
    }
  } else {
    ui.choices("filter.category_heading", c.t("jobs.category"));
    for (int k = 0; k <= 7; ++k)
      if (option("filter.category." + std::to_string(k), c.t(kCategoriesShort[k]), c.s.f_category == k, c.t(kCategories[k])))
        c.emit(intent::FilterCategory{k});
  }
  ui.end_row();
  if (!focus.empty()) ui.default_focus(focus);
}

// A job's details after what one compares first: kind, hours, access, education, demands,
// training, a line each, "工作时间：弹性工作时间" (jobs_detail beside its summary, jobs_about on a
// step of their own: there at larger text a record each).
std::vector<std::string> job_more(const ScreenCtx& c, const nlohmann::json& j) {
  std::string access;
  if (j.contains("accessibility") && j["accessibility"].is_array())
    for (const auto& a : j["accessibility"])
      for (const auto& p : kAccess)
        if (a.is_string() && a.get<std::string>() == p[0]) access += (access.empty() ? "" : c.t("punct.list")) + c.t(p[1]);
  std::vector<std::string> more = {c.f("jobs.kind", {{"v", job_type_name(c, js(j, "job_type"))}}),
                                   c.f("jobs.hours", {{"v", js(j, "hours")}})};
  if (!access.empty()) more.push_back(c.f("jobs.access", {{"v", access}}));
  if (!js(j, "education").empty()) more.push_back(c.f("jobs.education", {{"v", js(j, "education")}}));
  if (!js(j, "physical_demands").empty()) more.push_back(c.f("jobs.physical", {{"v", js(j, "physical_demands")}}));
  if (!js(j, "training").empty()) more.push_back(c.f("jobs.training", {{"v", js(j, "training")}}));
  return more;
}

// Lines `from` up to `to` of `lines`, one text.
std::string joined_lines(const std::vector<std::string>& lines, size_t from = 0, size_t to = size_t(-1)) {
  std::string out;
  for (size_t i = from; i < lines.size() && i < to; ++i) out += (i == from ? "" : "\n") + lines[i];
  return out;
}

// What a job's detail says aloud (either layout, and its 职位介绍 step): its lines, a sentence
// each (kit::sentences, as a programme's detail: "招7人。单位：…。地点：…" — round 12; joined
// with spaces before, a blind job seeker heard "招7人 单位：… 地点：…" as one run).
std::string job_said(const ScreenCtx& c, const std::string& lines) { return sentences(c, lines); }

void jobs_detail(Ui& ui, const ScreenCtx& c) {
  const auto& j = c.s.job;
  if (j.is_null()) {
    ui.begin("jobs.detail", c.t("title.jobs_detail"));
    banners(ui, c);
    return loading(ui, c);
  }
  // A job seeker compares a job at a glance (jobs8): 我有兴趣 (how to apply), then the title's
  // job at a glance — pay and places, employer, where, who it suits, until when one can apply —
  // on page 1 at every panel and text size (Ui::first_page); beside it where both read, else
  // after it, the rest (kind, hours, access, education, demands, training: jobs6's two columns), then
  // the description. At larger text at most two pages (fit_pages(2): 3–4 at 1.5–2× on 1366×768,
  // 1280×800 and 1024×600 before, the pay alone on page 1). Spoken as shown, a sentence a line.
  // (the address alone when it starts with the district: "通州区示例路192号", not "通州区 通州区…")
  const std::string district = js(j, "district"), address = js(j, "address");
  const std::string where = address.empty() ? district
                            : district.empty() || address.rfind(district, 0) == 0 ? address
                                                                                  : district + " " + address;
  // (the places with the pay, one line: "工资：6000–9000元/月 · 招7人"; the employer and where
  // one paragraph, broken between them where a line does not hold both — details10: four lines
  // where the line holds them, so that the summary stands whole on page 1 with 我有兴趣 in English
  // at 1.5–2× on 1024×600, where its fifth line missed it by ≈ 37 px)
  std::string summary = c.f("jobs.pay", {{"v", salary(c, j)}}) +
                        (js(j, "places").empty() ? "" : c.t("common.sep") + c.f("jobs.places_badge", {{"n", js(j, "places")}})) + "\n" + c.f("jobs.employer", {{"v", js(j, "employer")}}) +
                        c.t("common.sep") + c.f("jobs.where", {{"v", where}}) + "\n" +
                        c.f("jobs.suitable", {{"v", categories_text(c, j.value("categories", nlohmann::json::array()))}});
  if (!js(j, "deadline").empty()) summary += "\n" + c.f("jobs.deadline", {{"v", fmt_date(c, js(j, "deadline"))}});
  const std::string more = joined_lines(job_more(c, j)), description = js(j, "description");
  // (details11) A detail is a step: where the page does not hold it all (1024×600 at 1×: 我有兴趣,
  // the summary, six lines of details and the description need ≈ 560 px of ≈ 335; at larger
  // text on most panels), 我有兴趣 and 职位介绍 stand in one row over the summary, and the
  // details and the description are a step of their own behind 职位介绍 (jobs_about). Spoken
  // whole either way. (Round 11, lead: one page at every text size — at 1.5–2× the detail took 2
  // pages in 62 of 108 theme-0 walks, now 0; jobs.about takes 2 in 46 of 70.)
  bool interest = false, about = false;
  auto draw = [&](Ui& u, bool folded) {
    u.begin("jobs.detail", js(j, "title"));
    banners(u, c);
    if (u.env().scale > 1.01f) u.fit_pages(2);
    if (folded) {
      u.row(2);
      interest = u.button("job.interest", c.t("jobs.interest"), Icon::person);
      about = u.button("job.about", c.t("jobs.about"), Icon::list);
      u.end_row();
      u.text("job.summary", summary);
    } else {
      interest = u.button("job.interest", c.t("jobs.interest"), Icon::person);
      u.row(2);
      u.text("job.summary", summary);
      u.text("job.details", more);
      u.end_row();
      if (!description.empty()) u.text("job.description", description);
    }
    u.first_page("job.summary");
    u.first_page("job.summary#2");  // (whole on page 1: a paragraph's second part stands on the next)
  };
  const Ui::Trial whole = ui.trial([&](Ui& u) { draw(u, false); });
  draw(ui, whole.pages > 1 || whole.over);
  if (interest) c.emit(intent::JobInterest{});
  if (about) c.emit(intent::JobAbout{});
  ui.announce(job_said(c, summary + "\n" + more + (description.empty() ? "" : "\n" + description)));
  ui.default_focus("job.interest");
}

// 职位介绍 (details11): a job's details and its description, a step of their own where the job's
// detail does not hold them; 我有兴趣 under them, Back to the job.
void jobs_about(Ui& ui, const ScreenCtx& c) {
  const auto& j = c.s.job;
  if (j.is_null()) {
    ui.begin("jobs.about", c.f("title.jobs_about", {{"v", js(j, "title")}}));
    return banners(ui, c);
  }
  const std::vector<std::string> parts = job_more(c, j);
  const std::string more = joined_lines(parts), description = js(j, "description");
  // (round 13) At larger text a list of the job's particulars, a one-line record each, the
  // description last under its name ("工作内容"), with 我有兴趣 as the list's tool on every page: it
  // pages between records as a list does (≥ 2 a page), never inside one, at the resident's own
  // size. (Round 12, text12: the text below in up to four arrangements, the largest within 2
  // pages: 2 pages in 49 of the 70 theme-0 walks that reach it at 1.5–2×, a paragraph split
  // between pages; drawn at the size with the fewest pages instead, 8 still took 2 and 12 were
  // drawn at 1×.) At 1× (1024×600, where the job's detail does not hold them) the text, one page.
  bool interest = false;
  if (ui.env().scale > 1.01f) {
    ui.begin("jobs.about", c.f("title.jobs_about", {{"v", js(j, "title")}}));
    banners(ui, c);
    interest = ui.list_tool("job.interest", c.t("jobs.interest"), Icon::person);
    ui.records_begin(1);
    // (a particular a one-line card, "工作时间：弹性工作时间", one under the other as a sheet of
    // particulars is read: a card with its name over its value took 212 px at 2× on 1366×768, 4
    // pages for seven; two columns wrapped "工作时间：/弹性工作时间" and left half of page 1 empty;
    // three cards of two particulars each went to one column and their content down to 1× to
    // keep two records a page)
    int n = 0;
    for (const auto& line : parts) ui.card("fact." + std::to_string(n++), line, {}, {}, false);
    if (!description.empty())
      ui.card("fact." + std::to_string(n++), c.t("jobs.label.description"), {description}, {}, false,
              c.t("jobs.label.description") + c.t("punct.colon") + description);
    ui.records_end();
    ui.default_focus("job.interest");
  } else {
    ui.begin("jobs.about", c.f("title.jobs_about", {{"v", js(j, "title")}}));
    banners(ui, c);
    // (the details as label and value, two a line: six lines took 232 px of 1024×600's ≈ 270 and
    // left the description and 我有兴趣 on page 2; side by side where both halves read, else one
    // under the other — Ui::layout_blocks)
    const size_t half = (parts.size() + 1) / 2;
    const std::string first = joined_lines(parts, 0, half), second = joined_lines(parts, half);
    ui.row(2);
    ui.text("job.details", first);
    if (!second.empty()) ui.text("job.details.more", second);
    ui.end_row();
    if (!description.empty()) ui.text("job.description", description);
    interest = ui.button("job.interest", c.t("jobs.interest"), Icon::person);
  }
  if (interest) c.emit(intent::JobInterest{});
  ui.announce(job_said(c, more + (description.empty() ? "" : "\n" + description)));
}

void jobs_done(Ui& ui, const ScreenCtx& c) {
  ui.begin("jobs.interest_done", c.t("title.jobs_done"));
  banners(ui, c);
  ui.fit_pages(1);  // (a message with its two ways on: one page — jobs8)
  if (!c.s.interest_done) return c.app.error().active ? void() : loading(ui, c);
  ui.hint(c.f("jobs.done_hint", {{"v", js(c.s.job, "title")}}));
  if (ui.button("jobs.back_to_list", c.t("jobs.back_to_list"), Icon::list)) c.emit(intent::PopTo{Screen::jobs_list});
  if (ui.button("jobs.done", c.t("slip.done"), Icon::check)) c.emit(intent::Finish{});
}

// ------------------------------------------------------------------ call staff
void call_staff(Ui& ui, const ScreenCtx& c) {
  ui.begin("call_staff", c.t("title.call_staff"));
  banners(ui, c);
  ui.fit_pages(1);  // (the call's banner, its number and 完成: one page — jobs8)
  if (c.s.call_id == 0) {
    if (!c.app.error().active) ui.text("call.sending", c.t("call.sending"), TextStyle::large);
    return;
  }
  // H1: a large, steady visual signal (no flashing, V5) together with the speech.
  std::string banner = c.t(c.s.call_status == "acknowledged" ? "call.acknowledged" : "call.coming");
  ui.text("call.banner", banner, TextStyle::banner);
  ui.announce(banner);
  ui.hint(c.t("call.hint"));
  ui.text("call.number", c.f("call.number", {{"v", std::to_string(c.s.call_id)}}), TextStyle::large);
  if (ui.button("call.done", c.t("slip.done"), Icon::check)) c.emit(intent::Finish{});
}

}  // namespace

// The screen table's draw functions (core/screen.cpp).
namespace screens {

void home(Ui& ui, const ScreenCtx& c) { tx::home(ui, c); }
void settings(Ui& ui, const ScreenCtx& c) { tx::settings(ui, c); }
void settings_more(Ui& ui, const ScreenCtx& c) { tx::settings_more(ui, c); }
void language(Ui& ui, const ScreenCtx& c) { tx::language(ui, c); }
void appt_kind(Ui& ui, const ScreenCtx& c) { tx::appt_kind(ui, c); }
void appt_day(Ui& ui, const ScreenCtx& c) { tx::appt_day(ui, c); }
void identity_id(Ui& ui, const ScreenCtx& c) { tx::identity(ui, c, IdField::id); }
void identity_phone(Ui& ui, const ScreenCtx& c) { tx::identity(ui, c, IdField::last4); }
void identity_phone_full(Ui& ui, const ScreenCtx& c) { tx::identity(ui, c, IdField::full); }
void identity_returning(Ui& ui, const ScreenCtx& c) { tx::identity_returning(ui, c); }
void appt_confirm(Ui& ui, const ScreenCtx& c) { tx::appt_confirm(ui, c); }
// What to bring in short words on the ticket (days7): the station's own words ("近期两寸白底免冠照片
// 3张") are spoken and printed; a key the catalog does not know is shown in the station's words.
const char* const kBringShort[][2] = {{"bring.id_card", TK("bring_short.id_card")},
                                      {"bring.household_register", TK("bring_short.household_register")},
                                      {"bring.photos", TK("bring_short.photos")},
                                      {"bring.medical_records", TK("bring_short.medical_records")},
                                      {"bring.old_certificate", TK("bring_short.old_certificate")},
                                      {"bring.loss_statement", TK("bring_short.loss_statement")},
                                      {"bring.guardian_id", TK("bring_short.guardian_id")},
                                      {"bring.residence_permit", TK("bring_short.residence_permit")},
                                      {"bring.video_device", TK("bring_short.video_device")}};

void appt_slip(Ui& ui, const ScreenCtx& c) { tx::appt_slip(ui, c); }
void my_list(Ui& ui, const ScreenCtx& c) { tx::my_list(ui, c); }
void my_cancel(Ui& ui, const ScreenCtx& c) { tx::my_cancel(ui, c); }
void subsidy_consent(Ui& ui, const ScreenCtx& c) { tx::subsidy_consent(ui, c); }
void subsidy_status(Ui& ui, const ScreenCtx& c) { tx::subsidy_status(ui, c); }
void subsidy_detail(Ui& ui, const ScreenCtx& c) { tx::subsidy_detail(ui, c); }
void jobs_list(Ui& ui, const ScreenCtx& c) { tx::jobs_list(ui, c); }
void jobs_filter(Ui& ui, const ScreenCtx& c) { tx::jobs_filter(ui, c); }
void jobs_detail(Ui& ui, const ScreenCtx& c) { tx::jobs_detail(ui, c); }
void jobs_done(Ui& ui, const ScreenCtx& c) { tx::jobs_done(ui, c); }
void jobs_about(Ui& ui, const ScreenCtx& c) { tx::jobs_about(ui, c); }
void subsidy_payments(Ui& ui, const ScreenCtx& c) { tx::subsidy_payments(ui, c); }
void subsidy_appeal(Ui& ui, const ScreenCtx& c) { tx::subsidy_appeal(ui, c); }
void call_staff(Ui& ui, const ScreenCtx& c) { tx::call_staff(ui, c); }

}  // namespace screens

}  // namespace tx
