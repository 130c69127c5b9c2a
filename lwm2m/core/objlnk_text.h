// The text form "object:instance" of an Objlnk (Core TS Appendix C), shared by
// text/plain, SenML "vlo", OMA JSON "ov" and LwM2M CBOR. "65535:65535" is the
// null link.
#pragma once

#include <cstdint>
#include <string_view>

#include "lwm2m/core/status.h"
#include "lwm2m/core/value.h"

namespace lwm2m {

struct ObjlnkText {
  char chars[11];  // "65535:65535"
  uint8_t size = 0;
  std::string_view view() const { return {chars, size}; }
};

ObjlnkText objlnk_text(Objlnk link);
Result<Objlnk> parse_objlnk(std::string_view text);

}  // namespace lwm2m
