#include "transport/pdu_writing.h"

#include <cstdlib>
#include <cstring>

namespace lwm2m::transport {
namespace {

Status add_uint_option(coap_pdu_t* pdu, coap_option_num_t number, uint32_t value) {
  uint8_t buffer[4];
  unsigned length = coap_encode_var_safe(buffer, sizeof(buffer), value);
  return coap_add_option(pdu, number, length, buffer) != 0 ? kOk : Status(Error::kBufferTooSmall);
}

Status add_text_options(coap_pdu_t* pdu, coap_option_num_t number, std::span<const std::string_view> items) {
  for (std::string_view item : items) {
    if (coap_add_option(pdu, number, item.size(), reinterpret_cast<const uint8_t*>(item.data())) == 0) {
      return Error::kBufferTooSmall;
    }
  }
  return kOk;
}

}  // namespace

Status add_request_options(coap_pdu_t* pdu, const coap::Request& request) {
  if (request.observe) LWM2M_TRY(add_uint_option(pdu, COAP_OPTION_OBSERVE, *request.observe));
  LWM2M_TRY(add_text_options(pdu, COAP_OPTION_URI_PATH, request.path));
  if (request.content_format) LWM2M_TRY(add_uint_option(pdu, COAP_OPTION_CONTENT_FORMAT, *request.content_format));
  LWM2M_TRY(add_text_options(pdu, COAP_OPTION_URI_QUERY, request.query));
  if (request.accept) LWM2M_TRY(add_uint_option(pdu, COAP_OPTION_ACCEPT, *request.accept));
  return kOk;
}

Status add_response_options(coap_pdu_t* pdu, const coap::Response& response, bool with_content_format) {
  // Observe values are 24 bits (RFC 7641 §3.4).
  if (response.observe) LWM2M_TRY(add_uint_option(pdu, COAP_OPTION_OBSERVE, *response.observe & 0xFFFFFFu));
  LWM2M_TRY(add_text_options(pdu, COAP_OPTION_LOCATION_PATH, response.location_path));
  if (with_content_format && response.content_format) {
    LWM2M_TRY(add_uint_option(pdu, COAP_OPTION_CONTENT_FORMAT, *response.content_format));
  }
  return kOk;
}

uint8_t* copy_payload(std::span<const uint8_t> payload) {
  auto* copy = static_cast<uint8_t*>(std::malloc(payload.size() == 0 ? 1 : payload.size()));
  if (copy != nullptr && !payload.empty()) std::memcpy(copy, payload.data(), payload.size());
  return copy;
}

void release_payload_copy(coap_session_t* /*session*/, void* copy) { std::free(copy); }

}  // namespace lwm2m::transport
