#include "lwm2m/formats/negotiation.h"

namespace lwm2m {

namespace {

bool names_single_value(const FormatTarget& t) {
  return (t.path.depth() == Path::kResource && !t.multiple_resource) || t.path.depth() == Path::kResourceInstance;
}

Lwm2mVersion first_version_with(ContentFormat f) {
  switch (f) {
    case ContentFormat::kSenmlJson:
    case ContentFormat::kSenmlCbor: return Lwm2mVersion::k1_1;
    case ContentFormat::kLwm2mCbor: return Lwm2mVersion::k1_2;
    default: return Lwm2mVersion::k1_0;
  }
}

}  // namespace

std::optional<ContentFormat> content_format_from_number(uint16_t number) {
  switch (number) {
    case 0: return ContentFormat::kTextPlain;
    case 40: return ContentFormat::kLinkFormat;
    case 42: return ContentFormat::kOpaque;
    case 110: return ContentFormat::kSenmlJson;
    case 112: return ContentFormat::kSenmlCbor;
    case 11542:
    case 1542: return ContentFormat::kTlv;
    case 11543:
    case 1543: return ContentFormat::kOmaJson;
    case 11544: return ContentFormat::kLwm2mCbor;
    default: return std::nullopt;
  }
}

bool format_allowed(ContentFormat format, Operation operation, const FormatTarget& target, Lwm2mVersion version) {
  if (version < first_version_with(format)) return false;
  bool composite = operation == Operation::kReadComposite || operation == Operation::kWriteComposite ||
                   operation == Operation::kCompositeRequest;
  switch (format) {
    case ContentFormat::kLinkFormat: return operation == Operation::kDiscover;
    case ContentFormat::kTextPlain:
      return !composite && operation != Operation::kDiscover && names_single_value(target);
    case ContentFormat::kOpaque:
      return !composite && operation != Operation::kDiscover && names_single_value(target) &&
             target.type == DataType::kOpaque;
    case ContentFormat::kTlv:
    case ContentFormat::kOmaJson:
      // Hierarchical formats rooted at one path: no composite operations.
      return !composite && operation != Operation::kDiscover && !target.path.is_root();
    case ContentFormat::kSenmlJson:
    case ContentFormat::kSenmlCbor:
    case ContentFormat::kLwm2mCbor:
      return operation != Operation::kDiscover && (composite || !target.path.is_root());
    default: return false;
  }
}

Result<ContentFormat> choose_response_format(std::optional<uint16_t> accept, Operation operation,
                                             const FormatTarget& target, Lwm2mVersion version,
                                             ContentFormat preferred) {
  if (accept) {
    std::optional<ContentFormat> f = content_format_from_number(*accept);
    if (!f || !format_allowed(*f, operation, target, version)) return Error::kNotAcceptable;
    return *f;
  }
  if (operation == Operation::kDiscover) return ContentFormat::kLinkFormat;
  // A lone opaque value travels best as itself, not base64 text or a pack.
  if (format_allowed(ContentFormat::kOpaque, operation, target, version)) return ContentFormat::kOpaque;
  if (format_allowed(preferred, operation, target, version)) return preferred;
  const ContentFormat fallbacks[] = {ContentFormat::kTextPlain, ContentFormat::kSenmlCbor,
                                     ContentFormat::kTlv};
  for (ContentFormat f : fallbacks)
    if (format_allowed(f, operation, target, version)) return f;
  return Error::kNotAcceptable;
}

Result<ContentFormat> check_request_format(uint16_t content_format, Operation operation,
                                           const FormatTarget& target, Lwm2mVersion version) {
  std::optional<ContentFormat> f = content_format_from_number(content_format);
  if (!f || !format_allowed(*f, operation, target, version)) return Error::kUnsupportedFormat;
  return *f;
}

}  // namespace lwm2m
