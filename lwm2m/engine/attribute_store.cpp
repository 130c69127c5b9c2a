#include "lwm2m/engine/attribute_store.h"

namespace lwm2m {

const Attributes* AttributeStore::find(uint16_t short_server_id, const Path& path) const {
  for (const Entry& e : entries_)
    if (e.used && e.short_server_id == short_server_id && e.path == path) return &e.attributes;
  return nullptr;
}

AttributeStore::Entry* AttributeStore::find_entry(uint16_t short_server_id, const Path& path) {
  for (Entry& e : entries_)
    if (e.used && e.short_server_id == short_server_id && e.path == path) return &e;
  return nullptr;
}

Status AttributeStore::set(uint16_t short_server_id, const Path& path, const Attributes& attributes) {
  Entry* entry = find_entry(short_server_id, path);
  if (attributes.empty()) {
    if (entry != nullptr) *entry = Entry{};
    return kOk;
  }
  if (entry == nullptr) {
    for (Entry& e : entries_) {
      if (!e.used) {
        entry = &e;
        break;
      }
    }
  }
  if (entry == nullptr) return Error::kCapacityExceeded;
  *entry = Entry{short_server_id, path, attributes, true};
  return kOk;
}

void AttributeStore::remove_within(const Path& path) {
  for (Entry& e : entries_)
    if (e.used && e.path.is_within(path)) e = Entry{};
}

void AttributeStore::remove_server(uint16_t short_server_id) {
  for (Entry& e : entries_)
    if (e.used && e.short_server_id == short_server_id) e = Entry{};
}

size_t AttributeStore::size() const {
  size_t n = 0;
  for (const Entry& e : entries_) n += e.used ? 1 : 0;
  return n;
}

}  // namespace lwm2m
