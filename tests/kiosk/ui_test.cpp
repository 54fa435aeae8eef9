// Every screen of every journey, at every text size, in every theme, with and without the
// low-reach layout, in both screen languages, and (with the real font: kiosk_layout_tests) on
// every panel from 1024×600 to 3840×2160 in both orientations at its default pitch: targets
// ≥ 24 mm (keys ≥ 30 mm), ≥ 4 mm apart, a focus ring ≥ 1.5 mm, nothing overlapping or off
// screen, no word broken across lines, a typing step (prompt, field, keypad, submit) on one page,
// text contrast ≥ 7:1, one visible focus (V1–V4, V6).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <set>

#include "domain/date.h"
#include "harness.h"

using namespace tx;
using namespace tx::testing;

namespace {

struct Combo {
  int theme, text;
  bool low_reach;
  Locale loc;
  int w = 1920, h = 1080;
  bool step_rule = true;  // "never split a step" asserted (met so far on this panel and size)
};

std::string name(const Combo& c) {
  return std::to_string(c.w) + "x" + std::to_string(c.h) + "_theme" + std::to_string(c.theme) +
         "_text" + std::to_string(c.text) + (c.low_reach ? "_low" : "") +
         (c.loc == Locale::en ? "_en" : "_zh");
}

// A label wrapped inside a word (core/text.h broken_word, the rule the layout chooses by): a
// Latin word, a short Chinese phrase, a quoted key name or a date over two lines — but a date
// wider than the line at the smallest text (Ui::fit_label's last try) may break between its
// parts only (date_parts).
std::string frame_broken_word(const std::string& label, const std::vector<std::string>& lines) {
  return tx::broken_word(label, lines, true);
}

#ifdef TX_REAL_FONT_METRICS
constexpr bool kRealFont = true;
#else
constexpr bool kRealFont = false;
#endif
// Whether this run asserts "never split a step" (the combos the layout meets it in so far).
bool g_step_rule = true;

void check_frame(KioskHarness& k, const std::string& where, std::set<std::string>* seen) {
  const Ui& ui = k.app->ui();
  const auto& ws = ui.widgets();
  const float W = ui.env().width, H = ui.env().height;
  // Physical minimums (mm) in this panel's pixels.
  const float px_per_mm = 1 / ui.env().mm_per_px;
  std::string ctx = where + " screen=" + ui.screen() + " page=" + std::to_string(ui.page());
  EXPECT_GE(ui.ring_px(), kMinRingMm * px_per_mm) << ctx;
  seen->insert(ui.screen());
  int focused = 0, focusable = 0;
  for (size_t i = 0; i < ws.size(); ++i) {
    const Widget& a = ws[i];
    EXPECT_GE(a.rect.x, 0) << ctx << " " << a.id;
    EXPECT_GE(a.rect.y, 0) << ctx << " " << a.id;
    EXPECT_LE(a.rect.right(), W + 0.5f) << ctx << " " << a.id;
    EXPECT_LE(a.rect.bottom(), H + 0.5f) << ctx << " " << a.id;
    if (!a.label.empty()) {
      EXPECT_GE(contrast_ratio(a.fg, a.bg), 7.0) << ctx << " " << a.id << " " << to_hex(a.fg) << "/" << to_hex(a.bg);
    }
    if (a.focused) ++focused;
    if (a.focusable()) ++focusable;
    if (role_interactive(a.role)) {
      float min = (a.role == Role::key ? kMinKeyMm : kMinTargetMm) * px_per_mm - 0.01f;
      EXPECT_GE(a.rect.w, min) << ctx << " " << a.id;
      EXPECT_GE(a.rect.h, min) << ctx << " " << a.id;
      if (k.app->settings().low_reach) {
        // A third down the panel, or 170 mm above its bottom edge where that is higher (V6's
        // 1,220 mm on the standard stand: 1366×768, 1280×800, 1024×768, 1024×600); only a typing
        // step on a panel too short for its keypad below that line raises it, to the keypad's top.
        EXPECT_GE(a.rect.y, ui.low_reach_line() - 1) << ctx << " " << a.id;
        const float reach = std::min(H * 0.33f, std::max(0.f, H - kReachBandMm * px_per_mm));
        if (!ui.typing()) { EXPECT_GE(ui.low_reach_line(), reach - 1) << ctx; }
      }
    }
    for (size_t j = i + 1; j < ws.size(); ++j) {
      const Widget& b = ws[j];
      EXPECT_FALSE(rects_overlap(a.rect, b.rect)) << ctx << " " << a.id << " overlaps " << b.id;
      if (role_interactive(a.role) && role_interactive(b.role)) {
        EXPECT_GE(rect_gap(a.rect, b.rect), kMinGapMm * px_per_mm - 0.01f) << ctx << " " << a.id << " / " << b.id;
      }
    }
  }
  if (focusable) {
    EXPECT_EQ(focused, 1) << ctx;
  }
  // No word broken across lines (labels, text, the bar): judged with the real font's widths only
  // (the approximate metrics break lines elsewhere than the kiosk does).
  for (size_t i = 0; i < ws.size() && kRealFont; ++i) {
    if (ws[i].role == Role::caption || ws[i].role == Role::image || ws[i].id.find('#') != std::string::npos) continue;
    std::string bad = frame_broken_word(ws[i].label, ui.widget_lines()[i]);
    EXPECT_EQ(bad, "") << ctx << " " << ws[i].id << " '" << ws[i].label << "'";
  }
  // Never split a step (KIOSK_UI.md): a screen that takes typing shows its prompt, field, every
  // keypad key and its submit on one page.
  bool keypad = false, modal = false;
  for (const auto& w : ws) keypad |= w.role == Role::key, modal |= w.id == "idle.warning";
  if (ui.typing() && !modal && keypad && g_step_rule) {
    EXPECT_EQ(ui.page_count(), 1) << ctx;
    int keys = 0;
    bool field = false, hint = false, ok = false;
    for (const auto& w : ws) {
      keys += w.role == Role::key;
      field |= w.role == Role::input;
      hint |= w.id == "screen.hint";
      ok |= w.id == "keypad.ok";
    }
    EXPECT_TRUE(field && hint && ok) << ctx << " field " << field << " hint " << hint << " ok " << ok;
    EXPECT_GE(keys, 12) << ctx;
  }
  if (::testing::Test::HasFailure() && std::getenv("KIOSK_DUMP"))
    for (const auto& w : ws)
      std::printf("  %-28s %4.0f %4.0f %4.0f %4.0f  %s\n", w.id.c_str(), w.rect.x, w.rect.y, w.rect.w,
                  w.rect.h, w.label.substr(0, 40).c_str());
  // No text runs off the screen (V1: nothing cut off).
  for (const auto& d : ui.draw()) {
    if (d.kind == DrawCmd::k_text) {
      EXPECT_LE(d.rect.x + k.metrics.width(d.text, d.size, d.face), W - 24) << ctx << " '" << d.text << "'";
    }
  }
}

// A record of a list (a day, a job, an appointment, a call, a payment...): only lists page.
bool is_record(const std::string& id) {
  static const std::regex re(
      R"(^(day|job|appt|payment|fact|subsidy|staff\.(day|appt|call|interest|renewal|application|change))\.[0-9][0-9-]*$)");
  return std::regex_match(id, re);
}

// The panels and text steps (up to max_text) on which every list screen shows ≥ 4 records a page
// at 1×, ≥ 2 at larger text (or all it has): asserted by default there (docs/kiosk.md "Known
// gaps" for the rest), but for the screens in kDenseGaps.
struct DenseList {
  int w, h, max_text;
};
constexpr DenseList kDenseLists[] = {{1024, 768, 0}, {1280, 800, 0},  {1280, 1024, 0}, {1366, 768, 0},
                                     {1920, 1080, 0}, {1080, 1920, 2}, {3840, 2160, 1},
                                     // (jobs7: one renewal on page 2 behind the staff banner at 2× before)
                                     {768, 1366, 2}};
// Where a list screen does not hold it yet (docs/kiosk.md "Known gaps"), in English only (`en`)
// or with low reach only (`low`) when so marked. English labels are longer (the cancel action and
// the badges: one column). (Jobs with low reach at 1× on 1366×768 and 1280×800 held two a page
// while the controls started a third down the panel; since jobs6 four, the reach line in mm.)
struct DenseGap {
  int w, h, text;
  const char* screen;
  bool en = false, low = false;
};
constexpr DenseGap kDenseGaps[] = {
    // (subsidies in English at 1× on 1280×800 left it in settings8: one detail line a card;
    // the staff day lists on 768×1366 at 1.5–2× left it in days8: a direct list of up to four
    // days asks one page, kit::day_buttons / kit::day_step); empty: the entry below matches no panel, as kKnownFailing
    {0, 0, 0, ""}};
bool dense_by_default(const UiEnv& e, const Settings& s, const std::string& screen) {
  const bool en = s.locale == Locale::en;
  for (const auto& g : kDenseGaps)
    if (int(e.width) == g.w && int(e.height) == g.h && s.text_step == g.text && screen == g.screen &&
        (!g.en || en) && (!g.low || s.low_reach))
      return false;
  for (const auto& d : kDenseLists)
    if (int(e.width) == d.w && int(e.height) == d.h && s.text_step <= d.max_text) return true;
  return false;
}

// Checks every page of the current screen, then returns to its first page. A screen that pages
// is a list of records with at least 4 of them on every page but the last at 1× text, 2 at
// larger sizes (issue 12 point 3); anything else fits one page.
void check_screen(KioskHarness& k, const std::string& where, std::set<std::string>* seen) {
  for (int i = 0; i < 12; ++i) {
    const Widget* prev = k.widget("page.prev");
    if (!prev || !prev->enabled) break;
    k.tap("page.prev");
  }
  auto records = [&] {
    int n = 0;
    for (const auto& w : k.app->ui().widgets()) n += is_record(w.id);
    return n;
  };
  check_frame(k, where, seen);
  int pages = k.app->ui().page_count();
  if (std::getenv("KIOSK_DUMP_ALL")) {
    std::printf("%s level %d pages %d content %.3g\n", where.c_str(), k.app->ui().compact_level(), pages,
                k.app->ui().content_scale());
    for (const auto& w : k.app->ui().widgets())
      std::printf("  %-28s %4.0f %4.0f %4.0f %4.0f\n", w.id.c_str(), w.rect.x, w.rect.y, w.rect.w, w.rect.h);
  }
  std::vector<int> per_page{records()};
  for (int p = 1; p < pages; ++p) {
    k.tap("page.next");
    check_frame(k, where, seen);
    per_page.push_back(records());
  }
  for (int i = 0; i < pages + 2; ++i) {
    const Widget* prev = k.widget("page.prev");
    if (!prev || !prev->enabled) break;
    k.tap("page.prev");
  }
  int total = 0;
  for (int n : per_page) total += n;
  // A screen that is one step — home's services, a question with its answers, a message with its
  // OK, the station down with 重试, the slip (lead, round 9) — is one page on every panel at every text size (jobs8: home
  // took 2 at 1.5–2× on 1366×768, consent, the interest sent, a call and service down 2 on
  // several panels): a resident never turns a page to find the step's control.
  static const std::set<std::string> one_step = {"home", "language", "subsidy.consent", "jobs.interest_done",
                                                 "call_staff", "appointments.cancel", "identity.returning",
                                                 "appointment.confirm", "appointment.slip"};
  const bool down = k.app->error().active && k.app->error().network && total == 0;
  if (one_step.count(k.app->ui().screen()) || down)
    EXPECT_EQ(pages, 1) << where << " screen=" << k.app->ui().screen() << ": one step, one page";
  const int step = k.app->settings().text_step;
  const std::string at = where + " screen=" + k.app->ui().screen() + " " + std::to_string(int(k.app->ui().env().width)) + "x" + std::to_string(int(k.app->ui().env().height));
  // (density depends on each screen's rows and cards as much as on the layout: asserted in the
  // whole-matrix run by default since round 11, when its last failures went (a job's detail at
  // 1× on 1024×600: 12 of 648 cases); TX_LAYOUT_DENSITY=0 leaves it to the lists of kDenseLists
  // alone, as before — docs/kiosk.md)
  static const bool density = [] {
    const char* d = std::getenv("TX_LAYOUT_DENSITY");
    return !(d && std::string(d) == "0");
  }();
  // (the screens' ids as core/screen.cpp names them: the lists of records)
  static const std::set<std::string> lists = {
      "appointment.day", "appointments.list", "jobs.list", "subsidy.status", "staff.appointments",
      "staff.reschedule_day", "staff.book_day", "staff.calls", "staff.renewals",
      "staff.job_interests", "staff.resident_appts", "staff.resident_apps", "staff.resident_changes",
      "subsidy.payments", "jobs.about"};
  const bool list = lists.count(k.app->ui().screen()) > 0;
  if (!density && !(list && dense_by_default(k.app->ui().env(), k.app->settings(), k.app->ui().screen()))) return;
  if (pages > 1 && total > 0 && list) {
    // Every page but the last shows 4 records (2 at larger text), or all that are left: a list of
    // 3 jobs shows the 3 on its first page, whatever follows them.
    const int least = step == 0 ? 4 : 2;
    int left = total;
    for (int p = 0; p + 1 < pages && left > 0; ++p) {
      EXPECT_GE(per_page[p], std::min(least, left)) << at << " page " << p << " of " << pages << ": too few records a page";
      left -= per_page[p];
    }
  } else if (!list) {
    // Not a list: one page at every text size (issue 12 point 3: paging is only for lists of
    // records). Round 13: a programme's detail (its payments a list behind 发放记录) and 职位介绍
    // (a list of the job's particulars) were the last to take 2 pages at larger text; until
    // then two were allowed on 1366×768 and up, three below.
    EXPECT_EQ(pages, 1) << at << ": a screen that is not a list pages";
  }
}

Settings settings_of(const Combo& c) {
  Settings s;
  s.theme = c.theme;
  s.text_step = c.text;
  s.low_reach = c.low_reach;
  s.locale = c.loc;
  return s;
}

class EveryScreen : public ::testing::TestWithParam<Combo> {};

TEST_P(EveryScreen, MeetsTargetContrastAndLayoutRules) {
  g_step_rule = GetParam().step_rule;
  KioskHarness k(settings_of(GetParam()), float(GetParam().w), float(GetParam().h));
  std::set<std::string> seen;
  check_screen(k, "home", &seen);
  k.tap_find("home.language");
  check_screen(k, "language", &seen);
  k.tap("nav.back");
  k.tap_find("home.settings");
  check_screen(k, "settings", &seen);
  // (settings11: their second step where all do not hold one page at the resident's size)
  const bool more = k.app->ui().page_of("settings.more") >= 0;
  if (more) {
    k.tap_find("settings.more");
    check_screen(k, "settings.more", &seen);
  }
  k.tap("nav.home");
  // Booking.
  k.tap_find("home.appointment");
  check_screen(k, "kind", &seen);
  k.tap_find("kind.first_assessment");
  check_screen(k, "day", &seen);
  ASSERT_FALSE(k.widget("day.2026-12-05") && k.widget("day.2026-12-05")->enabled) << "full day must be disabled";
  k.tap_find("day.2026-12-15");
  check_screen(k, "id", &seen);
  k.type(kId);
  k.tap_find("keypad.ok");
  check_screen(k, "returning", &seen);
  k.tap_find("returning.yes");
  check_screen(k, "phone", &seen);
  k.type("0147");
  k.clock.advance(1);
  k.tap_find("keypad.ok");
  check_screen(k, "confirm", &seen);
  k.tap_find("confirm.book");
  check_screen(k, "slip", &seen);
  k.tap("nav.home");
  // My appointments (identity is not asked again: C1).
  k.tap_find("home.my_appointments");
  check_screen(k, "my list", &seen);
  k.tap_find("appt.17.cancel");
  check_screen(k, "cancel", &seen);
  k.tap("nav.home");
  // Subsidy.
  k.tap_find("home.subsidy");
  check_screen(k, "consent", &seen);
  k.tap_find("consent.yes");
  check_screen(k, "subsidy", &seen);
  k.tap_find("subsidy.0");
  check_screen(k, "subsidy detail", &seen);
  if (k.widget("subsidy.payments")) {  // (the payments a list of their own where the detail does not hold them: round 13)
    k.tap("subsidy.payments");
    check_screen(k, "subsidy payments", &seen);
    k.tap("nav.back");
  }
  k.tap("nav.home");
  // Jobs.
  k.tap_find("home.jobs");
  check_screen(k, "jobs", &seen);
  k.tap_find("jobs.filter");
  check_screen(k, "filter", &seen);
  k.tap_find("filter.next");  // (a step per group of choices: jobs9)
  check_screen(k, "filter kind", &seen);
  k.tap_find("filter.next");
  check_screen(k, "filter category", &seen);
  k.tap_find("filter.apply");
  k.tap_find("job.60");
  check_screen(k, "job", &seen);
  if (k.widget("job.about")) {  // (the details a step of their own where the detail does not hold them: details11)
    k.tap("job.about");
    check_screen(k, "job about", &seen);
    k.tap("nav.back");
  }
  k.tap_find("job.interest");
  check_screen(k, "interest", &seen);
  // Call staff, idle warning and the service-down message.
  k.tap("nav.call_staff");
  check_screen(k, "call", &seen);
  k.clock.advance(k.app->config().idle.idle_s + 1);
  k.frame();
  ASSERT_TRUE(k.widget("idle.warning")) << k.screen();
  check_frame(k, "idle warning", &seen);  // (turning a page is an action: it ends the warning)
  k.tap("nav.home");
  k.down = true;
  k.tap_find("home.jobs");
  for (int i = 0; i < 4 && !k.widget("error.retry"); ++i) k.tap("page.next");
  ASSERT_TRUE(k.widget("error.retry"));
  check_screen(k, "service down", &seen);
  EXPECT_EQ(seen.size(), (more ? 23u : 22u) + seen.count("jobs.about") + seen.count("subsidy.payments"));  // (settings.more, jobs.about, subsidy.payments where offered)
}

// A staff step (every staff screen but the lists of records: today's and coming appointments,
// days, calls, renewals, job interests, a resident's appointments, applications and changes —
// the resident's card itself is a step since round 10, its records lists of their own) stands on
// one page at every panel and text size, its prompt, choices and submit together (issue 12
// point 3; staff8: reveal reason, applicant, not registered, apply confirm and more took 2–3
// pages at 1.5× and 2×, and on 1024×600 at 1×).
// Where a staff step still takes more than one page (docs/kiosk.md "Known gaps", "Staff steps"):
// a panel (0: every one), a text step (-1: every one), in English only when `en`.
struct StaffStepGap {
  int w, h, text;
  const char* screen;
  bool en = false;
};
constexpr StaffStepGap kStaffStepGaps[] = {
    // (staff home left in staff9: one page in all 108 theme-0 cases, 42 before — one-line task
    // names, the call and the notice side by side, Ui::fewest_pages; StaffHome.* below)
    // (steps10: the relations in English, the eight programmes at 1.5–2× on 1024×768 and a new
    // resident's home visit in English at 1.5–2× on 1024×600 are one page — StaffSteps.*)
    // (one appointment on 1024×600 left in round 10, resident10: its five actions in one row
    // with short names, 2 → 1 page in its 12 theme-0 walks)
    // (empty: the entry below matches no screen, as kDenseGaps)
    {0, 0, -1, ""}};
void check_staff_step(KioskHarness& k, const std::string& where, std::set<std::string>* seen) {
  check_screen(k, where, seen);
  static const std::set<std::string> lists = {"staff.appointments", "staff.reschedule_day", "staff.book_day",
                                              "staff.book_week",    "staff.calls",          "staff.renewals",
                                              "staff.job_interests", "staff.resident_appts", "staff.resident_apps",
                                              "staff.resident_changes"};
  const std::string screen = k.app->ui().screen();
  if (lists.count(screen)) return;
  const auto& e = k.app->ui().env();
  const bool en = k.app->settings().locale == Locale::en;
  for (const auto& g : kStaffStepGaps)
    if ((g.w == 0 || (int(e.width) == g.w && int(e.height) == g.h)) &&
        (g.text < 0 || g.text == k.app->settings().text_step) && screen == g.screen && (!g.en || en))
      return;
  EXPECT_EQ(k.app->ui().page_count(), 1) << where << " screen=" << screen << " " << int(e.width) << "x" << int(e.height)
                                         << " text " << k.app->settings().text_step << ": a staff step pages";
}

// The first-time applicant's path and every staff screen, signed in from the settings of a
// resident kiosk: the same rules on each (and each page of each).
TEST_P(EveryScreen, FirstTimeApplicantAndStaffScreensToo) {
  g_step_rule = GetParam().step_rule;
  KioskHarness k(settings_of(GetParam()), float(GetParam().w), float(GetParam().h));
  k.must_change_pin = true;
  std::set<std::string> seen;
  // Resident, first time here: ID, "first time", the whole phone number, confirmation.
  k.tap_find("home.appointment");
  k.tap_find("kind.first_assessment");
  k.tap_find("day.2026-12-15");
  k.type(kId);
  k.tap_find("keypad.ok");
  k.tap_find("returning.no");
  k.type("13800138");
  check_screen(k, "phone full", &seen);
  k.type("000");
  k.clock.advance(1);
  k.tap_find("keypad.ok");
  ASSERT_EQ(k.screen(), "appointment.confirm");
  check_screen(k, "confirm first time", &seen);
  k.tap("nav.home");
  // Staff sign-in from the settings (no hidden gesture), the forced PIN change.
  k.tap_find("home.settings");
  k.tap_setting("settings.staff_sign_in");
  check_staff_step(k, "sign in", &seen);
  k.tap_find("staff.name.wang");
  k.type("246813");
  check_staff_step(k, "pin", &seen);
  k.tap_find("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.pin_new");
  k.type("975318");
  check_staff_step(k, "pin new", &seen);
  k.tap_find("keypad.ok");
  k.type("975318");
  check_staff_step(k, "pin repeat", &seen);
  k.clock.advance(1);
  k.tap_find("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.home");
  check_staff_step(k, "staff home", &seen);  // with the banner of a waiting call
  ASSERT_TRUE(k.widget("staff.call_banner"));
  // Appointments: today's, one of them, reschedule and cancel (each left with Back).
  k.tap_find("staff.today");
  check_staff_step(k, "today", &seen);
  k.tap_find("staff.appt.31");
  check_staff_step(k, "appointment", &seen);
  k.tap_find("staff.appt.reschedule");
  check_staff_step(k, "reschedule day", &seen);
  k.tap_find("staff.day.2026-12-15");
  check_staff_step(k, "reschedule confirm", &seen);
  k.tap("nav.back");
  k.tap("nav.back");
  k.tap_find("staff.appt.cancel");
  check_staff_step(k, "cancel", &seen);
  k.tap("nav.back");
  k.tap_find("staff.appt.check_in");
  check_staff_step(k, "checked in", &seen);
  k.tap("nav.home");
  k.tap_find("staff.upcoming");
  check_staff_step(k, "upcoming", &seen);
  k.tap("nav.home");
  // A resident: find by ID, the card, an audited reveal, an application by a guardian.
  k.tap_find("staff.find");
  k.type(kId);
  check_staff_step(k, "find", &seen);
  k.tap_find("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.resident");
  check_staff_step(k, "resident", &seen);
  // (its records, each a list reached from the card: round 10)
  for (const char* records : {"staff.resident.appts", "staff.resident.apps", "staff.resident.changes"}) {
    k.tap_find(records);
    check_staff_step(k, records, &seen);
    k.tap("nav.back");
    ASSERT_EQ(k.screen(), "staff.resident") << records;
  }
  k.tap_find("staff.reveal");
  check_staff_step(k, "reveal reason", &seen);
  k.tap_find("staff.reveal.reason.0");
  // The reveal happened (at large text its values may stand on another page of the card).
  ASSERT_FALSE(k.app->staff().revealed.is_null());
  ASSERT_TRUE(k.widget("staff.reveal.values") || k.app->ui().page_count() > 1);
  check_staff_step(k, "revealed", &seen);
  k.tap_find("staff.resident.apply");
  check_staff_step(k, "apply item", &seen);
  k.tap_find("staff.item.nursing_subsidy");
  check_staff_step(k, "applicant", &seen);
  k.tap_find("staff.applicant.guardian");
  k.type("胡大明");
  check_staff_step(k, "agent name", &seen);
  k.tap_find("staff.name.next");
  k.type("13900000000");
  check_staff_step(k, "agent phone", &seen);
  k.tap_find("keypad.ok");
  check_staff_step(k, "apply confirm", &seen);
  k.tap_find("staff.apply.yes");
  ASSERT_EQ(k.screen(), "staff.resident");
  // Booking for a resident not registered here: a home visit with phone, name, address, reason.
  k.tap("nav.home");
  k.tap_find("staff.book");
  k.type(kNewId);
  k.tap_find("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.not_registered");
  check_staff_step(k, "not registered", &seen);
  k.tap_find("staff.register_book");
  check_staff_step(k, "book kind", &seen);
  k.tap_find("staff.kind.home_assessment");
  check_staff_step(k, "book day", &seen);
  k.tap_find("staff.day.2026-12-15");
  k.type("13800138000");
  check_staff_step(k, "book phone", &seen);
  k.tap_find("keypad.ok");
  check_staff_step(k, "book name", &seen);
  k.tap_find("staff.name.later");
  check_staff_step(k, "book address", &seen);
  k.tap_find("staff.address.registered");
  check_staff_step(k, "book reason", &seen);
  k.tap_find("staff.reason.bedridden");
  check_staff_step(k, "book confirm", &seen);
  // (确认预约 with what is booked on one page, 1024×600 too since staff8, in English at 1.5–2×
  // there too since steps10)
  EXPECT_EQ(k.app->ui().page_of("staff.book.yes"), 0) << "book confirm: 确认预约 on page 1";
  k.tap_find("staff.book.yes");
  ASSERT_EQ(k.screen(), "staff.booked");
  check_staff_step(k, "booked", &seen);
  // Work lists, calls, sync, the idle warning before sign-out.
  k.tap("nav.home");
  k.tap_find("staff.worklists");
  check_staff_step(k, "worklists", &seen);
  k.tap_find("staff.worklist.renewals");
  check_staff_step(k, "renewals", &seen);
  k.tap("nav.back");
  k.tap_find("staff.worklist.interests");
  check_staff_step(k, "interests", &seen);
  k.tap("nav.calls");
  check_staff_step(k, "calls", &seen);
  k.tap("nav.home");
  k.tap_find("staff.sync");
  check_staff_step(k, "sync", &seen);
  k.tap("nav.home");
  k.tap_find("staff.change_pin");
  check_staff_step(k, "pin old", &seen);
  k.clock.advance(k.app->staff().idle_timeout_s - 90 + 1);
  k.frame();
  ASSERT_TRUE(k.widget("idle.warning")) << k.screen();
  check_frame(k, "staff idle warning", &seen);
  EXPECT_EQ(seen.size(), 38u);
}

// The panels stations buy (issue 12): every one × 3 themes × 3 text steps × low reach × zh/en,
// one gtest case per combination (ctest runs them in parallel: gtest_discover_tests). The
// approximate metrics of kiosk_core_tests run the reference panel at 1× and 1.5×; the real font
// (kiosk_layout_tests) runs the whole matrix except the panel/text steps in kKnownFailing (the
// layout does not meet every rule there yet: docs/kiosk.md "Known gaps"); TX_LAYOUT_MATRIX=all
// runs those too.
struct Panel {
  int w, h;
};
struct KnownFailing {
  int w, h, text;
};
#ifdef TX_REAL_FONT_METRICS
constexpr Panel kPanels[] = {{1024, 600}, {1024, 768}, {1280, 800},  {1280, 1024}, {1366, 768},
                             {1920, 1080}, {1080, 1920}, {768, 1366}, {3840, 2160}};
// (768×1366 at 2× left with fit5's record rows and 1024×600 at 1.5–2× with jobs5's title band,
// each on its own branch; merged, they fail again where the two meet — docs/kiosk.md "Known
// gaps"). Both pass again since round 6: 1024×600 at 1.5–2× since settings6 (a line of groups
// taller than a page stands in one column, UiGroups.ALineTallerThanAPage…), 768×1366 at 2× since
// jobs6 (the jobs filter takes a row of its own when the pager beside it would break a word).
// Nothing is known to fail now; the entry below matches no panel.
constexpr KnownFailing kKnownFailing[] = {{0, 0, 0}};
constexpr int kMaxText = 2;
#else
constexpr Panel kPanels[] = {{1920, 1080}};
constexpr KnownFailing kKnownFailing[] = {{0, 0, 0}};
constexpr int kMaxText = 1;
#endif
std::vector<Combo> combos() {
  const char* all = std::getenv("TX_LAYOUT_MATRIX");
  const bool everything = all && std::string(all) == "all";
  std::vector<Combo> v;
  for (const Panel& p : kPanels)
    for (int t = 0; t < 3; ++t)
      for (int x = 0; x <= kMaxText; ++x) {
        bool failing = false;
        for (const auto& f : kKnownFailing) failing |= f.w == p.w && f.h == p.h && f.text == x;
        if (failing && !everything) continue;
        for (bool low : {false, true})
          for (Locale l : {Locale::zh, Locale::en}) v.push_back({t, x, low, l, p.w, p.h, true});
      }
  return v;
}

INSTANTIATE_TEST_SUITE_P(AllThemesSizesLayouts, EveryScreen, ::testing::ValuesIn(combos()),
                         [](const auto& info) { return name(info.param); });

}  // namespace

