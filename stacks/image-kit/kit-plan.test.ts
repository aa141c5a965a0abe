import { describe, expect, it } from 'vitest';
import { kitVersions } from '../images.js';
import { substituteVersions } from './kit-plan.js';

describe('substituteVersions', () => {
  it('fills ${name} from the pinned versions and rejects unknown names', () => {
    expect(substituteVersions('org.apache.kafka:kafka_2.13:${kafka4}', 'm.json')).toBe(`org.apache.kafka:kafka_2.13:${kitVersions.kafka4}`);
    expect(() => substituteVersions('${nope}', 'm.json')).toThrow(/m.json: unknown version placeholder/);
  });
});
