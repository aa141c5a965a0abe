/**
 * Dotted paths into record values, where `[]` steps into every element of an array:
 * `user_id`, `data.product_id`, `order_data.items[].product_id`.
 */

/** Every value at `path` (none when a step is missing, several through `[]`). */
export function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const raw of path.split('.')) {
    const each = raw.endsWith('[]');
    const name = each ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const item of current) {
      if (item === null || typeof item !== 'object') continue;
      const child = (item as Record<string, unknown>)[name];
      if (child === undefined) continue;
      if (each) {
        if (Array.isArray(child)) next.push(...child);
      } else next.push(child);
    }
    current = next;
  }
  return current;
}

/** Sets the first value at `path` in place; returns false when the path does not exist. */
export function setFirstAt(value: Record<string, unknown>, path: string, replacement: unknown): boolean {
  const steps = path.split('.');
  let current: unknown = value;
  for (let i = 0; i < steps.length; i++) {
    const raw = steps[i] as string;
    const each = raw.endsWith('[]');
    const name = each ? raw.slice(0, -2) : raw;
    if (current === null || typeof current !== 'object') return false;
    const holder = current as Record<string, unknown>;
    if (i === steps.length - 1 && !each) {
      if (holder[name] === undefined) return false;
      holder[name] = replacement;
      return true;
    }
    const child = holder[name];
    current = each ? (Array.isArray(child) ? child[0] : undefined) : child;
  }
  return false;
}
