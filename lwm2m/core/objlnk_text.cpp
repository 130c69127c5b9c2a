#include "lwm2m/core/objlnk_text.h"

#include "lwm2m/core/number_text.h"
#include "lwm2m/core/path.h"

namespace lwm2m {

ObjlnkText objlnk_text(Objlnk link) {
  ObjlnkText t;
  std::span<char> out(t.chars);
  size_t n = *format_uint64(link.object_id, out);  // at most 5 digits each: cannot fail
  out[n++] = ':';
  n += *format_uint64(link.instance_id, out.subspan(n));
  t.size = static_cast<uint8_t>(n);
  return t;
}

Result<Objlnk> parse_objlnk(std::string_view text) {
  if (text == "65535:65535") return Objlnk{kReservedId, kReservedId};
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) return Error::kMalformed;
  Result<uint16_t> object = parse_id(text.substr(0, colon));
  Result<uint16_t> instance = parse_id(text.substr(colon + 1));
  if (!object.ok() || !instance.ok()) return Error::kMalformed;
  return Objlnk{*object, *instance};
}

}  // namespace lwm2m
