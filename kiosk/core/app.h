// The kiosk application controller (pure core): settings, the resident's session, the screen
// stack, requests to the station service, speech and idle policy. Screens (screens/*.cpp) draw
// from a read-only view of this state and emit intents; App applies the intents.
//
// [SECTION] Index
//   Settings / Session          – what a reset restores / wipes (T2)
//   App public API              – input events, frame(), results for the platform and tests
#pragma once
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/a11y.h"
#include "core/card_input.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/idle.h"
#include "core/intent.h"
#include "core/appointments_controller.h"
#include "core/booking_controller.h"
#include "core/call_controller.h"
#include "core/identity_controller.h"
#include "core/jobs_controller.h"
#include "core/settings_controller.h"
#include "core/staff_desk_controller.h"
#include "core/staff_sign_in_controller.h"
#include "core/subsidy_controller.h"
#include "core/keymap.h"
#include "core/local_time.h"
#include "core/speech.h"
#include "core/station_client.h"
#include "core/theme.h"
#include "core/transport.h"
#include "core/ui.h"

namespace tx {

struct Slip;  // escpos.h

// Reasons offered for a full reveal of a resident's details (kept, sealed, in the audit log: the
// purpose of use PIPL asks for). The screen offers them; the App sends the chosen one.
inline constexpr const char* kRevealReasons[] = {TK("staff.reveal_reason.identity"), TK("staff.reveal_reason.phone_call"),
                                                 TK("staff.reveal_reason.paperwork")};

inline constexpr float kTextScales[] = {1.0f, 1.5f, 2.0f};
inline constexpr double kScanSteps[] = {1.0, 1.5, 2.0, 3.0, 4.0, 5.0};
inline constexpr int kScanCount = 6;

struct Settings {
  int text_step = 0;
  int theme = 0;
  bool speech = true;
  int rate = kRateDefault;
  int volume = kVolumeDefault;
  Locale locale = Locale::zh;
  bool cantonese = false;
  bool low_reach = false;
  bool scanning = false;
  int scan_step = 2;
  bool operator==(const Settings&) const = default;
};

// The day step by week (docs/kiosk.md "The day step"), the resident's and the staff's booking
// alike: the week chosen ("YYYY-MM-DD", its Monday), whether its days are shown (else the weeks,
// the focus on it), and the weeks' page it was chosen on.
struct WeekPick {
  std::string week;
  bool open = false;
  int page = 0;
};

// Everything personal; a reset replaces it with a fresh Session (T2).
struct Session {
  std::string purpose;               // booking | appointments | subsidy | job_interest
  std::string id_input, phone_input;
  std::string phone_full;            // a first-time applicant's whole phone number (booking)
  int returning = -1;                // booking: -1 not asked, 1 been here before, 0 first time
  bool verified = false;
  nlohmann::json resident;           // from /residents/verify (masked fields only)
  std::string field_error;           // shown + spoken on the identity screens (S10)
  std::string kind, date;
  nlohmann::json days;               // /assessment-days result
  WeekPick weeks;                    // the days by week (more than a week's days)
  nlohmann::json appointment;        // booked (slip)
  nlohmann::json appointments;       // my appointments
  long cancel_id = 0;
  int consent = -1;                  // S7: -1 not asked, 0 show only, 1 read aloud
  int booking_steps = 0;             // fixed when the booking starts: 4, or 3 when verified
  nlohmann::json subsidies;
  int subsidy_open = -1;             // the programme on subsidy.detail (index into its applications)
  nlohmann::json jobs, facets, job;
  bool job_loaded = false;           // the whole job (GET /jobs/{id}), not only its list entry
  int jobs_total = 0;
  std::string f_district, f_type;
  int f_category = 0;
  int f_step = 0;                    // the filter's group of choices shown: 0 district, 1 kind, 2 category (jobs9)
  bool settings_more_back = false;   // settings: back from 更多设置, the focus on it (settings11)
  bool interest_done = false;
  long call_id = 0;
  std::string call_status;
  std::string notice;                // one-line result shown at the top ("预约已取消")
  bool used_keys = false;            // speech mode: longer time-outs
  bool any_input = false;
  std::string card_id, card_name;    // from the ID-card reader (app_card.cpp), for the identity step
  std::string slip_code;             // a scanned slip, opened after the phone digits
};

// Staff mode (docs/kiosk.md "Staff mode"): the signed-in staff member and what the staff
// screens show. Kept apart from the resident's Session; signing out (or the idle time-out)
// replaces it with a fresh StaffState. The session token lives only here, in memory.
struct StaffState {
  // sign-in
  nlohmann::json names;              // GET /staff/names
  std::string username, display_name;
  std::string pin_input;             // the PIN pad (never shown or spoken, S6)
  std::string login_pin;             // kept only until a forced PIN change is done
  std::string old_pin, new_pin;      // voluntary change: the old one; the first new entry
  bool signed_in = false;
  bool must_change_pin = false;
  std::string token;
  int idle_timeout_s = 600;
  std::string field_error;           // the field on screen is wrong (S10)
  // appointments
  bool upcoming = false;             // which list: today's or the coming days'
  nlohmann::json appts;              // GET /staff/appointments (today .. today+14)
  std::string station_today;         // "today" of that answer (the station's date)
  nlohmann::json appt;               // the appointment opened
  // residents
  std::string purpose;               // find | book | home (what the ID look-up is for)
  std::string resident_then;         // after GET /staff/residents/{id}: card | book | home | refresh
  std::string id_input;
  std::string card_id, card_name;    // an ID card read at the desk: verifies the resident found
  nlohmann::json resident;           // GET /staff/residents/{id} (masked card + lists)
  nlohmann::json revealed;           // full values after an audited reveal, shown until
  double revealed_until = 0;         // this time or the next screen change; never printed
  // booking for a walk-in (also reschedule: kind/date/days)
  std::string kind, date;
  nlohmann::json days;
  WeekPick weeks;                    // booking's day step by week, as the resident's (days7)
  std::string phone_input, name_input, address_input, reason;
  bool name_later = false;           // name to be checked in person: （姓名待核对）
  bool registered_address = false;   // home visit at the registered address (confirmed by phone)
  nlohmann::json booked;
  // application or change report
  std::string what;                  // application | change
  std::string item;                  // programme or change type
  std::string relation;              // "" = the resident; guardian | relative | village_committee | other
  std::string agent_name, agent_phone;
  bool agent_name_later = false;
  // work lists, calls, sync
  nlohmann::json renewals, interests;
  nlohmann::json calls;              // GET /staff/calls (open and acknowledged)
  uint64_t calls_version = 0;
  bool calls_known = false;
  std::vector<long> announced;       // call ids already announced (seen and heard once)
  double calls_at = 0;               // clock time of the last answer (for "waiting N min")
  nlohmann::json sync;
};

struct AppConfig {
  bool staff_terminal = false;       // --mode staff: starts at the staff sign-in
  std::string terminal_id = "kiosk-1";
  std::string printer = "/dev/usb/lp0";
  std::string station_name;
  IdlePolicy idle;
  Settings defaults;
  float width = 1920, height = 1080;
  float mm_per_px = 0;               // the panel's pitch; 0 = default_mm_per_px(width, height)
  float body_px = 48, title_px = 72;
  int booking_days = 90;
  double repeat_window_s = 0.5;        // M3: repeated presses within this count once
  // today: "YYYY-MM-DD" at the station's UTC offset (GET /api/v1/station tells it; nullopt until
  // then: the machine's own time zone). Residents book by the station's calendar, not the kiosk's.
  std::function<std::string(std::optional<int> utc_offset_minutes)> today;
  // Local dates and times on screen (core/local_time.h): the zone until the station tells its
  // offset ([kiosk] time_zone, else TZ, else Asia/Shanghai), and the wall clock (unix seconds;
  // unset: the system's; tests set it).
  TimeZone zone;
  std::function<std::int64_t()> wall_now;
};


class App;

// Appends sentence `s` to `out`, with `sep` between (speech and error texts).
void append_sentence(std::string* out, const std::string& s, const std::string& sep);

// Read-only view given to screens, plus the intent sink.
struct ScreenCtx {
  const App& app;
  const Settings& st;
  const Session& s;
  const StaffState& staff;
  const Catalog& cat;
  Locale loc;
  bool loading;
  std::vector<Intent>* out;
  std::string t(const std::string& key) const { return cat.get(loc, key); }
  std::string f(const std::string& key, const Params& p) const { return cat.format(loc, key, p); }
  // "第2步，共4步" for the screen drawn (the screen table's step; "" when not part of a journey).
  std::string step() const;
  void emit(Intent in) const { out->push_back(std::move(in)); }
};

class App {
 public:
  struct Deps {
    const Catalog* catalog;
    std::vector<Theme> themes;
    const TextMetrics* metrics;
    HttpTransport* http;
    SpeechEngine* speech;
    const Clock* clock;
    AppConfig config;
    HttpTransport* poll_http = nullptr;  // long polls (staff calls); nullptr = `http`
  };
  explicit App(Deps deps);

