// Counts heap allocations in the benchmark binary: global operator new (all
// forms) and the C allocation functions are replaced in alloc_counter.cpp.
#pragma once

#include <cstdint>

namespace bench {

// Allocations (operator new, malloc, calloc, realloc) since program start.
uint64_t allocation_count();

}  // namespace bench

namespace bench {

// True when an operator new and a malloc call are both seen by the counter;
// without this check "0 allocs/op" could mean the counter is not wired in.
bool allocation_counter_works();

}  // namespace bench