// At larger text sizes a row's name is lifted above its controls; wherever the page breaks, the
// name stays on the page of the buttons it names (a call's "kiosk-2, staff on the way" above
// its "Done" button), never a page apart from them.
TEST(UiPaging, ARowsNameStaysOnThePageOfItsControls) {
  ApproxMetrics metrics;
  auto themes = builtin_themes();
  for (int filler = 0; filler < 10; ++filler) {
    auto build = [&](int page) {
      UiEnv env;
      env.scale = 2.0f;
      env.theme = &themes[0];
      env.metrics = &metrics;
      env.page = page;
      auto ui = std::make_unique<Ui>(env);
      ui->begin("test.rows", "标题");
      for (int i = 0; i < filler; ++i) ui->button("filler." + std::to_string(i), "按钮" + std::to_string(i));
      ui->row(2);
      ui->text("row.name", "自助机 kiosk-2，需要帮助，刚刚呼叫\n工作人员正在前往");
      ui->button("row.done", "已办完");
      ui->end_row();
      ui->end();
      return ui;
    };
    int pages = build(0)->page_count();
    int name_page = -1, button_page = -1;
    for (int p = 0; p < pages; ++p) {
      auto ui = build(p);
      for (const auto& w : ui->widgets()) {
        if (w.id == "row.name") name_page = p;
        if (w.id == "row.done") button_page = p;
      }
    }
    ASSERT_GE(button_page, 0) << filler;
    EXPECT_EQ(name_page, button_page) << "with " << filler << " buttons before the row";
  }
}

namespace {
UiEnv plain_env(const Theme* theme, const TextMetrics* m, float w, float h, float scale) {
  UiEnv env;
  env.width = w, env.height = h, env.scale = scale;
  env.theme = theme;
  env.metrics = m;
  env.nav = {"返回", "首页", "再听一遍", "呼叫工作人员", "上一页", "下一页", "第{page}页，共{pages}页"};
  return env;
}
const Widget* find(const Ui& ui, const std::string& id) {
  for (const auto& w : ui.widgets())
    if (w.id == id) return &w;
  return nullptr;
}
}  // namespace

// The header band: the station at the left, the date and time at the right, one compact line
// above the title, text (not focusable); a long name is cut with an ellipsis, the clock never.
TEST(UiHeader, OneCompactLineAboveTheTitleWithAnEllipsisForALongName) {
  ApproxMetrics metrics;
  auto themes = builtin_themes();
  for (float scale : {1.f, 2.f})
    for (auto [w, h] : {std::pair{1366.f, 768.f}, {1920.f, 1080.f}, {1080.f, 1920.f}}) {
      for (std::string station : {std::string("通州区残疾人服务站"),
                                  std::string("北京市通州区永顺镇某某社区残疾人综合服务站第二服务点（永顺西街分站）")}) {
        UiEnv env = plain_env(&themes[0], &metrics, w, h, scale);
        env.header_station = station;
        env.header_clock = "12月5日 星期六 15:10";
        Ui ui(env);
        ui.begin("test.header", "预约服务", "第1步，共5步");
        ui.button("b", "按钮");
        ui.end();
        std::string at = std::to_string(int(w)) + "x" + std::to_string(int(h)) + " " + std::to_string(scale);
        const Widget* s = find(ui, "header.station");
        const Widget* c = find(ui, "header.clock");
        const Widget* t = find(ui, "screen.title");
        ASSERT_TRUE(s && c && t) << at;
        EXPECT_FALSE(s->focusable()) << at;
        EXPECT_FALSE(c->focusable()) << at;
        EXPECT_EQ(s->label, station) << "the registry keeps the whole name";
        EXPECT_LE(s->rect.h, ui.u(48) + 0.5f) << at << " body size or smaller, one line";
        EXPECT_FLOAT_EQ(s->rect.y, c->rect.y) << at;
        EXPECT_LE(s->rect.right(), c->rect.x) << at;
        EXPECT_LE(c->rect.right(), w) << at;
        EXPECT_LE(c->rect.bottom(), t->rect.y) << at << " above the title";
        size_t i = size_t(s - ui.widgets().data());
        ASSERT_EQ(ui.widget_lines()[i].size(), 1u) << at;
        bool cut = metrics.width(station, s->rect.h, FontFace::body) > s->rect.w + 1;
        EXPECT_EQ(ui.widget_lines()[i][0].find("…") != std::string::npos, cut) << at;
        EXPECT_EQ(ui.widget_lines()[size_t(c - ui.widgets().data())][0], "12月5日 星期六 15:10");
      }
    }
}

// Round 14: home's title broke inside the station's name — "同行 · 示例社区残疾人服务" / "站" at 2×
// on 1080×1920. A title breaks between its phrases (at " · "): the name whole on a line of its
// own where it fits one, and the home's first service "残疾人证办理预约" never inside a word.
TEST(UiTitle, BreaksAtItsSeparatorNeverInsideTheStationsName) {
  ApproxMetrics metrics;
  auto themes = builtin_themes();
  int wrapped = 0;
  for (float scale : {1.f, 1.5f, 2.f})
    for (auto [w, h] : {std::pair{1080.f, 1920.f}, {768.f, 1366.f}, {1366.f, 768.f}, {1024.f, 600.f}}) {
      UiEnv env = plain_env(&themes[0], &metrics, w, h, scale);
      env.mm_per_px = default_mm_per_px(int(w), int(h));
      env.unit = unit_of(env.mm_per_px);
      Ui ui(env);
      ui.begin("home", "同行 · 示例社区残疾人服务站");
      ui.hint("请选择要办的事。");
      ui.row(2);
      ui.button("home.appointment", "残疾人证办理预约", Icon::calendar);
      ui.button("home.my_appointments", "我的预约", Icon::list);
      ui.end_row();
      ui.end();
      const std::string at = std::to_string(int(w)) + "x" + std::to_string(int(h)) + " " + std::to_string(scale);
      const Widget* t = find(ui, "screen.title");
      const Widget* b = find(ui, "home.appointment");
      ASSERT_TRUE(t && b) << at;
      const auto& tl = ui.widget_lines()[size_t(t - ui.widgets().data())];
      if (tl.size() > 1) {
        ++wrapped;
        EXPECT_TRUE(on_one_line("示例社区残疾人服务站", tl)) << at << ": " << tl[0] << " / " << tl[1];
        EXPECT_EQ(tl[0], "同行") << at;
      }
      EXPECT_EQ(frame_broken_word(b->label, ui.widget_lines()[size_t(b - ui.widgets().data())]), "") << at;
    }
  EXPECT_GT(wrapped, 0) << "a panel and size where the title takes two lines";
}

// A card: its registry label and speech as before (title, badge, details), its lines keep the
// badge's words, the chip drawn at the top right (icon + words), details under the title; a
// read-only card is focusable but has no button fill.
// Round 14: a programme's card read "10月30日起 · 示例街道社会保障" / "服务中心" at 2× on 1920×1080 (the
// office's name broken); a card's details break between their phrases, as a record's do.
TEST(UiCard, DetailsBreakBetweenTheirPhrases) {
  ApproxMetrics metrics;
  auto themes = builtin_themes();
  const std::string office = "示例街道社会保障服务中心";
  int broke = 0;
  for (float w : {1920.f, 1366.f, 1080.f, 1024.f})
    for (float scale : {1.f, 1.5f, 2.f}) {
      UiEnv env = plain_env(&themes[0], &metrics, w, 1080, scale);
      Ui ui(env);
      ui.begin("test.card", "补贴明细");
      ui.groups_begin(2, 420 * scale);
      ui.group();
      ui.card("subsidy.detail.card", "重度残疾人护理补贴", {"每月290元", "10月30日起 · " + office},
              Badge{Icon::bell, "暂停发放", Badge::warn}, false);
      ui.group();
      ui.text("subsidy.review", "下次复核：2027年4月1日 星期四");
      ui.groups_end();
      ui.end();
      const Widget* c = find(ui, "subsidy.detail.card");
      ASSERT_TRUE(c);
      const auto& lines = ui.widget_lines()[size_t(c - ui.widgets().data())];
      const std::string at = std::to_string(int(w)) + " " + std::to_string(scale);
      bool whole = false;
      for (const auto& l : lines) whole |= l.find(office) != std::string::npos;
      if (metrics.width(office, ui.body(), FontFace::body) < c->rect.w - 2 * ui.body()) EXPECT_TRUE(whole) << at;
      broke += !whole;
      for (const auto& l : lines) EXPECT_NE(l, "10月30日起 · 示例街道社会保障") << at;
    }
  EXPECT_LT(broke, 12);
}

TEST(UiCard, TitleBadgeChipAndDetailsAReadOnlyCardLooksUnpressable) {
  ApproxMetrics metrics;
  auto themes = builtin_themes();
  for (bool tappable : {true, false}) {
    UiEnv env = plain_env(&themes[0], &metrics, 1366, 768, 1);
    env.focused = "";
    Ui ui(env);
    ui.begin("test.card", "我的预约");
    ui.card("appt.1", "第一次办证评定", {"12月15日 星期二 上午9:00", "服务站一楼评定室"},
            Badge{Icon::check, "已预约", Badge::good}, tappable);
    ui.end();
    const Widget* c = find(ui, "appt.1");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->label, "第一次办证评定\n已预约\n12月15日 星期二 上午9:00\n服务站一楼评定室");
    EXPECT_EQ(c->speak, "第一次办证评定，已预约，12月15日 星期二 上午9:00，服务站一楼评定室");
    EXPECT_TRUE(c->focusable());
    const auto& lines = ui.widget_lines()[size_t(c - ui.widgets().data())];
    ASSERT_GE(lines.size(), 4u);
    EXPECT_EQ(lines[1], "已预约");
    // Draw commands: the badge's words inside the card's top right quarter, its icon before
    // them; the title at the left in the heading face; a detail line below the title.
    const DrawCmd *badge = nullptr, *title = nullptr, *detail = nullptr, *icon = nullptr;
    for (const auto& d : ui.draw()) {
      if (d.kind == DrawCmd::k_text && d.text == "已预约") badge = &d;
      if (d.kind == DrawCmd::k_text && d.text == "第一次办证评定") title = &d;
      if (d.kind == DrawCmd::k_text && d.text.find("服务站一楼") != std::string::npos) detail = &d;
      if (d.kind == DrawCmd::k_icon && d.icon == Icon::check) icon = &d;
    }
    ASSERT_TRUE(badge && title && detail && icon);
    EXPECT_GT(badge->rect.x, c->rect.cx()) << "chip at the right";
    EXPECT_LT(badge->rect.y, c->rect.y + c->rect.h / 2) << "chip at the top";
    EXPECT_LT(icon->rect.x, badge->rect.x);
    EXPECT_EQ(title->face, FontFace::title);
    EXPECT_LT(title->rect.x, c->rect.cx());
    EXPECT_GT(detail->rect.y, title->rect.y);
    EXPECT_EQ(c->bg.r == themes[0].bg.r && c->bg.g == themes[0].bg.g && c->bg.b == themes[0].bg.b,
              !tappable) << "read-only: no button fill";
  }
}

// The bar on a narrow portrait panel at 2×: "呼叫工作人员" on one line, every label whole, the
// four in the same places on every screen.
TEST(UiBar, NoLabelBreaksInsideAWordOnANarrowPortraitPanelAt2x) {
  ApproxMetrics metrics;
  auto themes = builtin_themes();
  for (auto [w, h] : {std::pair{1080.f, 1920.f}, {768.f, 1366.f}, {1024.f, 600.f}, {1366.f, 768.f}}) {
    Rect first[4];
    for (int screen = 0; screen < 2; ++screen) {
      Ui ui(plain_env(&themes[0], &metrics, w, h, 2));
      ui.begin(screen ? "test.b" : "test.a", screen ? "另一个" : "标题");
      ui.button("x", screen ? "长一点的按钮名称" : "按钮");
      ui.end();
      int n = 0;
      for (size_t i = 0; i < ui.widgets().size(); ++i) {
        const Widget& wd = ui.widgets()[i];
        if (wd.group != Group::nav) continue;
        EXPECT_EQ(ui.widget_lines()[i].size(), 1u) << w << "x" << h << " " << wd.label;
        EXPECT_LE(wd.rect.right(), w);
        if (screen == 0) first[n] = wd.rect;
        else EXPECT_TRUE(first[n].x == wd.rect.x && first[n].y == wd.rect.y) << "M4: same place";
        ++n;
      }
      EXPECT_EQ(n, 4);
    }
  }
}

// At larger text on a short panel (1366×768 at 1.5–2×) each bar button keeps its icon (a smaller
// one before none), and on every panel its icon and label stand centred in it as one group;
// before, the icons were dropped at 1.5–2× and the labels sat flush left.
TEST(UiBar, KeepsItsIconsAndCentresItsLabelsAtLargerTextOnShortPanels) {
  ApproxMetrics metrics;
  auto themes = builtin_themes();
  for (auto [w, h] : {std::pair{1366.f, 768.f}, {1024.f, 600.f}, {1920.f, 1080.f}})
    for (float scale : {1.f, 1.5f, 2.f}) {
      Ui ui(plain_env(&themes[0], &metrics, w, h, scale));
      ui.begin("test.a", "标题");
      ui.button("x", "按钮");
      ui.end();
      int bar = 0;
      for (const Widget& wd : ui.widgets()) {
        if (wd.group != Group::nav) continue;
        ++bar;
        float lo = 1e9f, hi = -1e9f;
        int icons = 0;
        for (const DrawCmd& d : ui.draw()) {
          if (d.rect.cx() < wd.rect.x || d.rect.cx() > wd.rect.right() || d.rect.cy() < wd.rect.y ||
              d.rect.cy() > wd.rect.bottom())
            continue;
          if (d.kind == DrawCmd::k_icon) ++icons, lo = std::min(lo, d.rect.x), hi = std::max(hi, d.rect.right());
          if (d.kind == DrawCmd::k_text) {
            lo = std::min(lo, d.rect.x);
            hi = std::max(hi, d.rect.x + metrics.width(d.text, d.size, d.face));
          }
        }
        const std::string at = std::to_string(int(w)) + "x" + std::to_string(int(h)) + " " +
                               std::to_string(scale) + " " + wd.id;
        // (1024×600 at 1.5–2×: the labels alone need the whole width, and a smaller font; no
        // icon fits there, even at 0.55)
        if (w > 1024) {
          EXPECT_EQ(icons, 1) << at;
        }
        EXPECT_NEAR((lo + hi) / 2, wd.rect.cx(), 2.f) << at << ": not centred";
      }
      EXPECT_EQ(bar, 4);
    }
}

// The caption strip (H1: what is heard, for a resident who does not hear it) shows the sentence
// being heard whole when the utterance does not fit, at a smaller size down to the 1× body if it
// must; one longer than that shows its beginning with "…" after it. Before (round 10), a sentence
// that wrapped to two lines where the strip holds one showed its last line alone: "…站。" at 2×
// on 768×1366 for the station's name.
TEST(UiCaption, TheSentenceHeardShownWholeOrFromItsBeginning) {
  ApproxMetrics metrics;
  auto themes = builtin_themes();
  const std::string sentence = "同行 · 示例社区残疾人服务站。";
  const std::string utterance = sentence + "请选择要办的事。共6项可以选择";
  const std::string longest = "请输入身份证号码的十八位数字，最后一位如果是字母X请按X键，输入错了可以按删除键或者清空键重新输入。";
  int cut = 0;  // (cases where the longest sentence does not fit the strip: there are some)
  for (auto [w, h] : {std::pair{768.f, 1366.f}, {1080.f, 1920.f}, {1024.f, 600.f}, {1366.f, 768.f}})
    for (float scale : {1.f, 1.5f, 2.f}) {
      for (const std::string& heard : {sentence, longest}) {
        UiEnv env = plain_env(&themes[0], &metrics, w, h, scale);
        env.mm_per_px = default_mm_per_px(int(w), int(h));
        env.unit = unit_of(env.mm_per_px);
        env.caption = heard == sentence ? utterance : heard + "共3项可以选择";
        env.caption_sentence = heard;
        Ui ui(env);
        ui.begin("test.a", "标题");
        ui.button("x", "按钮");
        ui.end();
        const Widget* cap = find(ui, "caption");
        ASSERT_NE(cap, nullptr);
        std::string shown;
        float least = 1e9f;
        for (const DrawCmd& d : ui.draw())
          if (d.kind == DrawCmd::k_text && d.rect.cy() > cap->rect.y && d.rect.cy() < cap->rect.bottom() &&
              d.rect.x >= cap->rect.x && d.rect.x < cap->rect.right()) {
            shown += d.text;
            least = std::min(least, d.size);
            EXPECT_LE(d.rect.x + metrics.width(d.text, d.size, d.face), cap->rect.right() + 0.5f) << w << "x" << h;
            EXPECT_LE(d.rect.bottom(), cap->rect.bottom() + 0.5f) << w << "x" << h << " '" << d.text << "'";
          }
        const std::string at = std::to_string(int(w)) + "x" + std::to_string(int(h)) + " at " + std::to_string(scale);
        // (never below the 1× body size)
        EXPECT_GE(least + 0.5f, ui.u(env.body_px)) << at;
        if (heard == sentence) {
          EXPECT_TRUE(shown == utterance || shown == sentence) << at << ": '" << shown << "'";
        } else if (shown != env.caption && shown != heard) {
          ++cut;
          ASSERT_GE(shown.size(), 12u) << at;
          EXPECT_EQ(shown.substr(0, 12), heard.substr(0, 12)) << at << ": '" << shown << "' starts as heard";
          EXPECT_EQ(shown.substr(shown.size() - 3), "…") << at;
          EXPECT_GT(shown.size(), heard.size() / 4) << at << ": the strip filled";
        }
      }
    }
  EXPECT_GT(cut, 0);
}

// ------------------------------------------------------------------ record rows (issue 12 point 3)
namespace {
// A list screen as the kiosk draws it: header, title, hint, `n` record rows (every other one with
// its action), a last button; on a panel at its default pitch, with the caption strip.
std::unique_ptr<Ui> record_list(const Theme* theme, const TextMetrics* m, float w, float h, float scale,
                                int n, int page = 0, bool low_reach = false) {
  UiEnv env = plain_env(theme, m, w, h, scale);
  env.mm_per_px = default_mm_per_px(int(w), int(h));
  env.unit = unit_of(env.mm_per_px);
  env.header_station = "示例社区残疾人服务站";
  env.header_clock = "12月5日 星期六 15:10";
  env.caption = "我的预约。您有" + std::to_string(n) + "个预约。";
  env.page = page;
  env.low_reach = low_reach;
  auto ui = std::make_unique<Ui>(env);
  ui->begin("appointments.list", "我的预约");
  ui->spoken_hint("您有" + std::to_string(n) + "个预约。");  // (as my_list: the records start the page)
  ui->records_begin();
  for (int i = 0; i < n; ++i) {
    std::string id = "appt." + std::to_string(100 + i);
    ui->card(id, i % 3 ? "换领残疾人证" : "首次评定", {"12月15日 星期二 上午9:00–11:30", "服务站一楼评定室", "号码 A012"},
             Badge{Icon::check, "已预约", Badge::good}, false);
    if (i % 2 == 0) ui->button(id + ".cancel", "取消这个预约", Icon::cross, true, "取消这个预约，首次评定");
  }
  ui->records_end();
  ui->button("my_list.book", "预约服务", Icon::calendar);
  ui->end();
  return ui;
}
using LayoutMetrics = decltype(KioskHarness::metrics);
bool record_id(const std::string& id) { return id.rfind("appt.", 0) == 0 && id.find(".cancel") == std::string::npos; }
}  // namespace

// A record row in landscape: the card (one focus target: title, badge chip, the details on one
// line or two) with its action beside it at the right, as tall as the card, ≥ 4 mm apart; the
// registry keeps the details joined as shown and speaks title, status, details; the action
// then speaks what it acts on.
TEST(UiRecord, ActionBesideTheCardDetailsOnOneOrTwoLines) {
  LayoutMetrics metrics;
  auto themes = builtin_themes();
  for (auto [w, h] : {std::pair{1366.f, 768.f}, {1920.f, 1080.f}, {3840.f, 2160.f}}) {
    auto ui = record_list(&themes[0], &metrics, w, h, 1, 2);
    const std::string at = std::to_string(int(w)) + "x" + std::to_string(int(h));
    const Widget* card = find(*ui, "appt.100");
    const Widget* act = find(*ui, "appt.100.cancel");
    ASSERT_TRUE(card && act) << at;
    EXPECT_EQ(card->label, "首次评定\n已预约\n12月15日 星期二 上午9:00–11:30 · 服务站一楼评定室 · 号码 A012") << at;
    EXPECT_EQ(card->speak, "首次评定，已预约，12月15日 星期二 上午9:00–11:30，服务站一楼评定室，号码 A012");
    EXPECT_EQ(act->speak, "取消这个预约，首次评定");
    EXPECT_GE(act->rect.x - card->rect.right(), kMinGapMm / ui->env().mm_per_px - 0.01f) << at << " beside, 4 mm apart";
    EXPECT_FLOAT_EQ(act->rect.y, card->rect.y) << at;
    EXPECT_FLOAT_EQ(act->rect.h, card->rect.h) << at;
    EXPECT_GE(card->rect.h, kMinTargetMm / ui->env().mm_per_px - 0.01f) << at;
    const auto& lines = ui->widget_lines()[size_t(card - ui->widgets().data())];
    ASSERT_GE(lines.size(), 3u) << at;
    EXPECT_EQ(lines[0], "首次评定") << at << " the title on one line";
    EXPECT_EQ(lines[1], "已预约");
    EXPECT_LE(lines.size() - 2, 2u) << at << " details on two lines at most";
    for (const auto& l : lines) EXPECT_EQ(l.find("…"), std::string::npos) << at << " never an ellipsis";
    // Focus order: the card, then its action (then the next record, when on this page).
    size_t ic = size_t(card - ui->widgets().data()), ia = size_t(act - ui->widgets().data());
    EXPECT_EQ(ia, ic + 1) << at;
    if (find(*ui, "appt.101")) {
      EXPECT_EQ(ui->widgets()[ia + 1].id, "appt.101") << at;
    }
  }
}

// Too narrow for the action beside a readable card (a portrait panel at 2×, a long action): the
// action stands under its card, full size, and the card keeps the whole width.
TEST(UiRecord, ActionUnderTheCardWhenThePanelIsTooNarrow) {
  LayoutMetrics metrics;
  auto themes = builtin_themes();
  UiEnv env = plain_env(&themes[0], &metrics, 768, 1366, 2);
  Ui ui(env);
  ui.begin("t.records", "列表");
  ui.records_begin();
  ui.card("appt.1", "首次办证评定（上门评定）", {"12月15日 星期二 上午9:00–11:30", "服务站一楼评定室"},
          Badge{Icon::bell, "等待签到", Badge::warn}, false);
  ui.button("appt.1.cancel", "取消这个预约并通知工作人员", Icon::cross);
  ui.records_end();
  ui.end();
  const Widget* card = find(ui, "appt.1");
  const Widget* act = find(ui, "appt.1.cancel");
  ASSERT_TRUE(card && act);
  EXPECT_GE(act->rect.y - card->rect.bottom(), kMinGapMm / ui.env().mm_per_px - 0.01f) << "under the card";
  EXPECT_FLOAT_EQ(card->rect.x, act->rect.x);
  EXPECT_GE(card->rect.w, act->rect.w);
  EXPECT_GE(act->rect.h, ui.min_target() - 0.01f);
}

// Density (issue 12 point 3): a list of 12 appointments (every other one with its cancel action)
// pages with at least 4 records on every page but the last at 1× text and 2 at 2× where the
// panel has the room (kRecordFloors: elsewhere the floor measured, so that a regression fails;
// docs/kiosk.md "Known gaps"), with and without low reach; every record on exactly one page.
TEST(UiRecord, FourRecordsAPageAt1xTwoAt2x) {
  LayoutMetrics metrics;
  auto themes = builtin_themes();
  struct Floor {
    float w, h, scale;
    int least;
  };
  // (measured 22:30 UTC 2026-12-05, real font and approximate metrics alike; at 2× a list's
  // content is drawn at 1.5× when that pages less, at 1× when 1.5× leaves one record a page,
  // Ui::end; 1366×768, 1280×1024 and 1024×768 at 2× held 1 a page before)
  static const Floor kRecordFloors[] = {
      {1366, 768, 1, 2},  {1920, 1080, 1, 4}, {1080, 1920, 1, 4}, {1280, 1024, 1, 2},
      {1024, 768, 1, 2},  {3840, 2160, 1, 4}, {1366, 768, 2, 2},  {1920, 1080, 2, 2},
      {1080, 1920, 2, 3}, {1280, 1024, 2, 2}, {1024, 768, 2, 2},  {3840, 2160, 2, 3}};
  for (const auto& f : kRecordFloors)
    for (bool low : {false, true}) {
      const std::string at = std::to_string(int(f.w)) + "x" + std::to_string(int(f.h)) + " " +
                             std::to_string(int(f.scale)) + "x" + (low ? " low" : "");
      const int pages = record_list(&themes[0], &metrics, f.w, f.h, f.scale, 12, 0, low)->page_count();
      int total = 0, fewest = 99;
      for (int p = 0; p < pages; ++p) {
        auto ui = record_list(&themes[0], &metrics, f.w, f.h, f.scale, 12, p, low);
        int n = 0;
        for (const auto& wd : ui->widgets()) n += record_id(wd.id);
        if (p + 1 < pages) fewest = std::min(fewest, n);
        total += n;
      }
      if (std::getenv("KIOSK_DUMP_ALL")) std::printf("records %s: %d pages, fewest %d\n", at.c_str(), pages, fewest);
      if (pages > 1) {
        EXPECT_GE(fewest, f.least) << at << ": " << pages << " pages";
      }
      EXPECT_EQ(total, 12) << at;
    }
}

// The appointment kinds at every text size on the panels stations buy (issue 12): all six on one
// page (up to three columns, the names whole; a compact frame shows the names at 1.5×, the
// explanations spoken), and the announcement counts the six — "共2项可以选择" for six kinds was
// a resident hearing two of them.
TEST(UiChoices, EveryKindOnOnePageAndAllSixCounted) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<float, float> panels[] = {{1366, 768}, {1280, 800}, {1024, 768}, {1920, 1080}, {1080, 1920}};
#else
  const std::pair<float, float> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text : {0, 1, 2})
      for (bool low : {false, true})
        for (Locale loc : {Locale::zh, Locale::en}) {
          Combo c{0, text, low, loc, int(w), int(h)};
          KioskHarness k(settings_of(c), w, h);
          k.tap_find("home.appointment");
          const std::string at = name(c);
          ASSERT_EQ(k.screen(), "appointment.kind") << at;
          EXPECT_EQ(k.app->ui().page_count(), 1) << at;
          int kinds = 0;
          for (const auto& wd : k.app->ui().widgets()) kinds += wd.id.rfind("kind.", 0) == 0 && wd.focusable();
          EXPECT_EQ(kinds, 6) << at;
          EXPECT_TRUE(k.said(loc == Locale::zh ? "共6项可以选择" : "6 choices")) << at;
        }
}

