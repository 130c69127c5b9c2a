// Observation and notification logic: Core TS 1.2 §6.4 Information Reporting,
// §5.1.2 notification attributes (Table 5.1.2-2), RFC 7641.
#include <gtest/gtest.h>

#include <cstring>
#include <string_view>
#include <vector>

#include "lwm2m/engine/notification_queue.h"
#include "lwm2m/engine/notification_rules.h"
#include "lwm2m/engine/observation_table.h"
#include "lwm2m/model/registry.h"
#include "objects/server_object.h"

namespace lwm2m {
namespace {

// ---------------------------------------------------------------- scenarios

struct Step {
  uint64_t t_ms;
  Value value;
  bool expect_send;
  NotifyReason expect_reason = NotifyReason::kNone;  // checked when sending
};

// Runs value samples through evaluate/commit as the engine would, starting
// from an Observe response carrying `initial` at t = 0.
void run(const EffectiveAttributes& attrs, const Value& initial, const std::vector<Step>& steps) {
  ObservedState state = start_observation(ValueSnapshot::of(initial), 0);
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& s = steps[i];
    NotificationDecision d = evaluate(attrs, state, s.value, s.t_ms);
    EXPECT_EQ(d.send, s.expect_send) << "step " << i << " at t=" << s.t_ms;
    if (s.expect_send && d.send) {
      EXPECT_EQ(d.reason, s.expect_reason) << "step " << i;
    }
    commit(d, ValueSnapshot::of(s.value), s.t_ms, state);
    EXPECT_EQ(d.next_wake_ms, next_deadline(attrs, state)) << "step " << i;
  }
}

Value I(int64_t v) { return Value::of_integer(v); }
Value F(double v) { return Value::of_float(v); }
Value B(bool v) { return Value::of_boolean(v); }

// §5.1.2: without gt/lt/st every change of the value is notified.
TEST(NotificationRules, AnyChangeWithoutConditions_TS_5_1_2) {
  run({}, I(1),
      {
          {1000, I(1), false},
          {2000, I(2), true, NotifyReason::kChange},
          {3000, I(2), false},
          {4000, I(-7), true, NotifyReason::kChange},
      });
}

// §5.1.2 gt: a notification each time the value crosses the threshold,
// upward or downward; moves on one side are not notified.
TEST(NotificationRules, GreaterThanCrossedUpAndDown_TS_5_1_2) {
  EffectiveAttributes a;
  a.gt = 10;
  run(a, F(5),
      {
          {1000, F(8), false},
          {2000, F(10), false},  // equal is not greater
          {3000, F(12), true, NotifyReason::kThreshold},
          {4000, F(15), false},
          {5000, F(10.5), false},
          {6000, F(9), true, NotifyReason::kThreshold},
          {7000, F(3), false},
      });
}

// §5.1.2 lt, on integers.
TEST(NotificationRules, LessThanCrossedDownAndUp_TS_5_1_2) {
  EffectiveAttributes a;
  a.lt = 0;
  run(a, I(5),
      {
          {1000, I(0), false},
          {2000, I(-1), true, NotifyReason::kThreshold},
          {3000, I(-30), false},
          {4000, I(2), true, NotifyReason::kThreshold},
      });
}

// gt and lt together: a band; each border crossing notifies (OR logic).
TEST(NotificationRules, GtAndLtBand_TS_5_1_2) {
  EffectiveAttributes a;
  a.lt = 10;
  a.gt = 20;
  run(a, F(15),
      {
          {1000, F(18), false},
          {2000, F(25), true, NotifyReason::kThreshold},
          {3000, F(5), true, NotifyReason::kThreshold},  // crosses both
          {4000, F(12), true, NotifyReason::kThreshold},
      });
}

// §5.1.2 st: the change is measured from the last notified value, so small
// moves accumulate until they reach the step.
TEST(NotificationRules, StepAccumulatesFromLastNotifiedValue_TS_5_1_2) {
  EffectiveAttributes a;
  a.st = 5;
  run(a, F(0),
      {
          {1000, F(2), false},
          {2000, F(4), false},
          {3000, F(5), true, NotifyReason::kStep},  // |5 - 0| >= 5
          {4000, F(7), false},
          {5000, F(9.5), false},
          {6000, F(10), true, NotifyReason::kStep},
          {7000, F(6), false},
          {8000, F(4), true, NotifyReason::kStep},  // |4 - 10| = 6
          {9000, F(-0.9), false},                   // 4.9 below step
      });
}

TEST(NotificationRules, StepZeroMeansAnyChange) {
  EffectiveAttributes a;
  a.st = 0;
  run(a, I(1), {{1000, I(1), false}, {2000, I(2), true, NotifyReason::kStep}});
}

// §5.1.2 pmin: a change inside pmin is held and sent as soon as pmin expires,
// carrying the latest value.
TEST(NotificationRules, PminHoldsThenSendsLatestAtExpiry_TS_5_1_2) {
  EffectiveAttributes a;
  a.pmin = 10;
  ObservedState s = start_observation(ValueSnapshot::of(I(1)), 0);

  NotificationDecision d = evaluate(a, s, I(2), 2000);
  EXPECT_FALSE(d.send);
  EXPECT_TRUE(d.triggered);
  EXPECT_EQ(d.next_wake_ms, 10000u);
  commit(d, ValueSnapshot::of(I(2)), 2000, s);
  EXPECT_TRUE(s.pending);

  d = evaluate(a, s, I(3), 5000);
  EXPECT_FALSE(d.send);
  commit(d, ValueSnapshot::of(I(3)), 5000, s);

  d = evaluate(a, s, I(3), 9999);
  EXPECT_FALSE(d.send);
  commit(d, ValueSnapshot::of(I(3)), 9999, s);

  d = evaluate(a, s, I(3), 10000);  // the wake-up at pmin expiry
  ASSERT_TRUE(d.send);
  commit(d, ValueSnapshot::of(I(3)), 10000, s);
  EXPECT_EQ(s.last_sent, ValueSnapshot::of(I(3)));
  EXPECT_EQ(s.last_sent_ms, 10000u);
  EXPECT_FALSE(s.pending);
  EXPECT_EQ(next_deadline(a, s), kNever);

  d = evaluate(a, s, I(3), 12000);
  EXPECT_FALSE(d.send);
}

// A criterion met during pmin is owed even if the value came back: the TS
// says the notification MUST be sent when pmin expires.
TEST(NotificationRules, PminPendingSentEvenIfValueReturned_TS_5_1_2) {
  EffectiveAttributes a;
  a.pmin = 10;
  a.gt = 10;
  run(a, F(5),
      {
          {2000, F(12), false},  // crossing, held
          {6000, F(5), false},   // back below, still owed
          {10000, F(5), true, NotifyReason::kPending},
          {11000, F(5), false},
      });
}

// Changes after pmin are sent at once, and pmin counts from the last send.
TEST(NotificationRules, PminCountsFromLastNotification_TS_5_1_2) {
  EffectiveAttributes a;
  a.pmin = 5;
  run(a, I(0),
      {
          {6000, I(1), true, NotifyReason::kChange},
          {8000, I(2), false},
          {11000, I(2), true, NotifyReason::kChange},  // still differs from what was sent
          {20000, I(3), true, NotifyReason::kChange},
      });
}

// §5.1.2 pmax: a notification is due every pmax even when nothing changed.
TEST(NotificationRules, PmaxKeepAlive_TS_5_1_2) {
  EffectiveAttributes a;
  a.pmax = 30;
  ObservedState s = start_observation(ValueSnapshot::of(I(7)), 0);
  EXPECT_EQ(next_deadline(a, s), 30000u);
  run(a, I(7),
      {
          {29999, I(7), false},
          {30000, I(7), true, NotifyReason::kMaxPeriod},
          {40000, I(8), true, NotifyReason::kChange},  // restarts pmax
          {69999, I(8), false},
          {70000, I(8), true, NotifyReason::kMaxPeriod},
      });
}

// pmin and pmax together, and the engine's wake-ups in between.
TEST(NotificationRules, PminPmaxWakeUps_TS_5_1_2) {
  EffectiveAttributes a;
  a.pmin = 10;
  a.pmax = 60;
  ObservedState s = start_observation(ValueSnapshot::of(I(0)), 1000);
  NotificationDecision d = evaluate(a, s, I(0), 5000);
  EXPECT_FALSE(d.send);
  EXPECT_EQ(d.next_wake_ms, 61000u);
  d = evaluate(a, s, I(1), 5000);
  EXPECT_FALSE(d.send);
  EXPECT_EQ(d.next_wake_ms, 11000u);  // pending beats pmax
}

// pmax 0, or pmax below pmin after merging levels, sets no maximum period.
TEST(NotificationRules, PmaxZeroOrBelowPminIgnored) {
  EffectiveAttributes zero;
  zero.pmax = 0;
  EffectiveAttributes below;
  below.pmin = 50;
  below.pmax = 20;
  ObservedState s = start_observation(ValueSnapshot::of(I(0)), 0);
  EXPECT_EQ(next_deadline(zero, s), kNever);
  EXPECT_EQ(next_deadline(below, s), kNever);
  EXPECT_FALSE(evaluate(zero, s, I(0), 1'000'000'000).send);
  EXPECT_FALSE(evaluate(below, s, I(0), 1'000'000'000).send);
}

// §5.1.2 epmin: criteria are not evaluated more often than epmin; a change
// seen earlier is evaluated at epmin expiry.
TEST(NotificationRules, EpminDefersEvaluation_TS_5_1_2) {
  EffectiveAttributes a;
  a.epmin = 5;
  ObservedState s = start_observation(ValueSnapshot::of(I(0)), 0);
  NotificationDecision d = evaluate(a, s, I(1), 1000);
  EXPECT_FALSE(d.evaluated);
  EXPECT_FALSE(d.send);
  EXPECT_EQ(d.next_wake_ms, 5000u);
  commit(d, ValueSnapshot::of(I(1)), 1000, s);
  EXPECT_TRUE(s.deferred);

  d = evaluate(a, s, I(2), 5000);
  EXPECT_TRUE(d.evaluated);
  EXPECT_TRUE(d.send);
  EXPECT_EQ(d.reason, NotifyReason::kChange);
  commit(d, ValueSnapshot::of(I(2)), 5000, s);
  EXPECT_FALSE(s.deferred);
  EXPECT_EQ(next_deadline(a, s), kNever);
}

// pmax still applies while epmin holds evaluation back.
TEST(NotificationRules, PmaxDuringEpmin_TS_5_1_2) {
  EffectiveAttributes a;
  a.epmin = 20;
  a.pmax = 10;
  ObservedState s = start_observation(ValueSnapshot::of(I(0)), 0);
  NotificationDecision d = evaluate(a, s, I(0), 10000);
  EXPECT_FALSE(d.evaluated);
  EXPECT_TRUE(d.send);
  EXPECT_EQ(d.reason, NotifyReason::kMaxPeriod);
}

// §5.1.2 epmax: the client evaluates at least every epmax.
TEST(NotificationRules, EpmaxSchedulesEvaluation_TS_5_1_2) {
  EffectiveAttributes a;
  a.epmax = 20;
  a.pmax = 100;
  ObservedState s = start_observation(ValueSnapshot::of(I(0)), 0);
  EXPECT_EQ(next_deadline(a, s), 20000u);
  NotificationDecision d = evaluate(a, s, I(0), 20000);
  EXPECT_TRUE(d.evaluated);
  EXPECT_FALSE(d.send);
  EXPECT_EQ(d.next_wake_ms, 40000u);
  // epmax below epmin is ignored.
  a.epmin = 30;
  EXPECT_EQ(next_deadline(a, s), 100000u);
}

// 1.2 edge=1: only false -> true is notified, edge by edge.
TEST(NotificationRules, RisingEdge_TS_1_2_5_1_2) {
  EffectiveAttributes a;
  a.edge = true;
  run(a, B(false),
      {
          {1000, B(false), false},
          {2000, B(true), true, NotifyReason::kEdge},
          {3000, B(true), false},
          {4000, B(false), false},
          {5000, B(true), true, NotifyReason::kEdge},
      });
}

// 1.2 edge=0: only true -> false.
TEST(NotificationRules, FallingEdge_TS_1_2_5_1_2) {
  EffectiveAttributes a;
  a.edge = false;
  run(a, B(true),
      {
          {1000, B(false), true, NotifyReason::kEdge},
          {2000, B(true), false},
          {3000, B(false), true, NotifyReason::kEdge},
      });
}

TEST(NotificationRules, BooleanWithoutEdgeNotifiesEveryChange) {
  run({}, B(true), {{1000, B(false), true, NotifyReason::kChange}, {2000, B(true), true, NotifyReason::kChange}});
}

// An edge seen during pmin is held and sent at pmin expiry.
TEST(NotificationRules, EdgeHeldByPmin) {
  EffectiveAttributes a;
  a.edge = true;
  a.pmin = 10;
  run(a, B(false), {{1000, B(true), false}, {10000, B(true), true, NotifyReason::kPending}});
}

// Non-numeric resources notify on any change (§6.4).
TEST(NotificationRules, StringsAndOpaqueNotifyOnChange_TS_6_4) {
  EffectiveAttributes a;
  a.gt = 1;  // meaningless for strings: ignored
  static const uint8_t b1[] = {1, 2, 3};
  static const uint8_t b2[] = {1, 2, 4};
  run(a, Value::of_string("abc"),
      {
          {1000, Value::of_string("abc"), false},
          {2000, Value::of_string("abd"), true, NotifyReason::kChange},
          {3000, Value::of_opaque(b1), true, NotifyReason::kChange},  // type change
          {4000, Value::of_opaque(b1), false},
          {5000, Value::of_opaque(b2), true, NotifyReason::kChange},
          {6000, Value::of_time(5), true, NotifyReason::kChange},
          {7000, Value::of_objlnk(3, 0), true, NotifyReason::kChange},
          {8000, Value::of_objlnk(3, 0), false},
      });
}

// A whole instance or a composite list is compared by its encoded payload.
TEST(NotificationRules, PayloadSnapshotsForInstancesAndComposites) {
  const uint8_t p1[] = {0xA1, 0x00, 0x01};
  const uint8_t p2[] = {0xA1, 0x00, 0x02};
  ObservedState s = start_observation(ValueSnapshot::of_payload(p1), 0);
  EXPECT_FALSE(evaluate({}, s, ValueSnapshot::of_payload(p1), 1000).send);
  EXPECT_TRUE(evaluate({}, s, ValueSnapshot::of_payload(p2), 1000).send);
  EXPECT_NE(ValueSnapshot::of_payload({}), ValueSnapshot::of_payload(p1));
}

TEST(NotificationRules, SnapshotsTellNumbersApart) {
  EXPECT_EQ(ValueSnapshot::of(F(0.0)), ValueSnapshot::of(F(-0.0)));
  EXPECT_NE(ValueSnapshot::of(I(1)), ValueSnapshot::of(Value::of_unsigned(1)));
  EXPECT_NE(ValueSnapshot::of(I(INT64_MAX)), ValueSnapshot::of(I(INT64_MAX - 1)));  // beyond double precision
  EXPECT_EQ(ValueSnapshot::of(I(3)).kind, ValueSnapshot::Kind::kNumber);
  EXPECT_EQ(ValueSnapshot::of(Value::none()).kind, ValueSnapshot::Kind::kNone);
}

// Integer changes too small for a double still notify when no st/gt/lt.
TEST(NotificationRules, LargeIntegerChangeDetected) {
  run({}, I(INT64_MAX), {{1000, I(INT64_MAX - 1), true, NotifyReason::kChange}});
}

// 1.2 con: 1 confirmable, 0 not; unset: non-confirmable, but one
// confirmable at least every 24 hours (RFC 7641 §4.5).
TEST(NotificationRules, ConfirmableAttribute_TS_1_2_5_1_2_RFC7641_4_5) {
  ObservedState s = start_observation(ValueSnapshot::of(I(0)), 0);
  EffectiveAttributes con1;
  con1.con = true;
  EffectiveAttributes con0;
  con0.con = false;
  EXPECT_TRUE(evaluate(con1, s, I(1), 1000).confirmable);
  EXPECT_FALSE(evaluate(con0, s, I(1), 1000).confirmable);
  EXPECT_FALSE(evaluate(con0, s, I(1), kConfirmableRefreshMs + 1).confirmable);

  EffectiveAttributes none;
  NotificationDecision d = evaluate(none, s, I(1), 1000);
  EXPECT_TRUE(d.send);
  EXPECT_FALSE(d.confirmable);
  commit(d, ValueSnapshot::of(I(1)), 1000, s);
  d = evaluate(none, s, I(2), kConfirmableRefreshMs);
  EXPECT_TRUE(d.send);
  EXPECT_TRUE(d.confirmable);
  commit(d, ValueSnapshot::of(I(2)), kConfirmableRefreshMs, s);
  EXPECT_EQ(s.last_confirmable_ms, kConfirmableRefreshMs);
  EXPECT_FALSE(evaluate(none, s, I(3), kConfirmableRefreshMs + 1000).confirmable);
}

TEST(NotificationRules, DeadlinesSaturateInsteadOfWrapping) {
  EffectiveAttributes a;
  a.pmax = UINT32_MAX;
  ObservedState s = start_observation(ValueSnapshot::of(I(0)), kNever - 10);
  EXPECT_EQ(next_deadline(a, s), kNever);
  EXPECT_EQ(next_deadline({}, s), kNever);
}

// ---------------------------------------------------- effective attributes

class MapLookup final : public AttributeLookup {
 public:
  void set(const Path& p, const Attributes& a) {
    paths_.push_back(p);
    attrs_.push_back(a);
  }
  const Attributes* find(const Path& path) const override {
    for (size_t i = 0; i < paths_.size(); ++i)
      if (paths_[i] == path) return &attrs_[i];
    return nullptr;
  }

 private:
  std::vector<Path> paths_;
  std::vector<Attributes> attrs_;
};

struct LevelsFixture : ::testing::Test {
  void SetUp() override {
    Attributes object;
    object.pmin = 60;
    object.pmax = 600;
    object.con = true;
    Attributes instance;
    instance.pmin = 30;
    instance.epmax = 90;
    Attributes resource;
    resource.pmin = 10;
    resource.gt = 5;
    Attributes resource_instance;
    resource_instance.st = 2;
    resource_instance.con = false;
    lookup.set(Path(3303), object);
    lookup.set(Path(3303, 0), instance);
    lookup.set(Path(3303, 0, 5700), resource);
    lookup.set(Path(3303, 0, 5700, 1), resource_instance);
    lookup.set(Path(3303, 1, 5700), resource);  // another instance: never consulted for 3303/0
    defaults.pmin = 100;
    defaults.pmax = 200;
  }
  MapLookup lookup;
  ServerDefaults defaults;
};

// §5.1.2: attributes at a lower level override the same attribute above;
// the others are inherited.
TEST_F(LevelsFixture, LowestLevelWinsPerAttribute_TS_5_1_2) {
  EffectiveAttributes r = effective_attributes(Path(3303, 0, 5700), &lookup, nullptr, defaults);
  EXPECT_EQ(r.pmin, 10u);
  EXPECT_EQ(r.pmax, 600u);
  EXPECT_EQ(r.gt, 5.0);
  EXPECT_EQ(r.epmax, 90u);
  EXPECT_EQ(r.con, true);
  EXPECT_FALSE(r.st);  // attached below the target

  EffectiveAttributes ri = effective_attributes(Path(3303, 0, 5700, 1), &lookup, nullptr, defaults);
  EXPECT_EQ(ri.st, 2.0);
  EXPECT_EQ(ri.con, false);
  EXPECT_EQ(ri.gt, 5.0);

  EffectiveAttributes inst = effective_attributes(Path(3303, 0), &lookup, nullptr, defaults);
  EXPECT_EQ(inst.pmin, 30u);
  EXPECT_FALSE(inst.gt);
}

// Server object /1/x/2, /1/x/3 fill pmin / pmax only when no level set them.
TEST_F(LevelsFixture, ServerDefaultsWhenUnset_TS_5_1_2) {
  EffectiveAttributes obj = effective_attributes(Path(3303, 0, 5700), nullptr, nullptr, defaults);
  EXPECT_EQ(obj.pmin, 100u);
  EXPECT_EQ(obj.pmax, 200u);
  EffectiveAttributes other = effective_attributes(Path(3), &lookup, nullptr, defaults);
  EXPECT_EQ(other.pmin, 100u);
  EffectiveAttributes none = effective_attributes(Path(3), &lookup, nullptr, {});
  EXPECT_TRUE(none.empty());
}

// 1.2 Observe with attributes: those of the request win over every level.
TEST_F(LevelsFixture, ObserveQueryAttributesTakePrecedence_TS_1_2_6_4_1) {
  static constexpr std::string_view q[] = {"pmin=1", "lt=-4"};
  Result<Attributes> query = observe_query_attributes(q, Path::kResourceInstance);
  ASSERT_TRUE(query.ok());
  EffectiveAttributes r = effective_attributes(Path(3303, 0, 5700, 1), &lookup, &query.value(), defaults);
  EXPECT_EQ(r.pmin, 1u);
  EXPECT_EQ(r.lt, -4.0);
  EXPECT_EQ(r.gt, 5.0);
  EXPECT_EQ(r.st, 2.0);
  EXPECT_EQ(r.pmax, 600u);
}

TEST(ObserveQuery, ParsesAndValidates_TS_1_2_6_4_1) {
  static constexpr std::string_view ok[] = {"pmin=5", "pmax=10", "epmin=1", "epmax=2", "con=1", "hqmax=3"};
  Result<Attributes> a = observe_query_attributes(ok, Path::kInstance);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->pmin, 5u);
  EXPECT_EQ(a->pmax, 10u);
  EXPECT_EQ(a->con, true);
  EXPECT_EQ(a->hqmax, 3u);
  EXPECT_TRUE(observe_query_attributes({}, Path::kObject).ok());

  static constexpr std::string_view bare[] = {"pmin"};
  static constexpr std::string_view gt_on_instance[] = {"gt=5"};
  static constexpr std::string_view unknown[] = {"foo=1"};
  static constexpr std::string_view inverted[] = {"pmin=10", "pmax=5"};
  static constexpr std::string_view twice[] = {"pmin=1", "pmin=2"};
  static constexpr std::string_view empty_value[] = {"pmin="};
  static constexpr std::string_view not_number[] = {"st=abc"};
  static constexpr std::string_view read_only[] = {"dim=2"};
  static constexpr std::string_view negative[] = {"pmin=-1"};
  static constexpr std::string_view bad_band[] = {"lt=5", "gt=6", "st=1"};  // lt + 2*st < gt fails
  for (auto q : {std::span<const std::string_view>(bare), std::span<const std::string_view>(unknown),
                 std::span<const std::string_view>(inverted), std::span<const std::string_view>(twice),
                 std::span<const std::string_view>(empty_value), std::span<const std::string_view>(not_number),
                 std::span<const std::string_view>(read_only), std::span<const std::string_view>(negative),
                 std::span<const std::string_view>(bad_band)}) {
    EXPECT_EQ(observe_query_attributes(q, Path::kResource).error(), Error::kBadRequest) << q[0];
  }
  EXPECT_EQ(observe_query_attributes(gt_on_instance, Path::kInstance).error(), Error::kBadRequest);
  EXPECT_TRUE(observe_query_attributes(gt_on_instance, Path::kResource).ok());
}

// Defaults read from a real Server object instance.
TEST(ServerDefaultsFromObject, ReadsDefaultPeriods_TS_E_2) {
  objects::ServerObject server;
  objects::ServerAccount with;
  with.short_server_id = 101;
  with.default_min_period = 5;
  with.default_max_period = 60;
  objects::ServerAccount without;
  without.short_server_id = 102;
  ASSERT_TRUE(server.add_server(0, with).ok());
  ASSERT_TRUE(server.add_server(1, without).ok());
  FixedRegistry<2> registry;
  ASSERT_TRUE(registry.add(server).ok());

  ServerDefaults d = server_defaults(registry, 0);
  EXPECT_EQ(d.pmin, 5u);
  EXPECT_EQ(d.pmax, 60u);
  ServerDefaults unset = server_defaults(registry, 1);
  EXPECT_FALSE(unset.pmin);
  EXPECT_FALSE(unset.pmax);
  ServerDefaults missing = server_defaults(registry, 7);
  EXPECT_FALSE(missing.pmin);

  FixedRegistry<1> empty;
  EXPECT_FALSE(server_defaults(empty, 0).pmin);
}

// ---------------------------------------------------------- observation table

coap::Token token(uint8_t a, uint8_t size = 2) {
  coap::Token t;
  t.size = size;
  for (uint8_t i = 0; i < size; ++i) t.bytes[i] = static_cast<uint8_t>(a + i);
  return t;
}

ObserveRequest observe(ConnectionId server, const coap::Token& t, std::span<const Path> paths, bool composite = false) {
  ObserveRequest r;
  r.server = server;
  r.token = t;
  r.paths = paths;
  r.composite = composite;
  r.content_format = 112;
  return r;
}

const Path kTemp[] = {Path(3303, 0, 5700)};
const Path kHum[] = {Path(3304, 0, 5700)};
const Path kDevice[] = {Path(3, 0)};

TEST(ObservationTable, AddFindAndCapacity_RFC7641_4_1) {
  FixedObservationTable<2> table;
  ObservedState st = start_observation(ValueSnapshot::of(I(1)), 0);
  Result<Observation*> a = table.add(observe(1, token(1), kTemp), st);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->content_format, 112);
  EXPECT_EQ((*a)->targets().size(), 1u);
  ASSERT_TRUE(table.add(observe(1, token(2), kHum), st).ok());
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(table.add(observe(2, token(3), kTemp), st).error(), Error::kCapacityExceeded);
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(table.find(1, token(1)), *a);
  EXPECT_EQ(table.find(2, token(1)), nullptr);         // token is per server
  EXPECT_EQ(table.find(1, token(1, 3)), nullptr);      // token length matters
}

// A new observation's first answer carries Observe=1, never 0: node-coap
// (under lwm2m-node-lib) keeps only Observe values above the last one seen,
// starting at 0, and dropped the answer (found by interop/node-server).
TEST(ObservationTable, NewObservationStartsAtObserveOne) {
  FixedObservationTable<2> table;
  ObservedState st;
  Observation* added = *table.add(observe(1, token(1), kTemp), st);
  EXPECT_EQ(added->take_sequence(), 1u);
  EXPECT_EQ(added->take_sequence(), 2u);
  // A slot freed and reused starts again at 1, not where the last one stopped.
  ASSERT_TRUE(table.cancel_by_token(1, token(1)).ok());
  Observation* reused = *table.add(observe(1, token(2), kTemp), st);
  EXPECT_EQ(reused->take_sequence(), 1u);
}

// RFC 7641 §4.1: a new Observe of the same target by the same server
// replaces the entry; the sequence carries on (never goes backwards).
TEST(ObservationTable, SameTargetReplaces_RFC7641_4_1) {
  FixedObservationTable<2> table;
  ObservedState st;
  Observation* first = *table.add(observe(1, token(1), kTemp), st);
  first->take_sequence();
  first->take_sequence();
  Observation* again = *table.add(observe(1, token(9), kTemp), st);
  EXPECT_EQ(again, first);
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(again->token, token(9));
  EXPECT_EQ(again->sequence, kFirstObserveSequence + 2);
  EXPECT_EQ(table.find(1, token(1)), nullptr);
  // Another server observing the same target is a separate entry.
  ASSERT_TRUE(table.add(observe(2, token(1), kTemp), st).ok());
  EXPECT_EQ(table.size(), 2u);
}

// RFC 7641 §4.1: a request with the token of an existing observation
// re-registers it (here for another target).
TEST(ObservationTable, SameTokenReplaces_RFC7641_4_1) {
  FixedObservationTable<3> table;
  ObservedState st;
  ASSERT_TRUE(table.add(observe(1, token(1), kTemp), st).ok());
  ASSERT_TRUE(table.add(observe(1, token(2), kHum), st).ok());
  // token(1) now for kHum: both the token's entry and kHum's merge into one.
  Observation* o = *table.add(observe(1, token(1), kHum), st);
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(o->paths[0], kHum[0]);
  EXPECT_EQ(table.find(1, token(2)), nullptr);
}

TEST(ObservationTable, CancelByToken_RFC7641_3_6) {
  FixedObservationTable<2> table;
  ObservedState st;
  ASSERT_TRUE(table.add(observe(1, token(1), kTemp), st).ok());
  EXPECT_EQ(table.cancel_by_token(2, token(1)), Error::kNotFound);
  EXPECT_TRUE(table.cancel_by_token(1, token(1)).ok());
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.cancel_by_token(1, token(1)), Error::kNotFound);
  // The freed slot is reused.
  ASSERT_TRUE(table.add(observe(1, token(4), kHum), st).ok());
  ASSERT_TRUE(table.add(observe(1, token(5), kTemp), st).ok());
}

// Cancel Observation (Core TS §6.4.2): GET with Observe=1, often with a new
// token, so the target path identifies the observation.
TEST(ObservationTable, CancelByPathWithNewToken_TS_6_4_2) {
  FixedObservationTable<3> table;
  ObservedState st;
  ASSERT_TRUE(table.add(observe(1, token(1), kTemp), st).ok());
  ASSERT_TRUE(table.add(observe(1, token(2), kHum), st).ok());
  ASSERT_TRUE(table.add(observe(2, token(3), kTemp), st).ok());
  EXPECT_TRUE(table.cancel_by_paths(1, kTemp, false).ok());
  EXPECT_EQ(table.find(1, token(1)), nullptr);
  EXPECT_NE(table.find(2, token(3)), nullptr);  // other server untouched
  EXPECT_EQ(table.cancel_by_paths(1, kTemp, false), Error::kNotFound);
  EXPECT_EQ(table.cancel_by_paths(1, kHum, true), Error::kNotFound);  // not a composite
  EXPECT_EQ(table.size(), 2u);
}

// Observe-Composite (Core TS 1.2 §6.4.3): the path list is a set.
TEST(ObservationTable, CompositeTargetsMatchInAnyOrder_TS_6_4_3) {
  FixedObservationTable<2> table;
  ObservedState st;
  const Path list[] = {Path(3303, 0, 5700), Path(3, 0, 9), Path(1)};
  const Path reordered[] = {Path(1), Path(3303, 0, 5700), Path(3, 0, 9)};
  const Path subset[] = {Path(1), Path(3303, 0, 5700)};
  Observation* o = *table.add(observe(1, token(1), list, true), st);
  EXPECT_TRUE(o->composite);
  EXPECT_EQ(table.find_by_paths(1, subset, true), nullptr);
  EXPECT_EQ(table.find_by_paths(1, reordered, false), nullptr);
  EXPECT_EQ(table.find_by_paths(1, reordered, true), o);
  EXPECT_TRUE(table.cancel_by_paths(1, reordered, true).ok());
  EXPECT_EQ(table.size(), 0u);
}

TEST(ObservationTable, RejectsBadPathLists) {
  FixedObservationTable<2> table;
  ObservedState st;
  const Path two[] = {Path(3, 0), Path(4, 0)};
  Path nine[kMaxObservedPaths + 1];
  for (uint16_t i = 0; i <= kMaxObservedPaths; ++i) nine[i] = Path(3, 0, i);
  EXPECT_EQ(table.add(observe(1, token(1), {}, false), st).error(), Error::kBadRequest);
  EXPECT_EQ(table.add(observe(1, token(1), {}, true), st).error(), Error::kBadRequest);
  EXPECT_EQ(table.add(observe(1, token(1), two, false), st).error(), Error::kBadRequest);
  EXPECT_EQ(table.add(observe(1, token(1), nine, true), st).error(), Error::kCapacityExceeded);
  EXPECT_TRUE(table.add(observe(1, token(1), std::span(nine, kMaxObservedPaths), true), st).ok());
  EXPECT_EQ(table.size(), 1u);
}

TEST(ObservationTable, ListAndCancelServer) {
  FixedObservationTable<4> table;
  ObservedState st;
  ASSERT_TRUE(table.add(observe(1, token(1), kTemp), st).ok());
  ASSERT_TRUE(table.add(observe(2, token(2), kTemp), st).ok());
  ASSERT_TRUE(table.add(observe(1, token(3), kHum), st).ok());
  ASSERT_TRUE(table.add(observe(1, token(4), kDevice), st).ok());
  Observation* out[2];
  EXPECT_EQ(table.list(1, out), 3u);  // more than fit
  EXPECT_EQ(out[0]->token, token(1));
  EXPECT_EQ(out[1]->token, token(3));
  EXPECT_EQ(table.list(3, out), 0u);
  EXPECT_EQ(table.cancel_server(1), 3u);
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(table.list(2, out), 1u);
  EXPECT_EQ(out[0]->token, token(2));
}

TEST(ObservationTable, CoversChangesAboveAndBelow) {
  FixedObservationTable<1> table;
  Observation* o = *table.add(observe(1, token(1), kDevice), ObservedState{});
  EXPECT_TRUE(o->covers(Path(3, 0, 13)));  // resource inside the instance
  EXPECT_TRUE(o->covers(Path(3, 0)));
  EXPECT_TRUE(o->covers(Path(3)));         // object-level change (instance created/deleted)
  EXPECT_FALSE(o->covers(Path(3, 1, 13)));
  EXPECT_FALSE(o->covers(Path(4, 0)));
}

// RFC 7641 §4.4: the Observe option is 24 bits and wraps.
TEST(ObservationTable, SequenceWrapsAt24Bits_RFC7641_4_4) {
  Observation o;
  o.sequence = 0xFFFFFE;
  EXPECT_EQ(o.take_sequence(), 0xFFFFFEu);
  EXPECT_EQ(o.take_sequence(), 0xFFFFFFu);
  EXPECT_EQ(o.take_sequence(), 0u);
  EXPECT_EQ(o.take_sequence(), 1u);
}

// The query attributes and rules state travel with the observation.
TEST(ObservationTable, KeepsQueryAttributesAndState_TS_1_2_6_4_1) {
  FixedObservationTable<1> table;
  ObserveRequest r = observe(1, token(1), kTemp);
  r.query_attributes.pmin = 3;
  ObservedState st = start_observation(ValueSnapshot::of(F(21.5)), 1234);
  Observation* o = *table.add(r, st);
  EXPECT_EQ(o->query_attributes.pmin, 3u);
  EXPECT_EQ(o->state.last_sent, ValueSnapshot::of(F(21.5)));
  EXPECT_EQ(o->state.last_sent_ms, 1234u);
}

// ---------------------------------------------------------- queue mode store

QueuedNotification note(ConnectionId server, uint8_t tok, uint32_t seq, std::span<const uint8_t> payload) {
  QueuedNotification n;
  n.server = server;
  n.token = token(tok);
  n.sequence = seq;
  n.content_format = 60;
  n.created_ms = seq * 1000ull;
  n.payload = payload;
  return n;
}

std::vector<uint8_t> bytes(size_t n, uint8_t fill) { return std::vector<uint8_t>(n, fill); }

std::vector<uint32_t> drain(NotificationQueue& q, ConnectionId server) {
  std::vector<uint32_t> seqs;
  while (auto n = q.front(server)) {
    // Payloads keep their bytes through the compaction of earlier removals.
    for (uint8_t b : n->payload) EXPECT_EQ(b, static_cast<uint8_t>(n->sequence)) << "seq " << n->sequence;
    seqs.push_back(n->sequence);
    EXPECT_TRUE(q.pop(server).ok());
  }
  return seqs;
}

// Stored notifications are sent later in the order they were made (§6.4,
// Notification Storing When Disabled or Offline).
TEST(NotificationQueue, FlushesOldestFirstPerServer_TS_6_4) {
  FixedNotificationQueue<8, 256> q;
  for (uint32_t seq = 1; seq <= 6; ++seq) {
    auto p = bytes(seq * 3, static_cast<uint8_t>(seq));
    ASSERT_TRUE(q.push(note(seq % 2 == 0 ? 2 : 1, 1, seq, p)).ok());
  }
  EXPECT_EQ(q.size(), 6u);
  EXPECT_EQ(q.size(1), 3u);
  EXPECT_EQ(q.bytes_used(), 3u * (1 + 2 + 3 + 4 + 5 + 6));
  auto f = q.front(2);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->content_format, 60);
  EXPECT_EQ(f->created_ms, 2000u);
  EXPECT_EQ(drain(q, 2), (std::vector<uint32_t>{2, 4, 6}));
  EXPECT_EQ(drain(q, 1), (std::vector<uint32_t>{1, 3, 5}));
  EXPECT_EQ(q.size(), 0u);
  EXPECT_EQ(q.bytes_used(), 0u);
  EXPECT_EQ(q.pop(1), Error::kNotFound);
  EXPECT_EQ(q.dropped(), 0u);
}

TEST(NotificationQueue, DropsOldestWhenSlotsFull) {
  FixedNotificationQueue<3, 256> q;
  for (uint32_t seq = 1; seq <= 5; ++seq) {
    auto p = bytes(4, static_cast<uint8_t>(seq));
    ASSERT_TRUE(q.push(note(1, 1, seq, p)).ok());
  }
  EXPECT_EQ(q.dropped(), 2u);
  EXPECT_EQ(drain(q, 1), (std::vector<uint32_t>{3, 4, 5}));
}

TEST(NotificationQueue, DropsOldestWhenBytesFull) {
  FixedNotificationQueue<8, 20> q;
  auto p1 = bytes(8, 1), p2 = bytes(8, 2), p3 = bytes(8, 3), p4 = bytes(16, 4);
  ASSERT_TRUE(q.push(note(1, 1, 1, p1)).ok());
  ASSERT_TRUE(q.push(note(1, 1, 2, p2)).ok());
  ASSERT_TRUE(q.push(note(1, 1, 3, p3)).ok());  // 24 > 20: drops 1
  EXPECT_EQ(q.dropped(), 1u);
  EXPECT_EQ(q.bytes_used(), 16u);
  ASSERT_TRUE(q.push(note(1, 1, 4, p4)).ok());  // needs both gone
  EXPECT_EQ(q.dropped(), 3u);
  EXPECT_EQ(drain(q, 1), (std::vector<uint32_t>{4}));
}

// A full store first sacrifices the pushing server's own oldest entry.
TEST(NotificationQueue, DropsSameServersOldestFirst) {
  FixedNotificationQueue<3, 256> q;
  auto a = bytes(2, 1), b = bytes(2, 2), c = bytes(2, 3), d = bytes(2, 4), e = bytes(2, 5);
  ASSERT_TRUE(q.push(note(1, 1, 1, a)).ok());
  ASSERT_TRUE(q.push(note(2, 1, 2, b)).ok());
  ASSERT_TRUE(q.push(note(2, 1, 3, c)).ok());
  ASSERT_TRUE(q.push(note(2, 1, 4, d)).ok());  // drops seq 2, not server 1's seq 1
  EXPECT_EQ(drain(q, 2), (std::vector<uint32_t>{3, 4}));
  ASSERT_TRUE(q.push(note(2, 1, 5, e)).ok());
  ASSERT_TRUE(q.push(note(3, 1, 6, bytes(2, 6))).ok());
  ASSERT_TRUE(q.push(note(3, 1, 7, bytes(2, 7))).ok());  // server 3 had one: drops its own
  EXPECT_EQ(drain(q, 1), (std::vector<uint32_t>{1}));
  EXPECT_EQ(drain(q, 3), (std::vector<uint32_t>{7}));
}

// A server with nothing queued takes the oldest of anyone's.
TEST(NotificationQueue, NewServerTakesGlobalOldest) {
  FixedNotificationQueue<2, 256> q;
  ASSERT_TRUE(q.push(note(1, 1, 1, bytes(1, 1))).ok());
  ASSERT_TRUE(q.push(note(1, 1, 2, bytes(1, 2))).ok());
  ASSERT_TRUE(q.push(note(2, 1, 3, bytes(1, 3))).ok());
  EXPECT_EQ(q.dropped(), 1u);
  EXPECT_EQ(drain(q, 1), (std::vector<uint32_t>{2}));
  EXPECT_EQ(drain(q, 2), (std::vector<uint32_t>{3}));
}

TEST(NotificationQueue, TooLargePayloadChangesNothing) {
  FixedNotificationQueue<4, 16> q;
  ASSERT_TRUE(q.push(note(1, 1, 1, bytes(10, 1))).ok());
  auto big = bytes(17, 9);
  EXPECT_EQ(q.push(note(1, 1, 2, big)), Error::kBufferTooSmall);
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.dropped(), 0u);
  auto exact = bytes(16, 3);
  ASSERT_TRUE(q.push(note(1, 1, 3, exact)).ok());  // whole pool: drops the first
  EXPECT_EQ(drain(q, 1), (std::vector<uint32_t>{3}));

