// Station schema, as numbered migrations. Never edit a migration that has shipped: add one.
// Personal data is sealed (*_sealed BLOBs, see common/secrets.h) with a keyed hash for look-ups;
// masked forms are kept for display. The raw file holds no ID or phone number in clear text.
#include "station/store.h"

namespace tx::station {

static const sql::Migration kMigrations[] = {
    {1, "initial", R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE residents(
  id INTEGER PRIMARY KEY,
  id_hash BLOB NOT NULL UNIQUE,
  id_sealed BLOB NOT NULL,
  id_masked TEXT NOT NULL,
  name_sealed BLOB NOT NULL,
  name_masked TEXT NOT NULL,
  phone_sealed BLOB,
  phone_masked TEXT,
  sex TEXT CHECK (sex IN ('M', 'F')),
  source TEXT NOT NULL DEFAULT 'station' CHECK (source IN ('station', 'central', 'demo')),
  synthetic INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE certificates(
  id INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
  category INTEGER NOT NULL CHECK (category BETWEEN 1 AND 7),
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  replacement INTEGER NOT NULL DEFAULT 0 CHECK (replacement >= 0),
  issued_on TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('valid', 'expired', 'lost', 'frozen', 'cancelled')),
  updated_at TEXT NOT NULL
);
CREATE INDEX certificates_resident ON certificates(resident_id);
CREATE INDEX certificates_expiry ON certificates(expires_on);

CREATE TABLE sessions(
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  institution TEXT NOT NULL,
  place TEXT NOT NULL,
  categories TEXT NOT NULL DEFAULT '',
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  booked INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0),
  next_ticket INTEGER NOT NULL DEFAULT 1,
  source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'central')),
  UNIQUE (date, kind)
);

CREATE TABLE appointments(
  id INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  kind TEXT NOT NULL,
  date TEXT NOT NULL,
  ticket TEXT NOT NULL,
  status TEXT NOT NULL,
  address_sealed BLOB,
  reason TEXT,
  channel TEXT NOT NULL DEFAULT 'kiosk',
  terminal TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (session_id, ticket)
);
-- At most one active appointment per resident and kind (DOMAIN.md), enforced by the database.
CREATE UNIQUE INDEX appointments_one_active ON appointments(resident_id, kind)
  WHERE status IN ('booked', 'checked_in', 'dispatched');
CREATE INDEX appointments_resident ON appointments(resident_id);
CREATE INDEX appointments_date ON appointments(date);

CREATE TABLE applications(
  id INTEGER PRIMARY KEY,
  central_ref TEXT UNIQUE,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  programme TEXT NOT NULL,
  status TEXT NOT NULL,
  stage_date TEXT NOT NULL,
  office TEXT NOT NULL DEFAULT '',
  monthly_amount_fen INTEGER,
  start_month TEXT,
  payout_account_masked TEXT,
  next_review TEXT,
  reason TEXT,
  applicant TEXT NOT NULL DEFAULT 'self',
  agent_name_sealed BLOB,
  source TEXT NOT NULL DEFAULT 'central',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX applications_resident ON applications(resident_id);

CREATE TABLE payments(
  id INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  paid_on TEXT NOT NULL,
  UNIQUE (application_id, period)
);

CREATE TABLE jobs(
  id INTEGER PRIMARY KEY,
  central_ref TEXT UNIQUE,
  title TEXT NOT NULL,
  employer TEXT NOT NULL,
  places INTEGER NOT NULL DEFAULT 1,
  salary_min INTEGER,
  salary_max INTEGER,
  hours TEXT NOT NULL DEFAULT '',
  education TEXT NOT NULL DEFAULT '',
  district TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  job_type TEXT NOT NULL DEFAULT 'other',
  categories TEXT NOT NULL DEFAULT '',
  levels TEXT NOT NULL DEFAULT '',
  accessibility TEXT NOT NULL DEFAULT '',
  physical_demands TEXT NOT NULL DEFAULT '',
  board_lodging TEXT NOT NULL DEFAULT '',
  training TEXT NOT NULL DEFAULT '',
  mode TEXT NOT NULL DEFAULT 'proportional',
  contact TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  deadline TEXT NOT NULL,
  review_status TEXT NOT NULL DEFAULT 'approved',
  updated_at TEXT NOT NULL
);

CREATE TABLE job_interests(
  id INTEGER PRIMARY KEY,
  job_id INTEGER NOT NULL REFERENCES jobs(id),
  resident_id INTEGER REFERENCES residents(id),
  name_sealed BLOB,
  phone_sealed BLOB,
  phone_masked TEXT,
  terminal TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'registered',
  created_at TEXT NOT NULL
);
CREATE INDEX job_interests_job ON job_interests(job_id);

CREATE TABLE staff_calls(
  id INTEGER PRIMARY KEY,
  terminal TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'closed')),
  created_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  closed_at TEXT
);

CREATE TABLE verification_failures(
  id_hash BLOB PRIMARY KEY,
  failures INTEGER NOT NULL,
  first_at TEXT NOT NULL,
  locked_until TEXT
) WITHOUT ROWID;

