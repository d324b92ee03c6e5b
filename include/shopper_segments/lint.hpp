// Checks before publishing: what a configuration that compiles still gets wrong, for every possible
// visitor. Segments that can never hold, offers that can never show or never win, slots without a
// fallback, and overlaps worth a look. Static: they read the rules, not a visitor, and report a
// problem only when it is certain (notes are hints). Validation issues come first: a configuration
// with issues is not checked further (bindings: seg_lint).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "issue.hpp"

namespace seg {

struct Finding {
  std::string severity;  // "error" (certain problem), "warning" (worth a look), "note"
  std::string code;      // stable: docs/RULES.md "Checks before publishing"
  std::string path;      // JSON Pointer of the place to change
  std::string message;   // one sentence; segments and offers by the names owners gave them
  std::string related;   // the other place a finding is about ("" when none)
};

struct LintResult {
  Issues issues;  // the configuration's validation issues; when any, `findings` is empty
  std::vector<Finding> findings;
};

LintResult lint(std::string_view config_json);
// {"issues": [{code, path, message}], "findings": [{severity, code, path, message[, related]}]}
std::string lint_json(std::string_view config_json);

}  // namespace seg
