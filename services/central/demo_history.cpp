// Synthetic history for the demo (./run.sh): see CentralStore::add_demo_history in store.h.
// Events go through apply_batch (sealed, counted in the statistics exactly like real ones);
// the plots' hourly history is written with the statements the heartbeat and ingest use.
#include <random>

#include "central/store.h"
#include "domain/date.h"

namespace tx::central {

using nlohmann::json;

std::vector<std::string> CentralStore::add_demo_history(int extra, const std::optional<std::string>& backfill,
                                                        unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return int(rng() % unsigned(n)); };
  const auto now = clock_.now();
  static const char* districts[] = {"东城区", "西城区", "朝阳区", "海淀区"};
  static const char* kinds[] = {"first_assessment", "renewal", "reassessment", "replacement", "home_assessment"};
  std::vector<std::string> ids;
  for (int i = 0; i < extra; ++i) {
    auto e = add_station(std::string(districts[i % 4]) + "示例站" + std::to_string(i + 1), std::string(districts[i % 4]));
    ids.push_back(e.station_id);
    // About 180 days of events, oldest first, in batches as a station would send them.
    std::vector<sync::Event> events;
    std::int64_t seq = 0, call = 0;
    for (int day = 180; day >= 1; --day) {
      auto t = now - std::chrono::hours(24 * day) + std::chrono::minutes(9 * 60 + pick(420));
      int n = 2 + pick(6);
      for (int k = 0; k < n; ++k, t += std::chrono::minutes(3 + pick(20))) {
        std::string type;
        json p = json::object();
        switch (pick(10)) {
          case 0: case 1: case 2: type = "appointment.booked"; p["kind"] = kinds[pick(5)]; break;
          case 3: case 4: type = "appointment.checked_in"; break;
          case 5: type = pick(2) ? "appointment.no_show" : "appointment.cancelled"; break;
          case 6: type = "resident.registered"; break;
          case 7: type = "job_interest.registered"; break;
          case 8: type = "application.registered"; p["programme"] = pick(2) ? "living_allowance" : "nursing_allowance"; break;
          default: {
            p["call_id"] = ++call;
            events.push_back({++seq, random_hex(16), "staff_call.created", iso_utc(t), p.dump()});
            t += std::chrono::seconds(20 + pick(240));
            type = "staff_call.acknowledged";
            p["at"] = iso_utc(t);
          }
        }
        events.push_back({++seq, random_hex(16), type, iso_utc(t), p.dump()});
      }
    }
    for (std::size_t from = 0; from < events.size(); from += 200)
      apply_batch(e.station_id, std::vector<sync::Event>(events.begin() + long(from),
                                                         events.begin() + long(std::min(events.size(), from + 200))));
  }
  // 30 days of hourly history; the extra stations fall silent at different times, so the
  // fleet shows every state (ok, late, stale, never synced is a station that never called).
  std::vector<std::pair<std::string, int>> silent_for_h;  // station, hours since its last heartbeat
  if (backfill) silent_for_h.emplace_back(*backfill, 0);
  for (std::size_t i = 0; i < ids.size(); ++i) silent_for_h.emplace_back(ids[i], i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 40);
  for (const auto& [id, silent] : silent_for_h) {
    tx(Engine::write, [&](Conn& c) {
      for (int h = 30 * 24; h >= std::max(silent, 1); --h) {
        auto hour = std::chrono::floor<std::chrono::hours>(now) - std::chrono::hours(h);
        std::int64_t backlog = pick(8) == 0 ? pick(120) : pick(4);
        for (int m = 0; m < 60; m += 10) {
          bool error = pick(200) == 0;
          c.run(Q::heartbeat_log, {id, iso_utc(hour + std::chrono::minutes(m)), backlog, std::int64_t(error ? 1 : 0)});
        }
        bool open = (iso_utc(hour).substr(11, 2) >= "01" && iso_utc(hour).substr(11, 2) <= "09");  // 9-17 China time
        if (open) c.run(Q::event_hours_add, {id, iso_utc(hour).substr(0, 13), std::int64_t(pick(12))});
      }
      if (silent > 0) {  // its last heartbeat, so the station row agrees with the history
        Heartbeat hb;
        c.run(Q::station_heartbeat, {iso_utc(now - std::chrono::hours(silent)), hb.backlog, std::string(), std::string("0.1.0"),
                                     std::int64_t(hb.protocol), Value(std::int64_t(40) << 30), std::int64_t(0), id});
      }
    });
    if (silent == 0 && id != backfill) {
      Heartbeat hb;
      hb.version = "0.1.0";
      hb.disk_free_bytes = std::int64_t(55) << 30;
      heartbeat(id, hb);
    }
  }
  return ids;
}

}  // namespace tx::central
