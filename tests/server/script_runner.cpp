#include "tests/server/script_runner.h"

#include <sstream>
#include <thread>

namespace lwm2m::test_server {

std::optional<uint16_t> parse_format(const std::string& name) {
  static const std::pair<const char*, uint16_t> kNames[] = {
      {"text", 0},         {"link", 40},          {"opaque", 42},  {"cbor", 60},         {"senml-json", 110},
      {"senml-cbor", 112}, {"tlv", 11542},        {"json", 11543}, {"lwm2m-cbor", 11544}};
  for (const auto& [n, number] : kNames) {
    if (name == n) return number;
  }
  if (name.empty() || name.size() > 5 || name.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  unsigned long number = std::stoul(name);
  if (number > 65535) return std::nullopt;
  return static_cast<uint16_t>(number);
}

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line.substr(0, line.find('#')));
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

// The rest of the line after the first `skip` words (for values with spaces).
std::string rest_of(const std::string& line, size_t skip) {
  std::istringstream in(line);
  std::string word;
  for (size_t i = 0; i < skip && in >> word; ++i) {
  }
  std::string rest;
  std::getline(in, rest);
  size_t start = rest.find_first_not_of(' ');
  return start == std::string::npos ? std::string() : rest.substr(start);
}

// A typed value from "int 5", "string abc", "bool true", "objlnk 3:0" ...
// `text` keeps string bytes alive for the returned Value.
std::optional<Value> parse_value(const std::string& type, const std::string& text) {
  char* end = nullptr;
  if (type == "int" || type == "time") {
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (end == text.c_str() || *end != '\0') return std::nullopt;
    return type == "int" ? Value::of_integer(v) : Value::of_time(v);
  }
  if (type == "uint") {
    unsigned long long v = std::strtoull(text.c_str(), &end, 10);
    if (end == text.c_str() || *end != '\0') return std::nullopt;
    return Value::of_unsigned(v);
  }
  if (type == "float") {
    double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0') return std::nullopt;
    return Value::of_float(v);
  }
  if (type == "bool") {
    if (text != "true" && text != "false") return std::nullopt;
    return Value::of_boolean(text == "true");
  }
  if (type == "string") return Value::of_string(text);
  if (type == "corelnk") return Value::of_corelnk(text);
  if (type == "objlnk") {
    unsigned o = 0, i = 0;
    if (std::sscanf(text.c_str(), "%u:%u", &o, &i) != 2 || o > 65535 || i > 65535) return std::nullopt;
    return Value::of_objlnk(static_cast<uint16_t>(o), static_cast<uint16_t>(i));
  }
  return std::nullopt;
}

std::string hex(const std::vector<uint8_t>& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

bool printable(const std::vector<uint8_t>& bytes) {
  for (uint8_t b : bytes) {
    if (b < 0x20 && b != '\n' && b != '\t') return false;
    if (b >= 0x7f) return false;
  }
  return true;
}

}  // namespace

int ScriptRunner::run(std::istream& script) {
  std::string line;
  size_t number = 0;
  while (!exited_ && std::getline(script, line)) {
    ++number;
    if (!execute_line(line)) {
      log_ << "FAILED at line " << number << ": " << line << std::endl;
      return 1;
    }
  }
  return exit_code_;
}

bool ScriptRunner::execute_line(const std::string& line) {
  std::vector<std::string> words = split(line);
  if (words.empty()) return true;
  // Commands whose last argument is free text keep their spaces.
  if ((words[0] == "expect-contains" || words[0] == "execute") && words.size() > 1) {
    std::string text = rest_of(line.substr(0, line.find('#')), words[0] == "execute" ? 2 : 1);
    words.resize(words[0] == "execute" ? 2 : 1);
    if (!text.empty()) words.push_back(text);
  }
  return run_command(words);
}

bool ScriptRunner::expect(bool condition, const std::string& what) {
  if (!condition) log_ << "expectation failed: " << what << std::endl;
  return condition;
}

bool ScriptRunner::show(const Answer& answer) {
  last_ = answer;
  log_ << "<- " << answer.code_text();
  if (answer.content_format) log_ << " ct=" << *answer.content_format;
  if (answer.observe) log_ << " observe=" << *answer.observe;
  if (!answer.payload.empty()) {
    log_ << " " << (printable(answer.payload) ? answer.text() : "hex:" + hex(answer.payload));
  }
  log_ << std::endl;
  return answer.answered();
}

bool ScriptRunner::run_command(const std::vector<std::string>& w) {
  const std::string& command = w[0];
  auto arg = [&](size_t i) { return i < w.size() ? w[i] : std::string(); };
  auto path_arg = [&](size_t i) {
    std::string p = arg(i);
    Result<Path> parsed = Path::parse(p);
    if (parsed.ok()) last_path_ = *parsed;
    return p;
  };
  log_ << "> ";
  for (const std::string& word : w) log_ << word << " ";
  log_ << std::endl;

  if (command == "timeout") {
    timeout_ms_ = std::atoi(arg(1).c_str()) * 1000;
    return timeout_ms_ > 0;
  }
  if (command == "sleep") {
    std::this_thread::sleep_for(Milliseconds(std::atoi(arg(1).c_str())));
    return true;
  }
  if (command == "exit") {
    exited_ = true;
    exit_code_ = w.size() > 1 ? std::atoi(arg(1).c_str()) : 0;
    return true;
  }
  if (command == "endpoint") {
    endpoint_ = arg(1);
    return !endpoint_.empty();
  }
  if (command == "wait-register") {
    if (w.size() > 1) {
      endpoint_ = arg(1);
      return expect(server_.wait_registered(endpoint_, timeout()), "registration of " + endpoint_);
    }
    // Any endpoint: the first one that registers.
    auto deadline = Clock::now() + timeout();
    while (Clock::now() < deadline) {
      std::vector<std::string> all = server_.endpoints();
      if (!all.empty()) {
        endpoint_ = all.front();
        log_ << "registered " << endpoint_ << std::endl;
        return true;
      }
      std::this_thread::sleep_for(Milliseconds(20));
    }
    return expect(false, "a registration");
  }
  if (command == "wait-bootstrap") {
    if (w.size() > 1) endpoint_ = arg(1);
    auto deadline = Clock::now() + timeout();
    while (Clock::now() < deadline) {
      std::vector<BootstrapRequestRecord> all = server_.bootstrap_requests();
      for (const BootstrapRequestRecord& r : all) {
        if (endpoint_.empty() || r.endpoint == endpoint_) {
          endpoint_ = r.endpoint;
          log_ << "bootstrap request from " << endpoint_ << std::endl;
          return true;
        }
      }
      std::this_thread::sleep_for(Milliseconds(20));
    }
    return expect(false, "a bootstrap request");
  }
  if (command == "wait-update") {
    // Counted from the script's last wait-update, so an Update that came
    // before this line still counts.
    updates_waited_ += w.size() > 1 ? std::stoul(arg(1)) : 1;
    return expect(server_.wait_updates(endpoint_, updates_waited_, timeout()), "an update from " + endpoint_);
  }
  if (command == "wait-deregister") {
    return expect(server_.wait_deregistered(endpoint_, timeout()), "de-registration of " + endpoint_);
  }
  if (command == "read" || command == "bs-read") {
    std::string path = path_arg(1);
    std::optional<uint16_t> accept;
    if (w.size() > 2 && !(accept = parse_format(arg(2)))) return expect(false, "a known format");
    return show(server_.read(endpoint_, path, accept, timeout()));
  }
  if (command == "write" || command == "write-partial" || command == "create" || command == "bs-write") {
    // write PATH text VALUE | write PATH FORMAT TYPE VALUE
    std::string path = path_arg(1);
    std::optional<uint16_t> format = parse_format(arg(2));
    if (!format) return expect(false, "a known format");
    bool replace = command == "write" || command == "bs-write";
    if (w.size() == 4) {
      std::string text = arg(3);
      return show(server_.write(endpoint_, path, *format, std::vector<uint8_t>(text.begin(), text.end()), replace,
                                timeout()));
    }
    // With a typed value the record is the resource itself, or resource 0..n
    // named as RES=TYPE:VALUE for instance-level writes and creates.
    std::vector<std::string> texts;
    std::vector<Record> records;
    Result<Path> target = Path::parse(path);
    if (!target.ok()) return expect(false, "a valid path");
    texts.reserve(w.size());
    if (target->depth() >= Path::kResource && w.size() == 5) {
      texts.push_back(arg(4));
      std::optional<Value> value = parse_value(arg(3), texts.back());
      if (!value) return expect(false, "a TYPE VALUE pair");
      records.push_back({*target, *value});
    } else {
      for (size_t i = 3; i < w.size(); ++i) {
        // RES=TYPE:VALUE, e.g. 1=int:300
        size_t eq = w[i].find('='), colon = w[i].find(':');
        if (eq == std::string::npos || colon == std::string::npos || colon < eq) return expect(false, "RES=TYPE:VALUE");
        texts.push_back(w[i].substr(colon + 1));
        std::optional<Value> value = parse_value(w[i].substr(eq + 1, colon - eq - 1), texts.back());
        Result<uint16_t> id = parse_id(w[i].substr(0, eq));
        if (!value || !id.ok()) return expect(false, "RES=TYPE:VALUE");
        Path p = *target;
        if (p.depth() == Path::kObject) p = Path(p.object(), 0);  // Create without instance id: /o/0 in the body
        Result<Path> child = p.child(*id);
        if (!child.ok()) return expect(false, "a resource id");
        records.push_back({*child, *value});
      }
    }
    Result<std::vector<uint8_t>> payload = encode_records(*format, *target, records);
    if (!payload.ok()) return expect(false, std::string("encodable records: ") + error_name(payload.error()));
    return show(server_.write(endpoint_, path, *format, *payload, replace, timeout()));
  }
  if (command == "execute") return show(server_.execute(endpoint_, path_arg(1), arg(2), timeout()));
  if (command == "delete" || command == "bs-delete") return show(server_.remove(endpoint_, path_arg(1), timeout()));
  if (command == "discover" || command == "bs-discover") {
    std::optional<int> depth;
    if (w.size() > 2) depth = std::atoi(arg(2).c_str());
    return show(server_.discover(endpoint_, path_arg(1), depth, timeout()));
  }
  if (command == "write-attributes") {
    return show(server_.write_attributes(endpoint_, path_arg(1), {w.begin() + std::min<size_t>(2, w.size()), w.end()},
                                         timeout()));
  }
  if (command == "read-composite") {
    std::optional<uint16_t> format = parse_format(arg(1));
    if (!format) return expect(false, "a known format");
    last_path_ = Path();
    return show(server_.read_composite(endpoint_, {w.begin() + std::min<size_t>(2, w.size()), w.end()}, *format,
                                       std::nullopt, timeout()));
  }
  if (command == "bs-finish") return show(server_.bootstrap_finish(endpoint_, timeout()));
  if (command == "observe") {
    std::optional<uint16_t> accept;
    if (w.size() > 2 && !(accept = parse_format(arg(2)))) return expect(false, "a known format");
    TestServer::Observation o = server_.observe(endpoint_, path_arg(1), accept, {}, timeout());
    observation_ = o.id;
    return show(o.first);
  }
  if (command == "wait-notifications") {
    size_t count = w.size() > 1 ? std::stoul(arg(1)) : 1;
    bool ok = server_.wait_notifications(observation_, count, timeout());
    std::vector<Answer> all = server_.notifications(observation_);
    if (!all.empty()) show(all.back());
    return expect(ok, std::to_string(count) + " notifications");
  }
  if (command == "cancel-observe") {
    CancelMode mode = arg(1) == "reset"       ? CancelMode::kReset
                      : arg(1) == "new-token" ? CancelMode::kGetNewToken
                                              : CancelMode::kGetSameToken;
    return show(server_.cancel_observe(observation_, mode, timeout()));
  }
  if (command == "wait-send") {
    size_t count = w.size() > 1 ? std::stoul(arg(1)) : 1;
    bool ok = server_.wait_sends(count, timeout());
    std::vector<SendRecord> all = server_.sends();
    if (!all.empty()) {
      Answer a;
      a.code = coap::kChanged;
      a.content_format = all.back().content_format;
      a.payload = all.back().payload;
      last_path_ = Path();
      show(a);
    }
    return expect(ok, std::to_string(count) + " Send requests");
  }
  if (command == "expect-code") {
    return expect(last_.code == parse_code(arg(1)), "code " + arg(1) + ", got " + last_.code_text());
  }
  if (command == "expect-format") {
    std::optional<uint16_t> format = parse_format(arg(1));
    return expect(format && last_.content_format == format, "content format " + arg(1));
  }
  if (command == "expect-contains") {
    return expect(last_.text().find(arg(1)) != std::string::npos, "payload containing '" + arg(1) + "'");
  }
  if (command == "expect-value") {
    // expect-value PATH TEXT: the record at PATH reads as TEXT.
    Result<std::vector<OwnedRecord>> records = last_.records(last_path_);
    if (!records.ok()) return expect(false, std::string("a decodable payload: ") + error_name(records.error()));
    for (const OwnedRecord& r : *records) {
      if (r.path_text() != arg(1)) continue;
      // TLV and text/plain carry untyped bytes: read them as the type the
      // expected text has (integer, boolean, else string).
      const std::string& want = arg(2);
      char* end = nullptr;
      long long number = std::strtoll(want.c_str(), &end, 10);
      std::string got = "?";
      if (!want.empty() && *end == '\0') {
        Result<int64_t> integer = r.as_integer();
        if (integer.ok()) got = std::to_string(*integer);
        return expect(integer.ok() && *integer == number, arg(1) + " = " + want + ", got " + got);
      }
      if (want == "true" || want == "false") {
        Result<bool> boolean = r.as_boolean();
        if (boolean.ok()) got = *boolean ? "true" : "false";
        return expect(got == want, arg(1) + " = " + want + ", got " + got);
      }
      Result<std::string> text = r.as_string();
      if (text.ok()) got = *text;
      return expect(got == want, arg(1) + " = " + want + ", got " + got);
    }
    return expect(false, "a record at " + arg(1));
  }
  if (command == "expect-registered") {
    std::optional<ClientRecord> record = server_.client(endpoint_);
    return expect(record && record->registered, endpoint_ + " registered");
  }
  log_ << "unknown command: " << command << std::endl;
  return false;
}

}  // namespace lwm2m::test_server
