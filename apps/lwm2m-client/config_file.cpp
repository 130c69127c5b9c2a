#include "apps/lwm2m-client/config_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace lwm2m::client {
namespace {

std::string trim(const std::string& text) {
  const char* spaces = " \t\r";
  size_t first = text.find_first_not_of(spaces);
  if (first == std::string::npos) return {};
  size_t last = text.find_last_not_of(spaces);
  return text.substr(first, last - first + 1);
}

}  // namespace

ConfigFile parse_config_text(const std::string& text, const std::string& name) {
  ConfigFile config;
  std::istringstream lines(text);
  std::string raw;
  int number = 0;
  while (std::getline(lines, raw)) {
    ++number;
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    size_t equals = line.find('=');
    if (equals == std::string::npos) {
      config.error = name + ":" + std::to_string(number) + ": expected `key = value`, got `" + line + "`";
      return config;
    }
    std::string key = trim(line.substr(0, equals));
    std::string value = trim(line.substr(equals + 1));
    if (key.empty()) {
      config.error = name + ":" + std::to_string(number) + ": missing key before `=`";
      return config;
    }
    // Values may be quoted to keep leading or trailing spaces.
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    config.entries.push_back({key, value, number});
  }
  return config;
}

ConfigFile load_config_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    ConfigFile config;
    config.error = "cannot read config file " + path + ": " + std::strerror(errno);
    return config;
  }
  std::ostringstream text;
  text << file.rdbuf();
  return parse_config_text(text.str(), path);
}

}  // namespace lwm2m::client
