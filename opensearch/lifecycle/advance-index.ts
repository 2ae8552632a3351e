import { planIndex, type IndexFacts } from './lifecycle-plan.ts';
import type { IndexOutcome, LifecycleRunnerDeps } from './lifecycle-runner.ts';
import { executeStep, failedStepOf, stepRecorder } from './lifecycle-step.ts';
import { describeStepFailure } from './step-failure.ts';

/**
 * Takes one index through the steps that are due. Cold, archive and delete can all be due at once
 * (a back-filled old index): go on while steps succeed, stop at the first failure, wait or block.
 */
export async function advanceIndex(
  deps: LifecycleRunnerDeps,
  initial: IndexFacts,
  docs: number,
  coldNodes: boolean,
  dryRun: boolean,
): Promise<IndexOutcome[]> {
  const { index } = initial;
  const record = stepRecorder(deps, initial);
  const outcomes: IndexOutcome[] = [];
  let facts = initial;
  for (let step = 0; step < 3; step++) {
    const action = planIndex(facts, deps.policy, deps.now());
    if (action.kind === 'none') {
      if (step === 0)
        outcomes.push({
          index,
          action: 'none',
          outcome: 'waiting',
          ...(action.next ? { detail: `${action.next.step} from ${action.next.at.toISOString()}` } : {}),
        });
      break;
    }
    if (action.kind === 'blocked') {
      outcomes.push({ index, action: 'blocked', outcome: 'blocked', detail: action.reason });
      break;
    }
    if (dryRun) {
      outcomes.push({ index, action: action.kind, outcome: 'planned' });
      break;
    }
    try {
      facts = await executeStep(deps, action, facts, docs, coldNodes, record);
      outcomes.push({ index, action: action.kind, outcome: 'done' });
    } catch (error) {
      const message = describeStepFailure(error);
      await record(failedStepOf(action), 'failed', { error: message }).catch(() => {});
      outcomes.push({ index, action: action.kind, outcome: 'failed', detail: message });
      break;
    }
    if (action.kind === 'delete') break;
  }
  return outcomes;
}
