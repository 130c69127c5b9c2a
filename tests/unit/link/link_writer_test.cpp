// LinkWriter: Register payloads (Core TS 1.2 §6.2.1) and Discover answers
// (Core TS 1.2 §6.3 "Discover", its worked examples), byte for byte.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "lwm2m/link/link_writer.h"

using lwm2m::Attributes;
using lwm2m::Error;
using lwm2m::LinkWriter;
using lwm2m::Path;

namespace {

std::string text_of(LinkWriter& w, const uint8_t* buf) {
  auto n = w.finish();
  EXPECT_TRUE(n.ok()) << lwm2m::error_name(n.error());
  return n.ok() ? std::string(reinterpret_cast<const char*>(buf), *n) : std::string();
}

// Discover example 1 (Discover /3): object pmin, instance pmax, resources
// with dim for the multiple ones and gt/lt on /3/0/7.
TEST(LinkWriter, CoreTs12DiscoverObjectExample) {
  uint8_t buf[300];
  LinkWriter w(buf);
  Attributes obj;
  obj.pmin = 10;
  Attributes inst;
  inst.pmax = 60;
  Attributes res7;
  res7.gt = 50;
  res7.lt = 42.2;
  ASSERT_TRUE(w.begin_link(Path(3)).ok());
  ASSERT_TRUE(w.add_attributes(obj).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0)).ok());
  ASSERT_TRUE(w.add_attributes(inst).ok());
  for (uint16_t r : {uint16_t{1}, uint16_t{2}, uint16_t{3}, uint16_t{4}}) ASSERT_TRUE(w.begin_link(Path(3, 0, r)).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 6)).ok());
  ASSERT_TRUE(w.add_uint("dim", 2).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 7)).ok());
  ASSERT_TRUE(w.add_uint("dim", 2).ok());
  ASSERT_TRUE(w.add_attributes(res7).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 8)).ok());
  ASSERT_TRUE(w.add_uint("dim", 2).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 11)).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 16)).ok());
  EXPECT_EQ(text_of(w, buf),
            "</3>;pmin=10,</3/0>;pmax=60,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>,</3/0/6>;dim=2,"
            "</3/0/7>;dim=2;gt=50;lt=42.2,</3/0/8>;dim=2,</3/0/11>,</3/0/16>");
}

// Discover example 2 (Discover /1?depth=1).
TEST(LinkWriter, CoreTs12DiscoverDepthOneExample) {
  uint8_t buf[64];
  LinkWriter w(buf);
  Attributes inst4;
  inst4.pmax = 300;
  ASSERT_TRUE(w.begin_link(Path(1)).ok());
  ASSERT_TRUE(w.begin_link(Path(1, 0)).ok());
  ASSERT_TRUE(w.begin_link(Path(1, 4)).ok());
  ASSERT_TRUE(w.add_attributes(inst4).ok());
  EXPECT_EQ(text_of(w, buf), "</1>,</1/0>,</1/4>;pmax=300");
}

// Discover example 3 (Discover /3/0?depth=3): resource instances listed.
TEST(LinkWriter, CoreTs12DiscoverDepthThreeExample) {
  uint8_t buf[300];
  LinkWriter w(buf);
  Attributes inst;
  inst.pmin = 10;
  inst.pmax = 60;
  Attributes res7;
  res7.gt = 50;
  res7.lt = 42.2;
  Attributes ri71;
  ri71.lt = 45;
  ASSERT_TRUE(w.begin_link(Path(3, 0)).ok());
  ASSERT_TRUE(w.add_attributes(inst).ok());
  for (uint16_t r : {uint16_t{1}, uint16_t{2}, uint16_t{3}, uint16_t{4}}) ASSERT_TRUE(w.begin_link(Path(3, 0, r)).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 6)).ok());
  ASSERT_TRUE(w.add_uint("dim", 2).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 6, 0)).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 6, 3)).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 7)).ok());
  ASSERT_TRUE(w.add_uint("dim", 2).ok());
  ASSERT_TRUE(w.add_attributes(res7).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 7, 0)).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 7, 1)).ok());
  ASSERT_TRUE(w.add_attributes(ri71).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 8)).ok());
  ASSERT_TRUE(w.add_uint("dim", 2).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 8, 1)).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 8, 2)).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 11)).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 16)).ok());
  EXPECT_EQ(text_of(w, buf),
            "</3/0>;pmin=10;pmax=60,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>,</3/0/6>;dim=2,</3/0/6/0>,"
            "</3/0/6/3>,</3/0/7>;dim=2;gt=50;lt=42.2,</3/0/7/0>,</3/0/7/1>;lt=45,</3/0/8>;dim=2,"
            "</3/0/8/1>,</3/0/8/2>,</3/0/11>,</3/0/16>");
}

