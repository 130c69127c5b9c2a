// lwm2m_link on the target: CoRE Link Format (RFC 6690 §2) payloads of the
// LwM2M Core TS 1.2: Register (§6.2.1) and Discover (§6.3), written byte for
// byte and read back, and Write-Attributes query options (§5.1.2, §6.3).
#include <cstdint>
#include <string_view>

#include "check.h"
#include "lwm2m/link/attributes.h"
#include "lwm2m/link/link_reader.h"
#include "lwm2m/link/link_writer.h"

using namespace lwm2m;
using qemu::check;
using qemu::check_error;
using qemu::check_text;

namespace {

std::string_view text_of(const uint8_t* buf, const Result<size_t>& n) {
  return n.ok() ? std::string_view(reinterpret_cast<const char*>(buf), *n) : std::string_view("<error>");
}

// Core TS 1.2 §6.2.1: root link with rt and ct, an object version, instances.
constexpr std::string_view kRegisterPayload = R"(</>;rt="oma.lwm2m";ct=110,</1>;ver=1.1,</1/0>,</3/0>,</5>)";

void register_payload() {
  uint8_t buf[96];
  LinkWriter w(buf);
  const uint16_t ct[] = {110};
  Status s = w.begin_link(Path());
  if (s.ok()) s = w.add_quoted("rt", "oma.lwm2m");
  if (s.ok()) s = w.add_content_formats(ct);
  if (s.ok()) s = w.begin_link(Path(1));
  if (s.ok()) s = w.add_token("ver", "1.1");
  if (s.ok()) s = w.begin_link(Path(1, 0));
  if (s.ok()) s = w.begin_link(Path(3, 0));
  if (s.ok()) s = w.begin_link(Path(5));
  check_text(text_of(buf, w.finish()), kRegisterPayload, "link write Register payload (Core TS §6.2.1)");

  LinkReader reader(kRegisterPayload);
  const Path want[] = {Path(), Path(1), Path(1, 0), Path(3, 0), Path(5)};
  Link link;
  size_t count = 0;
  bool paths_match = true;
  Result<bool> more = reader.next(link);
  while (more.ok() && *more) {
    Result<Path> p = link.path();
    paths_match = paths_match && count < 5 && p.ok() && *p == want[count];
    ++count;
    more = reader.next(link);
  }
  check(more.ok() && count == 5 && paths_match, "link read Register payload: 5 paths");
  reader.rewind();
  Result<LinkParam> rt = reader.next(link).ok() ? LinkParamReader::find(link, "rt") : Result<LinkParam>(Error::kNotFound);
  check(rt.ok() && rt->quoted && rt->value == "oma.lwm2m", "link read rt=\"oma.lwm2m\" on the root link");
}

// Core TS 1.2 §6.3 Discover example: attributes, dim, and a float (lt=42.2)
// that goes through format_double on the target.
void discover_payload() {
  uint8_t buf[96];
  LinkWriter w(buf);
  Attributes res7;
  res7.gt = 50;
  res7.lt = 42.2;
  Attributes inst;
  inst.pmin = 10;
  inst.pmax = 60;
  Status s = w.begin_link(Path(3, 0));
  if (s.ok()) s = w.add_attributes(inst);
  if (s.ok()) s = w.begin_link(Path(3, 0, 7));
  if (s.ok()) s = w.add_uint("dim", 2);
  if (s.ok()) s = w.add_attributes(res7);
  if (s.ok()) s = w.begin_link(Path(3, 0, 7, 1));
  check_text(text_of(buf, w.finish()), "</3/0>;pmin=10;pmax=60,</3/0/7>;dim=2;gt=50;lt=42.2,</3/0/7/1>",
             "link write Discover answer with attributes (Core TS §6.3)");

  uint8_t tiny[6];  // "</3/0/7>" needs 8
  LinkWriter small(tiny);
  (void)small.begin_link(Path(3, 0, 7));
  check_error(small.finish().error(), Error::kBufferTooSmall, "link write reports a full buffer");
}

void malformed_links() {
  for (std::string_view bad : {std::string_view("</3"), std::string_view("</3>,"), std::string_view("</3>;pmin=")}) {
    LinkReader reader(bad);
    Link link;
    check_error(reader.next(link).error(), Error::kMalformed, qemu::describe("link read rejects '%.*s'",
                static_cast<int>(bad.size()), bad.data()));
  }
}

void write_attributes() {
  AttributeChanges changes;
  Status s = changes.add_query("pmin=10");
  if (s.ok()) s = changes.add_query("pmax=60");
  if (s.ok()) s = changes.add_query("gt=50.5");
  Result<Attributes> applied = s.ok() ? changes.apply(Attributes(), Path::kResource) : Result<Attributes>(s);
  check(applied.ok() && applied->pmin == 10u && applied->pmax == 60u && applied->gt == 50.5,
        "Write-Attributes pmin=10&pmax=60&gt=50.5 (Core TS §5.1.2)");

  AttributeChanges inverted;
  s = inverted.add_query("pmin=60");
  if (s.ok()) s = inverted.add_query("pmax=10");
  Result<Attributes> refused = s.ok() ? inverted.apply(Attributes(), Path::kResource) : Result<Attributes>(s);
  check_error(refused.error(), Error::kBadRequest, "Write-Attributes refuses pmin > pmax (Core TS §5.1.2)");
}

void link_vectors() {
  register_payload();
  discover_payload();
  malformed_links();
  write_attributes();
}

}  // namespace

QEMU_VECTOR_SUITE("lwm2m_link", link_vectors);