// The slip at 2× text (issue 12 point 4): the ticket number and its actions (hear, print, done)
// on the first page; the QR code, its caption and what to bring on a page of the slip; no more
// pages than measured (22:40 UTC 2026-12-05: 1024×768 3, was 5 — `Ui::fit_pages(2)` draws its
// content at 1× there; 1366×768 and 1280×800 4, since days5 2; lead, round 9: 1 on each, the
// details beside the code in two thirds of the width).
TEST(UiSlip, TicketAndActionsOnPageOnePagesAsMeasured) {
  struct P {
    float w, h;
    int pages;
  };
#ifdef TX_REAL_FONT_METRICS
  const P panels[] = {{1366, 768, 1}, {1280, 800, 1}, {1024, 768, 1}, {1080, 1920, 1}};
#else
  const P panels[] = {{1920, 1080, 2}};
#endif
  for (auto [w, h, most] : panels)
    for (Locale loc : {Locale::zh, Locale::en}) {
      Combo c{0, 2, false, loc, int(w), int(h)};
      KioskHarness k(settings_of(c), w, h);
      k.book_returning_to_slip();
      const std::string at = name(c);
      ASSERT_EQ(k.screen(), "appointment.slip") << at;
      const Ui& ui = k.app->ui();
      EXPECT_LE(ui.page_count(), most) << at;
      // (days7) What to bring stands with the ticket on page 1, in short words (page 2 at 2× on
      // 1366×768 and 1024×768 before); the whole words are spoken.
      for (const char* id : {"slip.ticket", "slip.bring", "slip.repeat", "slip.print", "slip.done"})
        EXPECT_EQ(ui.page_of(id), 0) << at << " " << id;
      if (const Widget* b = k.widget("slip.bring")) {
        EXPECT_NE(b->label.find(loc == Locale::zh ? "2寸照片3张" : "3 photos"), std::string::npos) << b->label;
        EXPECT_NE(b->speak.find(loc == Locale::zh ? "近期两寸白底免冠照片3张" : "Three 2-inch photos"), std::string::npos) << b->speak;
      }
      for (const char* id : {"slip.details", "slip.qr", "slip.qr_caption"})
        EXPECT_GE(ui.page_of(id), 0) << at << " " << id;
      // (days6) Two pages: the ticket fills page 1 — number, actions, details and what to bring
      // (days5 left a blank band under what to bring, the details beside the code on page 2) —
      // the QR code with its caption beside it; the code ≥ 25 mm a side at the panel's pitch
      // wherever it is drawn (1 mm modules in a compact frame).
      if (most <= 2) {
        EXPECT_EQ(ui.page_of("slip.details"), 0) << at << ": the details on the ticket's page";
        EXPECT_EQ(ui.page_of("slip.qr"), ui.page_of("slip.qr_caption")) << at << ": the caption with the code";
      }
      // The blank band of page 1: from its last content to the pager's row (measured, printed).
      float last = 0, pager = ui.env().height;
      for (const auto& wd : ui.widgets()) {
        if (wd.id.rfind("slip.", 0) == 0) last = std::max(last, wd.rect.bottom());
        if (wd.id.rfind("page.", 0) == 0) pager = std::min(pager, wd.rect.y);
      }
      std::printf("slip %s: %d pages, page 1 blank band %.0f px (%.0f mm), what to bring on page %d\n", at.c_str(),
                  ui.page_count(), pager - last, (pager - last) * ui.env().mm_per_px, ui.page_of("slip.bring") + 1);
      if (std::getenv("KIOSK_DUMP_ALL"))
        for (const auto& wd : ui.widgets())
          std::printf("  %-28s %4.0f %4.0f %4.0f %4.0f level %d\n", wd.id.c_str(), wd.rect.x, wd.rect.y, wd.rect.w,
                      wd.rect.h, ui.compact_level());
      for (int p = 0; p < 4 && !k.widget("slip.qr"); ++p) k.tap("page.next");
      const Widget* qr = k.widget("slip.qr");
      ASSERT_TRUE(qr) << at;
      EXPECT_GE(qr->rect.w * k.app->ui().env().mm_per_px, 25.0) << at << ": " << qr->rect.w << " px";
    }
}

// fit5 (issue 12): a record's action wider than its cell — "Cancel this appointment" at 2× on a
// 768-px-wide portrait panel — is the cell's width with its label in two lines, words whole,
// as tall as its lines, each line inside the button; and the record and its action stand on
// one page (Ui::record_split: the content steps down rather than part them).
TEST(UiRecord, ALongActionWrapsAtWordsGrowsAndStaysWithItsRecord) {
  LayoutMetrics metrics;
  auto themes = builtin_themes();
  for (const char* label : {"Cancel this appointment and tell the staff", "取消这个预约并通知工作人员"}) {
    UiEnv env = plain_env(&themes[0], &metrics, 768, 1366, 2);
    Ui ui(env);
    ui.begin("t.records", "List");
    ui.records_begin();
    ui.card("appt.1", "First certificate assessment (home visit)",
            {"Tuesday 15 December 9:00–11:30 am", "Station ground floor assessment room", "Ticket A012"},
            Badge{Icon::bell, "Waiting for check-in", Badge::warn}, false);
    ui.button("appt.1.cancel", label, Icon::cross);
    ui.records_end();
    ui.end();
    const Widget* card = find(ui, "appt.1");
    const Widget* act = find(ui, "appt.1.cancel");
    ASSERT_TRUE(card && act) << label << ": the record and its action on one page (" << ui.page_count() << " pages)";
    const auto& lines = ui.widget_lines()[size_t(act - ui.widgets().data())];
    EXPECT_LE(act->rect.right(), card->rect.right() + 0.5f) << label;
    EXPECT_GE(act->rect.h, ui.min_target() - 0.01f) << label;
    EXPECT_LE(lines.size(), 2u) << label;
    for (const auto& l : lines) {
      // (each line inside the button, beside its icon)
      float lpx = 0;
      for (const auto& d : ui.draw())
        if (d.kind == DrawCmd::k_text && d.text == l) lpx = d.size;
      ASSERT_GT(lpx, 0) << l;
      EXPECT_LE(metrics.width(l, lpx, FontFace::body), act->rect.w - lpx) << label << " '" << l << "'";
    }
    EXPECT_EQ(frame_broken_word(label, lines), "") << label;
    EXPECT_GE(act->rect.h, lines.size() * ui.body() * 0.99f) << label << ": as tall as its lines";
  }
}

// fit5: Ui::groups_begin stands a screen's groups side by side where each column keeps its
// width (settings on 1366×768 and 1920×1080: two columns, read line by line — left, then
// right) and one under the other where it does not (a portrait panel); nothing overlaps.
TEST(UiGroups, TwoColumnsWhereWideOneWhereNarrowInReadingOrder) {
  LayoutMetrics metrics;
  auto themes = builtin_themes();
  // (settings7: groups whose natural widths fit stand side by side on a portrait panel too —
  // 1080×1920; on 768×1366 they do not)
  for (auto [w, h, cols] : {std::tuple{1920.f, 1080.f, 2}, {1366.f, 768.f, 2}, {1080.f, 1920.f, 2}, {768.f, 1366.f, 1}}) {
    Ui ui(plain_env(&themes[0], &metrics, w, h, 1));
    ui.begin("t.groups", "设置");
    ui.groups_begin(2, 560);
    for (int g = 0; g < 4; ++g) {
      ui.group();
      ui.row(3);
      ui.text("g" + std::to_string(g) + ".name", "音量");
      ui.button("g" + std::to_string(g) + ".a", "小声一点");
      ui.button("g" + std::to_string(g) + ".b", "大声一点");
      ui.end_row();
    }
    ui.groups_end();
    ui.end();
    const std::string at = std::to_string(int(w)) + "x" + std::to_string(int(h));
    const Widget* g0 = find(ui, "g0.a");
    const Widget* g1 = find(ui, "g1.a");
    ASSERT_TRUE(g0 && g1) << at;
    if (cols == 2) {
      EXPECT_FLOAT_EQ(g0->rect.y, g1->rect.y) << at << ": the second group beside the first";
      EXPECT_GT(g1->rect.x, g0->rect.right()) << at;
      ASSERT_TRUE(find(ui, "g1.name")) << at;
      EXPECT_NEAR(find(ui, "g1.name")->rect.x, w / 2, ui.gap()) << at << ": the second column starts at the middle";
    } else {
      EXPECT_GT(g1->rect.y, g0->rect.bottom()) << at << ": one under the other";
    }
    // Reading order: each group's controls together, the groups in order.
    std::vector<std::string> order;
    for (const auto& wd : ui.widgets())
      if (wd.id.size() > 1 && wd.id[0] == 'g' && wd.id[1] >= '0' && wd.id[1] <= '9') order.push_back(wd.id);
    for (size_t i = 1; i < order.size(); ++i) EXPECT_LE(order[i - 1][1], order[i][1]) << at;
    for (size_t i = 0; i < ui.widgets().size(); ++i)
      for (size_t j = i + 1; j < ui.widgets().size(); ++j)
        EXPECT_FALSE(rects_overlap(ui.widgets()[i].rect, ui.widgets()[j].rect))
            << at << " " << ui.widgets()[i].id << " / " << ui.widgets()[j].id;
  }
}

// settings6: a line of groups is one block that cannot be split over pages; taller than a page
// (low reach: the page starts a third down the panel and ends above the pager's own row, 1024×600
// at 1.5–2×) it ran into the pager. Such a line stands one group under the other, its rows paged
// one by one: on every page nothing meets the pager or the bar, and each group's controls keep
// their order.
TEST(UiGroups, ALineTallerThanAPageStandsInOneColumnAndNeverMeetsThePager) {
  LayoutMetrics metrics;
  auto themes = builtin_themes();
  for (float scale : {1.5f, 2.f}) {
    auto build = [&](int page) {
      UiEnv env = plain_env(&themes[0], &metrics, 1024, 600, scale);
      env.mm_per_px = default_mm_per_px(1024, 600);  // (the panel's pitch, as the kiosk draws it)
      env.unit = unit_of(env.mm_per_px);
      env.low_reach = true;
      env.caption = "设置";
      env.page = page;
      auto ui = std::make_unique<Ui>(env);
      ui->begin("t.groups", "设置");
      ui->groups_begin(2, 300);
      for (int g = 0; g < 4; ++g) {
        ui->group();
        ui->row(4);
        ui->text("g" + std::to_string(g) + ".name", "颜色", TextStyle::heading);
        for (const char* o : {"黑底黄字", "黑底白字", "白底黑字"})
          ui->option("g" + std::to_string(g) + "." + o, o, std::string(o) == "黑底黄字");
        ui->end_row();
      }
      ui->groups_end();
      ui->end();
      return ui;
    };
    // (settings7: groups now share a line only where their natural widths fit it, so these four
    // may stand one a line and take one page; wherever they stand, the rules below hold)
    const int pages = build(0)->page_count();
    ASSERT_GE(pages, 1) << scale;
    std::vector<std::string> order;
    for (int p = 0; p < pages; ++p) {
      auto ui = build(p);
      const Widget* prev = find(*ui, "page.prev");
      const Widget* back = find(*ui, "nav.back");
      ASSERT_TRUE(back && (prev || pages == 1)) << scale << " page " << p;
      for (const auto& w : ui->widgets()) {
        if (w.id.size() < 2 || w.id[0] != 'g') continue;
        order.push_back(w.id);
        if (prev) { EXPECT_LE(w.rect.bottom(), prev->rect.y + 0.5f) << scale << " page " << p << " " << w.id << " runs into the pager"; }
        EXPECT_LE(w.rect.bottom(), back->rect.y + 0.5f) << scale << " page " << p << " " << w.id;
        if (role_interactive(w.role)) {
          EXPECT_GE(w.rect.y, ui->low_reach_line() - 1) << scale << " " << w.id;
        }
      }
    }
    for (size_t i = 1; i < order.size(); ++i) EXPECT_LE(order[i - 1][1], order[i][1]) << scale << ": groups in order";
    EXPECT_EQ(order.size(), 16u) << scale << ": every name and option on some page";
  }
}

// settings6: the chosen option's ✓ stands in its top right corner, inside it, in the option's
// own text colour (with the theme's selected fill and inner border: never colour alone); the
// option's size and lines do not change with the choice. A stepper is one row (value, less,
// more) and returns the way it was stepped.
TEST(UiOption, TheChosenOnesCheckInItsCornerAndTheSizeKeptWhateverIsChosen) {
  LayoutMetrics metrics;
  auto themes = builtin_themes();
  for (float scale : {1.f, 2.f}) {
    std::vector<Rect> rects[2];
    for (int chosen = 0; chosen < 2; ++chosen) {
      UiEnv env = plain_env(&themes[0], &metrics, 1366, 768, scale);
      Ui ui(env);
      ui.begin("t.options", "设置");
      ui.row(4);
      ui.text("theme.name", "颜色", TextStyle::heading);
      for (int i = 0; i < 3; ++i) ui.option("o." + std::to_string(i), "黑底黄字", i == chosen);
      ui.end_row();
      ui.end();
      for (int i = 0; i < 3; ++i) {
        const Widget* o = find(ui, "o." + std::to_string(i));
        ASSERT_TRUE(o) << scale;
        rects[chosen].push_back(o->rect);
        int checks = 0;
        for (const auto& d : ui.draw())
          if (d.kind == DrawCmd::k_icon && d.icon == Icon::check && d.rect.x > o->rect.x &&
              d.rect.right() < o->rect.right() && d.rect.cy() > o->rect.y - ui.gap() && d.rect.cy() < o->rect.cy()) {
            ++checks;
            EXPECT_GT(d.rect.x, o->rect.cx()) << scale << ": at the right";
            EXPECT_GT(d.rect.y, o->rect.y - ui.gap()) << scale << ": within the gap above";
            EXPECT_LT(d.rect.cy(), o->rect.y + ui.gap()) << scale << ": on the top border";
            EXPECT_GE(d.rect.w, 0.7f * ui.u(28) * 0.99f) << scale << ": big enough to see";
            // (the label's text never under the ✓)
            for (const auto& t : ui.draw())
              if (t.kind == DrawCmd::k_text && o->rect.contains(t.rect.x, t.rect.y)) {
                EXPECT_GE(t.rect.y, d.rect.bottom()) << scale << " " << t.text;
              }
          }
        EXPECT_EQ(checks, i == chosen ? 1 : 0) << scale << " option " << i;
      }
    }
    for (int i = 0; i < 3; ++i) {
      EXPECT_FLOAT_EQ(rects[0][size_t(i)].w, rects[1][size_t(i)].w) << scale;
      EXPECT_FLOAT_EQ(rects[0][size_t(i)].h, rects[1][size_t(i)].h) << scale;
    }
  }
  // The stepper.
  for (const char* hit : {"", "vol.down", "vol.up"}) {
    UiEnv env = plain_env(&themes[0], &metrics, 1920, 1080, 1);
    env.activated = hit;
    Ui ui(env);
    ui.begin("t.stepper", "设置");
    const int d = ui.stepper("vol", "音量：第5档，共7档", "小声一点", "大声一点");
    ui.end();
    EXPECT_EQ(d, std::string(hit) == "vol.up" ? 1 : std::string(hit) == "vol.down" ? -1 : 0) << hit;
    const Widget* v = find(ui, "vol_value");
    const Widget* a = find(ui, "vol.down");
    const Widget* b = find(ui, "vol.up");
    ASSERT_TRUE(v && a && b);
    EXPECT_LT(v->rect.right(), a->rect.x) << "value, then less";
    EXPECT_LT(a->rect.right(), b->rect.x) << "less, then more";
    EXPECT_LT(std::abs(a->rect.cy() - v->rect.cy()), a->rect.h / 2) << "one row";
  }
}

namespace {
// A station's list of `n` jobs as the demo data has them (titles of 4–7 characters, an employer,
// a district, the pay and two or three suitable categories; every fifth closes within a week).
std::string many_jobs(int n) {
  static const char* titles[] = {"电话客服专员", "在线客服", "财务会计", "出纳", "数据录入员", "盲人按摩师",
                                 "手工编织", "包装工", "仓库管理员", "保洁员", "图书管理员", "软件测试工程师",
                                 "平面设计", "手语讲解员", "电商运营助理", "烘焙助理"};
  static const char* employers[] = {"示例通信有限公司", "示例商贸有限公司", "示例康养有限公司",
                                    "示例数据服务有限公司", "示例阳光家园", "示例食品有限公司"};
  static const char* districts[] = {"朝阳区", "海淀区", "西城区", "东城区", "丰台区", "通州区"};
  nlohmann::json jobs = nlohmann::json::array();
  for (int i = 0; i < n; ++i)
    jobs.push_back({{"id", 100 + i},
                    {"title", titles[i % 16]},
                    {"employer", employers[i % 6]},
                    {"district", districts[(i / 2) % 6]},
                    {"salary_min", 2800 + 200 * (i % 9)},
                    {"salary_max", 4000 + 500 * (i % 7)},
                    {"places", 1 + i % 9},
                    {"categories", i % 3 ? nlohmann::json{2, 4} : nlohmann::json{1, 3, 5}},
                    {"job_type", "office"},
                    {"deadline", i % 5 ? "2027-03-01" : "2026-11-28"}});
  return nlohmann::json{{"jobs", jobs}, {"total", n}, {"page", 1}, {"page_size", 50}}.dump();
}

// Jobs a page of a list of `n` (page 1, and the fewest on any page but the last).
struct JobPages {
  int pages = 0, first = 0, fewest = 99, total = 0;
  bool below_reach = true;  // with low reach: every control below the reach line (V6)
};
JobPages job_pages(const Combo& c, int n) {
  KioskHarness k(settings_of(c), float(c.w), float(c.h));
  k.jobs_body = many_jobs(n);
  k.serve();  // (the station's name first: home's own page count is not what is measured)
  k.tap_find("home.jobs");
  JobPages r;
  EXPECT_EQ(k.screen(), "jobs.list") << name(c);
  r.pages = k.app->ui().page_count();
  for (int p = 0; p < r.pages; ++p) {
    int jobs = 0;
    for (const auto& w : k.app->ui().widgets()) jobs += std::regex_match(w.id, std::regex(R"(job\.[0-9]+)"));
    if (p == 0) r.first = jobs;
    // (low reach: a third down the panel, or 170 mm above its bottom edge where that is higher)
    const float H = float(c.h), reach = std::min(H * 0.33f, H - 170 / k.app->ui().env().mm_per_px);
    for (const auto& w : k.app->ui().widgets())
      if (c.low_reach && role_interactive(w.role) && w.rect.y < reach - 1) {
        r.below_reach = false;
        ADD_FAILURE() << name(c) << " " << w.id << " above the reach line " << reach << " at " << w.rect.y;
      }
    // The caption's words stay in its strip (beside the pager's row it is narrower: they ran
    // under 筛选 and 上一页 at first).
    if (const Widget* cap = k.widget("caption"))
      for (const auto& d : k.app->ui().draw())
        if (d.kind == DrawCmd::k_text && d.rect.y >= cap->rect.y && d.rect.y < cap->rect.bottom() && d.rect.x >= cap->rect.x &&
            d.rect.x < cap->rect.right()) {
          EXPECT_LE(d.rect.x + k.metrics.width(d.text, d.size, d.face), cap->rect.right() + 0.5f) << name(c) << " '" << d.text << "'";
        }
    if (p == 0 && std::getenv("KIOSK_DUMP_JOBS") && name(c) == std::getenv("KIOSK_DUMP_JOBS")) {
      std::printf("level %d\n", k.app->ui().compact_level());
      for (const auto& w : k.app->ui().widgets())
        std::printf("  %-28s %4.0f %4.0f %4.0f %4.0f %s\n", w.id.c_str(), w.rect.x, w.rect.y, w.rect.w, w.rect.h, w.label.substr(0, 60).c_str());
    }
    if (p + 1 < r.pages) r.fewest = std::min(r.fewest, jobs);
    r.total += jobs;
    if (p + 1 < r.pages) k.tap("page.next");
  }
  return r;
}
}  // namespace

// Jobs to compare (issue 12 points 3–4): a station's list of 16 jobs shows at least 4 a page at
// 1× and 2 at 2× on the landscape panels stations buy, in both languages, with and without low
// reach (floors below where not yet); every job on exactly one page.
TEST(UiJobs, FourJobsAPageAt1xTwoAt2x) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1366, 768}, {1280, 800}, {1024, 768}, {1920, 1080}, {1024, 600}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text : {0, 2})
      for (bool low : {false, true})
        for (Locale loc : {Locale::zh, Locale::en}) {
          Combo c{0, text, low, loc, w, h};
          const JobPages r = job_pages(c, 16);
          if (std::getenv("KIOSK_DUMP_ALL"))
            std::printf("jobs %-28s pages %2d first %d fewest %d\n", name(c).c_str(), r.pages, r.first, r.fewest);
          EXPECT_EQ(r.total, 16) << name(c);
          // (low reach as without since jobs6: the reach line 170 mm above the panel's bottom edge
          // on a short panel, the caption beside the pager; before, 2 a page at 1× on 1366×768,
          // 1280×800 and 1024×600, 3 on 1024×768, 1 at 2× on 1024×600. The floor where the rule
          // is not met, as measured 03:45 UTC 2026-12-06: 1024×600 at 1×, 3)
          int least = text == 0 ? 4 : 2;
          if (w == 1024 && h == 600 && text == 0) least = 3;
          EXPECT_TRUE(r.below_reach) << name(c);
          EXPECT_GE(r.fewest, least) << name(c) << ": " << r.pages << " pages";
          EXPECT_GE(r.first, least) << name(c);
        }
}

// A job's detail on one page at 1× (jobs6: its ten lines of details in one block left the
// description alone on page 2 on 1920×1080 and 1366×768): the job and who it suits side by
// side; the address said once when it starts with the district.
TEST(UiJobs, DetailOnOnePageAt1xTheAddressOnce) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1920, 1080}, {1366, 768}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (Locale loc : {Locale::zh, Locale::en}) {
      Combo c{0, 0, false, loc, w, h};
      KioskHarness k(settings_of(c), float(c.w), float(c.h));
      k.tap_find("home.jobs");
      k.tap_find("job.60");
      ASSERT_EQ(k.screen(), "jobs.detail") << name(c);
      EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
      const Widget *a = k.widget("job.summary"), *b = k.widget("job.details"), *d = k.widget("job.description");
      ASSERT_TRUE(a && b && d) << name(c);
      EXPECT_FLOAT_EQ(a->rect.y, b->rect.y) << name(c);
      EXPECT_LT(a->rect.right(), b->rect.x) << name(c);
      EXPECT_NE(a->label.find("通州区示例路192号"), std::string::npos) << a->label;
      EXPECT_EQ(a->label.find("通州区 通州区"), std::string::npos) << a->label;
    }
}

// A job at a glance (jobs8): the title, pay, employer, where, who it suits, until when to apply
// and 我有兴趣 (how to apply) on page 1 on every panel at every text size, in both languages, with
// and without low reach; the rest may follow on page 2, never a third (3 at 1.5–2× on 1366×768
// and 1280×800, 3–4 on 1024×600, 6 at 2× on 1024×768 in English before, the pay and who it suits
// on page 2 there).
TEST(UiJobs, DetailAtAGlanceOnPageOneAtMostTwoPages) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {1024, 768}, {1280, 800}, {1280, 1024}, {1366, 768},
                                        {1920, 1080}, {1080, 1920}, {768, 1366}, {3840, 2160}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text = 0; text <= 2; ++text)
      for (bool low : {false, true})
        for (Locale loc : {Locale::zh, Locale::en}) {
          Combo c{0, text, low, loc, w, h};
          KioskHarness k(settings_of(c), float(c.w), float(c.h));
          k.tap_find("home.jobs");
          k.tap_find("job.60");
          ASSERT_EQ(k.screen(), "jobs.detail") << name(c);
          const Ui& ui = k.app->ui();
          if (std::getenv("KIOSK_DUMP_ALL")) std::printf("job %-28s pages %d level %d\n", name(c).c_str(), ui.page_count(), ui.compact_level());
          EXPECT_EQ(ui.page(), 0) << name(c);
          // (not yet on 1024×600 in English at 1.5–2×, docs/kiosk.md "Known gaps": the summary's
          // last line on page 2 of 3; 我有兴趣 on page 1 there too. At 1× the summary stood on page
          // 2 — the two columns, nine lines each, one block taller than the page under 我有兴趣 —
          // until jobs9: texts side by side taller than a page stand one under the other)
          if (w == 1024 && h == 600 && loc == Locale::en && text > 0) {
            EXPECT_LE(ui.page_count(), 3) << name(c);
            EXPECT_EQ(ui.page_of("job.interest"), 0) << name(c);
            continue;
          }
          EXPECT_LE(ui.page_count(), 2) << name(c);
          const Widget* sum = k.widget("job.summary");
          EXPECT_TRUE(sum && k.widget("job.interest")) << name(c) << ": the summary and 我有兴趣 on page 1";
          if (!sum) continue;
          EXPECT_EQ(ui.page_of("job.summary"), 0) << name(c);
          EXPECT_EQ(ui.page_of("job.interest"), 0) << name(c);
          EXPECT_EQ(ui.title(), "软件测试工程师") << name(c);
          for (const char* part : {"6000–9000", "示例数据服务有限公司", "通州区示例路192号"})
            EXPECT_NE(sum->label.find(part), std::string::npos) << name(c) << " " << part << " in " << sum->label;
          // (who it suits, and until when to apply, in the screen's language)
          EXPECT_NE(sum->label.find(loc == Locale::zh ? "听力" : "Hearing"), std::string::npos) << sum->label;
          EXPECT_NE(sum->label.find(loc == Locale::zh ? "报名截止" : "Apply by"), std::string::npos) << sum->label;
        }
}

// (The jobs filter as one form of choices, jobs7–8: its test, FilterOnOnePageAt1xTwoAt2x, gave way
// to FilterAStepPerGroupOnePageAt1xAtMostTwoAtLargerText at the end of this file, jobs9.)

// The list's tool and the pager share a row only when every label keeps its words whole on one
// line there; else the tool stands in a row of its own right above the pager (jobs6: 768×1366 at
// 2× in English, "Previous page" had a third of what the filter left and broke in "Previous").
TEST(UiPaging, TheToolTakesItsOwnRowWhenThePagerWouldBreak) {
#ifdef TX_REAL_FONT_METRICS
  struct Case {
    int w, h, text;
    bool low;
    Locale loc;
    bool stacked;
  };
  const Case cases[] = {{768, 1366, 2, true, Locale::en, true}, {768, 1366, 2, false, Locale::en, true},
                        {1366, 768, 0, false, Locale::zh, false}, {1366, 768, 0, true, Locale::en, false}};
  for (const auto& cs : cases) {
    Combo c{0, cs.text, cs.low, cs.loc, cs.w, cs.h};
    KioskHarness k(settings_of(c), float(c.w), float(c.h));
    k.jobs_body = many_jobs(16);
    k.serve();
    k.tap_find("home.jobs");
    ASSERT_EQ(k.screen(), "jobs.list") << name(c);
    ASSERT_GT(k.app->ui().page_count(), 1) << name(c);
    const Widget *tool = k.widget("jobs.filter"), *prev = k.widget("page.prev"), *next = k.widget("page.next");
    ASSERT_TRUE(tool && prev && next) << name(c);
    const auto& ws = k.app->ui().widgets();
    for (size_t i = 0; i < ws.size(); ++i)
      if (ws[i].id == "jobs.filter" || ws[i].id.rfind("page.", 0) == 0) {
        EXPECT_EQ(k.app->ui().widget_lines()[i].size(), 1u) << name(c) << " " << ws[i].id;
        EXPECT_EQ(frame_broken_word(ws[i].label, k.app->ui().widget_lines()[i]), "") << name(c) << " " << ws[i].id;
      }
    if (cs.stacked) {
      // (a row of its own: above the pager's, the pager in the whole width)
      EXPECT_LE(tool->rect.bottom(), prev->rect.y) << name(c);
      EXPECT_LT(prev->rect.x, tool->rect.right()) << name(c);
    } else {
      EXPECT_FLOAT_EQ(tool->rect.y, prev->rect.y) << name(c);
      EXPECT_LT(tool->rect.right(), prev->rect.x) << name(c);
    }
    // Every job before the tool and the pager, on every page.
    for (int p = 0; p < k.app->ui().page_count(); ++p) {
      for (const auto& w : k.app->ui().widgets())
        if (std::regex_match(w.id, std::regex(R"(job\.[0-9]+)"))) {
          EXPECT_LE(w.rect.bottom(), k.widget("jobs.filter")->rect.y) << name(c) << " " << w.id;
        }
      if (p + 1 < k.app->ui().page_count()) k.tap("page.next");
    }
  }
#endif
}

