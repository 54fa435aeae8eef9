// Synthetic demo data (DOMAIN.md "Synthetic data"): never real people. IDs use real county
// codes with random birth dates and computed check characters; phones use the unallocated 100
// prefix; employers are obviously fictional (示例…有限公司). Deterministic for a seed and date.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "station/config.h"
#include "station/store.h"

namespace tx::station {

struct DemoOptions {
  int residents = 200;
  int jobs = 60;
  std::uint64_t seed = 1;
  int session_days = 92;  // assessment days for the next three months
};

// A resident the demo and the tests can sign in as (synthetic data only).
struct DemoPersona {
  std::string persona;  // "renewal_due", "subsidies", "no_certificate", "mental_minor", ...
  std::string id_number, name, phone;
};

struct DemoSummary {
  int residents = 0, certificates = 0, applications = 0, payments = 0, jobs = 0, sessions = 0;
  std::vector<DemoPersona> personas;
};

// generate_demo_data: fills an empty (or demo) station database in one transaction.
DemoSummary generate_demo_data(Store& store, const StationConfig& cfg, const DemoOptions& opt);

}  // namespace tx::station
