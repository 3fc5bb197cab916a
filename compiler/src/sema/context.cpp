#include "sema/context.h"

#include <algorithm>

namespace schemac::sema {

const ColumnInfo* TableInfo::findColumn(const std::string& n) const {
  std::size_t i = columnIndex.find(n);
  return i == NameIndex::npos ? nullptr : &columns[i];
}

TableInfo* Context::findTable(const std::string& n) {
  std::size_t i = tableIndex.find(n);
  return i == NameIndex::npos ? nullptr : &tables[i];
}

const EnumInfo* Context::findEnum(const std::string& n) const {
  std::size_t i = enumIndex.find(n);
  return i == NameIndex::npos ? nullptr : &enums[i];
}

namespace {

std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string closestName(const std::string& name, const std::vector<std::string>& candidates) {
  // Allow roughly one typo per three characters, so short names do not match everything.
  std::size_t best = std::max<std::size_t>(1, (name.size() + 1) / 3) + 1;
  std::string found;
  for (const std::string& c : candidates) {
    std::size_t d = editDistance(name, c);
    if (d < best) {
      best = d;
      found = c;
    }
  }
  return found;
}

std::string didYouMean(const std::string& name, const std::vector<std::string>& candidates) {
  std::string c = closestName(name, candidates);
  return c.empty() ? "" : " (did you mean '" + c + "'?)";
}

std::vector<std::string> columnNames(const TableInfo& t) {
  std::vector<std::string> out;
  for (const ColumnInfo& c : t.columns) out.push_back(c.decl->name.name);
  return out;
}

const ColumnInfo* lookupColumn(Context& ctx, const TableInfo& t, const ast::Ident& id) {
  if (const ColumnInfo* c = t.findColumn(id.name)) return c;
  ctx.diags().error(id.range, "unknown column '" + id.name + "' in table '" + t.name() + "'" +
                                  didYouMean(id.name, columnNames(t)));
  return nullptr;
}

}  // namespace schemac::sema
