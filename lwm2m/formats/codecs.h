// One place that turns a Content-Format number into its encoder or decoder,
// constructed in storage the caller owns (no heap): the engine holds one
// AnyEncoder and one AnyDecoder and reuses them request after request.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

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

// Room for any one of Codecs, built in place by AnyEncoder/AnyDecoder. The
// codecs are trivially destructible (checked in codecs.cpp), so a new one
// simply takes the old one's place: what std::variant did, without its index
// checks and their abort() path (which linked newlib's signal handling and
// malloc on the MCU). Not copyable: a codec may point into itself.
template <typename... Codecs>
struct CodecStorage {
  alignas(Codecs...) std::byte bytes[std::max({sizeof(Codecs)...})];
};

class AnyEncoder {
 public:
  AnyEncoder() = default;
  AnyEncoder(const AnyEncoder&) = delete;
  AnyEncoder& operator=(const AnyEncoder&) = delete;

  // The encoder of `format` writing into `out`; kUnsupportedFormat for a
  // format that is not a record format (CoRE Link Format has its own writer).
  Result<RecordEncoder*> open(ContentFormat format, std::span<uint8_t> out);

 private:
  CodecStorage<PlainTextEncoder, OpaqueEncoder, TlvEncoder, SenmlJsonEncoder, SenmlCborEncoder, Lwm2mCborEncoder,
               OmaJsonEncoder>
      encoder_;
};

class AnyDecoder {
 public:
  AnyDecoder() = default;
  AnyDecoder(const AnyDecoder&) = delete;
  AnyDecoder& operator=(const AnyDecoder&) = delete;

  // The decoder of `format` over `payload`; paths resolve against
  // `request_path`; `scratch` holds unescaped strings and decoded base64.
  Result<RecordDecoder*> open(ContentFormat format, std::span<const uint8_t> payload, const Path& request_path,
                              std::span<uint8_t> scratch);

 private:
  CodecStorage<PlainTextDecoder, OpaqueDecoder, TlvDecoder, SenmlJsonDecoder, SenmlCborDecoder, Lwm2mCborDecoder,
               OmaJsonDecoder>
      decoder_;
};

}  // namespace lwm2m