  NotificationQueue none({}, {});
  EXPECT_EQ(none.push(note(1, 1, 1, {})), Error::kBufferTooSmall);
}

TEST(NotificationQueue, EmptyPayloadsAreKept) {
  FixedNotificationQueue<2, 4> q;
  ASSERT_TRUE(q.push(note(1, 1, 1, {})).ok());
  auto f = q.front(1);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->payload.empty());
}

// 1.2 hqmax: at most hqmax historical notifications of one observation.
TEST(NotificationQueue, HqmaxCapsOneObservation_TS_1_2_5_1_2) {
  FixedNotificationQueue<8, 256> q;
  for (uint32_t seq = 1; seq <= 5; ++seq) ASSERT_TRUE(q.push(note(1, 7, seq, bytes(2, static_cast<uint8_t>(seq))), 2).ok());
  ASSERT_TRUE(q.push(note(1, 8, 6, bytes(2, 6)), 2).ok());  // another token: own budget
  EXPECT_EQ(q.dropped(), 3u);
  EXPECT_EQ(drain(q, 1), (std::vector<uint32_t>{4, 5, 6}));

  ASSERT_TRUE(q.push(note(1, 7, 9, bytes(2, 9))).ok());
  ASSERT_TRUE(q.push(note(1, 7, 10, bytes(2, 10)), 0).ok());  // hqmax 0 holds none
  EXPECT_EQ(q.size(), 0u);
  EXPECT_EQ(q.dropped(), 5u);
}

TEST(NotificationQueue, ClearPerServer) {
  FixedNotificationQueue<8, 64> q;
  for (uint32_t seq = 1; seq <= 6; ++seq)
    ASSERT_TRUE(q.push(note(seq <= 3 ? 1 : 2, 1, seq, bytes(seq, static_cast<uint8_t>(seq)))).ok());
  EXPECT_EQ(q.clear(1), 3u);
  EXPECT_EQ(q.clear(1), 0u);
  EXPECT_EQ(q.dropped(), 0u);
  EXPECT_EQ(q.bytes_used(), 4u + 5 + 6);
  EXPECT_EQ(drain(q, 2), (std::vector<uint32_t>{4, 5, 6}));
}

}  // namespace
}  // namespace lwm2m
