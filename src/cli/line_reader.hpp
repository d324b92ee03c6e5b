// Reads a stream line by line in large blocks: std::getline costs more than parsing a line.
#pragma once
#include <istream>
#include <string>
#include <string_view>

namespace seg::cli {

class LineReader {
 public:
  LineReader(std::istream& in, std::size_t max_line_bytes) : in_(in), max_line_(max_line_bytes) {}

  // The next line without its "\n" (a final line without one counts too); false at the end.
  // The view stays valid until the next call. A line longer than max_line_bytes is skipped
  // without being held in memory: it comes back empty, with too_long() true.
  bool next(std::string_view& line);
  bool too_long() const { return too_long_; }

 private:
  bool refill();

  std::istream& in_;
  const std::size_t max_line_;
  std::string buffer_;
  std::size_t begin_ = 0;  // start of the unread part of buffer_
  bool eof_ = false;
  bool too_long_ = false;
};

}  // namespace seg::cli