  // ---- input (queued; applied at the start of the next frame)
  void key(const std::string& sdl_key_name);
  void text_input(const std::string& utf8);
  void pointer_down(float x, float y);
  void pointer_move(float x, float y);
  void pointer_up(float x, float y);
  // Text typed on a physical keyboard (SDL_TEXTINPUT, with the system's input method for
  // Chinese): used only by free-text fields (staff: names, addresses); digit fields take keys.
  void platform_text(const std::string& utf8);
  // A card read, a scan, or the card reader's state (app_card.cpp; queued like keys).
  void peripheral(PeripheralInput in);
  // What arrived from the peripherals since the last call, for the a11y log ("input").
  std::vector<nlohmann::json> take_input_log() { return std::exchange(input_log_, {}); }

  // Runs one frame. Returns true when what is shown changed since the last frame.
  bool frame();
  // Time (clock seconds) by which frame() must run again with no input; +inf when idle.
  double next_deadline() const;
  // Requests in flight or input still queued (the script runner waits for these).
  bool busy() const;

  const Ui& ui() const { return *ui_; }
  std::vector<UtteranceLog> take_speech_log() {
    auto log = speech_.take_log();
    for (const auto& u : log) {
      ++counters_.utterances[speech_lang_code(u.lang)];
      if (u.interrupted) ++counters_.interrupted;
    }
    return log;
  }
  const Settings& settings() const { return st_; }
  const Session& session() const { return s_; }
  const StaffState& staff() const { return staff_; }
  bool staff_signed_in() const { return staff_.signed_in; }
  // Open calls from kiosks not yet acknowledged (staff banner, nav button).
  int open_calls() const;
  std::string staff_home_title() const;
  double clock_now() const { return clock_->now(); }
  Screen screen() const { return stack_.back(); }
  const Theme& theme() const { return themes_[std::min<size_t>(st_.theme, themes_.size() - 1)]; }
  const std::vector<Theme>& themes() const { return themes_; }
  SpeechLang speech_lang() const;
  SpeechLang lang_for(const std::string& text) const;
  const std::string& focused() const { return focus_; }
  // The step of a journey the current screen is ("" when none): totals fixed when it starts.
  std::string step_text() const;
  bool idle_warning() const { return idle().state() == IdleTimer::State::warning; }
  int idle_seconds_left() const;
  const AppConfig& config() const { return cfg_; }
  // Service-down / error banner state.
  struct Error {
    bool active = false;
    bool network = false;
    std::string text;  // already localised
  };
  const Error& error() const { return err_; }
  const std::string& today() const { return today_; }
  // Dates and times in words at the station's time zone, now (header clock, every screen's dates).
  LocalTime local_time() const;
  // Station name for the home title: config, else what the station service reports, else "".
  std::string station_name() const;
  // Counters sent to POST /api/v1/kiosk/report (cumulative since this start).
  struct Counters {
    std::map<std::string, long> utterances;
    long interrupted = 0, sessions = 0, print_jobs = 0, print_failures = 0;
  };
  bool printing() const { return printing_; }
  void finish_print(bool ok, const std::string& error);  // from the print worker
  // Hook for the platform: called with the slip bytes to print on a worker.
  std::function<void(std::string bytes, std::string path)> print_hook;

