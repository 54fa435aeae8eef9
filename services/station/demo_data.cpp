#include "station/demo_data.h"

#include <random>

#include "domain/identity.h"

namespace tx::station {

namespace {

constexpr const char* kCounties[] = {"110105", "110108", "310115", "440106", "440305",
                                     "330106", "510107", "420106", "320106", "610113"};
constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                     "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
                                  "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
                                  "刚", "桂", "英", "华", "建", "国", "兰", "玉", "文", "红"};
constexpr const char* kDistricts[] = {"朝阳区", "海淀区", "西城区", "东城区", "丰台区", "通州区"};
constexpr const char* kOffices[] = {"示例街道社会保障服务中心", "示例区残疾人联合会", "示例区民政局"};

struct JobSeed {
  const char* title;
  const char* type;
  const char* desc;
  std::vector<int> categories;
  int salary_min, salary_max;
  const char* mode;
};
const JobSeed kJobs[] = {
    {"电话客服专员", "customer_service", "接听客户来电，解答咨询，记录问题。坐姿工作，提供读屏软件。", {1, 4, 7}, 3500, 4800, "proportional"},
    {"在线客服", "customer_service", "通过文字回复网店顾客咨询，可居家办公。", {2, 3, 4}, 3200, 4500, "proportional"},
    {"财务会计", "office", "负责日常做账、报税和报表，需会计从业经验。", {2, 3, 4}, 5000, 7000, "proportional"},
    {"出纳", "office", "现金及银行业务，单据整理。", {2, 4}, 4000, 5200, "proportional"},
    {"数据录入员", "office", "把纸质表格录入电脑，要求细心。", {2, 3, 4, 6}, 3000, 4000, "proportional"},
    {"盲人按摩师", "massage", "保健按摩服务，提供培训和食宿。", {1}, 4000, 8000, "centralised"},
    {"手工编织", "handcraft", "在阳光家园参加手工编织，时间灵活。", {5, 6}, 1200, 2000, "auxiliary"},
    {"包装工", "factory", "产品装盒和贴标签，工作简单，有师傅带。", {2, 3, 5}, 2800, 3600, "auxiliary"},
    {"仓库管理员", "logistics", "货物出入库登记、盘点。", {2, 3}, 3800, 5000, "proportional"},
    {"保洁员", "cleaning", "公共区域清洁，白班。", {2, 3, 5}, 2600, 3200, "public_welfare"},
    {"图书管理员", "public_service", "社区图书室借还书和整理。", {2, 4}, 2800, 3500, "public_welfare"},
    {"软件测试工程师", "it", "按测试用例检查软件功能并记录缺陷。", {2, 4}, 6000, 9000, "proportional"},
    {"平面设计", "it", "海报和宣传册设计。", {2, 3, 4}, 5000, 8000, "proportional"},
    {"手语讲解员", "public_service", "博物馆手语讲解，需会中国手语。", {2}, 4000, 5500, "proportional"},
    {"电商运营助理", "office", "商品上架、订单处理，可居家。", {4, 2}, 3500, 5000, "self_employment"},
    {"烘焙助理", "catering", "面包店后厨帮工，步骤有图示。", {5, 2}, 2600, 3400, "auxiliary"},
};
constexpr const char* kEmployers[] = {"示例通信有限公司", "示例商贸有限公司", "示例康养有限公司",
                                      "示例数据服务有限公司", "示例阳光家园", "示例食品有限公司",
                                      "示例物流有限公司", "示例物业管理有限公司", "示例科技有限公司",
                                      "示例文化传媒有限公司"};
constexpr const char* kAccessibility[] = {"step_free", "accessible_toilet", "lift", "sign_language",
                                          "screen_reader", "flexible_hours"};

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T, std::size_t N>
  const T& pick(const T (&a)[N]) { return a[uniform(0, int(N) - 1)]; }

  std::string name() {
    std::string n = pick(kSurnames);
    n += pick(kGiven);
    if (chance(0.6)) n += pick(kGiven);
    return n;
  }
  std::string phone() {
    std::string p = "100";
    for (int i = 0; i < 8; ++i) p += char('0' + uniform(0, 9));
    return p;
  }
  std::string id_number(Date birth, bool male) {
    char seq[4];
    int n = uniform(0, 499) * 2 + (male ? 1 : 0);
    std::snprintf(seq, sizeof seq, "%03d", n);
    char date[9];
    std::snprintf(date, sizeof date, "%04d%02u%02u", birth.year(), birth.month(), birth.day());
    std::string f17 = std::string(pick(kCounties)) + date + seq;
    return f17 + id_check_character(f17);
  }

 private:
  std::mt19937_64 rng_;
};

int level_weighted(Gen& g) {
  int r = g.uniform(1, 100);  // ≈ 15/25/30/30 % for levels 1–4
  return r <= 15 ? 1 : r <= 40 ? 2 : r <= 70 ? 3 : 4;
}

}  // namespace