// A screen's page count does not change while its pages are turned (issue 12: "page.next" was
// disabled before the last page — a job's detail at 1.5–2× in English on 1024×600 counted 5
// pages on page 1 and fewer on later ones; home at 2× in English on 1920×1080 likewise).
TEST(UiPaging, PageCountStaysWhilePagesAreTurned) {
  struct Case {
    int w, h, text;
    bool detail;
  };
#ifdef TX_REAL_FONT_METRICS
  const Case cases[] = {{1024, 600, 1, true}, {1024, 600, 2, true}, {1024, 600, 1, false}, {1024, 600, 2, false},
                        {1920, 1080, 2, false}, {1366, 768, 2, true}};
#else
  const Case cases[] = {{1920, 1080, 1, true}};
#endif
  for (const auto& cs : cases)
    for (bool low : {false, true})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, cs.text, low, loc, cs.w, cs.h};
        KioskHarness k(settings_of(c), float(c.w), float(c.h));
        if (cs.detail) {
          k.tap_find("home.jobs");
          k.tap_find("job.60");
          ASSERT_EQ(k.screen(), "jobs.detail") << name(c);
        }
        const int pages = k.app->ui().page_count();
        std::vector<int> seen{pages};
        if (std::getenv("KIOSK_DUMP_ALL")) {
          std::printf("%s page 0: %d pages, level %d\n", name(c).c_str(), pages, k.app->ui().compact_level());
          for (const auto& w : k.app->ui().widgets())
            std::printf("  %-28s %4.0f %4.0f %4.0f %4.0f %s\n", w.id.c_str(), w.rect.x, w.rect.y, w.rect.w, w.rect.h, w.label.substr(0, 50).c_str());
        }
        for (int p = 1; p < pages; ++p) {
          const Widget* next = k.widget("page.next");
          ASSERT_TRUE(next && next->enabled) << name(c) << " page " << p << " of " << pages;
          k.tap("page.next");
          seen.push_back(k.app->ui().page_count());
          if (std::getenv("KIOSK_DUMP_ALL")) {
            std::printf("%s page %d: %d pages, level %d\n", name(c).c_str(), k.app->ui().page(), k.app->ui().page_count(), k.app->ui().compact_level());
            for (const auto& w : k.app->ui().widgets())
              std::printf("  %-28s %4.0f %4.0f %4.0f %4.0f\n", w.id.c_str(), w.rect.x, w.rect.y, w.rect.w, w.rect.h);
          }
        }
        for (int n : seen) EXPECT_EQ(n, pages) << name(c);
      }
}
namespace {

// ------------------------------------------------------------------ days: weeks, then a week's days (days5)
// A station's 90 days of sessions as the demo data has them: Monday to Friday, first
// assessments (20 places), the week of 30 November fully booked.
std::string ninety_days() {
  nlohmann::json days = nlohmann::json::array();
  Date d = *Date::parse("2026-11-25");
  const Date full_from = *Date::parse("2026-11-30"), full_to = *Date::parse("2026-12-06");
  for (int i = 0; i < 90; ++i, d = d.plus_days(1)) {
    if (d.iso_weekday() > 5) continue;
    int left = d >= full_from && d <= full_to ? 0 : (i * 7) % 19 + 1;
    days.push_back({{"date", d.str()},
                    {"weekday", int(d.iso_weekday() % 7)},
                    {"kinds", {{"first_assessment", {{"capacity", 20}, {"left", left}, {"start", "09:00"},
                                                     {"end", "11:30"}, {"place", "服务站一楼评定室"}}}}}});
  }
  return nlohmann::json{{"days", days}}.dump();
}

// Keys only: PageDown until `id` is on the page, then Tab until it has the focus; the presses
// (-1 when it never gets there).
int presses_to(KioskHarness& k, const std::string& id) {
  int n = 0;
  for (int i = 0; i < 40 && !k.widget(id); ++i, ++n) k.key("PageDown");
  for (int i = 0; i < 80 && k.app->focused() != id; ++i, ++n) k.key("Tab");
  return k.app->focused() == id ? n : -1;
}

struct DayReach {
  int first_pages = 0;  // pages of the first view (the weeks, or all the days)
  int week_pages = 0;   // pages of the last week's days (0: no weeks)
  int presses = -1;     // keys from entering the day step to the focus on the last open day
};

// Staff booking for a registered resident (kId), up to the day step of a first assessment.
void staff_book_to_days(KioskHarness& k) {
  k.sign_in_staff();
  ASSERT_EQ(k.screen(), "staff.home");
  k.tap_find("staff.book");
  k.type(kId);
  k.tap_find("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.book_kind");
  k.tap_find("staff.kind.first_assessment");
  ASSERT_EQ(k.screen(), "staff.book_day");
}

// (staff: the same day step on "staff.book_day" / "staff.book_week", ids "staff.day.…",
// "staff.week.…"; the staff's days start today, the resident's tomorrow — the same 90 days here)
DayReach reach_last_day(float w, float h, int text, Locale loc = Locale::zh, bool staff = false) {
  Combo c{0, text, false, loc, int(w), int(h)};
  KioskHarness k(settings_of(c), w, h);
  k.days_body = ninety_days();
  const std::string p = staff ? "staff." : "";
  const std::string day_screen = staff ? "staff.book_day" : "appointment.day";
  const std::string week_screen = staff ? "staff.book_week" : "appointment.week";
  if (staff) {
    staff_book_to_days(k);
  } else {
    k.tap_find("home.appointment");
    k.tap_find("kind.first_assessment");
  }
  DayReach r;
  r.first_pages = k.app->ui().page_count();
  // The two soonest open days stand above the weeks, the focus on the first on entry (one Enter
  // books it, as before the weeks); the first week is heard with its dates, days and places when
  // the focus reaches it; the fully booked week is shown disabled with its reason.
  int to_first_week = 0;
  if (k.app->ui().page_of(p + "week.2026-11-23") >= 0) {
    EXPECT_EQ(k.app->focused(), p + "day.2026-11-25") << w << "x" << h << ": the soonest open day focused on entry";
    EXPECT_GE(k.app->ui().page_of(p + "day.2026-11-26"), 0) << w << "x" << h << ": the second soonest beside it";
    EXPECT_EQ(k.app->ui().page_of(p + "day.2026-11-27"), -1) << w << "x" << h << ": only two above the weeks";
    to_first_week = presses_to(k, p + "week.2026-11-23");
  }
  if (loc == Locale::zh) {
    EXPECT_TRUE(k.said("本周，11月23日到11月29日，3个评定日，3天有名额，共")) << w << "x" << h;
    const Widget* full = k.widget(p + "week.2026-11-30");
    EXPECT_TRUE(full && !full->enabled && full->label.find("已约满") != std::string::npos) << w << "x" << h;
  }
  if (std::getenv("KIOSK_DUMP_ALL")) {
    std::printf("%gx%g text %d level %d\n", w, h, text, k.app->ui().compact_level());
    for (const auto& wd : k.app->ui().widgets())
      std::printf("  %-28s %4.0f %4.0f %4.0f %4.0f %s\n", wd.id.c_str(), wd.rect.x, wd.rect.y, wd.rect.w, wd.rect.h,
                  wd.label.c_str());
  }
  const std::string last = "2027-02-22";  // the last open day (a Monday)
  if (k.app->ui().page_of(p + "day." + last) >= 0) {
    r.presses = presses_to(k, p + "day." + last);
    return r;
  }
  int to_week = presses_to(k, p + "week." + last);
  if (to_week < 0) return r;
  to_week += to_first_week;
  k.key("Return");
  EXPECT_EQ(k.screen(), week_screen);
  k.key("Escape");  // Back: the weeks, on the week's page, the focus on it
  EXPECT_EQ(k.screen(), day_screen);
  EXPECT_EQ(k.app->focused(), p + "week." + last);
  k.clock.advance(1);
  k.key("Return");
  r.week_pages = k.app->ui().page_count();
  int to_day = presses_to(k, p + "day." + last);
  r.presses = to_day < 0 ? -1 : to_week + 1 + to_day;
  return r;
}

TEST(UiDays, PagesAndKeysToTheLastDayMeasured) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<float, float> panels[] = {{1366, 768}, {1080, 1920}, {1920, 1080}};
#else
  const std::pair<float, float> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text : {0, 2}) {
      DayReach r = reach_last_day(w, h, text);
      std::printf("days %gx%g text %d: first view %d pages, the week %d pages, %d keys to the last day\n", w, h, text,
                  r.first_pages, r.week_pages, r.presses);
      // Measured 01:35 UTC 2026-12-06 (before: all 64 days in one list — 1366×768 11 pages at 1×,
      // 18 at 2×, 15 and 18 keys; docs/kiosk.md "Known gaps"): the weeks ≤ 5 pages, a week's
      // days one page, ≤ 15 keys (1080×1920 1×: the two soonest days and 14 weeks on one page, Tab through them).
      EXPECT_EQ(r.week_pages, 1) << w << "x" << h << " text " << text;
      EXPECT_LE(r.first_pages, 5) << w << "x" << h << " text " << text;
      EXPECT_GT(r.presses, 0);
      EXPECT_LE(r.presses, 15) << w << "x" << h << " text " << text;
    }
}

}  // namespace

namespace {
// The icon drawn inside a widget's rectangle (Icon::none when none).
Icon icon_in(const Ui& ui, const Widget& w) {
  for (const auto& d : ui.draw())
    if (d.kind == DrawCmd::k_icon && d.rect.x >= w.rect.x && d.rect.right() <= w.rect.right() + 0.5f &&
        d.rect.y >= w.rect.y && d.rect.bottom() <= w.rect.bottom() + 0.5f)
      return d.icon;
  return Icon::none;
}
}  // namespace

// days6 (issue 12 point 4): the weeks in the words residents use, relative to the station's
// today (the harness: Wednesday 25 November 2026) — "本周", "下周", "12月7日那周" — with the
// dates under them (month once); the two soonest days above the weeks carry a day's icon, the
// weeks a week's, so a day is not read as one more week; heard the same way, the dates in full.
TEST(UiDays, WeeksInWordsWithTheirOwnIcon) {
  for (Locale loc : {Locale::zh, Locale::en}) {
    Combo c{0, 0, false, loc, 1920, 1080};
    KioskHarness k(settings_of(c), 1920, 1080);
    k.days_body = ninety_days();
    k.tap_find("home.appointment");
    k.tap_find("kind.first_assessment");
    ASSERT_EQ(k.screen(), "appointment.day") << name(c);
    const bool zh = loc == Locale::zh;
    const Widget* day = k.widget("day.2026-11-25");
    const Widget* now = k.widget("week.2026-11-23");
    const Widget* next = k.widget("week.2026-11-30");
    const Widget* later = k.widget("week.2026-12-07");
    ASSERT_TRUE(day && now && next && later) << name(c);
    // (this week and next with their dates, the month once; later weeks by their Monday)
    EXPECT_EQ(now->label.substr(0, now->label.find('\n')), zh ? "本周 11月23日–29日" : "This week, 23–29 November");
    EXPECT_EQ(next->label.substr(0, next->label.find('\n')),
              zh ? "下周 11月30日–12月6日 · 已约满" : "Next week, 30 November – 6 December · Full");
    EXPECT_EQ(later->label.substr(0, later->label.find('\n')), zh ? "12月7日那周" : "Week of 7 December");
    EXPECT_EQ(icon_in(k.app->ui(), *day), Icon::day) << name(c);
    for (const Widget* w : {now, next, later}) EXPECT_EQ(icon_in(k.app->ui(), *w), Icon::week) << w->id;
    // Heard: the week's words, then its dates in full.
    while (k.app->focused() != "week.2026-12-07") k.key("Tab");
    EXPECT_TRUE(k.said(zh ? "12月7日那周，12月7日到12月13日，5个评定日" : "Week of 7 December, 7 December to 13 December, 5 assessment days"))
        << name(c);
    // A week's days: the date and the short weekday on the button, the whole date heard.
    k.key("Return");
    ASSERT_EQ(k.screen(), "appointment.week");
    EXPECT_TRUE(k.said(zh ? "12月7日那周，12月7日到12月13日：请选择日期" : "Week of 7 December, 7 December to 13 December: choose a day"));
    const Widget* tue = k.widget("day.2026-12-08");
    ASSERT_TRUE(tue);
    EXPECT_EQ(tue->label.substr(0, tue->label.find('\n')), zh ? "12月8日 周二" : "Tue 8 December");
    EXPECT_EQ(icon_in(k.app->ui(), *tue), Icon::day);
    while (k.app->focused() != "day.2026-12-08") k.key("Tab");
    EXPECT_TRUE(k.said(zh ? "12月8日 星期二" : "Tuesday 8 December")) << name(c);
  }
}

// days6 (issue 12 point 3): a week's five days on one page on every panel at 1× and 2× (at 2× on
// 1080×1920 they took 2 pages before: three-line buttons in one column); each day whole and
// reachable, the frame rules (dates whole among them) held on the page.
TEST(UiDays, AWeeksDaysOnOnePage) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<float, float> panels[] = {{1366, 768}, {1080, 1920}, {1920, 1080}, {768, 1366}};
#else
  const std::pair<float, float> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text : {0, 2})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, false, loc, int(w), int(h)};
        KioskHarness k(settings_of(c), w, h);
        k.days_body = ninety_days();
        k.tap_find("home.appointment");
        k.tap_find("kind.first_assessment");
        k.tap_find("week.2026-12-07");
        ASSERT_EQ(k.screen(), "appointment.week") << name(c);
        const Ui& ui = k.app->ui();
        std::printf("a week's days %s: %d pages\n", name(c).c_str(), ui.page_count());
        if (std::getenv("KIOSK_DUMP_ALL"))
          for (const auto& wd : ui.widgets())
            std::printf("  %-28s %4.0f %4.0f %4.0f %4.0f level %d %s\n", wd.id.c_str(), wd.rect.x, wd.rect.y, wd.rect.w,
                        wd.rect.h, ui.compact_level(), wd.label.c_str());
        EXPECT_EQ(ui.page_count(), 1) << name(c);
        for (const char* d : {"day.2026-12-07", "day.2026-12-08", "day.2026-12-09", "day.2026-12-10", "day.2026-12-11"})
          EXPECT_EQ(ui.page_of(d), 0) << name(c) << " " << d;
        std::set<std::string> seen;
        check_frame(k, name(c), &seen);
      }
}

// days7 (issue 12 point 3): staff booking's day step is the resident's (kit::day_step) — the two
// soonest open days, the weeks, then a week's days on one page; Back on a week's days returns
// to the weeks, the focus on that week; a day picked goes on with the booking. Before: one button
// a day, the list days5 measured for the resident on the same 64 weekdays (not re-run for staff):
// 1366×768 1× 11 / 2× 18 pages, 1080×1920 3 / 7, 1920×1080 7 / 9 (docs/kiosk.md "Known gaps").
TEST(UiDays, StaffBookByWeekAsResidents) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<float, float> panels[] = {{1366, 768}, {1080, 1920}, {1920, 1080}};
#else
  const std::pair<float, float> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text : {0, 2}) {
      DayReach r = reach_last_day(w, h, text, Locale::zh, true);
      std::printf("staff days %gx%g text %d: first view %d pages, the week %d pages, %d keys to the last day\n", w, h,
                  text, r.first_pages, r.week_pages, r.presses);
      EXPECT_EQ(r.week_pages, 1) << w << "x" << h << " text " << text;
      EXPECT_LE(r.first_pages, 5) << w << "x" << h << " text " << text;
      EXPECT_GT(r.presses, 0) << w << "x" << h << " text " << text;
      EXPECT_LE(r.presses, 15) << w << "x" << h << " text " << text;
    }
  // Spoken as the resident's (the week's words, dates in full, its days counted), and a day
  // picked in a week goes on to the next step of the booking.
  KioskHarness k(Settings{}, 1920, 1080);
  k.days_body = ninety_days();
  staff_book_to_days(k);
  k.tap_find("staff.week.2026-12-07");
  ASSERT_EQ(k.screen(), "staff.book_week");
  EXPECT_TRUE(k.said("12月7日那周，12月7日到12月13日：请选择日期"));
  EXPECT_TRUE(k.said("共5项"));
  k.tap_find("staff.day.2026-12-08");
  EXPECT_NE(k.screen(), "staff.book_week");
  EXPECT_NE(k.screen(), "staff.book_day");
  EXPECT_EQ(k.app->staff().date, "2026-12-08");
}

namespace {
// The text drawn inside a widget's rectangle, its lines joined.
std::string drawn_in(const Ui& ui, const Widget& w) {
  std::string out;
  for (const auto& d : ui.draw())
    if (d.kind == DrawCmd::k_text && d.rect.x >= w.rect.x - 0.5f && d.rect.x < w.rect.right() &&
        d.rect.y >= w.rect.y - 0.5f && d.rect.y < w.rect.bottom())
      out += d.text;
  return out;
}
}  // namespace

// days7 (issue 12 point 4): a week's days show their hours and places left on the button at every
// panel and text size (at 2× on 1080×1920 the compact frame left them off: spoken only, and a deaf
// resident saw dates alone), and the place where the week's days are not all in one; one page.
TEST(UiDays, AWeeksDaysShowTheirHoursPlacesLeftAndAPlaceThatDiffers) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<float, float> panels[] = {{1080, 1920}, {1366, 768}, {1920, 1080}, {768, 1366}, {1280, 800}};
#else
  const std::pair<float, float> panels[] = {{1920, 1080}};
#endif
  nlohmann::json days = nlohmann::json::parse(ninety_days());
  for (auto& d : days["days"])
    if (d["date"] == "2026-12-09") d["kinds"]["first_assessment"]["place"] = "区康复中心";
  for (auto [w, h] : panels)
    for (int text : {0, 2})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, false, loc, int(w), int(h)};
        KioskHarness k(settings_of(c), w, h);
        k.days_body = days.dump();
        k.tap_find("home.appointment");
        k.tap_find("kind.first_assessment");
        k.tap_find("week.2026-12-07");
        ASSERT_EQ(k.screen(), "appointment.week") << name(c);
        const Ui& ui = k.app->ui();
        EXPECT_EQ(ui.page_count(), 1) << name(c);
        for (const char* id : {"day.2026-12-07", "day.2026-12-08", "day.2026-12-09", "day.2026-12-10", "day.2026-12-11"}) {
          const Widget* day = k.widget(id);
          ASSERT_TRUE(day) << name(c) << " " << id;
          const std::string shown = drawn_in(ui, *day);
          // (on a short panel where three columns do not hold them the week's one set of hours
          // stands once above the days, "week.hours", days9; the places left on each)
          const Widget* once = k.widget("week.hours");
          const std::string hours = once ? drawn_in(ui, *once) : "";
          {
            EXPECT_TRUE(shown.find("9:00") != std::string::npos || hours.find("9:00") != std::string::npos)
                << name(c) << " " << id << ": '" << shown << "'";
            // (the count and its word kept together by a no-break space since days9)
            EXPECT_TRUE(shown.find(loc == Locale::zh ? "余" : " left") != std::string::npos ||
                        (loc == Locale::en && shown.find("\u00a0left") != std::string::npos))
                << name(c) << " " << id << ": '" << shown << "'";
          }
          // (the place: the note, shown where the frame is not compact)
          if (ui.compact_level() == 0) {
            EXPECT_NE(shown.find(std::string(id) == "day.2026-12-09" ? "区康复中心" : "服务站一楼评定室"), std::string::npos)
                << name(c) << " " << id << ": '" << shown << "'";
          }
          std::printf("  %s level %d: '%s'\n", id, ui.compact_level(), shown.c_str());
        }
        std::set<std::string> seen;
        check_frame(k, name(c), &seen);
      }
  // Heard as shown: the whole date, the hours, the places left, the place.
  KioskHarness k(Settings{}, 1920, 1080);
  k.days_body = days.dump();
  k.tap_find("home.appointment");
  k.tap_find("kind.first_assessment");
  k.tap_find("week.2026-12-07");
  while (k.app->focused() != "day.2026-12-09") k.key("Tab");
  EXPECT_TRUE(k.said("12月9日 星期三，上午9:00–11:30，还有")) << k.app->focused();
  EXPECT_TRUE(k.said("区康复中心"));
}

// settings7 (issue 12: a screen that is not a list fits one page at 1×, two at larger text):
// the settings on every panel, zh and en, with and without low reach — pages printed (the
// numbers in docs/kiosk.md "Known gaps") and held; every setting reached by keys row by row
// (the focus order never goes back up the page).
// Where settings do not reach one page at 1× / two at larger text (panel, en, text step, pages).
// settings9 (13:25 UTC 2026-12-06): none. The scanning interval stands only while scanning is on
// (a fifth line of four on 1024×768 and 1280×800 at 1×), and a one-word name ("颜色") is no longer
// counted as two half-width clauses when lines are packed by natural widths (the colours' row
// fell back to three columns, its line twice as tall). 1024×600 at 1×: ten groups, 2 → 1 page;
// at 1.5–2× in English 3 → 2. The entry below matches no panel (as kDenseGaps).
constexpr std::tuple<int, int, bool, int, int> kSettingsFloors[] = {{0, 0, false, 0, 0}};
// Each of the nine panels (1920×1080 alone with the approximate metrics), with and without low
// reach, in zh and en: step(c) for each text step, then row(w, h, low, loc) once (settings8).
template <class Step, class Row>
void each_panel_and_step(Step step, Row row) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1366, 768}, {1920, 1080}, {1080, 1920}, {1024, 600}, {1280, 800},
                                        {1024, 768}, {1280, 1024}, {768, 1366}, {3840, 2160}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (bool low : {false, true})
      for (Locale loc : {Locale::zh, Locale::en}) {
        for (int text = 0; text <= 2; ++text) step(Combo{0, text, low, loc, w, h});
        row(w, h, low, loc);
      }
}
void dump_widgets(const Ui& ui, const std::string& what) {
  std::printf("%s level %d\n", what.c_str(), ui.compact_level());
  for (const auto& wd : ui.widgets())
    std::printf("  %-28s %4.0f %4.0f %4.0f %4.0f\n", wd.id.c_str(), wd.rect.x, wd.rect.y, wd.rect.w, wd.rect.h);
  // (settings9: each widget's lines too, to see which label wraps)
  if (std::getenv("KIOSK_DUMP_LINES"))
    for (size_t i = 0; i < ui.widgets().size() && i < ui.widget_lines().size(); ++i)
      for (const auto& l : ui.widget_lines()[i]) std::printf("    %s | %s\n", ui.widgets()[i].id.c_str(), l.c_str());
}

TEST(UiSettings, OnePageAt1xAtMostTwoAtLargerTextRowByRow) {
  std::string line;
  each_panel_and_step(
      [&](Combo c) {
          const int w = c.w, h = c.h, text = c.text;
          const Locale loc = c.loc;
          KioskHarness k(settings_of(c), float(w), float(h));
          k.serve();
          k.tap_find("home.settings");
          ASSERT_EQ(k.screen(), "settings") << name(c);
          const int pages = k.app->ui().page_count();
          line += " " + std::to_string(pages);
          // (one page at 1× and two at larger text where it holds; elsewhere no more than
          // measured: docs/kiosk.md "Settings, identity and subsidies (settings7)")
          int most = text == 0 ? 1 : 2;
          for (const auto& [fw, fh, fl, fx, fp] : kSettingsFloors)
            if (fw == w && fh == h && fl == (loc == Locale::en) && fx == text) most = std::max(most, fp);
          // (the approximate metrics of kiosk_core_tests measure other widths: order only there)
          if (kRealFont) { EXPECT_LE(pages, most) << name(c); }
          // Row by row: each control stands on the row of the one before it (to its right) or
          // below it, page by page.
          for (int p = 0; p < pages; ++p) {
            const Widget* prev = nullptr;
            if (const char* d = std::getenv("KIOSK_DUMP_SETTINGS"); d && name(c) == d)
              dump_widgets(k.app->ui(), name(c) + " page " + std::to_string(p));
            // settings8: a name and its value ("扫描间隔：2.0秒", "音量：第5档，共7档") break after the
            // colon or not at all — never a line that starts with it ("扫描间隔 / ：2.0秒" at 1× on
            // 1920×1080 before).
            for (const auto& wd : k.app->ui().widgets()) {
              if (wd.id.rfind("settings.", 0) != 0 || wd.id.find("_value") == std::string::npos) continue;
              std::vector<std::string> lines;
              for (const auto& d : k.app->ui().draw())
                if (d.kind == DrawCmd::k_text && wd.rect.contains(d.rect.x + 0.5f, d.rect.y + 0.5f)) lines.push_back(d.text);
              for (size_t l = 1; l < lines.size(); ++l) {
                EXPECT_NE(lines[l].rfind("\uff1a", 0), 0u) << name(c) << " " << wd.id << ": '" << lines[l - 1] << " / " << lines[l] << "'";
                if (loc == Locale::zh && lines.size() == 2 && lines[0].find("\uff1a") != std::string::npos)
                  EXPECT_EQ(lines[0].substr(lines[0].size() - 3), "\uff1a") << name(c) << " " << wd.id << ": '" << lines[0] << " / " << lines[1] << "'";
              }
            }
            for (const auto& wd : k.app->ui().widgets()) {
              if (wd.id.rfind("settings.", 0) != 0 || !wd.focusable()) continue;
              // (settings11: 更多设置 is the step's tool in the pager's row, first in the registry as
              // the jobs filter's 下一步 — not one of the settings read row by row)
              if (wd.id == "settings.more") continue;
              if (prev && wd.rect.y < prev->rect.y - 0.5f) {
                const bool same_line = wd.rect.y < prev->rect.bottom() && wd.rect.x > prev->rect.right();
                EXPECT_TRUE(same_line) << name(c) << " page " << p << ": " << wd.id << " above " << prev->id;
              }
              prev = &wd;
            }
            if (p + 1 < pages) k.tap("page.next");
          }
      },
      [&](int w, int h, bool low, Locale loc) {
        std::printf("settings %4dx%-4d %s%s pages (1x 1.5x 2x):%s\n", w, h, loc == Locale::zh ? "zh" : "en",
                    low ? " low" : "    ", line.c_str());
        line.clear();
      });
}

// settings7: a focused chosen option keeps its ring whole and its ✓ whole — the tab inside the
// ring (within the option), the ring drawn after everything (the next row's tab, half in the gap
// above its option, ran over a focused option's ring before); a stepper's − and + stand in the
// middle of their buttons, with the words spoken.
TEST(UiOption, FocusedChosenOptionsTabInsideItsRingAndTheStepperCentred) {
  LayoutMetrics metrics;
  auto themes = builtin_themes();
  for (float scale : {1.f, 2.f}) {
    UiEnv env = plain_env(&themes[0], &metrics, 1366, 768, scale);
    env.focused = "o.0";
    Ui ui(env);
    ui.begin("t.options", "设置");
    for (int r = 0; r < 2; ++r) {
      ui.row(4);
      ui.text("name." + std::to_string(r), "颜色", TextStyle::heading);
      for (int i = 0; i < 3; ++i) ui.option("o." + std::to_string(3 * r + i), "黑底黄字", i == 0);
      ui.end_row();
    }
    ui.end();
    Ui sui(plain_env(&themes[0], &metrics, 1366, 768, scale));
    sui.begin("t.stepper", "设置");
    sui.stepper("vol", "音量：第5档，共7档", "小声一点", "大声一点");
    sui.end();
    const Widget* o = find(ui, "o.0");
    ASSERT_TRUE(o && o->focused) << scale;
    size_t ring = 0, tab = 0;
    for (size_t k = 0; k < ui.draw().size(); ++k) {
      const DrawCmd& d = ui.draw()[k];
      if (d.kind == DrawCmd::k_stroke && d.color == themes[0].focus_ring) ring = k;
      if (d.kind == DrawCmd::k_icon && d.icon == Icon::check && o->rect.contains(d.rect.cx(), d.rect.cy())) {
        tab = k;
        EXPECT_GE(d.rect.y, o->rect.y) << scale << ": the ✓ inside the option, under the ring";
        EXPECT_GE(d.rect.w, ui.u(20) * 0.7f * 0.99f) << scale << ": big enough to see";
        for (const auto& t : ui.draw())
          if (t.kind == DrawCmd::k_text && o->rect.contains(t.rect.x, t.rect.y) &&
              t.rect.x + metrics.width(t.text, t.size, t.face) > d.rect.x) {
            EXPECT_GE(t.rect.y, d.rect.bottom() - 0.5f) << scale << " " << t.text;
          }
      }
    }
    ASSERT_GT(tab, 0u) << scale;
    ASSERT_GT(ring, tab) << scale;
    EXPECT_EQ(ring + 1, ui.draw().size()) << scale << ": the ring drawn last";
    // The row below's ✓ (o.3) never over the ring: drawn before it.
    for (const char* id : {"vol.down", "vol.up"}) {
      const Widget* b = find(sui, id);
      ASSERT_TRUE(b) << id;
      EXPECT_EQ(b->speak, std::string(id) == std::string("vol.down") ? "小声一点" : "大声一点");
      // (the − and + drawn as bars since days9, UiStepper.MinusAndPlusAreLargeSymbols)
      bool centred = false;
      for (const auto& t : sui.draw())
        if (t.kind == DrawCmd::k_text && b->rect.contains(t.rect.x + 1, t.rect.y + 1)) {
          const float w = metrics.width(t.text, t.size, t.face);
          centred = std::abs(t.rect.x + w / 2 - b->rect.cx()) < sui.u(4);
        } else if (t.kind == DrawCmd::k_fill && t.color == b->fg && b->rect.contains(t.rect.cx(), t.rect.cy())) {
          centred = std::abs(t.rect.cx() - b->rect.cx()) < sui.u(4);
        }
      EXPECT_TRUE(centred) << scale << " " << id;
    }
  }
}

