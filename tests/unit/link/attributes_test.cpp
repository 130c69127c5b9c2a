// Notification attributes and Write-Attributes query parsing: Core TS 1.1.1
// §5.1.2 (attribute table and rules), Core TS 1.2 §5.1.2 (edge, con, hqmax,
// Resource Instance level) and §6.3 Write-Attributes (a bare name removes).
#include <gtest/gtest.h>

#include "lwm2m/link/attributes.h"

using lwm2m::AttributeChanges;
using lwm2m::AttributeId;
using lwm2m::Attributes;
using lwm2m::Error;
using lwm2m::Path;

namespace {

lwm2m::Result<Attributes> apply_all(std::initializer_list<const char*> options, Path::Level level,
                                    const Attributes& current = {}) {
  AttributeChanges changes;
  for (const char* o : options) LWM2M_TRY(changes.add_query(o));
  return changes.apply(current, level);
}

TEST(Attributes, NamesRoundTrip) {
  for (uint8_t i = 0; i < lwm2m::kAttributeCount; ++i) {
    auto id = static_cast<AttributeId>(i);
    EXPECT_EQ(lwm2m::attribute_from_name(lwm2m::attribute_name(id)).value(), id);
  }
  EXPECT_EQ(lwm2m::attribute_from_name("dim").error(), Error::kNotFound);
  EXPECT_EQ(lwm2m::attribute_from_name("PMIN").error(), Error::kNotFound);
}

// Write-Attributes example of the Core TS: /3/0/7?pmin=10&pmax=60&gt=50&lt=42.2 (one option each).
TEST(Attributes, ParsesWriteAttributesExample) {
  auto a = apply_all({"pmin=10", "pmax=60", "gt=50", "lt=42.2"}, Path::kResource);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->pmin, 10u);
  EXPECT_EQ(a->pmax, 60u);
  EXPECT_EQ(a->gt, 50.0);
  EXPECT_EQ(a->lt, 42.2);
  EXPECT_FALSE(a->st.has_value());
}

TEST(Attributes, ParsesEveryAttribute) {
  auto a = apply_all({"pmin=1", "pmax=2", "gt=30", "lt=-5.5", "st=1e1", "epmin=3", "epmax=4", "edge=1", "con=0",
                      "hqmax=8"},
                     Path::kResourceInstance);
  ASSERT_TRUE(a.ok()) << lwm2m::error_name(a.error());
  Attributes want;
  want.pmin = 1;
  want.pmax = 2;
  want.gt = 30;
  want.lt = -5.5;
  want.st = 10;
  want.epmin = 3;
  want.epmax = 4;
  want.edge = true;
  want.con = false;
  want.hqmax = 8;
  EXPECT_EQ(*a, want);
}

TEST(Attributes, BareNameRemovesAndOthersStay) {
  Attributes current;
  current.pmin = 10;
  current.pmax = 60;
  current.gt = 5;
  auto a = apply_all({"pmin", "gt"}, Path::kResource, current);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->pmin.has_value());
  EXPECT_FALSE(a->gt.has_value());
  EXPECT_EQ(a->pmax, 60u);
  // Removing an attribute that is not there is fine.
  EXPECT_TRUE(apply_all({"hqmax"}, Path::kObject).ok());
}

TEST(Attributes, RejectsBadOptions) {
  const char* cases[] = {
      "",            "=",           "pmin=",       "pmin=-1",     "pmin=1.5",   "pmin=abc",
      "pmin=4294967296", "pmax= 1", "gt=abc",      "gt=1,5",      "gt=inf",     "gt=nan",
      "gt=1e400",    "st=-1",       "edge=2",      "edge=true",   "con=01",     "con=",
      "dim=2",       "dim",         "ver=1.1",     "foo=1",       "Pmin=1",     "pmin=0x10",
  };
  for (const char* option : cases) {
    AttributeChanges changes;
    EXPECT_EQ(changes.add_query(option).error(), Error::kBadRequest) << option;
  }
}

