#include "lwm2m/link/object_links.h"

#include <iterator>

#include "lwm2m/core/content_format.h"
#include "lwm2m/core/number_text.h"

namespace lwm2m {

namespace {

// ---- Register / Update ----------------------------------------------------

// Whether a server speaking `version` knows content format `number`
// (Core TS 1.0 §6.4, 1.1 and 1.2 §7.1).
bool format_known_by(uint16_t number, Lwm2mVersion version) {
  switch (static_cast<ContentFormat>(number)) {
    case ContentFormat::kTextPlain:
    case ContentFormat::kOpaque:
    case ContentFormat::kTlv:
    case ContentFormat::kOmaJson:
    case ContentFormat::kLegacyTlv:
    case ContentFormat::kLegacyJson:
      return true;
    case ContentFormat::kCbor:
    case ContentFormat::kSenmlJson:
    case ContentFormat::kSenmlCbor:
      return version != Lwm2mVersion::k1_0;
    case ContentFormat::kLwm2mCbor:
      return version == Lwm2mVersion::k1_2;
    default:
      return false;  // link format and unknown numbers carry no resource data
  }
}

bool listed_in_registration(uint16_t object_id, Lwm2mVersion version) {
  if (object_id == kSecurityObjectId) return false;
  // OSCORE keys are as secret as Security's; 1.0 has no such object.
  if (object_id == kOscoreObjectId && version != Lwm2mVersion::k1_0) return false;
  return true;
}

bool is_version_1_0(ObjectVersion v) { return v == ObjectVersion{1, 0}; }

// ";ver=X.Y" of an object version.
Status add_version(LinkWriter& out, ObjectVersion v) {
  char text[2 * kMaxNumberText + 1];
  Result<size_t> major = format_uint64(v.major, text);
  if (!major.ok()) return major.status();
  text[*major] = '.';
  Result<size_t> minor = format_uint64(v.minor, std::span<char>(text).subspan(*major + 1));
  if (!minor.ok()) return minor.status();
  return out.add_token("ver", std::string_view(text, *major + 1 + *minor));
}

Status write_root_link(const ObjectListOptions& options, LinkWriter& out) {
  // The formats this server can use, best first, without repeats.
  uint16_t formats[11];  // one per ContentFormat number at most
  size_t count = 0;
  for (uint16_t f : options.content_formats) {
    if (!format_known_by(f, options.version)) continue;
    bool seen = false;
    for (size_t i = 0; i < count; ++i) seen = seen || formats[i] == f;
    if (!seen && count < std::size(formats)) formats[count++] = f;
  }
  // Only 1.2 announces several; older servers get the preferred one.
  if (count > 1 && options.version != Lwm2mVersion::k1_2) count = 1;

  const bool has_prefix = !options.alternate_path.empty();
  if (!options.root_link && !has_prefix && count == 0) return kOk;
  LWM2M_TRY(out.begin_link(options.alternate_path, Path()));
  if (options.version != Lwm2mVersion::k1_0 || has_prefix) LWM2M_TRY(out.add_quoted("rt", "oma.lwm2m"));
  if (count > 0) LWM2M_TRY(out.add_content_formats(std::span<const uint16_t>(formats, count)));
  return kOk;
}

// ---- Discover -------------------------------------------------------------

// Copies every attribute `from` has over `into` (a closer level wins).
void overlay(Attributes& into, const Attributes& from) {
  if (from.pmin) into.pmin = from.pmin;
  if (from.pmax) into.pmax = from.pmax;
  if (from.gt) into.gt = from.gt;
  if (from.lt) into.lt = from.lt;
  if (from.st) into.st = from.st;
  if (from.epmin) into.epmin = from.epmin;
  if (from.epmax) into.epmax = from.epmax;
  if (from.edge) into.edge = from.edge;
  if (from.con) into.con = from.con;
  if (from.hqmax) into.hqmax = from.hqmax;
}

class Discovery {
 public:
  Discovery(const Object& object, const AttributeLookup* lookup, LinkWriter& out)
      : object_(object), lookup_(lookup), out_(out) {}

  // Each level writes its link, then its children while levels remain.
  // The target link gets the inherited attributes, the others their own.
  Status object(uint8_t below) {
    LWM2M_TRY(out_.begin_link(Path(object_.id())));
    if (!is_version_1_0(object_.def().version)) LWM2M_TRY(add_version(out_, object_.def().version));
    LWM2M_TRY(own_attributes(Path(object_.id())));
    if (below == 0) return kOk;
    for (size_t i = 0; i < object_.instance_count(); ++i)
      LWM2M_TRY(instance(object_.instance_id(i), static_cast<uint8_t>(below - 1), false));
    return kOk;
  }

  Status instance(uint16_t id, uint8_t below, bool target) {
    const Path path(object_.id(), id);
    LWM2M_TRY(out_.begin_link(path));
    LWM2M_TRY(target ? inherited_attributes(path) : own_attributes(path));
    if (below == 0) return kOk;
    // Resources in the order of the definition table (ascending ids).
    for (const ResourceDef& def : object_.def().resources)
      if (object_.has_resource(id, def.id)) LWM2M_TRY(resource(id, def, static_cast<uint8_t>(below - 1), false));
    return kOk;
  }

