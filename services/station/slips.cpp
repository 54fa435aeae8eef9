#include "station/slips.h"

#include "common/errors.h"
#include "domain/identity.h"
#include "domain/slip_code.h"

namespace tx::station {

namespace {

SlipMac mac_of(StationService& svc, std::int64_t id, const Date& date) {
  std::string h = svc.store().vault().mac("slip-code-v1", slip_mac_input(id, date.str()));
  SlipMac m{};
  for (size_t i = 0; i < m.size(); ++i) m[i] = uint8_t(h[i]);
  return m;
}

bool same(const SlipMac& a, const SlipMac& b) {  // constant time
  uint8_t d = 0;
  for (size_t i = 0; i < a.size(); ++i) d |= a[i] ^ b[i];
  return d == 0;
}

}  // namespace

std::string slip_code(StationService& svc, const Appointment& a) {
  return encode_slip_code(a.id, mac_of(svc, a.id, a.session.date));
}

Appointment appointment_by_slip(StationService& svc, const std::string& code) {
  std::int64_t id = 0;
  SlipMac mac{};
  if (!decode_slip_code(code, &id, &mac)) throw ApiError("slip_invalid", "slip_code");
  auto a = svc.store().read([&](Reader& r) { return r.appointment(id); });
  // An unknown id and a wrong MAC look the same: nobody learns which ids exist.
  if (!a || !same(mac, mac_of(svc, a->id, a->session.date))) throw ApiError("slip_invalid", "slip_code");
  if (a->status != AppointmentStatus::booked && a->status != AppointmentStatus::checked_in &&
      a->status != AppointmentStatus::dispatched)
    throw ApiError("slip_inactive", "slip_code");
  if (a->session.date.str() < svc.today().str()) throw ApiError("slip_expired", "slip_code");
  return *a;
}

Appointment resident_appointment_by_slip(StationService& svc, const std::string& code,
                                         const std::string& phone_last4, const Actor& by) {
  auto last4 = check_phone_last4(phone_last4);
  if (!last4) throw ApiError(last4.problem());
  Appointment a = appointment_by_slip(svc, code);
  // The lock is per resident (their slips), apart from the ID-number lock.
  const std::string lock = svc.store().vault().mac("slip-lock-v1", std::to_string(a.resident_id));
  const auto now = svc.store().clock().now();
  struct Seen {
    bool locked = false, match = false;
  };
  Seen seen = svc.store().read([&](Reader& r) {
    Seen s;
    if (r.lock_state(lock).locked_at(now)) return s.locked = true, s;
    auto phone = r.resident_phone(a.resident_id);
    s.match = phone && phone->size() >= 4 && phone->substr(phone->size() - 4) == last4.value();
    return s;
  });
  const std::string object = "appointment:" + std::to_string(a.id);
  if (seen.locked) {
    svc.store().write([&](Writer& w) {
      w.append_audit(by, {.action = "verify_failed", .object = object, .detail = {{"slip", true}, {"locked", true}},
                          .outcome = "denied"});
    });
    throw ApiError("locked");
  }
  if (!seen.match) {
    const auto& cfg = svc.config();
    auto st = svc.store().write([&](Writer& w) {
      auto st = w.record_failure(lock, cfg.max_failed_verifications, cfg.lock_minutes);
      w.append_audit(by, {.action = st.locked_until ? "lockout" : "verify_failed", .object = object,
                          .detail = {{"slip", true}, {"failures", st.failures}},
                          .outcome = st.locked_until ? "denied" : "failed"});
      return st;
    });
    throw ApiError(st.locked_until ? "locked" : "verification_failed", "phone_last4");
  }
  svc.store().write([&](Writer& w) {
    w.clear_failures(lock);
    w.append_audit(by, {.action = "view", .object = object, .detail = {{"slip", true}}});
  });
  return a;
}

}  // namespace tx::station
