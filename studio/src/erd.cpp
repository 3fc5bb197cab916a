#include "schemac/studio/erd.h"

#include <algorithm>
#include <set>

#include "schemac/codegen/printer.h"

namespace schemac::studio {
namespace {

// Text inside a Graphviz HTML-like label.
std::string htmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A DOT double-quoted ID.
std::string dotId(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool inForeignKey(const ir::Table& t, const std::string& column) {
  return std::any_of(t.foreignKeys.begin(), t.foreignKeys.end(), [&](const ir::ForeignKey& fk) {
    return std::find(fk.columns.begin(), fk.columns.end(), column) != fk.columns.end();
  });
}

bool singleColumnUnique(const ir::Table& t, const std::string& column) {
  return std::any_of(t.indexes.begin(), t.indexes.end(), [&](const ir::Index& ix) {
    return ix.unique && !ix.where && ix.columns.size() == 1 && ix.columns[0].column == column;
  });
}

bool inPrimaryKey(const ir::Table& t, const std::string& column) {
  return std::find(t.primaryKey.begin(), t.primaryKey.end(), column) != t.primaryKey.end();
}

// "PK", "FK", "PK FK", "UQ" or "".
std::string keyMarks(const ir::Table& t, const std::string& column) {
  std::string marks;
  if (inPrimaryKey(t, column)) marks = "PK";
  if (inForeignKey(t, column)) marks += marks.empty() ? "FK" : " FK";
  if (marks.empty() && singleColumnUnique(t, column)) marks = "UQ";
  return marks;
}

int columnIndex(const ir::Table& t, const std::string& column) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].name == column) return static_cast<int>(i);
  }
  return -1;
}

std::string actionsLabel(const ir::ForeignKey& fk) {
  std::string label;
  if (fk.onDelete != ir::FkAction::NoAction) {
    label = std::string("on delete ") + ir::fkActionName(fk.onDelete);
  }
  if (fk.onUpdate != ir::FkAction::NoAction) {
    if (!label.empty()) label += ", ";
    label += std::string("on update ") + ir::fkActionName(fk.onUpdate);
  }
  return label;
}

// Mermaid identifiers: letters, digits, '_' and '-'.
std::string mermaidName(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    out += ok ? c : '_';
  }
  return out.empty() ? "_" : out;
}

// Mermaid attribute types allow word characters, '-', '(' and ')': "decimal(12,2)" keeps its
// parentheses, loses its spaces, and the comma becomes '-'.
std::string mermaidType(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ') continue;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '(' || c == ')';
    out += ok ? c : '-';
  }
  return out.empty() ? "unknown" : out;
}

std::string mermaidString(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '"' ? '\'' : c;
  return out;
}

}  // namespace

std::string erdDot(const ir::Schema& schema) {
  codegen::Printer p;
  p.emit(R"(
    digraph schema {
      graph [rankdir=LR, fontname="Helvetica", nodesep=0.4, ranksep=0.9, bgcolor="white"];
      node [shape=plaintext, fontname="Helvetica", fontsize=10];
      edge [fontname="Helvetica", fontsize=9, color="#4a5a78", fontcolor="#4a5a78", arrowhead=crow, arrowtail=none];
  )");
  {
    auto in = p.withIndent();
    for (const ir::Table& t : schema.tables) {
      p.emit({{"id", dotId(t.name)}, {"name", htmlEscape(t.name)}}, R"(
        $id$ [label=<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">
          <TR><TD COLSPAN="3" BGCOLOR="#dbe5f7"><B>$name$</B></TD></TR>
      )");
      {
        auto rows = p.withIndent();
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
          const ir::Column& c = t.columns[i];
          std::string type = ir::typeToString(c.type) + (c.nullable ? "?" : "");
          p.emit({{"port", "c" + std::to_string(i)},
                  {"keys", htmlEscape(keyMarks(t, c.name))},
                  {"name", htmlEscape(c.name)},
                  {"type", htmlEscape(type)}},
                 "<TR><TD ALIGN=\"LEFT\">$keys$</TD><TD ALIGN=\"LEFT\" PORT=\"$port$\">$name$</TD>"
                 "<TD ALIGN=\"LEFT\"><FONT COLOR=\"#555555\">$type$</FONT></TD></TR>\n");
        }
      }
      p.emit("</TABLE>>];\n");
    }
    for (const ir::Table& t : schema.tables) {
      for (const ir::ForeignKey& fk : t.foreignKeys) {
        const ir::Table* ref = schema.findTable(fk.refTable);
        int from = fk.columns.empty() ? -1 : columnIndex(t, fk.columns.front());
        int to = (ref && !fk.refColumns.empty()) ? columnIndex(*ref, fk.refColumns.front()) : -1;
        std::string tail = dotId(t.name) + (from >= 0 ? ":c" + std::to_string(from) : "");
        std::string head = dotId(fk.refTable) + (to >= 0 ? ":c" + std::to_string(to) : "");
        p.emit({{"tail", tail},
                {"head", head},
                {"label", dotId(actionsLabel(fk))},
                {"tip", dotId(fk.name)}},
               "$tail$ -> $head$ [label=$label$, tooltip=$tip$, dir=back];\n");
      }
    }
  }
  p.emit("}\n");
  return p.take();
}

std::string erdMermaid(const ir::Schema& schema) {
  codegen::Printer p;
  p.emit("erDiagram\n");
  auto in = p.withIndent();
  for (const ir::Table& t : schema.tables) {
    p.emit({{"name", mermaidName(t.name)}}, "$name$ {\n");
    {
      auto cols = p.withIndent();
      for (const ir::Column& c : t.columns) {
        std::string keys;
        if (inPrimaryKey(t, c.name)) keys = "PK";
        if (inForeignKey(t, c.name)) keys += keys.empty() ? "FK" : ", FK";
        if (keys.empty() && singleColumnUnique(t, c.name)) keys = "UK";
        std::string line = mermaidType(ir::typeToString(c.type)) + " " + mermaidName(c.name);
        if (!keys.empty()) line += " " + keys;
        if (c.nullable) line += " \"nullable\"";
        p.emit({{"line", line}}, "$line$\n");
      }
    }
    p.emit("}\n");
  }
  for (const ir::Table& t : schema.tables) {
    for (const ir::ForeignKey& fk : t.foreignKeys) {
      bool optional = std::any_of(fk.columns.begin(), fk.columns.end(), [&](const std::string& n) {
        const ir::Column* c = t.findColumn(n);
        return c && c->nullable;
      });
      std::string cols;
      for (const std::string& c : fk.columns) cols += (cols.empty() ? "" : ", ") + c;
      std::string label = cols;
      if (std::string actions = actionsLabel(fk); !actions.empty()) label += " (" + actions + ")";
      p.emit({{"parent", mermaidName(fk.refTable)},
              {"child", mermaidName(t.name)},
              {"card", optional ? "|o--o{" : "||--o{"},
              {"label", mermaidString(label)}},
             "$parent$ $card$ $child$ : \"$label$\"\n");
    }
  }
  return p.take();
}

std::string erdSvg(const ir::Schema& schema) { return renderDotToSvg(erdDot(schema)); }

}  // namespace schemac::studio