// Discover example 4 (Discover /3/0?depth=0) and 5 (Discover /3/0/7).
TEST(LinkWriter, CoreTs12DiscoverDepthZeroAndResourceExamples) {
  uint8_t buf[128];
  {
    LinkWriter w(buf);
    Attributes a;
    a.pmin = 10;
    a.pmax = 60;
    ASSERT_TRUE(w.begin_link(Path(3, 0)).ok());
    ASSERT_TRUE(w.add_attributes(a).ok());
    EXPECT_EQ(text_of(w, buf), "</3/0>;pmin=10;pmax=60");
  }
  {
    LinkWriter w(buf);
    Attributes a;
    a.pmin = 10;
    a.pmax = 60;
    a.gt = 50;
    a.lt = 42.2;
    Attributes ri1;
    ri1.lt = 45;
    ASSERT_TRUE(w.begin_link(Path(3, 0, 7)).ok());
    ASSERT_TRUE(w.add_uint("dim", 2).ok());
    ASSERT_TRUE(w.add_attributes(a).ok());
    ASSERT_TRUE(w.begin_link(Path(3, 0, 7, 0)).ok());
    ASSERT_TRUE(w.begin_link(Path(3, 0, 7, 1)).ok());
    ASSERT_TRUE(w.add_attributes(ri1).ok());
    EXPECT_EQ(text_of(w, buf), "</3/0/7>;dim=2;pmin=10;pmax=60;gt=50;lt=42.2,</3/0/7/0>,</3/0/7/1>;lt=45");
  }
}

// Register payload (Core TS 1.2 §6.2.1): root link with rt and ct, object
// version on objects other than 1.0, instances, and objects without instances.
TEST(LinkWriter, RegisterPayloadWithRootVersionAndSingleCt) {
  uint8_t buf[128];
  LinkWriter w(buf);
  const uint16_t ct[] = {110};
  ASSERT_TRUE(w.begin_link(Path()).ok());
  ASSERT_TRUE(w.add_quoted("rt", "oma.lwm2m").ok());
  ASSERT_TRUE(w.add_content_formats(ct).ok());
  ASSERT_TRUE(w.begin_link(Path(1)).ok());
  ASSERT_TRUE(w.add_token("ver", "1.1").ok());
  ASSERT_TRUE(w.begin_link(Path(1, 0)).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0)).ok());
  ASSERT_TRUE(w.begin_link(Path(5)).ok());
  EXPECT_EQ(text_of(w, buf), R"(</>;rt="oma.lwm2m";ct=110,</1>;ver=1.1,</1/0>,</3/0>,</5>)");
}

TEST(LinkWriter, SeveralContentFormatsAreQuotedAndSpaceSeparated) {
  uint8_t buf[128];
  LinkWriter w(buf);
  const uint16_t ct[] = {60, 110, 112, 11542, 11543};
  ASSERT_TRUE(w.begin_link(Path()).ok());
  ASSERT_TRUE(w.add_quoted("rt", "oma.lwm2m").ok());
  ASSERT_TRUE(w.add_content_formats(ct).ok());
  EXPECT_EQ(text_of(w, buf), R"(</>;rt="oma.lwm2m";ct="60 110 112 11542 11543")");
}

// Core TS §6.2.1: an alternate path prefixes every link; the root link is the prefix.
TEST(LinkWriter, AlternatePathPrefix) {
  uint8_t buf[128];
  LinkWriter w(buf);
  ASSERT_TRUE(w.begin_link("/lwm2m", Path()).ok());
  ASSERT_TRUE(w.add_quoted("rt", "oma.lwm2m").ok());
  ASSERT_TRUE(w.begin_link("/lwm2m", Path(1, 101)).ok());
  ASSERT_TRUE(w.begin_link("/lwm2m", Path(5)).ok());
  EXPECT_EQ(text_of(w, buf), R"(</lwm2m>;rt="oma.lwm2m",</lwm2m/1/101>,</lwm2m/5>)");
}

TEST(LinkWriter, RejectsBadPrefixes) {
  uint8_t buf[64];
  for (const char* prefix : {"lwm2m", "/lwm2m/", "/a,b", "/a;b", "/a b", "/a>b"}) {
    LinkWriter w(buf);
    EXPECT_EQ(w.begin_link(prefix, Path(3)).error(), Error::kInvalidPath) << prefix;
    EXPECT_EQ(w.finish().error(), Error::kInvalidPath);
  }
}

