// The --config file: one `key = value` per line, keys are the long option
// names without the dashes, `#` starts a comment line, blank lines are
// skipped. A flag without a value (bootstrap, queue-mode) takes true/false.
// Repeating server-uri adds another server, as on the command line.
#pragma once

#include <string>
#include <vector>

namespace lwm2m::client {

struct ConfigEntry {
  std::string key;
  std::string value;
  int line = 0;  // for error messages
};

struct ConfigFile {
  std::vector<ConfigEntry> entries;
  std::string error;  // empty on success; otherwise "FILE:LINE: what"
};

// Parses `text` as read from `name` (used only in error messages).
ConfigFile parse_config_text(const std::string& text, const std::string& name);
// Reads and parses the file; an unreadable file is an error.
ConfigFile load_config_file(const std::string& path);

}  // namespace lwm2m::client
