// One place that turns a Content-Format number into its encoder or decoder,
// constructed in storage the caller owns (no heap): the engine holds one
// AnyEncoder and one AnyDecoder and reuses them request after request.
#pragma once

#include <cstdint>
#include <span>
#include <variant>

#include "lwm2m/core/content_format.h"
#include "lwm2m/core/path.h"
#include "lwm2m/core/record.h"
#include "lwm2m/core/status.h"
#include "lwm2m/lwcbor/lwm2m_cbor_decoder.h"
#include "lwm2m/lwcbor/lwm2m_cbor_encoder.h"
#include "lwm2m/omajson/oma_json_decoder.h"
#include "lwm2m/omajson/oma_json_encoder.h"
#include "lwm2m/senml/senml_cbor_decoder.h"
#include "lwm2m/senml/senml_cbor_encoder.h"
#include "lwm2m/senml/senml_json_decoder.h"
#include "lwm2m/senml/senml_json_encoder.h"
#include "lwm2m/text/opaque_codec.h"
#include "lwm2m/text/plain_text_codec.h"
#include "lwm2m/tlv/tlv_decoder.h"
#include "lwm2m/tlv/tlv_encoder.h"

namespace lwm2m {

class AnyEncoder {
 public:
  // The encoder of `format` writing into `out`; kUnsupportedFormat for a
  // format that is not a record format (CoRE Link Format has its own writer).
  Result<RecordEncoder*> open(ContentFormat format, std::span<uint8_t> out);

 private:
  std::variant<std::monostate, PlainTextEncoder, OpaqueEncoder, TlvEncoder, SenmlJsonEncoder, SenmlCborEncoder,
               Lwm2mCborEncoder, OmaJsonEncoder>
      encoder_;
};

class AnyDecoder {
 public:
  // The decoder of `format` over `payload`; paths resolve against
  // `request_path`; `scratch` holds unescaped strings and decoded base64.
  Result<RecordDecoder*> open(ContentFormat format, std::span<const uint8_t> payload, const Path& request_path,
                              std::span<uint8_t> scratch);

 private:
  std::variant<std::monostate, PlainTextDecoder, OpaqueDecoder, TlvDecoder, SenmlJsonDecoder, SenmlCborDecoder,
               Lwm2mCborDecoder, OmaJsonDecoder>
      decoder_;
};

}  // namespace lwm2m
