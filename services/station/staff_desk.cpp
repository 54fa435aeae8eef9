#include "station/staff_desk.h"

#include "common/errors.h"
#include "domain/identity.h"
#include "domain/utf8.h"

namespace tx::station {

using nlohmann::json;

namespace {
const char* event_for(AppointmentStatus to) {
  switch (to) {
    case AppointmentStatus::checked_in: return "appointment.checked_in";
    case AppointmentStatus::completed: return "appointment.completed";
    case AppointmentStatus::cancelled: return "appointment.cancelled";
    case AppointmentStatus::no_show: return "appointment.no_show";
    case AppointmentStatus::dispatched: return "appointment.dispatched";
    case AppointmentStatus::visit_failed: return "appointment.visit_failed";
    default: return "appointment.updated";
  }
}

bool one_of(const std::string& s, std::initializer_list<const char*> options) {
  for (const char* o : options)
    if (s == o) return true;
  return false;
}

std::optional<std::string> checked_text(const std::optional<std::string>& s, const char* field, std::size_t max_chars) {
  if (!s) return std::nullopt;
  if (!utf8_valid(*s) || utf8_length(*s) > max_chars) throw ApiError("invalid_field", field, "length");
  if (s->empty()) return std::nullopt;
  return s;
}
}  // namespace

StaffDesk::StaffDesk(StationService& svc) : svc_(svc), store_(svc.store()) {}

void StaffDesk::check_reason(const std::string& reason) const {
  std::string_view r = reason;
  while (!r.empty() && r.front() == ' ') r.remove_prefix(1);
  if (!utf8_valid(r) || int(utf8_length(r)) < svc_.config().reveal_reason_min_chars)
    throw ApiError("invalid_field", "reason", "missing");
  if (utf8_length(r) > 200) throw ApiError("invalid_field", "reason", "too_long");
}

std::string StaffDesk::subject_of(Reader& r, std::int64_t resident_id) {
  return r.resident_id_hash(resident_id).value_or("");
}

ResidentCard StaffDesk::card(Reader& r, std::int64_t id, Date today) {
  ResidentCard c;
  static_cast<StationService::ResidentFacts&>(c) = svc_.facts_in(r, id, today);
  for (const auto& a : r.appointments_of(id)) c.active_appointments += is_active(a.status) ? 1 : 0;
  return c;
}

// ------------------------------------------------------------------------------ appointments

std::vector<Appointment> StaffDesk::appointments(const AppointmentFilter& f, const Actor& by) {
  if (f.to < f.from) throw ApiError("invalid_date", "to", "before_from");
  if (days_between(f.from, f.to) > 120) throw ApiError("invalid_date", "to", "range_too_long");
  return store_.write([&](Writer& w) {
    auto list = w.appointments_between(f);
    w.append_audit(by, {.action = "view", .object = "appointments",
                        .detail = {{"from", f.from.str()}, {"to", f.to.str()}, {"count", list.size()}}});
    return list;
  });
}

Appointment StaffDesk::appointment(std::int64_t id, const Actor& by) {
  return store_.write([&](Writer& w) {
    auto a = w.appointment(id);
    if (!a) throw ApiError("not_found");
    w.append_audit(by, {.action = "view", .object = "appointment:" + std::to_string(id),
                        .subject_hash = subject_of(w, a->resident_id)});
    return *a;
  });
}

Appointment StaffDesk::transition(std::int64_t id, AppointmentStatus to, const std::optional<std::string>& reason_in,
                                  const Actor& by) {
  auto reason = checked_text(reason_in, "reason", 200);
  Date today = svc_.today();
  store_.write([&](Writer& w) {
    auto a = w.appointment(id);
    if (!a) throw ApiError("not_found");
    if (!can_transition(a->kind, a->status, to)) throw ApiError("invalid_transition", "status", std::string(to_string(a->status)));
    if (to == AppointmentStatus::checked_in && a->session.date != today)
      throw ApiError("invalid_transition", "status", "not_today");
    if (to == AppointmentStatus::no_show && a->session.date > today)
      throw ApiError("invalid_transition", "status", "session_not_started");
    w.set_status(id, to);
    // Checking in is when staff see the ID card: a kiosk registration becomes verified — unless
    // the identity is disputed (an open flag: another phone given at a kiosk or known to
    // central). Then only verify-identity, with the card's number compared, verifies it.
    if (to == AppointmentStatus::checked_in) {
      bool disputed = false;
      for (const auto& f : w.identity_flags(a->resident_id)) disputed |= !f.resolved_at.has_value();
      if (!disputed) svc_.mark_verified_in(w, a->resident_id, by, "check_in");
    }
    json ev = {{"appointment_id", id}, {"resident_id", a->resident_id}, {"by", by.who},
               {"terminal", by.terminal}, {"at", store_.now_iso()}};
    if (reason) ev["reason"] = *reason;
    w.append_event(event_for(to), ev);
    w.append_audit(by, {.action = "change", .object = "appointment:" + std::to_string(id),
                        .subject_hash = subject_of(w, a->resident_id),
                        .detail = {{"event", event_for(to)}, {"from", to_string(a->status)}}});
  });
  return store_.read([&](Reader& r) { return r.appointment(id).value(); });
}

std::pair<Appointment, Appointment> StaffDesk::reschedule(std::int64_t id, const std::string& date, const Actor& by) {
  struct Old {
    Appointment a;
    std::string id_number;
    std::optional<std::string> address;
  };
  auto old = store_.read([&](Reader& r) -> std::optional<Old> {
    auto a = r.appointment(id);
    if (!a) return std::nullopt;
    return Old{*a, r.resident_id_number(a->resident_id).value_or(""), r.appointment_address(id)};
  });
  if (!old) throw ApiError("not_found");
  if (!can_transition(old->a.kind, old->a.status, AppointmentStatus::rescheduled))
    throw ApiError("invalid_transition", "status", std::string(to_string(old->a.status)));
  if (date == old->a.session.date.str()) throw ApiError("invalid_date", "date", "same_day");
  BookRequest r;
  r.kind = std::string(to_string(old->a.kind));
  r.date = date;
  r.address = old->address;
  r.reason = old->a.reason;
  r.channel = "staff";
  r.terminal = by.terminal;
  Verified v{old->a.resident_id, old->id_number};
  auto fresh = svc_.book_as(r, v, by, [&](Writer& w) {
    // Re-checked under the write lock: the appointment may have changed since it was read.
    auto cur = w.appointment(id);
    if (!cur || !can_transition(cur->kind, cur->status, AppointmentStatus::rescheduled))
      throw ApiError("invalid_transition", "status", cur ? std::string(to_string(cur->status)) : "");
    w.set_status(id, AppointmentStatus::rescheduled);
    w.append_event("appointment.rescheduled", {{"appointment_id", id}, {"resident_id", cur->resident_id},
                                               {"to_date", date}, {"by", by.who}, {"at", store_.now_iso()}});
    w.append_audit(by, {.action = "change", .object = "appointment:" + std::to_string(id),
                        .subject_hash = subject_of(w, cur->resident_id),
                        .detail = {{"event", "appointment.rescheduled"}}});
  });
  auto before = store_.read([&](Reader& rd) { return rd.appointment(id).value(); });
  return {before, fresh};
}

Appointment StaffDesk::book(BookRequest r, const Actor& by) {
  r.channel = "staff";
  r.terminal = by.terminal;
  std::string id_number = svc_.checked_id(r.who.id_number);
  auto rid = store_.read([&](Reader& rd) { return rd.resident_id_by_number(id_number); });
  if (!rid && (!r.who.name || !r.who.phone)) throw ApiError("invalid_field", r.who.name ? "phone" : "name", "missing");
  return svc_.book_as(r, Verified{rid.value_or(0), id_number}, by);
}

Slip StaffDesk::slip(std::int64_t id, const Actor& by) {
  Slip s;
  auto a = store_.write([&](Writer& w) {
    auto a = w.appointment(id);
    if (!a) throw ApiError("not_found");
    s.queue_ahead = w.queue_ahead(*a);
    w.append_audit(by, {.action = "print", .object = "appointment:" + std::to_string(id),
                        .subject_hash = subject_of(w, a->resident_id), .detail = {{"what", "queue_slip"}}});
    return *a;
  });
  s.appointment = a;
  s.facts = svc_.facts(a.resident_id);
  s.printed_at = store_.now_iso();
  return s;
}

std::string StaffDesk::reveal_address(std::int64_t id, const std::string& reason, const Actor& by) {
  check_reason(reason);
  return store_.write([&](Writer& w) {
    auto a = w.appointment(id);
    if (!a) throw ApiError("not_found");
    auto addr = w.appointment_address(id);
    if (!addr) throw ApiError("not_found");
    w.append_audit(by, {.action = "reveal", .object = "appointment:" + std::to_string(id),
                        .subject_hash = subject_of(w, a->resident_id), .detail = {{"fields", {"address"}}},
                        .note = reason});
    return *addr;
  });
}

// ---------------------------------------------------------------------------------- residents

std::vector<ResidentCard> StaffDesk::search_by_id(const std::string& raw, const Actor& by) {
  std::string id_number = svc_.checked_id(raw);
  Date today = svc_.today();
  return store_.write([&](Writer& w) {
    std::vector<ResidentCard> out;
    if (auto rid = w.resident_id_by_number(id_number)) out.push_back(card(w, *rid, today));
    w.append_audit(by, {.action = "search", .object = "residents", .subject_hash = svc_.id_hash(id_number),
                        .detail = {{"by", "id_number"}, {"results", out.size()}}});
    return out;
  });
}

std::vector<ResidentCard> StaffDesk::search_by_name(const std::string& raw, const Actor& by) {
  auto name = check_name(raw);
  if (!name) throw ApiError(name.problem());
  Date today = svc_.today();
  return store_.write([&](Writer& w) {
    std::vector<ResidentCard> out;
    for (auto id : w.residents_by_name(name.value(), 50)) out.push_back(card(w, id, today));
    if (out.empty())
      w.append_audit(by, {.action = "search", .object = "residents", .detail = {{"by", "name"}, {"results", 0}}});
    for (const auto& c : out)  // one row per person found: the audit names whom the search showed
      w.append_audit(by, {.action = "search", .object = "resident:" + std::to_string(c.resident.id),
                          .subject_hash = subject_of(w, c.resident.id),
                          .detail = {{"by", "name"}, {"results", out.size()}}});
    return out;
  });
}

ResidentDetail StaffDesk::resident(std::int64_t id, const Actor& by) {
  Date today = svc_.today();
  return store_.write([&](Writer& w) {
    if (!w.resident(id)) throw ApiError("not_found");
    ResidentDetail d;
    d.card = card(w, id, today);
    d.appointments = w.appointments_of(id);
    d.applications = w.applications_of(id);
    d.change_reports = w.change_reports_of(id);
    d.interests = w.interests("", id, 50);
    d.flags = w.identity_flags(id);
    w.append_audit(by, {.action = "view", .object = "resident:" + std::to_string(id), .subject_hash = subject_of(w, id)});
    return d;
  });
}

ResidentCard StaffDesk::verify_identity(std::int64_t id, const IdentityCheck& c, const Actor& by) {
  if (!one_of(c.method, {"id_card", "card_reader"})) throw ApiError("invalid_field", "method", "unknown");
  std::string id_number = svc_.checked_id(c.id_number);
  std::optional<std::string> name, phone;
  if (c.name) {
    auto n = check_name(*c.name);
    if (!n) throw ApiError(n.problem());
    name = n.value();
  }
  if (c.phone) {
    auto p = check_phone(*c.phone);
    if (!p) throw ApiError(p.problem());
    phone = p.value();
  }
  Date today = svc_.today();
  return store_.write([&](Writer& w) {
    auto r = w.resident(id);
    if (!r) throw ApiError("not_found");
    const std::string subject = subject_of(w, id);
    if (w.resident_id_number(id) != id_number) {
      w.append_audit(by, {.action = "verify_identity", .object = "resident:" + std::to_string(id),
                          .subject_hash = subject, .detail = {{"method", c.method}, {"mismatch", true}},
                          .outcome = "failed"});
      throw ApiError("id_mismatch", "id_number");
    }
    bool was_verified = r->verified();
    w.mark_verified(id, by.who);
    int resolved = w.resolve_identity_flags(id, by.who);
    bool name_set = name && r->name_masked == kNamePending;
    if (name_set) w.set_resident_name(id, *name);
    bool phone_changed = phone && w.resident_phone(id) != phone;
    if (phone_changed) w.set_resident_phone(id, *phone);
    json ev = {{"resident_id", id}, {"id_number", id_number}, {"method", c.method}, {"by", by.who},
               {"at", store_.now_iso()}};
    if (name_set) ev["name"] = *name;
    if (phone_changed) ev["phone"] = *phone;
    w.append_event("resident.verified", ev);
    w.append_audit(by, {.action = "verify_identity", .object = "resident:" + std::to_string(id),
                        .subject_hash = subject,
                        .detail = {{"method", c.method}, {"was_verified", was_verified}, {"flags_resolved", resolved},
                                   {"name_set", name_set}, {"phone_changed", phone_changed}}});
    return card(w, id, today);
  });
}

Revealed StaffDesk::reveal(std::int64_t id, const std::vector<std::string>& fields, const std::string& reason,
                           const Actor& by) {
  check_reason(reason);
  if (fields.empty()) throw ApiError("invalid_field", "fields", "missing");
  for (const auto& f : fields)
    if (!one_of(f, {"id_number", "name", "phone"})) throw ApiError("invalid_field", "fields", "unknown");
  return store_.write([&](Writer& w) {
    if (!w.resident(id)) throw ApiError("not_found");
    Revealed out;
    json shown = json::array();
    for (const auto& f : fields) {
      if (f == "id_number") out.id_number = w.resident_id_number(id);
      if (f == "name") out.name = w.resident_name(id);
      if (f == "phone") out.phone = w.resident_phone(id);
      shown.push_back(f);
    }
    // The audit row is written in the same transaction: no row, no reveal.
    w.append_audit(by, {.action = "reveal", .object = "resident:" + std::to_string(id), .subject_hash = subject_of(w, id),
                        .detail = {{"fields", shown}}, .note = reason});
    return out;
  });
}

// --------------------------------------------------------------- applications, change reports

Agent StaffDesk::check_agent(const Agent& raw) const {
  Agent a;
  if (!one_of(raw.relation, {"guardian", "relative", "village_committee", "other"}))
    throw ApiError("invalid_field", "agent.relation", "unknown");
  auto name = check_name(raw.name);
  if (!name) throw ApiError("invalid_name", "agent.name", name.problem().reason);
  a.relation = raw.relation;
  a.name = name.value();
  if (raw.phone) {
    auto p = check_phone(*raw.phone, "agent.phone");
    if (!p) throw ApiError(p.problem());
    a.phone = p.value();
  }
  if (raw.id_number) {
    auto id = check_id_number(*raw.id_number, svc_.today());
    if (!id) throw ApiError("invalid_id_number", "agent.id_number", id.problem().reason);
    a.id_number = id->value;
  }
  return a;
}

// The agent as the outbox event carries it to central (sealed at rest, like every payload).
static json agent_event(const Agent& a) {
  json ag = {{"relation", a.relation}, {"name", a.name}};
  if (a.phone) ag["phone"] = *a.phone;
  if (a.id_number) ag["id_number"] = *a.id_number;
  return ag;
}

Application StaffDesk::register_application(DeskApplication a, const Actor& by) {
  if (a.agent) a.agent = check_agent(*a.agent);
  a.note = checked_text(a.note, "note", 500);
  a.registered_by = by.who;
  a.terminal = by.terminal;
  a.stage_date = svc_.today().str();
  std::int64_t app_id = store_.write([&](Writer& w) {
    if (!w.resident(a.resident_id)) throw ApiError("not_found");
    if (w.has_open_application(a.resident_id, a.programme)) throw ApiError("already_applied", "programme");
    auto app_id = w.add_desk_application(a);
    json ev = {{"application_id", app_id}, {"resident_id", a.resident_id},
               {"programme", to_string(a.programme)}, {"status", "applied"},
               {"applicant", a.agent ? a.agent->relation : "self"}, {"by", by.who}, {"terminal", by.terminal}};
    if (a.agent) ev["agent"] = agent_event(*a.agent);
    if (a.note) ev["note"] = *a.note;
    w.append_event("application.registered", ev);
    w.append_audit(by, {.action = "change", .object = "application:" + std::to_string(app_id),
                        .subject_hash = subject_of(w, a.resident_id),
                        .detail = {{"event", "application.registered"}, {"programme", to_string(a.programme)},
                                   {"applicant", a.agent ? a.agent->relation : "self"}}});
    return app_id;
  });
  auto apps = store_.read([&](Reader& r) { return r.applications_of(a.resident_id); });
  for (auto& x : apps)
    if (x.id == app_id) return x;
  throw ApiError("not_found");
}

ChangeReport StaffDesk::register_change(ChangeReport r, const Actor& by) {
  if (!one_of(r.change_type, {"address", "household", "income", "death", "guardian", "contact", "bank_account", "other"}))
    throw ApiError("invalid_field", "change_type", "unknown");
  if (r.programme && !programme_from(*r.programme)) throw ApiError("invalid_field", "programme", "unknown");
  if (r.agent) r.agent = check_agent(*r.agent);
  r.details = checked_text(r.details, "details", 1000);
  r.registered_by = by.who;
  r.terminal = by.terminal;
  auto id = store_.write([&](Writer& w) {
    if (!w.resident(r.resident_id)) throw ApiError("not_found");
    auto id = w.add_change_report(r);
    json ev = {{"change_report_id", id}, {"resident_id", r.resident_id}, {"change_type", r.change_type},
               {"applicant", r.agent ? r.agent->relation : "self"}, {"by", by.who}, {"terminal", by.terminal}};
    if (r.programme) ev["programme"] = *r.programme;
    if (r.agent) ev["agent"] = agent_event(*r.agent);
    if (r.details) ev["details"] = *r.details;
    w.append_event("change_report.registered", ev);
    w.append_audit(by, {.action = "change", .object = "change_report:" + std::to_string(id),
                        .subject_hash = subject_of(w, r.resident_id),
                        .detail = {{"event", "change_report.registered"}, {"change_type", r.change_type}}});
    return id;
  });
  for (auto& x : store_.read([&](Reader& rd) { return rd.change_reports_of(r.resident_id); }))
    if (x.id == id) return x;
  throw ApiError("not_found");
}

// ----------------------------------------------------------------------------------- work lists

std::vector<RenewalRow> StaffDesk::renewals(int within_days, int limit, int offset, const Actor& by) {
  Date today = svc_.today();
  return store_.write([&](Writer& w) {
    auto rows = w.renewal_candidates(today.plus_days(within_days), limit, offset);
    for (auto& x : rows) x.certificate.status = effective_status(x.certificate.status, x.certificate.expires_on, today);
    w.append_audit(by, {.action = "view", .object = "worklist:renewals",
                        .detail = {{"within_days", within_days}, {"count", rows.size()}}});
    return rows;
  });
}

std::vector<InterestRow> StaffDesk::interests(const std::string& status, int limit, const Actor& by) {
  if (!status.empty() && !one_of(status, {"registered", "contacted", "closed"}))
    throw ApiError("invalid_query", "status", "unknown");
  return store_.write([&](Writer& w) {
    auto rows = w.interests(status, std::nullopt, limit);
    w.append_audit(by, {.action = "view", .object = "worklist:job_interests", .detail = {{"count", rows.size()}}});
    return rows;
  });
}

InterestRow StaffDesk::set_interest_status(std::int64_t id, const std::string& status, const Actor& by) {
  if (!one_of(status, {"registered", "contacted", "closed"})) throw ApiError("invalid_field", "status", "unknown");
  return store_.write([&](Writer& w) {
    auto x = w.interest(id);
    if (!x) throw ApiError("not_found");
    w.set_interest_status(id, status, by.who);
    w.append_event("job_interest.updated", {{"interest_id", id}, {"status", status}, {"by", by.who}});
    w.append_audit(by, {.action = "change", .object = "job_interest:" + std::to_string(id),
                        .subject_hash = x->resident_id ? std::optional(subject_of(w, *x->resident_id)) : std::nullopt,
                        .detail = {{"event", "job_interest.updated"}, {"status", status}}});
    return *w.interest(id);
  });
}

Revealed StaffDesk::reveal_interest(std::int64_t id, const std::string& reason, const Actor& by) {
  check_reason(reason);
  return store_.write([&](Writer& w) {
    auto x = w.interest(id);
    if (!x) throw ApiError("not_found");
    auto [name, phone] = w.interest_contact(id);
    w.append_audit(by, {.action = "reveal", .object = "job_interest:" + std::to_string(id),
                        .subject_hash = x->resident_id ? std::optional(subject_of(w, *x->resident_id)) : std::nullopt,
                        .detail = {{"fields", {"name", "phone"}}}, .note = reason});
    Revealed out;
    out.name = name;
    out.phone = phone;
    return out;
  });
}

std::vector<ExportRow> StaffDesk::export_renewals(int within_days, const std::string& reason, const Actor& by) {
  check_reason(reason);
  Date today = svc_.today();
  return store_.write([&](Writer& w) {
    std::vector<ExportRow> out;
    for (auto& x : w.renewal_candidates(today.plus_days(within_days), 5000, 0)) {
      ExportRow e;
      e.resident_id = x.resident.id;
      e.name = w.resident_name(x.resident.id).value_or("");
      e.phone = w.resident_phone(x.resident.id).value_or("");
      e.id_masked = x.resident.id_masked;
      e.certificate = x.certificate;
      e.certificate.status = effective_status(x.certificate.status, x.certificate.expires_on, today);
      w.append_audit(by, {.action = "export", .object = "resident:" + std::to_string(e.resident_id),
                          .subject_hash = subject_of(w, e.resident_id),
                          .detail = {{"what", "renewal_worklist"}, {"fields", {"name", "phone"}}}, .note = reason});
      out.push_back(std::move(e));
    }
    if (out.empty())
      w.append_audit(by, {.action = "export", .object = "worklist:renewals", .detail = {{"count", 0}}, .note = reason});
    return out;
  });
}

// ------------------------------------------------------------------------------------- calls

std::vector<StaffCall> StaffDesk::calls(const std::string& status, int limit) {
  if (!status.empty() && !one_of(status, {"open", "acknowledged", "closed"}))
    throw ApiError("invalid_query", "status", "unknown");
  return store_.read([&](Reader& r) { return r.staff_calls(status, limit); });
}

StaffCall StaffDesk::update_call(std::int64_t id, const std::string& status, const Actor& by) {
  auto c = store_.write([&](Writer& w) {
    auto c = w.staff_call(id);
    if (!c) throw ApiError("not_found");
    if (!w.update_staff_call(id, status, by.who))
      throw ApiError("invalid_transition", "status", c->status);
    w.append_event(status == "acknowledged" ? "staff_call.acknowledged" : "staff_call.closed",
                   {{"call_id", id}, {"terminal", c->terminal}, {"by", by.who}, {"at", store_.now_iso()}});
    return *w.staff_call(id);
  });
  svc_.calls_changed();
  return c;
}

// ------------------------------------------------------------------------------------- audit

std::vector<AuditRow> StaffDesk::audit(const AuditFilter& f, const Actor& by) {
  return store_.write([&](Writer& w) {
    auto rows = w.audit_rows(f);
    w.append_audit(by, {.action = "view", .object = "audit", .detail = {{"count", rows.size()}}});
    return rows;
  });
}

AuditCheck StaffDesk::verify_audit(const Actor& by) {
  auto c = store_.read([](Reader& r) { return r.verify_audit(); });
  store_.write([&](Writer& w) {
    w.append_audit(by, {.action = "view", .object = "audit:verify",
                        .detail = {{"ok", c.ok}, {"first_broken", c.first_broken}}});
  });
  return c;
}

}  // namespace tx::station
