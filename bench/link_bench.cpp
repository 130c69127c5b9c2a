#include "link_bench.h"

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <string_view>

#include "alloc_counter.h"
#include "codec_harness.h"
#include "lwm2m/core/content_format.h"
#include "lwm2m/link/link_reader.h"
#include "lwm2m/link/link_writer.h"

namespace bench {
namespace {

using lwm2m::Path;

struct ObjectEntry {
  uint16_t id;
  std::string_view version;  // empty: the object's version is the default 1.0
  uint16_t instances;        // 0: the object is listed without instances
};

// A gateway-like client: the core objects, firmware update, location,
// connectivity statistics and a set of IPSO sensors. Security (0) is never
// listed in Register (Core TS 1.2 §6.2.1).
constexpr std::array<ObjectEntry, 15> kObjects = {{
    {1, "1.1", 1}, {2, "", 4}, {3, "1.1", 1}, {4, "1.2", 1}, {5, "", 1},
    {6, "", 1}, {7, "", 1}, {9, "", 0}, {3303, "1.1", 4}, {3304, "", 2},
    {3311, "", 2}, {3313, "", 1}, {3323, "", 1}, {3336, "", 1}, {3347, "", 3},
}};

constexpr std::array<uint16_t, 5> kFormats = {
    static_cast<uint16_t>(lwm2m::ContentFormat::kSenmlCbor), static_cast<uint16_t>(lwm2m::ContentFormat::kSenmlJson),
    static_cast<uint16_t>(lwm2m::ContentFormat::kTlv), static_cast<uint16_t>(lwm2m::ContentFormat::kOmaJson),
    static_cast<uint16_t>(lwm2m::ContentFormat::kLwm2mCbor)};

// </>;rt="oma.lwm2m";ct="112 110 11542 11543 11544",</1>;ver=1.1,</1/0>,</2/0>,...
lwm2m::Result<size_t> write_register_payload(std::span<uint8_t> out) {
  lwm2m::LinkWriter w(out);
  LWM2M_TRY(w.begin_link(Path()));
  LWM2M_TRY(w.add_quoted("rt", "oma.lwm2m"));
  LWM2M_TRY(w.add_content_formats(kFormats));
  for (const ObjectEntry& o : kObjects) {
    if (!o.version.empty() || o.instances == 0) {
      LWM2M_TRY(w.begin_link(Path(o.id)));
      if (!o.version.empty()) LWM2M_TRY(w.add_token("ver", o.version));
    }
    for (uint16_t i = 0; i < o.instances; ++i) LWM2M_TRY(w.begin_link(Path(o.id, i)));
  }
  return w.finish();
}

// What a server (or a test peer) does with it: every link's path and params.
lwm2m::Result<size_t> read_register_payload(std::span<const uint8_t> in) {
  lwm2m::LinkReader links(in);
  lwm2m::Link link;
  size_t count = 0;
  while (true) {
    lwm2m::Result<bool> more = links.next(link);
    if (!more.ok()) return more.error();
    if (!*more) return count;
    lwm2m::Result<Path> path = link.path();
    if (!path.ok()) return path.error();
    benchmark::DoNotOptimize(path);
    lwm2m::LinkParamReader params(link);
    lwm2m::LinkParam param;
    while (true) {
      lwm2m::Result<bool> more_params = params.next(param);
      if (!more_params.ok()) return more_params.error();
      if (!*more_params) break;
      benchmark::DoNotOptimize(param);
    }
    ++count;
  }
}

size_t expected_links() {
  size_t n = 1;  // "</>"
  for (const ObjectEntry& o : kObjects) n += o.instances + ((!o.version.empty() || o.instances == 0) ? 1 : 0);
  return n;
}

void encode_register(benchmark::State& state) {
  std::array<uint8_t, kOutputCapacity> out{};
  size_t size = 0;
  uint64_t before = allocation_count();
  for (auto _ : state) {
    lwm2m::Result<size_t> n = write_register_payload(out);
    if (!n.ok()) {
      state.SkipWithError(lwm2m::error_name(n.error()));
      break;
    }
    size = *n;
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  report(state, size, allocation_count() - before);
}

void decode_register(benchmark::State& state) {
  std::array<uint8_t, kOutputCapacity> out{};
  lwm2m::Result<size_t> size = write_register_payload(out);
  if (!size.ok()) {
    state.SkipWithError(lwm2m::error_name(size.error()));
    return;
  }
  std::span<const uint8_t> in(out.data(), *size);
  uint64_t before = allocation_count();
  for (auto _ : state) {
    benchmark::DoNotOptimize(in.data());
    lwm2m::Result<size_t> n = read_register_payload(in);
    if (!n.ok() || *n != expected_links()) {
      state.SkipWithError(n.ok() ? "link count differs" : lwm2m::error_name(n.error()));
      break;
    }
  }
  report(state, *size, allocation_count() - before);
}

}  // namespace

void register_link_benchmarks() {
  with_min(benchmark::RegisterBenchmark("encode/CoRE_Link/register_15_objects", encode_register));
  with_min(benchmark::RegisterBenchmark("decode/CoRE_Link/register_15_objects", decode_register));
}

}  // namespace bench
