/**
 * Long work on the event loop in steps: between steps, requests that arrived meanwhile are answered
 * (POST /api/match during an import). A step ends after `budgetMs`, so a slow machine takes smaller steps.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function inTimedSteps<T>(items: readonly T[], work: (item: T, index: number) => void, budgetMs = 10): Promise<void> {
  for (let i = 0; i < items.length; ) {
    const started = performance.now();
    do work(items[i]!, i);
    while (++i < items.length && performance.now() - started < budgetMs);
    if (i < items.length) await yieldToEventLoop();
  }
}
