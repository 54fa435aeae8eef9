#include "common/secrets.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tx {

namespace {
void init_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && s[b] == ' ') ++b;
  return s.substr(b);
}

constexpr const char* kVaultHeader = "tongxing-vault-v1 ";
}  // namespace

std::string to_hex(std::string_view bin) {
  std::string out(bin.size() * 2, '0');
  static const char* d = "0123456789abcdef";
  for (std::size_t i = 0; i < bin.size(); ++i) {
    out[2 * i] = d[(unsigned char)bin[i] >> 4];
    out[2 * i + 1] = d[(unsigned char)bin[i] & 15];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = val(hex[2 * i]), lo = val(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = char(hi * 16 + lo);
  }
  return out;
}

std::string random_hex(std::size_t bytes) {
  init_sodium();
  std::string buf(bytes, '\0');
  randombytes_buf(buf.data(), bytes);
  return to_hex(buf);
}

void write_secret_file(const std::string& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  std::string data(content);
  data += '\n';
  bool ok = ::write(fd, data.data(), data.size()) == ssize_t(data.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    throw std::runtime_error("cannot write " + path);
  }
}

std::string read_token(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string t = trim(ss.str());
  if (t.empty()) throw std::runtime_error(path + " is empty");
  return t;
}

std::string load_or_create_token(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    try {
      write_secret_file(path, random_hex(32));
    } catch (const std::exception&) {
      if (::stat(path.c_str(), &st) != 0) throw;  // lost a race with another process: fine
    }
  }
  return read_token(path);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Vault Vault::open_or_create(const std::string& key_path, bool allow_create) {
  init_sodium();
  struct stat st;
  if (::stat(key_path.c_str(), &st) != 0) {
    if (!allow_create)
      throw std::runtime_error("vault key " + key_path +
                               " is missing; the database holds data sealed with it. Restore the key file from backup.");
    unsigned char k[64];
    randombytes_buf(k, sizeof k);
    write_secret_file(key_path, kVaultHeader + to_hex(std::string_view((char*)k, sizeof k)));
    sodium_memzero(k, sizeof k);
  }
  std::string text = read_token(key_path);
  if (text.rfind(kVaultHeader, 0) != 0)
    throw std::runtime_error(key_path + " is not a Tongxing vault key file");
  auto raw = from_hex(text.substr(std::strlen(kVaultHeader)));
  if (!raw || raw->size() != 64) throw std::runtime_error(key_path + " holds a damaged key");
  Vault v;
  std::memcpy(v.box_key_, raw->data(), 32);
  std::memcpy(v.hash_key_, raw->data() + 32, 32);
  sodium_memzero(raw->data(), raw->size());
  return v;
}

Vault Vault::from_seed(std::string_view seed) {
  init_sodium();
  Vault v;
  unsigned char k[64];
  crypto_generichash(k, sizeof k, (const unsigned char*)seed.data(), seed.size(), nullptr, 0);
  std::memcpy(v.box_key_, k, 32);
  std::memcpy(v.hash_key_, k + 32, 32);
  return v;
}

std::string Vault::seal(std::string_view plaintext) const { return std::move(seal_each({plaintext}).front()); }

std::vector<std::string> Vault::seal_each(const std::vector<std::string_view>& plaintexts) const {
  std::string nonces(plaintexts.size() * crypto_secretbox_NONCEBYTES, '\0');
  randombytes_buf(nonces.data(), nonces.size());
  std::vector<std::string> out;
  out.reserve(plaintexts.size());
  for (std::size_t i = 0; i < plaintexts.size(); ++i) {
    std::string& one = out.emplace_back(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintexts[i].size(), '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(one.data());
    std::memcpy(nonce, nonces.data() + i * crypto_secretbox_NONCEBYTES, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plaintexts[i].data()), plaintexts[i].size(), nonce,
                          box_key_);
  }
  sodium_memzero(nonces.data(), nonces.size());
  return out;
}

std::optional<std::string> Vault::open(std::string_view sealed) const {
  if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  std::string out(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()),
                                 nonce + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, nonce, box_key_) != 0)
    return std::nullopt;
  return out;
}

std::string Vault::lookup_hash(std::string_view text) const {
  std::string out(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), 32,
                     reinterpret_cast<const unsigned char*>(text.data()), text.size(), hash_key_,
                     sizeof hash_key_);
  return out;
}

std::string Vault::mac(std::string_view domain, std::string_view data) const {
  unsigned char sub[32];
  std::string label = "tongxing-mac:" + std::string(domain);
  crypto_generichash(sub, sizeof sub, reinterpret_cast<const unsigned char*>(label.data()), label.size(),
                     hash_key_, sizeof hash_key_);
  std::string out(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), 32,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size(), sub, sizeof sub);
  sodium_memzero(sub, sizeof sub);
  return out;
}

std::string Vault::fingerprint() const { return to_hex(lookup_hash("tongxing-vault-fingerprint")).substr(0, 16); }

}  // namespace tx
