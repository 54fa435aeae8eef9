// A whole kiosk App on the pure core: fake transport (the test answers requests with canned
// station responses shaped like docs/api.md), a speech engine that records, a manual clock and
// approximate font metrics. Shared by ui_test.cpp and app_test.cpp.
#pragma once
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "core/app.h"
#ifdef TX_REAL_FONT_METRICS
#include "platform/font_atlas.h"
#endif

namespace tx::testing {

inline nlohmann::json J(const char* s) { return nlohmann::json::parse(s); }

inline const char* kDays = R"({"days":[
 {"date":"2026-12-05","weekday":6,"kinds":{"first_assessment":{"capacity":20,"left":0,"start":"09:00","end":"11:30","place":"服务站一楼评定室","institution":"区残疾评定定点医院"}}},
 {"date":"2026-12-15","weekday":2,"kinds":{"first_assessment":{"capacity":20,"left":7,"start":"09:00","end":"11:30","place":"服务站一楼评定室","institution":"区残疾评定定点医院"},"renewal":{"capacity":15,"left":3,"start":"09:00","end":"11:30","place":"服务站一楼评定室","institution":"区残疾评定定点医院"},"home_assessment":{"capacity":4,"left":2,"start":"14:00","end":"17:00","place":"上门评定（申请人家中）","institution":"区残疾评定定点医院上门评定组"}}}]})";
inline const char* kVerify = R"({"resident":{"name_masked":"胡*","id_masked":"310***********7810","certificate":null}})";
inline const char* kBooked = R"({"appointment":{"id":17,"ticket":"A012","date":"2026-12-15","kind":"first_assessment","status":"booked","start":"09:00","end":"11:30","place":"服务站一楼评定室","institution":"区残疾评定定点医院","bring":[{"key":"bring.id_card","zh":"本人身份证","en":"Resident ID card"},{"key":"bring.hukou","zh":"户口本","en":"Household register"},{"key":"bring.photos","zh":"近期两寸白底免冠照片3张","en":"Three 2-inch photos"}],"name_masked":"胡*","id_masked":"310***********7810"}})";
inline const char* kLookup = R"({"appointments":[{"id":17,"ticket":"A012","date":"2026-12-15","kind":"first_assessment","status":"booked","start":"09:00","end":"11:30","place":"服务站一楼评定室"},{"id":9,"ticket":"A003","date":"2026-06-05","kind":"renewal","status":"completed","start":"09:00","end":"11:30","place":"服务站一楼评定室"}]})";
inline const char* kSubsidies = R"({"applications":[{"id":3,"programme":"nursing_subsidy","programme_zh":"重度残疾人护理补贴","programme_en":"Nursing subsidy","status":"paying","status_zh":"正在发放","status_en":"Being paid","stage_date":"2026-03-18","office":"示例街道社会保障服务中心","monthly_amount":290.0,"start_month":"2026-04","payout_account_masked":"6217********9542","next_review":"2027-04-01","reason":null,"appeal_zh":"如有异议，可在收到通知之日起10个工作日内向服务站提出复核申请。","appeal_en":"If you disagree, ask the station for a recheck within 10 working days.","payments":[{"period":"2026-10","amount":290.0,"paid_on":"2026-10-15"},{"period":"2026-09","amount":290.0,"paid_on":"2026-09-15"}]},{"id":4,"programme":"living_subsidy","programme_zh":"困难残疾人生活补贴","programme_en":"Living subsidy","status":"rejected","status_zh":"未通过","status_en":"Not approved","stage_date":"2026-08-01","office":"示例区民政局","monthly_amount":null,"next_review":null,"reason":"不符合当地困难家庭认定条件","appeal_zh":"如有异议，可在收到通知之日起10个工作日内向服务站提出复核申请。","appeal_en":"If you disagree, ask the station for a recheck.","payments":[]}],"as_of":"2026-11-25T03:00:00Z"})";
inline const char* kJobs = R"({"jobs":[{"id":60,"title":"软件测试工程师","employer":"示例数据服务有限公司","district":"通州区","salary_min":6000,"salary_max":9000,"hours":"弹性工作时间","places":7,"categories":[2,4],"accessibility":["step_free","accessible_toilet"],"job_type":"it","deadline":"2026-12-12"},{"id":59,"title":"图书管理员","employer":"示例康养有限公司","district":"丰台区","salary_min":2800,"salary_max":3500,"hours":"周一至周五 9:00-17:00","places":3,"categories":[2,4],"accessibility":["step_free","flexible_hours"],"job_type":"public_service","deadline":"2027-03-11"},{"id":58,"title":"盲人按摩师","employer":"示例按摩中心","district":"朝阳区","salary_min":4000,"salary_max":7000,"hours":"轮班","places":2,"categories":[1],"accessibility":["step_free"],"job_type":"massage","deadline":"2027-01-01"}],"total":3,"page":1,"page_size":50})";
inline const char* kFacets = R"({"districts":["东城区","丰台区","朝阳区","海淀区","西城区","通州区"],"job_types":["catering","cleaning","customer_service","factory","handcraft","it","logistics","massage","office","public_service"]})";
inline const char* kJob = R"({"job":{"id":60,"title":"软件测试工程师","employer":"示例数据服务有限公司","district":"通州区","address":"通州区示例路192号","salary_min":6000,"salary_max":9000,"hours":"弹性工作时间","places":7,"categories":[2,4],"accessibility":["step_free","accessible_toilet"],"job_type":"it","education":"初中及以上","physical_demands":"以坐姿为主","training":"岗前培训两周","description":"按测试用例检查软件功能并记录缺陷。","deadline":"2026-12-12"}})";
inline const char* kInterest = R"({"interest":{"id":5,"job_id":60,"status":"registered"}})";
inline const char* kCall = R"({"call":{"id":12,"status":"open","created_at":"2026-11-25T03:00:00Z"}})";

