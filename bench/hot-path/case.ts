/**
 * Runs ONE hot-path case in this process (a fresh heap and JIT per case) and prints its timings:
 *
 *   node --import tsx bench/hot-path/case.ts <case> [--calls 200000] [--warmup 20000] [--seed 7]
 */
import { parseArgs } from 'node:util';
import { runWithContext } from '../../shipper/context/correlation-context.ts';
import { reportAndExit } from '../shared/run-child.ts';
import { CASES } from './cases.ts';
import { hotPathInputs } from './hot-path-inputs.ts';
import { timeCalls, type CallTimes } from './time-calls.ts';

export interface CaseResult extends CallTimes {
  readonly name: string;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    calls: { type: 'string', default: '200000' },
    warmup: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '7' },
  },
});
const name = positionals[0] ?? '';
const hotPathCase = CASES[name];
if (!hotPathCase) {
  process.stderr.write(`usage: case.ts <${Object.keys(CASES).join('|')}> [--calls N] [--warmup N]\n`);
  process.exit(2);
}
const inputs = hotPathInputs(Number(values.seed));
const prepared = await hotPathCase.setup(inputs);
const warmup = Number(values.warmup);
// Inside a sync run's context, as the calls of a real sync run are.
const times = runWithContext(inputs.context, () => {
  timeCalls(prepared, warmup);
  return timeCalls(prepared, Number(values.calls), warmup);
});
reportAndExit({ name, ...times } satisfies CaseResult);
