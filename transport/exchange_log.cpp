#include "transport/exchange_log.h"

namespace lwm2m::transport {

std::string method_name(coap::Method method) {
  switch (method) {
    case coap::Method::kGet: return "GET";
    case coap::Method::kPost: return "POST";
    case coap::Method::kPut: return "PUT";
    case coap::Method::kDelete: return "DELETE";
    case coap::Method::kFetch: return "FETCH";
    case coap::Method::kPatch: return "PATCH";
    case coap::Method::kIPatch: return "iPATCH";
  }
  return "?";
}

std::string code_text(uint8_t code) {
  std::string text = std::to_string(code >> 5) + ".";
  unsigned detail = code & 0x1Fu;
  if (detail < 10) text += '0';
  return text + std::to_string(detail);
}

std::string resource_text(std::span<const std::string_view> path, std::span<const std::string_view> query) {
  std::string text;
  for (std::string_view segment : path) {
    text += '/';
    text += segment;
  }
  if (text.empty()) text = "/";
  char separator = '?';
  for (std::string_view item : query) {
    text += separator;
    text += item;
    separator = '&';
  }
  return text;
}

}  // namespace lwm2m::transport
