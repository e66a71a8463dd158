#!/usr/bin/env node
// Committed entry point, so npm can link the binary before the TypeScript build has run.
import { runCli } from '../dist/run-cli.js';

await runCli(process.argv);
