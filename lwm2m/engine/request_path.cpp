#include "lwm2m/engine/request_path.h"

namespace lwm2m {

Result<Path> path_from_uri_path(std::span<const std::string_view> segments) {
  if (!segments.empty() && segments.back().empty()) segments = segments.first(segments.size() - 1);
  if (segments.size() > Path::kResourceInstance) return Error::kInvalidPath;
  Path path;
  for (std::string_view segment : segments) {
    Result<uint16_t> id = parse_id(segment);
    if (!id.ok()) return Error::kInvalidPath;
    Result<Path> child = path.child(*id);
    if (!child.ok()) return Error::kInvalidPath;
    path = *child;
  }
  return path;
}

}  // namespace lwm2m
