// Issues: errors as values. Every problem found in a config or in saved state is one of these,
// with a stable code, a JSON Pointer into the document and one plain sentence.
#pragma once
#include <string>
#include <vector>

namespace seg {

struct Issue {
  std::string code;     // stable id, see docs/RULES.md "Issue codes"
  std::string path;     // JSON Pointer, e.g. "/segments/3/rule/all/1/within"
  std::string message;  // one plain sentence
};

using Issues = std::vector<Issue>;

}  // namespace seg
