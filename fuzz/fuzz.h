// libFuzzer targets, built two ways:
//  - with clang and -DTONGXING_FUZZ=ON: each target is a fuzzer (LLVMFuzzerTestOneInput), with
//    ASan + UBSan, run for a bounded time by ctest and for as long as wanted by fuzz/run.sh;
//  - in the ordinary build (TX_FUZZ_REPLAY): each target is a function tx_fuzz_<name> that the
//    security tests call on every seed and every saved regression input (fuzz/regressions),
//    so a crash once found stays fixed even where no clang is installed.
// TX_FUZZ_CHECK states an invariant: a fuzzer aborts (and saves the input), a replay throws.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#ifdef TX_FUZZ_REPLAY
#define TX_FUZZ_TARGET(name) extern "C" int tx_fuzz_##name(const std::uint8_t* data, std::size_t size)
#define TX_FUZZ_CHECK(cond, what)                                                         \
  do {                                                                                    \
    if (!(cond)) throw std::logic_error(std::string("fuzz invariant failed: ") + (what)); \
  } while (0)
#else
#define TX_FUZZ_TARGET(name) extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
#define TX_FUZZ_CHECK(cond, what)                                   \
  do {                                                              \
    if (!(cond)) {                                                  \
      std::fprintf(stderr, "fuzz invariant failed: %s\n", (what)); \
      std::abort();                                                 \
    }                                                               \
  } while (0)
#endif
