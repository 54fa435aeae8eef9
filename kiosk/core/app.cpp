// [SECTION] Index
//   construction, helpers
//   input events → actions / activations
//   frame()
//   intents (what screens ask for)
//   station service requests and responses
//   reset (T2)
#include "core/app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "core/escpos.h"
#include "core/identity.h"
#include "core/keymap.h"

namespace tx {


// The assessment days a kind can be booked on, up to the booking horizon: from tomorrow for a
// resident, from today for staff (a walk-in may be seen today). The list shows "loading" until
// the answer arrives.
std::pair<std::string, std::string> App::days_range(int first_day) const {
  auto today = Date::parse(today_);
  if (!today) return {"", ""};  // the station's default range
  return {today->plus_days(first_day).str(), today->plus_days(cfg_.booking_days).str()};
}

static const char* role_key(Role r) {
  switch (r) {
    case Role::button: return TK("role.button");
    case Role::option: return TK("role.option");
    case Role::toggle: return TK("role.toggle");
    case Role::key: return TK("role.key");
    case Role::input: return TK("role.input");
    default: return TK("role.text");
  }
}

static const char* state_key(const std::string& s) {
  if (s == "selected") return TK("state.selected");
  if (s == "on") return TK("state.on");
  if (s == "off") return TK("state.off");
  return nullptr;
}

App::App(Deps d)
    : cat_(d.catalog), themes_(std::move(d.themes)), metrics_(d.metrics), http_(d.http),
      speech_(d.speech), clock_(d.clock), cfg_(std::move(d.config)),
      poll_http_(d.poll_http ? d.poll_http : d.http), idle_(cfg_.idle) {
  if (themes_.empty()) themes_ = builtin_themes();
  if (!cfg_.today) cfg_.today = [](std::optional<int>) { return std::string("2026-01-01"); };
  st_ = cfg_.defaults;
  apply_speech_settings();
  today_ = cfg_.today(station_utc_offset());
  idle_.touch(clock_->now());
  stack_.assign(1, root());
  scanner_.set_interval(kScanSteps[st_.scan_step]);
  pointer_.set_debounce(cfg_.repeat_window_s);
  std::random_device rd;
  char id[17];
  std::snprintf(id, sizeof id, "%08x%08x", rd(), rd());
  boot_id_ = id;
  start_t_ = clock_->now();
  next_report_ = start_t_ + 60;
  send(station::station_info());
  if (cfg_.staff_terminal) send(station::staff_names());
  std::vector<Intent> none;
  build("", &none);
}

std::string App::station_name() const {
  if (!cfg_.station_name.empty()) return cfg_.station_name;
  if (!station_.is_object()) return "";
  std::string en = station_.value("name_en", ""), zh = station_.value("name", "");
  return st_.locale == Locale::en && !en.empty() ? en : zh;
}

// Operations counters for the station's /metrics (docs/api.md "POST /kiosk/report"): whole set,
// cumulative since this start, every minute; failures are silent (never a banner for this).
void App::send_report() {
  nlohmann::json u = nlohmann::json::object();
  for (const auto& [lang, n] : counters_.utterances) u[lang] = n;
  send(station::report({{"terminal", cfg_.terminal_id},
                      {"boot_id", boot_id_},
                      {"uptime_s", long(clock_->now() - start_t_)},
                      {"speech_utterances", u},
                      {"speech_interrupted", counters_.interrupted},
                      {"sessions", counters_.sessions},
                      {"print_jobs", counters_.print_jobs},
                       {"print_failures", counters_.print_failures}}));
}

SpeechLang App::speech_lang() const {
  if (st_.locale == Locale::en) return SpeechLang::en;
  return st_.cantonese ? SpeechLang::yue : SpeechLang::cmn;
}

// English voices read Chinese characters as "Chinese letter": data from the service that is only
// in Chinese (a job title) is read by the Mandarin voice even on the English screen.
SpeechLang App::lang_for(const std::string& text) const {
  SpeechLang l = speech_lang();
  if (l != SpeechLang::en) return l;
  for (size_t i = 0; i < text.size();)
    if (is_cjk(next_codepoint(text, &i))) return SpeechLang::cmn;
  return l;
}

void App::apply_speech_settings() {
  speech_.set_enabled(st_.speech);
  speech_.set_rate_step(st_.rate);
  speech_.set_volume_step(st_.volume);
}

bool App::typing() const { return ui_ && ui_->typing(); }

// Free-text fields (staff: a name, an address) take characters from a keyboard and its input
// method; there, keypad digits and Space type instead of moving or selecting.
bool App::free_text() const { return screen_info(screen()).free_text; }

// The buffer the keypad types into on this screen (nullptr: none), its length limit (bytes for
// free text) and whether X is a character there (ID numbers).
std::string* App::input_buffer(size_t* max, bool* allow_x) {
  *allow_x = false;
  switch (screen()) {
    case Screen::identity_id: *max = kIdChars, *allow_x = true; return &s_.id_input;
    case Screen::identity_phone: *max = kLast4Digits; return &s_.phone_input;
    case Screen::identity_phone_full: *max = kPhoneDigitsMax; return &s_.phone_full;
    case Screen::staff_pin:
    case Screen::staff_pin_old:
    case Screen::staff_pin_new:
    case Screen::staff_pin_repeat: *max = kPinDigitsMax; return &staff_.pin_input;
    case Screen::staff_find: *max = kIdChars, *allow_x = true; return &staff_.id_input;
    case Screen::staff_book_phone: *max = kPhoneDigitsMax; return &staff_.phone_input;
    case Screen::staff_agent_phone: *max = kPhoneDigitsMax; return &staff_.agent_phone;
    case Screen::staff_book_name: *max = 90; return &staff_.name_input;
    case Screen::staff_book_address: *max = 600; return &staff_.address_input;
    case Screen::staff_agent_name: *max = 90; return &staff_.agent_name;
    default: *max = 0; return nullptr;
  }
}

// Appends typed text to a free-text field: printable characters only, whole UTF-8 sequences.
void App::type_text(const std::string& utf8) {
  size_t max = 0;
  bool x = false;
  std::string* buf = input_buffer(&max, &x);
  if (!buf) return;
  std::string clean;
  for (unsigned char ch : utf8)
    if (ch >= 0x20 && ch != 0x7F) clean += char(ch);
  if (clean.empty()) return;
  if (buf->size() + clean.size() > max) {
    say(t("input.full"), speech_lang(), false);
    return;
  }
  *buf += clean;
  staff_.field_error.clear();
  staff_.name_later = staff_.agent_name_later = false;
  staff_.registered_address = false;
  need_frame_ = true;
}

bool App::armed() const {
  return staff_.signed_in || s_.any_input || !(st_ == cfg_.defaults) || stack_.size() > 1;
}

int App::idle_seconds_left() const {
  return idle().seconds_left(clock_->now(), s_.used_keys && st_.speech);
}

Screen App::root() const {
  if (staff_.signed_in) return staff_.must_change_pin ? Screen::staff_pin_new : Screen::staff_home;
  return cfg_.staff_terminal ? Screen::staff_sign_in : Screen::home;
}

// ------------------------------------------------------------------ input
void App::key(const std::string& k) { events_.push_back({Event::key, k}); }
void App::text_input(const std::string& s) { events_.push_back({Event::text, s}); }
void App::pointer_down(float x, float y) { events_.push_back({Event::down, "", x, y}); }
void App::pointer_move(float x, float y) { events_.push_back({Event::move, "", x, y}); }
void App::pointer_up(float x, float y) { events_.push_back({Event::up, "", x, y}); }
void App::platform_text(const std::string& s) { events_.push_back({Event::text, s, 1, 0}); }

bool App::requests_in_flight() const {
  for (const auto& [id, p] : pending_)
    if (!p.poll) return true;
  return false;
}

// The staff calls long poll is always open while staff are signed in: it is not "busy".
bool App::busy() const { return requests_in_flight() || !events_.empty() || printing_; }

double App::next_deadline() const {
  double d = std::numeric_limits<double>::infinity();
  double now = clock_->now();
  if (need_frame_ || !events_.empty()) return now;
  if (st_.scanning) d = std::min(d, scanner_.next_deadline());
  if (armed()) {
    bool sm = s_.used_keys && st_.speech;
    const IdlePolicy& pol = idle().policy();
    double f = sm ? pol.speech_factor : 1.0;
    if (idle().state() == IdleTimer::State::warning) d = std::min(d, now + 1.0);
    else d = std::min(d, now + std::max(0.05, pol.idle_s * f - 0.0));  // re-checked each frame
  }
  d = std::min(d, call_.deadline());
  if (staff_.signed_in && !calls_polling_ && !staff_.must_change_pin) d = std::min(d, next_calls_poll_);
  if (!staff_.revealed.is_null()) d = std::min(d, staff_.revealed_until);
  if (poll_http_ != http_ && poll_http_->ready()) return now;
  d = std::min(d, next_report_);
  if (speech_.busy()) d = std::min(d, now + 0.1);  // caption follows the sentence being heard
  return d;
}

// The focused item in words (S2): its label, role, state and position. A language option says
// its name in its own language (S9) and the rest in the screen's. `now` cuts off what is playing
// (the resident moved); otherwise it follows what is queued (after a screen announcement).
void App::speak_widget(const Widget& w, bool now, bool with_position) {
  std::string text = w.speak.empty() ? w.label : w.speak;
  for (auto& c : text)
    if (c == '\n') c = ' ';
  const std::string sep = t("punct.comma");
  std::string rest;  // role, state, position, each after a comma
  auto add = [&](const std::string& part) { rest += (rest.empty() ? "" : sep) + part; };
  if (!w.read_only) add(t(role_key(w.role)));  // (a read-only card is no button: "8月：290元，8月15日到账，第1项，共3项" — round 13)
  if (const char* sk = state_key(w.state)) add(t(sk));
  // (a typing step's field and keys have no list position: counting them would count the
  // keypad's keys, "第1项，共15项", as choices — issue 12 point 5)
  if (with_position && w.role != Role::input && w.role != Role::key) {
    auto [i, n] = position_in_group(ui_->widgets(), w.id);
    add(w.group == Group::nav ? t("position.nav")
                              : f("position.item", {{"i", std::to_string(i)}, {"n", std::to_string(n)}}));
  }
  const std::optional<SpeechLang>& own = w.voice;
  auto speak = [&](const std::string& words, SpeechLang lang, bool first) {
    if (now && first) say(words, lang, true);
    else speech_.queue(words, lang);
  };
  if (own && *own != speech_lang()) {
    speak(text, *own, true);
    if (!rest.empty()) speak(rest, speech_lang(), false);
  } else {
    speak(rest.empty() ? text : text + sep + rest, own ? *own : lang_for(text), true);
  }
}

void App::speak_focus() {
  if (const Widget* w = find_widget(ui_->widgets(), focus_)) speak_widget(*w, true, true);
}

// Joins sentences, adding the full stop only where the previous one has none.
void append_sentence(std::string* out, const std::string& s, const std::string& sep) {
  if (s.empty()) return;
  // (a part that ends its sentence with ". " — the catalog's English period — ends it: "11:00. .
  // 3 choices" was heard before, round 10)
  while (!out->empty() && out->back() == ' ') out->pop_back();
  if (!out->empty()) *out += ends_sentence(*out) ? (sep == ". " ? " " : "") : sep;
  *out += s;
}

void App::say(const std::string& text, SpeechLang lang, bool remember) {
  speech_.say(text, lang, remember);
  if (remember) error_prompt_.clear();
}

void App::speak_error(const std::string& text) {
  say(text, lang_for(text), true);
  error_prompt_ = text;
}

// The repeat key (S3) says the last prompt again — but never an error that is no longer shown
// (the resident fixed the field, or the banner went): then where they are, as on entering.
void App::repeat_prompt() {
  if (!error_prompt_.empty()) {
    auto shown = [&](const std::string& e) { return !e.empty() && error_prompt_.find(e) != std::string::npos; };
    bool current = (err_.active && shown(err_.text)) || shown(s_.field_error) || shown(staff_.field_error) ||
                   shown(s_.notice);
    if (!current) {
      error_prompt_.clear();
      announce_screen();
      if (const Widget* w = find_widget(ui_->widgets(), focus_)) speak_widget(*w, false, true);
      return;
    }
  }
  speech_.repeat();
}

// The help key (S3): what this screen is and what to do on it, then the keys.
void App::help() {
  std::string sep = t("punct.period");
  std::string out = f("help.screen", {{"title", ui_->title()}});
  append_sentence(&out, ui_->step(), sep);
  append_sentence(&out, ui_->hint_text(), sep);
  append_sentence(&out, t("help.keys"), sep);
  say(out, lang_for(out), false);
}

bool App::refuse_field(std::string* field_error, const std::string& problem) {
  if (problem.empty()) return false;
  *field_error = problem;
  speak_error(problem);
  return true;
}

std::string App::id_number_problem(const std::string& id) const {
  switch (check_id_number(id, today_)) {
    case IdCheck::ok: return "";
    case IdCheck::too_short: return f("error.id_too_short", {{"n", std::to_string(id.size())}});
    case IdCheck::too_long: return t("error.id_too_long");
    case IdCheck::bad_character: return t("error.id_bad_character");
    case IdCheck::bad_province: return t("error.id_bad_province");
    case IdCheck::bad_date: return t("error.id_bad_date");
    case IdCheck::bad_checksum: return t("error.id_bad_checksum");
  }
  return t("error.id_bad_checksum");
}

std::string App::phone_problem(const std::string& phone) const {
  if (check_phone(phone).ok()) return "";
  // A mobile number (starting with 1) of the wrong length says how many digits there are.
  return phone.empty() || phone[0] == '1' ? f("error.phone_full_digits", {{"n", std::to_string(phone.size())}})
                                          : t("error.phone_full_format");
}

bool App::waiting_for_data() const {
  if (err_.active || !requests_in_flight()) return false;  // an error is announced at once
  switch (screen_info(screen()).awaits) {
    case Awaits::nothing: return false;
    case Awaits::station: return false;  // (its controls are there: App::awaiting_station)
    case Awaits::days: return s_.days.is_null();
    case Awaits::appointments: return s_.appointments.is_null();
    case Awaits::subsidies: return s_.subsidies.is_null();
    case Awaits::jobs: return s_.jobs.is_null();
    case Awaits::facets: return s_.facets.is_null();  // (the filter's districts and kinds)
    case Awaits::job: return !s_.job_loaded;
    case Awaits::interest: return !s_.interest_done;
    case Awaits::call: return s_.call_id == 0;
    case Awaits::staff_names: return staff_.names.is_null();
    case Awaits::staff_appts: return staff_.appts.is_null();
    case Awaits::staff_days: return staff_.days.is_null();
    case Awaits::staff_renewals: return staff_.renewals.is_null();
    case Awaits::staff_interests: return staff_.interests.is_null();
    case Awaits::staff_sync: return staff_.sync.is_null();
  }
  return false;
}

// Home at start waits for GET /station before it is announced: "同行 · 残疾人服务站" was said
// before the station's name came, and the title then showed another name (round 14). A station
// that does not answer (or a name in the config): announced at once. Unlike a screen waiting for
// its data, its controls are there and take keys meanwhile.
bool App::awaiting_station() const {
  return screen_info(screen()).awaits == Awaits::station && cfg_.station_name.empty() &&
         !station_.is_object() && !err_.active && requests_in_flight();
}

std::string App::step_text() const {
  int i = 0, n = s_.booking_steps;
  switch (screen_info(screen()).step) {
    case BookingStep::none: break;
    case BookingStep::kind: i = 1; break;
    case BookingStep::day: i = 2; break;
    case BookingStep::identity: i = s_.purpose == "booking" ? 3 : 0; break;  // also for other journeys
    case BookingStep::confirm: i = n; break;
  }
  if (i <= 0 || n <= 0) return "";
  return f("common.step", {{"i", std::to_string(i)}, {"n", std::to_string(n)}});
}

std::string ScreenCtx::step() const { return app.step_text(); }

void App::announce_screen() {
  std::string sep = t("punct.period");
  std::string out;
  append_sentence(&out, announce_prefix_, sep);
  announce_prefix_.clear();
  append_sentence(&out, ui_->title(), sep);
  append_sentence(&out, ui_->step(), sep);
  append_sentence(&out, s_.notice, sep);
  if (err_.active) append_sentence(&out, err_.text, sep);
  append_sentence(&out, ui_->hint_text(), sep);
  append_sentence(&out, ui_->announce_text(), sep);
  // QR codes and other images say what they are (S5).
  for (const auto& w : ui_->widgets())
    if (w.role == Role::image && !w.speak.empty() && out.find(w.speak) == std::string::npos)
      append_sentence(&out, w.speak, sep);
  // Choices: buttons, options, toggles — not the keys of a keypad or the field they type into, nor
  // a read-only card (a payment, a job's particular: read, not chosen — round 13).
  int n = 0;
  for (const auto& w : ui_->widgets())
    if (w.focusable() && w.group == Group::content && w.role != Role::key && w.role != Role::input && !w.read_only) ++n;
  if (n > 0) append_sentence(&out, f("announce.choices", {{"n", std::to_string(n)}}), sep);
  if (ui_->page_count() > 1)
    append_sentence(&out, f("announce.page", {{"page", std::to_string(ui_->page() + 1)},
                                              {"pages", std::to_string(ui_->page_count())}}), sep);
  say(out, lang_for(out), true);
}

void App::handle_action(Action a, std::string* activated) {
  // Focus changes only colours: the frame rebuilds once at its end (App::frame).
  auto move = [&](NavDir d) {
    if (auto id = navigate(ui_->widgets(), focus_, d)) focus_ = *id;
    speak_focus();
  };
  switch (a) {
    case Action::up: move(NavDir::up); break;
    case Action::down: move(NavDir::down); break;
    case Action::left: move(NavDir::left); break;
    case Action::right: move(NavDir::right); break;
    case Action::next: move(NavDir::next); break;
    case Action::prev: move(NavDir::prev); break;
    case Action::select:
      if (const Widget* w = find_widget(ui_->widgets(), focus_); w && w->focusable()) {
        // M3 for keys too: a tremor's double press of Enter on the same control counts once.
        double now = clock_->now();
        if (w->id == last_select_id_ && now - last_select_t_ < cfg_.repeat_window_s) break;
        last_select_id_ = w->id;
        last_select_t_ = now;
        handle_activation(w->id, activated);
      } else {
        repeat_prompt();
      }
      break;
    case Action::back: back(); break;
    case Action::home: home(); break;
    case Action::call_staff: call_.start(); break;
    case Action::repeat: repeat_prompt(); break;
    case Action::stop_speech: speech_.stop(); break;
    case Action::help: help(); break;
    case Action::volume_up: settings_.adjust_volume(+1); break;
    case Action::volume_down: settings_.adjust_volume(-1); break;
    case Action::rate_up: settings_.adjust_rate(+1); break;
    case Action::rate_down: settings_.adjust_rate(-1); break;
    case Action::page_next: handle_activation("page.next", activated); break;
    case Action::page_prev: handle_activation("page.prev", activated); break;
    case Action::erase: apply(intent::Erase{}); break;  // as the on-screen erase key
    case Action::none: break;
  }
}

void App::handle_activation(const std::string& id, std::string* activated) {
  if (id == "nav.back") back();
  else if (id == "nav.home") home();
  else if (id == "nav.repeat") repeat_prompt();
  else if (id == "nav.call_staff" || id == "nav.calls") call_.start();
  else if (id == "page.next" || id == "page.prev") {
    int p = ui_->page() + (id == "page.next" ? 1 : -1);
    if (p < 0 || p >= ui_->page_count()) {
      say(t(id == "page.next" ? "page.no_next" : "page.no_prev"), speech_lang(), false);
      return;
    }
    page_[screen()] = p;
    focus_.clear();
  } else {
    *activated = id;
    focus_ = id;
  }
}

static bool is_typed_char(const std::string& k, char* c) {
  if (k.size() == 1 && ((k[0] >= '0' && k[0] <= '9') || k[0] == 'X' || k[0] == 'x')) {
    *c = k[0] == 'x' ? 'X' : k[0];
    return true;
  }
  return false;
}

// ------------------------------------------------------------------ frame
bool App::frame() {
  double now = clock_->now();
  // Fast path (idle CPU): nothing arrived, no timer is due and the caption is unchanged.
  {
    bool prints;
    {
      std::lock_guard<std::mutex> lk(print_mu_);
      prints = !print_done_.empty();
    }
    bool speech_mode = s_.used_keys && st_.speech;
    IdleTimer probe = idle();
    bool idle_change = probe.update(now, speech_mode, armed()) != idle().state() ||
                       idle().state() == IdleTimer::State::warning;
    bool scan_due = st_.scanning && now >= scanner_.next_deadline();
    bool poll_due = call_.due(now) ||
                    now >= next_report_ ||
                    (staff_.signed_in && !calls_polling_ && now >= next_calls_poll_) ||
                    (!staff_.revealed.is_null() && now >= staff_.revealed_until);
    bool waiting = http_->in_flight() > 0 || poll_http_->ready() > 0;
    for (const auto& [id, p] : pending_) waiting |= !p.poll;
    if (events_.empty() && !need_frame_ && !prints && !waiting &&
        !idle_change && !scan_due && !poll_due &&
        speech_.caption_utterance() + "|" + speech_.caption() == last_caption_ &&
        (!ui_ || ui_->env().header_clock == local_time().header()))  // the clock's minute
      return false;
  }
  last_caption_ = speech_.caption_utterance() + "|" + speech_.caption();
  today_ = cfg_.today(station_utc_offset());
  need_frame_ = false;
  {
    std::vector<std::pair<bool, std::string>> done;
    {
      std::lock_guard<std::mutex> lk(print_mu_);
      done.swap(print_done_);
    }
    for (auto& [ok, e] : done) {
      printing_ = false;
      ++counters_.print_jobs;
      if (!ok) ++counters_.print_failures;
      s_.notice = ok ? t("slip.printed") : t("slip.print_failed");
      say(s_.notice, speech_lang(), false);
    }
  }
  auto answers = http_->drain();
  if (poll_http_ != http_)
    for (auto& a : poll_http_->drain()) answers.push_back(std::move(a));
  for (auto& [id, r] : answers) {
    auto it = pending_.find(id);
    if (it == pending_.end()) continue;  // answered after a reset: dropped (T2)
    Pending p = it->second;
    pending_.erase(it);
    on_response(p, r);
  }

  std::string activated;
  while (!events_.empty() && activated.empty()) {
    Event e = events_.front();
    events_.pop_front();
    // The card reader's own state (unplugged, back) is not someone at the kiosk.
    bool reader_state = e.kind == Event::peripheral && (e.in->kind == PeripheralInput::reader_lost ||
                                                        e.in->kind == PeripheralInput::reader_back);
    if (e.kind != Event::move && !reader_state) {
      idle().touch(now);
      if (staff_.signed_in) staff_input(now);
      else if (!s_.any_input) ++counters_.sessions;
      s_.any_input = true;
      if (warned_) {
        warned_ = false;
        say(t("idle.extended"), speech_lang(), false);
      }
    }
    Screen before = screen();
    switch (e.kind) {
      case Event::key: {
        s_.used_keys = true;
        char c = 0;
        Action a = map_key(e.s, typing(), &c);
        if (typing() && !c && a == Action::none) is_typed_char(e.s, &c);
        if (free_text()) {
          // Characters come as text (platform_text); Space and the volume/rate keys type too.
          c = 0;
          if (e.s == "Space" || e.s == "-" || e.s == "=" || e.s == "[" || e.s == "]" ||
              e.s.rfind("Keypad ", 0) == 0)
            a = Action::none;
        }
        if (c) {
          apply(intent::Type{c});
        } else {
          if (a != Action::none && a != Action::repeat && a != Action::help) speech_.stop();
          handle_action(a, &activated);
        }
        break;
      }
      case Event::text:
        if (free_text()) {
          type_text(e.s);
        } else if (e.x == 0) {  // platform text (x = 1) feeds free-text fields only
          for (char c : e.s) {
            char k = 0;
            if (is_typed_char(std::string(1, c), &k)) apply(intent::Type{k});
          }
        }
        break;
      case Event::down:
        speech_.stop();  // S4: any action interrupts at once
        pointer_.down(ui_->widgets(), e.x, e.y);
        break;
      case Event::move: pointer_.move(ui_->widgets(), e.x, e.y); break;
      case Event::peripheral: on_peripheral(*e.in); break;
      case Event::up: {
        std::string id = pointer_.up(ui_->widgets(), e.x, e.y, now);
        if (!id.empty()) handle_activation(id, &activated);
        break;
      }
    }
    if (screen() != before) break;
  }

  // Idle time-out (T1/T2); signed-in staff are signed out instead (before the station would).
  bool speech_mode = s_.used_keys && st_.speech;
  auto state = idle().update(now, speech_mode, armed());
  if (state == IdleTimer::State::warning && !warned_) {
    warned_ = true;
    int left = idle().seconds_left(now, speech_mode);
    say(staff_.signed_in ? f("staff.idle_warning", {{"s", std::to_string(left)}})
                                 : f("idle.warning", {{"s", std::to_string(left)}}),
                speech_lang(), true);
  } else if (state == IdleTimer::State::reset) {
    idle().acknowledge_reset(now);
    if (staff_.signed_in) sign_in_.sign_out(TK("staff.signed_out_idle"));
    else reset_session(true);
    idle().touch(now);
  } else if (state == IdleTimer::State::active) {
    warned_ = false;
  }
  desk_.frame(now);

  if (now >= next_report_) {
    next_report_ = now + 60;
    if (!station_.is_object()) send(station::station_info());
    send_report();
  }
  call_.frame(now);  // the staff-call poll while the call screen is shown

  // Build; screens may emit intents (navigate, request), then build again.
  std::vector<Intent> intents;
  build(activated, &intents);
  for (int guard = 0; !intents.empty() && guard < 4; ++guard) {
    auto batch = std::move(intents);
    intents.clear();
    for (const auto& in : batch) apply(in);
    build("", &intents);
  }

  if (say_announce_) {
    say_announce_ = false;
    say(ui_->announce_text(), lang_for(ui_->announce_text()), true);
  }

  // Scanning (M2): step the highlight.
  std::string sid = ui_->screen();
  bool entered = sid != last_screen_;
  // Still waiting for the screen's data: it is announced (once) when the data is there.
  bool wait = entered && waiting_for_data();
  bool page_changed = !entered && ui_->page() != last_page_;
  if (entered) scanner_.restart(now);
  if (st_.scanning && !entered && scanner_.due(now)) {
    if (auto id = navigate(ui_->widgets(), focus_, NavDir::next)) {
      focus_ = *id;
      speak_focus();
    }
  }
  // Focus: first item of a new screen or page; never on something gone.
  const Widget* fw = find_widget(ui_->widgets(), focus_);
  if (entered || page_changed || !fw || !fw->focusable()) {
    std::string want = entered ? ui_->default_focus_id() : "";
    const Widget* dw = want.empty() ? nullptr : find_widget(ui_->widgets(), want);
    if (!dw || !dw->focusable()) {
      dw = nullptr;
      for (const auto& w : ui_->widgets())
        if (w.focusable() && w.group == Group::content) { dw = &w; break; }
      if (!dw)
        for (const auto& w : ui_->widgets())
          if (w.focusable()) { dw = &w; break; }
    }
    std::string nf = dw ? dw->id : "";
    if (!entered && !focus_next_.empty())
      if (const Widget* w = find_widget(ui_->widgets(), focus_next_); w && w->focusable()) nf = w->id;
    // The focused control went away (an action removed it): say where the focus is now (S2),
    // after whatever the action said.
    bool moved = !entered && !page_changed && !focus_.empty() && !nf.empty() && nf != focus_;
    focus_ = nf;
    if (moved)
      if (const Widget* w = find_widget(ui_->widgets(), focus_)) speak_widget(*w, false, false);
  }
  // An action that sends the focus on (after printing: to "done", never back to "print"), to
  // the page that holds it when that is another one.
  if (!entered && !focus_next_.empty() && !find_widget(ui_->widgets(), focus_next_)) {
    int p = ui_->page_of(focus_next_);
    if (p >= 0 && p != ui_->page()) {
      page_[screen()] = p;
      std::vector<Intent> none;  // nothing is activated in this build: no intents
      build("", &none);
    }
  }
  if (!entered && !focus_next_.empty() && focus_next_ != focus_)
    if (const Widget* w = find_widget(ui_->widgets(), focus_next_); w && w->focusable()) {
      focus_ = w->id;
      speak_widget(*w, false, true);
    }
  focus_next_.clear();
  // (home at start: its words wait for the station's name, its controls do not — round 14)
  if (entered) held_announce_ = !wait && awaiting_station();
  const bool held_done = !entered && held_announce_ && !awaiting_station();
  if (held_done) held_announce_ = false;
  if ((entered && !wait && !held_announce_) || held_done) {
    announce_screen();
    if (!focus_.empty()) {
      // Queue the focused item after the announcement (S2: what is spoken is what is highlighted).
      if (const Widget* w = find_widget(ui_->widgets(), focus_)) speak_widget(*w, false, true);
    }
  } else if (page_changed) {
    say(f("announce.page", {{"page", std::to_string(ui_->page() + 1)},
                                    {"pages", std::to_string(ui_->page_count())}}),
                speech_lang(), false);
    // The focused item as focus moves say it (its own words: a field says how many characters
    // are in, never what they are, S6).
    if (const Widget* w = find_widget(ui_->widgets(), focus_)) speak_widget(*w, false, true);
  }
  if (!wait) last_screen_ = sid;
  last_page_ = ui_->page();
  if (!events_.empty()) need_frame_ = true;

  // Did anything visible change? Focus (colours) and the caption (it follows speech) may have
  // moved since the build above: one more build then, and only then.
  std::string sig = sid + "|" + focus_ + "|" + speech_.caption();
  for (const auto& w : ui_->widgets()) sig += w.id + w.label + w.state + (w.enabled ? "1" : "0");
  bool changed = sig != last_frame_sig_;
  const UiEnv& built = ui_->env();
  if (built.focused != focus_ || built.caption != speech_.caption_utterance() ||
      built.caption_sentence != speech_.caption()) {
    std::vector<Intent> none;
    build("", &none);
  }
  last_frame_sig_ = sig;
  return changed;
}

// The station's time zone (its own offset once GET /station answered, as `today`), now.
LocalTime App::local_time() const {
  auto off = station_utc_offset();
  std::int64_t now = cfg_.wall_now ? cfg_.wall_now()
                                   : std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::system_clock::now().time_since_epoch()).count();
  return LocalTime(*cat_, st_.locale, off ? TimeZone::fixed(*off) : cfg_.zone, now);
}