 private:
  friend struct Screens;
  friend class BookingController;
  friend class IdentityController;
  friend class AppointmentsController;
  friend class SubsidyController;
  friend class JobsController;
  friend class CallController;
  friend class SettingsController;
  friend class StaffSignInController;
  friend class StaffDeskController;
  struct Event {
    enum Kind { key, text, down, move, up, peripheral } kind;
    std::string s;
    float x = 0, y = 0;
    std::shared_ptr<const PeripheralInput> in = nullptr;
  };
  using Req = station::Endpoint;
  struct Pending {
    Req req;
    HttpRequest http;
    bool poll = false;  // on the long-poll connection; not "busy" for the script runner
  };

  std::string t(const std::string& key) const { return cat_->get(st_.locale, key); }
  std::string f(const std::string& key, const Params& p) const { return cat_->format(st_.locale, key, p); }
  UiEnv make_env(const std::string& activated) const;
  mutable std::unordered_map<std::string, int> arrangements_;  // UiEnv::arrangements (Ui::best_arrangement)
  void build(const std::string& activated, std::vector<Intent>* intents);
  void draw_screen(Ui& ui, std::vector<Intent>* intents) const;
  void apply(const Intent& in);
  template <class X>
  void route(const X& x);  // to the one controller (or App) with an `on` for X
  // ---- intents every screen shares (the journeys' own are their controllers')
  void on(const intent::Next&);
  void on(const intent::Type&);
  void on(const intent::Erase&);
  void on(const intent::Clear&);
  void on(const intent::PickDay&);
  void on(const intent::PickWeek&);
  // The day step by week of the screen on show (the resident's or the staff's booking), else null.
  WeekPick* week_pick();
  // Back on a week's days: the weeks again, on the page it was chosen from, the focus on it.
  bool back_to_weeks();
  void on(const intent::Retry&);
  void on(const intent::Continue&);
  void on(const intent::PopTo&);
  void on(const intent::Go&);
  void on(const intent::EndSession&);
  void handle_action(Action a, std::string* activated);
  void handle_activation(const std::string& id, std::string* activated);
  void push(Screen s);
  void replace(Screen s);
  void leave_screen(bool backwards);
  void back();
  void home();
  void reset_session(bool announce);
  void announce_screen();
  // A screen whose data is still on its way is announced once it has arrived (S2), not twice.
  bool waiting_for_data() const;
  bool awaiting_station() const;
  // Speech that the repeat key may repeat (remember); an error said this way is not repeated
  // once it is no longer shown (speak_error).
  void say(const std::string& text, SpeechLang lang, bool remember = true);
  void repeat_prompt();
  void help();
  void speak_focus();
  void speak_widget(const Widget& w, bool now, bool with_position);
  // The assessment days from today + first_day to the booking horizon (a resident: from tomorrow).
  std::pair<std::string, std::string> days_range(int first_day) const;
  void show_service_error(const Pending& p, const HttpResponse& r);
  void show_error(const std::string& msg);
  void speak_error(const std::string& text);
  // Shows and speaks a field's error (S10) when `problem` is not empty; true when it did.
  bool refuse_field(std::string* field_error, const std::string& problem);
  // What is wrong with a typed ID number / whole phone number, in words for its field ("" = fine).
  std::string id_number_problem(const std::string& id) const;
  std::string phone_problem(const std::string& phone) const;
  void send(station::Call c);
  void on_response(const Pending& p, const HttpResponse& r);
  // A refusal that belongs to a field or step, said there by its controller (true when handled).
  bool refused(station::Endpoint e, int status, const std::string& code, const std::string& msg);
  std::string api_error_text(const HttpResponse& r) const;
  void apply_speech_settings();
  bool armed() const;
  bool typing() const;
  bool free_text() const;
  bool requests_in_flight() const;
  std::string* input_buffer(size_t* max, bool* allow_x);
  void type_text(const std::string& utf8);
  Screen root() const;
  IdleTimer& idle() { return staff_.signed_in ? staff_idle_ : idle_; }
  const IdleTimer& idle() const { return staff_.signed_in ? staff_idle_ : idle_; }
  // ---- staff mode (app_staff.cpp)
  void staff_send(station::Call c);  // with the session token; notes activity
  void staff_input(double now);
  void send_to_printer(const Slip& slip, const std::string& printing_notice);
  Slip appointment_slip(const nlohmann::json& appointment, const std::string& heading, const std::string& kind_text,
                        const std::vector<std::string>& after_place) const;
  // ---- card reader and scanners (app_card.cpp)
  void on_peripheral(const PeripheralInput& in);
  void on_identity_card(const std::string& id_number, const std::string& name);
  void use_card();
  void on_slip_code(const std::string& code);
  bool slip_response(const Pending& p, const HttpResponse& r);

