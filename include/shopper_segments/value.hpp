// A trait or context value: what the page or the browser tells the engine besides events.
#pragma once
#include <string>
#include <vector>

namespace seg {

struct Value {
  enum class Kind { None, Number, String, Bool, List };
  Kind kind = Kind::None;
  double number = 0;
  bool boolean = false;
  std::string string;
  std::vector<std::string> list;

  static Value of(double n) { Value v; v.kind = Kind::Number; v.number = n; return v; }
  static Value of(std::string s) { Value v; v.kind = Kind::String; v.string = std::move(s); return v; }
  static Value of(const char* s) { return of(std::string(s)); }
  static Value of_bool(bool b) { Value v; v.kind = Kind::Bool; v.boolean = b; return v; }
  static Value of(std::vector<std::string> l) { Value v; v.kind = Kind::List; v.list = std::move(l); return v; }
  bool is_set() const { return kind != Kind::None; }
};

}  // namespace seg
