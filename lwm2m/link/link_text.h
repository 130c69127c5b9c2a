// Character classes of the CoRE Link Format grammar (RFC 6690 §2, with
// parmname and ptoken from RFC 5988 §5 / RFC 5987), shared by writer and reader.
#pragma once

namespace lwm2m::link_text {

inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// attr-char of RFC 5987 (parmname = 1*attr-char); '*' is allowed as the
// RFC 5988 ext-name suffix ("title*").
inline bool is_parmname_char(char c) {
  if (is_alpha(c) || is_digit(c)) return true;
  switch (c) {
    case '!': case '#': case '$': case '&': case '+': case '-': case '.':
    case '^': case '_': case '`': case '|': case '~': case '*':
      return true;
    default:
      return false;
  }
}

// ptokenchar of RFC 6690 §2 (never ',', ';', '"', '\\' or whitespace).
inline bool is_ptoken_char(char c) {
  if (is_alpha(c) || is_digit(c)) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '(': case ')':
    case '*': case '+': case '-': case '.': case '/': case ':': case '<': case '=':
    case '>': case '?': case '@': case '[': case ']': case '^': case '_': case '`':
    case '{': case '|': case '}': case '~':
      return true;
    default:
      return false;
  }
}

// Characters of an RFC 3986 URI-reference (unreserved, reserved and '%'),
// which is what may stand between '<' and '>'.
inline bool is_uri_char(char c) {
  if (is_alpha(c) || is_digit(c)) return true;
  switch (c) {
    case '-': case '.': case '_': case '~':                                  // unreserved
    case ':': case '/': case '?': case '#': case '[': case ']': case '@':    // gen-delims
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*':
    case '+': case ',': case ';': case '=':                                  // sub-delims
    case '%':
      return true;
    default:
      return false;
  }
}

}  // namespace lwm2m::link_text
