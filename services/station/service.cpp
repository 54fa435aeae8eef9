#include "station/service.h"

#include "common/errors.h"
#include "common/log.h"
#include "domain/identity.h"
#include "domain/utf8.h"

namespace tx::station {

using nlohmann::json;

StationService::StationService(StationConfig cfg, Store& store)
    : cfg_(std::move(cfg)), store_(store),
      id_limiter_(cfg_.id_requests_per_minute, std::chrono::seconds(60), store.clock()) {}

Date StationService::today() const {
  return Date::today(store_.clock().now(), cfg_.utc_offset_minutes);
}

int StationService::plan_local_sessions() {
  Date from = today();
  auto planned = plan_sessions(cfg_.sessions, cfg_.calendar, from, from.plus_days(cfg_.horizon_days));
  return store_.write([&](Writer& w) {
    int added = 0;
    for (const auto& p : planned) {
      if (w.session(p.date, p.kind)) continue;
      w.upsert_session(p, "local");
      ++added;
    }
    return added;
  });
}

std::vector<Session> StationService::assessment_days(const std::string& from_s,
                                                     const std::string& to_s,
                                                     const std::string& kind_s) {
  Date from = today(), to = today().plus_days(cfg_.horizon_days);
  if (!from_s.empty()) {
    auto d = Date::parse(from_s);
    if (!d) throw ApiError("invalid_date", "from", "format");
    from = *d;
  }
  if (!to_s.empty()) {
    auto d = Date::parse(to_s);
    if (!d) throw ApiError("invalid_date", "to", "format");
    to = *d;
  }
  if (to < from) throw ApiError("invalid_date", "to", "before_from");
  if (days_between(from, to) > 120) throw ApiError("invalid_date", "to", "range_too_long");
  std::optional<AppointmentKind> kind;
  if (!kind_s.empty()) {
    kind = appointment_kind_from(kind_s);
    if (!kind) throw ApiError("invalid_kind", "kind");
  }
  auto all = store_.read([&](Reader& r) { return r.sessions(from, to); });
  if (kind) std::erase_if(all, [&](const Session& s) { return s.kind != *kind; });
  return all;
}

namespace {

IdNumber validate_id(const std::string& raw, Date today) {
  auto id = check_id_number(raw, today);
  if (!id) throw ApiError(id.problem());
  return id.value();
}
}  // namespace

std::string StationService::checked_id(const std::string& raw) const { return validate_id(raw, today()).value; }

void StationService::check_id_rate(const std::string& hash) {
  if (!id_limiter_.allow(hash)) throw ApiError("rate_limited");
}

namespace {
// audit_failure: the row for a failed or refused verification (in the failure's transaction).
void audit_failure(Writer& w, const Actor& by, const std::string& hash, const LockState& st, bool was_locked) {
  AuditRecord rec;
  rec.subject_hash = hash;
  rec.object = "resident";
  if (was_locked) {
    rec.action = "verify_failed";
    rec.outcome = "denied";
    rec.detail = {{"locked", true}};
  } else if (st.locked_until) {
    rec.action = "lockout";
    rec.outcome = "denied";
    rec.detail = {{"failures", st.failures}};
  } else {
    rec.action = "verify_failed";
    rec.outcome = "failed";
    rec.detail = {{"failures", st.failures}};
  }
  w.append_audit(by, rec);
}
}  // namespace

// Every refusal before the caller has proven the identity is the same verification_failed
// (401): unknown ID number, wrong digits, wrong full phone, a lock that runs, and — for kinds
// that need a certificate — an ID with no registration. So no answer tells whether an ID is
// registered, has a certificate or is locked (issue 14). The lock state is read, the digits
// compared and the failure counted in ONE write transaction: concurrent guesses queue on the
// write lock, so none is checked after the lock was reached.
namespace {
[[noreturn]] void refuse() { throw ApiError("verification_failed"); }
}  // namespace

Verified StationService::verify(const std::string& id_number, const std::string& phone_last4, const Actor& by) {
  IdNumber id = validate_id(id_number, today());
  auto last4 = check_phone_last4(phone_last4);
  if (!last4) throw ApiError(last4.problem());
  return check_identity(id.value, [&](const std::string& phone) {
    return phone.size() >= 4 && phone.substr(phone.size() - 4) == last4.value();
  }, by, IdentityCheck{});
}

Verified StationService::check_identity(const std::string& id, const std::function<bool(const std::string&)>& matches,
                                        const Actor& by, const IdentityCheck& how) {
  const std::string hash = store_.vault().lookup_hash(id);
  check_id_rate(hash);
  const auto now = store_.clock().now();
  struct Out {
    bool ok = false;
    std::int64_t rid = 0;
    LockState st;
  };
  Out out = store_.write([&](Writer& w) {
    Out o;
    auto st = w.lock_state(hash);
    if (st.locked_at(now)) {
      audit_failure(w, by, hash, {}, true);
      return o;
    }
    auto rid = w.resident_id_by_number(id);
    // The phone is opened for unknown IDs too (a stand-in), so both take the same time.
    auto phone = rid ? w.resident_phone(*rid) : store_.vault().open(store_.vault().seal("00000000000"));
    if (!rid && how.may_register) return o.ok = true, o;  // a first-time applicant: registered by the caller
    if (rid && phone && matches(*phone)) {
      if (st.failures > 0) w.clear_failures(hash);
      o.ok = true;
      o.rid = *rid;
      return o;
    }
    if (rid && how.full_phone) {
      // A first-time booking for a registered ID with another phone: not accepted, flagged to
      // staff (the staff resident view and search cards show it) with the other number sealed.
      bool seen = false;
      for (const auto& f : w.identity_flags(*rid))
        if (!f.resolved_at && f.kind == "second_phone") seen = true;
      if (!seen) {
        w.add_identity_flag(*rid, "second_phone", how.full_phone, by.terminal);
        w.append_audit(by, {.action = "identity_flag", .object = "resident:" + std::to_string(*rid),
                            .subject_hash = hash, .detail = {{"kind", "second_phone"}}, .outcome = "denied"});
      }
    }
    o.st = w.record_failure(hash, cfg_.max_failed_verifications, cfg_.lock_minutes);
    audit_failure(w, by, hash, o.st, false);
    return o;
  });
  if (out.ok) return Verified{out.rid, id};
  if (out.st.failures > 0)
    log::info("station", "verification failed, failures=" + std::to_string(out.st.failures) +
                             (out.st.locked_until ? " (locked)" : ""));
  refuse();
}

// verify_or_register: a registered resident is verified; a first-time applicant (full phone
// number, name optional, ID unknown) gets resident_id 0 and is registered by the caller inside
// its transaction — but only for kinds that need no certificate. A registered resident may also
// prove identity with the full phone number.
Verified StationService::verify_or_register(const Identity& who, const Actor& by, bool may_register) {
  if (who.phone_last4) return verify(who.id_number, *who.phone_last4, by);
  if (!who.phone) throw ApiError("invalid_field", "phone_last4", "missing");
  IdNumber id = validate_id(who.id_number, today());
  if (who.name) {
    auto name = check_name(*who.name);
    if (!name) throw ApiError(name.problem());
  }
  auto phone = check_phone(*who.phone);
  if (!phone) throw ApiError(phone.problem());
  return check_identity(id.value, [&](const std::string& p) { return p == phone.value(); }, by,
                        IdentityCheck{may_register, phone.value()});
}

StationService::ResidentFacts StationService::facts(std::int64_t resident_id) {
  Date t = today();
  auto f = store_.read([&](Reader& r) { return facts_in(r, resident_id, t); });
  // Records that came from central (certificate) are shown only to a verified registration.
  if (!f.resident.verified()) {
    f.certificate.reset();
    f.renewal_due = false;
  }
  return f;
}

void StationService::require_verified(std::int64_t resident_id) {
  auto r = store_.read([&](Reader& rd) { return rd.resident(resident_id); });
  if (!r || !r->verified()) throw ApiError("identity_unverified");
}

bool StationService::mark_verified_in(Writer& w, std::int64_t resident_id, const Actor& by, const char* method) {
  if (!w.mark_verified(resident_id, by.who)) return false;
  w.append_audit(by, {.action = "verify_identity", .object = "resident:" + std::to_string(resident_id),
                      .subject_hash = w.resident_id_hash(resident_id), .detail = {{"method", method}}});
  return true;
}

StationService::ResidentFacts StationService::facts_in(Reader& r, std::int64_t resident_id, Date t) const {
  ResidentFacts f;
  f.resident = r.resident(resident_id).value_or(Resident{});
  f.certificate = r.certificate_of(resident_id);
  if (f.certificate) {
    f.certificate->status = effective_status(f.certificate->status, f.certificate->expires_on, t);
    f.renewal_due = (f.certificate->status == CertificateStatus::valid ||
                     f.certificate->status == CertificateStatus::expired) &&
                    renewal_open(f.certificate->expires_on, t, cfg_.renewal_window_days);
  }
  if (auto idn = r.resident_id_number(resident_id))
    if (auto id = check_id_number(*idn, t); id.ok()) f.minor = id->birth.plus_years(18) > t;
  return f;
}

StationService::ResidentFacts StationService::facts_for(const Identity& who, const Actor& by) {
  Verified v = verify(who.id_number, who.phone_last4.value_or(""), by);
  store_.write([&](Writer& w) {
    w.append_audit(by, {.action = "view", .object = "resident", .subject_hash = id_hash(v.id_number),
                        .detail = {{"what", "certificate"}}});
  });
  return facts(v.resident_id);
}

void StationService::check_booking_request(const BookRequest& r, AppointmentKind* kind_out, Date* date_out) const {
  auto kind = appointment_kind_from(r.kind);
  if (!kind) throw ApiError("invalid_kind", "kind");
  auto date = Date::parse(r.date);
  if (!date) throw ApiError("invalid_date", "date", "format");
  Date t = today();
  if (*date < t.plus_days(cfg_.min_lead_days)) throw ApiError("invalid_date", "date", "past");
  if (*date > t.plus_days(cfg_.horizon_days)) throw ApiError("invalid_date", "date", "too_far");
  if (*kind == AppointmentKind::home_assessment) {
    if (!r.address || r.address->empty() || !utf8_valid(*r.address))
      throw ApiError("invalid_address", "address");
    if (!r.reason || !valid_home_reason(*r.reason)) throw ApiError("invalid_reason", "reason");
  }
  *kind_out = *kind;
  *date_out = *date;
}

Appointment StationService::book(const BookRequest& r) {
  AppointmentKind kind;
  Date date;
  check_booking_request(r, &kind, &date);
  Actor by = Actor::resident_at(r.terminal);
  // Only kinds that need no certificate register a first-time applicant; for the others an
  // unknown ID is refused exactly like a wrong phone (no certificate_required before proof).
  Verified v = verify_or_register(r.who, by, !needs_certificate(kind));
  // Proven by phone but not yet by ID card: no certificate-based booking (whether or not the
  // ID has a certificate, so a squatter learns nothing about it).
  if (needs_certificate(kind)) require_verified(v.resident_id);
  return book_as(r, v, by);
}

Appointment StationService::book_as(const BookRequest& r, const Verified& v, const Actor& by,
                                    const std::function<void(Writer&)>& extra) {
  AppointmentKind kind;
  Date date;
  check_booking_request(r, &kind, &date);
  Date t = today();
  Writer::Booking b{r.address, r.reason, r.channel, r.terminal};
  if (kind != AppointmentKind::home_assessment) b.address.reset();  // only home visits keep one

  if (needs_certificate(kind)) {
    if (v.resident_id == 0) throw ApiError("certificate_required");
    // Unfiltered: residents reach this only verified (book()); staff have the ID card.
    auto f = store_.read([&](Reader& rd) { return facts_in(rd, v.resident_id, t); });
    if (!f.certificate) throw ApiError("certificate_required");
    if (kind == AppointmentKind::renewal && !f.renewal_due) throw ApiError("renewal_not_due");
  }
  const std::string subject = id_hash(v.id_number);

  std::int64_t appt_id = store_.write([&](Writer& w) {
    if (extra) extra(w);
    std::int64_t rid = v.resident_id;
    if (rid == 0) {
      // Registered between our check and now (a double-submitted form): same rule as a
      // mismatch, the resident simply retries with the last four digits.
      if (w.resident_id_by_number(v.id_number)) throw ApiError("verification_failed");
      if (!r.who.phone) throw ApiError("invalid_field", "phone", "missing");
      auto phone = check_phone(*r.who.phone);
      if (!phone) throw ApiError(phone.problem());
      std::string name;  // empty: given at the kiosk by keypad, confirmed by staff in person
      if (r.who.name) {
        auto checked = check_name(*r.who.name);
        if (!checked) throw ApiError(checked.problem());
        name = checked.value();
      }
      auto id = check_id_number(v.id_number, t).value();
      NewResident nr{v.id_number, name, phone.value(), id.male ? "M" : "F", "station", false};
      // Registered at the desk, staff have the ID card in hand: verified. At a kiosk: not yet.
      if (by.role != "resident") nr.verified_by = by.who;
      rid = w.add_resident(nr);
      w.append_event("resident.registered", {{"resident_id", rid}, {"id_number", v.id_number},
                                             {"name", name.empty() ? json(nullptr) : json(name)},
                                             {"name_pending", name.empty()}, {"phone", phone.value()},
                                             {"sex", id.male ? "M" : "F"}, {"by", by.who}});
      w.append_audit(by, {.action = "change", .object = "resident:" + std::to_string(rid), .subject_hash = subject,
                          .detail = {{"event", "resident.registered"}}});
    }
    std::int64_t id = 0;
    switch (w.book(rid, kind, date, b, &id)) {
      case Writer::BookOutcome::no_session: throw ApiError("no_session", "date");
      case Writer::BookOutcome::day_full: throw ApiError("day_full", "date");
      case Writer::BookOutcome::already_booked: throw ApiError("already_booked", "kind");
      case Writer::BookOutcome::booked: break;
    }
    auto a = w.appointment(id).value();
    json ev = {{"appointment_id", id}, {"resident_id", rid}, {"id_number", v.id_number},
               {"kind", r.kind}, {"date", date.str()}, {"ticket", a.ticket},
               {"channel", r.channel}, {"terminal", r.terminal}, {"created_at", a.created_at},
               {"by", by.who}};
    if (b.address) ev["address"] = *b.address;
    if (b.reason) ev["reason"] = *b.reason;
    w.append_event("appointment.booked", ev);
    w.append_audit(by, {.action = "change", .object = "appointment:" + std::to_string(id), .subject_hash = subject,
                        .detail = {{"event", "appointment.booked"}, {"kind", r.kind}}});
    return id;
  });
  return store_.read([&](Reader& rd) { return rd.appointment(appt_id).value(); });
}

std::vector<Appointment> StationService::appointments(const Identity& who, const Actor& by) {
  Verified v = verify(who.id_number, who.phone_last4.value_or(""), by);
  return store_.write([&](Writer& w) {
    w.append_audit(by, {.action = "view", .object = "appointments", .subject_hash = id_hash(v.id_number)});
    return w.appointments_of(v.resident_id);
  });
}

Appointment StationService::cancel(std::int64_t appointment_id, const Identity& who, const Actor& by) {
  Verified v = verify(who.id_number, who.phone_last4.value_or(""), by);
  store_.write([&](Writer& w) {
    auto a = w.appointment(appointment_id);
    // Someone else's appointment looks exactly like a missing one.
    if (!a || a->resident_id != v.resident_id) throw ApiError("not_found");
    if (!can_transition(a->kind, a->status, AppointmentStatus::cancelled))
      throw ApiError("invalid_transition");
    w.set_status(appointment_id, AppointmentStatus::cancelled);
    w.append_event("appointment.cancelled", {{"appointment_id", appointment_id},
                                             {"resident_id", v.resident_id},
                                             {"by", "resident"},
                                             {"at", store_.now_iso()}});
    w.append_audit(by, {.action = "change", .object = "appointment:" + std::to_string(appointment_id),
                        .subject_hash = id_hash(v.id_number), .detail = {{"event", "appointment.cancelled"}}});
  });
  return store_.read([&](Reader& r) { return r.appointment(appointment_id).value(); });
}

std::vector<Application> StationService::subsidies(const Identity& who, std::string* as_of, const Actor& by) {
  Verified v = verify(who.id_number, who.phone_last4.value_or(""), by);
  require_verified(v.resident_id);
  return store_.write([&](Writer& w) {
    w.append_audit(by, {.action = "view", .object = "subsidies", .subject_hash = id_hash(v.id_number)});
    if (as_of) *as_of = w.meta("reference_as_of").value_or(w.meta("created_at").value_or(""));
    return w.applications_of(v.resident_id);
  });
}

std::shared_ptr<const JobIndex> StationService::job_index() {
  Date t = today();
  std::uint64_t gen;
  {
    std::lock_guard lock(index_mu_);
    bool fresh = index_ && index_generation_ == store_.jobs_generation() && index_date_ == t;
    // While one request rebuilds, the others keep answering from the previous index.
    if (fresh || (index_ && rebuilding_)) return index_;
    rebuilding_ = true;
    // Read the generation before the listings: a change committed meanwhile rebuilds again.
    gen = store_.jobs_generation();
  }
  std::shared_ptr<const JobIndex> built;
  try {
    auto docs = store_.read([&](Reader& r) { return r.listable_jobs(t); });
    built = std::make_shared<const JobIndex>(std::move(docs));
  } catch (...) {
    std::lock_guard lock(index_mu_);
    rebuilding_ = false;
    throw;
  }
  std::lock_guard lock(index_mu_);
  index_ = built;
  index_generation_ = gen;
  index_date_ = t;
  rebuilding_ = false;
  return index_;
}

JobPage StationService::jobs(const JobSearch& s) {
  if (s.category < 0 || s.category > 7) throw ApiError("invalid_query", "category", "range");
  auto index = job_index();
  auto page = index->search(JobQuery{s.q, s.district, s.job_type, s.category},
                            std::size_t(s.page - 1) * s.page_size, s.page_size);
  JobPage out;
  out.total = page.total;
  out.jobs = store_.read([&](Reader& r) { return r.jobs_by_ids(page.ids); });
  return out;
}

std::optional<Job> StationService::job(std::int64_t id) {
  Date t = today();
  auto j = store_.read([&](Reader& r) { return r.job(id); });
  // Unreviewed or expired listings are not shown on a kiosk.
  if (!j || j->review_status != "approved" || j->deadline < t) return std::nullopt;
  return j;
}

std::int64_t StationService::register_interest(std::int64_t job_id, const Identity& who,
                                               const std::string& terminal) {
  if (!job(job_id)) throw ApiError("not_found");
  std::optional<std::int64_t> rid;
  std::optional<std::string> name, phone, subject;
  Actor by = Actor::resident_at(terminal);
  if (!who.id_number.empty()) {
    auto v = verify(who.id_number, who.phone_last4.value_or(""), by);
    rid = v.resident_id;
    subject = id_hash(v.id_number);
  } else {
    if (!who.name) throw ApiError("invalid_field", "name", "missing");
    if (!who.phone) throw ApiError("invalid_field", "phone", "missing");
    auto n = check_name(*who.name);
    if (!n) throw ApiError(n.problem());
    auto p = check_phone(*who.phone);
    if (!p) throw ApiError(p.problem());
    name = n.value();
    phone = p.value();
  }
  return store_.write([&](Writer& w) {
    auto id = w.add_interest(job_id, rid, name, phone, terminal);
    json ev = {{"interest_id", id}, {"job_id", job_id}, {"terminal", terminal}};
    if (auto j = w.job(job_id); j && j->central_ref) ev["job_ref"] = *j->central_ref;
    if (rid) ev["resident_id"] = *rid;
    if (name) ev["name"] = *name;
    if (phone) ev["phone"] = *phone;
    w.append_event("job_interest.registered", ev);
    w.append_audit(by, {.action = "change", .object = "job_interest:" + std::to_string(id), .subject_hash = subject,
                        .detail = {{"event", "job_interest.registered"}, {"job_id", job_id}}});
    return id;
  });
}

StaffCall StationService::call_staff(const std::string& terminal, const std::string& reason) {
  auto id = store_.write([&](Writer& w) {
    auto id = w.add_staff_call(terminal, reason);
    w.append_event("staff_call.created", {{"call_id", id}, {"terminal", terminal}, {"reason", reason}});
    return id;
  });
  log::info("station", "staff called from terminal " + terminal + " (call " + std::to_string(id) + ")");
  calls_changed();
  return staff_call(id).value();
}

std::uint64_t StationService::calls_version() const {
  std::lock_guard lock(calls_mu_);
  return calls_version_;
}

void StationService::calls_changed() {
  {
    std::lock_guard lock(calls_mu_);
    ++calls_version_;
  }
  calls_cv_.notify_all();
}

std::uint64_t StationService::wait_calls(std::uint64_t since, std::chrono::milliseconds limit) {
  std::unique_lock lock(calls_mu_);
  calls_cv_.wait_for(lock, limit, [&] { return calls_version_ != since; });
  return calls_version_;
}

std::optional<StaffCall> StationService::staff_call(std::int64_t id) {
  return store_.read([&](Reader& r) { return r.staff_call(id); });
}

}  // namespace tx::station