// settings7 (issue 12 point 3, never split a step): "have you booked here before?" and its two
// answers on one page on every panel at every text size (2 pages at 2× on 1920×1080 and
// 1366×768 before), both answers counted ("共2项").
TEST(UiIdentity, ReturningOnOnePageOnEveryPanel) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1366, 768}, {1920, 1080}, {1080, 1920}, {1024, 600}, {1280, 800},
                                        {1024, 768}, {1280, 1024}, {768, 1366}, {3840, 2160}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text : {1, 2})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, false, loc, w, h};
        KioskHarness k(settings_of(c), float(w), float(h));
        k.serve();
        k.tap_find("home.appointment");
        k.tap_find("kind.first_assessment");
        k.tap_find("day.2026-12-15");
        k.type(kId);
        k.tap_find("keypad.ok");
        ASSERT_EQ(k.screen(), "identity.returning") << name(c);
        std::printf("returning %s: %d pages\n", name(c).c_str(), k.app->ui().page_count());
        EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
        EXPECT_EQ(k.app->ui().page_of("returning.yes"), 0) << name(c);
        EXPECT_EQ(k.app->ui().page_of("returning.no"), 0) << name(c);
        std::set<std::string> seen;
        check_frame(k, name(c), &seen);
      }
}

// settings8 (issue 12 point 3: a list shows ≥ 4 records a page at 1×, ≥ 2 at larger text, or all
// it has): the demo's "subsidies" resident — three programmes (paused with payments, refused with
// a reason, in review), each at the demo's longest office — on every panel the lists' rule holds
// on (kDenseLists). In English at 1× on 1280×800 the third card missed page 1 by 6 px before
// (kDenseGaps).
namespace {
const char* kThreeSubsidies = R"({"applications":[
 {"id":11,"programme":"nursing_subsidy","programme_zh":"重度残疾人护理补贴","programme_en":"Nursing subsidy","status":"suspended","status_zh":"暂停发放","status_en":"Paused","stage_date":"2026-02-11","office":"示例街道社会保障服务中心","monthly_amount":290.0,"start_month":"2025-03","payout_account_masked":"6217********1234","next_review":"2027-04-01","reason":null,"appeal_zh":"如有异议，可在收到通知之日起10个工作日内向服务站提出复核申请。","appeal_en":"If you disagree, ask the station for a recheck within 10 working days.","payments":[{"period":"2026-08","amount":290.0,"paid_on":"2026-08-15"},{"period":"2026-07","amount":290.0,"paid_on":"2026-07-15"},{"period":"2026-06","amount":290.0,"paid_on":"2026-06-15"}]},
 {"id":12,"programme":"living_subsidy","programme_zh":"困难残疾人生活补贴","programme_en":"Living subsidy","status":"rejected","status_zh":"未通过","status_en":"Not approved","stage_date":"2026-05-20","office":"示例街道社会保障服务中心","monthly_amount":null,"next_review":null,"reason":"不符合当地困难家庭认定条件","appeal_zh":"如有异议，可在收到通知之日起10个工作日内向服务站提出复核申请。","appeal_en":"If you disagree, ask the station for a recheck.","payments":[]},
 {"id":13,"programme":"assistive_devices","programme_zh":"辅助器具适配","programme_en":"Assistive devices","status":"under_review","status_zh":"审核中","status_en":"In review","stage_date":"2026-11-02","office":"示例街道社会保障服务中心","monthly_amount":null,"next_review":null,"reason":null,"payments":[]}],
 "as_of":"2026-11-25T03:00:00Z"})";
}  // namespace

TEST(UiSubsidies, TheDemosThreeProgrammesAsTheListsRuleSays) {
  std::string line;
  each_panel_and_step(
      [&](Combo c) {
          const int w = c.w, h = c.h, text = c.text;
          KioskHarness k(settings_of(c), float(w), float(h));
          k.subsidies_body = kThreeSubsidies;
          k.serve();
          k.open_subsidy_status();
          ASSERT_EQ(k.screen(), "subsidy.status") << name(c);
          const Ui& ui = k.app->ui();
          if (const char* d = std::getenv("KIOSK_DUMP_SUBSIDIES"); d && name(c) == d) dump_widgets(ui, name(c));
          int on_first = 0;
          for (int i = 0; i < 3; ++i) on_first += ui.page_of("subsidy." + std::to_string(i)) == 0;
          line += " " + std::to_string(ui.page_count()) + "/" + std::to_string(on_first);
          // (the rule where it is asserted by default — kDenseLists up to its text step; 1024×600
          // printed only: docs/kiosk.md "Known gaps")
          int max_text = -1;
          for (const auto& d : kDenseLists)
            if (d.w == w && d.h == h) max_text = d.max_text;
          if (kRealFont && text <= max_text) {
            EXPECT_GE(on_first, text == 0 ? 3 : 2) << name(c) << ": programmes on page 1";
          }
          std::set<std::string> seen;
          check_frame(k, name(c), &seen);
      },
      [&](int w, int h, bool low, Locale loc) {
        std::printf("subsidies %4dx%-4d %s%s pages/on page 1 (1x 1.5x 2x):%s\n", w, h,
                    loc == Locale::zh ? "zh" : "en", low ? " low" : "    ", line.c_str());
        line.clear();
      });
}

// days8 (issue 12 point 4): what to bring on the slip carries a bag's icon (`Ui::text_icon`; words
// only before), beside its short words on page 1 with the ticket, on every panel, 1× and 2×; the
// icon is inside the item, left of its first line, and no line of it runs under the icon.
TEST(UiSlip, WhatToBringHasItsBagIconBesideTheWordsOnPageOne) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1366, 768}, {1080, 1920}, {1920, 1080}, {1024, 600}, {768, 1366}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text : {0, 2}) {
      Combo c{0, text, false, Locale::zh, w, h};
      KioskHarness k(settings_of(c), float(w), float(h));
      k.book_returning_to_slip();
      const std::string at = name(c);
      ASSERT_EQ(k.screen(), "appointment.slip") << at;
      const Ui& ui = k.app->ui();
      std::printf("slip %s: %d pages\n", at.c_str(), ui.page_count());
      if (std::getenv("KIOSK_DUMP_ALL"))
        for (const auto& wd : ui.widgets())
          std::printf("  %-20s %4.0f %4.0f %4.0f %4.0f level %d page %d\n", wd.id.c_str(), wd.rect.x, wd.rect.y,
                      wd.rect.w, wd.rect.h, ui.compact_level(), ui.page_of(wd.id));
      EXPECT_EQ(ui.page_of("slip.ticket"), 0) << at;
      EXPECT_EQ(ui.page_of("slip.bring"), 0) << at;
      const Widget* b = k.widget("slip.bring");
      ASSERT_TRUE(b) << at;
      EXPECT_EQ(icon_in(ui, *b), Icon::bag) << at;
      float icon_right = 0;
      for (const auto& d : ui.draw())
        if (d.kind == DrawCmd::k_icon && d.icon == Icon::bag) icon_right = d.rect.right();
      for (const auto& d : ui.draw())
        if (d.kind == DrawCmd::k_text && d.rect.y >= b->rect.y && d.rect.bottom() <= b->rect.bottom() + 0.5f &&
            d.rect.x >= b->rect.x && d.rect.x < b->rect.right())
          EXPECT_GE(d.rect.x, icon_right) << at << ": '" << d.text << "' under the icon";
    }
}

// days8 (issue 12 point 3, the density rule): a direct list of a few days (the harness's two) on
// one page at larger text on the small panels — at 1.5–2× on 1024×600 the resident's two days
// stood one a page (12 runs of the density matrix), and staff booking's and rescheduling's lists
// on 768×1366 showed page 1 with the hint alone (30 runs; kDenseGaps held them).
TEST(UiDays, AFewDaysOnOnePageAtLargerText) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {768, 1366}, {1366, 768}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  std::vector<Combo> runs;  // (each panel at 1.5× and 2×, zh and en)
  for (auto [w, h] : panels)
    for (int i = 0; i < 4; ++i) runs.push_back({0, 1 + i / 2, false, i % 2 ? Locale::en : Locale::zh, w, h});
  for (const Combo& c : runs) {
    KioskHarness k(settings_of(c), float(c.w), float(c.h));
    k.tap_find("home.appointment");
    k.tap_find("kind.first_assessment");
    ASSERT_EQ(k.screen(), "appointment.day") << name(c);
    int days = 0;
    for (const auto& wd : k.app->ui().widgets()) days += wd.id.rfind("day.", 0) == 0;
    std::printf("a few days %s: %d pages, %d days on page 1\n", name(c).c_str(), k.app->ui().page_count(), days);
    EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
    EXPECT_GE(days, 2) << name(c);
    std::set<std::string> seen;
    check_frame(k, name(c), &seen);
  }
}

namespace {
// The largest horizontal strip of the panel no widget crosses (a blank band), in px.
float blank_band(const Ui& ui) {
  std::vector<std::pair<float, float>> ys;
  for (const Widget& w : ui.widgets()) ys.push_back({w.rect.y, w.rect.bottom()});
  std::sort(ys.begin(), ys.end());
  float band = 0, reach = 0;
  for (auto [top, bottom] : ys) {
    band = std::max(band, top - reach);
    reach = std::max(reach, bottom);
  }
  return std::max(band, ui.env().height - reach);
}
}  // namespace

// Round 15 (issue 12 point 2, "a portrait layout designed for portrait; content fills the
// panel"): at larger text home drew its four services as plain buttons, so at 2× on 1080×1920
// they stood in the middle third with a blank band of ≈ 40 % of the panel under them, where at
// 1× the tiles fill it. Now the tiles where they hold the page in the designed frame (zh; in
// English a word of a tile's label is wider than its half of the panel at the tiles' size, and
// the buttons stay): one page, at most 40 mm blank under the services, the services tiles
// (taller than half their width). On a landscape panel that holds the tiles only in the compact frame (which draws
// them as buttons) home keeps its designed frame with buttons (1920×1080 at 1.5×: level 0).
TEST(UiHome, PortraitHomeFillsThePanelWithTilesAtLargerText) {
  for (int text : {0, 1, 2})
    for (bool low : {false, true}) {
      Combo c{0, text, low, Locale::zh, 1080, 1920};
      KioskHarness k(settings_of(c), 1080, 1920);
      k.serve();
      ASSERT_EQ(k.screen(), "home") << name(c);
      const Ui& ui = k.app->ui();
      // (the blank under the services, down to the caption or the bar: the controls stand in the
      // lower two thirds of a portrait panel, Ui::layout_frame, so the band over them is designed)
      float last = 0, below = 1920;
      for (const auto& wd : ui.widgets())
        if (wd.id.rfind("home.", 0) == 0) last = std::max(last, wd.rect.bottom());
      for (const auto& wd : ui.widgets())  // (with low reach the bar may stand over the content)
        if ((wd.id == "caption" || wd.id.rfind("nav.", 0) == 0) && wd.rect.y >= last) below = std::min(below, wd.rect.y);
      const float band = below - last;
      std::printf("home %s: blank under the services %.0f px (%.0f %%)\n", name(c).c_str(), band, 100 * band / 1920);
      EXPECT_EQ(ui.page_count(), 1) << name(c);
      EXPECT_LE(band * ui.env().mm_per_px, 40.f) << name(c) << ": a blank band of " << band << " px";
      for (const char* id : {"home.appointment", "home.my_appointments", "home.subsidy", "home.jobs"}) {
        const Widget* t = k.widget(id);
        ASSERT_TRUE(t) << name(c) << " " << id;
        EXPECT_GT(t->rect.h, t->rect.w * 0.5f) << name(c) << " " << id << ": a tile";
      }
      std::set<std::string> seen;
      check_frame(k, name(c) + " home", &seen);
    }
  Combo c{0, 1, false, Locale::zh, 1920, 1080};
  KioskHarness k(settings_of(c), 1920, 1080);
  k.serve();
  EXPECT_EQ(k.app->ui().compact_level(), 0) << name(c) << ": home in its designed frame";
}

// idstep8 (issue 12 point 2, "a portrait layout designed for portrait"): on portrait panels the
// typing steps (ID number, phone, staff PIN) fill the panel — at 1× on 1080×1920 the ID step left
// a blank band of 445 px (23 % of the panel) between the title and the prompt. The step stays on
// one page, and with low reach every control stays below the reach line (zh and en, 0.3 s).
TEST(UiIdStep, PortraitTypingStepsFillThePanel) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<float, float> panels[] = {{1080, 1920}, {768, 1366}};
#else
  const std::pair<float, float> panels[] = {{1080, 1920}};
#endif
  for (auto [w, h] : panels)
    for (int text : {0, 1, 2})
      for (bool low : {false, true})
        for (Locale loc : {Locale::zh, Locale::en}) {
          Combo c{0, text, low, loc, int(w), int(h)};
          KioskHarness k(settings_of(c), w, h);
          auto measure = [&](const char* what) {
            const Ui& ui = k.app->ui();
            const float band = blank_band(ui);
            std::printf("typing step %s %s: blank band %.0f px (%.0f %%), %d page(s)\n", what, name(c).c_str(), band,
                        100 * band / h, ui.page_count());
            if (std::getenv("KIOSK_DUMP_ALL"))
              for (const auto& wd : ui.widgets())
                std::printf("  %-28s %4.0f %4.0f %4.0f %4.0f %s\n", wd.id.c_str(), wd.rect.x, wd.rect.y, wd.rect.w,
                            wd.rect.h, wd.label.c_str());
            EXPECT_EQ(ui.page_count(), 1) << name(c) << " " << what;
            // At most 20 mm blank anywhere (about a line and a half of the 1× body: the space between
            // title and prompt), 3–5 % of these panels; before, 23 % at 1× on 1080×1920.
            EXPECT_LE(band * ui.env().mm_per_px, 20.f) << name(c) << " " << what << ": a blank band of " << band << " px";
            // The prompt grown, never broken inside a phrase ("身份证|号" at 1.5× before).
            if (const Widget* hw = k.widget("screen.hint")) {
              std::vector<std::string> lines;
              for (const auto& d : ui.draw())
                if (d.kind == DrawCmd::k_text && d.rect.x >= hw->rect.x - 0.5f && d.rect.x < hw->rect.right() &&
                    d.rect.y >= hw->rect.y - 0.5f && d.rect.y < hw->rect.bottom())
                  lines.push_back(d.text);
              EXPECT_EQ(frame_broken_word(hw->label, lines), "") << name(c) << " " << what << ": " << lines.size() << " lines";
            }
            std::set<std::string> seen;
            check_frame(k, name(c) + " " + what, &seen);
          };
          k.tap_find("home.appointment");
          k.tap_find("kind.first_assessment");
          k.tap_find("day.2026-12-15");
          ASSERT_EQ(k.screen(), "identity.id_number") << name(c);
          measure("id");
          k.type(kId);
          k.tap_find("keypad.ok");
          k.tap_find("returning.yes");
          ASSERT_EQ(k.screen(), "identity.phone") << name(c);
          measure("phone");
          k.tap("nav.home");
          k.tap_find("home.settings");
          k.tap_setting("settings.staff_sign_in");
          k.tap_find("staff.name.wang");
          ASSERT_EQ(k.screen(), "staff.pin") << name(c);
          measure("pin");
        }
}

// lead, round 8 (issue 12: a step on one page): the slip at 1× is one page — the number, what to
// bring, the actions, the details and the code with its caption — on every panel where a compact
// frame holds them (2 pages before on 1920×1080, 1280×1024, 1280×800, 1024×768 and 768×1366: the
// slip asked two pages at any size, and its code was 58 mm a side); round 9 on 1366×768 and
// 1024×600 too (2 pages before: the details under the actions, the code and its caption on page
// 2). The code stays ≥ 25 mm, its caption under it.
TEST(UiSlip, OnePageAt1xWhereACompactFrameHoldsIt) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1920, 1080}, {1280, 1024}, {1280, 800}, {1024, 768}, {768, 1366}, {1080, 1920},
                                        {1366, 768},  {1024, 600}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (Locale loc : {Locale::zh, Locale::en}) {
      Combo c{0, 0, false, loc, w, h};
      KioskHarness k(settings_of(c), float(w), float(h));
      k.book_returning_to_slip();
      ASSERT_EQ(k.screen(), "appointment.slip") << name(c);
      EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
      const Widget* qr = k.widget("slip.qr");
      ASSERT_TRUE(qr) << name(c);
      EXPECT_GE(qr->rect.w * k.app->ui().env().mm_per_px, 25.0) << name(c);
      // (the caption under its code, beginning at its left edge: round 8 drew it at the far left
      // of the panel, the code at the right)
      if (const Widget* cap = k.widget("slip.qr_caption")) {
        EXPECT_GE(cap->rect.y, qr->rect.bottom() - 0.5f) << name(c);
        EXPECT_NEAR(cap->rect.x, qr->rect.x, 1.0f) << name(c);
      }
      std::set<std::string> seen;
      check_frame(k, name(c), &seen);
    }
}

// lead, round 9 (issue 12 point 3: never split a step): while a typing step's request runs
// ("正在查询，请稍候……" after 下一步), the step stays one page with its keypad. Seen in the
// screenshots' a11y log on 1024×600: the phone step's loading frame stood on 3 pages, page 1 the
// prompt, the dots and the loading line, the keypad on pages 2 and 3 — for as long as the
// station takes to answer.
TEST(UiIdentity, AStepStaysOnePageWhileItsRequestRuns) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {1366, 768}, {1024, 768}, {1080, 1920}, {768, 1366}};
#else
  const std::pair<int, int> panels[] = {{1024, 600}};
#endif
  for (auto [w, h] : panels)
    for (int text : {0, 1, 2})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, false, loc, w, h};
        KioskHarness k(settings_of(c), float(w), float(h));
        k.tap_find("home.appointment");
        k.tap_find("kind.first_assessment");
        k.tap_find("day.2026-12-15");
        k.type(kId);
        k.tap_find("keypad.ok");
        k.tap_find("returning.yes");
        k.type("0147");
        // (下一步 pressed, the station not yet answered: the frame drawn while it works)
        k.tap_unanswered("keypad.ok");
        ASSERT_EQ(k.screen(), "identity.phone") << name(c);
        EXPECT_TRUE(k.widget("loading")) << name(c) << ": the request is said to run";
        EXPECT_EQ(k.app->ui().page_count(), 1) << name(c) << ": the step split while its request runs";
        EXPECT_TRUE(k.widget("keypad.0")) << name(c);
        std::set<std::string> seen;
        check_frame(k, name(c) + " loading", &seen);
        k.serve();
        k.frame();
        EXPECT_EQ(k.screen(), "appointment.confirm") << name(c);
        // (and a staff PIN while the station checks it)
        KioskHarness s(settings_of(c), float(w), float(h));
        s.open_staff_pin();
        s.type("246813");
        s.tap_unanswered("keypad.ok");
        ASSERT_EQ(s.screen(), "staff.pin") << name(c);
        EXPECT_EQ(s.app->ui().page_count(), 1) << name(c) << ": the PIN step split while its request runs";
        check_frame(s, name(c) + " PIN loading", &seen);
      }
}

// staff9 (issue 12 point 3): a staff member at the desk sees all eleven tasks at once — staff home
// is one page on every panel, text size, reach and language, under the call banner and the notice
// of a new PIN, and says all its tasks' count (at 2× on 1366×768 it said "共6项可以选择。第1页，
// 共2页"; one page in 42 of these 108 cases before: two-line task names, the banner and the
// notice stacked, and at larger text Ui::end kept the designed frame's 3–5 pages when neither
// 1.5× nor 1× made one).
TEST(StaffHome, EveryTaskOnOnePageAndCountedUnderACallAndANotice) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {1024, 768}, {1280, 800},  {1280, 1024}, {1366, 768},
                                        {1920, 1080}, {1080, 1920}, {768, 1366}, {3840, 2160}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  const char* const tasks[] = {"staff.today",     "staff.upcoming", "staff.calls",      "staff.find",
                               "staff.book",      "staff.home_visit", "staff.worklists", "staff.sync",
                               "staff.change_pin", "staff.settings", "staff.sign_out"};
  for (auto [w, h] : panels)
    for (int text = 0; text <= kMaxText; ++text)
      for (bool low : {false, true})
        for (Locale loc : {Locale::zh, Locale::en}) {
          Combo c{0, text, low, loc, w, h};
          KioskHarness k(settings_of(c), float(w), float(h));
          k.must_change_pin = true;
          k.tap_find("home.settings");
          k.tap_setting("settings.staff_sign_in");
          k.tap_find("staff.name.wang");
          k.type("246813");
          k.tap_find("keypad.ok");
          ASSERT_EQ(k.screen(), "staff.pin_new") << name(c);
          k.type("975318");
          k.tap_find("keypad.ok");
          k.type("975318");
          k.clock.advance(1);
          k.tap_find("keypad.ok");
          ASSERT_EQ(k.screen(), "staff.home") << name(c);
          EXPECT_TRUE(k.widget("staff.call_banner") && k.widget("notice")) << name(c);
          EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
          for (const char* t : tasks) EXPECT_TRUE(k.widget(t)) << name(c) << " " << t;
          EXPECT_TRUE(k.said(loc == Locale::zh ? "共11项可以选择" : "11 choices")) << name(c);
        }
}

// staff9: a staff step that does not fit one page at any content size takes the size with the
// fewest pages (Ui::fewest_pages in kit one_step), not the designed frame's: the eight programmes
// at 2× on 1024×768 took 3–5 pages (the designed frame, after 1.5× and 1× both made 2), then 2.
// steps10: one page (1× content, four a row), by their short names.
TEST(StaffSteps, TheProgrammesAtLargerTextOnTheFourByThreePanelOnOnePage) {
#ifdef TX_REAL_FONT_METRICS
  const int w = 1024, h = 768;
#else
  const int w = 1920, h = 1080;
#endif
  for (int text = 1; text <= kMaxText; ++text)
    for (bool low : {false, true})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, low, loc, w, h};
        KioskHarness k(settings_of(c), float(w), float(h));
        k.open_staff_pin();
        k.type("975318");
        k.tap_find("keypad.ok");
        ASSERT_EQ(k.screen(), "staff.home") << name(c);
        k.find_resident_at_desk();
        k.tap_find("staff.resident.apply");
        ASSERT_EQ(k.screen(), "staff.apply_item") << name(c);
        // (steps10: one page — the programmes by the short names staff use, "护理补贴", each
        // spoken by its full name; 2 pages before)
        EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
        const Widget* n = k.widget("staff.item.nursing_subsidy");
        ASSERT_TRUE(n) << name(c);
        EXPECT_EQ(n->speak, loc == Locale::zh ? "重度残疾人护理补贴" : "Nursing subsidy") << name(c);
      }
}

// jobs9: the jobs filter is a step per group of choices — the district, then the kind, then the
// category (a screen each: "jobs.filter", "jobs.filter.type", "jobs.filter.category", "第N步，共3
// 步") — each on one page at 1× on every panel and at most two at larger text, in both languages,
// with and without low reach. As one form (jobs7–8) it took 2 pages at 1× in English on landscape
// panels under 900 px tall and on 768×1366 (five lines of 24 mm choices where four fit), 3 at
// larger text on the 1024-wide panels and 768×1366 (4 with low reach), 2 in Chinese at 1× on
// 1024×600. 查看岗位 on every group, 下一步 on the first two, each option one line at 1×, every
// option of every group there; Back goes to the group before, 查看岗位 to the list with the
// choices made.
TEST(UiJobs, FilterAStepPerGroupOnePageAt1xAtMostTwoAtLargerText) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1366, 768}, {1280, 800}, {1024, 768}, {1024, 600}, {1920, 1080},
                                        {1280, 1024}, {1080, 1920}, {768, 1366}, {3840, 2160}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  const char* const steps[] = {"jobs.filter", "jobs.filter.type", "jobs.filter.category"};
  const char* const groups[] = {"filter.district.", "filter.type.", "filter.category."};
  const int counts[] = {7, 11, 8};
  for (auto [w, h] : panels)
    for (int text : {0, 1, 2})
      for (bool low : {false, true})
        for (Locale loc : {Locale::zh, Locale::en}) {
          Combo c{0, text, low, loc, w, h};
          KioskHarness k(settings_of(c), float(c.w), float(c.h));
          k.tap_find("home.jobs");
          k.tap_find("jobs.filter");
          for (int s = 0; s < 3; ++s) {
            ASSERT_EQ(k.screen(), steps[s]) << name(c);
            const int pages = k.app->ui().page_count();
            if (std::getenv("KIOSK_DUMP_ALL")) std::printf("filter %-28s step %d pages %d level %d\n", name(c).c_str(), s, pages, k.app->ui().compact_level());
            EXPECT_LE(pages, text == 0 ? 1 : 2) << name(c) << " " << steps[s];
            EXPECT_NE(k.app->ui().step().find("3"), std::string::npos) << name(c) << " " << k.app->ui().step();
            int options = 0;
            for (int p = 0; p < pages; ++p) {
              const Ui& ui = k.app->ui();  // (a new Ui each frame)
              const auto& ws = ui.widgets();
              for (size_t i = 0; i < ws.size(); ++i)
                if (ws[i].role == Role::option) {
                  EXPECT_EQ(ws[i].id.rfind(groups[s], 0), 0u) << name(c) << " " << ws[i].id;
                  ++options;
                  if (text == 0) { EXPECT_EQ(ui.widget_lines()[i].size(), 1u) << name(c) << " " << ws[i].id; }
                }
              EXPECT_TRUE(k.widget("filter.apply")) << name(c) << " " << steps[s] << " page " << p;
              EXPECT_EQ(k.widget("filter.next") != nullptr, s < 2) << name(c) << " " << steps[s] << " page " << p;
              if (p + 1 < pages) k.tap("page.next");
            }
            EXPECT_EQ(options, counts[s]) << name(c) << " " << steps[s];
            if (s == 0) k.tap_find("filter.district.0");
            if (s < 2) k.tap_find("filter.next");
          }
          // (Back: the group before, with what was chosen there; 查看岗位: the list, filtered)
          k.tap("nav.back");
          ASSERT_EQ(k.screen(), "jobs.filter.type") << name(c);
          const Widget* chosen = k.widget("filter.chosen");
          ASSERT_TRUE(chosen) << name(c);
          EXPECT_NE(chosen->label.find("东城区"), std::string::npos) << chosen->label;
          k.tap_find("filter.apply");
          ASSERT_EQ(k.screen(), "jobs.list") << name(c);
          EXPECT_NE(k.requests.back().path.find("district="), std::string::npos) << k.requests.back().path;
        }
}

// settings9 (issue 12 point 3: a list shows all it has on page 1 when it can): at 1× on the small
// landscape panels the demo's three programmes stand on page 1 in both languages, with and
// without low reach (2 of 3 in English on 1024×600 before: the first card's details — the money,
// since when and the office — took two lines; the office is on the detail now). Each programme's
// detail is walked (frame rules) and its pages printed: not yet one page at 1× (docs).
TEST(UiSubsidies, ThreeOnPageOneAt1xOnTheSmallPanelsAndEachDetailWalked) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {1024, 768}, {1280, 800}, {1366, 768}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (bool low : {false, true})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, 0, low, loc, w, h};
        KioskHarness k(settings_of(c), float(w), float(h));
        k.subsidies_body = kThreeSubsidies;
        k.serve();
        k.open_subsidy_status();
        ASSERT_EQ(k.screen(), "subsidy.status") << name(c);
        if (const char* d = std::getenv("KIOSK_DUMP_SUBSIDIES"); d && name(c) == d) dump_widgets(k.app->ui(), name(c));
        int on_first = 0;
        for (int i = 0; i < 3; ++i) on_first += k.app->ui().page_of("subsidy." + std::to_string(i)) == 0;
        std::string line = "subsidies " + name(c) + ": " + std::to_string(on_first) + " on page 1, details";
        if (kRealFont) { EXPECT_EQ(on_first, 3) << name(c); }
        std::set<std::string> seen;
        check_frame(k, name(c), &seen);
        for (int i = 0; i < 3; ++i) {
          k.tap_find("subsidy." + std::to_string(i));
          ASSERT_EQ(k.screen(), "subsidy.detail") << name(c) << " " << i;
          if (const char* d = std::getenv("KIOSK_DUMP_SUBSIDIES"); d && name(c) + "_" + std::to_string(i) == d)
            dump_widgets(k.app->ui(), name(c) + " detail " + std::to_string(i));
          line += " " + std::to_string(k.app->ui().page_count());
          std::set<std::string> seen_detail;
          check_frame(k, name(c) + " detail", &seen_detail);
          k.tap_find("subsidy.back");
          ASSERT_EQ(k.screen(), "subsidy.status") << name(c);
        }
        std::printf("%s pages\n", line.c_str());
      }
}

