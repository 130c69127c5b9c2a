// A tiny check harness for the QEMU firmwares: no GoogleTest on bare metal.
// Each <codec>_vectors.cpp registers one suite; main runs them all, prints one
// line per check and exits 0 only when every check passed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

#include "lwm2m/core/status.h"

namespace qemu {

struct Suite {
  const char* name;
  void (*run)();
  Suite* next;
};

// Adds a suite to the list main walks (static constructors run before main).
struct SuiteRegistration {
  explicit SuiteRegistration(Suite& suite);
};

#define QEMU_VECTOR_SUITE(suite_name, function)                     \
  static ::qemu::Suite function##_suite{suite_name, function, nullptr}; \
  static ::qemu::SuiteRegistration function##_registration(function##_suite)

// Each records one check and prints "PASS what" or "FAIL what (details)".
bool check(bool ok, const char* what);
bool check_error(lwm2m::Error got, lwm2m::Error want, const char* what);
bool check_bytes(std::span<const uint8_t> got, std::span<const uint8_t> want, const char* what);
bool check_text(std::string_view got, std::string_view want, const char* what);

// printf-style check names, e.g. describe("base64 encode \"%s\"", input).
// The text lives in a buffer reused by the next call: pass it straight to check.
const char* describe(const char* format, ...) __attribute__((format(printf, 1, 2)));

// Spec vectors written as byte lists. A span of a braced list lives only to
// the end of the full expression: name an array for anything kept longer.
using Bytes = std::initializer_list<uint8_t>;
inline std::span<const uint8_t> span_of(Bytes b) { return {b.begin(), b.size()}; }
inline std::span<const uint8_t> span_of(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace qemu