UiEnv App::make_env(const std::string& activated) const {
  UiEnv env;
  env.width = cfg_.width;
  env.height = cfg_.height;
  env.mm_per_px = cfg_.mm_per_px > 0 ? cfg_.mm_per_px : default_mm_per_px(int(cfg_.width), int(cfg_.height));
  env.unit = unit_of(env.mm_per_px);
  env.scale = kTextScales[std::clamp(st_.text_step, 0, 2)];
  env.body_px = cfg_.body_px;
  env.title_px = cfg_.title_px;
  env.theme = &theme();
  env.metrics = metrics_;
  env.low_reach = st_.low_reach;
  env.show_caption = st_.speech;
  env.caption = speech_.caption_utterance();
  env.caption_sentence = speech_.caption();
  auto it = page_.find(screen());
  env.page = it == page_.end() ? 0 : it->second;
  env.focused = focus_;
  env.pressed = pointer_.pressed();
  env.activated = activated;
  env.nav = {t("nav.back"), t("nav.home"), t("nav.repeat"), t("nav.call_staff"),
             t("page.prev"), t("page.next"), t("page.of")};
  env.back_enabled = stack_.size() > 1;
  env.header_station = station_name();
  env.header_clock = local_time().header();
  env.arrangements = &arrangements_;
  // Staff screens: the fourth place (same place, same key F12 / 9: M4) opens the calls from
  // kiosks, with how many are waiting; a staff PC before sign-in has nobody to call.
  if (staff_.signed_in || cfg_.staff_terminal) {
    int n = open_calls();
    env.nav.call_staff = n > 0 ? f("nav.calls_n", {{"n", std::to_string(n)}}) : t("nav.calls");
    env.nav4_id = "nav.calls";
    env.nav4_enabled = staff_.signed_in && !staff_.must_change_pin;
  }
  return env;
}

