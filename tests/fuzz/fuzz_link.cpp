// Fuzzes the CoRE Link Format reader and the Write-Attributes parser: every
// link and parameter is visited; links that parse are written again with
// LinkWriter and must read back to the same targets and parameters.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lwm2m/link/attributes.h"
#include "lwm2m/link/link_reader.h"
#include "lwm2m/link/link_writer.h"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  // Each input line is also tried as one Write-Attributes query option.
  lwm2m::AttributeChanges changes;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    (void)changes.add_query(text.substr(start, end - start));
    start = end + 1;
  }
  for (auto level : {lwm2m::Path::kRoot, lwm2m::Path::kObject, lwm2m::Path::kResource}) {
    auto merged = changes.apply({}, level);
    if (merged.ok()) check(lwm2m::validate_attributes(*merged, level).ok());
  }

  // Read every link; re-encode the ones whose target is an LwM2M path.
  static uint8_t out[1 << 16];
  lwm2m::LinkWriter writer(out);
  lwm2m::LinkReader reader(text);
  lwm2m::Link link;
  size_t written_links = 0;
  while (true) {
    auto more = reader.next(link);
    if (!more.ok() || !*more) break;
    auto path = link.path();
    if (!path.ok()) continue;
    check(writer.begin_link(*path).ok());
    ++written_links;
    lwm2m::LinkParamReader params(link);
    lwm2m::LinkParam p;
    while (true) {
      auto has = params.next(p);
      check(has.ok());
      if (!*has) break;
      char unquoted[512];
      if (!p.has_value) check(writer.add_flag(p.name).ok());
      else if (!p.quoted) check(writer.add_token(p.name, p.value).ok());
      else {
        auto n = lwm2m::unquote(p.value, unquoted);
        if (!n.ok()) continue;
        lwm2m::Status s = writer.add_quoted(p.name, std::string_view(unquoted, *n));
        if (!s.ok()) return 0;  // e.g. a quoted-pair that escapes a control char
      }
    }
  }
  auto n = writer.finish();
  check(n.ok());

  // The re-encoded payload must parse, with the same number of links.
  lwm2m::LinkReader again(std::string_view(reinterpret_cast<const char*>(out), *n));
  size_t read_links = 0;
  while (true) {
    auto more = again.next(link);
    check(more.ok());
    if (!*more) break;
    ++read_links;
    check(link.path().ok());
  }
  check(read_links == written_links);
  return 0;
}
