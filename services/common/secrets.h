// Secrets on disk: the vault key that encrypts personal data at rest (libsodium secretbox,
// XSalsa20-Poly1305) and gives keyed hashes for look-ups (BLAKE2b), and bearer-token files.
// Files are created with mode 0600 and never overwritten.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tx {

class Vault {
 public:
  // open_or_create: loads the key file, or creates it (0600) when missing and allowed.
  // Throws std::runtime_error naming the file when it cannot be read, written or parsed.
  static Vault open_or_create(const std::string& key_path, bool allow_create);
  // from_seed: a deterministic vault for tests and benchmarks (never for real data).
  static Vault from_seed(std::string_view seed);

  // seal: nonce || secretbox(plaintext). Binary; store as a BLOB.
  std::string seal(std::string_view plaintext) const;
  // seal_each: seal() of every plaintext, with all the nonces drawn in one call to the CSPRNG
  // (one getrandom(2) per batch instead of one per event: central's ingest, docs/benchmarks.md).
  std::vector<std::string> seal_each(const std::vector<std::string_view>& plaintexts) const;
  // open: the plaintext, or nullopt if the blob was not sealed with this key or was altered.
  std::optional<std::string> open(std::string_view sealed) const;
  // lookup_hash: 32-byte keyed hash, equal for equal inputs; the key never leaves the machine,
  // so the hash cannot be reversed by trying every ID number.
  std::string lookup_hash(std::string_view text) const;
  // mac: a 32-byte keyed hash (BLAKE2b) of `data` under a subkey derived for `domain`
  // ("audit-chain-v1", "staff-session", …), so hashes made for one purpose never match another's.
  // Used for the audit log's hash chain and for stored session tokens.
  std::string mac(std::string_view domain, std::string_view data) const;
  // fingerprint: a short hex tag of the key, stored in the database to detect a wrong key file.
  std::string fingerprint() const;

 private:
  Vault() = default;
  unsigned char box_key_[32];
  unsigned char hash_key_[32];
};

// random_hex: `bytes` random bytes as lower-case hex (libsodium's CSPRNG).
std::string random_hex(std::size_t bytes);
std::string to_hex(std::string_view bin);
std::optional<std::string> from_hex(std::string_view hex);

// load_or_create_token: the token in `path` (trimmed), or a new random one written with mode
// 0600 when the file is missing. Throws std::runtime_error when the file cannot be used.
std::string load_or_create_token(const std::string& path);
// read_token: the trimmed contents of an existing token/secret file; throws when unreadable/empty.
std::string read_token(const std::string& path);
// write_secret_file: creates `path` with mode 0600 holding `content` (fails if it exists).
void write_secret_file(const std::string& path, std::string_view content);

// constant_time_equal: compares secrets without leaking where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace tx