TEST(LinkWriter, AllAttributesInFixedOrder) {
  uint8_t buf[200];
  LinkWriter w(buf);
  Attributes a;
  a.hqmax = 5;
  a.con = true;
  a.edge = false;
  a.epmax = 30;
  a.epmin = 1;
  a.st = 0.5;
  a.lt = -10.25;
  a.gt = 20;
  a.pmax = 60;
  a.pmin = 0;
  ASSERT_TRUE(w.begin_link(Path(3303, 0, 5700)).ok());
  ASSERT_TRUE(w.add_attributes(a).ok());
  EXPECT_EQ(text_of(w, buf),
            "</3303/0/5700>;pmin=0;pmax=60;gt=20;lt=-10.25;st=0.5;epmin=1;epmax=30;edge=0;con=1;hqmax=5");
}

TEST(LinkWriter, QuotedValuesEscapeQuoteAndBackslash) {
  uint8_t buf[64];
  LinkWriter w(buf);
  ASSERT_TRUE(w.begin_link(Path(0, 1)).ok());
  ASSERT_TRUE(w.add_quoted("uri", R"(a"b\c)").ok());
  ASSERT_TRUE(w.add_flag("obs").ok());
  ASSERT_TRUE(w.add_int("x", -7).ok());
  EXPECT_EQ(text_of(w, buf), R"(</0/1>;uri="a\"b\\c";obs;x=-7)");
}

TEST(LinkWriter, EmptyListIsEmptyPayload) {
  uint8_t buf[4];
  LinkWriter w(buf);
  EXPECT_EQ(w.finish().value(), 0u);
}

TEST(LinkWriter, ParameterBeforeAnyLinkIsAnError) {
  uint8_t buf[64];
  LinkWriter w(buf);
  EXPECT_EQ(w.add_uint("pmin", 1).error(), Error::kInternal);
  // The error sticks.
  EXPECT_EQ(w.begin_link(Path(3)).error(), Error::kInternal);
  EXPECT_EQ(w.finish().error(), Error::kInternal);
}

TEST(LinkWriter, RejectsBadNamesAndValues) {
  uint8_t buf[64];
  struct Case {
    Error expected;
    Error (*call)(LinkWriter&);
  };
  const Case cases[] = {
      {Error::kMalformed, [](LinkWriter& w) { return w.add_flag("").error(); }},
      {Error::kMalformed, [](LinkWriter& w) { return w.add_flag("a=b").error(); }},
      {Error::kMalformed, [](LinkWriter& w) { return w.add_flag("a b").error(); }},
      {Error::kMalformed, [](LinkWriter& w) { return w.add_token("ver", "").error(); }},
      {Error::kMalformed, [](LinkWriter& w) { return w.add_token("ver", "1,1").error(); }},
      {Error::kMalformed, [](LinkWriter& w) { return w.add_token("ver", "a;b").error(); }},
      {Error::kMalformed, [](LinkWriter& w) { return w.add_quoted("t", "a\nb").error(); }},
      {Error::kInvalidUtf8, [](LinkWriter& w) { return w.add_quoted("t", "\xC3").error(); }},
      {Error::kOutOfRange, [](LinkWriter& w) { return w.add_double("gt", std::numeric_limits<double>::infinity()).error(); }},
      {Error::kInternal, [](LinkWriter& w) { return w.add_content_formats({}).error(); }},
  };
  for (const Case& c : cases) {
    LinkWriter w(buf);
    ASSERT_TRUE(w.begin_link(Path(3)).ok());
    EXPECT_EQ(c.call(w), c.expected);
    EXPECT_EQ(w.finish().error(), c.expected);
  }
}

TEST(LinkWriter, ReportsFullBufferAtEveryLength) {
  const std::string expected = "</3/0>;pmin=10;pmax=60,</3/0/7>;dim=2;gt=50;lt=42.2";
  for (size_t size = 0; size < expected.size(); ++size) {
    uint8_t buf[128];
    LinkWriter w(std::span<uint8_t>(buf, size));
    Attributes a;
    a.pmin = 10;
    a.pmax = 60;
    Attributes r;
    r.gt = 50;
    r.lt = 42.2;
    (void)w.begin_link(Path(3, 0));
    (void)w.add_attributes(a);
    (void)w.begin_link(Path(3, 0, 7));
    (void)w.add_uint("dim", 2);
    (void)w.add_attributes(r);
    EXPECT_EQ(w.finish().error(), Error::kBufferTooSmall) << size;
  }
  uint8_t buf[128];
  LinkWriter w(std::span<uint8_t>(buf, expected.size()));
  Attributes a;
  a.pmin = 10;
  a.pmax = 60;
  Attributes r;
  r.gt = 50;
  r.lt = 42.2;
  ASSERT_TRUE(w.begin_link(Path(3, 0)).ok());
  ASSERT_TRUE(w.add_attributes(a).ok());
  ASSERT_TRUE(w.begin_link(Path(3, 0, 7)).ok());
  ASSERT_TRUE(w.add_uint("dim", 2).ok());
  ASSERT_TRUE(w.add_attributes(r).ok());
  EXPECT_EQ(text_of(w, buf), expected);
}

}  // namespace