// settings9: the scanning interval stands under the scanning switch only while scanning is on (a
// phone's way: a feature's own settings under its switch), on one page with the rest at 1× where
// the panel holds it; the ids and words as before. Pages with scanning on printed (docs).
TEST(UiSettings, ScanningIntervalOnlyWhileScanningIsOn) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1366, 768}, {1920, 1080}, {1024, 600}, {1280, 800}, {1024, 768}, {768, 1366}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (Locale loc : {Locale::zh, Locale::en}) {
      Combo c{0, 0, false, loc, w, h};
      KioskHarness k(settings_of(c), float(w), float(h));
      k.serve();
      k.tap_find("home.settings");
      ASSERT_EQ(k.screen(), "settings") << name(c);
      const int off = k.app->ui().page_count();
      EXPECT_EQ(k.app->ui().page_of("settings.scan.slower"), -1) << name(c);
      EXPECT_EQ(k.app->ui().page_of("settings.scan_value"), -1) << name(c);
      k.tap_find("settings.scanning");
      ASSERT_TRUE(k.app->settings().scanning) << name(c);
      // (settings11: where the interval with the rest no longer holds one page — 1024×600,
      // 1024×768 in English — the settings stand on two steps, the interval on the second)
      if (k.app->ui().page_of("settings.more") >= 0) k.tap_find("settings.more");
      EXPECT_GE(k.app->ui().page_of("settings.scan.slower"), 0) << name(c);
      EXPECT_GE(k.app->ui().page_of("settings.scan.faster"), 0) << name(c);
      std::printf("settings %s: %d page(s), scanning on %d\n", name(c).c_str(), off, k.app->ui().page_count());
      std::set<std::string> seen;
      check_frame(k, name(c), &seen);
    }
}

// days9 (issue 12 point 4): a week's days show their hours on every panel where the week is one
// page — on 1280×800 and 1024×768 a compact frame drew the dates alone (the hours and places left
// spoken only: a deaf resident chose blind) — and at a larger text size on 1366×768 the days are
// drawn larger than 1× (three columns at 1× left ≈ 200 px blank under them): where three columns
// do not hold them at the resident's size, the week's one set of hours stands once above the
// days ("week.hours") and each day shows its places left on its one line.
TEST(UiDays, AWeeksHoursShownOnShortPanelsTooAndLargerWhereThereIsRoom) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<float, float> panels[] = {{1280, 800}, {1024, 768}, {1366, 768}, {1024, 600}};
#else
  const std::pair<float, float> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text : {0, 1, 2})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, false, loc, int(w), int(h)};
        KioskHarness k(settings_of(c), w, h);
        k.days_body = ninety_days();
        k.tap_find("home.appointment");
        k.tap_find("kind.first_assessment");
        k.tap_find("week.2026-12-07");
        ASSERT_EQ(k.screen(), "appointment.week") << name(c);
        const Ui& ui = k.app->ui();
        const Widget* once = k.widget("week.hours");
        const std::string hours = once ? drawn_in(ui, *once) : "";
        if (std::getenv("KIOSK_DUMP_ALL"))
          for (const auto& wd : ui.widgets())
            std::printf("  %-28s %4.0f %4.0f %4.0f %4.0f %s\n", wd.id.c_str(), wd.rect.x, wd.rect.y, wd.rect.w, wd.rect.h,
                        wd.label.c_str());
        float day_px = 0;
        for (const char* id : {"day.2026-12-07", "day.2026-12-08", "day.2026-12-09", "day.2026-12-10", "day.2026-12-11"}) {
          const Widget* day = k.widget(id);
          EXPECT_TRUE(day || ui.page_count() > 1) << name(c) << " " << id;
          if (!day) continue;
          const std::string shown = drawn_in(ui, *day);
          for (const auto& d : ui.draw())
            if (d.kind == DrawCmd::k_text && day->rect.contains(d.rect.x + 1, d.rect.y + 1)) day_px = d.size;
          if (ui.page_count() != 1) continue;
          EXPECT_TRUE(shown.find("9:00") != std::string::npos || hours.find("9:00") != std::string::npos)
              << name(c) << " " << id << ": '" << shown << "' / '" << hours << "'";
          EXPECT_TRUE(shown.find(loc == Locale::zh ? "余" : " left") != std::string::npos ||
                      (loc == Locale::en && shown.find("\u00a0left") != std::string::npos))
              << name(c) << " " << id << ": '" << shown << "'";
        }
        std::printf("a week's days %s: %d pages, level %d, days at %.0f px (1x %.0f), hours '%s'\n", name(c).c_str(),
                    ui.page_count(), ui.compact_level(), day_px, ui.u(ui.env().body_px), hours.c_str());
        EXPECT_EQ(ui.page_count(), 1) << name(c);
        if (w == 1366 && text > 0) {
          EXPECT_GT(day_px, ui.u(ui.env().body_px) * 1.2f) << name(c) << ": drawn at 1x";
        }
        std::set<std::string> seen;
        check_frame(k, name(c), &seen);
      }
}

// days9 (ACCESSIBILITY.md V1–V2): a stepper's − and + are large symbols — bars at least 10 mm long
// and 2.5 mm thick in the button's text colour, centred in it, focused or not, at 1× and 2× (as
// a glyph of the title face the minus was a dash about 1 mm thick); the words are spoken.
TEST(UiStepper, MinusAndPlusAreLargeSymbols) {
  LayoutMetrics metrics;
  auto themes = builtin_themes();
  for (const Theme& theme : themes)
    for (float scale : {1.f, 2.f})
      for (const char* focus : {"", "vol.down", "vol.up"}) {
        UiEnv env = plain_env(&theme, &metrics, 1366, 768, scale);
        env.focused = focus;
        Ui ui(env);
        ui.begin("t.stepper", "设置");
        ui.stepper("vol", "音量：第5档，共7档", "小声一点", "大声一点");
        ui.end();
        const float mm = 1 / ui.env().mm_per_px;
        for (const char* id : {"vol.down", "vol.up"}) {
          const Widget* b = find(ui, id);
          ASSERT_TRUE(b) << id;
          EXPECT_EQ(b->label, std::string(id) == std::string("vol.down") ? "\u2212" : "+");
          int across = 0, down = 0;
          for (const auto& d : ui.draw()) {
            if (d.kind != DrawCmd::k_fill || !(d.color == b->fg) || !b->rect.contains(d.rect.cx(), d.rect.cy())) continue;
            EXPECT_LT(std::abs(d.rect.cx() - b->rect.cx()), 1.f) << id;
            EXPECT_LT(std::abs(d.rect.cy() - b->rect.cy()), 1.f) << id;
            if (d.rect.w >= 10 * mm && d.rect.h >= 2.4f * mm && d.rect.h < d.rect.w) ++across;
            if (d.rect.h >= 10 * mm && d.rect.w >= 2.4f * mm && d.rect.w < d.rect.h) ++down;
          }
          EXPECT_EQ(across, 1) << theme.id << " " << scale << " " << id << " focus '" << focus << "'";
          EXPECT_EQ(down, std::string(id) == std::string("vol.up") ? 1 : 0) << theme.id << " " << scale << " " << id;
          EXPECT_GE(contrast_ratio(b->fg, b->bg), 7.0) << id;
        }
      }
}

// lead, round 9 (issue 12 point 3): a staff appointment under the banner of a waiting call stays
// one page while its check-in runs and after it, with the notice it leaves. Seen in the
// screenshots on 1366×768 at 1× and 2×: the loading line, and then the notice ("已打印，请取走
// 凭条。") under the call banner, each a line of its own, put the actions on page 2; the call
// and the notice (or the loading line) now stand side by side (staff_banners).
TEST(StaffAppointment, OnePageUnderACallWhileItsCheckInRunsAndAfter) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1366, 768}, {1280, 800}, {1920, 1080}, {1080, 1920}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text : {0, 2})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, false, loc, w, h};
        KioskHarness k(settings_of(c), float(w), float(h));
        k.sign_in_staff();
        ASSERT_EQ(k.screen(), "staff.home") << name(c);
        ASSERT_TRUE(k.widget("staff.call_banner")) << name(c);
        k.tap_find("staff.today");
        k.tap_find("staff.appt.31");
        ASSERT_EQ(k.screen(), "staff.appointment") << name(c);
        std::set<std::string> seen;
        k.tap_unanswered("staff.appt.check_in");
        EXPECT_TRUE(k.widget("loading")) << name(c);
        EXPECT_EQ(k.app->ui().page_count(), 1) << name(c) << ": the step split while its check-in runs";
        check_frame(k, name(c) + " checking in", &seen);
        k.serve();
        k.frame();
        EXPECT_EQ(k.app->ui().page_count(), 1) << name(c) << ": checked in";
        check_frame(k, name(c) + " checked in", &seen);
      }
}

// Today's appointments with one appointment under two waiting calls (the screenshots' station,
// round 10): its Refresh stood in a row of its own, alone on page 2 under the one record at 2× on
// 1366×768 ("1 / 2"). The list's tool now stands in the pager's row (Ui::list_tool): every page
// of the list shows a record, and one appointment is one page at every size. In English the
// count's word agrees ("1 appointment today", "2 calls waiting").
TEST(StaffAppointments, OneAppointmentUnderTwoCallsIsOnePageWithItsRefresh) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1366, 768}, {1024, 600}, {1024, 768}, {1280, 800}, {1920, 1080}, {1080, 1920}, {768, 1366}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text = 0; text <= kMaxText; ++text)
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, false, loc, w, h};
        KioskHarness k(settings_of(c), float(w), float(h));
        k.staff_bodies["/api/v1/staff/appointments?"] =
            std::string(R"({"today":"2026-11-25","from":"2026-11-25","to":"2026-11-25","appointments":[)") + kStaffAppt + "]}";
        k.staff_bodies["/api/v1/staff/calls?"] =
            R"({"calls":[{"id":12,"terminal":"kiosk-2","reason":"help","status":"open","created_at":"2026-11-25T03:00:00Z","waiting_s":65,"acknowledged_at":null,"acknowledged_by":null},)"
            R"({"id":13,"terminal":"kiosk-1","reason":"help","status":"open","created_at":"2026-11-25T03:01:00Z","waiting_s":5,"acknowledged_at":null,"acknowledged_by":null}],"version":4})";
        k.sign_in_staff();
        ASSERT_EQ(k.screen(), "staff.home") << name(c);
        k.tap_find("staff.today");
        ASSERT_EQ(k.screen(), "staff.appointments") << name(c);
        EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
        EXPECT_TRUE(k.widget("staff.appt.31")) << name(c);
        EXPECT_TRUE(k.widget("staff.appts.refresh")) << name(c);
        EXPECT_EQ(k.app->focused(), "staff.appt.31") << name(c) << ": the focus on the next arrival";
        std::set<std::string> seen;
        check_frame(k, name(c), &seen);
        if (loc == Locale::en) {
          EXPECT_TRUE(k.said("1 appointment today")) << name(c);
          const Widget* banner = k.widget("staff.call_banner");
          ASSERT_TRUE(banner) << name(c);
          EXPECT_EQ(banner->label.rfind("2 calls waiting", 0), 0u) << name(c) << " '" << banner->label << "'";
        }
        k.tap("staff.appts.refresh");
        EXPECT_EQ(k.screen(), "staff.appointments") << name(c);
      }
}

// settings10 (issue 12 point 3: settings are one step — never split): one page at every text
// size, with and without low reach, zh and en, with scanning on (its interval under the switch)
// and off, on every panel 768 px tall and taller, the content at the largest size that holds it
// (Ui::fewest_pages); on 1024×600 as few as any content size allows (two). Before: two pages at
// 1.5–2× on 1366×768 zh, 1080×1920, 768×1366, 1024×768 en, 1920×1080 and 1280×1024 zh with low
// reach, 3840×2160 zh at 2×; with scanning on, 1024×768 en at 1×. Pages and levels printed.
// Where no content size holds one page (settings10, 16:10 UTC 2026-12-06; may only shrink): panel,
// low reach (-1 either), English (-1 either), from text step, scanning on (-1 either), pages.
// 1024×768 in English needs five lines of groups at 1× where four fit (≈ 30 px short); with low
// reach 768×1366 starts its controls a third down the panel; 1024×600 is 10" of 600 px.
// settings11: none — where all of them do not hold one page at the resident's size the settings
// stand on two steps (更多设置), each one page on every panel (7 entries → 0; each step's pages
// and level printed, "first+more"). The entry below matches no panel (as kDenseGaps).
struct SettingsGap {
  int w, h, low, en, from_text, scanning, pages;
};
constexpr SettingsGap kSettingsOnePageGaps[] = {{0, 0, -1, -1, 0, -1, 1}};
TEST(UiSettings, OneStepOnOnePageOnEveryPanel768AndTallerAtTheLargestSizeThatHolds) {
  std::string line;
  int levels[5] = {0, 0, 0, 0, 0};
  for (bool scanning : {false, true})
    each_panel_and_step(
        [&](Combo c) {
          KioskHarness k(settings_of(c), float(c.w), float(c.h));
          k.serve();
          k.tap_find("home.settings");
          ASSERT_EQ(k.screen(), "settings") << name(c);
          if (scanning) {
            k.tap_setting("settings.scanning");
            ASSERT_TRUE(k.app->settings().scanning) << name(c);
            if (k.screen() == "settings.more") k.tap("nav.back");
            ASSERT_EQ(k.screen(), "settings") << name(c);
          }
          int pages = k.app->ui().page_count();
          const int level = k.app->ui().compact_level();
          ++levels[std::clamp(level, 0, 4)];
          line += " " + std::to_string(pages) + "/" + std::to_string(level);
          // (settings11: and their second step, where they stand on two)
          if (k.app->ui().page_of("settings.more") >= 0) {
            std::set<std::string> first;
            check_frame(k, name(c) + (scanning ? " scanning" : ""), &first);
            k.tap_find("settings.more");
            ASSERT_EQ(k.screen(), "settings.more") << name(c);
            pages = std::max(pages, k.app->ui().page_count());
            line += "+" + std::to_string(k.app->ui().page_count()) + "/" + std::to_string(k.app->ui().compact_level());
          }
          int most = 1;
          for (const auto& g : kSettingsOnePageGaps)
            if (g.w == c.w && g.h == c.h && (g.low < 0 || g.low == int(c.low_reach)) &&
                (g.en < 0 || g.en == int(c.loc == Locale::en)) && c.text >= g.from_text &&
                (g.scanning < 0 || g.scanning == int(scanning)))
              most = std::max(most, g.pages);
          if (kRealFont) { EXPECT_LE(pages, most) << name(c) << (scanning ? " scanning" : ""); }
          std::set<std::string> seen;
          check_frame(k, name(c) + (scanning ? " scanning" : ""), &seen);
        },
        [&](int w, int h, bool low, Locale loc) {
          std::printf("settings %4dx%-4d %s%s%s pages/level (1x 1.5x 2x):%s\n", w, h, loc == Locale::zh ? "zh" : "en",
                      low ? " low" : "    ", scanning ? " scan" : "     ", line.c_str());
          line.clear();
        });
  std::printf("settings levels 0/1/2/3/4: %d/%d/%d/%d/%d\n", levels[0], levels[1], levels[2], levels[3], levels[4]);
}

// settings10 (issue 12 point 4): a week whose days have different hours shows each day's own
// hours where the frame is compact too — grouped once above the days ("周一至周四 上午9:00–11:30，
// 周五 下午2:00–4:30") where the days stand one line each, else on the day's button. Before,
// they were only the day's note: spoken, and left off the screen in a compact frame (1024×600,
// and 1366×768 and 1280×800 at larger text): a deaf resident saw one time or none.
TEST(UiDays, AWeeksDaysOfDifferentHoursShowEachDaysOwn) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<float, float> panels[] = {{1024, 600}, {1366, 768}, {1280, 800}, {1024, 768}, {1920, 1080}, {768, 1366}};
#else
  const std::pair<float, float> panels[] = {{1920, 1080}};
#endif
  nlohmann::json days = nlohmann::json::parse(ninety_days());
  for (auto& d : days["days"])
    if (d["date"] == "2026-12-11") {
      d["kinds"]["first_assessment"]["start"] = "14:00";
      d["kinds"]["first_assessment"]["end"] = "16:30";
    }
  auto bare = [](std::string s) {
    for (size_t at; (at = s.find(' ')) != std::string::npos;) s.erase(at, 1);
    for (size_t at; (at = s.find("\u00a0")) != std::string::npos;) s.erase(at, 2);
    return s;
  };
  for (auto [w, h] : panels)
    for (int text : {0, 1, 2})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, false, loc, int(w), int(h)};
        KioskHarness k(settings_of(c), w, h);
        k.days_body = days.dump();
        k.tap_find("home.appointment");
        k.tap_find("kind.first_assessment");
        k.tap_find("week.2026-12-07");
        ASSERT_EQ(k.screen(), "appointment.week") << name(c);
        const Ui& ui = k.app->ui();
        EXPECT_EQ(ui.page_count(), 1) << name(c);
        const Widget* once = k.widget("week.hours");
        const std::string hours = once ? bare(drawn_in(ui, *once)) : "";
        const bool zh = loc == Locale::zh;
        const std::string morning = zh ? "上午9:00–11:30" : "9:00–11:30am", afternoon = zh ? "下午2:00–4:30" : "2:00–4:30pm";
        const char* wd[] = {zh ? "周一" : "Mon", zh ? "周二" : "Tue", zh ? "周三" : "Wed", zh ? "周四" : "Thu", zh ? "周五" : "Fri"};
        const char* ids[] = {"day.2026-12-07", "day.2026-12-08", "day.2026-12-09", "day.2026-12-10", "day.2026-12-11"};
        std::string shown_all;
        for (int i = 0; i < 5; ++i) {
          const Widget* day = k.widget(ids[i]);
          ASSERT_TRUE(day) << name(c) << " " << ids[i];
          const std::string shown = bare(drawn_in(ui, *day));
          shown_all += " '" + shown + "'";
          const std::string& own = i == 4 ? afternoon : morning;
          // (its hours on its button, or above the days with its weekday: "周五下午2:00–4:30", or
          // in a run of days "周一至周四上午9:00–11:30" / "Mon–Thu9:00–11:30am")
          const bool on_button = shown.find(own) != std::string::npos;
          const bool above = hours.find(std::string(wd[i]) + own) != std::string::npos ||
                             (i < 4 && hours.find(std::string(wd[0]) + (zh ? "至" : "–") + wd[3] + own) != std::string::npos);
          EXPECT_TRUE(on_button || above) << name(c) << " " << ids[i] << ": '" << shown << "' / '" << hours << "'";
          EXPECT_EQ(shown.find(i == 4 ? morning : afternoon), std::string::npos) << name(c) << " " << ids[i];
        }
        std::printf("different hours %s: %d page(s), level %d, hours '%s', days%s\n", name(c).c_str(), ui.page_count(),
                    ui.compact_level(), hours.c_str(), shown_all.c_str());
        std::set<std::string> seen;
        check_frame(k, name(c), &seen);
      }
  // Heard as before: each day its own hours.
  KioskHarness k(Settings{}, 1024, 600);
  k.days_body = days.dump();
  k.tap_find("home.appointment");
  k.tap_find("kind.first_assessment");
  k.tap_find("week.2026-12-07");
  while (k.app->focused() != "day.2026-12-11") k.key("Tab");
  EXPECT_TRUE(k.said("12月11日 星期五，下午2:00–4:30")) << k.app->focused();
}

// steps10: the staff steps left in kStaffStepGaps after round 9, each one page now, under the
// banner of a waiting call, with and without low reach, in both languages.
// The relations (who applies for the resident): five, three a row. In English "Village or
// neighbourhood committee" took three lines in a third of the width, so the row fell to two
// columns, three lines of 24 mm buttons, and the step took 2 pages on 1024×600 at every text
// size and at 1.5–2× on 1366×768 (10 of 108 walks). "Village or residents' committee" (村委会 and
// 居委会 in their usual English) takes two.
TEST(StaffSteps, TheRelationsOnOnePageOnTheShortPanels) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {1366, 768}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  const char* const relations[] = {"self", "guardian", "relative", "village_committee", "other"};
  for (auto [w, h] : panels)
    for (int text = 0; text <= kMaxText; ++text)
      for (bool low : {false, true})
        for (Locale loc : {Locale::zh, Locale::en}) {
          Combo c{0, text, low, loc, w, h};
          KioskHarness k(settings_of(c), float(w), float(h));
          k.sign_in_staff();
          ASSERT_EQ(k.screen(), "staff.home") << name(c);
          ASSERT_TRUE(k.widget("staff.call_banner")) << name(c);
          k.find_resident_at_desk();
          k.tap_find("staff.resident.apply");
          k.tap_find("staff.item.nursing_subsidy");
          ASSERT_EQ(k.screen(), "staff.applicant") << name(c);
          EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
          for (const char* r : relations)
            EXPECT_EQ(k.app->ui().page_of(std::string("staff.applicant.") + r), 0) << name(c) << " " << r;
          std::set<std::string> seen;
          check_frame(k, name(c) + " applicant", &seen);
        }
}

// A new resident's home visit, checked before booking (staff.book_confirm): in English at 1.5–2×
// on 1024×600 its details took six lines at 1× — the visit's place "上门评定（申请人家中）" after
// its time, and "Name: (name to be" / "checked)" — and 确认预约 stood on page 2 (4 of 108 walks).
// A home visit's place is its address (the third line); the time stands alone on the first, and
// a name still to be taken is "Name to be checked" ("姓名待核对"). Spoken as before.
TEST(StaffSteps, ANewResidentsHomeVisitCheckedOnOnePageOnTheSmallPanel) {
#ifdef TX_REAL_FONT_METRICS
  const int w = 1024, h = 600;
#else
  const int w = 1920, h = 1080;
#endif
  for (int text = 0; text <= kMaxText; ++text)
    for (bool low : {false, true})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, low, loc, w, h};
        KioskHarness k(settings_of(c), float(w), float(h));
        k.sign_in_staff();
        ASSERT_EQ(k.screen(), "staff.home") << name(c);
        ASSERT_TRUE(k.widget("staff.call_banner")) << name(c);
        k.tap_find("staff.book");
        k.type(kNewId);
        k.tap_find("keypad.ok");
        ASSERT_EQ(k.screen(), "staff.not_registered") << name(c);
        k.staff_new_home_visit_to_confirm();
        ASSERT_EQ(k.screen(), "staff.book_confirm") << name(c);
        EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
        EXPECT_EQ(k.app->ui().page_of("staff.book.yes"), 0) << name(c);
        EXPECT_EQ(k.app->ui().page_of("staff.book.change"), 0) << name(c);
        const Widget* d = k.widget("staff.book.details");
        ASSERT_TRUE(d) << name(c);
        EXPECT_NE(d->label.find(loc == Locale::zh ? "姓名待核对" : "Name to be checked"), std::string::npos) << d->label;
        EXPECT_NE(d->label.find(loc == Locale::zh ? "上门地址" : "Visit address"), std::string::npos) << d->label;
        // (the place is still heard with the time)
        EXPECT_NE(d->speak.find("上门评定（申请人家中）"), std::string::npos) << d->speak;
        std::set<std::string> seen;
        check_frame(k, name(c) + " book confirm", &seen);
      }
}

// details10 (issue 12 point 3: a screen that is not a list fits one page at 1×): a programme's
// detail stands in two columns where both read — its card, why it was refused and how to appeal
// at the left; the next review, its payments and when it was updated at the right; the two
// actions under both. The demo's paused programme (card, three payments, review, appeal, updated,
// two actions ≈ 580 px) took 2 pages at 1× on 1024×768, 1280×800 and 1366×768 before, in both
// languages, with and without low reach; now each of the three programmes takes one. On 1024×600
// (≈ 335 px of content) it still pages, with the status, the next review and the appeal on page 1.
TEST(UiSubsidies, EachProgrammesDetailOnOnePageAt1xItsStatusReviewAndAppealFirst) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {1024, 768}, {1280, 800}, {1366, 768}, {1920, 1080}, {1080, 1920}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (bool low : {false, true})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, 0, low, loc, w, h};
        KioskHarness k(settings_of(c), float(w), float(h));
        k.subsidies_body = kThreeSubsidies;
        k.serve();
        k.open_subsidy_status();
        for (int i = 0; i < 3; ++i) {
          k.tap_find("subsidy." + std::to_string(i));
          ASSERT_EQ(k.screen(), "subsidy.detail") << name(c) << " " << i;
          const Ui& ui = k.app->ui();
          std::printf("subsidy detail %s %d: %d pages level %d\n", name(c).c_str(), i, ui.page_count(), ui.compact_level());
          if (std::getenv("KIOSK_DUMP_ALL")) dump_widgets(ui, name(c) + " detail " + std::to_string(i));
          if (kRealFont && !(w == 1024 && h == 600)) {
            EXPECT_EQ(ui.page_count(), 1) << name(c) << " programme " << i;
          }
          EXPECT_EQ(ui.page_of("subsidy.detail.card"), 0) << name(c) << " " << i;
          for (const char* id : {"subsidy.review", "subsidy.reason", "subsidy.appeal", "subsidy.reason#2", "subsidy.appeal#2"})
            if (ui.page_of(id) >= 0) { EXPECT_EQ(ui.page_of(id), 0) << name(c) << " " << i << " " << id; }
          // (how to appeal, under the refused and the paused programme)
          std::string all;
          for (const auto& wd : ui.widgets()) all += wd.label;
          if (i < 2) { EXPECT_NE(all.find(loc == Locale::zh ? "复核申请" : "recheck"), std::string::npos) << name(c) << " " << i; }
          EXPECT_GE(ui.page_of("subsidy.back"), 0) << name(c) << " " << i;
          std::set<std::string> seen;
          check_frame(k, name(c) + " detail", &seen);
          k.tap("nav.back");
          ASSERT_EQ(k.screen(), "subsidy.status") << name(c);
        }
      }
}

// details10: each step of the jobs filter — the districts, the eleven kinds, the categories — on
// one page at every text size on every panel, in both languages, with and without low reach (the
// content size with the fewest pages, the largest that holds one: Ui::fewest_pages; at larger
// text the kinds took 2 pages in 42 of 108 walks under fit_pages(2), the categories in 18, the
// districts in 6). What the steps before chose reads with one colon a pair ("You chose District:
// Any · Job type: Any"; "Chosen: District: Any · Job type: Any" before) and is spoken with commas.
TEST(UiJobs, FilterEveryStepOnOnePageAtEveryTextSizeWhatWasChosenInPlainWords) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1366, 768}, {1280, 800}, {1024, 768}, {1024, 600}, {1920, 1080},
                                        {1280, 1024}, {1080, 1920}, {768, 1366}, {3840, 2160}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  const char* const steps[] = {"jobs.filter", "jobs.filter.type", "jobs.filter.category"};
  for (auto [w, h] : panels)
    for (int text : {0, 1, 2})
      for (bool low : {false, true})
        for (Locale loc : {Locale::zh, Locale::en}) {
          Combo c{0, text, low, loc, w, h};
          KioskHarness k(settings_of(c), float(c.w), float(c.h));
          k.tap_find("home.jobs");
          k.tap_find("jobs.filter");
          for (int s = 0; s < 3; ++s) {
            ASSERT_EQ(k.screen(), steps[s]) << name(c);
            const Ui& ui = k.app->ui();
            std::printf("filter %-28s step %d pages %d level %d content %.3g\n", name(c).c_str(), s, ui.page_count(),
                        ui.compact_level(), ui.content_scale());
            EXPECT_EQ(ui.page_count(), 1) << name(c) << " " << steps[s];
            if (s > 0) {
              const Widget* chosen = k.widget("filter.chosen");
              ASSERT_TRUE(chosen) << name(c);
              const std::string colon = loc == Locale::zh ? "：" : ":";
              size_t colons = 0;
              for (size_t at = chosen->label.find(colon); at != std::string::npos; at = chosen->label.find(colon, at + 1)) ++colons;
              // ("已选：区 不限 · 岗位类型 不限": the one after 已选; "You chose District: Any · …": one a pair)
              EXPECT_EQ(colons, loc == Locale::zh ? 1u : size_t(s)) << name(c) << " '" << chosen->label << "'";
              EXPECT_EQ(chosen->speak.find("·"), std::string::npos) << chosen->speak;
              EXPECT_EQ(ui.announce_text().find("·"), std::string::npos) << ui.announce_text();
            }
            if (s < 2) k.tap_find("filter.next");
          }
        }
}

