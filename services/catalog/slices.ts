/**
 * Long work on the event loop in steps: between steps, requests that arrived meanwhile are answered
 * (POST /api/match during an import). A step ends after `budgetMs`, so a slow machine takes smaller steps.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `steps` (a generator that yields between small pieces of work) to its end, `budgetMs` at a time. */
export async function inSteps(steps: Iterator<unknown>, budgetMs = 10): Promise<void> {
  for (;;) {
    const started = performance.now();
    do if (steps.next().done) return;
    while (performance.now() - started < budgetMs);
    await yieldToEventLoop();
  }
}

export async function inTimedSteps<T>(items: readonly T[], work: (item: T, index: number) => void, budgetMs = 10): Promise<void> {
  await inSteps(
    (function* () {
      for (let i = 0; i < items.length; i++) yield work(items[i]!, i);
    })(),
    budgetMs,
  );
}
