// Security (0), Server (1) and registration state kept in --state-dir across
// restarts. Objects are stored as one SenML CBOR payload per instance,
// produced and read back with the project's codecs, in a small container
// with a CRC; every file is replaced atomically (temp file, fsync, rename,
// fsync of the directory). A damaged file is reported and changes nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lwm2m/model/registry.h"

namespace lwm2m::client {

struct StoreResult {
  enum class Kind : uint8_t { kOk, kAbsent, kError };
  Kind kind = Kind::kOk;
  std::string message;  // for kError: what went wrong and with which file

  bool ok() const { return kind == Kind::kOk; }
  static StoreResult success() { return {}; }
  static StoreResult absent() { return {Kind::kAbsent, {}}; }
  static StoreResult error(std::string what) { return {Kind::kError, std::move(what)}; }
};

// Where one server's registration lives (its Location-Path segments).
struct RegistrationState {
  uint16_t short_server_id = 0;
  std::string server_uri;             // to notice the server changed
  std::vector<std::string> location;  // e.g. {"rd", "5a3f"}

  friend bool operator==(const RegistrationState&, const RegistrationState&) = default;
};

class StateStore {
 public:
  explicit StateStore(std::string directory) : directory_(std::move(directory)) {}

  // Creates the directory with mode 0700 if missing (and tightens an existing one).
  StoreResult open() const;

  // Writes every instance and resource of object `object_id` (Security or
  // Server, but any stored object works) to object-<id>.state.
  StoreResult save_object(const Registry& registry, uint16_t object_id) const;
  // Replaces the object's instances with the file's. kAbsent when there is
  // no file; on kError the object is exactly as before.
  StoreResult load_object(Registry& registry, uint16_t object_id) const;

  StoreResult save_registrations(const std::vector<RegistrationState>& registrations) const;
  StoreResult load_registrations(std::vector<RegistrationState>& out) const;

  std::string object_file(uint16_t object_id) const;
  std::string registrations_file() const;

 private:
  std::string directory_;
};

// Writes `bytes` to `path` atomically: temp file in the same directory,
// fsync, rename over `path`, fsync the directory.
StoreResult write_file_atomically(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace lwm2m::client