// details10: a job's summary (pay and places, employer and where, who it suits, until when to
// apply) stands whole on page 1 with 我有兴趣 in English at 1.5–2× on 1024×600, with and without
// low reach: the employer and where share a line where it holds both (four lines). Its fifth line
// missed page 1 by ≈ 37 px before (a second part, "job.summary#2", on page 2 of 3).
TEST(UiJobs, DetailsSummaryWholeOnPageOneInEnglishAtLargerTextOn1024x600) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {1024, 768}, {1366, 768}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (int text : {1, 2})
      for (bool low : {false, true}) {
        Combo c{0, text, low, Locale::en, w, h};
        KioskHarness k(settings_of(c), float(c.w), float(c.h));
        k.tap_find("home.jobs");
        k.tap_find("job.60");
        ASSERT_EQ(k.screen(), "jobs.detail") << name(c);
        const int pages = k.app->ui().page_count();
        EXPECT_EQ(k.app->ui().page_of("job.summary"), 0) << name(c);
        EXPECT_EQ(k.app->ui().page_of("job.interest"), 0) << name(c);
        for (int p = 0; p < pages; ++p) {
          for (const auto& wd : k.app->ui().widgets())
            EXPECT_NE(wd.id, "job.summary#2") << name(c) << " page " << p << ": the summary split";
          if (p + 1 < pages) k.tap("page.next");
        }
      }
}

// resident10 (issue 12 point 3): a resident's card is a step — who they are, their certificate,
// the desk's actions (show in full, book, home visit, apply, register a change) and their records
// by count — on one page at every panel, text size, reach and language, under a call's banner,
// and it says its count of choices once. Its records are lists of their own, reached from the
// card ("预约（1）" → the appointments; applications; change reports), Back to the card. (With
// the records under the actions it took 4 pages at 1× on 1024×600, the density rule's 144
// failures; the appointments on page 3–4 there.)
TEST(StaffResident, TheCardOnOnePageItsRecordsListsOfTheirOwn) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {1024, 768}, {1280, 800},  {1280, 1024}, {1366, 768},
                                        {1920, 1080}, {1080, 1920}, {768, 1366}, {3840, 2160}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  const char* const card[] = {"staff.resident.card", "staff.reveal",          "staff.resident.book",
                              "staff.resident.home_visit", "staff.resident.apply", "staff.resident.change",
                              "staff.resident.appts", "staff.resident.apps",  "staff.resident.changes"};
  const std::pair<const char*, const char*> lists[] = {{"staff.resident.appts", "staff.appt.31"},
                                                       {"staff.resident.apps", "staff.application.3"},
                                                       {"staff.resident.changes", "staff.change.1"}};
  for (auto [w, h] : panels)
    for (int text = 0; text <= kMaxText; ++text)
      for (bool low : {false, true})
        for (Locale loc : {Locale::zh, Locale::en}) {
          Combo c{0, text, low, loc, w, h};
          KioskHarness k(settings_of(c), float(w), float(h));
          k.sign_in_staff();
          ASSERT_EQ(k.screen(), "staff.home") << name(c);
          k.tap_find("staff.find");
          k.type(kId);
          k.spoken.clear();
          k.tap_find("keypad.ok");
          ASSERT_EQ(k.screen(), "staff.resident") << name(c);
          EXPECT_TRUE(k.widget("staff.call_banner")) << name(c);
          EXPECT_EQ(k.app->ui().page_count(), 1) << name(c) << ": the card is a step";
          for (const char* id : card) EXPECT_TRUE(k.widget(id)) << name(c) << " " << id;
          int said = 0;
          for (const auto& u : k.spoken) said += u.text.find(loc == Locale::zh ? "共8项可以选择" : "8 choices") != std::string::npos;
          EXPECT_EQ(said, 1) << name(c) << ": announced once with its count of choices";
          for (auto [button, record] : lists) {
            k.tap_find(button);
            EXPECT_NE(k.screen(), "staff.resident") << name(c) << " " << button;
            bool shown = k.widget(record) != nullptr;  // (on its first page, or a later one)
            for (int p = 1; p < k.app->ui().page_count() && !shown; ++p) {
              k.tap("page.next");
              shown = k.widget(record) != nullptr;
            }
            EXPECT_TRUE(shown) << name(c) << " " << button;
            k.tap("nav.back");
            EXPECT_EQ(k.screen(), "staff.resident") << name(c) << " " << button;
          }
        }
}

// The jobs list's filter says what is chosen in the screen's language: "Filter: 东城区" in English
// (it said "Filter：东城区 " — the Chinese colon and a trailing space — before round 10), "筛选：东城区".
TEST(UiJobs, TheListsFilterSaysWhatIsChosenInTheScreensLanguage) {
  for (Locale loc : {Locale::zh, Locale::en}) {
    Combo c{0, 0, false, loc, 1920, 1080};
    KioskHarness k(settings_of(c), 1920, 1080);
    k.tap_find("home.jobs");
    ASSERT_TRUE(k.widget("jobs.filter")) << name(c);
    EXPECT_EQ(k.widget("jobs.filter")->label, loc == Locale::zh ? "筛选" : "Filter");
    k.tap_find("jobs.filter");
    const Widget* d = k.widget("filter.district.1");
    ASSERT_TRUE(d) << name(c);
    const std::string district = d->label;
    k.tap_find("filter.district.1");
    k.tap_find("filter.apply");
    ASSERT_EQ(k.screen(), "jobs.list") << name(c);
    ASSERT_TRUE(k.widget("jobs.filter")) << name(c);
    EXPECT_EQ(k.widget("jobs.filter")->label, (loc == Locale::zh ? "筛选：" : "Filter: ") + district) << name(c);
  }
}

// Round 13 (issue 12 point 3: a screen that is not a list is one page; paging is for lists of
// records): a programme's detail is one page at every text size on every panel — before, 2 pages
// in 28 of the 108 theme-0 walks at 1.5–2×, the payments on page 2. Where the whole does not
// hold one page, its payments are a list of their own behind 发放记录（N） (subsidy.payments),
// a record each, ≥ 2 a page but the last, Back returning to the programme. With the station's
// appeal text and a year of payments (12, the most the station sends; the demo has three):
// every programme's detail one page with its card, 全部补贴 and 完成; every payment on exactly
// one page of the list; with and without low reach. (It replaces round 10's
// ADetailAtLargerTextTwoPagesAtMostWithTheStationsAppeal: 2 pages at most, the card on page 1 —
// where the paused programme took 3 at 2× on 1366×768 — now the floors' own rule.)
// Round 15: where nothing else holds one page — the paused programme (0) with the station's
// appeal in English ("If you disagree, ask the station for a recheck within 10 working days of the
// notice, or apply for administrative review within 60 days.", five lines at 1× in half of
// 1024×600) at 1.5–2× on 1024×600 and 1.5× on 1366×768, and with low reach at 1.5× on 1280×1024
// the refused programme (1) — 2 pages before (the floors this test allowed since round 13) — and
// where the detail holds one page only at 1× under a larger text size (22 more cases, 1366×768 at
// 1.5× among them), the appeal is a step of its own behind 不同意怎么办 (subsidy.appeal): the detail
// one page above 1×; the appeal one page, its words whole, spoken, Back returning to the programme.
TEST(UiSubsidies, ADetailOnOnePageAtEveryTextSizeItsPaymentsAListBehindIt) {
  if (!kRealFont) GTEST_SKIP() << "measured with the real font";
  const std::pair<int, int> panels[] = {{1024, 600}, {1024, 768}, {1280, 800},  {1280, 1024}, {1366, 768},
                                        {1920, 1080}, {1080, 1920}, {768, 1366}, {3840, 2160}};
  nlohmann::json body = nlohmann::json::parse(kThreeSubsidies);
  size_t most = 0;
  for (auto& a : body["applications"]) {
    if (a.contains("appeal_zh")) {
      a["appeal_zh"] = "如有异议，可在收到通知之日起10个工作日内向服务站提出复核申请，或在60日内申请行政复议。";
      a["appeal_en"] = "If you disagree, ask the station for a recheck within 10 working days of the notice, or apply for "
                       "administrative review within 60 days.";
    }
    if (!a.value("payments", nlohmann::json::array()).empty()) {  // (the paused programme: three in the demo)
      a["payments"] = nlohmann::json::array();
      for (int m = 12; m >= 1; --m) {
        const std::string mm = (m < 10 ? "0" : "") + std::to_string(m);
        a["payments"].push_back({{"period", "2025-" + mm}, {"amount", 290.0}, {"paid_on", "2025-" + mm + "-15"}});
      }
    }
    most = std::max(most, a.value("payments", nlohmann::json::array()).size());
  }
  ASSERT_EQ(most, 12u);
  int folded = 0, appeal_folded = 0;
  for (auto [w, h] : panels)
    for (int text = 1; text <= kMaxText; ++text)
      for (bool low : {false, true})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, low, loc, w, h};
        KioskHarness k(settings_of(c), float(w), float(h));
        k.subsidies_body = body.dump();
        k.serve();
        k.open_subsidy_status();
        for (size_t i = 0; i < body["applications"].size(); ++i) {
          const auto& a = body["applications"][i];
          k.tap_find("subsidy." + std::to_string(i));
          ASSERT_EQ(k.screen(), "subsidy.detail") << name(c) << " " << i;
          EXPECT_EQ(k.app->ui().page_count(), 1) << name(c) << " programme " << i;
          for (const char* id : {"subsidy.detail.card", "subsidy.back", "subsidy.done"})
            EXPECT_TRUE(k.widget(id)) << name(c) << " " << i << " " << id;
          std::set<std::string> seen;
          check_frame(k, name(c) + " detail", &seen);
          const size_t pays = a.value("payments", nlohmann::json::array()).size();
          if (k.widget("subsidy.appeal_open")) {
            ++appeal_folded;
            const float content = k.app->ui().content_scale();
            std::printf("appeal behind its button: %s programme %zu, content %.2fx\n", name(c).c_str(), i, content);
            // (folded only where the detail would page or lose the resident's size: 1×)
            EXPECT_GT(content, 1.01f) << name(c) << " " << i;
            EXPECT_FALSE(k.widget("subsidy.appeal")) << name(c) << " " << i;
            k.spoken.clear();
            k.tap("subsidy.appeal_open");
            // (read aloud: the resident said yes to it, consent.yes)
            EXPECT_TRUE(k.said(loc == Locale::en ? "administrative review" : "行政复议")) << name(c) << " " << i;
            ASSERT_EQ(k.screen(), "subsidy.appeal") << name(c) << " " << i;
            EXPECT_EQ(k.app->ui().page_count(), 1) << name(c) << " " << i;
            ASSERT_TRUE(k.widget("subsidy.appeal")) << name(c) << " " << i;
            EXPECT_NE(k.widget("subsidy.appeal")->label.find(loc == Locale::en ? "administrative review" : "行政复议"),
                      std::string::npos) << name(c) << " " << i;
            check_frame(k, name(c) + " appeal", &seen);
            k.tap("nav.back");
            ASSERT_EQ(k.screen(), "subsidy.detail") << name(c) << " " << i;
          }
          if (k.widget("subsidy.payments")) {
            ++folded;
            EXPECT_FALSE(k.widget("subsidy.payment.0")) << name(c) << " " << i;
            k.tap("subsidy.payments");
            ASSERT_EQ(k.screen(), "subsidy.payments") << name(c) << " " << i;
            std::map<std::string, int> on;
            const int pages = k.app->ui().page_count();
            for (int p = 0; p < pages; ++p) {
              if (p > 0) k.tap("page.next");
              check_frame(k, name(c) + " payments", &seen);
              int records = 0;
              for (const auto& wd : k.app->ui().widgets())
                if (wd.id.rfind("payment.", 0) == 0) ++records, ++on[wd.id];
              if (p + 1 < pages) EXPECT_GE(records, 2) << name(c) << " page " << p + 1;
            }
            EXPECT_EQ(on.size(), pays) << name(c) << " " << i;
            for (const auto& [id, n] : on) EXPECT_EQ(n, 1) << name(c) << " " << id;
            k.tap("nav.back");
            ASSERT_EQ(k.screen(), "subsidy.detail") << name(c) << " " << i;
          } else if (pays > 0) {
            EXPECT_TRUE(k.widget("subsidy.payment.0")) << name(c) << " " << i << ": its payments, shown or behind 发放记录";
          }
          k.tap("nav.back");
          ASSERT_EQ(k.screen(), "subsidy.status") << name(c);
        }
      }
  EXPECT_GE(folded, 40);
  // (the seven that paged, and where the detail would be drawn at 1× under a larger size: 29)
  EXPECT_GE(appeal_folded, 7);
}

// Round 13 (read in the a11y log at 2× on 1366×768): a card that only shows — a payment, a job's
// particular, a programme's own card — was heard as "8月：290元，8月15日到账，按钮，第1项，共3项"
// and counted in "共3项可以选择" on a list with nothing to choose. Now heard without "按钮", and
// the screen's choices are its buttons: the payments announce none, a programme's detail its
// actions only; a tappable card (a programme on the list) is still a button and a choice.
TEST(Speech, AReadOnlyCardIsReadNotChosen) {
  Combo c{0, 2, false, Locale::zh, 1366, 768};
  KioskHarness k(settings_of(c), 1366, 768);
  k.open_subsidy_status();
  ASSERT_EQ(k.screen(), "subsidy.status");
  const Widget* programme = k.widget("subsidy.0");
  ASSERT_TRUE(programme);
  EXPECT_FALSE(programme->read_only);
  k.tap_find("subsidy.0");
  ASSERT_EQ(k.screen(), "subsidy.detail");
  const Widget* card = k.widget("subsidy.detail.card");
  ASSERT_TRUE(card);
  EXPECT_TRUE(card->read_only);
  int actions = 0;
  for (const auto& w : k.app->ui().widgets()) actions += w.focusable() && w.group == Group::content && !w.read_only;
  EXPECT_TRUE(k.said(k.catalog.format(Locale::zh, "announce.choices", {{"n", std::to_string(actions)}})));
  if (!k.widget("subsidy.payments")) GTEST_SKIP() << "the payments on the detail (approximate metrics)";
  k.spoken.clear();
  k.tap("subsidy.payments");
  ASSERT_EQ(k.screen(), "subsidy.payments");
  EXPECT_FALSE(k.said("可以选择")) << "a list of read-only cards has no choices";
  k.spoken.clear();
  k.key("Tab");
  ASSERT_FALSE(k.spoken.empty());
  const std::string heard = k.spoken.back().text;
  EXPECT_EQ(heard.find("按钮"), std::string::npos) << heard;
  EXPECT_NE(heard.find("到账，第"), std::string::npos) << heard;
}

// Heard at the desk (round 10, the screenshots' a11y log): calls from one kiosk name it once
// ("有居民呼叫工作人员：kiosk-1、kiosk-1、kiosk-1…" was heard for a resident who pressed 呼叫
// again and again), and the sync status is heard line by line with a period where its screen
// breaks the line ("等待上传：4条记录 上次成功…" ran on).
TEST(StaffSpeech, EachKioskCalledOnceAndTheSyncStatusInSentences) {
  for (Locale loc : {Locale::zh, Locale::en}) {
    Combo c{0, 0, false, loc, 1920, 1080};
    KioskHarness k(settings_of(c), 1920, 1080);
    std::string calls = R"({"calls":[)";
    for (int i = 0; i < 4; ++i)
      calls += std::string(i ? "," : "") + R"({"id":)" + std::to_string(20 + i) +
               R"(,"terminal":"kiosk-1","reason":"help","status":"open","created_at":"2026-11-25T03:00:00Z","waiting_s":5,"acknowledged_at":null,"acknowledged_by":null})";
    calls += R"(,{"id":30,"terminal":"kiosk-2","reason":"help","status":"open","created_at":"2026-11-25T03:01:00Z","waiting_s":5,"acknowledged_at":null,"acknowledged_by":null}],"version":9})";
    k.staff_bodies["/api/v1/staff/calls?"] = calls;
    k.sign_in_staff();
    ASSERT_EQ(k.screen(), "staff.home") << name(c);
    for (int i = 0; i < 4; ++i) {
      k.clock.advance(1);
      k.frame();
      k.serve();
    }
    EXPECT_TRUE(k.said(loc == Locale::zh ? "有居民呼叫工作人员：kiosk-1、kiosk-2。" : "kiosk-1, kiosk-2")) << name(c);
    EXPECT_FALSE(k.said("kiosk-1、kiosk-1") || k.said("kiosk-1, kiosk-1")) << name(c);
    k.tap_find("staff.sync");
    ASSERT_EQ(k.screen(), "staff.sync") << name(c);
    const std::string pending = k.catalog.format(loc, "staff.sync.pending", {{"n", "4"}});
    bool heard = false;
    for (const auto& u : k.spoken)
      if (u.text.find(pending) != std::string::npos) {
        heard = true;
        const std::string after = u.text.substr(u.text.find(pending) + pending.size());
        EXPECT_EQ(after.rfind(k.catalog.get(loc, "punct.period"), 0), 0u) << name(c) << ": '" << u.text << "'";
      }
    EXPECT_TRUE(heard) << name(c);
  }
}

// The jobs filter is announced once its districts have come (round 10, the screenshots' a11y
// log): it was announced as the station's answer was still on its way, "共3项可以选择" (不限 and
// the two tools) on a step that then showed 不限 and six districts; the count was never said again.
TEST(UiJobs, TheFilterAnnouncedOnceItsChoicesHaveCome) {
  for (Locale loc : {Locale::zh, Locale::en}) {
    Combo c{0, 0, false, loc, 1920, 1080};
    KioskHarness k(settings_of(c), 1920, 1080);
    k.tap_find("home.jobs");
    k.spoken.clear();
    k.tap_unanswered("jobs.filter");
    EXPECT_EQ(k.screen(), "jobs.filter") << name(c);
    const std::string choices3 = k.catalog.format(loc, "announce.choices", {{"n", "3"}});
    EXPECT_FALSE(k.said(choices3)) << name(c) << ": announced before its districts came";
    k.serve();
    k.frame();
    int focusable = 0;
    for (const auto& w : k.app->ui().widgets()) focusable += w.focusable() && w.group != Group::nav;
    EXPECT_EQ(focusable, 9) << name(c);  // (不限, six districts, 查看岗位, 下一步)
    const std::string choices = k.catalog.format(loc, "announce.choices", {{"n", std::to_string(focusable)}});
    int heard = 0;
    for (const auto& u : k.spoken) heard += u.text.find(choices) != std::string::npos;
    EXPECT_EQ(heard, 1) << name(c) << ": '" << choices << "' once";
  }
}

// A programme's detail heard with one period a sentence (round 10, the screenshots' a11y log):
// the station's appeal ends with its own "。", and the detail added another ("…行政复议。。下次复核").
TEST(UiSubsidies, TheDetailHeardWithOnePeriodASentence) {
  nlohmann::json body = nlohmann::json::parse(kThreeSubsidies);
  for (auto& a : body["applications"])
    if (a.contains("appeal_zh")) {
      a["appeal_zh"] = "如有异议，可在收到通知之日起10个工作日内向服务站提出复核申请，或在60日内申请行政复议。";
      a["appeal_en"] = "If you disagree, ask the station for a recheck within 10 working days of the notice.";
    }
  for (Locale loc : {Locale::zh, Locale::en}) {
    Combo c{0, 0, false, loc, 1920, 1080};
    KioskHarness k(settings_of(c), 1920, 1080);
    k.subsidies_body = body.dump();
    k.serve();
    k.open_subsidy_status();
    for (int i = 0; i < 2; ++i) {
      k.spoken.clear();
      k.tap_find("subsidy." + std::to_string(i));
      ASSERT_EQ(k.screen(), "subsidy.detail") << name(c);
      EXPECT_TRUE(k.said(loc == Locale::zh ? "复核申请" : "recheck")) << name(c) << " " << i;
      for (const char* twice : {"。。", "..", ". ."})
        for (const auto& u : k.spoken) EXPECT_EQ(u.text.find(twice), std::string::npos) << name(c) << " " << i << " '" << u.text << "'";
      k.tap("nav.back");
    }
  }
}

// Round 11 (lead, Ui::grow_content): a frame that holds its page only below the resident's size
// is drawn at the largest size that holds it, not at the next level's 1×. At 2× on 1366×768 the
// "booked here before?" question, the call screen and the confirmation were drawn at 1× with
// half the page empty (content_scale 1.0); the same pages now hold at 1.25× or more, and every
// frame rule still holds on them.
TEST(UiText, TheResidentsSizeKeptAsFarAsThePageHoldsIt) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1366, 768}, {1280, 800}, {1024, 768}};
#else
  const std::pair<int, int> panels[] = {{1366, 768}};
#endif
  for (auto [w, h] : panels)
    for (Locale loc : {Locale::zh, Locale::en}) {
      Combo c{0, 2, false, loc, w, h};
      KioskHarness k(settings_of(c), float(w), float(h));
      k.serve();
      auto check = [&](const char* what) {
        const Ui& ui = k.app->ui();
        std::printf("%s %s: level %d content %.3g pages %d\n", what, name(c).c_str(), ui.compact_level(),
                    ui.content_scale(), ui.page_count());
        EXPECT_GT(ui.content_scale(), 1.2f) << what << " " << name(c) << " level " << ui.compact_level();
        EXPECT_EQ(ui.page_count(), 1) << what << " " << name(c);
        std::set<std::string> seen;
        check_frame(k, name(c), &seen);
      };
      k.tap_find("home.appointment");
      k.tap_find("kind.first_assessment");
      k.tap_find("day.2026-12-15");
      k.type(kId);
      k.tap_find("keypad.ok");
      ASSERT_EQ(k.screen(), "identity.returning") << name(c);
      check("returning");
      k.tap("nav.call_staff");
      check("call");
    }
}

// Round 11 (lead): today's appointments open with the focus on the first appointment, heard as
// "第1项" — 刷新 is the list's tool after the records in the focus order (Ui::list_tool's
// `after`). It was registered first, so the focused first appointment said "第2项，共3项".
// The jobs list's filter stays first (a resident filters before reading).
TEST(StaffAppointments, TheFirstAppointmentIsTheFirstItemHeard) {
  for (Locale loc : {Locale::zh, Locale::en}) {
    Combo c{0, 0, false, loc, 1366, 768};
    KioskHarness k(settings_of(c), 1366, 768);
    k.sign_in_staff();
    k.tap_find("staff.today");
    ASSERT_EQ(k.screen(), "staff.appointments") << name(c);
    const auto& ws = k.app->ui().widgets();
    const std::string first = k.app->focused();
    ASSERT_EQ(first.rfind("staff.appt.", 0), 0u) << name(c) << " focus " << first;
    auto [i, n] = position_in_group(ws, first);
    EXPECT_EQ(i, 1) << name(c);
    auto [r, rn] = position_in_group(ws, "staff.appts.refresh");
    EXPECT_EQ(r, rn) << name(c) << ": 刷新 after the appointments";
    EXPECT_EQ(n, rn) << name(c);
    k.frame();
    std::set<std::string> seen;
    check_frame(k, name(c), &seen);
  }
  KioskHarness k(settings_of(Combo{0, 0, false, Locale::zh, 1366, 768}), 1366, 768);
  k.serve();
  k.tap_find("home.jobs");
  k.serve();
  ASSERT_EQ(k.screen(), "jobs.list");
  EXPECT_EQ(position_in_group(k.app->ui().widgets(), "jobs.filter").first, 1);
}

// details11: a job's detail is a step — one page at 1× on every panel, with what one compares
// first (pay, employer, where, who it suits, until when) and 我有兴趣 on it. Where the page does
// not hold the details and the description too (1024×600 at 1×: 2 pages before, the density
// rule's last 12 failures), they are a step of their own behind 职位介绍 (`jobs.about`: one page,
// 我有兴趣 under them, Back to the job); the detail says them aloud either way, the description
// too (it was never heard before).
TEST(UiJobs, ADetailOnOnePageAt1xOnEveryPanelTheRestBehindAboutTheJob) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {1024, 768}, {1280, 800}, {1280, 1024}, {1366, 768},
                                        {1920, 1080}, {1080, 1920}, {768, 1366}, {3840, 2160}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  int folded = 0;
  for (auto [w, h] : panels)
    for (bool low : {false, true})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, 0, low, loc, w, h};
        KioskHarness k(settings_of(c), float(c.w), float(c.h));
        k.tap_find("home.jobs");
        k.spoken.clear();
        k.tap_find("job.60");
        ASSERT_EQ(k.screen(), "jobs.detail") << name(c);
        const Ui& ui = k.app->ui();
        if (std::getenv("KIOSK_DUMP_ALL")) dump_widgets(ui, name(c) + " job");
        EXPECT_EQ(ui.page_count(), 1) << name(c);
        EXPECT_EQ(ui.page_of("job.interest"), 0) << name(c);
        EXPECT_EQ(ui.page_of("job.summary"), 0) << name(c);
        const Widget* sum = k.widget("job.summary");
        ASSERT_TRUE(sum) << name(c);
        for (const char* part : {"6000–9000", "示例数据服务有限公司", "通州区示例路192号"})
          EXPECT_NE(sum->label.find(part), std::string::npos) << name(c) << " " << part;
        EXPECT_NE(sum->label.find(loc == Locale::zh ? "听力" : "Hearing"), std::string::npos) << name(c);
        // (heard whole, the details and the description too, whatever the page shows)
        EXPECT_TRUE(k.said(k.catalog.format(loc, "jobs.education", {{"v", "初中及以上"}}))) << name(c);
        EXPECT_TRUE(k.said("按测试用例检查软件功能并记录缺陷")) << name(c);
        std::set<std::string> seen;
        check_frame(k, name(c) + " job", &seen);
        if (!k.widget("job.about")) {
          EXPECT_GE(ui.page_of("job.details"), 0) << name(c);
          EXPECT_GE(ui.page_of("job.description"), 0) << name(c);
          continue;
        }
        ++folded;
        EXPECT_EQ(ui.page_of("job.details"), -1) << name(c);
        k.tap("job.about");
        ASSERT_EQ(k.screen(), "jobs.about") << name(c);
        if (std::getenv("KIOSK_DUMP_ALL")) dump_widgets(k.app->ui(), name(c) + " about");
        EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
        const Widget *more = k.widget("job.details"), *desc = k.widget("job.description");
        ASSERT_TRUE(more && desc && k.widget("job.interest")) << name(c);
        std::string details = more->label;
        if (const Widget* rest = k.widget("job.details.more")) details += "\n" + rest->label;
        for (const char* key : {"jobs.hours", "jobs.training"})
          EXPECT_NE(details.find(k.catalog.format(loc, key, {{"v", key == std::string("jobs.hours") ? "弹性工作时间" : "岗前培训两周"}})),
                    std::string::npos) << name(c) << " " << key;
        check_frame(k, name(c) + " about", &seen);
        k.tap("nav.back");
        ASSERT_EQ(k.screen(), "jobs.detail") << name(c);
        EXPECT_TRUE(k.widget("job.about")) << name(c);
      }
#ifdef TX_REAL_FONT_METRICS
  EXPECT_GE(folded, 4);  // (1024×600, zh and en, with and without low reach)
#endif
}

// details11: each of the demo's programmes on one page at 1× on 1024×600 too (the paused one in
// both languages and the refused one in Chinese took 2 pages before: the card, the review and
// the appeal on page 1, the payments after). Where the detail does not stand on one page its two
// actions are the screen's tools in the caption's strip; the focus still opens on the card, and
// 全部补贴 still goes back to the list.
TEST(UiSubsidies, EachProgrammesDetailOnOnePageAt1xOn1024x600Too) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {1024, 768}, {1366, 768}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  for (auto [w, h] : panels)
    for (bool low : {false, true})
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, 0, low, loc, w, h};
        KioskHarness k(settings_of(c), float(w), float(h));
        k.subsidies_body = kThreeSubsidies;
        k.serve();
        k.open_subsidy_status();
        for (int i = 0; i < 3; ++i) {
          k.tap_find("subsidy." + std::to_string(i));
          ASSERT_EQ(k.screen(), "subsidy.detail") << name(c) << " " << i;
          const Ui& ui = k.app->ui();
          if (std::getenv("KIOSK_DUMP_ALL")) dump_widgets(ui, name(c) + " programme " + std::to_string(i));
          EXPECT_EQ(ui.page_count(), 1) << name(c) << " programme " << i;
          for (const char* id : {"subsidy.detail.card", "subsidy.back", "subsidy.done"})
            EXPECT_TRUE(k.widget(id)) << name(c) << " " << i << " " << id;
          if (i == 0) {
            EXPECT_TRUE(k.widget("subsidy.review") && k.widget("subsidy.payment.2")) << name(c);
          }
          EXPECT_EQ(k.app->focused(), "subsidy.detail.card") << name(c) << " " << i;
          std::set<std::string> seen;
          check_frame(k, name(c) + " detail", &seen);
          k.tap("subsidy.back");
          ASSERT_EQ(k.screen(), "subsidy.status") << name(c);
        }
      }
}

