/**
 * What chaining costs per record: `recordHash` (own JCS + SHA-256) beside the `canonicalize`
 * package's JCS + SHA-256 and beside the JSON.stringify the shipper does anyway, on generated
 * records. `node --import tsx bench/integrity/record-hash.ts [--records N]`.
 */
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { canonicalJson } from '../../opensearch/integrity/canonical-json.ts';
import { recordHash } from '../../opensearch/integrity/record-hash.ts';
import { generateRecords } from '../../test/generator/index.ts';

const { values } = parseArgs({ options: { records: { type: 'string', default: '20000' } } });
const records = generateRecords({
  count: Number(values.records),
  seed: 1,
  from: new Date('2026-11-01'),
  to: new Date('2026-12-01'),
}) as unknown as Record<string, unknown>[];

const differing = records.filter((r) => canonicalJson(r) !== canonicalize(r)).length;
const bytes = records.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0) / records.length;
console.log(`${records.length} records, ${bytes.toFixed(0)} B each; texts differing from canonicalize: ${differing}`);

const time = (run: (r: Record<string, unknown>) => unknown) => {
  const start = process.hrtime.bigint();
  for (const r of records) run(r);
  return Number(process.hrtime.bigint() - start) / 1e3 / records.length;
};
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
for (let round = 1; round <= 5; round++) {
  const own = time(recordHash);
  const library = time((r) => sha(canonicalize(r) ?? 'null'));
  const stringify = time((r) => JSON.stringify(r));
  console.log(
    `round ${round}: recordHash ${own.toFixed(2)} µs · canonicalize+sha256 ${library.toFixed(2)} µs · JSON.stringify ${stringify.toFixed(2)} µs` +
      ` · recordHash ÷ stringify ${(own / stringify).toFixed(2)}× · ÷ canonicalize ${(own / library).toFixed(2)}×`,
  );
}
