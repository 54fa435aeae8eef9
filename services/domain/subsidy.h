// The two subsidies (两项补贴) and other aid: programmes, application states and transitions,
// eligibility, and the plain words a resident sees. Amounts are configuration (fen, 1/100 元).
#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace tx {

enum class Programme {
  living_subsidy,     // 困难残疾人生活补贴
  nursing_subsidy,    // 重度残疾人护理补贴
  education_grant,    // 扶残助学金
  medication_subsidy, // 精神残疾人服药补贴
  assistive_devices,  // 辅助器具适配
  home_modification,  // 无障碍改造
  day_care,           // 阳光家园 day/home care
  child_rehabilitation,
};

std::string_view to_string(Programme p);
std::optional<Programme> programme_from(std::string_view s);
std::span<const Programme> all_programmes();
const char* programme_name_zh(Programme p);
const char* programme_name_en(Programme p);
// is_monthly_subsidy: the two subsidies pay monthly/quarterly; aid is delivered once.
bool is_monthly_subsidy(Programme p);

enum class ApplicationStatus {
  applied,       // 已申请
  under_review,  // 审核中 (sub-district check, county federation review, civil affairs)
  approved,      // 已批准
  paying,        // 发放中
  suspended,     // 暂停发放
  stopped,       // 停止发放 (with a reason)
  rejected,      // 未通过 (with a reason)
  delivered,     // aid: 已发放/已完成
};

std::string_view to_string(ApplicationStatus s);
std::optional<ApplicationStatus> application_status_from(std::string_view s);
// Plain words for residents (C1): "正在发放，每月按时到账" rather than the office jargon.
const char* status_plain_zh(ApplicationStatus s);
const char* status_plain_en(ApplicationStatus s);

// can_transition: subsidies: applied → under_review → approved → paying ⇄ suspended → stopped;
// stopped → paying after a successful recheck (back pay); rejected from any review stage.
// Aid: applied → under_review → approved → delivered; rejected from review stages.
bool can_transition(Programme p, ApplicationStatus from, ApplicationStatus to);
// needs_reason: stopped and rejected must say why.
bool needs_reason(ApplicationStatus s);

enum class StopReason { death, moved_out, false_materials, failed_recertification, voluntary };
std::string_view to_string(StopReason r);
std::optional<StopReason> stop_reason_from(std::string_view s);
const char* stop_reason_zh(StopReason r);
const char* stop_reason_en(StopReason r);

struct EligibilityFacts {
  bool has_certificate = false;
  int category = 0;  // 1..7
  int level = 0;     // 1..4
  bool low_income_family = false;     // 低保 or other local hardship group
  bool extreme_poverty_support = false;  // 特困供养 (excluded from nursing subsidy)
  bool work_injury_nursing = false;      // 工伤护理费 (excluded from nursing subsidy)
  bool local_extends_level3_intellectual_mental = true;  // common local extension
};

// eligible: the national rule (国发〔2015〕52号) with the usual local extension as a flag.
bool eligible(Programme p, const EligibilityFacts& f);

}  // namespace tx
