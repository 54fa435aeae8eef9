// The sync protocol between a station and the central server (SYNC.md, docs/sync.md).
//
// Every sync request and every successful reply carries a body sealed for one station:
//
//   body      = nonce(24) || XSalsa20-Poly1305(enc_key, zstd(frame))
//   signature = HMAC-SHA256(mac_key, method "\n" path "\n" station_id "\n" protocol "\n" body)
//
// with enc_key and mac_key derived from the station's secret, so personal data in events and in
// reference data never crosses the network in clear text, even over plain HTTP (and HTTPS adds
// TLS on top). Headers: X-Tongxing-Protocol, X-Tongxing-Station, X-Tongxing-Signature.
// Error replies are plain JSON in the shape of ARCHITECTURE.md and never hold personal data.
//
// Batches use a compact binary frame (varints, raw 16-byte event ids) because 1,000 events must
// fit in well under 80 bytes each after zstd; everything else is JSON inside the frame.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tx::sync {

// The protocol both sides speak. A request or reply of another version is refused with
// protocol_mismatch, and nothing is applied or acknowledged.
inline constexpr int kProtocolVersion = 1;

inline constexpr const char* kHeaderProtocol = "X-Tongxing-Protocol";
inline constexpr const char* kHeaderStation = "X-Tongxing-Station";
inline constexpr const char* kHeaderSignature = "X-Tongxing-Signature";

inline constexpr const char* kPathBatches = "/api/v1/sync/batches";
inline constexpr const char* kPathHeartbeat = "/api/v1/sync/heartbeat";
inline constexpr const char* kPathPull = "/api/v1/sync/pull";

// One outbox event as it travels.
struct Event {
  std::int64_t seq = 0;
  std::string event_id;  // 32 lower-case hex characters (16 random bytes)
  std::string type;
  std::string created_at;  // station clock, informational only: sequences order events
  std::string payload;     // JSON text
};

// StationKeys: the keys one station's secret gives. The central server stores `root` (sealed
// with its own vault), never the secret itself.
struct StationKeys {
  std::string root;  // 32 bytes, derived from the secret
  std::string enc;   // 32 bytes
  std::string mac;   // 32 bytes

  // from_secret: the keys for a secret as printed at enrolment (hex). nullopt if malformed.
  static std::optional<StationKeys> from_secret(std::string_view secret_hex);
  // from_root: the keys for a stored root key.
  static StationKeys from_root(std::string_view root);
};

// new_station_secret: 32 random bytes as hex: what an administrator hands to a station.
std::string new_station_secret();

// seal_body / open_body: the encrypted, compressed body. open_body returns nullopt when the
// body was not sealed with these keys, was altered, is not one zstd frame, or decompresses to
// more than `max_plain` bytes; `why` (when given) says which. The size is checked before any
// allocation: a frame that declares more than max_plain is refused unread, and one that does not
// declare its size is decompressed in steps and abandoned as soon as it passes max_plain.
enum class OpenFailure { none, bad_seal, bad_frame, too_large };
std::string seal_body(const StationKeys& k, std::string_view plain, int zstd_level = 3);
std::optional<std::string> open_body(const StationKeys& k, std::string_view body,
                                     std::size_t max_plain = 16u << 20, OpenFailure* why = nullptr);

// sign / verify: the request or reply signature (hex) over method, path, station, protocol, body.
std::string sign(const StationKeys& k, std::string_view method, std::string_view path,
                 std::string_view station_id, int protocol, std::string_view body);
bool verify(const StationKeys& k, std::string_view method, std::string_view path,
            std::string_view station_id, int protocol, std::string_view body,
            std::string_view signature_hex);

// encode_events / decode_events: the binary batch frame. Sequences must be strictly ascending
// and contiguous; decode_events returns nullopt for any malformed or non-contiguous frame.
std::string encode_events(const std::vector<Event>& events);
std::optional<std::vector<Event>> decode_events(std::string_view frame);

// parse_protocol: the integer of an X-Tongxing-Protocol header value, or nullopt.
std::optional<int> parse_protocol(std::string_view header);

}  // namespace tx::sync