TEST(Attributes, RejectsAnAttributeGivenTwice) {
  AttributeChanges changes;
  ASSERT_TRUE(changes.add_query("pmin=1").ok());
  EXPECT_EQ(changes.add_query("pmin=2").error(), Error::kBadRequest);
  EXPECT_EQ(changes.add_query("pmin").error(), Error::kBadRequest);
}

// Core TS 1.1.1 §5.1.2: pmax >= pmin, epmax >= epmin, lt < gt, lt + 2*st < gt.
TEST(Attributes, ValidatesRelations) {
  EXPECT_TRUE(apply_all({"pmin=60", "pmax=60"}, Path::kObject).ok());
  EXPECT_EQ(apply_all({"pmin=61", "pmax=60"}, Path::kObject).error(), Error::kBadRequest);
  EXPECT_TRUE(apply_all({"epmin=5", "epmax=5"}, Path::kInstance).ok());
  EXPECT_EQ(apply_all({"epmin=6", "epmax=5"}, Path::kInstance).error(), Error::kBadRequest);
  EXPECT_TRUE(apply_all({"lt=10", "gt=20", "st=4.9"}, Path::kResource).ok());
  EXPECT_EQ(apply_all({"lt=10", "gt=20", "st=5"}, Path::kResource).error(), Error::kBadRequest);
  EXPECT_EQ(apply_all({"lt=20", "gt=20"}, Path::kResource).error(), Error::kBadRequest);
  EXPECT_EQ(apply_all({"lt=21", "gt=20"}, Path::kResource).error(), Error::kBadRequest);
  // st alone, or with only one threshold, has no relation to check.
  EXPECT_TRUE(apply_all({"st=100", "gt=1"}, Path::kResource).ok());
}

TEST(Attributes, RelationsIncludeAttributesAlreadySet) {
  Attributes current;
  current.pmax = 30;
  EXPECT_EQ(apply_all({"pmin=31"}, Path::kObject, current).error(), Error::kBadRequest);
  // Removing pmax in the same request makes it valid.
  auto a = apply_all({"pmin=31", "pmax"}, Path::kObject, current);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->pmin, 31u);
  EXPECT_FALSE(a->pmax.has_value());
}

// Attached-to levels: gt/lt/st/edge on Resources and Resource Instances only;
// nothing on the root; the others on every level below the root.
TEST(Attributes, LevelRules) {
  for (const char* o : {"gt=1", "lt=1", "st=1", "edge=1"}) {
    EXPECT_EQ(apply_all({o}, Path::kObject).error(), Error::kBadRequest) << o;
    EXPECT_EQ(apply_all({o}, Path::kInstance).error(), Error::kBadRequest) << o;
    EXPECT_TRUE(apply_all({o}, Path::kResource).ok()) << o;
    EXPECT_TRUE(apply_all({o}, Path::kResourceInstance).ok()) << o;
  }
  for (const char* o : {"pmin=1", "pmax=1", "epmin=1", "epmax=1", "con=1", "hqmax=1"}) {
    EXPECT_EQ(apply_all({o}, Path::kRoot).error(), Error::kBadRequest) << o;
    for (auto level : {Path::kObject, Path::kInstance, Path::kResource, Path::kResourceInstance})
      EXPECT_TRUE(apply_all({o}, level).ok()) << o << " at " << int(level);
  }
}

TEST(Attributes, FailedApplyLeavesCurrentUntouched) {
  Attributes current;
  current.pmin = 10;
  AttributeChanges changes;
  ASSERT_TRUE(changes.add_query("pmax=5").ok());
  EXPECT_EQ(changes.apply(current, Path::kObject).error(), Error::kBadRequest);
  EXPECT_EQ(current.pmin, 10u);
  EXPECT_FALSE(current.pmax.has_value());
}

TEST(Attributes, EmptyAndClear) {
  Attributes a;
  EXPECT_TRUE(a.empty());
  a.con = false;
  EXPECT_FALSE(a.empty());
  EXPECT_TRUE(a.has(AttributeId::kCon));
  a.clear(AttributeId::kCon);
  EXPECT_TRUE(a.empty());
  AttributeChanges none;
  EXPECT_TRUE(none.empty());
}

}  // namespace
