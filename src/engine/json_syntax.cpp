#include "text_number.hpp"
#include "json_syntax.hpp"

#include <string>

namespace seg {

bool parse_json(std::string_view text, Json& out, Issues& issues) {
  std::size_t offset = 0;
  if (Json::parse(text, out, offset)) return true;
  std::string message = "This is not valid JSON: it breaks at byte " + integer_text(offset);
  const std::string_view near = text.substr(offset < text.size() ? offset : text.size(), 20);
  message += near.empty() ? " (the text ends too early)." : " near \"" + std::string(near) + "\".";
  issues.push_back(Issue{"json_syntax", "", std::move(message)});
  out = Json();
  return false;
}

}  // namespace seg
