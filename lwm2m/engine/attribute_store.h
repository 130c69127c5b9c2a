// The notification attributes each server has written (Write-Attributes,
// Core TS 1.2 §6.3 and §5.1.2): a fixed table of (server, path, attributes)
// rows, no heap. Attributes are per server: what server 1 writes on /3/0/9
// is invisible to server 2 (Core TS §5.1.2, "attributes ... per LwM2M Server").
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/link/attributes.h"
#include "lwm2m/link/object_links.h"

namespace lwm2m {

class AttributeStore {
 public:
  struct Entry {
    uint16_t short_server_id = 0;
    Path path;
    Attributes attributes;
    bool used = false;
  };

  explicit AttributeStore(std::span<Entry> entries) : entries_(entries) {}
  AttributeStore(const AttributeStore&) = delete;
  AttributeStore& operator=(const AttributeStore&) = delete;

  // The attributes server `short_server_id` attached to exactly `path`, or nullptr.
  const Attributes* find(uint16_t short_server_id, const Path& path) const;
  // Replaces the row of (server, path); empty attributes remove it.
  // kCapacityExceeded when the table is full (nothing changes then).
  Status set(uint16_t short_server_id, const Path& path, const Attributes& attributes);
  // Drops every server's rows at or below `path` (after Delete of an instance).
  void remove_within(const Path& path);
  // Drops every row of one server (after it de-registers or is removed).
  void remove_server(uint16_t short_server_id);
  size_t size() const;

  // The AttributeLookup of one server, for write_discover and the observer.
  class ServerView final : public AttributeLookup {
   public:
    ServerView(const AttributeStore& store, uint16_t short_server_id) : store_(store), server_(short_server_id) {}
    const Attributes* find(const Path& path) const override { return store_.find(server_, path); }

   private:
    const AttributeStore& store_;
    uint16_t server_;
  };
  ServerView for_server(uint16_t short_server_id) const { return ServerView(*this, short_server_id); }

 private:
  Entry* find_entry(uint16_t short_server_id, const Path& path);

  std::span<Entry> entries_;
};

template <size_t kMaxEntries>
class FixedAttributeStore : public AttributeStore {
 public:
  FixedAttributeStore() : AttributeStore(slots_) {}

 private:
  Entry slots_[kMaxEntries] = {};
};

}  // namespace lwm2m
