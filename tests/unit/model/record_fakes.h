// In-memory encoder and decoder for testing the data model without a codec.
#pragma once

#include <string>
#include <vector>

#include "lwm2m/core/record.h"

namespace lwm2m::testing {

class RecordingEncoder final : public RecordEncoder {
 public:
  struct Item {
    Path path;
    Value value;
    std::string bytes;  // a copy, since the value's view may not outlive the read
  };
  Status begin(const Path& request_path) override {
    request = request_path;
    items.clear();
    return kOk;
  }
  Status add(const Record& r) override {
    if (!items.empty() && !(items.back().path < r.path)) return Error::kInternal;
    items.push_back({r.path, r.value, std::string(r.value.bytes.begin(), r.value.bytes.end())});
    return kOk;
  }
  Result<size_t> finish() override { return items.size(); }
  Path request;
  std::vector<Item> items;
};

class ListDecoder final : public RecordDecoder {
 public:
  ListDecoder& add(Path p, Value v, WireEncoding e = WireEncoding::kTyped) {
    DecodedRecord r;
    r.path = p;
    r.value = {v, e};
    records_.push_back(r);
    return *this;
  }
  ListDecoder& text(Path p, const char* s) {
    keep_.emplace_back(s);
    Value v;
    v.bytes = {reinterpret_cast<const uint8_t*>(keep_.back().data()), keep_.back().size()};
    return add(p, v, WireEncoding::kPlainText);
  }
  ListDecoder& fail_at(size_t index) {
    fail_at_ = index;
    return *this;
  }
  Result<bool> next(DecodedRecord& out) override {
    if (pos_ == fail_at_) return Error::kMalformed;
    if (pos_ >= records_.size()) return false;
    out = records_[pos_++];
    return true;
  }
  void rewind() override { pos_ = 0; }

 private:
  std::vector<DecodedRecord> records_;
  std::vector<std::string> keep_;  // stable storage: reserve to avoid moves
  size_t pos_ = 0;
  size_t fail_at_ = SIZE_MAX;

 public:
  ListDecoder() { keep_.reserve(64); }
};

}  // namespace lwm2m::testing
