#include "lwm2m/formats/codecs.h"

namespace lwm2m {

Result<RecordEncoder*> AnyEncoder::open(ContentFormat format, std::span<uint8_t> out) {
  switch (format) {
    case ContentFormat::kTextPlain: return &encoder_.emplace<PlainTextEncoder>(out);
    case ContentFormat::kOpaque: return &encoder_.emplace<OpaqueEncoder>(out);
    case ContentFormat::kTlv:
    case ContentFormat::kLegacyTlv: return &encoder_.emplace<TlvEncoder>(out);
    case ContentFormat::kSenmlJson: return &encoder_.emplace<SenmlJsonEncoder>(out);
    case ContentFormat::kSenmlCbor: return &encoder_.emplace<SenmlCborEncoder>(out);
    case ContentFormat::kLwm2mCbor: return &encoder_.emplace<Lwm2mCborEncoder>(out);
    case ContentFormat::kOmaJson:
    case ContentFormat::kLegacyJson: return &encoder_.emplace<OmaJsonEncoder>(out);
    default: return Error::kUnsupportedFormat;
  }
}

Result<RecordDecoder*> AnyDecoder::open(ContentFormat format, std::span<const uint8_t> payload,
                                        const Path& request_path, std::span<uint8_t> scratch) {
  switch (format) {
    case ContentFormat::kTextPlain: return &decoder_.emplace<PlainTextDecoder>(payload, request_path);
    case ContentFormat::kOpaque: return &decoder_.emplace<OpaqueDecoder>(payload, request_path);
    case ContentFormat::kTlv:
    case ContentFormat::kLegacyTlv: return &decoder_.emplace<TlvDecoder>(payload, request_path);
    case ContentFormat::kSenmlJson: return &decoder_.emplace<SenmlJsonDecoder>(payload, request_path, scratch);
    case ContentFormat::kSenmlCbor: return &decoder_.emplace<SenmlCborDecoder>(payload, request_path, scratch);
    case ContentFormat::kLwm2mCbor: return &decoder_.emplace<Lwm2mCborDecoder>(payload, request_path);
    case ContentFormat::kOmaJson:
    case ContentFormat::kLegacyJson: return &decoder_.emplace<OmaJsonDecoder>(payload, request_path, scratch);
    default: return Error::kUnsupportedFormat;
  }
}

}  // namespace lwm2m
