// CoRE Link Format benchmarks: the Register payload of a client with ~15 objects.
#pragma once

namespace bench {

void register_link_benchmarks();

}  // namespace bench
