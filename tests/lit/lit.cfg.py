# lit configuration for schemac's golden tests: RUN lines over .schema inputs, FileCheck
# over SQL, headers and diagnostics.
import os
import lit.formats

config.name = "schemac"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".schema", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py.in"]

# Our tools first, then LLVM's FileCheck / not / split-file / count (links to the programs
# tests/CMakeLists.txt found).
config.environment["PATH"] = os.pathsep.join(
    [config.schemac_bin_dir, config.lit_tools_dir, config.environment.get("PATH", "")])
config.substitutions.append(("%examples", os.path.join(config.schemac_source_dir, "examples")))
# Deterministic timestamps in journals.
config.environment["SOURCE_DATE_EPOCH"] = "1700000000"
# Never read a developer's DATABASE_URL.
config.environment.pop("DATABASE_URL", None)
