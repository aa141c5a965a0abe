/** Shared flag handling of the benchmarks: `--help` prints the usage, a bad number exits 2. */
export function benchFlags(usage: string, help: boolean | undefined): { positive: (flag: string, text: string) => number } {
  if (help) {
    console.log(usage);
    process.exit(0);
  }
  return {
    /** `text` as a positive integer (underscores allowed), or the usage and exit code 2. */
    positive(flag, text) {
      const value = Number(text.replaceAll('_', ''));
      if (!Number.isSafeInteger(value) || value < 1) {
        console.error(`--${flag} must be a positive integer, got "${text}"\n${usage}`);
        process.exit(2);
      }
      return value;
    },
  };
}
