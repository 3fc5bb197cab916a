// The page as served: index.html with studio.css and the scripts it names inlined, so the
// browser needs one request (not eight) before it can draw. Built once from the embedded
// assets (studio/assets/, still the one source), with the CSP hashes that allow exactly
// these inline blocks.
#pragma once

#include <string>
#include <string_view>

namespace schemac::studio {

struct Page {
  std::string head;  // the document up to where the boot data goes (just before the script)
  std::string tail;  // the inline script and the rest
  std::string csp;   // Content-Security-Policy with the script's and the style's sha256
};

const Page& page();

// The boot data block for `data` (JSON text): a non-executed <script type="application/json">,
// so the CSP's script hash does not have to cover it. "</" is escaped so the JSON cannot end
// the element.
std::string bootBlock(std::string_view jsonText);

}  // namespace schemac::studio