  const Catalog* cat_;
  std::vector<Theme> themes_;
  const TextMetrics* metrics_;
  HttpTransport* http_;
  Speech speech_;
  const Clock* clock_;
  AppConfig cfg_;
  Settings st_;
  Session s_;
  StaffState staff_;
  HttpTransport* poll_http_;
  IdleTimer staff_idle_;
  double staff_last_active_ = -1e9;   // last request that counts as activity at the station
  double next_calls_poll_ = 0;
  bool calls_polling_ = false;
  std::vector<Screen> stack_{Screen::home};
  std::map<Screen, int> page_;
  std::unique_ptr<Ui> ui_;
  std::deque<Event> events_;
  PointerTracker pointer_;
  Scanner scanner_;
  IdleTimer idle_;
  std::string focus_;
  std::string last_screen_;
  bool held_announce_ = false;  // home's announcement waits for the station's name (awaiting_station)
  int last_page_ = -1;
  bool warned_ = false;
  std::map<uint64_t, Pending> pending_;
  uint64_t next_req_ = 1;
  Error err_;
  // The request a "try again" resends. Cleared (not just disowned) on reset: it may hold an ID
  // number or a staff token.
  std::optional<Pending> retry_;
  bool printing_ = false;
  std::mutex print_mu_;
  std::vector<std::pair<bool, std::string>> print_done_;
  std::string today_;
  std::string last_frame_sig_;
  std::string announce_prefix_;
  std::string last_caption_;
  nlohmann::json station_;              // GET /api/v1/station
  std::optional<int> station_utc_offset() const;
  Counters counters_;
  std::string boot_id_;
  double start_t_ = 0, next_report_ = 0;
  void send_report();
  std::string last_select_id_;
  std::string focus_next_;          // where an action sends the focus once the screen is rebuilt
  std::string error_prompt_;        // the error last said, while it is the prompt F5 repeats
  bool say_announce_ = false;       // say the rebuilt screen's announce text (consent given)
  double last_select_t_ = -1e9;   // said before the next screen announcement (reset notice)
  bool need_frame_ = true;
  // One controller per journey (docs/kiosk.md "Where each journey lives").
  BookingController booking_{*this};
  IdentityController identity_{*this};
  AppointmentsController appointments_{*this};
  SubsidyController subsidy_{*this};
  JobsController jobs_{*this};
  CallController call_{*this};
  SettingsController settings_{*this};
  StaffSignInController sign_in_{*this};
  StaffDeskController desk_{*this};
  std::vector<nlohmann::json> input_log_;
  bool reader_lost_said_ = false;
};

}  // namespace tx
