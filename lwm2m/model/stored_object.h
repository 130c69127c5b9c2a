// An Object whose values live in fixed pools sized at build time: no heap.
// Strings and opaque values are copied into a byte arena that is compacted
// when it runs out of room.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/model/object.h"

namespace lwm2m {

struct StoredEntry {
  static constexpr uint16_t kSingle = 0xFFFF;  // resource_instance of a single resource
  uint16_t instance = 0;
  uint16_t resource = 0;
  uint16_t resource_instance = kSingle;
  bool used = false;
  Value value;
};

class StoredObjectBase : public Object {
 public:
  size_t instance_count() const override { return instance_count_; }
  uint16_t instance_id(size_t index) const override { return instance_ids_[index]; }
  Status create_instance(uint16_t instance) override;
  Status delete_instance(uint16_t instance) override;

  bool has_resource(uint16_t instance, uint16_t resource) const override;
  size_t resource_instances(uint16_t instance, uint16_t resource, std::span<uint16_t> ids) const override;
  Status read(const Path& path, Value& out) const override;
  bool can_accept(size_t entries, size_t bytes) const override;
  Status write(const Path& path, const Value& value) override;
  Status clear_resource(uint16_t instance, uint16_t resource) override;

  // Setup helpers for applications and object constructors: no operation or
  // type checks beyond the store's own (the value must fit the pools).
  Status set(uint16_t instance, uint16_t resource, const Value& value);
  Status set(uint16_t instance, uint16_t resource, uint16_t resource_instance, const Value& value);

 protected:
  StoredObjectBase(const ObjectDef& def, std::span<uint16_t> instance_ids, std::span<StoredEntry> entries,
                   std::span<uint8_t> arena)
      : Object(def), instance_ids_(instance_ids), entries_(entries), arena_(arena) {}
  ~StoredObjectBase() = default;

 private:
  StoredEntry* find(uint16_t instance, uint16_t resource, uint16_t resource_instance);
  const StoredEntry* find(uint16_t instance, uint16_t resource, uint16_t resource_instance) const;
  size_t lower_bound(uint16_t instance, uint16_t resource, uint16_t resource_instance) const;
  void remove_entries(size_t from, size_t to);
  size_t free_entries() const;
  void release_bytes(StoredEntry& entry);
  Result<std::span<const uint8_t>> store_bytes(std::span<const uint8_t> bytes);
  void compact();

  std::span<uint16_t> instance_ids_;
  std::span<StoredEntry> entries_;
  std::span<uint8_t> arena_;
  size_t instance_count_ = 0;
  size_t entry_count_ = 0;  // entries_[0, entry_count_) are in use, sorted
  size_t arena_used_ = 0;   // bump pointer
  size_t arena_live_ = 0;   // bytes still referenced by entries
};

// kInstances instances, kEntries values in all, kArenaBytes of string/opaque data.
template <size_t kInstances, size_t kEntries, size_t kArenaBytes>
class StoredObject : public StoredObjectBase {
 public:
  explicit StoredObject(const ObjectDef& def) : StoredObjectBase(def, ids_, entries_, arena_) {}

 protected:
  ~StoredObject() = default;

 private:
  uint16_t ids_[kInstances] = {};
  StoredEntry entries_[kEntries] = {};
  uint8_t arena_[kArenaBytes] = {};
};

}  // namespace lwm2m
