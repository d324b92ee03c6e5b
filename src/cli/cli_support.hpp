// What the CLI's commands share: reading a file, the usage error, issues as text and as JSON.
#pragma once
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "shopper_segments/issue.hpp"

namespace seg::cli {

extern const char* const kUsageText;

// The whole file; false after "cannot read PATH" on err (a directory, a missing or unreadable file).
bool read_file(const std::string& path, std::string& text, std::ostream& err);
// `path` opened for reading; false after "cannot read PATH" on err, as read_file.
bool open_input(const std::string& path, std::ifstream& file, std::ostream& err);
// Writes the message and the usage; returns kExitUsage.
int usage_error(std::ostream& err, const std::string& message);
void write_issue_text(std::ostream& out, const Issue& issue);
// {"ok":..,"issues":[{code,path,message}]}
std::string issues_json(bool ok, const Issues& issues);

int compile(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int inspect(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace seg::cli
