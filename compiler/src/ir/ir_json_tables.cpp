// Canonical schema text cut into tables (schemac/ir_json_tables.h). The layout relied on, as
// nlohmann's dump(2) and the fast writer write it:
//   {\n  "doc": ...,\n  "enums": [...],\n  "namespace": ...,\n  "tables": [\n    {\n ...
//   \n    },\n    {\n ... \n    }\n  ]\n}\n
// A line of a table's members is indented by six spaces or more, and strings hold no raw
// newline, so "\n    }" can only close a table, and "\n      \"name\": " only be its name.
// Nested in a snapshot, every line but the first has `base` (2) more spaces.
#include "schemac/ir_json_tables.h"

#include <string>

#include "ir_json_internal.h"

namespace schemac::ir {

bool splitCanonicalTables(std::string_view json, int base, Schema* rest,
                          std::vector<TableText>* tables) {
  if (json.ends_with('\n')) json.remove_suffix(1);
  const std::string pad = "\n" + std::string(static_cast<std::size_t>(base), ' ');
  const std::string kTablesKey = pad + "  \"tables\": [";
  const std::string kEnd = pad + "}";
  const std::string kOpen = pad + "    {";
  const std::string kClose = pad + "    }";
  const std::string kNameKey = pad + "      \"name\": \"";
  const std::string kArrayEnd = pad + "  ]";
  tables->clear();
  const std::size_t key = json.find(kTablesKey);
  if (key == std::string_view::npos) return false;
  const std::size_t array = key + kTablesKey.size() - 1;  // at the `[`
  std::size_t pos = array + 1;
  if (json.substr(pos, 1) == "]") {
    ++pos;
  } else {
    for (;;) {
      if (json.substr(pos, kOpen.size()) != kOpen) return false;
      const std::size_t start = pos + kOpen.size() - 1;  // at the `{`
      const std::size_t close = json.find(kClose, start);
      if (close == std::string_view::npos) return false;
      const std::size_t end = close + kClose.size();
      std::string_view text = json.substr(start, end - start);
      const std::size_t n = text.find(kNameKey);
      if (n == std::string_view::npos) return false;
      const std::size_t nameStart = n + kNameKey.size();
      const std::size_t quote = text.find('"', nameStart);
      if (quote == std::string_view::npos) return false;
      std::string_view name = text.substr(nameStart, quote - nameStart);
      if (name.find('\\') != std::string_view::npos) return false;  // escapes: read it whole
      tables->push_back({name, text});
      pos = end;
      if (json.substr(pos, 2) == ",\n") {
        ++pos;  // onto the newline kOpen starts with
        continue;
      }
      if (json.substr(pos, kArrayEnd.size()) != kArrayEnd) return false;
      pos += kArrayEnd.size();
      break;
    }
  }
  if (json.substr(pos) != kEnd) return false;
  // The rest with an empty `tables`: a few hundred bytes.
  std::string head(json.substr(0, array));
  head += "[]\n}";
  Schema s;
  if (!detail::fastFromJson(head, &s)) return false;
  *rest = std::move(s);
  return true;
}

bool tableFromJson(std::string_view text, Table* out) {
  return detail::fastTableFromJson(text, out);
}

bool sameTableJson(const Table& t, std::string_view text, int base, std::string* scratch) {
  return detail::fastTableJsonEquals(t, text, base, scratch);
}

void sameTablesJson(const std::vector<const Table*>& tables,
                    const std::vector<std::string_view>& texts, int base, std::vector<char>* same) {
  detail::fastTablesJsonEqual(tables, texts, base, same);
}

}  // namespace schemac::ir