DemoSummary generate_demo_data(Store& store, const StationConfig& cfg, const DemoOptions& opt) {
  Gen g(opt.seed);
  DemoSummary sum;
  const Date today = Date::today(store.clock().now(), cfg.utc_offset_minutes);
  const Date earliest = *Date::from_ymd(1930, 1, 1);
  const Date latest = std::min(*Date::from_ymd(2024, 12, 31), today);
  const int span = days_between(earliest, latest);
  const std::string now = store.now_iso();

  store.write([&](Writer& w) {
    auto sessions = plan_sessions(cfg.sessions, cfg.calendar, today, today.plus_days(opt.session_days));
    for (const auto& s : sessions) w.upsert_session(s, "local");
    sum.sessions = int(sessions.size());

    // Cycle through every application state and stop reason so each shows up in the demo.
    const ApplicationStatus kCycle[] = {ApplicationStatus::paying,   ApplicationStatus::paying,
                                        ApplicationStatus::applied,  ApplicationStatus::under_review,
                                        ApplicationStatus::approved, ApplicationStatus::suspended,
                                        ApplicationStatus::stopped,  ApplicationStatus::rejected};
    const StopReason kReasons[] = {StopReason::death, StopReason::moved_out, StopReason::false_materials,
                                   StopReason::failed_recertification, StopReason::voluntary};
    int cycle = 0, reason_i = 0;

    auto add_subsidy = [&](std::int64_t rid, Programme p, ApplicationStatus st, std::int64_t fen) {
      Application a;
      a.resident_id = rid;
      a.programme = p;
      a.status = st;
      a.central_ref = "demo-app-" + std::to_string(rid) + "-" + std::string(to_string(p));
      a.office = g.pick(kOffices);
      a.stage_date = today.plus_days(-g.uniform(5, 400)).str();
      a.applicant = g.chance(0.2) ? "guardian" : "self";
      bool monthly = is_monthly_subsidy(p);
      if (monthly && st != ApplicationStatus::applied && st != ApplicationStatus::under_review &&
          st != ApplicationStatus::rejected) {
        a.monthly_amount_fen = fen;
        a.start_month = today.plus_days(-g.uniform(120, 900)).month_str();
        std::string acct = "6217";
        for (int i = 0; i < 12; ++i) acct += char('0' + g.uniform(0, 9));
        a.payout_account_masked = mask_account(acct);
        a.next_review = Date::from_ymd(today.month() <= 4 ? today.year() : today.year() + 1, 4, 1)->str();
      }
      if (st == ApplicationStatus::stopped) a.reason = std::string(to_string(kReasons[reason_i++ % 5]));
      if (st == ApplicationStatus::rejected) a.reason = "不符合当地困难家庭认定条件";
      auto app_id = w.add_application(a);
      ++sum.applications;
      if (a.monthly_amount_fen && (st == ApplicationStatus::paying || st == ApplicationStatus::suspended ||
                                   st == ApplicationStatus::stopped)) {
        int months = st == ApplicationStatus::paying ? 6 : 3;
        int skip = st == ApplicationStatus::paying ? 0 : 3;
        for (int m = skip; m < skip + months; ++m) {
          // The month m+1 months before this one, paid on its 15th.
          int y = today.year(), mo = int(today.month()) - 1 - m;
          while (mo < 1) mo += 12, --y;
          Date d = *Date::from_ymd(y, unsigned(mo), 1);
          w.add_payment(app_id, Payment{d.month_str(), *a.monthly_amount_fen, d.plus_days(14).str()});
          ++sum.payments;
        }
      }
    };

    auto add_person = [&](const std::string& persona, Date birth, bool male, bool cert, int category,
                          int level, int cert_age_days, CertificateStatus cst, int replacement) {
      std::string name = g.name(), phone = g.phone();
      std::string id = g.id_number(birth, male);
      while (w.resident_id_by_number(id)) id = g.id_number(birth, male);
      auto rid = w.add_resident(NewResident{id, name, phone, male ? "M" : "F", "demo", true});
      ++sum.residents;
      if (!persona.empty()) sum.personas.push_back({persona, id, name, phone});
      if (cert) {
        Certificate c;
        c.resident_id = rid;
        c.category = category;
        c.level = level;
        c.replacement = replacement;
        c.issued_on = today.plus_days(-cert_age_days);
        c.expires_on = certificate_expiry(c.issued_on);
        c.status = cst;
        w.add_certificate(c);
        ++sum.certificates;
      }
      return rid;
    };

    // Personas first: stable residents for the demo and the journey tests.
    auto p1 = add_person("renewal_due", *Date::from_ymd(1962, 3, 14), true, true, 1, 2, 3600,
                         CertificateStatus::valid, 0);
    add_subsidy(p1, Programme::nursing_subsidy, ApplicationStatus::paying, 29000);
    add_subsidy(p1, Programme::living_subsidy, ApplicationStatus::paying, 21700);
    auto p2 = add_person("subsidies", *Date::from_ymd(1975, 8, 2), false, true, 4, 1, 900,
                         CertificateStatus::valid, 0);
    add_subsidy(p2, Programme::nursing_subsidy, ApplicationStatus::suspended, 29000);
    add_subsidy(p2, Programme::living_subsidy, ApplicationStatus::rejected, 21700);
    add_subsidy(p2, Programme::assistive_devices, ApplicationStatus::under_review, 0);
    add_person("no_certificate", *Date::from_ymd(1990, 11, 20), true, false, 0, 0, 0,
               CertificateStatus::valid, 0);
    auto p4 = add_person("mental_minor", *Date::from_ymd(2012, 6, 1), false, true, 6, 3, 400,
                         CertificateStatus::valid, 0);
    add_subsidy(p4, Programme::nursing_subsidy, ApplicationStatus::approved, 29000);
    add_subsidy(p4, Programme::medication_subsidy, ApplicationStatus::delivered, 0);
    add_person("replaced_card", *Date::from_ymd(1958, 1, 9), true, true, 2, 3, 2000,
               CertificateStatus::valid, 1);
    add_person("expired", *Date::from_ymd(1949, 12, 31), false, true, 7, 1, 3700,
               CertificateStatus::valid, 0);

    for (int i = int(sum.personas.size()); i < opt.residents; ++i) {
      Date birth = earliest.plus_days(g.uniform(0, span));
      bool male = g.chance(0.5);
      bool cert = g.chance(0.85);
      int category = g.uniform(1, 7);
      int level = level_weighted(g);
      int roll = g.uniform(1, 100);
      // ≈10 % expire within the renewal window, ≈5 % already expired, the rest in the middle.
      int age = roll <= 10 ? 3650 - g.uniform(1, 179) : roll <= 15 ? 3650 + g.uniform(1, 300) : g.uniform(30, 3300);
      CertificateStatus cst = CertificateStatus::valid;
      int r2 = g.uniform(1, 100);
      if (r2 <= 3) cst = CertificateStatus::lost;
      else if (r2 <= 5) cst = CertificateStatus::frozen;
      else if (r2 <= 6) cst = CertificateStatus::cancelled;
      auto rid = add_person("", birth, male, cert, category, level, age, cst, g.chance(0.05) ? 1 : 0);
      if (!cert) continue;
      EligibilityFacts f{.has_certificate = true, .category = category, .level = level,
                         .low_income_family = g.chance(0.3)};
      if (eligible(Programme::nursing_subsidy, f) && g.chance(0.7))
        add_subsidy(rid, Programme::nursing_subsidy, kCycle[cycle++ % 8], level == 1 ? 35000 : 29000);
      if (eligible(Programme::living_subsidy, f) && g.chance(0.8))
        add_subsidy(rid, Programme::living_subsidy, kCycle[cycle++ % 8], 21700);
      if (g.chance(0.1)) add_subsidy(rid, Programme::assistive_devices, ApplicationStatus::approved, 0);
      if (category == 6 && g.chance(0.5))
        add_subsidy(rid, Programme::medication_subsidy, ApplicationStatus::delivered, 0);
    }

    for (int i = 0; i < opt.jobs; ++i) {
      const JobSeed& s = kJobs[i % std::size(kJobs)];
      Job j;
      j.central_ref = "demo-job-" + std::to_string(i + 1);
      j.title = s.title;
      j.employer = g.pick(kEmployers);
      j.places = g.uniform(1, 8);
      j.salary_min = s.salary_min;
      j.salary_max = s.salary_max;
      j.hours = g.chance(0.3) ? "弹性工作时间" : "周一至周五 9:00-17:00";
      j.education = g.chance(0.5) ? "初中及以上" : "高中及以上";
      j.district = g.pick(kDistricts);
      j.address = j.district + "示例路" + std::to_string(g.uniform(1, 300)) + "号";
      j.job_type = s.type;
      j.categories = s.categories;
      j.levels = {2, 3, 4};
      j.accessibility = {kAccessibility[0]};
      for (int k = 1; k < 6; ++k)
        if (g.chance(0.4)) j.accessibility.push_back(kAccessibility[k]);
      j.physical_demands = g.chance(0.5) ? "以坐姿为主" : "需要短时站立";
      j.board_lodging = g.chance(0.3) ? "提供午餐" : "不提供";
      j.training = g.chance(0.6) ? "岗前培训两周" : "有师傅带教";
      j.mode = s.mode;
      j.contact = "请通过服务站联系";
      j.description = s.desc;
      int r = g.uniform(1, 100);
      j.deadline = r <= 10 ? today.plus_days(-g.uniform(1, 30)) : today.plus_days(g.uniform(7, 120));
      j.review_status = r > 95 ? "pending" : "approved";
      w.upsert_job(j);
      ++sum.jobs;
    }
    w.set_meta("reference_as_of", now);
    w.set_meta("demo_seed", std::to_string(opt.seed));
  });
  return sum;
}

}  // namespace tx::station
