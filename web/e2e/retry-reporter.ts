import type { Reporter, TestCase } from 'vitest/node';

// The e2e run retries a failed test once (vitest.e2e.config.ts): a browser on a busy two-core
// machine now and then misses a moment. A test that needed the retry is printed at the end with
// the error of its failed attempt, so flakes stay visible and get fixed rather than hidden.
export default class RetryReporter implements Reporter {
  private readonly retried: string[] = [];

  onTestCaseResult(test: TestCase): void {
    const d = test.diagnostic();
    if (!d || d.retryCount === 0 || test.result().state !== 'passed') return;
    const errors = test.result().errors ?? [];
    // The first lines, not only the first: an axe failure names the rule and the node on the next ones.
    const first = errors[0]?.message?.split('\n').slice(0, 8).join('\n      ') ?? '(no error kept)';
    this.retried.push(`${test.module.moduleId.replace(/^.*\/e2e\//, 'e2e/')} > ${test.fullName}: ${first}`);
  }

  onTestRunEnd(): void {
    if (this.retried.length === 0) return;
    console.log(`\nPASSED ONLY ON RETRY (${this.retried.length}), fix these:`);
    for (const line of this.retried) console.log(`  RETRIED ${line}`);
  }
}
