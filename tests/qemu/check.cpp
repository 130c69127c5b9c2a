#include "check.h"

#include <cstdarg>
#include <cstdio>

namespace qemu {

namespace {
Suite* first_suite = nullptr;
unsigned checks_run = 0;
unsigned checks_failed = 0;

void print_hex(std::span<const uint8_t> bytes) {
  for (uint8_t b : bytes) std::printf("%02x", b);
}
}  // namespace

SuiteRegistration::SuiteRegistration(Suite& suite) {
  // Keep registration order (link order) so the output reads in a stable order.
  Suite** tail = &first_suite;
  while (*tail != nullptr) tail = &(*tail)->next;
  *tail = &suite;
}

const char* describe(const char* format, ...) {
  static char text[96];
  va_list args;
  va_start(args, format);
  std::vsnprintf(text, sizeof text, format, args);
  va_end(args);
  return text;
}

bool check(bool ok, const char* what) {
  ++checks_run;
  if (!ok) ++checks_failed;
  std::printf("%s %s\n", ok ? "PASS" : "FAIL", what);
  return ok;
}

bool check_error(lwm2m::Error got, lwm2m::Error want, const char* what) {
  bool ok = got == want;
  if (!check(ok, what)) std::printf("     got %s, want %s\n", lwm2m::error_name(got), lwm2m::error_name(want));
  return ok;
}

bool check_bytes(std::span<const uint8_t> got, std::span<const uint8_t> want, const char* what) {
  bool ok = got.size() == want.size();
  for (size_t i = 0; ok && i < got.size(); ++i) ok = got[i] == want[i];
  if (!check(ok, what)) {
    std::printf("     got  ");
    print_hex(got);
    std::printf("\n     want ");
    print_hex(want);
    std::printf("\n");
  }
  return ok;
}

bool check_text(std::string_view got, std::string_view want, const char* what) {
  bool ok = got == want;
  if (!check(ok, what))
    std::printf("     got \"%.*s\", want \"%.*s\"\n", static_cast<int>(got.size()), got.data(),
                static_cast<int>(want.size()), want.data());
  return ok;
}

int run_all_suites() {
  for (Suite* s = first_suite; s != nullptr; s = s->next) {
    std::printf("== %s\n", s->name);
    s->run();
  }
  std::printf("%u checks, %u failed\n", checks_run, checks_failed);
  return checks_failed == 0 && checks_run > 0 ? 0 : 1;
}

}  // namespace qemu
