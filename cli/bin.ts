#!/usr/bin/env node
import { honourNoColor } from './output/color.js';
import { trackSignals } from './error-handler.js';
import { main } from './main.js';

// Ryuk (testcontainers' reaper) needs a registry image and would remove a detached sandbox when the
// CLI exits; kafka-sandbox removes its containers itself, by label (down, Ctrl-C, failed start).
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
honourNoColor();
// Ctrl-C ends with 130 and SIGTERM with 143, also when a command stopped cleanly on it.
const signals = trackSignals();

main().then((code) => process.exit(signals.exitCode(code)));
