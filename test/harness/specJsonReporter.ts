// A mocha reporter that prints the usual spec output and also writes a JSON report (one record
// per test, plus failed hooks) to the file named by the `output` reporter option or by
// $RETRAC_TEST_REPORT. Used by the unit and UI tests in Node (`--reporter
// out/test/harness/specJsonReporter.js --reporter-option output=<file>`) and by the integration
// runner inside VS Code. test-all.mjs reads the counts from these files.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

interface TestRecord {
  title: string;
  fullTitle: string;
  file: string | undefined;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number | undefined;
  error?: { message: string; stack: string | undefined };
}

interface TestReport {
  stats: { passed: number; failed: number; pending: number; durationMs: number };
  tests: TestRecord[];
}

class SpecJsonReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const reporterOptions = (options?.reporterOptions ?? {}) as { output?: string };
    const output = reporterOptions.output ?? process.env.RETRAC_TEST_REPORT;
    const started = Date.now();
    const tests: TestRecord[] = [];
    const record = (test: Mocha.Runnable, state: TestRecord['state'], err?: Error): void => {
      tests.push({
        title: test.title,
        fullTitle: test.fullTitle(),
        file: test.file,
        state,
        durationMs: test.duration,
        ...(err ? { error: { message: err.message, stack: err.stack } } : {}),
      });
    };
    runner.on(EVENT_TEST_PASS, (test) => record(test, 'passed'));
    // Also fires for failed hooks: those count as failures, like mocha's own summary does.
    runner.on(EVENT_TEST_FAIL, (test, err: Error) => record(test, 'failed', err));
    runner.on(EVENT_TEST_PENDING, (test) => record(test, 'pending'));
    runner.once(EVENT_RUN_END, () => {
      if (!output) return;
      const count = (state: TestRecord['state']): number => tests.filter((t) => t.state === state).length;
      const report: TestReport = {
        stats: { passed: count('passed'), failed: count('failed'), pending: count('pending'), durationMs: Date.now() - started },
        tests,
      };
      fs.mkdirSync(path.dirname(output), { recursive: true });
      fs.writeFileSync(output, JSON.stringify(report, null, 2));
    });
  }
}

// mocha loads a reporter given by path with a plain require(): export the class itself.
// eslint-disable-next-line @typescript-eslint/no-namespace
namespace SpecJsonReporter {
  export type Record = TestRecord;
  export type Report = TestReport;
}
export = SpecJsonReporter;
