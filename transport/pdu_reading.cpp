#include "transport/pdu_reading.h"

namespace lwm2m::transport {
namespace {

std::string_view option_text(const coap_opt_t* option) {
  return {reinterpret_cast<const char*>(coap_opt_value(option)), coap_opt_length(option)};
}

uint32_t option_uint(const coap_opt_t* option) {
  return coap_decode_var_bytes(coap_opt_value(option), coap_opt_length(option));
}

std::span<const uint8_t> whole_payload(const coap_pdu_t* pdu) {
  // With COAP_BLOCK_SINGLE_BODY libcoap hands over the reassembled body.
  size_t length = 0;
  const uint8_t* data = nullptr;
  size_t offset = 0;
  size_t total = 0;
  if (coap_get_data_large(pdu, &length, &data, &offset, &total) == 0 || data == nullptr) return {};
  return {data, length};
}

}  // namespace

coap::Token token_of(const coap_pdu_t* pdu) {
  coap_bin_const_t raw = coap_pdu_get_token(pdu);
  coap::Token token;
  token.size = static_cast<uint8_t>(raw.length <= sizeof(token.bytes) ? raw.length : sizeof(token.bytes));
  for (size_t i = 0; i < token.size; ++i) token.bytes[i] = raw.s[i];
  return token;
}

Status read_request(const coap_pdu_t* pdu, ReceivedRequest& out) {
  coap::Request& request = out.request;
  request = coap::Request{};
  unsigned method = coap_pdu_get_code(pdu);
  if (method < 1 || method > static_cast<unsigned>(coap::Method::kIPatch)) return Error::kMethodNotAllowed;
  request.method = static_cast<coap::Method>(method);
  request.token = token_of(pdu);
  request.confirmable = coap_pdu_get_type(pdu) == COAP_MESSAGE_CON;

  size_t path_count = 0;
  size_t query_count = 0;
  coap_opt_iterator_t iterator;
  coap_option_iterator_init(pdu, &iterator, COAP_OPT_ALL);
  while (const coap_opt_t* option = coap_option_next(&iterator)) {
    switch (iterator.number) {
      case COAP_OPTION_URI_PATH:
        if (path_count == out.path_storage.size()) return Error::kCapacityExceeded;
        out.path_storage[path_count++] = option_text(option);
        break;
      case COAP_OPTION_URI_QUERY:
        if (query_count == out.query_storage.size()) return Error::kCapacityExceeded;
        out.query_storage[query_count++] = option_text(option);
        break;
      case COAP_OPTION_CONTENT_FORMAT:
        request.content_format = static_cast<uint16_t>(option_uint(option));
        break;
      case COAP_OPTION_ACCEPT:
        request.accept = static_cast<uint16_t>(option_uint(option));
        break;
      case COAP_OPTION_OBSERVE:
        request.observe = option_uint(option);
        break;
      default:
        break;
    }
  }
  request.path = std::span<const std::string_view>(out.path_storage.data(), path_count);
  request.query = std::span<const std::string_view>(out.query_storage.data(), query_count);
  request.payload = whole_payload(pdu);
  return kOk;
}

Status read_response(const coap_pdu_t* pdu, ReceivedResponse& out) {
  coap::Response& response = out.response;
  response = coap::Response{};
  response.code = static_cast<uint8_t>(coap_pdu_get_code(pdu));
  size_t location_count = 0;
  coap_opt_iterator_t iterator;
  coap_option_iterator_init(pdu, &iterator, COAP_OPT_ALL);
  while (const coap_opt_t* option = coap_option_next(&iterator)) {
    switch (iterator.number) {
      case COAP_OPTION_LOCATION_PATH:
        if (location_count == out.location_storage.size()) return Error::kCapacityExceeded;
        out.location_storage[location_count++] = option_text(option);
        break;
      case COAP_OPTION_CONTENT_FORMAT:
        response.content_format = static_cast<uint16_t>(option_uint(option));
        break;
      case COAP_OPTION_OBSERVE:
        response.observe = option_uint(option);
        break;
      default:
        break;
    }
  }
  response.location_path = std::span<const std::string_view>(out.location_storage.data(), location_count);
  response.payload = whole_payload(pdu);
  return kOk;
}

}  // namespace lwm2m::transport
