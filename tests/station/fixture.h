// A station store + service on a temp file with a manual clock (2026-11-25 10:00 Beijing time),
// and helpers to make residents. Shared by the station test files.
#pragma once
#include <gtest/gtest.h>

#include "common/errors.h"
#include "domain/identity.h"
#include "process.h"
#include "station/service.h"

namespace tx::station::testing {

inline std::chrono::system_clock::time_point at(const char* iso) { return *parse_iso_utc(iso); }

// make_id: a valid synthetic ID number for a birth date and sequence number.
inline std::string make_id(const char* yyyymmdd, int seq, const char* county = "110105") {
  char s[8];
  std::snprintf(s, sizeof s, "%03d", seq % 1000);
  std::string f17 = std::string(county) + yyyymmdd + s;
  return f17 + id_check_character(f17);
}

// add_resident: a registered resident, with a certificate when `category` is not 0.
inline std::int64_t add_resident(Store& store, const std::string& id, const std::string& phone, int category,
                                 int level, const char* issued, const std::string& name = "王小明") {
  return store.write([&](Writer& w) {
    auto rid = w.add_resident(NewResident{id, name, phone, "M", "demo", true});
    if (category) {
      Certificate c;
      c.resident_id = rid;
      c.category = category;
      c.level = level;
      c.issued_on = *Date::parse(issued);
      c.expires_on = certificate_expiry(c.issued_on);
      w.add_certificate(c);
    }
    return rid;
  });
}

class StationFixture : public ::testing::Test {
 protected:
  StationFixture()
      : clock_(at("2026-11-25T02:00:00Z")),
        store_(dir_.file("station.db"), Vault::open_or_create(dir_.file("station.db.key"), true), clock_, 4),
        svc_(StationConfig{}, store_) {
    svc_.plan_local_sessions();
  }

  std::int64_t add_resident(const std::string& id, const std::string& phone, int category = 0,
                            int level = 0, const char* issued = "2020-01-10") {
    return testing::add_resident(store_, id, phone, category, level, issued);
  }

  std::int64_t outbox() { return store_.read([](Reader& r) { return r.count("outbox"); }); }

  // expect_code: runs f and expects an ApiError with `code`.
  template <class F>
  static std::string code_of(F&& f) {
    try {
      f();
    } catch (const ApiError& e) {
      return e.code();
    }
    return "no error";
  }

  test::TempDir dir_;
  ManualClock clock_;
  Store store_;
  StationService svc_;
};

}  // namespace tx::station::testing
