// A small object with one resource of each kind, for data-model tests.
#pragma once

#include <string>

#include "lwm2m/model/stored_object.h"

namespace lwm2m::testing {

inline constexpr ResourceDef kTestResources[] = {
    {0, "Name", Operations::kReadWrite, false, true, DataType::kString, {true, 0, 16}, ""},
    {1, "Level", Operations::kReadWrite, false, false, DataType::kInteger, {true, -10, 100}, "%"},
    {2, "Readings", Operations::kReadWrite, true, false, DataType::kFloat, {}, ""},
    {3, "Serial", Operations::kRead, false, false, DataType::kString, {}, ""},
    {4, "Reset", Operations::kExecute, false, false, DataType::kNone, {}, ""},
    {5, "Blob", Operations::kWrite, false, false, DataType::kOpaque, {}, ""},
};
inline constexpr ObjectDef kTestObject{30000, "Test", {1, 1}, true, false, kTestResources};

class TestObject final : public StoredObject<4, 24, 96> {
 public:
  TestObject() : StoredObject(kTestObject) {}
  Status execute(uint16_t, uint16_t resource, std::span<const uint8_t> args) override {
    if (resource != 4) return Error::kMethodNotAllowed;
    ++resets;
    last_args.assign(args.begin(), args.end());
    return kOk;
  }
  int resets = 0;
  std::string last_args;
};

}  // namespace lwm2m::testing
