// Copies the CLI11 definition into the plain CliCommand model the doc writers walk.
#include <string_view>

#include "cli_docs.h"

namespace schemac::cli {
namespace {

std::vector<std::string> splitChoices(std::string_view set) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= set.size()) {
    std::size_t comma = set.find(',', start);
    if (comma == std::string_view::npos) comma = set.size();
    if (comma > start) out.emplace_back(set.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

CliOption describeOption(const CLI::Option& opt) {
  CliOption out;
  out.description = opt.get_description();
  if (opt.get_positional()) out.positional = opt.get_name(true, false);
  for (const std::string& s : opt.get_snames()) out.names.push_back("-" + s);
  for (const std::string& l : opt.get_lnames()) out.names.push_back("--" + l);
  if (opt.get_expected_max() > 0 && opt.get_type_size_max() > 0) {
    // CLI11 spells a value as TYPE or TYPE:{a,b} (IsMember) or TYPE:<validator text>.
    std::string type = opt.get_type_name();
    std::size_t colon = type.find(':');
    out.valueName = type.substr(0, colon);
    if (colon != std::string::npos && type.size() > colon + 2 && type[colon + 1] == '{' &&
        type.back() == '}')
      out.choices = splitChoices(std::string_view(type).substr(colon + 2, type.size() - colon - 3));
    if (out.valueName.empty()) out.valueName = "VALUE";
  }
  out.repeatable = opt.get_expected_max() > 1;
  return out;
}

}  // namespace

CliCommand describeCli(const CLI::App& app) {
  CliCommand out;
  out.name = app.get_name();
  out.description = app.get_description();
  // An empty group is CLI11's "hidden".
  for (const CLI::Option* opt : app.get_options())
    if (!opt->get_group().empty()) out.options.push_back(describeOption(*opt));
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (!sub->get_group().empty()) out.subcommands.push_back(describeCli(*sub));
  return out;
}

}  // namespace schemac::cli
