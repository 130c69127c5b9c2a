// Codec vectors on the target CPU: runs every registered suite under QEMU
// with semihosting; the exit code becomes QEMU's exit status.
#include <cstdlib>

extern "C" void initialise_monitor_handles(void);

namespace qemu {
int run_all_suites();
}

// Called by the reset handler (startup.c) before constructors: opens the
// host console so printf reaches QEMU's stdout.
extern "C" void board_init(void) { initialise_monitor_handles(); }

// A fault is a failed run, not a hang for the timeout to catch.
extern "C" void Fault_Handler(void) { std::_Exit(3); }

int main() { return qemu::run_all_suites(); }
