#include "config_document.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/text_number.hpp"
#include "toolkit/compile_context.hpp"

namespace seg {
namespace {

// nlohmann's SAX events straight into the compiler's document: no nlohmann DOM in between, and a
// depth limit the DOM parser does not have.
class DocumentBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit DocumentBuilder(Json& root) : root_(root) {}

  bool null() override { return put(Json()); }
  bool boolean(bool value) override { return put(Json(value)); }
  bool number_integer(number_integer_t value) override { return put(Json(static_cast<double>(value))); }
  bool number_unsigned(number_unsigned_t value) override { return put(Json(static_cast<double>(value))); }
  bool number_float(number_float_t value, const string_t&) override { return put(Json(value)); }
  bool string(string_t& value) override { return put(Json(std::move(value))); }
  bool binary(binary_t&) override { return false; }  // JSON text has none

  bool start_object(std::size_t) override { return open(Json::object()); }
  bool key(string_t& key) override {
    key_ = std::move(key);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Json::array()); }
  bool end_array() override { return close(); }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    error_at_ = position > 0 ? position - 1 : 0;
    // nlohmann's out_of_range.406: a number past what a double holds (1e400).
    if (e.id == 406) {
      out_of_range_ = true;
      where_ = path_here();
    }
    return false;
  }

  std::size_t error_at() const { return error_at_; }
  bool too_deep() const { return too_deep_; }
  bool out_of_range() const { return out_of_range_; }
  // The JSON Pointer of the value that nested too deep or was out of range.
  const std::string& where() const { return where_; }

 private:
  // Where the next value goes: the root, the end of the open array, or the open object's key.
  Json& slot() {
    if (open_.empty()) return root_;
    Json& parent = *open_.back();
    return parent.is_array() ? parent.push_back_null() : parent.append_member(std::move(key_));
  }
  bool put(Json value) {
    slot() = std::move(value);
    return true;
  }
  bool open(Json container) {
    if (open_.size() >= kMaxConfigDepth) {
      too_deep_ = true;
      where_ = path_here();
      return false;
    }
    Json& at = slot();
    at = std::move(container);
    open_.push_back(&at);
    return true;
  }
  bool close() {
    // A key given twice keeps its last value (as JSON.parse), sorted out once the object is whole.
    open_.back()->drop_repeated_keys();
    open_.pop_back();
    return true;
  }

  // The pointer of the value being read now: through each open container's last child (the one
  // being filled), then the next key or index of the innermost one.
  std::string path_here() const {
    std::string path;
    for (std::size_t i = 0; i < open_.size(); ++i) {
      const Json& container = *open_[i];
      const bool last = i + 1 == open_.size();
      if (container.is_object()) {
        path = pointer_append(path, last ? std::string_view(key_) : std::string_view(container.members().back().first));
      } else {
        path = pointer_append(path, last ? container.size() : container.size() - 1);
      }
    }
    return path;
  }

  Json& root_;
  std::vector<Json*> open_;  // the containers being filled; each points into its parent, which
                             // does not move while it is open (only its last child grows)
  std::string key_;
  std::size_t error_at_ = 0;
  bool too_deep_ = false, out_of_range_ = false;
  std::string where_;
};

}  // namespace

bool parse_config_document(std::string_view text, Json& out, Issues& issues) {
  out = Json();
  DocumentBuilder builder(out);
  const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json, true);
  if (ok) return true;
  const std::size_t offset = builder.too_deep() ? 0 : std::min(builder.error_at(), text.size());
  std::string message;
  // Valid JSON that this reader does not take: a precise code where the value is, not json_syntax.
  if (builder.too_deep()) {
    issues.push_back(Issue{"json_too_deep", builder.where(),
                           "This nests deeper than " + integer_text(static_cast<long long>(kMaxConfigDepth)) +
                               " levels of lists and objects; no configuration needs that many."});
    out = Json();
    return false;
  }
  if (builder.out_of_range()) {
    issues.push_back(Issue{"number_out_of_range", builder.where(),
                           "This number is too large to use (a number here is at most about 1.8e308)."});
    out = Json();
    return false;
  }
  {
    message = "This is not valid JSON: it breaks at byte " + integer_text(static_cast<long long>(offset));
    const std::string_view near = text.substr(offset, 20);
    message += near.empty() ? " (the text ends too early)." : " near \"" + std::string(near) + "\".";
  }
  issues.push_back(Issue{"json_syntax", "", std::move(message)});
  out = Json();
  return false;
}

}  // namespace seg
