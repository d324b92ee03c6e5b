// Text that compile_config derives from rules: the words of comparisons and `where` filters, and
// the canonical keys the profile stores each feature's data under. In the runtime (not only in
// the toolkit that compiles) so that a program's reader derives keys and subjects back instead
// of carrying them in the program's bytes (program_derived.hpp).
#pragma once
#include <string>
#include <vector>

#include "program.hpp"

namespace seg {

// ">= 3", "between 1 and 5", "in [\"a\", 2]", "starts with \"x\""; durations as "7d".
std::string describe_comparison(const Comparison& cmp, bool durations);
// " where tags = \"new\" and price >= 10", or "" without a filter.
std::string describe_where(const std::vector<FieldMatcher>& where);

// Feature keys: the type, the filter's parts sorted (so the order of a `where` does not make a
// new feature), then the field: "view_item|tags:= \"new\"", "purchase|#value", "view_item|@item_id".
std::string series_key(const std::string& type, const std::vector<FieldMatcher>& where, const std::string& sum_field);
std::string value_set_key(const std::string& type, const std::vector<FieldMatcher>& where, const std::string& field);
std::string step_key(const std::string& type, const std::vector<FieldMatcher>& where);

}  // namespace seg
