// The LwM2M path a request's Uri-Path options name.
#pragma once

#include <span>
#include <string_view>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"

namespace lwm2m {

// Up to four decimal ids; one empty trailing segment ("/3/0/") is tolerated,
// as Path::parse does for text. Anything else is kInvalidPath (4.00).
Result<Path> path_from_uri_path(std::span<const std::string_view> segments);

}  // namespace lwm2m
