// The SDL2 host: window + GL context, the event-driven frame loop (SDL_WaitEventTimeout: no busy
// 60 fps when idle), SDL events → App input, the automation script, the a11y log, screenshots.
#pragma once
#include <string>

#include "core/config.h"

namespace tx {

// Runs the kiosk until quit (or the end of the script). Returns the process exit code.
int run_kiosk(const KioskOptions& o);

}  // namespace tx