// The current screen, drawn by the screen table's function for it (no switch).
void App::draw_screen(Ui& ui, std::vector<Intent>* intents) const {
  ScreenCtx c{*this, st_, s_, staff_, *cat_, st_.locale, requests_in_flight(), intents};
  screen_info(screen()).draw(ui, c);
}

void App::build(const std::string& activated, std::vector<Intent>* intents) {
  auto ui = std::make_unique<Ui>(make_env(activated));
  draw_screen(*ui, intents);
  ui->end();
  ui_ = std::move(ui);
}

// ------------------------------------------------------------------ navigation
// What belongs to the screen being left: errors, notices and revealed values (full values never
// outlive the screen they were shown on). Going back or home also drops what was typed there.
void App::leave_screen(bool backwards) {
  err_ = {};
  retry_.reset();
  s_.notice.clear();
  staff_.field_error.clear();
  staff_.revealed = nullptr;
  if (backwards) {
    s_.field_error.clear();
    staff_.pin_input.clear();
  }
}
void App::push(Screen s) {
  if (stack_.back() != s) stack_.push_back(s);
  page_[s] = 0;
  leave_screen(false);
}
void App::replace(Screen s) {
  stack_.back() = s;
  page_[s] = 0;
  leave_screen(false);
}
void App::back() {
  if (back_to_weeks()) return;
  if (jobs_.back_step()) return;  // (the filter's group before: jobs9)
  leave_screen(true);
  if (stack_.size() > 1) {
    bool from_filter = stack_.back() == Screen::jobs_filter;
    stack_.pop_back();
    if (from_filter) jobs_.load();  // Back from the filter shows the list with what was chosen
  } else {
    announce_screen();  // Back on the home screen: say where we are (never a dead key)
  }
}
void App::home() {
  leave_screen(true);
  bool at_home = stack_.size() == 1 && stack_.back() == root();
  stack_.assign(1, root());
  page_[root()] = 0;
  if (at_home) announce_screen();
}





