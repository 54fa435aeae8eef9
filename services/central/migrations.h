// Both engines' numbered migrations (texts in central/statements.cpp, next to every other SQL).
#pragma once
#include <span>

#include "store/sqlite.h"

namespace tx::central {
std::span<const sql::Migration> sqlite_migrations();
std::span<const sql::Migration> postgres_migrations();
// The SQLite engine's heartbeat-claims file ("<database>.hbclaims"; Engine::claim_heartbeat).
std::span<const sql::Migration> sqlite_claims_migrations();
}  // namespace tx::central
