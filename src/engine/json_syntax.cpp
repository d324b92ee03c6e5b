#include "json_syntax.hpp"

#include <string>

namespace seg {
namespace {

// A SAX consumer that only remembers where parsing failed; used after a failed parse.
struct ErrorLocator : nlohmann::json_sax<nlohmann::json> {
  std::size_t position = 0;
  std::string token;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string& last_token, const nlohmann::detail::exception&) override {
    position = pos;
    token = last_token.substr(0, 20);
    return false;
  }
};

}  // namespace

bool parse_json(std::string_view text, nlohmann::json& out, Issues& issues) {
  out = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (!out.is_discarded()) return true;
  ErrorLocator locator;
  nlohmann::json::sax_parse(text.begin(), text.end(), &locator);
  std::string message = "This is not valid JSON: it breaks at byte " + std::to_string(locator.position);
  message += locator.token.empty() ? "." : " near \"" + locator.token + "\".";
  issues.push_back(Issue{"json_syntax", "", std::move(message)});
  out = nlohmann::json();
  return false;
}

}  // namespace seg