// ------------------------------------------------------------------ intents
// Each intent type has exactly one handler: a journey's controller or, for what every screen
// shares (keypad, navigation, retry), App itself (the identity step and the call take theirs
// through App: Next, and the call key). std::visit needs one for every alternative of
// Intent, and a second one for any of them fails to compile too (the static_assert).
template <class C, class X>
concept Handles = requires(C& c, const X& x) { c.on(x); };

template <class X>
void App::route(const X& x) {
  constexpr int n = Handles<BookingController, X> + Handles<AppointmentsController, X> + Handles<SubsidyController, X> +
                    Handles<JobsController, X> + Handles<SettingsController, X> +
                    Handles<StaffSignInController, X> + Handles<StaffDeskController, X> + Handles<App, X>;
  static_assert(n == 1, "an intent has exactly one handler");
  if constexpr (Handles<BookingController, X>) booking_.on(x);
  else if constexpr (Handles<AppointmentsController, X>) appointments_.on(x);
  else if constexpr (Handles<SubsidyController, X>) subsidy_.on(x);
  else if constexpr (Handles<JobsController, X>) jobs_.on(x);
  else if constexpr (Handles<SettingsController, X>) settings_.on(x);
  else if constexpr (Handles<StaffSignInController, X>) sign_in_.on(x);
  else if constexpr (Handles<StaffDeskController, X>) desk_.on(x);
  else on(x);
}

