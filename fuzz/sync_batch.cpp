// Fuzz target: the sync batch decoder (services/sync/protocol.h, from the sync engine) and the
// sealed body it arrives in. Invariants: decoding never crashes; a decoded batch is contiguous
// and re-encodes to bytes that decode to the same events; a body not sealed with the
// station's keys never opens.
#include <string_view>

#include "fuzz.h"
#include "sync/protocol.h"

using namespace tx;

TX_FUZZ_TARGET(sync_batch) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto events = sync::decode_events(in);
  if (events) {
    for (std::size_t i = 1; i < events->size(); ++i)
      TX_FUZZ_CHECK((*events)[i].seq == (*events)[i - 1].seq + 1, "a batch is contiguous");
    auto again = sync::decode_events(sync::encode_events(*events));
    TX_FUZZ_CHECK(again && again->size() == events->size(), "re-encoded batch decodes");
    for (std::size_t i = 0; again && i < events->size(); ++i)
      TX_FUZZ_CHECK((*again)[i].seq == (*events)[i].seq && (*again)[i].event_id == (*events)[i].event_id &&
                        (*again)[i].type == (*events)[i].type && (*again)[i].payload == (*events)[i].payload,
                    "round trip keeps every event");
  }
  static const auto keys = *sync::StationKeys::from_secret(std::string(64, '7'));
  auto opened = sync::open_body(keys, in, 1 << 20);
  TX_FUZZ_CHECK(!opened || size >= 40, "a body shorter than nonce + MAC never opens");
  (void)sync::parse_protocol(in);
  return 0;
}
