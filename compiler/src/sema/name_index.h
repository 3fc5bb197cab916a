// A name -> position lookup that is filled once and then only read: one sorted array of
// views instead of a std::map node and a copy of the name per entry (sema looks up every
// table, column and enum value of the schema). The names are views into the AST, which
// outlives the sema Context.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace schemac::sema {

class NameIndex {
 public:
  using Entry = std::pair<std::string_view, std::size_t>;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  void reserve(std::size_t n) { entries_.reserve(n); }
  // Adds an entry; lookups see it after the next seal().
  void add(std::string_view name, std::size_t position) { entries_.emplace_back(name, position); }
  // Sorts by name; of entries with the same name only the first added stays (as
  // std::map::try_emplace would keep it).
  void seal() {
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const Entry& a, const Entry& b) { return a.first < b.first; });
    entries_.erase(std::unique(entries_.begin(), entries_.end(),
                               [](const Entry& a, const Entry& b) { return a.first == b.first; }),
                   entries_.end());
  }

  // The position of `name`, or npos.
  std::size_t find(std::string_view name) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                               [](const Entry& e, std::string_view n) { return e.first < n; });
    return it != entries_.end() && it->first == name ? it->second : npos;
  }
  bool contains(std::string_view name) const { return find(name) != npos; }

  // In name order (the order a std::map<std::string, ...> iterates in).
  std::vector<Entry>::const_iterator begin() const { return entries_.begin(); }
  std::vector<Entry>::const_iterator end() const { return entries_.end(); }

 private:
  std::vector<Entry> entries_;
};

}  // namespace schemac::sema
