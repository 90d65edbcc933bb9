/**
 * Loaded into the bot's own process by bench/catalog.ts (`--import`): once a second, prints the longest time the
 * event loop was blocked in that second, found by a 5 ms timer's lateness, and the longest garbage-collection
 * pause in it (`event-loop-block <epoch ms> <block ms> <gc ms>`), so a block can be told from a collection.
 * The timers are unref'd: they never keep the bot alive.
 */
import { PerformanceObserver } from 'node:perf_hooks';

const TICK_MS = 5;
let last = performance.now();
let longest = 0;
let longestGc = 0;
setInterval(() => {
  const now = performance.now();
  longest = Math.max(longest, now - last - TICK_MS);
  last = now;
}, TICK_MS).unref();
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
}).observe({ entryTypes: ['gc'] });
setInterval(() => {
  process.stdout.write(`event-loop-block ${Date.now()} ${longest.toFixed(1)} ${longestGc.toFixed(1)}\n`);
  longest = 0;
  longestGc = 0;
}, 1000).unref();
