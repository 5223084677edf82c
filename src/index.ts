#!/usr/bin/env bun
// Entry point: runs the cco command line and sets the exit code (no top-level await: --bytecode needs CommonJS output).
import { runCli } from './cli/run.ts';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