void App::apply(const Intent& in) {
  std::visit([this](const auto& x) { route(x); }, in);
}



void App::on(const intent::Go& x) {
  switch (x.to) {
    case intent::Go::appointment: booking_.open(); break;
    case intent::Go::appointments: identity_.start("appointments"); break;
    case intent::Go::subsidy: identity_.start("subsidy"); break;
    case intent::Go::jobs: jobs_.open_list(); break;
    case intent::Go::settings: settings_.open(); break;
    case intent::Go::language: push(Screen::language); break;
    case intent::Go::jobs_filter: jobs_.open_filter(); break;
    case intent::Go::staff_sign_in: sign_in_.open(); break;
  }
}
void App::on(const intent::PopTo& x) {
  while (stack_.size() > 1 && stack_.back() != x.screen) stack_.pop_back();
  leave_screen(false);
}
void App::on(const intent::EndSession&) { reset_session(true); }
void App::on(const intent::PickDay& x) {
  if (is_staff_screen(screen())) return desk_.pick_day(x.date);
  booking_.pick_day(x.date);
}
// The week is part of the day step (same screen, same step number), the resident's and the
// staff's: its days are entered as a screen is (announced, the focus on the first day, page 1).
WeekPick* App::week_pick() {
  if (screen() == Screen::appt_day) return &s_.weeks;
  if (screen() == Screen::staff_book_day) return &staff_.weeks;
  return nullptr;
}
void App::on(const intent::PickWeek& x) {
  WeekPick* w = week_pick();
  if (!w) return;
  w->week = x.monday;
  w->open = true;
  w->page = page_[screen()];
  page_[screen()] = 0;
  leave_screen(false);
}
bool App::back_to_weeks() {
  WeekPick* w = week_pick();
  if (!w || !w->open) return false;
  w->open = false;
  leave_screen(true);
  page_[screen()] = w->page;
  return true;
}
void App::on(const intent::Type& x) {
  size_t max = 0;
  bool allow_x = false;
  std::string* buf = input_buffer(&max, &allow_x);
  if (!buf) return;
  if (free_text()) {
    type_text(std::string(1, x.ch));
    return;
  }
  if (x.ch == 'X' && !allow_x) return;
  s_.field_error.clear();
  staff_.field_error.clear();
  if (buf->size() >= max) {
    say(t("input.full"), speech_lang(), false);
    return;
  }
  *buf += x.ch;
  // S6: never read typed digits aloud on the loudspeaker.
  say(f("input.nth_entered", {{"n", std::to_string(buf->size())}}), speech_lang(), false);
}
void App::on(const intent::Erase&) {
  size_t max = 0;
  bool allow_x = false;
  std::string* buf = input_buffer(&max, &allow_x);
  if (!buf) return;
  if (!buf->empty()) {
    // One character, also a multi-byte one typed with an input method.
    size_t k = buf->size() - 1;
    while (k > 0 && (static_cast<unsigned char>((*buf)[k]) & 0xC0) == 0x80) --k;
    buf->erase(k);
  }
  say(f("input.erased_left", {{"n", std::to_string(buf->size())}}), speech_lang(), false);
}
void App::on(const intent::Clear&) {
  size_t max = 0;
  bool allow_x = false;
  if (std::string* buf = input_buffer(&max, &allow_x)) buf->clear();
  say(t("input.cleared"), speech_lang(), false);
}
void App::on(const intent::Next&) {
  if (is_staff_screen(screen())) desk_.next();
  else identity_.next();
}
void App::on(const intent::Retry&) {
  if (retry_) {
    Pending p = std::move(*retry_);
    retry_.reset();
    err_ = {};
    send({p.req, p.http});
  }
}
void App::on(const intent::Continue&) { say(t("idle.extended"), speech_lang(), false); }

