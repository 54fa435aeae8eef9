// tongxing-kiosk: wires the platform host to the options. See docs/kiosk.md.
//   --mode resident (default): the residents' kiosk; staff can sign in from its settings.
//   --mode staff: a staff PC or counter terminal that starts at the staff sign-in.
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
  return tx::run_kiosk(o);
}
