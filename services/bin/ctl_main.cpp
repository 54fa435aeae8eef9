// tongxing-ctl: administrators' CLI (see `tongxing-ctl help`).
#include "ctl/ctl.h"

int main(int argc, char** argv) { return tx::ctl::run(argc, argv); }
