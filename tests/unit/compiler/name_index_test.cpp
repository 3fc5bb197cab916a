// sema's NameIndex: the sorted array of name views that replaced std::map for tables,
// columns and enum values. It must answer as std::map::try_emplace did (the first definition
// of a name wins) and iterate in the same order (did-you-mean suggestions depend on it).
#include "sema/name_index.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace schemac::sema {
namespace {

TEST(NameIndex, FirstDefinitionWinsAndAbsentNamesAreNotFound) {
  std::vector<std::string> names = {"b", "a", "b", "ab", "", "a", "b"};
  NameIndex index;
  for (std::size_t i = 0; i < names.size(); ++i) index.add(names[i], i);
  index.seal();
  EXPECT_EQ(index.find("b"), 0u);
  EXPECT_EQ(index.find("a"), 1u);
  EXPECT_EQ(index.find("ab"), 3u);
  EXPECT_EQ(index.find(""), 4u);
  EXPECT_EQ(index.find("c"), NameIndex::npos);
  EXPECT_EQ(index.find("aa"), NameIndex::npos);
  EXPECT_FALSE(index.contains("B"));  // names are case-sensitive
  EXPECT_TRUE(index.contains("ab"));
}

TEST(NameIndex, AgreesWithStdMapOnFindAndOrder) {
  // Many names with shared prefixes, repeats and bytes above 0x7f (UTF-8 names).
  std::vector<std::string> names;
  for (int i = 0; i < 300; ++i) {
    names.push_back("t" + std::to_string(i % 170));
    names.push_back(i % 3 ? "\xc3\xa9t" + std::to_string(i % 7) : "T" + std::to_string(i));
  }
  NameIndex index;
  std::map<std::string, std::size_t> reference;
  for (std::size_t i = 0; i < names.size(); ++i) {
    index.add(names[i], i);
    reference.try_emplace(names[i], i);
  }
  index.seal();
  std::vector<std::pair<std::string, std::size_t>> iterated;
  for (const auto& [n, i] : index) iterated.emplace_back(n, i);
  EXPECT_EQ(iterated,
            (std::vector<std::pair<std::string, std::size_t>>(reference.begin(), reference.end())));
  for (const std::string& n : names) EXPECT_EQ(index.find(n), reference.at(n)) << n;
}

TEST(NameIndex, EmptyIndexFindsNothing) {
  NameIndex index;
  index.seal();
  EXPECT_EQ(index.find("a"), NameIndex::npos);
  EXPECT_EQ(index.begin(), index.end());
}

}  // namespace
}  // namespace schemac::sema
