// Linked into a portable schemac only (the static ANTLR runtime, SCHEMAC_PORTABLE). The
// runtime's XPath (tree pattern queries, which schemac never runs) is pulled into the link by
// Parser -> ParseTreePattern -> XPath, and XPath needs XPathLexer's constructor and destructor.
// The archive member that defines them, XPathLexer.cpp.o, also deserialises XPathLexer's ATN
// in a static initialiser: a quarter of the instructions of `schemac --version`
// (docs/building.md, "Start-up"). Defining the two symbols here keeps that member out of the
// link. They are defined by their mangled names (a C++ definition would reference
// XPathLexer's vtable, which lives in that same member). Never called: XPath is unused. Should
// a later ANTLR runtime need more of XPathLexer, the link fails on duplicate symbols.
#include <cstdio>
#include <cstdlib>

namespace {
[[noreturn]] void xpathUnavailable() {
  std::fputs("schemac: internal error: ANTLR's XPath is not linked into this build\n", stderr);
  std::abort();
}
}  // namespace

extern "C" {
// XPathLexer::XPathLexer(antlr4::CharStream*)
[[noreturn]] void _ZN10XPathLexerC1EPN6antlr410CharStreamE(void*, void*) { xpathUnavailable(); }
// XPathLexer::~XPathLexer()
[[noreturn]] void _ZN10XPathLexerD1Ev(void*) { xpathUnavailable(); }
}
