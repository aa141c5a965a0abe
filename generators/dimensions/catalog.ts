import type { Faker } from '@faker-js/faker';
import type { DimensionTable } from '../core/dimension-table.js';
import type { Prng } from '../core/prng.js';

export type ProductRow = {
  readonly product_id: string;
  readonly name: string;
  readonly category: string;
  readonly price: number;
};

export type UrlRow = {
  readonly url: string;
  readonly url_category: UrlCategory;
};

export type UrlCategory = 'home' | 'category-page' | 'product-page' | 'cart' | 'checkout' | 'search' | 'blog';

/** The shop: products, and every URL of the site grouped the way sessions navigate it. */
export interface Catalog {
  readonly products: DimensionTable & { readonly rows: readonly ProductRow[] };
  readonly urls: DimensionTable & { readonly rows: readonly UrlRow[] };
  readonly categories: readonly string[];
  readonly categoryUrls: readonly string[];
  /** Product page URLs per category index (same order as `categories`). */
  readonly productUrlsByCategory: ReadonlyArray<readonly string[]>;
  readonly productUrls: readonly string[];
  readonly searchUrls: readonly string[];
  readonly blogUrls: readonly string[];
}

export const CATEGORIES = [
  'electronics', 'books', 'home-kitchen', 'toys', 'sports', 'beauty', 'fashion', 'garden', 'grocery', 'music', 'pets', 'automotive',
] as const;

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * `productCount` products spread over twelve categories with log-uniform prices (3 to 800), plus
 * the site's URLs: home, one page per category and product, cart, checkout, 40 searches, 30 blog
 * posts. Faker runs here once; sessions then pick from these pools.
 */
export function buildCatalog(productCount: number, faker: Faker, prng: Prng): Catalog {
  const products: ProductRow[] = [];
  const productUrlsByCategory: string[][] = CATEGORIES.map(() => []);
  const productUrls: string[] = [];
  for (let i = 1; i <= productCount; i++) {
    const categoryIndex = prng.int(0, CATEGORIES.length - 1);
    const name = faker.commerce.productName();
    const product_id = `p-${String(i).padStart(5, '0')}`;
    const price = Math.round(Math.exp(prng.between(Math.log(3), Math.log(800))) * 100) / 100;
    products.push({ product_id, name, category: CATEGORIES[categoryIndex] as string, price });
    const url = `/p/${slug(name)}-${i}`;
    productUrls.push(url);
    productUrlsByCategory[categoryIndex]!.push(url);
  }
  const categoryUrls = CATEGORIES.map((c) => `/c/${c}`);
  const terms = new Set<string>();
  while (terms.size < 40) terms.add(`${faker.commerce.productAdjective()} ${faker.commerce.product()}`.toLowerCase());
  const searchUrls = [...terms].map((term) => `/search?q=${encodeURIComponent(term).replaceAll('%20', '+')}`);
  const posts = new Set<string>();
  while (posts.size < 30) posts.add(`/blog/${slug(faker.lorem.words(3))}`);
  const blogUrls = [...posts];

  const urlRows: UrlRow[] = [
    { url: '/', url_category: 'home' },
    ...categoryUrls.map((url) => ({ url, url_category: 'category-page' as const })),
    ...productUrls.map((url) => ({ url, url_category: 'product-page' as const })),
    { url: '/cart', url_category: 'cart' },
    { url: '/checkout', url_category: 'checkout' },
    ...searchUrls.map((url) => ({ url, url_category: 'search' as const })),
    ...blogUrls.map((url) => ({ url, url_category: 'blog' as const })),
  ];
  return {
    products: {
      name: 'products',
      primaryKey: 'product_id',
      columns: [
        { name: 'product_id', type: 'text' },
        { name: 'name', type: 'text' },
        { name: 'category', type: 'text' },
        { name: 'price', type: 'numeric(12,2)' },
      ],
      rows: products,
    },
    urls: {
      name: 'urls',
      primaryKey: 'url',
      columns: [
        { name: 'url', type: 'text' },
        { name: 'url_category', type: 'text' },
      ],
      rows: urlRows,
    },
    categories: CATEGORIES,
    categoryUrls,
    productUrlsByCategory,
    productUrls,
    searchUrls,
    blogUrls,
  };
}
