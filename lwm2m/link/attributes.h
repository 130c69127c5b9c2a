// Notification attributes (<NOTIFICATION> class) of LwM2M Core TS 1.1.1
// §5.1.2 "Attributes" (Table 5.1.2-2), extended by Core TS 1.2 (edge, con,
// hqmax; Resource Instance level), and their Write-Attributes query syntax.
//
// A Write-Attributes request carries one CoAP Uri-Query option per attribute:
// "pmin=10" sets it, a bare "pmin" removes it. AttributeChanges collects
// those options; apply() merges them into the attributes already attached to
// the target and validates the result, so a refused request changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"

namespace lwm2m {

enum class AttributeId : uint8_t {
  kPmin = 0,
  kPmax,
  kGt,
  kLt,
  kSt,
  kEpmin,
  kEpmax,
  kEdge,
  kCon,
  kHqmax,
};
inline constexpr uint8_t kAttributeCount = 10;

// The CoRE Link parameter name ("pmin", "gt", ...).
const char* attribute_name(AttributeId id);
// kNotFound for names that are not writable notification attributes.
Result<AttributeId> attribute_from_name(std::string_view name);

struct Attributes {
  std::optional<uint32_t> pmin;   // seconds
  std::optional<uint32_t> pmax;   // seconds
  std::optional<double> gt;       // greater than
  std::optional<double> lt;       // less than
  std::optional<double> st;       // step
  std::optional<uint32_t> epmin;  // seconds
  std::optional<uint32_t> epmax;  // seconds
  std::optional<bool> edge;       // 1: notify on rising edge, 0: falling
  std::optional<bool> con;        // 1: confirmable notifications
  std::optional<uint32_t> hqmax;  // historical queue size

  bool has(AttributeId id) const;
  void clear(AttributeId id);
  bool empty() const;
  friend bool operator==(const Attributes&, const Attributes&) = default;
};

// True when attribute `id` may be attached at `level` (the "Attached to"
// column of the attributes table: gt/lt/st/edge only on Resources and Resource
// Instances; nothing on the root).
bool attribute_allowed_at(AttributeId id, Path::Level level);

// Checks level rules and the relations of §5.1.2: pmin <= pmax,
// epmin <= epmax, lt < gt, lt + 2*st < gt. Errors are kBadRequest.
Status validate_attributes(const Attributes& attrs, Path::Level level);

// The parsed Uri-Query options of one Write-Attributes request.
class AttributeChanges {
 public:
  // One query option: "name=value" sets, bare "name" removes. Unknown names,
  // read-only attributes (dim, ver), bad values, a name given twice, or
  // "name=" with an empty value are kBadRequest.
  Status add_query(std::string_view option);

  // Merges the changes into `current` for a target at `level` and validates.
  Result<Attributes> apply(const Attributes& current, Path::Level level) const;

  bool empty() const { return touched_ == 0; }

 private:
  Attributes values_;
  uint16_t touched_ = 0;  // bit per AttributeId: set or removed
};

}  // namespace lwm2m
