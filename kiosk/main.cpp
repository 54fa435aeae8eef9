// tongxing-kiosk: wires the platform host to the options. See docs/kiosk.md.
#include <cstdio>

#include "core/config.h"
#include "platform/sdl_host.h"

int main(int argc, char** argv) {
  tx::KioskOptions o;
  std::string err;
  if (!tx::parse_options(argc, argv, &o, &err)) {
    std::fprintf(stderr, "%s%s", err.empty() ? "" : ("tongxing-kiosk: " + err + "\n").c_str(),
                 tx::usage().c_str());
    return err.empty() ? 0 : 2;
  }
  if (o.mode == "staff") {
    // The seam for staff mode (PIN login, staff screens) is here; it is a later issue.
    std::fprintf(stderr, "tongxing-kiosk: --mode staff is not available yet; use --mode resident\n");
    return 2;
  }
  return tx::run_kiosk(o);
}
