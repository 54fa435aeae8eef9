#include "core/identity.h"

#include <cstdlib>

namespace tx {

std::string normalize_id(std::string id) {
  for (auto& c : id)
    if (c == 'x') c = 'X';
  return id;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

IdCheck check_id_number(const std::string& raw, const std::string& today) {
  std::string id = normalize_id(raw);
  if (id.size() < 18) return IdCheck::too_short;
  if (id.size() > 18) return IdCheck::too_long;
  for (size_t i = 0; i < 17; ++i)
    if (id[i] < '0' || id[i] > '9') return IdCheck::bad_character;
  if (!((id[17] >= '0' && id[17] <= '9') || id[17] == 'X')) return IdCheck::bad_character;
  int prov = std::atoi(id.substr(0, 2).c_str());
  bool prov_ok = (prov >= 11 && prov <= 15) || (prov >= 21 && prov <= 23) ||
                 (prov >= 31 && prov <= 37) || (prov >= 41 && prov <= 46) ||
                 (prov >= 50 && prov <= 54) || (prov >= 61 && prov <= 65) || prov == 81 ||
                 prov == 82 || prov == 83;
  if (!prov_ok) return IdCheck::bad_province;
  int y = std::atoi(id.substr(6, 4).c_str()), m = std::atoi(id.substr(10, 2).c_str()),
      d = std::atoi(id.substr(12, 2).c_str());
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1880 || m < 1 || m > 12 || d < 1) return IdCheck::bad_date;
  int dim = kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
  if (d > dim) return IdCheck::bad_date;
  if (today.size() == 10 && id.substr(6, 8) > today.substr(0, 4) + today.substr(5, 2) + today.substr(8, 2))
    return IdCheck::bad_date;
  static const int kW[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kMap[] = "10X98765432";
  int s = 0;
  for (int i = 0; i < 17; ++i) s += (id[i] - '0') * kW[i];
  if (kMap[s % 11] != id[17]) return IdCheck::bad_checksum;
  return IdCheck::ok;
}

std::string mask_id(const std::string& id) {
  if (id.size() <= 7) return std::string(id.size(), '*');
  return id.substr(0, 3) + std::string(id.size() - 7, '*') + id.substr(id.size() - 4);
}

std::string mask_phone(const std::string& p) {
  if (p.size() < 8) return std::string(p.size(), '*');
  return p.substr(0, 3) + std::string(p.size() - 7, '*') + p.substr(p.size() - 4);
}

}  // namespace tx