// ------------------------------------------------------------------ service
void App::send(station::Call c) {
  const Req r = c.endpoint;
  HttpRequest& req = c.http;
  uint64_t id = next_req_++;
  // The staff calls long poll has its own connection and never counts as "busy".
  bool poll = r == Req::s_calls;
  pending_[id] = Pending{r, req, poll};
  bool background = r == Req::report || r == Req::station || poll || r == Req::s_touch || r == Req::s_logout;
  if (!background) err_ = {};
  (poll ? poll_http_ : http_)->submit(id, std::move(req));
  need_frame_ = true;
}

std::string App::api_error_text(const HttpResponse& r) const {
  const auto& e = r.body.is_object() && r.body.contains("error") ? r.body["error"] : nlohmann::json();
  std::string msg = e.is_object()
                        ? e.value(st_.locale == Locale::en ? "message_en" : "message_zh", "")
                        : "";
  if (msg.empty()) msg = t("error.unexpected");
  return msg;
}

// The service could not be reached or failed (5xx): a banner with a retry that repeats the
// request, said with how to retry; what was typed stays.
void App::show_service_error(const Pending& p, const HttpResponse& r) {
  err_.active = true;
  err_.network = true;
  err_.text = r.status == 0 ? t("error.service_down") : api_error_text(r) + " " + t("error.try_again");
  retry_ = p;
  focus_ = "error.retry";  // the step stays on one page now: Enter retries at once
  std::string said = err_.text;
  append_sentence(&said, t("error.retry_hint"), t("punct.period"));
  speak_error(said);
}

