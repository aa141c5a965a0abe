import { Faker, base, en } from '@faker-js/faker';
import { didYouMean } from '../../runtime/core/did-you-mean.js';

let probe: Faker | undefined;

/** Faker's modules (person, internet, ...), from a throwaway instance. */
function modules(): Record<string, unknown> {
  probe ??= new Faker({ locale: [en, base] });
  const result: Record<string, unknown> = {};
  for (const name of Object.keys(probe)) {
    const value = (probe as unknown as Record<string, unknown>)[name];
    if (value && typeof value === 'object' && !name.startsWith('_') && name !== 'rawDefinitions' && name !== 'definitions') result[name] = value;
  }
  return result;
}

/** Method names of a faker module object (they live on its prototype). */
function methodsOf(module: object): string[] {
  const names = new Set<string>();
  for (let proto: object | null = module; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && !name.startsWith('_') && typeof (module as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names];
}

/** Undefined when `path` (`module.method`) names a faker method, else what is wrong with it. */
export function fakerMethodProblem(path: string): string | undefined {
  const [moduleName, method, ...rest] = path.split('.');
  const all = modules();
  if (!moduleName || method === undefined || rest.length > 0) return `faker method must be written module.method, e.g. person.firstName, got "${path}"`;
  const module = all[moduleName];
  if (!module) return `unknown faker module "${moduleName}"${didYouMean(moduleName, Object.keys(all))}`;
  const methods = methodsOf(module as object);
  if (!methods.includes(method)) return `faker module "${moduleName}" has no method "${method}"${didYouMean(method, methods)}`;
  return undefined;
}

/** The bound faker method at `path` on `faker` (validated beforehand). */
export function fakerMethod(faker: Faker, path: string): (...args: unknown[]) => unknown {
  const [moduleName, method] = path.split('.') as [string, string];
  const module = (faker as unknown as Record<string, Record<string, (...args: unknown[]) => unknown>>)[moduleName]!;
  return module[method]!.bind(module);
}