// Round 11 (lead, after details11): a job's detail is one page at every text size too — where
// the whole detail does not stand on one page, the short form (我有兴趣 and 职位介绍 over the
// summary) at the resident's size rather than 2 pages (62 of 108 theme-0 walks at 1.5–2× took 2,
// page 1 with the summary cut short of its details); the details and the description behind
// 职位介绍 then page as a list of records does (round 13; ≤ 2 pages at larger text, 3 below
// 1366×768, as a reading text before).
// Round 13: 职位介绍 (jobs.about) at larger text is a list of the job's particulars — a record
// each ("工作时间：弹性工作时间"), the description last under its name — with 我有兴趣 as the
// list's tool on every page. Issue 12 point 3: paging only for lists of records. Round 12
// (text12) drew it as a reading text in up to four arrangements, the largest within 2 pages: 2
// pages in 49 of the 70 theme-0 walks that reach it, a paragraph split between pages, the
// content at 1× in 4 of the 66 at 1.5–2× (1280×800 in English) — drawn at the size with the
// fewest pages instead, 8 still took 2 pages and 12 were at 1×. Now on every panel at 1.5× and
// 2× in both languages: each particular and the description on exactly one page, ≥ 2 records on
// every page but the last, 我有兴趣 on every page, the content at 1.5× or more (0 walks at 1×).
TEST(UiJobs, ADetailOnOnePageAtEveryTextSizeAndAboutTheJobAListOfItsParticulars) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1024, 600}, {1024, 768}, {1280, 800},  {1280, 1024}, {1366, 768},
                                        {1920, 1080}, {1080, 1920}, {768, 1366}, {3840, 2160}};
#else
  const std::pair<int, int> panels[] = {{1920, 1080}};
#endif
  int reached = 0;
  for (auto [w, h] : panels)
    for (int text = 1; text <= kMaxText; ++text)
      for (Locale loc : {Locale::zh, Locale::en}) {
        Combo c{0, text, false, loc, w, h};
        KioskHarness k(settings_of(c), float(c.w), float(c.h));
        k.tap_find("home.jobs");
        k.tap_find("job.60");
        ASSERT_EQ(k.screen(), "jobs.detail") << name(c);
        const Ui& ui = k.app->ui();
        EXPECT_EQ(ui.page_count(), 1) << name(c);
        EXPECT_EQ(ui.page_of("job.interest"), 0) << name(c);
        EXPECT_EQ(ui.page_of("job.summary"), 0) << name(c);
        std::set<std::string> seen;
        check_frame(k, name(c) + " job", &seen);
        if (!k.widget("job.about")) continue;  // (the detail holds it all: 3840×2160 at 1.5×)
        ++reached;
        k.tap("job.about");
        ASSERT_EQ(k.screen(), "jobs.about") << name(c);
        const int pages = k.app->ui().page_count();
        EXPECT_GE(k.app->ui().content_scale(), 1.49f) << name(c);
        std::map<std::string, int> on_page;  // a record's label → the pages it stood on
        std::vector<std::string> labels;
        for (int p = 0; p < pages; ++p) {
          if (p > 0) k.tap("page.next");
          check_frame(k, name(c) + " about", &seen);
          EXPECT_TRUE(k.widget("job.interest")) << name(c) << " page " << p + 1;
          int records = 0;
          for (const auto& wd : k.app->ui().widgets())
            if (wd.id.rfind("fact.", 0) == 0) {
              ++records;
              if (on_page[wd.label]++ == 0) labels.push_back(wd.label);
            }
          if (p + 1 < pages) EXPECT_GE(records, 2) << name(c) << " page " << p + 1;
        }
        // (the job's six particulars and its description, each once)
        ASSERT_EQ(labels.size(), 7u) << name(c);
        for (const auto& [label, n] : on_page) EXPECT_EQ(n, 1) << name(c) << " " << label;
        const std::string hours = loc == Locale::zh ? "工作时间：弹性工作时间" : "Hours: 弹性工作时间";
        EXPECT_EQ(on_page.count(hours), 1u) << name(c);
        EXPECT_NE(labels.back().find("按测试用例检查软件功能并记录缺陷。"), std::string::npos) << name(c) << " " << labels.back();
      }
  if (kRealFont) EXPECT_GE(reached, 30);
}

// settings11 (issue 12: settings at the resident's own text size): at 1.5× and 2× each step of
// the settings is one page with its content drawn at the resident's size or at least 1.5× — over
// the nine panels, zh and en, with and without low reach, scanning off and on. Before, settings
// were one step (Ui::fewest_pages) and drew their options at 1× (compact level 3) in 48 of the
// 72 theme-0 cases without scanning (2 pages in 8, 12 more with scanning). Now, where all of
// them do not hold one page at the resident's size, the first step keeps text size, speech,
// language and colours with 更多设置, and the second the rest. Where a panel cannot hold
// a step at 1.5× (measured 19:15 UTC 2026-12-06, may only shrink): panel, low reach (-1 either),
// English (-1 either), from text step, scanning on (-1 either), the step ("settings" /
// "settings.more"), its content's scale. The first step in English on 1024×600 (its text size,
// language and colours at 1.5× each take a line of 960 px, the colours' names two lines), and
// with low reach on 1024×768 and 768×1366 (the controls start at the reach line); the second
// with scanning on (its interval a line more) on 1024×600, 1366×768 in English, and with low
// reach on 1280×800 in English and 768×1366.
struct SettingsSizeFloor {
  int w, h, low, en, from_text, scanning;
  const char* step;
  float scale;
};
constexpr SettingsSizeFloor kSettingsSizeFloors[] = {
    {1024, 600, -1, 1, 1, -1, "settings", 1.f},       {1024, 768, 1, 1, 1, -1, "settings", 1.f},
    {768, 1366, 1, 1, 1, -1, "settings", 1.f},        {1366, 768, -1, 1, 1, 1, "settings.more", 1.f},
    {1024, 600, -1, -1, 1, 1, "settings.more", 1.f},  {1280, 800, 1, 1, 1, 1, "settings.more", 1.f},
    {768, 1366, 1, -1, 1, 1, "settings.more", 1.f}};
TEST(UiSettings, EachStepOnOnePageAtTheResidentsSizeOrAtLeastOneAndAHalf) {
  int at[4] = {0, 0, 0, 0};  // steps whose content stands at 1×, 1.5×, 2× (1.5× being the resident's at 1.5×)
  int split = 0, cases = 0;
  std::string line;
  for (bool scanning : {false, true})
    each_panel_and_step(
        [&](Combo c) {
          if (c.text == 0) return;
          ++cases;
          KioskHarness k(settings_of(c), float(c.w), float(c.h));
          k.serve();
          k.tap_find("home.settings");
          if (scanning) {
            k.tap_setting("settings.scanning");
            ASSERT_TRUE(k.app->settings().scanning) << name(c);
            if (k.screen() == "settings.more") k.tap("nav.back");
          }
          ASSERT_EQ(k.screen(), "settings") << name(c);
          auto measure = [&](const std::string& step) {
            const Ui& ui = k.app->ui();
            const float scale = ui.body_at(ui.compact_level()) / ui.u(ui.env().body_px);
            ++at[scale > 1.75f ? 2 : scale > 1.25f ? 1 : 0];
            line += " " + std::to_string(ui.page_count()) + "/" + (scale > 1.75f ? "2" : scale > 1.25f ? "1.5" : "1");
            float floor = std::min(ui.env().scale, 1.5f);
            for (const auto& f : kSettingsSizeFloors)
              if (f.w == c.w && f.h == c.h && (f.low < 0 || f.low == int(c.low_reach)) &&
                  (f.en < 0 || f.en == int(c.loc == Locale::en)) && c.text >= f.from_text &&
                  (f.scanning < 0 || f.scanning == int(scanning)) && step == f.step)
                floor = std::min(floor, f.scale);
            const std::string what = name(c) + (scanning ? " scanning " : " ") + step;
            if (const char* d = std::getenv("KIOSK_DUMP_SETTINGS"); d && what == d) dump_widgets(ui, what);
            if (kRealFont) {
              EXPECT_EQ(ui.page_count(), 1) << what;
              EXPECT_GE(scale, floor - 0.01f) << what << ": content at " << scale << "x";
            }
            std::set<std::string> seen;
            check_frame(k, what, &seen);
          };
          measure("settings");
          if (k.app->ui().page_of("settings.more") >= 0) {
            ++split;
            k.tap_find("settings.more");
            ASSERT_EQ(k.screen(), "settings.more") << name(c);
            line += "+";
            measure("settings.more");
          }
        },
        [&](int w, int h, bool low, Locale loc) {
          std::printf("settings %4dx%-4d %s%s%s pages/content (1.5x 2x):%s\n", w, h, loc == Locale::zh ? "zh" : "en",
                      low ? " low" : "    ", scanning ? " scan" : "     ", line.c_str());
          line.clear();
        });
  std::printf("settings at 1.5x/2x: %d cases, %d on two steps; steps' content at 1x/1.5x/2x: %d/%d/%d\n", cases,
              split, at[0], at[1], at[2]);
}

// settings11: the second step is reached, announced and left by keys alone (S1, M1): 更多设置 is
// one of the first step's choices ("共N项" counts the step's own), the second step is announced
// once with its own choices, and Back returns to the first with the focus on 更多设置. At the
// default size on a panel where all of them hold one page, the settings are the one step as
// before (every id there, 更多设置 not drawn).
TEST(UiSettings, MoreSettingsByKeysAndBackToItsButton) {
#ifdef TX_REAL_FONT_METRICS
  const std::pair<int, int> panels[] = {{1366, 768}, {1024, 768}, {1024, 600}};
#else
  const std::pair<int, int> panels[] = {{1024, 600}};  // (the approximate metrics: two steps at 2× there)
#endif
  for (auto [w, h] : panels)
    for (Locale loc : {Locale::zh, Locale::en}) {
      {
        Combo c{0, 0, false, loc, w, h};
        KioskHarness k(settings_of(c), float(w), float(h));
        k.tap_find("home.settings");
        EXPECT_EQ(k.app->ui().page_of("settings.more"), -1) << name(c);
        for (const char* id : {"settings.text.2", "settings.rate.up", "settings.low_reach", "settings.scanning",
                               "settings.default", "settings.staff_sign_in"})
          EXPECT_EQ(k.app->ui().page_of(id), 0) << name(c) << " " << id;
      }
      Combo c{0, 2, false, loc, w, h};
      KioskHarness k(settings_of(c), float(w), float(h));
      auto choices = [&] {
        int n = 0;
        for (const auto& wd : k.app->ui().widgets()) n += wd.focusable() && wd.group == Group::content;
        return n;
      };
      auto heard = [&](const std::string& s) {
        int n = 0;
        for (const auto& u : k.spoken) n += u.text.find(s) != std::string::npos;
        if (n != 1)
          for (const auto& u : k.spoken) std::printf("  heard: %s\n", u.text.c_str());
        return n;
      };
      const std::string count = loc == Locale::zh ? "共" : " choices";
      k.key("Tab");
      for (int i = 0; i < 8 && k.app->focused() != "home.settings"; ++i) k.key("Tab");
      ASSERT_EQ(k.app->focused(), "home.settings") << name(c);
      k.spoken.clear();
      k.key("Return");
      ASSERT_EQ(k.screen(), "settings") << name(c);
      ASSERT_EQ(k.app->ui().page_count(), 1) << name(c);
      ASSERT_GE(k.app->ui().page_of("settings.more"), 0) << name(c);
      EXPECT_EQ(k.app->ui().page_of("settings.staff_sign_in"), -1) << name(c);
      const std::string first_count = loc == Locale::zh ? "共" + std::to_string(choices()) + "项可以"
                                                         : std::to_string(choices()) + " choices";
      EXPECT_EQ(heard(first_count), 1) << name(c) << " " << first_count;
      for (int i = 0; i < 30 && k.app->focused() != "settings.more"; ++i) k.key("Tab");
      ASSERT_EQ(k.app->focused(), "settings.more") << name(c);
      k.spoken.clear();
      k.key("Return");
      ASSERT_EQ(k.screen(), "settings.more") << name(c);
      EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
      const std::string more_count = loc == Locale::zh ? "共" + std::to_string(choices()) + "项可以"
                                                        : std::to_string(choices()) + " choices";
      EXPECT_EQ(heard(more_count), 1) << name(c) << " " << more_count;
      EXPECT_EQ(heard(loc == Locale::zh ? "更多设置" : "More settings"), 1) << name(c);
      // every control of the step reached by Tab
      std::set<std::string> reached;
      for (int i = 0; i < 20; ++i) {
        reached.insert(k.app->focused());
        k.key("Tab");
      }
      for (const char* id : {"settings.rate.down", "settings.rate.up", "settings.low_reach", "settings.scanning",
                             "settings.default", "settings.staff_sign_in"})
        EXPECT_TRUE(reached.count(id)) << name(c) << " " << id;
      k.spoken.clear();
      k.key("Escape");
      ASSERT_EQ(k.screen(), "settings") << name(c);
      EXPECT_EQ(k.app->focused(), "settings.more") << name(c);
      EXPECT_EQ(heard(first_count), 1) << name(c);
      (void)count;
    }
}

// settings11: a switch that makes all the settings too tall for one page at the resident's size
// (scanning with its interval at 1× on 1024×600, both languages) moves itself to the second step:
// the focus then lands on 更多设置 and is said — the focused control gone, App takes the first
// control, and the step's tool is first in the registry — and the switch and its interval are
// on 更多设置's step.
TEST(UiSettings, ASwitchThatSplitsTheSettingsSendsTheFocusToMoreSettings) {
  for (Locale loc : {Locale::zh, Locale::en}) {
    Combo c{0, 0, false, loc, 1024, 600};
    KioskHarness k(settings_of(c), 1024, 600);
    k.tap_find("home.settings");
    ASSERT_EQ(k.app->ui().page_of("settings.more"), -1) << name(c);
    k.spoken.clear();
    k.tap_find("settings.scanning");
    ASSERT_TRUE(k.app->settings().scanning) << name(c);
    ASSERT_EQ(k.screen(), "settings") << name(c);
    if (!kRealFont && k.app->ui().page_of("settings.more") < 0) continue;  // (approximate metrics: one page still)
    EXPECT_EQ(k.app->focused(), "settings.more") << name(c);
    EXPECT_TRUE(k.said(loc == Locale::zh ? "更多设置" : "More settings")) << name(c);
    k.tap_find("settings.more");
    ASSERT_EQ(k.screen(), "settings.more") << name(c);
    EXPECT_GE(k.app->ui().page_of("settings.scanning"), 0) << name(c);
    EXPECT_GE(k.app->ui().page_of("settings.scan.slower"), 0) << name(c);
    EXPECT_EQ(k.app->ui().page_count(), 1) << name(c);
  }
}

// Round 12 (lead): the slip at the resident's text size. Where its actions in a row of their own
// leave the page no room for 1.125× (1024×768 and 1024×600 in Chinese, 768×1366 at 1.5–2×: the
// three buttons wrapped to two rows, or the number and what to bring stood one under the other),
// the actions are the screen's tools in the caption's strip, the number beside what to bring in
// unequal columns, and on a portrait panel the code's caption beside the code. Theme-0 walks at
// 1.5–2×: the slip drawn at 1× in 20 of 72 → 4 (English on 1024×600). Each action is still there,
// in the order hear, print, done, and 打印凭条 is still the one that prints.
TEST(UiSlip, TheResidentsSizeWithItsActionsInTheStripWhereTheirRowCostsIt) {
#ifdef TX_REAL_FONT_METRICS
  const std::tuple<int, int, Locale> cases[] = {{1024, 768, Locale::zh}, {1024, 600, Locale::zh},
                                                {768, 1366, Locale::zh}, {768, 1366, Locale::en}};
#else
  const std::tuple<int, int, Locale> cases[] = {{1024, 768, Locale::zh}};
#endif
  for (auto [w, h, loc] : cases)
    for (int text : {1, 2}) {
      Combo c{0, text, false, loc, w, h};
      KioskHarness k(settings_of(c), float(w), float(h));
      int printed = 0;
      k.app->print_hook = [&](std::string, std::string) { ++printed; };  // (the printer still at work)
      k.book_returning_to_slip();
      ASSERT_EQ(k.screen(), "appointment.slip") << name(c);
      const Ui& ui = k.app->ui();
      std::printf("slip %s: level %d content %.3g pages %d\n", name(c).c_str(), ui.compact_level(), ui.content_scale(),
                  ui.page_count());
      EXPECT_GT(ui.content_scale(), 1.1f) << name(c);
      EXPECT_EQ(ui.page_count(), 1) << name(c);
      const auto& ws = ui.widgets();
      int last = 0;
      for (const char* id : {"slip.repeat", "slip.print", "slip.done"}) {
        auto [i, n] = position_in_group(ws, id);
        EXPECT_GT(i, last) << name(c) << " " << id;
        last = i;
      }
      std::set<std::string> seen;
      check_frame(k, name(c), &seen);
      const Widget* print = k.widget("slip.print");
      ASSERT_TRUE(print) << name(c);
      EXPECT_TRUE(print->enabled) << name(c);
      k.tap("slip.print");
      EXPECT_EQ(printed, 1) << name(c) << ": 打印凭条 prints";
      const Widget* busy = k.widget("slip.print");
      ASSERT_TRUE(busy) << name(c);
      EXPECT_FALSE(busy->enabled) << name(c) << ": not again while it prints";
      k.app->pointer_down(busy->rect.cx(), busy->rect.cy());  // (a second press on it)
      k.app->pointer_up(busy->rect.cx(), busy->rect.cy());
      k.frame();
      EXPECT_EQ(printed, 1) << name(c) << ": one slip";
    }
}

// text12 (round 12): a job's detail is heard a sentence a line (kit::sentences, as a programme's
// detail): "工资：6000–9000元/月 · 招7人。单位：…" — joined with spaces before, a blind job
// seeker heard "招7人 单位：… 地点：…" as one run. The detail's summary, its details and
// 职位介绍's details, in both languages.
TEST(UiJobs, ADetailIsHeardASentenceALine) {
  for (Locale loc : {Locale::zh, Locale::en}) {
    Combo c{0, 0, false, loc, 1024, 600};
    KioskHarness k(settings_of(c), float(c.w), float(c.h));
    const std::string period = k.catalog.format(loc, "punct.period", {});
    auto heard_as_sentences = [&](const std::string& text, const std::string& what) {
      std::string all;
      for (const auto& u : k.spoken) all += u.text + "\n";
      std::vector<std::string> lines;
      for (size_t from = 0; from <= text.size();) {
        const size_t nl = text.find('\n', from);
        lines.push_back(text.substr(from, nl == std::string::npos ? std::string::npos : nl - from));
        if (nl == std::string::npos) break;
        from = nl + 1;
      }
      for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].empty()) continue;
        const std::string said = tx::ends_sentence(lines[i]) ? lines[i] : lines[i] + period;
        EXPECT_NE(all.find(said), std::string::npos) << name(c) << " " << what << ": '" << said << "' in " << all;
        if (i + 1 < lines.size()) {
          EXPECT_EQ(all.find(lines[i] + " " + lines[i + 1]), std::string::npos) << name(c) << " " << what << ": " << lines[i];
        }
      }
    };
    k.tap_find("home.jobs");
    k.spoken.clear();
    k.tap_find("job.60");
    ASSERT_EQ(k.screen(), "jobs.detail") << name(c);
    const Widget* sum = k.widget("job.summary");
    ASSERT_TRUE(sum) << name(c);
    ASSERT_NE(sum->label.find('\n'), std::string::npos) << name(c);
    heard_as_sentences(sum->label, "summary");
    if (!k.widget("job.about")) continue;  // (the approximate metrics: the detail holds it all)
    k.spoken.clear();
    k.tap("job.about");
    ASSERT_EQ(k.screen(), "jobs.about") << name(c);
    const Widget *more = k.widget("job.details"), *rest = k.widget("job.details.more");
    ASSERT_TRUE(more) << name(c);
    heard_as_sentences(more->label + (rest ? "\n" + rest->label : ""), "about");
  }
}

// staff12: the desk's steps at the text size chosen on the kiosk. Staff read them at the desk
// beside a resident at 1.5× or 2×; until round 12 a resident's card (masked and revealed), one
// appointment, the booked slip and the relations step held one page there only by drawing their
// content at 1× (60 of the 72 theme-0 larger-text walks' frames: the card 20, revealed 16, the
// appointment and the slip 8 each, on 1024×600, the relations 8 in English). Each step is one page
// and its content stands above 1× (1.125× or more, Ui::grow_content's eighths) on every panel but
// where kStaffSizeFloors says otherwise (measured 22:30 UTC 2026-12-06, may only shrink: an entry
// removed is a win): panel, English (-1 either), the step (the walk's name), its content's scale.
struct StaffSizeFloor {
  int w, h, en;
  const char* step;
  float scale;
};
// On 1024×600 the card under a call's banner is four lines of at least 24 mm — the banner, who
// and the certificate, the actions, the records — and holds its page only at 1× (at 1.125× its
// 344 px of 340; with 显示完整 in the caption's strip the strip takes 25 px more); revealed, the
// box of full values is a line more. The relations in English there: "Village or residents'
// committee" in three lines of a third, three rows in halves (363 px of 340).
constexpr StaffSizeFloor kStaffSizeFloors[] = {
    {1024, 600, -1, "resident", 1.f}, {1024, 600, -1, "revealed", 1.f}, {1024, 600, 1, "applicant", 1.f}};
TEST(StaffSteps, TheDesksStepsAtTheChosenTextSizeOnOnePage) {
  std::map<std::string, int> at1;  // the steps' frames at 1× (of the larger-text walks)
  std::map<std::string, double> slowest;  // ms, the slowest laid-out frame of each step
  int walks = 0;
  std::string line;
  each_panel_and_step(
      [&](Combo c) {
        if (c.text == 0) return;
        ++walks;
        KioskHarness k(settings_of(c), float(c.w), float(c.h));
        k.sign_in_staff();
        ASSERT_EQ(k.screen(), "staff.home") << name(c);
        auto measure = [&](const std::string& step) {
          const Ui& ui = k.app->ui();
          const float scale = ui.content_scale();
          float floor = std::min(ui.env().scale, 1.125f);
          for (const auto& f : kStaffSizeFloors)
            if (f.w == c.w && f.h == c.h && (f.en < 0 || f.en == int(c.loc == Locale::en)) && step == f.step)
              floor = std::min(floor, f.scale);
          const std::string what = name(c) + " " + step;
          if (const char* d = std::getenv("KIOSK_DUMP_STAFF"); d && what.find(d) != std::string::npos) dump_widgets(ui, what);
          at1[step] += scale < 1.01f;
          EXPECT_EQ(ui.page_count(), 1) << what;  // (before the frames below: each makes a new Ui)
          // (the cost of the trial layouts: a frame laid out again, as the header's minute turns)
          for (int i = 0; i < 3; ++i) {
            k.wall_now += 60;
            const auto t0 = std::chrono::steady_clock::now();
            k.app->frame();
            slowest[step] = std::max(slowest[step],
                                     std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
          }
          char s[16];
          std::snprintf(s, sizeof s, " %.3g", scale);
          line += s;
          if (kRealFont) {
            EXPECT_GE(scale, floor - 0.01f) << what << ": content at " << scale << "x";
          }
          std::set<std::string> seen;
          check_frame(k, what, &seen);
        };
        k.tap_find("staff.today");
        k.tap_find("staff.appt.31");
        ASSERT_EQ(k.screen(), "staff.appointment") << name(c);
        measure("appointment");
        k.tap("nav.home");
        k.find_resident_at_desk();
        measure("resident");
        k.tap_find("staff.reveal");
        k.tap_find("staff.reveal.reason.0");
        ASSERT_FALSE(k.app->staff().revealed.is_null()) << name(c);
        measure("revealed");
        k.tap_find("staff.resident.apply");
        k.tap_find("staff.item.nursing_subsidy");
        ASSERT_EQ(k.screen(), "staff.applicant") << name(c);
        measure("applicant");
        k.tap("nav.home");
        k.tap_find("staff.book");
        k.type(kNewId);
        k.tap_find("keypad.ok");
        k.staff_new_home_visit_to_confirm();
        k.tap_find("staff.book.yes");
        ASSERT_EQ(k.screen(), "staff.booked") << name(c);
        measure("booked");
      },
      [&](int w, int h, bool low, Locale loc) {
        std::printf("staff %4dx%-4d %s%s appointment resident revealed applicant booked (1.5x; 2x):%s\n", w, h,
                    loc == Locale::zh ? "zh" : "en", low ? " low" : "    ", line.c_str());
        line.clear();
      });
  std::string sum;
  for (const auto& [step, n] : at1) sum += " " + step + " " + std::to_string(n);
  std::printf("staff steps at 1x at 1.5x/2x (of %d walks each):%s\n", walks, sum.c_str());
  sum.clear();
  for (const auto& [step, ms] : slowest) sum += " " + step + " " + std::to_string(ms).substr(0, 4);
  std::printf("staff steps, the slowest laid-out frame (ms):%s\n", sum.c_str());
}

// Round 12 (lead): the slip heard a sentence a line, as a job's detail (kit::sentences): "业务：
// 首次办证评定 日期：12月8日 …" ran on as one before — the details' lines joined by spaces.
TEST(UiSlip, HeardASentenceALine) {
  for (Locale loc : {Locale::zh, Locale::en}) {
    Combo c{0, 0, false, loc, 1920, 1080};
    KioskHarness k(settings_of(c), 1920, 1080);
    k.book_returning_to_slip();
    ASSERT_EQ(k.screen(), "appointment.slip") << name(c);
    const bool zh = loc == Locale::zh;
    EXPECT_TRUE(k.said(zh ? "。日期：" : ". Day: ")) << name(c);
    EXPECT_TRUE(k.said(zh ? "。地点：" : ". Place: ")) << name(c);
  }
}

// Round 12 (lead): Ui::best_arrangement remembers its choice (UiEnv::arrangements) for the same
// items in the same sizes: a frame laid out again for the caption, the focus or the clock draws
// the screen's items once more but tries no arrangement again (the slip's and a resident's
// card's trials cost 10–20 ms a laid-out frame at 1.5–2× before; layout_bench). Other items, or
// another panel or text size, are tried afresh; without the memo every frame tries them all.
TEST(UiArrangement, TheChoiceIsRememberedForTheSameItemsAndSizes) {
  ApproxMetrics metrics;
  auto themes = builtin_themes();
  std::unordered_map<std::string, int> memo;
  int drawn = 0;
  std::string words(60, 'x');
  // (arrangement 1 holds the page, 0 does not: 0 is a tall column of buttons)
  auto draw = [&](Ui& u, int layout) {
    ++drawn;
    u.begin("memo.test", "Memo");
    if (layout == 0)
      for (int i = 0; i < 12; ++i) u.button("b." + std::to_string(i), words.substr(0, 8 + i));
    else
      u.text("t", words);
  };
  auto choose = [&](float w, float h, float scale) {
    UiEnv env = plain_env(&themes[0], &metrics, w, h, scale);
    env.arrangements = &memo;
    Ui ui(env);
    return ui.best_arrangement(2, draw);
  };
  EXPECT_EQ(choose(1366, 768, 2), 1);
  const int first = drawn;
  EXPECT_EQ(first, 3) << "the items once for the memo's key, then both arrangements";
  EXPECT_EQ(choose(1366, 768, 2), 1);
  EXPECT_EQ(drawn, first + 1) << "remembered: the items drawn once, no trial";
  EXPECT_EQ(choose(1366, 768, 1.5f), 1);
  EXPECT_EQ(drawn, first + 1 + 3) << "another text size: tried afresh";
  words = std::string(61, 'y');
  EXPECT_EQ(choose(1366, 768, 2), 1);
  EXPECT_EQ(drawn, first + 1 + 3 + 3) << "other words: tried afresh";
  EXPECT_EQ(choose(1366, 768, 1), 0);
  EXPECT_EQ(drawn, first + 1 + 3 + 3) << "1x: as designed, nothing drawn";
}
