#include "domain/appointment.h"

#include <array>

namespace tx {

namespace {
struct KindInfo {
  AppointmentKind kind;
  const char* id;
  const char* zh;
  const char* en;
  char prefix;
};
constexpr std::array<KindInfo, kAppointmentKindCount> kKinds = {{
    {AppointmentKind::first_assessment, "first_assessment", "首次评残办证", "First assessment", 'A'},
    {AppointmentKind::renewal, "renewal", "到期换证", "Certificate renewal", 'B'},
    {AppointmentKind::reassessment, "reassessment", "类别等级变更", "Reassessment", 'C'},
    {AppointmentKind::replacement, "replacement", "挂失补办", "Replace a lost card", 'D'},
    {AppointmentKind::home_assessment, "home_assessment", "入户评残", "Home assessment", 'E'},
    {AppointmentKind::video_assessment, "video_assessment", "视频评残", "Video assessment", 'F'},
}};
constexpr std::array<AppointmentKind, kAppointmentKindCount> kAllKinds = {
    AppointmentKind::first_assessment, AppointmentKind::renewal,
    AppointmentKind::reassessment,     AppointmentKind::replacement,
    AppointmentKind::home_assessment,  AppointmentKind::video_assessment};

struct StatusInfo {
  AppointmentStatus status;
  const char* id;
  const char* zh;
  const char* en;
};
constexpr StatusInfo kStatuses[] = {
    {AppointmentStatus::booked, "booked", "已预约", "Booked"},
    {AppointmentStatus::checked_in, "checked_in", "已签到", "Checked in"},
    {AppointmentStatus::completed, "completed", "已完成", "Completed"},
    {AppointmentStatus::cancelled, "cancelled", "已取消", "Cancelled"},
    {AppointmentStatus::no_show, "no_show", "未到场", "Did not come"},
    {AppointmentStatus::rescheduled, "rescheduled", "已改期", "Moved to another day"},
    {AppointmentStatus::dispatched, "dispatched", "评定人员已出发", "Assessors on the way"},
    {AppointmentStatus::visit_failed, "visit_failed", "上门未评定", "Home visit not completed"},
};

struct BringInfo {
  const char* key;
  const char* zh;
  const char* en;
};
constexpr BringInfo kBring[] = {
    {"bring.id_card", "本人身份证", "Your resident ID card"},
    {"bring.household_register", "户口本", "Household register (hukou)"},
    {"bring.photos", "近期两寸白底免冠照片3张", "Three recent 2-inch photos, white background"},
    {"bring.medical_records", "病历及相关检查资料", "Medical records and test results"},
    {"bring.old_certificate", "原残疾人证", "Your current disability certificate"},
    {"bring.loss_statement", "挂失声明（可在服务站填写）", "Loss statement (can be filled in at the station)"},
    {"bring.guardian_id", "监护人身份证和户口本", "Guardian's ID card and household register"},
    {"bring.residence_permit", "居住证（非本地户籍）", "Residence permit (if registered elsewhere)"},
    {"bring.video_device", "能视频通话的手机或电脑", "A phone or computer for the video call"},
};
}  // namespace

std::string_view to_string(AppointmentKind k) { return kKinds[int(k)].id; }
std::optional<AppointmentKind> appointment_kind_from(std::string_view s) {
  for (const auto& k : kKinds)
    if (s == k.id) return k.kind;
  return std::nullopt;
}
std::span<const AppointmentKind> all_appointment_kinds() { return kAllKinds; }
const char* kind_name_zh(AppointmentKind k) { return kKinds[int(k)].zh; }
const char* kind_name_en(AppointmentKind k) { return kKinds[int(k)].en; }
char ticket_prefix(AppointmentKind k) { return kKinds[int(k)].prefix; }
bool needs_certificate(AppointmentKind k) {
  return k == AppointmentKind::renewal || k == AppointmentKind::reassessment ||
         k == AppointmentKind::replacement;
}

std::string_view to_string(AppointmentStatus s) { return kStatuses[int(s)].id; }
std::optional<AppointmentStatus> appointment_status_from(std::string_view s) {
  for (const auto& st : kStatuses)
    if (s == st.id) return st.status;
  return std::nullopt;
}
const char* status_name_zh(AppointmentStatus s) { return kStatuses[int(s)].zh; }
const char* status_name_en(AppointmentStatus s) { return kStatuses[int(s)].en; }

bool is_active(AppointmentStatus s) {
  return s == AppointmentStatus::booked || s == AppointmentStatus::checked_in ||
         s == AppointmentStatus::dispatched;
}

bool can_transition(AppointmentKind kind, AppointmentStatus from, AppointmentStatus to) {
  using S = AppointmentStatus;
  const bool home = kind == AppointmentKind::home_assessment;
  switch (from) {
    case S::booked:
      if (to == S::cancelled || to == S::no_show || to == S::rescheduled) return true;
      return home ? to == S::dispatched : to == S::checked_in;
    case S::checked_in:
      return !home && (to == S::completed || to == S::cancelled);
    case S::dispatched:
      return home && (to == S::completed || to == S::visit_failed);
    default:
      return false;  // completed, cancelled, no_show, rescheduled, visit_failed are final
  }
}

bool valid_home_reason(std::string_view r) {
  return r == "bedridden" || r == "severe_mobility" || r.starts_with("other:");
}

std::vector<std::string> what_to_bring(AppointmentKind kind, int category, bool minor) {
  std::vector<std::string> items = {"bring.id_card", "bring.household_register"};
  switch (kind) {
    case AppointmentKind::first_assessment:
    case AppointmentKind::home_assessment:
    case AppointmentKind::reassessment:
      items.push_back("bring.photos");
      items.push_back("bring.medical_records");
      break;
    case AppointmentKind::renewal:
      items.push_back("bring.old_certificate");
      items.push_back("bring.photos");
      break;
    case AppointmentKind::replacement:
      items.push_back("bring.loss_statement");
      items.push_back("bring.photos");
      break;
    case AppointmentKind::video_assessment:
      items.push_back("bring.medical_records");
      items.push_back("bring.video_device");
      break;
  }
  if (kind == AppointmentKind::reassessment) items.push_back("bring.old_certificate");
  if (category == 5 || category == 6 || minor) items.push_back("bring.guardian_id");
  return items;
}

const char* bring_item_zh(std::string_view key) {
  for (const auto& b : kBring)
    if (key == b.key) return b.zh;
  return "";
}
const char* bring_item_en(std::string_view key) {
  for (const auto& b : kBring)
    if (key == b.key) return b.en;
  return "";
}

}  // namespace tx
