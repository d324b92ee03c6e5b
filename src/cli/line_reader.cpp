#include "cli/line_reader.hpp"

#include <cstring>

namespace seg::cli {
namespace {
constexpr std::size_t kBlockBytes = 1 << 20;
}

bool LineReader::refill() {
  if (eof_) return false;
  buffer_.erase(0, begin_);  // keep the partial line at the front
  begin_ = 0;
  const std::size_t kept = buffer_.size();
  buffer_.resize(kept + kBlockBytes);
  in_.read(&buffer_[kept], static_cast<std::streamsize>(kBlockBytes));
  const auto got = static_cast<std::size_t>(in_.gcount());
  buffer_.resize(kept + got);
  if (got == 0) eof_ = true;
  return got != 0;
}

bool LineReader::next(std::string_view& line) {
  too_long_ = false;
  std::size_t searched = begin_;  // bytes before this offset hold no newline
  for (;;) {
    const auto* newline = static_cast<const char*>(
        std::memchr(buffer_.data() + searched, '\n', buffer_.size() - searched));
    if (newline != nullptr) {
      const auto end = static_cast<std::size_t>(newline - buffer_.data());
      line = too_long_ ? std::string_view() : std::string_view(buffer_.data() + begin_, end - begin_);
      begin_ = end + 1;
      return true;
    }
    if (buffer_.size() - begin_ > max_line_) {
      too_long_ = true;  // drop what is held of it and keep looking for its end
      begin_ = buffer_.size();
    }
    const std::size_t unread = buffer_.size() - begin_;
    if (!refill()) break;
    searched = unread;  // refill moved the unread part to the front
  }
  if (begin_ < buffer_.size() || too_long_) {
    line = too_long_ ? std::string_view() : std::string_view(buffer_.data() + begin_, buffer_.size() - begin_);
    begin_ = buffer_.size();
    return true;
  }
  return false;
}

}  // namespace seg::cli