-- Sync outbox (SYNC.md): written in the same transaction as each change. seq never repeats
-- (AUTOINCREMENT), even after acknowledged events are purged.
CREATE TABLE outbox(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  payload BLOB NOT NULL,
  created_at TEXT NOT NULL
);
)SQL"},
    // 2 is the sync engine's (branch sync). It needed no schema change when staff, privacy and
    // audit (3) were written; this no-op keeps the numbering without a gap. If sync ever needs
    // a station migration, it takes 4.
    {2, "reserved for sync (no change)", "SELECT 1;"},
    {3, "staff accounts, sessions, audit log, name look-ups, staff-registered requests", R"SQL(
-- Exact-name look-up for staff search: keyed hash of the trimmed name (filled in for existing
-- rows by the store when it opens the file, since the key is not known to SQL).
ALTER TABLE residents ADD COLUMN name_hash BLOB;
CREATE INDEX residents_name_hash ON residents(name_hash);

CREATE TABLE staff(
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('staff', 'station_admin')),
  pin_hash TEXT NOT NULL,                -- Argon2id string (libsodium crypto_pwhash)
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  must_change_pin INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_login_at TEXT
);

-- Only a keyed hash of each session token is stored: a copy of the file does not sign anyone in.
CREATE TABLE staff_sessions(
  id INTEGER PRIMARY KEY,
  token_hash BLOB NOT NULL UNIQUE,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  terminal TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT
);
CREATE INDEX staff_sessions_staff ON staff_sessions(staff_id);

-- Audit log: who, when, which terminal, what, which resident (keyed hash of the ID number).
-- Append-only (the triggers refuse UPDATE and DELETE) and hash-chained: each row's hash is a
-- keyed BLAKE2b over the previous hash and the row, so an edit or a deletion breaks the chain
-- at that row (tongxing-ctl audit verify). meta 'audit.head' holds the last link, so cutting
-- rows off the end is detected too.
CREATE TABLE audit_log(
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  terminal TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  subject_hash BLOB,
  object TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}',
  note_sealed BLOB,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log(subject_hash) WHERE subject_hash IS NOT NULL;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Applications registered at the desk, by the resident or an agent (guardian, relative,
-- village committee): the agent's details are sealed like the resident's.
ALTER TABLE applications ADD COLUMN agent_relation TEXT;
ALTER TABLE applications ADD COLUMN agent_phone_sealed BLOB;
ALTER TABLE applications ADD COLUMN agent_phone_masked TEXT;
ALTER TABLE applications ADD COLUMN agent_id_hash BLOB;
ALTER TABLE applications ADD COLUMN agent_id_sealed BLOB;
ALTER TABLE applications ADD COLUMN agent_id_masked TEXT;
ALTER TABLE applications ADD COLUMN note_sealed BLOB;
ALTER TABLE applications ADD COLUMN registered_by TEXT;
ALTER TABLE applications ADD COLUMN terminal TEXT;

-- Change reports (变更申报): moved, household or income change, death, new guardian … that the
-- subsidy offices must learn about.
CREATE TABLE change_reports(
  id INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  change_type TEXT NOT NULL,
  programme TEXT,
  applicant TEXT NOT NULL DEFAULT 'self',
  agent_relation TEXT,
  agent_name_sealed BLOB,
  agent_phone_sealed BLOB,
  agent_phone_masked TEXT,
  agent_id_hash BLOB,
  agent_id_sealed BLOB,
  agent_id_masked TEXT,
  details_sealed BLOB,
  status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'forwarded', 'closed')),
  registered_by TEXT NOT NULL,
  terminal TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX change_reports_resident ON change_reports(resident_id);

-- Staff follow-up of job interests.
ALTER TABLE job_interests ADD COLUMN updated_at TEXT;
ALTER TABLE job_interests ADD COLUMN handled_by TEXT;
CREATE INDEX job_interests_status ON job_interests(status);

CREATE INDEX staff_calls_status ON staff_calls(status);
)SQL"},
    {4, "verified identities, identity flags, no clear digits of ID numbers or phones", R"SQL(
-- A first-time applicant registered at a kiosk is unverified until staff check the ID card
-- (check-in of the first appointment, or the staff action "verify identity"). Residents from
-- central and the demo data count as verified; so do residents staff already met (an
-- appointment checked in or later, or booked at the desk).
ALTER TABLE residents ADD COLUMN verified_at TEXT;
ALTER TABLE residents ADD COLUMN verified_by TEXT;
UPDATE residents SET verified_at = updated_at, verified_by = source WHERE source IN ('central', 'demo');
UPDATE residents SET verified_at = updated_at, verified_by = 'migration'
 WHERE verified_at IS NULL AND EXISTS (
   SELECT 1 FROM appointments a WHERE a.resident_id = residents.id
      AND (a.status IN ('checked_in', 'completed', 'dispatched', 'visit_failed') OR a.channel = 'staff'));

-- Flags for staff: a first-time booking for a registered ID number with another phone number.
-- The other phone is sealed like every phone.
CREATE TABLE identity_flags(
  id INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  kind TEXT NOT NULL CHECK (kind IN ('second_phone')),
  phone_sealed BLOB,
  terminal TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT
);
CREATE INDEX identity_flags_resident ON identity_flags(resident_id);

-- Nothing in clear narrows an ID number or holds a phone's last four digits (the kiosk's second
-- factor): the masked forms and sex are derived from the sealed values when read. The columns
-- stay (a shipped schema is never rewritten) but are emptied; the store VACUUMs the file after
-- this migration so the old values do not survive in free pages.
UPDATE residents SET id_masked = '', phone_masked = NULL, sex = NULL;
UPDATE job_interests SET phone_masked = NULL;
UPDATE applications SET agent_phone_masked = NULL, agent_id_masked = NULL;
UPDATE change_reports SET agent_phone_masked = NULL, agent_id_masked = NULL;
)SQL"},
};

std::span<const sql::Migration> station_migrations() { return kMigrations; }

}  // namespace tx::station
