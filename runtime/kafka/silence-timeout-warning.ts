/**
 * kafkajs 2.2.4 schedules `setTimeout(fn, throttledUntil - Date.now())` with throttledUntil = -1,
 * which Node >= 24 reports as a TimeoutNegativeWarning on every run (tulios/kafkajs#1751, unfixed
 * upstream). The timer behaves as 1 ms either way; only that one warning is dropped.
 */
export function silenceKafkajsTimeoutWarning(): void {
  const original = process.emitWarning;
  if ((original as { kafkaSandboxPatched?: boolean }).kafkaSandboxPatched) return;
  const patched = ((warning: string | Error, ...rest: unknown[]) => {
    const name = typeof warning === 'string' ? (typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type) : warning.name;
    if (name === 'TimeoutNegativeWarning') return;
    (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  (patched as { kafkaSandboxPatched?: boolean }).kafkaSandboxPatched = true;
  process.emitWarning = patched;
}
