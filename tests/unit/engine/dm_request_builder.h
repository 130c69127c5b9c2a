// Test helper: builds a coap::Request whose option spans point into the builder.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lwm2m/engine/coap_message.h"

namespace lwm2m::test {

class RequestBuilder {
 public:
  // `path` as text: "/3/0/1" gives Uri-Path options "3", "0", "1"; "/" none.
  RequestBuilder(coap::Method method, std::string_view path) : method_(method) {
    size_t start = path.empty() || path[0] != '/' ? 0 : 1;
    while (start < path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string_view::npos) end = path.size();
      segments_.emplace_back(path.substr(start, end - start));
      start = end + 1;
    }
  }
  RequestBuilder& query(std::string_view q) { queries_.emplace_back(q); return *this; }
  RequestBuilder& format(uint16_t f) { content_format_ = f; return *this; }
  RequestBuilder& accept(uint16_t a) { accept_ = a; return *this; }
  RequestBuilder& observe(uint32_t o) { observe_ = o; return *this; }
  RequestBuilder& payload(std::string_view text) { payload_.assign(text.begin(), text.end()); return *this; }
  RequestBuilder& payload(std::vector<uint8_t> bytes) { payload_ = std::move(bytes); return *this; }

  // The request stays valid while the builder lives and is not changed.
  coap::Request build() {
    path_views_.assign(segments_.begin(), segments_.end());
    query_views_.assign(queries_.begin(), queries_.end());
    coap::Request r;
    r.method = method_;
    r.path = path_views_;
    r.query = query_views_;
    r.content_format = content_format_;
    r.accept = accept_;
    r.observe = observe_;
    r.payload = payload_;
    return r;
  }

 private:
  coap::Method method_;
  std::vector<std::string> segments_;
  std::vector<std::string> queries_;
  std::vector<std::string_view> path_views_;
  std::vector<std::string_view> query_views_;
  std::optional<uint16_t> content_format_;
  std::optional<uint16_t> accept_;
  std::optional<uint32_t> observe_;
  std::vector<uint8_t> payload_;
};

}  // namespace lwm2m::test
