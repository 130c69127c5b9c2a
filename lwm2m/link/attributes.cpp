#include "lwm2m/link/attributes.h"

#include <cstring>

#include "lwm2m/core/number_text.h"

namespace lwm2m {

namespace {

constexpr const char* kNames[kAttributeCount] = {"pmin",  "pmax",  "gt",   "lt",  "st",
                                                 "epmin", "epmax", "edge", "con", "hqmax"};

constexpr uint16_t bit(AttributeId id) { return static_cast<uint16_t>(1u << static_cast<unsigned>(id)); }

Result<uint32_t> parse_seconds(std::string_view text) {
  Result<uint64_t> v = parse_uint64(text);
  if (!v.ok() || *v > UINT32_MAX) return Error::kBadRequest;
  return static_cast<uint32_t>(*v);
}

Result<double> parse_threshold(std::string_view text) {
  Result<double> v = parse_double(text);
  if (!v.ok()) return Error::kBadRequest;
  return *v;
}

Result<bool> parse_flag(std::string_view text) {
  if (text == "0") return false;
  if (text == "1") return true;
  return Error::kBadRequest;
}

// Stores `text` as the value of attribute `id` in `attrs`.
Status set_from_text(Attributes& attrs, AttributeId id, std::string_view text) {
  switch (id) {
    case AttributeId::kPmin:
    case AttributeId::kPmax:
    case AttributeId::kEpmin:
    case AttributeId::kEpmax:
    case AttributeId::kHqmax: {
      Result<uint32_t> v = parse_seconds(text);
      if (!v.ok()) return v.error();
      if (id == AttributeId::kPmin) attrs.pmin = *v;
      else if (id == AttributeId::kPmax) attrs.pmax = *v;
      else if (id == AttributeId::kEpmin) attrs.epmin = *v;
      else if (id == AttributeId::kEpmax) attrs.epmax = *v;
      else attrs.hqmax = *v;
      return kOk;
    }
    case AttributeId::kGt:
    case AttributeId::kLt:
    case AttributeId::kSt: {
      Result<double> v = parse_threshold(text);
      if (!v.ok()) return v.error();
      if (id == AttributeId::kGt) attrs.gt = *v;
      else if (id == AttributeId::kLt) attrs.lt = *v;
      else if (*v < 0) return Error::kBadRequest;  // a step is a distance
      else attrs.st = *v;
      return kOk;
    }
    case AttributeId::kEdge:
    case AttributeId::kCon: {
      Result<bool> v = parse_flag(text);
      if (!v.ok()) return v.error();
      if (id == AttributeId::kEdge) attrs.edge = *v;
      else attrs.con = *v;
      return kOk;
    }
  }
  return Error::kBadRequest;
}

void copy_one(Attributes& to, const Attributes& from, AttributeId id) {
  switch (id) {
    case AttributeId::kPmin: to.pmin = from.pmin; break;
    case AttributeId::kPmax: to.pmax = from.pmax; break;
    case AttributeId::kGt: to.gt = from.gt; break;
    case AttributeId::kLt: to.lt = from.lt; break;
    case AttributeId::kSt: to.st = from.st; break;
    case AttributeId::kEpmin: to.epmin = from.epmin; break;
    case AttributeId::kEpmax: to.epmax = from.epmax; break;
    case AttributeId::kEdge: to.edge = from.edge; break;
    case AttributeId::kCon: to.con = from.con; break;
    case AttributeId::kHqmax: to.hqmax = from.hqmax; break;
  }
}

}  // namespace

const char* attribute_name(AttributeId id) { return kNames[static_cast<unsigned>(id)]; }

Result<AttributeId> attribute_from_name(std::string_view name) {
  for (uint8_t i = 0; i < kAttributeCount; ++i)
    if (name == kNames[i]) return static_cast<AttributeId>(i);
  return Error::kNotFound;
}

bool Attributes::has(AttributeId id) const {
  switch (id) {
    case AttributeId::kPmin: return pmin.has_value();
    case AttributeId::kPmax: return pmax.has_value();
    case AttributeId::kGt: return gt.has_value();
    case AttributeId::kLt: return lt.has_value();
    case AttributeId::kSt: return st.has_value();
    case AttributeId::kEpmin: return epmin.has_value();
    case AttributeId::kEpmax: return epmax.has_value();
    case AttributeId::kEdge: return edge.has_value();
    case AttributeId::kCon: return con.has_value();
    case AttributeId::kHqmax: return hqmax.has_value();
  }
  return false;
}

void Attributes::clear(AttributeId id) { copy_one(*this, Attributes{}, id); }

bool Attributes::empty() const {
  for (uint8_t i = 0; i < kAttributeCount; ++i)
    if (has(static_cast<AttributeId>(i))) return false;
  return true;
}

bool attribute_allowed_at(AttributeId id, Path::Level level) {
  switch (id) {
    case AttributeId::kGt:
    case AttributeId::kLt:
    case AttributeId::kSt:
    case AttributeId::kEdge:
      return level == Path::kResource || level == Path::kResourceInstance;
    default:
      return level != Path::kRoot;
  }
}

Status validate_attributes(const Attributes& a, Path::Level level) {
  for (uint8_t i = 0; i < kAttributeCount; ++i) {
    AttributeId id = static_cast<AttributeId>(i);
    if (a.has(id) && !attribute_allowed_at(id, level)) return Error::kBadRequest;
  }
  if (a.pmin && a.pmax && *a.pmin > *a.pmax) return Error::kBadRequest;
  if (a.epmin && a.epmax && *a.epmin > *a.epmax) return Error::kBadRequest;
  if (a.lt && a.gt) {
    if (!(*a.lt < *a.gt)) return Error::kBadRequest;
    if (a.st && !(*a.lt + 2 * *a.st < *a.gt)) return Error::kBadRequest;
  }
  return kOk;
}

Status AttributeChanges::add_query(std::string_view option) {
  size_t eq = option.find('=');
  std::string_view name = option.substr(0, eq);
  Result<AttributeId> id = attribute_from_name(name);
  if (!id.ok()) return Error::kBadRequest;  // unknown, or read-only like dim/ver
  if (touched_ & bit(*id)) return Error::kBadRequest;
  if (eq == std::string_view::npos) {
    values_.clear(*id);  // a bare name removes the attribute
  } else {
    std::string_view text = option.substr(eq + 1);
    if (text.empty()) return Error::kBadRequest;
    LWM2M_TRY(set_from_text(values_, *id, text));
  }
  touched_ = static_cast<uint16_t>(touched_ | bit(*id));
  return kOk;
}

Result<Attributes> AttributeChanges::apply(const Attributes& current, Path::Level level) const {
  Attributes merged = current;
  for (uint8_t i = 0; i < kAttributeCount; ++i) {
    AttributeId id = static_cast<AttributeId>(i);
    if (touched_ & bit(id)) copy_one(merged, values_, id);
  }
  LWM2M_TRY(validate_attributes(merged, level));
  return merged;
}

}  // namespace lwm2m