  Status resource(uint16_t instance_id, const ResourceDef& def, uint8_t below, bool target) {
    const Path path(object_.id(), instance_id, def.id);
    LWM2M_TRY(out_.begin_link(path));
    if (def.multiple) LWM2M_TRY(out_.add_uint("dim", object_.resource_instances(instance_id, def.id, {})));
    LWM2M_TRY(target ? inherited_attributes(path) : own_attributes(path));
    if (below == 0 || !def.multiple) return kOk;
    uint16_t ids[kMaxDiscoveredResourceInstances];
    const size_t count = object_.resource_instances(instance_id, def.id, ids);
    if (count > std::size(ids)) return Error::kCapacityExceeded;
    for (size_t i = 0; i < count; ++i) {
      const Path ri(object_.id(), instance_id, def.id, ids[i]);
      LWM2M_TRY(out_.begin_link(ri));
      LWM2M_TRY(own_attributes(ri));
    }
    return kOk;
  }

  Status resource_instance(const Path& path) {
    LWM2M_TRY(out_.begin_link(path));
    return inherited_attributes(path);
  }

 private:
  Status own_attributes(const Path& path) {
    if (lookup_ == nullptr) return kOk;
    const Attributes* a = lookup_->find(path);
    return a != nullptr ? out_.add_attributes(*a) : kOk;
  }

  Status inherited_attributes(const Path& path) {
    if (lookup_ == nullptr) return kOk;
    Attributes merged;
    for (uint8_t level = 1; level <= path.depth(); ++level) {
      const Attributes* a = lookup_->find(path.prefix(level));
      if (a != nullptr) overlay(merged, *a);
    }
    return out_.add_attributes(merged);
  }

  const Object& object_;
  const AttributeLookup* lookup_;
  LinkWriter& out_;
};

// Whether resource instance `id` of a multiple resource exists.
Result<bool> has_resource_instance(const Object& object, uint16_t instance, uint16_t resource, uint16_t id) {
  uint16_t ids[kMaxDiscoveredResourceInstances];
  const size_t count = object.resource_instances(instance, resource, ids);
  const size_t listed = count < std::size(ids) ? count : std::size(ids);
  for (size_t i = 0; i < listed; ++i)
    if (ids[i] == id) return true;
  if (count > listed) return Error::kCapacityExceeded;  // it may be among those not seen
  return false;
}

}  // namespace

Status write_object_list(const Registry& registry, const ObjectListOptions& options, LinkWriter& out) {
  LWM2M_TRY(write_root_link(options, out));
  const std::string_view prefix = options.alternate_path;
  const bool show_version = options.version != Lwm2mVersion::k1_0;  // 1.0 servers do not know "ver"
  for (size_t k = 0; k < registry.size(); ++k) {
    const Object& object = registry.at(k);
    if (!listed_in_registration(object.id(), options.version)) continue;
    const ObjectVersion version = object.def().version;
    const bool versioned = show_version && !is_version_1_0(version);
    if (object.instance_count() == 0 || versioned) {
      LWM2M_TRY(out.begin_link(prefix, Path(object.id())));
      if (versioned) LWM2M_TRY(add_version(out, version));
    }
    for (size_t i = 0; i < object.instance_count(); ++i)
      LWM2M_TRY(out.begin_link(prefix, Path(object.id(), object.instance_id(i))));
  }
  return kOk;
}

uint8_t default_discover_depth(const Path& target) {
  switch (target.depth()) {
    case Path::kObject:
      return 2;
    case Path::kInstance:
    case Path::kResource:
      return 1;
    default:
      return 0;
  }
}

Status write_discover(const Registry& registry, const Path& target, std::optional<uint8_t> depth,
                      const AttributeLookup* attributes, LinkWriter& out) {
  if (depth && *depth > kMaxDiscoverDepth) return Error::kBadRequest;
  if (target.is_root()) return Error::kBadRequest;  // Discover names at least an object
  const uint8_t below = depth ? *depth : default_discover_depth(target);

  const Object* object = registry.find(target.object());
  if (object == nullptr) return Error::kNotFound;
  Discovery discovery(*object, attributes, out);
  if (target.depth() == Path::kObject) return discovery.object(below);

  if (!object->has_instance(target.instance())) return Error::kNotFound;
  if (target.depth() == Path::kInstance) return discovery.instance(target.instance(), below, true);

  const ResourceDef* def = object->def().find(target.resource());
  if (def == nullptr || !object->has_resource(target.instance(), target.resource())) return Error::kNotFound;
  if (target.depth() == Path::kResource) return discovery.resource(target.instance(), *def, below, true);

  if (!def->multiple) return Error::kNotFound;
  Result<bool> exists =
      has_resource_instance(*object, target.instance(), target.resource(), target.resource_instance());
  if (!exists.ok()) return exists.status();
  if (!*exists) return Error::kNotFound;
  return discovery.resource_instance(target);
}

}  // namespace lwm2m
