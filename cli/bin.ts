#!/usr/bin/env node
import { main } from './main.js';

// Ryuk (testcontainers' reaper) needs a registry image and would remove a detached sandbox when the
// CLI exits; kafka-sandbox removes its containers itself, by label (down, Ctrl-C, failed start).
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';

main().then((code) => process.exit(code));
