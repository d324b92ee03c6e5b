// The public entry of the rule words: parse, pick rule or segment, name segments (rule_words.cpp).
#include "shopper_segments/describe.hpp"

#include "rule_words.hpp"

namespace seg {

Description describe(std::string_view json_text) {
  Description out;
  const OrderedJson doc = OrderedJson::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (doc.is_discarded()) {
    out.issues.push_back(Issue{"json_syntax", "", "The text to describe is not valid JSON."});
    return out;
  }
  const OrderedJson* subject = &doc;
  SegmentNames names;
  // A rule or a segment never has a "describe" key, so the envelope cannot be mistaken for one.
  if (doc.is_object() && doc.contains("describe")) {
    subject = &doc["describe"];
    auto segments = doc.find("segments");
    if (segments != doc.end()) names = segment_names(*segments);
  }
  // No rule form is called "id", "rule" or "score": an object with one of them is a segment.
  const bool segment = subject->is_object() && (subject->contains("id") || subject->contains("rule") || subject->contains("score"));
  out.words = segment ? segment_words(*subject, names) : rule_words(*subject, names);
  return out;
}

}  // namespace seg
