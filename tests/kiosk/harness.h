// A whole kiosk App on the pure core: fake transport (the test answers requests with canned
// station responses shaped like docs/api.md), a speech engine that records, a manual clock and
// approximate font metrics. Shared by ui_test.cpp and app_test.cpp.
#pragma once
#include <gtest/gtest.h>

#include <memory>

#include "core/app.h"

namespace tx::testing {

inline nlohmann::json J(const char* s) { return nlohmann::json::parse(s); }

inline const char* kDays = R"({"days":[
 {"date":"2026-12-05","weekday":6,"kinds":{"first_assessment":{"capacity":20,"left":0,"start":"09:00","end":"11:30","place":"服务站一楼评定室","institution":"区残疾评定定点医院"}}},
 {"date":"2026-12-15","weekday":2,"kinds":{"first_assessment":{"capacity":20,"left":7,"start":"09:00","end":"11:30","place":"服务站一楼评定室","institution":"区残疾评定定点医院"}}}]})";
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

class KioskHarness {
 public:
  explicit KioskHarness(Settings defaults = {}, float w = 1920, float h = 1080) {
    std::string err;
    if (!catalog.load(std::string(TONGXING_SOURCE_ASSETS) + "/i18n", &err)) ADD_FAILURE() << err;
    AppConfig cfg;
    cfg.defaults = defaults;
    cfg.width = w;
    cfg.height = h;
    cfg.today = [] { return std::string("2026-11-25"); };
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
        if (p.find("/assessment-days") != std::string::npos) body = kDays;
        else if (p.find("/residents/verify") != std::string::npos) body = kVerify;
        else if (p.find("/appointments/lookup") != std::string::npos) body = kLookup;
        else if (p.find("/cancel") != std::string::npos) body = kLookup, status = 200;
        else if (p == "/api/v1/appointments") body = kBooked, status = 201;
        else if (p.find("/subsidies") != std::string::npos) body = kSubsidies;
        else if (p.find("/jobs/facets") != std::string::npos) body = kFacets;
        else if (p.find("/interest") != std::string::npos) body = kInterest, status = 201;
        else if (p.find("/jobs/") != std::string::npos) body = kJob;
        else if (p.find("/jobs") != std::string::npos) body = kJobs;
        else if (p.find("/staff-calls") != std::string::npos) body = kCall, status = 201;
        else if (p == "/api/v1/station")
          body = R"({"station":{"name":"示例社区残疾人服务站","name_en":"Demo Community Disability Service Station"}})";
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
  // Taps a widget, turning pages until it is shown (large text splits screens into pages).
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
  ApproxMetrics metrics;
  FakeTransport http;
  NullSpeechEngine speech;
  ManualClock clock;
  std::unique_ptr<App> app;
  std::vector<UtteranceLog> spoken;
  std::vector<HttpRequest> requests;
  bool down = false;
};

}  // namespace tx::testing
