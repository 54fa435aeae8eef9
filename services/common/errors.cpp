#include "common/errors.h"

#include <map>

namespace tx {

namespace {
struct Entry {
  int status;
  const char* zh;
  const char* en;
};

const std::map<std::string, Entry>& catalogue() {
  static const std::map<std::string, Entry> m = {
      {"malformed_json", {400, "请求格式有误，请重试。", "The request was not valid JSON. Please try again."}},
      {"invalid_field", {400, "有一项填写不正确，请检查后重新填写。", "One of the fields is not filled in correctly. Please check it and try again."}},
      {"invalid_id_number", {400, "身份证号码不正确，请核对后重新输入18位号码。", "The ID number is not valid. Please check it and enter all 18 characters again."}},
      {"invalid_phone", {400, "电话号码不正确，请输入11位手机号码或带区号的固定电话。", "The phone number is not valid. Enter an 11-digit mobile number or a landline with area code."}},
      {"invalid_name", {400, "姓名不正确，请输入1到30个字。", "The name is not valid. Please enter 1 to 30 characters."}},
      {"invalid_date", {400, "日期不正确，请选择列表中的评定日期。", "That date is not valid. Please choose one of the assessment days shown."}},
      {"invalid_kind", {400, "办理事项不正确，请从列表中选择。", "Unknown appointment type. Please choose one from the list."}},
      {"invalid_reason", {400, "请说明需要上门评定的原因（如长期卧床）。", "Please say why a home assessment is needed (for example, bedridden)."}},
      {"invalid_address", {400, "请填写上门评定的详细地址。", "Please give the full address for the home assessment."}},
      {"invalid_query", {400, "查询条件不正确。", "The search is not valid."}},
      {"invalid_certificate_number", {400, "残疾人证号不正确，应为身份证号加类别和等级两位数字。", "The certificate number is not valid: it is the ID number followed by the category and level digits."}},
      {"verification_failed", {401, "身份信息核对未通过，请核对身份证号和手机号后重试。多次不成功将暂停核对15分钟，可请工作人员帮助。", "The ID number and phone number could not be confirmed. Please check them and try again. After several failed tries, checks pause for 15 minutes; the staff can help."}},
      {"identity_unverified", {403, "请带身份证到服务台核验身份后，再办理此项。", "Please show your ID card at the service desk first; then you can use this service."}},
      {"id_mismatch", {409, "证件上的身份证号与该居民登记的不一致，请核对证件。", "The ID number on the card is not the one this resident registered with. Check the card."}},
      {"unauthorized", {401, "需要登录。", "Please sign in."}},
      {"forbidden", {403, "没有权限进行此操作。", "You are not allowed to do this."}},
      {"not_found", {404, "没有找到相关记录。", "Nothing was found."}},
      {"method_not_allowed", {405, "不支持此操作。", "This operation is not supported."}},
      {"day_full", {409, "这一天的名额已满，请选择其他日期。", "That day is fully booked. Please choose another day."}},
      {"no_session", {409, "这一天没有这类评定，请选择其他日期。", "There is no assessment of this type on that day. Please choose another day."}},
      {"already_booked", {409, "您已有一个同类预约。如需改期，请先取消原预约。", "You already have an appointment of this type. Cancel it first if you want another day."}},
      {"certificate_required", {409, "没有找到您的残疾人证记录，请选择首次评残办证，或联系工作人员。", "No disability certificate is on record for you. Choose first assessment, or ask the staff."}},
      {"renewal_not_due", {409, "您的残疾人证还不到换证时间。", "Your certificate cannot be renewed yet."}},
      {"invalid_transition", {409, "此预约当前状态下不能进行该操作。", "This appointment cannot be changed that way now."}},
      {"conflict", {409, "已有相同的记录（例如用户名已被使用），请换一个再试。", "That already exists (for example, the user name is taken); choose another."}},
      {"payload_too_large", {413, "提交的内容太大。", "The request is too large."}},
      // The HTTP edge (docs/security.md "Network edge").
      {"headers_too_large", {431, "请求头太大。", "The request headers are too large."}},
      {"request_timeout", {408, "请求发送太慢，连接已关闭，请重试。", "The request arrived too slowly; the connection was closed. Please try again."}},
      {"server_busy", {503, "服务器繁忙，请稍后再试。没有保存任何更改。", "The server is busy; nothing was changed. Try again in a moment."}},
      {"locked", {429, "验证失败次数过多，请15分钟后再试，或请工作人员帮助。", "Too many failed attempts. Try again in 15 minutes, or ask the staff for help."}},
      {"rate_limited", {429, "操作太频繁，请稍后再试。", "Too many requests. Please wait a moment and try again."}},
      {"storage_unavailable", {503, "系统暂时无法保存，请稍后再试或请工作人员帮助。没有保存任何更改。", "The system cannot save right now; nothing was changed. Try again later or ask the staff."}},
      // Sync between stations and the central server (docs/sync.md).
      {"protocol_mismatch", {400, "站点与中心的同步协议版本不同，请升级较旧的一方。数据都已保留，不会丢失。", "The station and the central server speak different sync protocol versions. Upgrade the older one; nothing was lost."}},
      {"invalid_batch", {400, "同步批次格式不正确，未保存任何内容。", "The sync batch is malformed; nothing was stored."}},
      {"frame_too_large", {413, "同步数据解压后超过中心允许的大小，未保存任何内容。请分成较小的批次发送。", "The sync frame decompresses to more than the central server accepts; nothing was stored. Send smaller batches."}},
      {"heartbeat_replayed", {409, "心跳序号不是最新的（可能是重放的旧请求），已忽略。", "The heartbeat sequence is not newer than the last one (a replayed request?); it was ignored."}},
      {"station_unauthorized", {401, "站点身份验证失败：站点编号或密钥不正确，或站点已被停用。请管理员核对站点密钥。", "The station could not be authenticated: wrong station id or secret, or the station was revoked. Ask the administrator to check the station secret."}},
      {"sequence_gap", {409, "批次序号不连续，请从中心期望的序号开始重新发送。", "The batch skips sequence numbers; send again from the sequence the central server expects."}},
      {"sequence_conflict", {409, "该序号在中心已保存了不同的记录，站点数据库可能被替换过。请联系管理员。", "The central server already holds a different event under this sequence number: the station database may have been replaced. Contact the administrator."}},
      {"sync_not_configured", {409, "本站尚未配置与中心的同步（中心地址、站点编号和密钥）。", "Sync with the central server is not configured (central URL, station id and secret)."}},
      {"import_rejected", {422, "导入文件中有不正确的行，没有导入任何数据。请按报告修改后重新导入。", "Some rows of the file are not valid, so nothing was imported. Fix the rows listed in the report and import again."}},
      {"database_unavailable", {503, "中心数据库暂时无法连接，正在重新连接，请稍后再试。没有保存任何更改。", "The central database cannot be reached right now; the server is reconnecting. Nothing was changed: try again shortly."}},
      // Staff accounts and sessions (docs/api.md "Staff API").
      {"login_failed", {401, "用户名或密码不正确，请重新输入。", "The user name or PIN is not correct. Please try again."}},
      {"session_expired", {401, "超过10分钟没有操作，已自动退出登录，请重新登录。", "You were signed out after 10 minutes without activity. Please sign in again."}},
      {"account_locked", {429, "密码错误次数过多，账号已锁定15分钟。请稍后再试，或请站点管理员解锁。", "Too many wrong PINs: this account is locked for 15 minutes. Try again later or ask the station administrator to unlock it."}},
      {"pin_change_required", {403, "请先设置您自己的新密码，再进行其他操作。", "Please set a new PIN of your own before doing anything else."}},
      {"weak_pin", {400, "新密码太简单：请使用6到12位数字（不能全部相同或连续），或8位以上的密码。", "The new PIN is too simple: use 6 to 12 digits (not all the same, not a run like 123456) or a password of 8 or more characters."}},
      {"already_applied", {409, "该居民已有一个同类申请正在办理中。", "This resident already has an open application for this programme."}},
      // Appointment slips' QR codes (services/station/slips.h).
      {"slip_invalid", {404, "这张预约单无法识别：不是本站的预约单，或预约后来改了日期、这张已作废。请用最新的预约单，或请工作人员帮助。", "This slip cannot be used: it is not from this station, or the appointment was moved since and this slip is void. Use the latest slip, or ask the staff."}},
      {"slip_inactive", {409, "这张预约单的预约已取消或已办完，不能再用。", "The appointment on this slip was cancelled or is finished; the slip cannot be used."}},
      {"slip_expired", {409, "这张预约单的日期已经过了。如需重新预约，请在首页选择“办证预约”。", "The day on this slip has passed. To book again, choose Book an appointment on the home screen."}},
      {"internal", {500, "系统出错，请请工作人员帮助。", "Something went wrong. Please ask the staff for help."}},
  };
  return m;
}

// Reason-specific wording for the ID number, the most common typing mistake (S10).
const std::map<std::string, Entry>& id_reasons() {
  static const std::map<std::string, Entry> m = {
      {"length", {400, "身份证号码应为18位，请核对位数。", "An ID number has 18 characters. Please check how many you entered."}},
      {"characters", {400, "身份证号码只能包含数字，最后一位可以是X。", "An ID number has only digits; the last one may be X."}},
      {"region", {400, "身份证号码前两位不是有效的省份代码，请核对。", "The first two digits of the ID number are not a valid province code. Please check them."}},
      {"birth_date", {400, "身份证号码中的出生日期不正确（第7到14位），请核对。", "The birth date inside the ID number (characters 7 to 14) is not a real date. Please check it."}},
      {"future_birth_date", {400, "身份证号码中的出生日期晚于今天，请核对。", "The birth date inside the ID number is in the future. Please check it."}},
      {"check_character", {400, "身份证号码最后一位校验码不对，可能有一位输错了，请核对。", "The last character of the ID number does not match: one character may be mistyped. Please check."}},
  };
  return m;
}
}  // namespace

int error_status(const std::string& code) {
  auto it = catalogue().find(code);
  return it == catalogue().end() ? 500 : it->second.status;
}

ErrorText describe_error(const std::string& code, const std::string& field,
                         const std::string& reason) {
  if (code == "invalid_id_number") {
    auto it = id_reasons().find(reason);
    if (it != id_reasons().end()) return {it->second.status, it->second.zh, it->second.en};
  }
  auto it = catalogue().find(code);
  if (it == catalogue().end()) it = catalogue().find("internal");
  ErrorText t{it->second.status, it->second.zh, it->second.en};
  if (code == "invalid_transition" && reason == "not_today") {
    t.zh = "只能在预约当天签到。";
    t.en = "Arrivals can only be checked in on the day of the appointment.";
  }
  if (code == "invalid_transition" && reason == "session_not_started") {
    t.zh = "评定日还没到，不能登记为未到场。";
    t.en = "The assessment day has not come yet, so this cannot be marked as a no-show.";
  }
  if (code == "invalid_field" && field == "reason" && reason == "missing") {
    t.zh = "请填写查看完整信息的原因。";
    t.en = "Please give the reason for showing the full details.";
  }
  if (code == "invalid_field" && !field.empty() && !(field == "reason" && reason == "missing")) {
    t.zh = "“" + field + "”一项填写不正确，请检查后重新填写。";
    t.en = "The field \"" + field + "\" is missing or not valid. Please check it.";
    if (field == "phone_last4") {
      t.zh = "请输入手机号码的后四位数字。";
      t.en = "Please enter the last four digits of your phone number.";
    }
  }
  return t;
}

}  // namespace tx
