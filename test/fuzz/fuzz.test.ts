// A short fuzz run on every `npm test`: each engine and grammar property with a few hundred cases.
// `npm run fuzz` runs the same properties with ≥ 100k cases and records the figures.
import { test } from 'node:test';
import { ENGINE_PROPERTIES } from './engine-properties.ts';
import { GRAMMAR_PROPERTIES } from './grammar-properties.ts';
import { HOSTILE_PROPERTIES } from './hostile-properties.ts';

const SHORT_RUNS = 150;

for (const p of [...ENGINE_PROPERTIES, ...GRAMMAR_PROPERTIES, ...HOSTILE_PROPERTIES]) {
  test(p.name, () => {
    p.run(SHORT_RUNS * p.weight);
  });
}
