#include "sync/station_sync_store.h"

#include "common/errors.h"
#include "domain/appointment.h"
#include "domain/date.h"
#include "domain/subsidy.h"

namespace tx::sync {

using nlohmann::json;

namespace {
// The station's Writer, with the connection in reach for the few statements sync adds.
class SyncWriter : public station::Writer {
 public:
  using Writer::Writer;
  sql::Db& db() { return db_; }
};

// Moves a sync position (SYNC.md) and audits the step in the same transaction: sync moves
// personal data off the station (acknowledged outbox events) and onto it (reference pages).
void move_position(station::Writer& w, const char* key, std::int64_t to) {
  std::int64_t from = w.meta_int(key);
  w.set_meta(key, std::to_string(to));
  if (from == to) return;
  bool acked = std::string_view(key) == "sync.acked_seq";
  json detail = {{"from", from}, {"to", to}};
  if (acked) detail["events"] = to - from;  // negative: central asked to resend
  w.append_audit(station::Actor::system("sync"),
                 {.action = "sync", .object = acked ? "outbox:acknowledged" : "reference:applied", .detail = detail});
}

std::string str(const json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::optional<std::string> opt_str(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}
std::vector<int> ints(const json& j, const char* k) {
  std::vector<int> out;
  auto it = j.find(k);
  if (it != j.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_number_integer()) out.push_back(v.get<int>());
  return out;
}

void apply_job(SyncWriter& w, const std::string& ref, const json& d) {
  station::Job j{};
  j.central_ref = ref;
  j.title = str(d, "title");
  j.employer = str(d, "employer");
  j.places = d.value("places", 1);
  if (d.contains("salary_min") && d["salary_min"].is_number_integer()) j.salary_min = d["salary_min"].get<int>();
  if (d.contains("salary_max") && d["salary_max"].is_number_integer()) j.salary_max = d["salary_max"].get<int>();
  j.hours = str(d, "hours");
  j.education = str(d, "education");
  j.district = str(d, "district");
  j.address = str(d, "address");
  j.job_type = str(d, "job_type");
  if (j.job_type.empty()) j.job_type = "other";
  j.categories = ints(d, "categories");
  j.levels = ints(d, "levels");
  if (d.contains("accessibility") && d["accessibility"].is_array())
    for (const auto& a : d["accessibility"])
      if (a.is_string()) j.accessibility.push_back(a.get<std::string>());
  j.physical_demands = str(d, "physical_demands");
  j.board_lodging = str(d, "board_lodging");
  j.training = str(d, "training");
  j.mode = str(d, "mode");
  j.contact = str(d, "contact");
  j.description = str(d, "description");
  j.deadline = Date::parse(str(d, "deadline")).value_or(Date{});
  j.review_status = str(d, "review_status");
  w.upsert_job(j);
}

void apply_subsidy(SyncWriter& w, const std::string& ref, const json& d, const std::string& now) {
  std::string id_number = str(d, "id_number");
  auto rid = w.resident_id_by_number(id_number);
  if (!rid) {
    station::NewResident r;
    r.id_number = id_number;
    r.name = str(d, "name");
    r.phone = opt_str(d, "phone");
    r.sex = opt_str(d, "sex");
    r.source = "central";
    rid = w.add_resident(r);
  } else if (auto r = w.resident(*rid); r && !r->verified()) {
    // The ID number is held by a kiosk registration staff have not verified (issue 14, identity
    // squatting). The records attach to it but stay hidden until staff check the ID card
    // (StationService::require_verified); when central knows another phone for this person, the
    // registration is flagged to staff now, before anyone comes to the desk.
    auto phone = opt_str(d, "phone");
    if (phone && w.resident_phone(*rid) != phone) {
      bool seen = false;
      for (const auto& f : w.identity_flags(*rid))
        if (!f.resolved_at && f.kind == "second_phone" && f.terminal == "sync:central") seen = true;
      if (!seen) {
        w.add_identity_flag(*rid, "second_phone", phone, "sync:central");
        w.append_audit(station::Actor::system("sync"),
                       {.action = "identity_flag", .object = "resident:" + std::to_string(*rid),
                        .subject_hash = w.resident_id_hash(*rid), .detail = {{"kind", "second_phone"}, {"from", "central"}},
                        .outcome = "denied"});
      }
    }
  }
  station::Application a;
  a.central_ref = ref;
  a.resident_id = *rid;
  a.programme = programme_from(str(d, "programme")).value_or(Programme::living_subsidy);
  a.status = application_status_from(str(d, "status")).value_or(ApplicationStatus::applied);
  a.stage_date = str(d, "stage_date");
  a.office = str(d, "office");
  if (d.contains("monthly_amount_fen") && d["monthly_amount_fen"].is_number_integer())
    a.monthly_amount_fen = d["monthly_amount_fen"].get<std::int64_t>();
  a.start_month = opt_str(d, "start_month");
  a.payout_account_masked = opt_str(d, "payout_account_masked");
  a.next_review = opt_str(d, "next_review");
  a.reason = opt_str(d, "reason");
  a.applicant = str(d, "applicant");
  if (a.applicant.empty()) a.applicant = "self";

  auto& find = w.db().prep("SELECT id FROM applications WHERE central_ref = ?");
  find.bind_all(ref);
  std::optional<std::int64_t> id;
  if (find.step()) id = find.i64(0);
  find.reset();
  if (!id) {
    id = w.add_application(a);
  } else {
    auto& up = w.db().prep(
        "UPDATE applications SET resident_id = ?, programme = ?, status = ?, stage_date = ?, office = ?, "
        "monthly_amount_fen = ?, start_month = ?, payout_account_masked = ?, next_review = ?, reason = ?, "
        "applicant = ?, updated_at = ? WHERE id = ?");
    up.bind(1, a.resident_id).bind(2, std::string(to_string(a.programme))).bind(3, std::string(to_string(a.status)));
    up.bind(4, a.stage_date).bind(5, a.office);
    if (a.monthly_amount_fen) up.bind(6, *a.monthly_amount_fen);
    else up.bind(6, nullptr);
    up.bind(7, a.start_month).bind(8, a.payout_account_masked).bind(9, a.next_review).bind(10, a.reason);
    up.bind(11, a.applicant).bind(12, now);
    up.bind(13, *id);
    up.run();
  }
  if (d.contains("payments") && d["payments"].is_array())
    for (const auto& p : d["payments"])
      w.add_payment(*id, station::Payment{str(p, "period"), p.value("amount_fen", std::int64_t(0)), str(p, "paid_on")});
}

void apply_session(SyncWriter& w, const json& d) {
  auto date = Date::parse(str(d, "date"));
  auto kind = appointment_kind_from(str(d, "kind"));
  if (!date || !kind) return;  // a kind this station version does not know: skip, keep the cursor moving
  PlannedSession p;
  p.date = *date;
  p.kind = *kind;
  p.start = str(d, "start");
  p.end = str(d, "end");
  p.institution = str(d, "institution");
  p.place = str(d, "place");
  p.categories = ints(d, "categories");
  p.capacity = d.value("capacity", 0);
  w.upsert_session(p, "central");
}
}  // namespace

OutboxState SyncStore::state() {
  return store_.read<SyncWriter>([&](SyncWriter& rw) {
    OutboxState s;
    s.acked_seq = rw.meta_int("sync.acked_seq");
    s.last_seq = rw.outbox_last_seq();
    auto& lo = rw.db().prep("SELECT min(seq) FROM outbox");
    if (lo.step()) s.oldest_kept = lo.i64(0);
    lo.reset();
    // Sequences are contiguous (AUTOINCREMENT, and only acknowledged events are ever
    // deleted), so the backlog is a subtraction, not a scan of a million rows.
    s.pending = std::max<std::int64_t>(0, s.last_seq - s.acked_seq);
    return s;
  });
}

std::vector<Event> SyncStore::next_batch(std::int64_t after, int max_events, std::size_t max_bytes) {
  return store_.read<SyncWriter>([&](SyncWriter& w) {
    std::vector<Event> out;
    std::size_t bytes = 0;
    auto& s = w.db().prep("SELECT seq, event_id, type, payload, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?");
    s.bind_all(after, max_events);
    while (s.step()) {
      Event e;
      e.seq = s.i64(0);
      if (!out.empty() && e.seq != out.back().seq + 1) break;  // a batch is one contiguous run
      e.event_id = s.text(1);
      e.type = s.text(2);
      auto plain = store_.vault().open(s.blob_at(3));
      if (!plain) throw StorageError("outbox event " + std::to_string(e.seq) + " cannot be opened with the vault key");
      e.payload = std::move(*plain);
      e.created_at = s.text(4);
      bytes += e.payload.size() + e.type.size() + e.created_at.size() + 24;
      out.push_back(std::move(e));
      if (bytes >= max_bytes) break;
    }
    s.reset();
    return out;
  });
}

void SyncStore::set_acked(std::int64_t seq) {
  store_.write([&](station::Writer& w) { move_position(w, "sync.acked_seq", seq); });
}

std::int64_t SyncStore::cursor() {
  return store_.read([&](station::Reader& r) { return r.meta_int("sync.cursor"); });
}

int SyncStore::apply_page(const json& changes, std::int64_t next_cursor) {
  return store_.write<SyncWriter>([&](SyncWriter& w) {
    int n = 0;
    for (const auto& c : changes) {
      std::string kind = str(c, "kind"), ref = str(c, "ref");
      const json& d = c.contains("data") ? c["data"] : json::object();
      if (kind == "job") apply_job(w, ref, d);
      else if (kind == "subsidy") apply_subsidy(w, ref, d, store_.now_iso());
      else if (kind == "session") apply_session(w, d);
      else continue;  // newer kinds: ignored by this version, the cursor still moves on
      ++n;
    }
    move_position(w, "sync.cursor", next_cursor);
    if (n > 0) w.set_meta("reference_as_of", store_.now_iso());
    return n;
  });
}

int SyncStore::purge(int days) {
  auto cutoff = iso_utc(store_.clock().now() - std::chrono::hours(24) * days);
  return store_.write<SyncWriter>([&](SyncWriter& w) {
    auto acked = w.meta_int("sync.acked_seq");
    auto& d = w.db().prep("DELETE FROM outbox WHERE seq <= ? AND created_at < ?");
    d.bind_all(acked, cutoff);
    return d.run();
  });
}

}  // namespace tx::sync
