#!/usr/bin/env node
// The package's command line: `news-widget import FILE` (see src/import/cli.ts).
import { main } from '../dist/lib/import/cli.js';

process.exitCode = await main(process.argv.slice(2));
