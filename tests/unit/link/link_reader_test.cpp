// LinkReader: RFC 6690 §2 link-value-list parsing, LwM2M payload examples
// (Core TS 1.2 §6.2.1 Register, §6.3 Discover), round trips, malformed input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lwm2m/link/link_reader.h"
#include "lwm2m/link/link_writer.h"

using lwm2m::Error;
using lwm2m::Link;
using lwm2m::LinkParam;
using lwm2m::LinkParamReader;
using lwm2m::LinkReader;
using lwm2m::Path;

namespace {

// "target;name=value;flag" per link, or "error:<name>" at the first error.
std::vector<std::string> flatten(std::string_view payload) {
  std::vector<std::string> out;
  LinkReader reader(payload);
  Link link;
  while (true) {
    auto more = reader.next(link);
    if (!more.ok()) {
      out.push_back(std::string("error:") + lwm2m::error_name(more.error()));
      return out;
    }
    if (!*more) return out;
    std::string s(link.target);
    LinkParamReader params(link);
    LinkParam p;
    while (true) {
      auto has = params.next(p);
      EXPECT_TRUE(has.ok());
      if (!has.ok() || !*has) break;
      s += ";" + std::string(p.name);
      if (p.has_value) s += (p.quoted ? "=\"" : "=") + std::string(p.value) + (p.quoted ? "\"" : "");
    }
    out.push_back(s);
  }
}

using Strings = std::vector<std::string>;

TEST(LinkReader, CoreTs12RegisterPayload) {
  EXPECT_EQ(flatten(R"(</>;rt="oma.lwm2m";ct=110,</1>;ver=1.1,</1/0>,</3/0>,</5>)"),
            (Strings{R"(/;rt="oma.lwm2m";ct=110)", "/1;ver=1.1", "/1/0", "/3/0", "/5"}));
}

// The Core TS examples write ", " between links; the space is optional whitespace.
TEST(LinkReader, RegisterPayloadWithAlternatePathAndSpaces) {
  std::string_view payload =
      R"(</lwm2m>;rt="oma.lwm2m";ct="60 110", </lwm2m/1/101>, </lwm2m/1/102>, </lwm2m/2/0>, </lwm2m/3/0>, </lwm2m/5>)";
  LinkReader reader(payload);
  Link link;
  std::vector<Path> paths;
  while (*reader.next(link)) {
    auto p = link.path_under("/lwm2m");
    ASSERT_TRUE(p.ok()) << link.target;
    paths.push_back(*p);
  }
  EXPECT_EQ(paths, (std::vector<Path>{Path(), Path(1, 101), Path(1, 102), Path(2, 0), Path(3, 0), Path(5)}));
  reader.rewind();
  ASSERT_TRUE(*reader.next(link));
  auto ct = LinkParamReader::find(link, "ct");
  ASSERT_TRUE(ct.ok());
  EXPECT_TRUE(ct->quoted);
  EXPECT_EQ(ct->value, "60 110");
  EXPECT_EQ(LinkParamReader::find(link, "ver").error(), Error::kNotFound);
}

TEST(LinkReader, CoreTs12DiscoverExampleWithDepth) {
  EXPECT_EQ(flatten("</3/0>;pmin=10;pmax=60,</3/0/1>,</3/0/6>;dim=2,</3/0/6/0>,</3/0/6/3>,"
                    "</3/0/7>;dim=2;gt=50;lt=42.2,</3/0/7/0>,</3/0/7/1>;lt=45"),
            (Strings{"/3/0;pmin=10;pmax=60", "/3/0/1", "/3/0/6;dim=2", "/3/0/6/0", "/3/0/6/3",
                     "/3/0/7;dim=2;gt=50;lt=42.2", "/3/0/7/0", "/3/0/7/1;lt=45"}));
}

// Bootstrap-Discover answer (Core TS 1.2 §6.1, Bootstrap-Discover): lwm2m
// version on the root, ssid and uri on server-related instances.
TEST(LinkReader, BootstrapDiscoverAnswer) {
  std::string_view payload = R"(</>;lwm2m=1.2,</0/0>;ssid=101;uri="coaps://server_1.example.com",</0/1>,</1/0>;ssid=101,</3/0>)";
  EXPECT_EQ(flatten(payload), (Strings{"/;lwm2m=1.2", R"(/0/0;ssid=101;uri="coaps://server_1.example.com")",
                                       "/0/1", "/1/0;ssid=101", "/3/0"}));
  LinkReader reader(payload);
  Link link;
  ASSERT_TRUE(*reader.next(link));
  EXPECT_EQ(link.path().value(), Path());
  ASSERT_TRUE(*reader.next(link));
  EXPECT_EQ(link.path().value(), Path(0, 0));
}

TEST(LinkReader, EmptyPayloadHasNoLinks) { EXPECT_EQ(flatten(""), Strings{}); }

TEST(LinkReader, ParamWithoutValueAndQuotedPairs) {
  EXPECT_EQ(flatten(R"(</a>;obs;title="x\"y",</b>;a=b)"), (Strings{R"(/a;obs;title="x\"y")", "/b;a=b"}));
  LinkReader reader(std::string_view(R"(</a>;title="x\"y\\z")"));
  Link link;
  ASSERT_TRUE(*reader.next(link));
  auto title = LinkParamReader::find(link, "title");
  ASSERT_TRUE(title.ok());
  char buf[16];
  auto n = lwm2m::unquote(title->value, buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(std::string(buf, *n), R"(x"y\z)");
  EXPECT_EQ(lwm2m::unquote(title->value, std::span<char>(buf, 3)).error(), Error::kBufferTooSmall);
}

TEST(LinkReader, TargetsThatAreNotLwm2mPaths) {
  LinkReader reader(std::string_view("</rd/abc>,</3/65535>,</3/0/1/2/3>,</3//0>"));
  Link link;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(*reader.next(link));
    EXPECT_EQ(link.path().error(), Error::kInvalidPath) << link.target;
  }
  EXPECT_FALSE(*reader.next(link));
  Link alt{"/lwm2mx/3", ""};
  EXPECT_EQ(alt.path_under("/lwm2m").error(), Error::kInvalidPath);
  Link other{"/other/3", ""};
  EXPECT_EQ(other.path_under("/lwm2m").error(), Error::kInvalidPath);
}

TEST(LinkReader, MalformedPayloads) {
  const char* cases[] = {
      "<",                    // truncated target
      "</3",                  // no '>'
      "<>",                   // empty target
      "/3",                   // no '<'
      " </3>",                // leading whitespace
      "</3>,",                // trailing comma
      "</3>, ",               // trailing comma and space
      "</3>,,</4>",           // empty link
      "</3>x",                // junk after link
      "</3> ;pmin=1",         // space before parameter
      "</3>;",                // empty parameter name
      "</3>;=1",              // empty parameter name with value
      "</3>;pmin=",           // empty ptoken
      "</3>;pmin=1 ",         // trailing space
      "</3>;rt=\"abc",        // unterminated quoted string
      "</3>;rt=\"a\\",        // quoted-pair at end
      "</3>;rt=\"a\nb\"",     // control character in quoted string
      "</3>;rt=\"a\"b",       // junk after quoted string
      "</3 4>",               // space in target
      "</3\"4>",              // quote in target
      "</3>;p m=1",           // space in name
      "</3>;pmin=1;",         // trailing ';'
      "</3>;a=b,c",           // "c" is not a link
  };
  for (const char* payload : cases) {
    std::vector<std::string> got = flatten(payload);
    ASSERT_FALSE(got.empty()) << payload;
    EXPECT_EQ(got.back(), "error:" + std::string(lwm2m::error_name(Error::kMalformed))) << payload;
  }
}

TEST(LinkReader, InvalidUtf8InQuotedString) {
  EXPECT_EQ(flatten("</3>;t=\"\xC3\x28\""),
            (Strings{"error:" + std::string(lwm2m::error_name(Error::kInvalidUtf8))}));
  EXPECT_EQ(flatten("</3>;t=\"\xC3\xA9\""), (Strings{"/3;t=\"\xC3\xA9\""}));
}

TEST(LinkReader, ErrorSticksAndLinksBeforeItAreDelivered) {
  LinkReader reader(std::string_view("</1>,</2>;x=\"bad"));
  Link link;
  ASSERT_TRUE(*reader.next(link));
  EXPECT_EQ(link.target, "/1");
  EXPECT_EQ(reader.next(link).error(), Error::kMalformed);
  EXPECT_EQ(reader.next(link).error(), Error::kMalformed);
  reader.rewind();
  EXPECT_TRUE(*reader.next(link));
}

TEST(LinkReader, TruncationsOfAValidPayloadNeverCrash) {
  const std::string payload = R"(</>;rt="oma.lwm2m";ct="60 110",</1>;ver=1.1,</3/0/7>;dim=2;gt=50;lt=42.2)";
  for (size_t n = 0; n <= payload.size(); ++n) {
    std::string cut = payload.substr(0, n);  // own allocation: ASan sees any overread
    LinkReader reader(std::string_view(cut.data(), cut.size()));
    Link link;
    for (int guard = 0; guard < 10; ++guard) {
      auto more = reader.next(link);
      if (!more.ok() || !*more) break;
      LinkParamReader params(link);
      LinkParam p;
      while (*params.next(p)) {
      }
    }
  }
}

TEST(LinkRoundTrip, WriterOutputReadsBack) {
  uint8_t buf[256];
  lwm2m::LinkWriter w(buf);
  lwm2m::Attributes a;
  a.pmin = 5;
  a.gt = -1.5;
  a.lt = -20;
  a.st = 2;
  a.edge = true;
  const uint16_t ct[] = {110, 112};
  ASSERT_TRUE(w.begin_link(Path()).ok());
  ASSERT_TRUE(w.add_quoted("rt", "oma.lwm2m").ok());
  ASSERT_TRUE(w.add_content_formats(ct).ok());
  ASSERT_TRUE(w.begin_link(Path(3303, 0, 5700)).ok());
  ASSERT_TRUE(w.add_attributes(a).ok());
  ASSERT_TRUE(w.begin_link(Path(3303, 0, 5700, 1)).ok());
  ASSERT_TRUE(w.add_quoted("title", R"(q"\)").ok());
  auto n = w.finish();
  ASSERT_TRUE(n.ok());
  std::string_view text(reinterpret_cast<const char*>(buf), *n);
  EXPECT_EQ(flatten(text), (Strings{R"(/;rt="oma.lwm2m";ct="110 112")",
                                    "/3303/0/5700;pmin=5;gt=-1.5;lt=-20;st=2;edge=1",
                                    R"(/3303/0/5700/1;title="q\"\\")"}));
  LinkReader reader(text);
  Link link;
  std::vector<Path> paths;
  while (*reader.next(link)) paths.push_back(link.path().value());
  EXPECT_EQ(paths, (std::vector<Path>{Path(), Path(3303, 0, 5700), Path(3303, 0, 5700, 1)}));

  // Attributes read back through the Write-Attributes parser give the same model.
  reader.rewind();
  ASSERT_TRUE(*reader.next(link));
  ASSERT_TRUE(*reader.next(link));
  lwm2m::AttributeChanges changes;
  LinkParamReader params(link);
  LinkParam p;
  while (*params.next(p)) {
    std::string option = std::string(p.name) + "=" + std::string(p.value);
    ASSERT_TRUE(changes.add_query(option).ok()) << option;
  }
  auto back = changes.apply({}, Path::kResource);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, a);
}

}  // namespace