// A refusal that belongs to no field or step: the common error banner, shown and said.
void App::show_error(const std::string& msg) {
  err_.active = true;
  err_.network = false;
  err_.text = msg;
  speak_error(msg);
}

std::optional<int> App::station_utc_offset() const {
  if (station_.is_object() && station_.contains("utc_offset_minutes") && station_["utc_offset_minutes"].is_number_integer())
    return station_["utc_offset_minutes"].get<int>();
  return std::nullopt;
}

void App::on_response(const Pending& p, const HttpResponse& r) {
  if (p.req == Req::report) return;  // best effort; the next report carries the same totals
  if (slip_response(p, r)) return;
  if (p.req >= Req::s_names && desk_.background(p.req, r)) return;
  if (p.req == Req::station) {
    if (r.ok() && r.body.is_object() && r.body.contains("station")) station_ = r.body["station"];
    return;
  }
  if (r.status == 0 || r.status >= 500) return show_service_error(p, r);
  if (r.ok() && !r.body.is_object()) {
    err_ = {true, false, t("error.unexpected")};
    speak_error(err_.text);
    return;
  }
  if (!r.ok()) {
    // A refusal that belongs to a step is said there; any other is the common banner.
    std::string code = r.error_code();
    std::string msg = api_error_text(r);
    if (!refused(p.req, r.status, code, msg)) show_error(msg);
    return;
  }
  const nlohmann::json& b = r.body;
  // Each endpoint is one controller's; station and report are answered above.
  (void)(identity_.answer(p.req, b) || booking_.answer(p.req, b) || appointments_.answer(p.req, b) ||
         subsidy_.answer(p.req, b) || jobs_.answer(p.req, b) || call_.answer(p.req, b) ||
         sign_in_.answer(p.req, b) || desk_.answer(p.req, b));
}

bool App::refused(Req e, int status, const std::string& code, const std::string& msg) {
  return sign_in_.refused(e, status, code, msg) || desk_.refused(e, code, msg) || identity_.refused(e, code, msg) ||
         booking_.refused(e, code, msg);
}

void App::finish_print(bool ok, const std::string& error) {
  std::lock_guard<std::mutex> lk(print_mu_);
  print_done_.push_back({ok, error});
}

// ------------------------------------------------------------------ reset (T2)
void App::reset_session(bool announce) {
  s_ = Session{};
  st_ = cfg_.defaults;
  apply_speech_settings();
  scanner_.set_interval(kScanSteps[st_.scan_step]);
  stack_.assign(1, root());
  page_.clear();
  pending_.clear();
  err_ = {};
  retry_.reset();
  focus_.clear();
  warned_ = false;
  last_screen_.clear();
  // Spoken first in the home screen's announcement, and shown meanwhile as its caption (H1);
  // not a banner, which would push the home screen onto two pages.
  if (announce) announce_prefix_ = t("idle.reset_done");
}

}  // namespace tx
