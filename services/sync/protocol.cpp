#include "sync/protocol.h"

#include <sodium.h>
#include <zstd.h>

#include <cstring>
#include <memory>
#include <stdexcept>

#include "common/secrets.h"

namespace tx::sync {

namespace {

void init() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

std::string derive(std::string_view key, const char* label) {
  std::string out(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(label), std::strlen(label),
                     reinterpret_cast<const unsigned char*>(key.data()), key.size());
  return out;
}

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += char((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += char(v);
}

bool get_varint(std::string_view& in, std::uint64_t* v) {
  std::uint64_t r = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) return false;
    auto b = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    r |= std::uint64_t(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      *v = r;
      return true;
    }
  }
  return false;
}

void put_bytes(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

bool get_bytes(std::string_view& in, std::string* s, std::size_t max) {
  std::uint64_t n = 0;
  if (!get_varint(in, &n) || n > in.size() || n > max) return false;
  s->assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

constexpr std::string_view kMagic = "TXB1";
}  // namespace

std::optional<StationKeys> StationKeys::from_secret(std::string_view secret_hex) {
  init();
  auto raw = from_hex(secret_hex);
  if (!raw || raw->size() != 32) return std::nullopt;
  return from_root(derive(*raw, "tongxing-station-root-v1"));
}

StationKeys StationKeys::from_root(std::string_view root) {
  init();
  StationKeys k;
  k.root = std::string(root);
  k.enc = derive(root, "tongxing-sync-enc-v1");
  k.mac = derive(root, "tongxing-sync-mac-v1");
  return k;
}

std::string new_station_secret() { return random_hex(32); }

std::string seal_body(const StationKeys& k, std::string_view plain, int level) {
  init();
  std::string z(ZSTD_compressBound(plain.size()), '\0');
  std::size_t zn = ZSTD_compress(z.data(), z.size(), plain.data(), plain.size(), level);
  if (ZSTD_isError(zn)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(zn));
  z.resize(zn);
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + z.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(z.data()), z.size(), nonce,
                        reinterpret_cast<const unsigned char*>(k.enc.data()));
  return out;
}

std::optional<std::string> open_body(const StationKeys& k, std::string_view body,
                                     std::size_t max_plain, OpenFailure* why) {
  init();
  auto fail = [why](OpenFailure f) {
    if (why) *why = f;
    return std::nullopt;
  };
  if (why) *why = OpenFailure::none;
  if (body.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return fail(OpenFailure::bad_seal);
  const auto* nonce = reinterpret_cast<const unsigned char*>(body.data());
  std::string z(body.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(z.data()),
                                 nonce + crypto_secretbox_NONCEBYTES,
                                 body.size() - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(k.enc.data())) != 0)
    return fail(OpenFailure::bad_seal);
  unsigned long long declared = ZSTD_getFrameContentSize(z.data(), z.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR) return fail(OpenFailure::bad_frame);
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared > max_plain) return fail(OpenFailure::too_large);
  // One frame only: what follows it would be decompressed too, beyond the declared size.
  std::size_t frame = ZSTD_findFrameCompressedSize(z.data(), z.size());
  if (ZSTD_isError(frame) || frame != z.size()) return fail(OpenFailure::bad_frame);
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!dctx) throw std::bad_alloc();
  // The decoder's window is bounded too, so a frame cannot make it allocate a large history.
  ZSTD_DCtx_setParameter(dctx.get(), ZSTD_d_windowLogMax, 24);
  std::string plain;
  // Grow with what actually arrives: start from the declared size when it is known (already
  // checked), else from a small step; never past max_plain + 1 (one byte over proves too large).
  plain.resize(declared != ZSTD_CONTENTSIZE_UNKNOWN ? std::size_t(declared) + 1
                                                    : std::min<std::size_t>(max_plain + 1, 64 * 1024));
  ZSTD_inBuffer in{z.data(), z.size(), 0};
  std::size_t produced = 0;
  for (;;) {
    ZSTD_outBuffer out{plain.data() + produced, plain.size() - produced, 0};
    std::size_t rc = ZSTD_decompressStream(dctx.get(), &out, &in);
    if (ZSTD_isError(rc)) return fail(OpenFailure::bad_frame);
    produced += out.pos;
    if (produced > max_plain) return fail(OpenFailure::too_large);
    if (rc == 0) break;  // the frame is complete
    if (produced == plain.size()) {
      plain.resize(std::min<std::size_t>(max_plain + 1, plain.size() * 2));
    } else if (in.pos == in.size && out.pos == 0) {
      return fail(OpenFailure::bad_frame);  // truncated
    }
  }
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && produced != declared) return fail(OpenFailure::bad_frame);
  plain.resize(produced);
  return plain;
}

std::string sign(const StationKeys& k, std::string_view method, std::string_view path,
                 std::string_view station_id, int protocol, std::string_view body) {
  init();
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(k.mac.data()), k.mac.size());
  std::string head = std::string(method) + "\n" + std::string(path) + "\n" +
                     std::string(station_id) + "\n" + std::to_string(protocol) + "\n";
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(head.data()), head.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, mac);
  return to_hex(std::string_view(reinterpret_cast<char*>(mac), sizeof mac));
}

bool verify(const StationKeys& k, std::string_view method, std::string_view path,
            std::string_view station_id, int protocol, std::string_view body,
            std::string_view signature_hex) {
  return constant_time_equal(sign(k, method, path, station_id, protocol, body), signature_hex);
}

std::string encode_events(const std::vector<Event>& events) {
  std::string out(kMagic);
  put_varint(out, events.size());
  std::int64_t prev = 0;
  for (const auto& e : events) {
    put_varint(out, std::uint64_t(e.seq - prev));  // 1 after the first: compresses to nothing
    prev = e.seq;
    auto id = from_hex(e.event_id);
    if (!id || id->size() != 16) throw std::invalid_argument("event id must be 32 hex characters");
    out += *id;
    put_bytes(out, e.type);
    put_bytes(out, e.created_at);
    put_bytes(out, e.payload);
  }
  return out;
}

std::optional<std::vector<Event>> decode_events(std::string_view in) {
  if (in.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  in.remove_prefix(kMagic.size());
  std::uint64_t n = 0;
  if (!get_varint(in, &n) || n > 1000000) return std::nullopt;
  std::vector<Event> out;
  // Trust the count only as far as the input can back it: every event takes at least 20 bytes
  // (seq delta, 16-byte id, three length prefixes). A 7-byte input claiming a million events
  // must not reserve 136 MB (found by fuzz/sync_batch).
  out.reserve(std::min<std::uint64_t>(n, in.size() / 20));
  std::int64_t prev = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    Event e;
    std::uint64_t delta = 0;
    if (!get_varint(in, &delta) || delta == 0 || delta > (1ull << 62)) return std::nullopt;
    e.seq = prev + std::int64_t(delta);
    if (i > 0 && delta != 1) return std::nullopt;  // a batch is one contiguous run
    prev = e.seq;
    if (in.size() < 16) return std::nullopt;
    e.event_id = to_hex(in.substr(0, 16));
    in.remove_prefix(16);
    if (!get_bytes(in, &e.type, 64) || !get_bytes(in, &e.created_at, 64) ||
        !get_bytes(in, &e.payload, 1 << 20))
      return std::nullopt;
    out.push_back(std::move(e));
  }
  if (!in.empty()) return std::nullopt;
  return out;
}

std::optional<int> parse_protocol(std::string_view h) {
  if (h.empty() || h.size() > 6) return std::nullopt;
  int v = 0;
  for (char c : h) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace tx::sync
