// A stable insertion sort for the engine's short, nearly sorted lists (candidates of a slot,
// buckets and step hits read from saved state). std::stable_sort would be faster on long lists
// but adds kilobytes of merge code per comparator to the WASM download.
#pragma once
#include <utility>
#include <vector>

namespace seg {

template <typename T, typename Less>
void small_stable_sort(std::vector<T>& items, Less less) {
  for (std::size_t i = 1; i < items.size(); ++i) {
    T item = std::move(items[i]);
    std::size_t j = i;
    while (j > 0 && less(item, items[j - 1])) {
      items[j] = std::move(items[j - 1]);
      --j;
    }
    items[j] = std::move(item);
  }
}

}  // namespace seg
