// Certificate assessment appointments: kinds, states and the legal transitions between them.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tx {

enum class AppointmentKind {
  first_assessment,  // 首次评残 (new certificate)
  renewal,           // 换证
  reassessment,      // 类别/等级变更
  replacement,       // 挂失补办
  home_assessment,   // 入户评残 (bedridden residents): needs address + reason
  video_assessment,  // 线上视频评残
};
constexpr int kAppointmentKindCount = 6;

std::string_view to_string(AppointmentKind k);
std::optional<AppointmentKind> appointment_kind_from(std::string_view s);
std::span<const AppointmentKind> all_appointment_kinds();
const char* kind_name_zh(AppointmentKind k);
const char* kind_name_en(AppointmentKind k);
// ticket_prefix: the letter on the queue ticket (A … F), so staff can tell kinds apart.
char ticket_prefix(AppointmentKind k);
// needs_certificate: renewal, reassessment and replacement need a certificate on record.
bool needs_certificate(AppointmentKind k);

enum class AppointmentStatus {
  booked,
  checked_in,
  completed,
  cancelled,
  no_show,
  rescheduled,
  dispatched,    // home visit: team on the way
  visit_failed,  // home visit: nobody could be assessed
};

std::string_view to_string(AppointmentStatus s);
std::optional<AppointmentStatus> appointment_status_from(std::string_view s);
const char* status_name_zh(AppointmentStatus s);
const char* status_name_en(AppointmentStatus s);

// is_active: counts against "one active appointment per resident and kind" and against capacity.
bool is_active(AppointmentStatus s);

// can_transition: booked → checked_in → completed; booked → cancelled / no_show / rescheduled;
// home visits: booked → dispatched → completed | visit_failed. Everything else is illegal.
bool can_transition(AppointmentKind kind, AppointmentStatus from, AppointmentStatus to);

// Home assessment reasons the station accepts (free text is kept as "other: …").
bool valid_home_reason(std::string_view reason);

// what_to_bring: catalog keys ("bring.id_card", …) for the slip; guardians' papers are added
// for intellectual/mental disability (category 5/6) and for minors.
std::vector<std::string> what_to_bring(AppointmentKind kind, int category, bool minor);
const char* bring_item_zh(std::string_view key);
const char* bring_item_en(std::string_view key);

}  // namespace tx
