// Drives the queue-mode notification store, the observation table and the
// notification rules with arbitrary operation sequences, checking them
// against simple models: queue order and payload bytes survive every drop and
// compaction, the table never holds two entries for one token or target, and
// a notification is never decided inside pmin.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <vector>

#include "lwm2m/engine/notification_queue.h"
#include "lwm2m/engine/notification_rules.h"
#include "lwm2m/engine/observation_table.h"

namespace {

using namespace lwm2m;

class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool empty() const { return pos_ >= size_; }
  uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint32_t u32() { return uint32_t{byte()} | uint32_t{byte()} << 8 | uint32_t{byte()} << 16; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

void check(bool ok) {
  if (!ok) std::abort();
}

coap::Token make_token(uint8_t v) {
  coap::Token t;
  t.size = 1;
  t.bytes[0] = v & 3;
  return t;
}

struct Model {
  ConnectionId server;
  uint8_t token;
  uint32_t sequence;
  size_t size;
};

// The store's documented policy, written plainly over a deque.
class ModelQueue {
 public:
  void push(const Model& m, std::optional<uint32_t> hqmax) {
    if (hqmax) {
      while (count(m.server, m.token) >= *hqmax && count(m.server, m.token) > 0) erase_first(m.server, m.token);
      if (*hqmax == 0) return;
    }
    while (entries_.size() == 5 || bytes() + m.size > 48) {
      if (!erase_first(m.server)) entries_.pop_front();
    }
    entries_.push_back(m);
  }
  const Model* front(ConnectionId server) const {
    for (const Model& m : entries_)
      if (m.server == server) return &m;
    return nullptr;
  }
  bool erase_first(ConnectionId server, int token = -1) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->server == server && (token < 0 || it->token == token)) {
        entries_.erase(it);
        return true;
      }
    }
    return false;
  }
  void clear(ConnectionId server) {
    while (erase_first(server)) {
    }
  }
  size_t count(ConnectionId server, uint8_t token) const {
    size_t n = 0;
    for (const Model& m : entries_) n += m.server == server && m.token == token;
    return n;
  }
  size_t bytes() const {
    size_t n = 0;
    for (const Model& m : entries_) n += m.size;
    return n;
  }
  size_t size() const { return entries_.size(); }

 private:
  std::deque<Model> entries_;
};

void fuzz_queue(Input& in) {
  FixedNotificationQueue<5, 48> queue;
  ModelQueue model;
  uint32_t next_seq = 0;
  uint8_t payload[64];
  while (!in.empty()) {
    uint8_t op = in.byte();
    ConnectionId server = static_cast<ConnectionId>(op >> 6);
    uint8_t token = (op >> 2) & 3;
    switch (op & 3) {
      case 0:
      case 1: {
        size_t size = in.byte() % 64;
        uint32_t seq = next_seq++;
        for (size_t i = 0; i < size; ++i) payload[i] = static_cast<uint8_t>(seq + i);
        QueuedNotification n;
        n.server = server;
        n.token = make_token(token);
        n.sequence = seq;
        n.payload = {payload, size};
        std::optional<uint32_t> hqmax;
        if (op & 1) hqmax = in.byte() % 4;
        size_t before = queue.size();
        Status s = queue.push(n, hqmax);
        if (size > 48) {
          check(s == Error::kBufferTooSmall && queue.size() == before);
        } else {
          check(s.ok());
          model.push({server, token, seq, size}, hqmax);
        }
        break;
      }
      case 2: {
        auto f = queue.front(server);
        if (f) {
          for (size_t i = 0; i < f->payload.size(); ++i)
            check(f->payload[i] == static_cast<uint8_t>(f->sequence + i));
          check(queue.pop(server).ok());
          model.erase_first(server);
        } else {
          check(queue.size(server) == 0);
        }
        break;
      }
      default:
        queue.clear(server);
        model.clear(server);
        check(queue.size(server) == 0);
        break;
    }
    check(queue.size() == model.size() && queue.bytes_used() == model.bytes());
    for (ConnectionId s = 0; s < 4; ++s) {
      auto f = queue.front(s);
      const Model* m = model.front(s);
      check(f.has_value() == (m != nullptr));
      if (f) check(f->sequence == m->sequence && f->payload.size() == m->size);
    }
  }
}

void fuzz_table(Input& in) {
  FixedObservationTable<4> table;
  while (!in.empty()) {
    uint8_t op = in.byte();
    ConnectionId server = static_cast<ConnectionId>(op >> 6);
    coap::Token token = make_token(in.byte());
    Path paths[kMaxObservedPaths + 1];
    size_t count = in.byte() % (kMaxObservedPaths + 2);
    for (size_t i = 0; i < count; ++i) paths[i] = Path(3, 0, static_cast<uint16_t>(in.byte() % 4));
    std::span<const Path> list(paths, count);
    bool composite = (op & 4) != 0;
    switch (op & 3) {
      case 0: {
        ObserveRequest r;
        r.server = server;
        r.token = token;
        r.paths = list;
        r.composite = composite;
        Result<Observation*> o = table.add(r, ObservedState{});
        if (o.ok()) check(table.find(server, token) == *o);
        break;
      }
      case 1:
        (void)table.cancel_by_token(server, token);
        check(table.find(server, token) == nullptr);
        break;
      case 2:
        (void)table.cancel_by_paths(server, list, composite);
        check(table.find_by_paths(server, list, composite) == nullptr);
        break;
      default:
        table.cancel_server(server);
        break;
    }
    for (size_t a = 0; a < table.capacity(); ++a) {
      // The first entry for these targets is this one: no duplicate before it.
      if (Observation* x = table.at(a)) check(table.find_by_paths(x->server, x->targets(), x->composite) == x);
      for (size_t b = a + 1; b < table.capacity(); ++b) {
        Observation* x = table.at(a);
        Observation* y = table.at(b);
        if (x == nullptr || y == nullptr || x->server != y->server) continue;
        check(!(x->token == y->token));
      }
    }
  }
}

void fuzz_rules(Input& in) {
  EffectiveAttributes a;
  uint8_t flags = in.byte();
  if (flags & 1) a.pmin = in.byte();
  if (flags & 2) a.pmax = in.byte();
  if (flags & 4) a.gt = static_cast<int8_t>(in.byte());
  if (flags & 8) a.lt = static_cast<int8_t>(in.byte());
  if (flags & 16) a.st = in.byte() % 8;
  if (flags & 32) a.epmin = in.byte() % 8;
  if (flags & 64) a.epmax = in.byte();
  if (flags & 128) a.edge = in.byte() & 1;
  uint64_t now = in.u32();
  ObservedState state = start_observation(ValueSnapshot::of(Value::of_integer(0)), now);
  while (!in.empty()) {
    now += in.byte() * 100u;
    uint8_t v = in.byte();
    Value value = (v & 0x80) ? Value::of_boolean(v & 1) : Value::of_integer(static_cast<int8_t>(v << 1));
    NotificationDecision d = evaluate(a, state, value, now);
    if (d.send) check(!a.pmin || now >= state.last_sent_ms + uint64_t{*a.pmin} * 1000);
    commit(d, ValueSnapshot::of(value), now, state);
    check(d.next_wake_ms == next_deadline(a, state));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Input in(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0: fuzz_queue(in); break;
    case 1: fuzz_table(in); break;
    default: fuzz_rules(in); break;
  }
  return 0;
}
