#include "domain/subsidy.h"

#include <array>

namespace tx {

namespace {
struct ProgrammeInfo {
  Programme p;
  const char* id;
  const char* zh;
  const char* en;
};
constexpr std::array<ProgrammeInfo, 8> kProgrammes = {{
    {Programme::living_subsidy, "living_subsidy", "困难残疾人生活补贴", "Living subsidy"},
    {Programme::nursing_subsidy, "nursing_subsidy", "重度残疾人护理补贴", "Nursing subsidy"},
    {Programme::education_grant, "education_grant", "扶残助学金", "Education grant"},
    {Programme::medication_subsidy, "medication_subsidy", "精神残疾人服药补贴", "Medication subsidy"},
    {Programme::assistive_devices, "assistive_devices", "辅助器具适配", "Assistive devices"},
    {Programme::home_modification, "home_modification", "家庭无障碍改造", "Home accessibility works"},
    {Programme::day_care, "day_care", "阳光家园托养服务", "Day and home care"},
    {Programme::child_rehabilitation, "child_rehabilitation", "残疾儿童康复救助", "Child rehabilitation"},
}};
constexpr std::array<Programme, 8> kAll = {
    Programme::living_subsidy,    Programme::nursing_subsidy,   Programme::education_grant,
    Programme::medication_subsidy, Programme::assistive_devices, Programme::home_modification,
    Programme::day_care,          Programme::child_rehabilitation};

struct StatusInfo {
  ApplicationStatus s;
  const char* id;
  const char* zh;
  const char* en;
};
constexpr StatusInfo kStatus[] = {
    {ApplicationStatus::applied, "applied", "已收到申请，等待审核", "Application received, waiting for review"},
    {ApplicationStatus::under_review, "under_review", "正在审核", "Being reviewed"},
    {ApplicationStatus::approved, "approved", "已批准，即将发放", "Approved, payments will start soon"},
    {ApplicationStatus::paying, "paying", "正在发放", "Being paid"},
    {ApplicationStatus::suspended, "suspended", "暂停发放", "Payments paused"},
    {ApplicationStatus::stopped, "stopped", "已停止发放", "Payments stopped"},
    {ApplicationStatus::rejected, "rejected", "未通过审核", "Not approved"},
    {ApplicationStatus::delivered, "delivered", "已发放完成", "Delivered"},
};

struct ReasonInfo {
  StopReason r;
  const char* id;
  const char* zh;
  const char* en;
};
constexpr ReasonInfo kReasons[] = {
    {StopReason::death, "death", "享受对象去世", "The recipient has died"},
    {StopReason::moved_out, "moved_out", "户籍迁出本省", "Household registration moved out of the province"},
    {StopReason::false_materials, "false_materials", "申请材料不实", "Application materials were not accurate"},
    {StopReason::failed_recertification, "failed_recertification", "未通过年度复核", "Annual recheck not passed or not done"},
    {StopReason::voluntary, "voluntary", "本人申请停止", "Stopped at the recipient's request"},
};
}  // namespace

std::string_view to_string(Programme p) { return kProgrammes[int(p)].id; }
std::optional<Programme> programme_from(std::string_view s) {
  for (const auto& i : kProgrammes)
    if (s == i.id) return i.p;
  return std::nullopt;
}
std::span<const Programme> all_programmes() { return kAll; }
const char* programme_name_zh(Programme p) { return kProgrammes[int(p)].zh; }
const char* programme_name_en(Programme p) { return kProgrammes[int(p)].en; }
bool is_monthly_subsidy(Programme p) {
  return p == Programme::living_subsidy || p == Programme::nursing_subsidy;
}

std::string_view to_string(ApplicationStatus s) { return kStatus[int(s)].id; }
std::optional<ApplicationStatus> application_status_from(std::string_view s) {
  for (const auto& i : kStatus)
    if (s == i.id) return i.s;
  return std::nullopt;
}
const char* status_plain_zh(ApplicationStatus s) { return kStatus[int(s)].zh; }
const char* status_plain_en(ApplicationStatus s) { return kStatus[int(s)].en; }

bool can_transition(Programme p, ApplicationStatus from, ApplicationStatus to) {
  using S = ApplicationStatus;
  const bool review_stage = from == S::applied || from == S::under_review;
  if (to == S::rejected) return review_stage;
  if (from == S::applied) return to == S::under_review;
  if (from == S::under_review) return to == S::approved;
  if (!is_monthly_subsidy(p)) return from == S::approved && to == S::delivered;
  switch (from) {
    case S::approved: return to == S::paying;
    case S::paying: return to == S::suspended || to == S::stopped;
    case S::suspended: return to == S::paying || to == S::stopped;
    case S::stopped: return to == S::paying;  // recheck succeeded: resume with back pay
    default: return false;
  }
}

bool needs_reason(ApplicationStatus s) {
  return s == ApplicationStatus::stopped || s == ApplicationStatus::rejected;
}

std::string_view to_string(StopReason r) { return kReasons[int(r)].id; }
std::optional<StopReason> stop_reason_from(std::string_view s) {
  for (const auto& i : kReasons)
    if (s == i.id) return i.r;
  return std::nullopt;
}
const char* stop_reason_zh(StopReason r) { return kReasons[int(r)].zh; }
const char* stop_reason_en(StopReason r) { return kReasons[int(r)].en; }

bool eligible(Programme p, const EligibilityFacts& f) {
  if (!f.has_certificate) return p == Programme::child_rehabilitation;
  switch (p) {
    case Programme::living_subsidy:
      return f.low_income_family;
    case Programme::nursing_subsidy: {
      if (f.extreme_poverty_support || f.work_injury_nursing) return false;
      if (f.level == 1 || f.level == 2) return true;
      return f.local_extends_level3_intellectual_mental && f.level == 3 &&
             (f.category == 5 || f.category == 6);
    }
    case Programme::medication_subsidy:
      return f.category == 6;
    default:
      return true;  // other aid: decided case by case by the federation
  }
}

}  // namespace tx
