// Encode/decode benchmarks of every LwM2M content format over the payloads
// of payloads.h, plus the CoRE Link Format Register payload (link_bench.cpp).
#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>

#include "alloc_counter.h"
#include "codec_harness.h"
#include "link_bench.h"
#include "payloads.h"

// CMake defines LWM2M_BENCH_<FORMAT> for each format module in the tree.
#if LWM2M_BENCH_TLV
#include "lwm2m/tlv/tlv_decoder.h"
#include "lwm2m/tlv/tlv_encoder.h"
#endif
#if LWM2M_BENCH_TEXT
#include "lwm2m/text/plain_text_codec.h"
#endif
#if LWM2M_BENCH_SENML_JSON
#include "lwm2m/senml/senml_json_decoder.h"
#include "lwm2m/senml/senml_json_encoder.h"
#endif
#if LWM2M_BENCH_SENML_CBOR
#include "lwm2m/senml/senml_cbor_decoder.h"
#include "lwm2m/senml/senml_cbor_encoder.h"
#endif
#if LWM2M_BENCH_LWM2M_CBOR
#include "lwm2m/lwcbor/lwm2m_cbor_decoder.h"
#include "lwm2m/lwcbor/lwm2m_cbor_encoder.h"
#endif
#if LWM2M_BENCH_OMA_JSON
#include "lwm2m/omajson/oma_json_decoder.h"
#include "lwm2m/omajson/oma_json_encoder.h"
#endif

namespace bench {
namespace {

using lwm2m::Path;
using In = std::span<const uint8_t>;
using Out = std::span<uint8_t>;

#if LWM2M_BENCH_TLV
// TLV has no root-level form and no timestamps.
struct TlvCodec {
  static constexpr const char* kName = "TLV";
  static bool supports(const Payload& p) { return !p.timestamped && !p.request.is_root(); }
  static lwm2m::TlvEncoder encoder(Out out) { return lwm2m::TlvEncoder(out); }
  static lwm2m::TlvDecoder decoder(In in, const Path& request, Out) { return lwm2m::TlvDecoder(in, request); }
};
#endif

#if LWM2M_BENCH_TEXT
// text/plain carries one resource value only.
struct PlainTextCodec {
  static constexpr const char* kName = "PlainText";
  static bool supports(const Payload& p) { return p.request.depth() >= Path::kResource && p.records.size() == 1; }
  static lwm2m::PlainTextEncoder encoder(Out out) { return lwm2m::PlainTextEncoder(out); }
  static lwm2m::PlainTextDecoder decoder(In in, const Path& request, Out) {
    return lwm2m::PlainTextDecoder(in, request);
  }
};
#endif

#if LWM2M_BENCH_SENML_JSON
struct SenmlJsonCodec {
  static constexpr const char* kName = "SenML_JSON";
  static bool supports(const Payload&) { return true; }
  static lwm2m::SenmlJsonEncoder encoder(Out out) { return lwm2m::SenmlJsonEncoder(out); }
  static lwm2m::SenmlJsonDecoder decoder(In in, const Path& request, Out scratch) {
    return lwm2m::SenmlJsonDecoder(in, request, scratch);
  }
};
#endif

#if LWM2M_BENCH_SENML_CBOR
struct SenmlCborCodec {
  static constexpr const char* kName = "SenML_CBOR";
  static bool supports(const Payload&) { return true; }
  static lwm2m::SenmlCborEncoder encoder(Out out) { return lwm2m::SenmlCborEncoder(out); }
  static lwm2m::SenmlCborDecoder decoder(In in, const Path& request, Out scratch) {
    return lwm2m::SenmlCborDecoder(in, request, scratch);
  }
};
#endif

#if LWM2M_BENCH_LWM2M_CBOR
// LwM2M CBOR carries no timestamps (Core TS 1.2 §7.4.6).
struct Lwm2mCborCodec {
  static constexpr const char* kName = "LwM2M_CBOR";
  static bool supports(const Payload& p) { return !p.timestamped; }
  static lwm2m::Lwm2mCborEncoder encoder(Out out) { return lwm2m::Lwm2mCborEncoder(out); }
  static lwm2m::Lwm2mCborDecoder decoder(In in, const Path& request, Out) {
    return lwm2m::Lwm2mCborDecoder(in, request);
  }
};
#endif

#if LWM2M_BENCH_OMA_JSON
// OMA JSON carries every payload, time series included (Core TS 1.0 §6.4.4).
struct OmaJsonCodec {
  static constexpr const char* kName = "OMA_JSON";
  static bool supports(const Payload&) { return true; }
  static lwm2m::OmaJsonEncoder encoder(Out out) { return lwm2m::OmaJsonEncoder(out); }
  static lwm2m::OmaJsonDecoder decoder(In in, const Path& request, Out scratch) {
    return lwm2m::OmaJsonDecoder(in, request, scratch);
  }
};
#endif

void register_all() {
  const std::array<const Payload*, 4> payloads = {&device_read(), &temperature_object_read(), &temperature_pack(),
                                                  &single_resource_read()};
#if LWM2M_BENCH_TLV
  register_codec<TlvCodec>(payloads);
#endif
#if LWM2M_BENCH_TEXT
  register_codec<PlainTextCodec>(payloads);
#endif
#if LWM2M_BENCH_SENML_JSON
  register_codec<SenmlJsonCodec>(payloads);
#endif
#if LWM2M_BENCH_SENML_CBOR
  register_codec<SenmlCborCodec>(payloads);
#endif
#if LWM2M_BENCH_LWM2M_CBOR
  register_codec<Lwm2mCborCodec>(payloads);
#endif
#if LWM2M_BENCH_OMA_JSON
  register_codec<OmaJsonCodec>(payloads);
#endif
  register_link_benchmarks();
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
  if (!bench::allocation_counter_works()) {
    std::fputs("codec_bench: the allocation counter does not see allocations\n", stderr);
    return 1;
  }
  bench::register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
