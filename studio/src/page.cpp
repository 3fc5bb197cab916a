#include "page.h"

#include <stdexcept>
#include <vector>

#include "assets.h"
#include "schemac/support/ascii.h"
#include "schemac/support/base64.h"
#include "schemac/support/sha256.h"

namespace schemac::studio {
namespace {

const Asset& asset(std::string_view name) {
  if (const Asset* a = findAsset(name)) return *a;
  throw std::logic_error("studio page: no embedded asset " + std::string(name));
}

std::string hashSource(std::string_view text) {
  support::Sha256 h;
  h.update(text);
  return "'sha256-" + support::base64Encode(h.finish()) + "'";
}

// Cuts `<open NAME close>` tags out of `html` (in order), returning the NAMEs; `at` is where
// the first one was.
std::vector<std::string> takeTags(std::string& html, std::string_view open, std::string_view close,
                                  std::size_t& at) {
  std::vector<std::string> names;
  at = std::string::npos;
  for (std::size_t p = html.find(open); p != std::string::npos; p = html.find(open, p)) {
    std::size_t nameStart = p + open.size();
    std::size_t end = html.find(close, nameStart);
    if (end == std::string::npos) break;
    names.push_back(html.substr(nameStart, end - nameStart));
    std::size_t cut = end + close.size();
    if (cut < html.size() && html[cut] == '\n') ++cut;
    html.erase(p, cut - p);
    if (at == std::string::npos) at = p;
  }
  return names;
}

// An inline block must not contain its own end tag (in any letter case) nor "<!--", which
// changes how a script's text is parsed: checked here rather than trusted.
void requireInlinable(std::string_view text, std::string_view endTag, const std::string& name) {
  std::string lower = support::lowerAscii(text);
  if (lower.find(endTag) != std::string::npos || lower.find("<!--") != std::string::npos) {
    throw std::logic_error("studio page: " + name + " cannot be inlined (holds " +
                           std::string(endTag) + " or <!--)");
  }
}

Page build() {
  std::string html(asset("index.html").text());
  std::size_t styleAt, scriptAt;
  std::vector<std::string> styles =
      takeTags(html, "<link rel=\"stylesheet\" href=\"/assets/", "\">", styleAt);
  std::string css;
  for (const std::string& name : styles) {
    std::string_view text = asset(name).text();
    requireInlinable(text, "</style", name);
    css.append(text);
  }
  if (!styles.empty()) html.insert(styleAt, "<style>" + css + "</style>\n");
  std::vector<std::string> scripts =
      takeTags(html, "<script src=\"/assets/", "\"></script>", scriptAt);
  if (scripts.empty()) throw std::logic_error("studio page: index.html names no script");
  // One classic script: the files shared one global scope before, they still do.
  std::string js;
  for (const std::string& name : scripts) {
    std::string_view text = asset(name).text();
    requireInlinable(text, "</script", name);
    js.append(text);
    if (!js.empty() && js.back() != '\n') js += '\n';
  }
  Page p;
  p.head = html.substr(0, scriptAt);
  p.tail = "<script>" + js + "</script>\n" + html.substr(scriptAt);
  p.csp = "default-src 'self'; script-src " + hashSource(js) + "; style-src " +
          (styles.empty() ? std::string("'none'") : hashSource(css)) +
          "; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
          "form-action 'none'; frame-ancestors 'none'";
  return p;
}

}  // namespace

const Page& page() {
  static const Page built = build();
  return built;
}

std::string bootBlock(std::string_view jsonText) {
  std::string out = "<script type=\"application/json\" id=\"studio-boot\">";
  for (std::size_t i = 0; i < jsonText.size(); ++i) {
    if (jsonText[i] == '<') {
      out += "\\u003c";  // "</script>" or "<!--" in a table name cannot end or bend the block
    } else {
      out += jsonText[i];
    }
  }
  return out + "</script>\n";
}

}  // namespace schemac::studio