inline const std::string kId = "310115199011207810";
// An ID the fake station does not know (staff: "not registered here").
inline const std::string kNewId = "11010519491231002X";

// Staff API answers (docs/api.md "Staff API"), shaped like the station's.
inline const char* kStaffAppt = R"({"id":31,"ticket":"A001","date":"2026-11-25","weekday":3,"kind":"first_assessment","status":"booked","start":"09:00","end":"11:30","place":"服务站一楼评定室","institution":"区残疾评定定点医院","name_masked":"胡*","id_masked":"310***********7810","resident_id":7,"channel":"kiosk","terminal":"kiosk-1","has_address":false})";
inline std::string staff_appts_json() {
  return std::string(R"({"today":"2026-11-25","from":"2026-11-25","to":"2026-12-09","appointments":[)") + kStaffAppt +
         R"(,{"id":32,"ticket":"A002","date":"2026-11-25","kind":"renewal","status":"checked_in","start":"09:00","end":"11:30","place":"服务站一楼评定室","name_masked":"王*","id_masked":"110***********002X","resident_id":8},)"
         R"({"id":33,"ticket":"H001","date":"2026-12-01","kind":"home_assessment","status":"booked","start":"14:00","end":"17:00","place":"上门评定（申请人家中）","name_masked":"李*","id_masked":"110***********1234","resident_id":9}]})";
}
inline const char* kStaffCard = R"({"id":7,"id_masked":"310***********7810","name_masked":"胡*","phone_masked":"138****0147","sex":"M","source":"demo","minor":false,"active_appointments":1,"certificate":{"category":4,"category_zh":"肢体残疾","category_en":"Physical","level":2,"level_zh":"二级","level_en":"Level 2","replacement":0,"issued_on":"2017-01-10","expires_on":"2027-01-10","status":"valid","renewal_due":true}})";
inline std::string staff_resident_json() {
  std::string card = kStaffCard;
  card.pop_back();
  return R"({"resident":)" + card + R"(,"appointments":[)" + kStaffAppt +
         R"(],"applications":[{"id":3,"programme":"nursing_subsidy","programme_zh":"重度残疾人护理补贴","programme_en":"Nursing subsidy","status":"paying","status_zh":"正在发放","status_en":"Being paid","agent_relation":null}],"change_reports":[{"id":1,"change_type":"contact","created_at":"2026-10-01T02:00:00Z"}],"job_interests":[]}})";
}
inline const char* kStaffCalls = R"({"calls":[{"id":12,"terminal":"kiosk-2","reason":"help","status":"open","created_at":"2026-11-25T03:00:00Z","waiting_s":65,"acknowledged_at":null,"acknowledged_by":null}],"version":3})";
inline const char* kStaffSync = R"({"sync":{"configured":true,"running":false,"pending_events":4,"last_success":"2026-11-25T02:00:00Z","last_error":null}})";
inline const char* kStaffRenewals = R"({"residents":[{"id":7,"id_masked":"310***********7810","name_masked":"胡*","phone_masked":"138****0147","certificate":{"category":4,"category_zh":"肢体残疾","category_en":"Physical","level":2,"level_zh":"二级","level_en":"Level 2","expires_on":"2027-01-10","status":"valid","renewal_due":true},"renewal_booked":false}],"within_days":180})";
inline const char* kStaffInterests = R"({"interests":[{"id":5,"job_id":60,"job_title":"软件测试工程师","employer":"示例数据服务有限公司","resident_id":7,"name_masked":"胡*","phone_masked":"138****0147","terminal":"kiosk-1","status":"registered","created_at":"2026-11-20T02:00:00Z"}]})";

