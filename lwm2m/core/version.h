// The LwM2M enabler versions a client can speak with a server.
#pragma once

#include <cstdint>

namespace lwm2m {

enum class Lwm2mVersion : uint8_t { k1_0, k1_1, k1_2 };

}  // namespace lwm2m
