// Replacing operator new alone would miss a library that calls malloc, so
// both are counted. operator new goes straight to glibc's allocator so one
// allocation is counted once. Failure aborts: the bench binary, like the
// core, is built without exceptions.
#include "alloc_counter.h"

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* p, size_t size);
void __libc_free(void* p);
}

namespace {

std::atomic<uint64_t> g_allocations{0};

void count() { g_allocations.fetch_add(1, std::memory_order_relaxed); }

void* allocate(size_t size) {
  count();
  void* p = __libc_malloc(size == 0 ? 1 : size);
  if (p == nullptr) std::abort();
  return p;
}

void* allocate_aligned(size_t size, std::align_val_t align) {
  count();
  size_t a = static_cast<size_t>(align);
  size_t rounded = (size + a - 1) / a * a;
  void* p = std::aligned_alloc(a, rounded == 0 ? a : rounded);  // not counted again: glibc's own
  if (p == nullptr) std::abort();
  return p;
}

}  // namespace

namespace bench {
uint64_t allocation_count() { return g_allocations.load(std::memory_order_relaxed); }

bool allocation_counter_works() {
  // Called through volatile pointers so the compiler cannot elide the pair.
  void* (*volatile op_new)(size_t) = &::operator new;
  void (*volatile op_delete)(void*) noexcept = &::operator delete;
  void* (*volatile c_malloc)(size_t) = &malloc;
  void (*volatile c_free)(void*) = &free;
  uint64_t before = allocation_count();
  op_delete(op_new(16));
  bool saw_new = allocation_count() == before + 1;
  c_free(c_malloc(16));
  bool saw_malloc = allocation_count() == before + 2;
  return saw_new && saw_malloc;
}
}  // namespace bench

extern "C" {
void* malloc(size_t size) {
  count();
  return __libc_malloc(size);
}
void* calloc(size_t n, size_t size) {
  count();
  return __libc_calloc(n, size);
}
void* realloc(void* p, size_t size) {
  count();
  return __libc_realloc(p, size);
}
void free(void* p) { __libc_free(p); }
}

void* operator new(size_t size) { return allocate(size); }
void* operator new[](size_t size) { return allocate(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new(size_t size, std::align_val_t a) { return allocate_aligned(size, a); }
void* operator new[](size_t size, std::align_val_t a) { return allocate_aligned(size, a); }
void operator delete(void* p) noexcept { __libc_free(p); }
void operator delete[](void* p) noexcept { __libc_free(p); }
void operator delete(void* p, size_t) noexcept { __libc_free(p); }
void operator delete[](void* p, size_t) noexcept { __libc_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { __libc_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { __libc_free(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { __libc_free(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { __libc_free(p); }
