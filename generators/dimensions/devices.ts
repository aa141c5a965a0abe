import type { DimensionTable } from '../core/dimension-table.js';
import type { Prng } from '../core/prng.js';
import { WeightedPicker } from '../core/weighted-picker.js';

export type DeviceRow = {
  readonly device_id: string;
  readonly device_type: string;
  readonly os: string;
  readonly browser: string;
};

export interface Devices {
  readonly table: DimensionTable & { readonly rows: readonly DeviceRow[] };
  /** The devices of each user (index = user_id - 1): one to three, a session uses one of them. */
  readonly byUser: ReadonlyArray<readonly string[]>;
}

const TYPES = WeightedPicker.fromRecord({ iPhone: 35, 'Android phone': 33, tablet: 10, desktop: 22 });
const OS: Readonly<Record<string, WeightedPicker<string>>> = {
  iPhone: WeightedPicker.fromRecord({ 'iOS 18': 70, 'iOS 17': 30 }),
  'Android phone': WeightedPicker.fromRecord({ 'Android 15': 40, 'Android 14': 40, 'Android 13': 20 }),
  tablet: WeightedPicker.fromRecord({ 'iPadOS 18': 55, 'iPadOS 17': 15, 'Android 14': 30 }),
  desktop: WeightedPicker.fromRecord({ 'Windows 11': 45, 'macOS 15': 30, 'Windows 10': 15, 'Ubuntu 24.04': 10 }),
};
const BROWSERS = {
  apple: WeightedPicker.fromRecord({ Safari: 80, Chrome: 16, Firefox: 4 }),
  android: WeightedPicker.fromRecord({ Chrome: 76, 'Samsung Internet': 19, Firefox: 5 }),
  windows: WeightedPicker.fromRecord({ Chrome: 66, Edge: 24, Firefox: 10 }),
  linux: WeightedPicker.fromRecord({ Firefox: 55, Chrome: 45 }),
};
const DEVICES_PER_USER = WeightedPicker.fromRecord({ 1: 55, 2: 35, 3: 10 });

function browserFor(os: string, prng: Prng): string {
  if (/^(iOS|iPadOS|macOS)/.test(os)) return BROWSERS.apple.pick(prng);
  if (os.startsWith('Android')) return BROWSERS.android.pick(prng);
  if (os.startsWith('Windows')) return BROWSERS.windows.pick(prng);
  return BROWSERS.linux.pick(prng);
}

/** One to three devices per user, with an OS and browser that fit the device type. */
export function buildDevices(userCount: number, prng: Prng): Devices {
  const rows: DeviceRow[] = [];
  const byUser: string[][] = [];
  const seen = new Set<string>();
  for (let u = 0; u < userCount; u++) {
    const own: string[] = [];
    const n = Number(DEVICES_PER_USER.pick(prng));
    for (let i = 0; i < n; i++) {
      let id: string;
      do id = `d-${prng.hex(10)}`;
      while (seen.has(id));
      seen.add(id);
      const type = TYPES.pick(prng);
      const os = (OS[type] as WeightedPicker<string>).pick(prng);
      rows.push({ device_id: id, device_type: type, os, browser: browserFor(os, prng) });
      own.push(id);
    }
    byUser.push(own);
  }
  return {
    table: {
      name: 'devices',
      primaryKey: 'device_id',
      columns: [
        { name: 'device_id', type: 'text' },
        { name: 'device_type', type: 'text' },
        { name: 'os', type: 'text' },
        { name: 'browser', type: 'text' },
      ],
      rows,
    },
    byUser,
  };
}