// The fake station's answer to a staff request; false when the path is not a staff one.
inline bool staff_answer(const HttpRequest& r, bool must_change_pin, int* status, std::string* body) {
  const std::string& p = r.path;
  if (p.rfind("/api/v1/staff/", 0) != 0) return false;
  *status = 200;
  auto with_status = [](const std::string& st) {
    nlohmann::json a = nlohmann::json::parse(kStaffAppt);
    a["status"] = st;
    return nlohmann::json{{"appointment", a}}.dump();
  };
  if (p == "/api/v1/staff/names") *body = R"({"staff":[{"username":"li","display_name":"李明"},{"username":"wang","display_name":"王芳"}]})";
  else if (p == "/api/v1/staff/login")
    *body = std::string(R"({"token":")") + std::string(64, 'a') + R"(","staff":{"id":1,"username":"wang","display_name":"王芳","role":"staff","must_change_pin":)" +
            (must_change_pin ? "true" : "false") + R"(},"idle_timeout_s":600})";
  else if (p == "/api/v1/staff/pin") *body = R"({"changed":true})";
  else if (p == "/api/v1/staff/session") *body = R"({"staff":{"id":1,"username":"wang"},"idle_timeout_s":600})";
  else if (p == "/api/v1/staff/logout") *body = R"({"signed_out":true})";
  else if (p.rfind("/api/v1/staff/appointments?", 0) == 0) *body = staff_appts_json();
  else if (p.rfind("/api/v1/staff/slips/", 0) == 0) *body = std::string(R"({"appointment":)") + kStaffAppt + "}";
  else if (p.find("/check-in") != std::string::npos) *body = with_status("checked_in");
  else if (p.find("/no-show") != std::string::npos) *body = with_status("no_show");
  else if (p.find("/complete") != std::string::npos) *body = with_status("completed");
  else if (p.find("/cancel") != std::string::npos) *body = with_status("cancelled");
  else if (p.find("/slip") != std::string::npos)
    *body = R"({"slip":{"station":{"name":"示例社区残疾人服务站","phone":"010-00000000"},"ticket":"A001","kind":"first_assessment","kind_zh":"首次评定","date":"2026-11-25","start":"09:00","end":"11:30","place":"服务站一楼评定室","status":"checked_in","name_masked":"胡*","id_masked":"310***********7810","queue_ahead":2,"bring":[{"key":"bring.id_card","zh":"本人身份证","en":"Resident ID card"}],"printed_at":"2026-11-25T03:00:00Z"}})";
  else if (p.find("/reschedule") != std::string::npos) {
    nlohmann::json a = nlohmann::json::parse(kStaffAppt);
    a["id"] = 40, a["ticket"] = "A015", a["date"] = "2026-12-15";
    *body = nlohmann::json{{"previous", nlohmann::json::parse(kStaffAppt)}, {"appointment", a}}.dump();
  } else if (p == "/api/v1/staff/residents/search")
    *body = r.body.value("id_number", "") == kNewId ? std::string(R"({"residents":[]})")
                                                    : std::string(R"({"residents":[)") + kStaffCard + "]}";
  else if (p.find("/reveal") != std::string::npos)
    *body = R"({"resident":{"id_number":"310115199011207810","name":"胡明","phone":"13800000147"}})";
  else if (p.find("/applications") != std::string::npos)
    *body = R"({"application":{"id":9,"programme":"nursing_subsidy","status":"applied","applicant":"guardian"}})", *status = 201;
  else if (p.find("/change-reports") != std::string::npos)
    *body = R"({"change_report":{"id":4,"change_type":"address","status":"registered"}})", *status = 201;
  else if (p.rfind("/api/v1/staff/residents/", 0) == 0) *body = staff_resident_json();
  else if (p == "/api/v1/staff/appointments" || p == "/api/v1/staff/home-assessments") {
    nlohmann::json a = nlohmann::json::parse(kStaffAppt);
    a["id"] = 41, a["ticket"] = "A016", a["date"] = r.body.value("date", ""), a["kind"] = r.body.value("kind", "home_assessment");
    a["bring"] = nlohmann::json::parse(R"([{"key":"bring.id_card","zh":"本人身份证","en":"Resident ID card"}])");
    *body = nlohmann::json{{"appointment", a}}.dump();
    *status = 201;
  } else if (p.find("/worklists/renewals") != std::string::npos) *body = kStaffRenewals;
  else if (p.find("/worklists/job-interests") != std::string::npos) *body = kStaffInterests;
  else if (p.find("/job-interests/") != std::string::npos)
    *body = R"({"interest":{"id":5,"job_title":"软件测试工程师","status":"contacted"}})";
  else if (p.rfind("/api/v1/staff/calls?", 0) == 0) *body = kStaffCalls;
  else if (p.find("/acknowledge") != std::string::npos)
    *body = R"({"call":{"id":12,"terminal":"kiosk-2","reason":"help","status":"acknowledged","waiting_s":70}})";
  else if (p.find("/calls/") != std::string::npos) *body = R"({"call":{"id":12,"terminal":"kiosk-2","status":"closed"}})";
  else if (p == "/api/v1/staff/sync" && r.method == "GET") *body = kStaffSync;
  else if (p == "/api/v1/staff/sync") *body = R"({"started":true,"sync":{"configured":true,"running":true,"pending_events":4}})", *status = 202;
  else *body = "{}";
  return true;
}

class KioskHarness {
 public:
  explicit KioskHarness(Settings defaults = {}, float w = 1920, float h = 1080) {
    std::string err;
    if (!catalog.load(std::string(TONGXING_SOURCE_ASSETS) + "/i18n", &err)) ADD_FAILURE() << err;
    AppConfig cfg;
    cfg.defaults = defaults;
    cfg.width = w;
    cfg.height = h;
    cfg.today = [this](std::optional<int> utc_offset_minutes) {
      today_asked_with = utc_offset_minutes;
      return std::string("2026-11-25");
    };
    cfg.wall_now = [this] { return wall_now; };
    themes = load_themes(std::string(TONGXING_SOURCE_ASSETS) + "/themes/themes.json", &err);
    app = std::make_unique<App>(App::Deps{&catalog, themes, &metrics, &http, &speech, &clock, cfg});
    frame();
  }
  void frame() {
    app->frame();
    for (auto& u : app->take_speech_log()) spoken.push_back(u);
  }
  // Answers every outstanding request with the canned response for its path.
  void serve() {
    for (int guard = 0; guard < 8 && !http.sent.empty(); ++guard) {
      while (!http.sent.empty()) {
        const HttpRequest& r = http.sent.front().second;
        requests.push_back(r);
        if (down) {
          http.answer(HttpResponse{0, nullptr, "Connection refused"});
          continue;
        }
        const std::string& p = r.path;
        const char* body = "{}";
        int status = 200;
        std::string staff_body;
        if (staff_answer(r, must_change_pin, &status, &staff_body)) {
          if (p.find("/verify-identity") != std::string::npos) {
            resident_unverified = false;  // the station verified it
          } else if (resident_unverified && p.rfind("/api/v1/staff/residents/", 0) == 0) {
            auto j = nlohmann::json::parse(staff_body);
            if (j.contains("resident")) j["resident"]["identity_verified"] = false, staff_body = j.dump();
          }
          for (const auto& [prefix, b] : staff_bodies)
            if (p.rfind(prefix, 0) == 0) staff_body = b;
          // A failure the test asked for (next_staff_error): answered instead, once.
          if (!next_staff_error.empty() && p.find(next_staff_error_path) != std::string::npos) {
            http.answer(HttpResponse{next_staff_status, nlohmann::json::parse(next_staff_error), ""});
            next_staff_error.clear();
            continue;
          }
          http.answer(HttpResponse{status, nlohmann::json::parse(staff_body), ""});
          continue;
        }
        if (p.find("/assessment-days") != std::string::npos) body = days_body.empty() ? kDays : days_body.c_str();
        else if (p.find("/residents/verify") != std::string::npos) body = kVerify;
        else if (p.find("/appointments/lookup") != std::string::npos) body = kLookup;
        else if (p == "/api/v1/appointments") body = kBooked, status = 201;
        else if (p.find("/subsidies") != std::string::npos) body = subsidies_body.empty() ? kSubsidies : subsidies_body.c_str();
        else if (p.find("/jobs/facets") != std::string::npos) body = kFacets;
        else if (p.find("/interest") != std::string::npos) body = kInterest, status = 201;
        else if (p.find("/jobs/") != std::string::npos) body = kJob;
        else if (p.find("/jobs") != std::string::npos) body = jobs_body.empty() ? kJobs : jobs_body.c_str();
        else if (p.find("/staff-calls") != std::string::npos) body = kCall, status = 201;
        else if (p == "/api/v1/station")
          body = R"({"station":{"name":"示例社区残疾人服务站","name_en":"Demo Community Disability Service Station","utc_offset_minutes":480}})";
        if (p.find("/cancel") != std::string::npos)
          body = R"({"appointment":{"id":17,"status":"cancelled"}})";
        http.answer(HttpResponse{status, nlohmann::json::parse(body), ""});
      }
      frame();
    }
    frame();
  }
  const Widget* widget(const std::string& id) const { return find_widget(app->ui().widgets(), id); }
  // Taps a widget (press + release on its centre), one second after the previous tap.
  void tap(const std::string& id) {
    const Widget* w = widget(id);
    ASSERT_TRUE(w) << "no widget " << id << " on " << app->ui().screen();
    ASSERT_TRUE(w->focusable()) << id;
    clock.advance(1.0);
    app->pointer_down(w->rect.cx(), w->rect.cy());
    app->pointer_up(w->rect.cx(), w->rect.cy());
    frame();
    serve();
  }
  // Taps a widget and draws two frames without answering the station: the screen as it stands
  // while its request runs ("正在查询，请稍候……"); serve() answers it.
  void tap_unanswered(const std::string& id) {
    const Widget* w = widget(id);
    ASSERT_TRUE(w) << "no widget " << id << " on " << app->ui().screen();
    clock.advance(1.0);
    app->pointer_down(w->rect.cx(), w->rect.cy());
    app->pointer_up(w->rect.cx(), w->rect.cy());
    frame();
    frame();
  }
  // Taps a widget, turning pages until it is shown (large text splits screens into pages).
  // open_staff_pin: from home, settings → staff sign-in → the account's PIN pad (no hidden gesture).
  // A returning resident (kId, phone ending 0147) books a first assessment on 12月15日 up to
  // the slip, turning pages where a control is on another one (any panel, any text size).
  void book_returning_to_slip() {
    tap_find("home.appointment");
    tap_find("kind.first_assessment");
    tap_find("day.2026-12-15");
    type(kId);
    tap_find("keypad.ok");
    tap_find("returning.yes");
    type("0147");
    clock.advance(1);
    tap_find("keypad.ok");
    tap_find("confirm.book");
  }
  // The demo resident (kId, phone ending 0147) opens their subsidies and lets them be read aloud.
  void open_subsidy_status() {
    tap_find("home.subsidy");
    type(kId);
    tap_find("keypad.ok");
    type("0147");
    tap_find("keypad.ok");
    tap_find("consent.yes");
  }
  // From "not registered here" (staff mode, a new ID number typed): registers the resident and
  // books a home visit — 15 December, phone 13800138000, name later, the registered address,
  // bedridden — up to the confirmation (staff.book_confirm).
  void staff_new_home_visit_to_confirm() {
    tap_find("staff.register_book");
    tap_find("staff.kind.home_assessment");
    tap_find("staff.day.2026-12-15");
    type("13800138000");
    tap_find("keypad.ok");
    tap_find("staff.name.later");
    tap_find("staff.address.registered");
    tap_find("staff.reason.bedridden");
  }
  // Signs the demo staff member in (PIN 246813, no change asked) and lands on staff home.
  void sign_in_staff() {
    open_staff_pin();
    type("246813");
    clock.advance(1);
    tap_find("keypad.ok");
  }
  // Staff home → find the demo resident (kId) → their card (staff.resident).
  void find_resident_at_desk() {
    tap_find("staff.find");
    type(kId);
    tap_find("keypad.ok");
    ASSERT_EQ(screen(), "staff.resident");
  }
  void open_staff_pin(const std::string& username = "wang") {
    tap_find("home.settings");
    tap_setting("settings.staff_sign_in");
    ASSERT_EQ(screen(), "staff.sign_in");
    tap_find("staff.name." + username);
  }
  // A control of the settings, on their second step (更多设置) where they stand on two (settings11).
  void tap_setting(const std::string& id) {
    if (app->ui().page_of(id) < 0 && app->ui().page_of("settings.more") >= 0) tap_find("settings.more");
    tap_find(id);
  }
  void tap_find(const std::string& id) {
    for (int i = 0; i < 12 && !widget(id); ++i) {
      const Widget* p = widget("page.prev");
      if (!p || !p->enabled) break;
      tap("page.prev");
    }
    for (int i = 0; i < 12 && !widget(id); ++i) {
      const Widget* n = widget("page.next");
      if (!n || !n->enabled) break;
      tap("page.next");
    }
    tap(id);
  }
  void key(const std::string& k) {
    clock.advance(0.2);
    app->key(k);
    frame();
    serve();
  }
  void type(const std::string& s) {
    app->text_input(s);
    frame();
  }
  std::string screen() const { return app->ui().screen(); }
  bool said(const std::string& needle) const {
    for (const auto& u : spoken)
      if (u.text.find(needle) != std::string::npos) return true;
    return false;
  }

  Catalog catalog;
  std::vector<Theme> themes;
#ifdef TX_REAL_FONT_METRICS
  // The kiosk's own font measurements (Noto Sans CJK from fonts-noto-cjk), for layout checks
  // that must hold with the real glyph widths.
  struct RealMetrics : FontSystem {
    RealMetrics() {
      std::string err;
      if (!open(&err)) ADD_FAILURE() << err;
    }
  } metrics;
#else
  ApproxMetrics metrics;
#endif
  FakeTransport http;
  NullSpeechEngine speech;
  ManualClock clock;
  std::unique_ptr<App> app;
  std::vector<UtteranceLog> spoken;
  std::vector<HttpRequest> requests;
  std::optional<int> today_asked_with;  // the UTC offset the App last asked "today" for
  std::int64_t wall_now = 1795570200;   // 2026-11-25 09:30 in Beijing (01:30 UTC): the header clock
  bool down = false;
  std::string jobs_body;  // the jobs list the fake station answers ("": kJobs, three jobs)
  std::string days_body;  // the assessment days served instead of kDays (when set)
  std::string subsidies_body;  // the subsidies served instead of kSubsidies (when set)
  // Staff API answers served instead of the canned ones, by the start of their path
  // ("/api/v1/staff/appointments?" → body), when set.
  std::map<std::string, std::string> staff_bodies;
  bool must_change_pin = false;  // the fake station's staff login: PIN set by an admin
  bool resident_unverified = false;  // the fake station's resident: a kiosk registration not yet verified
  std::string next_staff_error, next_staff_error_path;
  int next_staff_status = 0;
};

}  // namespace tx::testing
