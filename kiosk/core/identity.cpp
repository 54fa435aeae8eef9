#include "core/identity.h"

namespace tx {

std::string normalize_id(std::string id) {
  for (auto& c : id)
    if (c == 'x') c = 'X';
  return id;
}

IdCheck check_id_number(const std::string& id, const std::string& today) {
  if (id.size() < 18) return IdCheck::too_short;
  if (id.size() > 18) return IdCheck::too_long;
  static const Date kNoLimit = *Date::parse("9999-12-31");
  auto day = Date::parse(today);
  auto r = check_id_number(std::string_view(id), day ? *day : kNoLimit);
  if (r) return IdCheck::ok;
  const std::string& why = r.problem().reason;
  if (why == "characters") return IdCheck::bad_character;
  if (why == "region") return IdCheck::bad_province;
  if (why == "birth_date" || why == "future_birth_date") return IdCheck::bad_date;
  return IdCheck::bad_checksum;
}

const char* kind_key(const std::string& code) {
  for (std::size_t i = 0; i < std::size(kKinds); ++i)
    if (code == kKinds[i]) return kKindKeys[i];
  return nullptr;
}

}  // namespace tx
