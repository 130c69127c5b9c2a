// One readable line per CoAP exchange for the verbose log hook, e.g.
// "POST /rd?ep=node1 (42 B) -> 2.01 (0 B)".
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "lwm2m/engine/coap_message.h"

namespace lwm2m::transport {

using LogSink = std::function<void(std::string_view line)>;

std::string method_name(coap::Method method);
// "2.05" for class 2 detail 5.
std::string code_text(uint8_t code);
// "/a/b?x=1&y" from Uri-Path and Uri-Query options.
std::string resource_text(std::span<const std::string_view> path, std::span<const std::string_view> query);

}  // namespace lwm2m::transport
