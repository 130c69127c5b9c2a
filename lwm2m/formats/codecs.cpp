#include "lwm2m/formats/codecs.h"

#include <new>
#include <type_traits>
#include <utility>

namespace lwm2m {
namespace {

template <typename... Codecs>
constexpr bool replaceable_in_place = (std::is_trivially_destructible_v<Codecs> && ...);
static_assert(replaceable_in_place<PlainTextEncoder, OpaqueEncoder, TlvEncoder, SenmlJsonEncoder, SenmlCborEncoder,
                                   Lwm2mCborEncoder, OmaJsonEncoder>);
static_assert(replaceable_in_place<PlainTextDecoder, OpaqueDecoder, TlvDecoder, SenmlJsonDecoder, SenmlCborDecoder,
                                   Lwm2mCborDecoder, OmaJsonDecoder>);

// Builds a codec over whatever the storage held before (nothing to destroy).
template <typename Codec, typename Storage, typename... Args>
Codec* build(Storage& storage, Args&&... args) {
  return new (storage.bytes) Codec(std::forward<Args>(args)...);
}

}  // namespace

Result<RecordEncoder*> AnyEncoder::open(ContentFormat format, std::span<uint8_t> out) {
  switch (format) {
    case ContentFormat::kTextPlain: return build<PlainTextEncoder>(encoder_, out);
    case ContentFormat::kOpaque: return build<OpaqueEncoder>(encoder_, out);
    case ContentFormat::kTlv:
    case ContentFormat::kLegacyTlv: return build<TlvEncoder>(encoder_, out);
    case ContentFormat::kSenmlJson: return build<SenmlJsonEncoder>(encoder_, out);
    case ContentFormat::kSenmlCbor: return build<SenmlCborEncoder>(encoder_, out);
    case ContentFormat::kLwm2mCbor: return build<Lwm2mCborEncoder>(encoder_, out);
    case ContentFormat::kOmaJson:
    case ContentFormat::kLegacyJson: return build<OmaJsonEncoder>(encoder_, out);
    default: return Error::kUnsupportedFormat;
  }
}

Result<RecordDecoder*> AnyDecoder::open(ContentFormat format, std::span<const uint8_t> payload,
                                        const Path& request_path, std::span<uint8_t> scratch) {
  switch (format) {
    case ContentFormat::kTextPlain: return build<PlainTextDecoder>(decoder_, payload, request_path);
    case ContentFormat::kOpaque: return build<OpaqueDecoder>(decoder_, payload, request_path);
    case ContentFormat::kTlv:
    case ContentFormat::kLegacyTlv: return build<TlvDecoder>(decoder_, payload, request_path);
    case ContentFormat::kSenmlJson: return build<SenmlJsonDecoder>(decoder_, payload, request_path, scratch);
    case ContentFormat::kSenmlCbor: return build<SenmlCborDecoder>(decoder_, payload, request_path, scratch);
    case ContentFormat::kLwm2mCbor: return build<Lwm2mCborDecoder>(decoder_, payload, request_path);
    case ContentFormat::kOmaJson:
    case ContentFormat::kLegacyJson: return build<OmaJsonDecoder>(decoder_, payload, request_path, scratch);
    default: return Error::kUnsupportedFormat;
  }
}

}  // namespace lwm2m
