#!/usr/bin/env node
// The `schemac` command of the npm package: runs the native schemac binary shipped for this
// platform in native/<platform>-<arch>/ with the same arguments, stdio and exit code.
// SCHEMAC_BINARY_PATH names another binary (a source build, say).
"use strict";

const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");

const SUPPORTED = ["linux-x64"];

function fail(message) {
  process.stderr.write(`schemac: error: ${message}\n`);
  process.exit(1);
}

function binaryPath() {
  if (process.env.SCHEMAC_BINARY_PATH) return process.env.SCHEMAC_BINARY_PATH;
  const platform = `${process.platform}-${process.arch}`;
  if (!SUPPORTED.includes(platform)) {
    fail(
      `the schemac npm package has no binary for ${platform} (it has: ${SUPPORTED.join(", ")}); ` +
        "build schemac from source (docs/building.md) and set SCHEMAC_BINARY_PATH to it"
    );
  }
  // The binary is built against glibc; on musl (Alpine) it cannot start at all.
  const report = process.report && process.report.getReport ? process.report.getReport() : null;
  if (report && report.header && !report.header.glibcVersionRuntime) {
    fail(
      "the schemac binary of the npm package needs glibc (this Linux uses another C library); " +
        "build schemac from source and set SCHEMAC_BINARY_PATH to it"
    );
  }
  // Linked against glibc 2.31 (docs/building.md, "Which glibc"): older ones fail to load it.
  const glibc = report && report.header && report.header.glibcVersionRuntime;
  if (glibc) {
    const [major, minor] = glibc.split(".").map(Number);
    if (major < 2 || (major === 2 && minor < 31)) {
      fail(
        `the schemac binary of the npm package needs glibc 2.31 or newer (this system has ${glibc}); ` +
          "build schemac from source and set SCHEMAC_BINARY_PATH to it"
      );
    }
  }
  const binary = path.join(__dirname, "..", "native", platform, "schemac");
  if (!fs.existsSync(binary)) fail(`the schemac binary is missing: ${binary} (reinstall the package)`);
  return binary;
}

const binary = binaryPath();
const child = spawn(binary, process.argv.slice(2), { stdio: "inherit" });
// Signals sent to this launcher (a supervisor's SIGTERM to `npx schemac studio`) reach schemac.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("error", (err) => fail(`cannot run ${binary}: ${err.message}`));
child.on("exit", (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code);
  }
});
