#include "lwm2m/model/stored_object.h"

#include <cstring>

namespace lwm2m {

namespace {
bool carries_bytes(DataType t) {
  return t == DataType::kString || t == DataType::kOpaque || t == DataType::kCorelnk;
}

uint16_t entry_resource_instance(const Path& path) {
  return path.depth() == Path::kResourceInstance ? path.resource_instance() : StoredEntry::kSingle;
}

bool is_before(const StoredEntry& e, uint16_t instance, uint16_t resource, uint16_t resource_instance) {
  if (e.instance != instance) return e.instance < instance;
  if (e.resource != resource) return e.resource < resource;
  return e.resource_instance < resource_instance;
}
}  // namespace

// Entries [0, entry_count_) are in use, sorted by (instance, resource,
// resource instance): lookups are binary searches, a resource's instances
// are adjacent and ascending.
size_t StoredObjectBase::lower_bound(uint16_t instance, uint16_t resource, uint16_t resource_instance) const {
  size_t low = 0;
  size_t high = entry_count_;
  while (low < high) {
    size_t mid = low + (high - low) / 2;
    if (is_before(entries_[mid], instance, resource, resource_instance)) low = mid + 1;
    else high = mid;
  }
  return low;
}

void StoredObjectBase::remove_entries(size_t from, size_t to) {
  for (size_t i = from; i < to; ++i)
    if (carries_bytes(entries_[i].value.type)) release_bytes(entries_[i]);
  size_t removed = to - from;
  for (size_t i = to; i < entry_count_; ++i) entries_[i - removed] = entries_[i];
  for (size_t i = entry_count_ - removed; i < entry_count_; ++i) entries_[i] = StoredEntry{};
  entry_count_ -= removed;
}

Status StoredObjectBase::create_instance(uint16_t instance) {
  if (instance > kMaxId) return Error::kInvalidPath;
  if (has_instance(instance)) return Error::kAlreadyExists;
  if (!def().multiple_instances && instance_count_ > 0) return Error::kCapacityExceeded;
  if (instance_count_ == instance_ids_.size()) return Error::kCapacityExceeded;
  size_t at = instance_count_;
  while (at > 0 && instance_ids_[at - 1] > instance) {
    instance_ids_[at] = instance_ids_[at - 1];
    --at;
  }
  instance_ids_[at] = instance;
  ++instance_count_;
  return kOk;
}

Status StoredObjectBase::delete_instance(uint16_t instance) {
  size_t at = 0;
  while (at < instance_count_ && instance_ids_[at] != instance) ++at;
  if (at == instance_count_) return Error::kNotFound;
  remove_entries(lower_bound(instance, 0, 0), lower_bound(static_cast<uint16_t>(instance + 1), 0, 0));
  for (; at + 1 < instance_count_; ++at) instance_ids_[at] = instance_ids_[at + 1];
  --instance_count_;
  return kOk;
}

StoredEntry* StoredObjectBase::find(uint16_t instance, uint16_t resource, uint16_t resource_instance) {
  size_t at = lower_bound(instance, resource, resource_instance);
  if (at == entry_count_) return nullptr;
  StoredEntry& e = entries_[at];
  bool match = e.instance == instance && e.resource == resource && e.resource_instance == resource_instance;
  return match ? &e : nullptr;
}

const StoredEntry* StoredObjectBase::find(uint16_t instance, uint16_t resource, uint16_t resource_instance) const {
  return const_cast<StoredObjectBase*>(this)->find(instance, resource, resource_instance);
}

bool StoredObjectBase::has_resource(uint16_t instance, uint16_t resource) const {
  if (!has_instance(instance)) return false;
  size_t at = lower_bound(instance, resource, 0);
  if (at < entry_count_ && entries_[at].instance == instance && entries_[at].resource == resource) return true;
  // A mandatory multiple resource exists even while it has no instances,
  // and a mandatory executable one though it never holds a value.
  const ResourceDef* rd = def().find(resource);
  return rd != nullptr && rd->mandatory && (rd->multiple || allows_execute(rd->operations));
}

size_t StoredObjectBase::resource_instances(uint16_t instance, uint16_t resource, std::span<uint16_t> ids) const {
  size_t count = 0;
  for (size_t at = lower_bound(instance, resource, 0); at < entry_count_; ++at) {
    const StoredEntry& e = entries_[at];
    if (e.instance != instance || e.resource != resource || e.resource_instance == StoredEntry::kSingle) break;
    if (count < ids.size()) ids[count] = e.resource_instance;
    ++count;
  }
  return count;
}

Status StoredObjectBase::read(const Path& path, Value& out) const {
  if (path.depth() < Path::kResource) return Error::kInvalidPath;
  const StoredEntry* e = find(path.instance(), path.resource(), entry_resource_instance(path));
  if (e == nullptr) return Error::kNotFound;
  out = e->value;
  return kOk;
}

size_t StoredObjectBase::free_entries() const { return entries_.size() - entry_count_; }

bool StoredObjectBase::can_accept(size_t entries, size_t bytes) const {
  return entries <= free_entries() && bytes <= arena_.size() - arena_live_;
}

void StoredObjectBase::release_bytes(StoredEntry& entry) {
  arena_live_ -= entry.value.bytes.size();
  entry.value.bytes = {};
}

void StoredObjectBase::compact() {
  // Slide live byte values to the front, lowest address first, so each move
  // goes down and never overwrites a value not yet moved.
  size_t cursor = 0;
  for (;;) {
    StoredEntry* next = nullptr;
    for (StoredEntry& e : entries_) {
      if (!e.used || !carries_bytes(e.value.type) || e.value.bytes.empty()) continue;
      size_t offset = static_cast<size_t>(e.value.bytes.data() - arena_.data());
      if (offset < cursor) continue;
      if (next == nullptr || e.value.bytes.data() < next->value.bytes.data()) next = &e;
    }
    if (next == nullptr) break;
    size_t size = next->value.bytes.size();
    std::memmove(arena_.data() + cursor, next->value.bytes.data(), size);
    next->value.bytes = {arena_.data() + cursor, size};
    cursor += size;
  }
  arena_used_ = cursor;
}

Result<std::span<const uint8_t>> StoredObjectBase::store_bytes(std::span<const uint8_t> bytes) {
  if (bytes.empty()) return std::span<const uint8_t>();
  if (arena_.size() - arena_used_ < bytes.size()) {
    if (arena_.size() - arena_live_ < bytes.size()) return Error::kCapacityExceeded;
    // The source may itself live in the arena (a value copied within the
    // object); it is still referenced, so compaction keeps and may move it.
    bool inside = bytes.data() >= arena_.data() && bytes.data() < arena_.data() + arena_.size();
    StoredEntry* owner = nullptr;
    size_t delta = 0;
    if (inside) {
      for (StoredEntry& e : entries_) {
        if (e.used && carries_bytes(e.value.type) && bytes.data() >= e.value.bytes.data() &&
            bytes.data() < e.value.bytes.data() + e.value.bytes.size()) {
          owner = &e;
          delta = static_cast<size_t>(bytes.data() - e.value.bytes.data());
          break;
        }
      }
    }
    compact();
    if (owner != nullptr) bytes = {owner->value.bytes.data() + delta, bytes.size()};
  }
  uint8_t* dst = arena_.data() + arena_used_;
  std::memmove(dst, bytes.data(), bytes.size());
  arena_used_ += bytes.size();
  arena_live_ += bytes.size();
  return std::span<const uint8_t>(dst, bytes.size());
}

Status StoredObjectBase::write(const Path& path, const Value& value) {
  if (path.depth() < Path::kResource) return Error::kInvalidPath;
  return set(path.instance(), path.resource(), entry_resource_instance(path), value);
}

Status StoredObjectBase::set(uint16_t instance, uint16_t resource, const Value& value) {
  return set(instance, resource, StoredEntry::kSingle, value);
}

Status StoredObjectBase::set(uint16_t instance, uint16_t resource, uint16_t resource_instance, const Value& value) {
  if (!has_instance(instance)) return Error::kNotFound;
  StoredEntry* entry = find(instance, resource, resource_instance);
  bool fresh = entry == nullptr;
  if (fresh && entry_count_ == entries_.size()) return Error::kCapacityExceeded;
  bool old_bytes = !fresh && carries_bytes(entry->value.type);
  Value stored = value;
  if (carries_bytes(value.type)) {
    // The old bytes may be given up for the new ones, unless the new value is
    // copied from inside the arena (it might be those very bytes).
    const uint8_t* src = value.bytes.data();
    bool from_arena = src >= arena_.data() && src < arena_.data() + arena_.size();
    if (old_bytes && !from_arena && arena_.size() - arena_live_ + entry->value.bytes.size() >= value.bytes.size()) {
      release_bytes(*entry);
      old_bytes = false;
    }
    // A failed copy leaves the old value in place.
    Result<std::span<const uint8_t>> copy = store_bytes(value.bytes);
    if (!copy.ok()) return copy.error();
    stored.bytes = *copy;
  }
  if (old_bytes) arena_live_ -= entry->value.bytes.size();
  if (fresh) {
    // Open a slot at the sorted position; the copy above is done, so nothing can fail now.
    size_t at = lower_bound(instance, resource, resource_instance);
    for (size_t i = entry_count_; i > at; --i) entries_[i] = entries_[i - 1];
    ++entry_count_;
    entry = &entries_[at];
  }
  entry->instance = instance;
  entry->resource = resource;
  entry->resource_instance = resource_instance;
  entry->used = true;
  entry->value = stored;
  return kOk;
}

Status StoredObjectBase::clear_resource(uint16_t instance, uint16_t resource) {
  size_t from = lower_bound(instance, resource, 0);
  size_t to = from;
  while (to < entry_count_ && entries_[to].instance == instance && entries_[to].resource == resource) ++to;
  remove_entries(from, to);
  return kOk;
}

}  // namespace lwm2m
