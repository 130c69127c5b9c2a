// The two link lists a client builds from its object registry:
//
// - the object list of Register and Update (Core TS 1.2 §6.2.1, 1.1 §6.2.1,
//   1.0 §5.3.1): "</>;rt="oma.lwm2m";ct=110,</1>;ver=1.1,</1/0>,</3/0>,</5>"
// - the answer to Discover (Core TS 1.2 §6.3, Discover, with its "depth"
//   parameter): the target, its children down to the depth, "dim" on multiple
//   resources, "ver" on the object, and the attributes attached at each level.
//
// Both only write what is asked; access rules (who may Discover what, or
// Discover of a resource instance) are the engine's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/core/version.h"
#include "lwm2m/link/attributes.h"
#include "lwm2m/link/link_writer.h"
#include "lwm2m/model/registry.h"

namespace lwm2m {

inline constexpr uint16_t kSecurityObjectId = 0;
inline constexpr uint16_t kOscoreObjectId = 21;

struct ObjectListOptions {
  // The version negotiated with the server: it decides "ver", which content
  // formats may be announced and whether several may be.
  Lwm2mVersion version = Lwm2mVersion::k1_2;
  // Alternate path ("/lwm2m"), empty for the default "/".
  std::string_view alternate_path;
  // Content formats the client prefers, best first. Formats the version does
  // not know are dropped; 1.0 and 1.1 get only the best one left (many
  // servers refuse a quoted list there), 1.2 gets them all as "ct=\"a b\"".
  std::span<const uint16_t> content_formats;
  // Writes the root link even without alternate path or content format.
  bool root_link = false;
};

// The Register/Update payload. The root link comes first when there is one:
// with rt="oma.lwm2m" (1.1 and later always; 1.0 only to mark an alternate
// path) and ct= when a format is announced. Then per object in id order:
// "</o>" (with ";ver=X.Y" from 1.1 on when the object version is not 1.0) if
// it has no instances or a version to show, and "</o/i>" per instance. The
// Security object is never listed, nor from 1.1 on the OSCORE object.
Status write_object_list(const Registry& registry, const ObjectListOptions& options, LinkWriter& out);

// Where the engine keeps the attributes written to each path.
class AttributeLookup {
 public:
  // The attributes attached to exactly `path`, nullptr when there are none.
  virtual const Attributes* find(const Path& path) const = 0;

 protected:
  ~AttributeLookup() = default;
};

inline constexpr uint8_t kMaxDiscoverDepth = 3;
// Resource instances one multiple resource may list in a Discover answer
// (they are gathered on the stack); more gives kCapacityExceeded.
inline constexpr size_t kMaxDiscoveredResourceInstances = 64;

// How many levels below the target Discover lists when the request has no
// depth: an object lists instances and resources (2), an instance its
// resources (1), a resource its instances (1).
uint8_t default_discover_depth(const Path& target);

// The Discover answer for `target` (an object, instance, resource or resource
// instance) listing `depth` levels below it (default_discover_depth when
// unset). The target's link carries its own attributes merged with those it
// inherits from the levels above (the closest level wins); links below carry
// only their own. `attributes` may be nullptr (no attributes anywhere).
// Errors: kBadRequest for depth > 3 or the root path, kNotFound for an object,
// instance, resource or resource instance that does not exist,
// kCapacityExceeded for a resource with more than
// kMaxDiscoveredResourceInstances instances to list, and the writer's errors.
Status write_discover(const Registry& registry, const Path& target, std::optional<uint8_t> depth,
                      const AttributeLookup* attributes, LinkWriter& out);

}  // namespace lwm2m
