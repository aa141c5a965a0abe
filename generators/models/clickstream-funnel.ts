import { WeightedPicker } from '../core/weighted-picker.js';

/** A page kind in a browsing session. */
export type Page = 'home' | 'category' | 'product' | 'search' | 'blog' | 'cart' | 'checkout';

/**
 * The shop funnel: where sessions land, where they go next (or leave), and how long they read.
 * Weights are relative. Cart is reachable only from a product page and checkout only from the
 * cart, so every checkout follows home/search/category -> product -> cart -> checkout, and about
 * one session in twenty reaches checkout.
 */
export const ENTRY_PAGES: Readonly<Partial<Record<Page, number>>> = { home: 55, category: 12, product: 18, search: 8, blog: 7 };

export const TRANSITIONS: Readonly<Record<Page, Readonly<Partial<Record<Page | 'exit', number>>>>> = {
  home: { category: 50, search: 15, blog: 6, product: 4, exit: 25 },
  category: { product: 58, category: 10, search: 5, home: 2, exit: 25 },
  product: { cart: 22, product: 22, category: 16, search: 4, exit: 36 },
  search: { product: 55, search: 10, exit: 35 },
  blog: { product: 20, home: 15, blog: 10, exit: 55 },
  cart: { checkout: 55, product: 12, exit: 33 },
  checkout: { exit: 100 },
};

/** Think time on each page before the next click, `[min, max]` ms, log-uniform in between. */
export const THINK_TIME_MS: Readonly<Record<Page, readonly [number, number]>> = {
  home: [2_000, 10_000],
  category: [3_000, 15_000],
  product: [4_000, 40_000],
  search: [2_000, 12_000],
  blog: [10_000, 60_000],
  cart: [3_000, 20_000],
  checkout: [3_000, 10_000],
};

/** A session ends after this many page views even if the funnel would go on. */
export const MAX_PAGES_PER_SESSION = 40;

/** `event_type` of a page view, by page kind. */
export const EVENT_TYPES: Readonly<Record<Page, string>> = {
  home: 'page_view',
  category: 'page_view',
  product: 'page_view',
  blog: 'page_view',
  search: 'search',
  cart: 'add_to_cart',
  checkout: 'checkout',
};

/** Where the first page of a session came from; null is a direct visit. */
export const EXTERNAL_REFERRERS: ReadonlyArray<readonly [string | null, number]> = [
  ['https://www.google.com/', 40],
  [null, 25],
  ['https://www.facebook.com/', 8],
  ['https://mail.example.com/newsletter', 7],
  ['https://www.bing.com/', 6],
  ['https://t.co/', 5],
  ['https://www.instagram.com/', 5],
  ['https://duckduckgo.com/', 4],
];

export const entryPicker = WeightedPicker.fromRecord(ENTRY_PAGES as Record<Page, number>);
export const transitionPickers = Object.fromEntries(
  Object.entries(TRANSITIONS).map(([page, next]) => [page, WeightedPicker.fromRecord(next as Record<Page | 'exit', number>)]),
) as Record<Page, WeightedPicker<Page | 'exit'>>;
export const referrerPicker = new WeightedPicker(EXTERNAL_REFERRERS);
