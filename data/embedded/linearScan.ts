import { createRequire } from 'node:module';

/**
 * The embedded server's query compiler (@zeit/cosmosdb-query 0.7.2, under @vercel/cosmosdb-server) opens
 * every query with `$c.reduce(($, c) => … [...$, { c }] …, [])`: the array is copied once per document, so a
 * query over a container of n documents costs n²/2 copies before its WHERE runs. At 10 000 delivery records
 * that alone was ~300 ms of a staff table page (1.2 s on a loaded machine); the same rows, in the same order,
 * come from one filter and one map. This rewrites just that opening in each compiled query; any other shape
 * (a JOIN, FROM x IN y) is left as the compiler made it. Results are unchanged (test/data/embedded/linearScan.test.ts).
 */
const QUADRATIC_OPENING = /\$c\.reduce\(\(\$, (\w+)\) => typeof \1 !== "undefined" \? \[\.\.\.\$, \{\s*(\w+): \1\s*\}\] : \$, \[\]\)/;

interface CompiledQuery {
  readonly code: string;
}

export function linearOpening(code: string): string {
  return code.replace(QUADRATIC_OPENING, (_all, item: string, alias: string) => `$c.filter((${item}) => typeof ${item} !== "undefined").map((${item}) => ({ ${alias}: ${item} }))`);
}

let patched = false;

/** Installs the rewrite into the compiler the embedded server uses (once per process or worker thread). */
export function useLinearScans(): void {
  if (patched) return;
  const fromServer = createRequire(require.resolve('@vercel/cosmosdb-server'));
  const compile = (fromServer('@zeit/cosmosdb-query') as { default: (query: string) => CompiledQuery }).default;
  const proto = Object.getPrototypeOf(compile('SELECT * FROM c')) as object;
  const original = Object.getOwnPropertyDescriptor(proto, 'code');
  if (!original?.get) return; // another compiler version: leave it as it is
  const compiled = original.get;
  const cache = new WeakMap<object, string>();
  Object.defineProperty(proto, 'code', {
    configurable: true,
    get(this: object) {
      let code = cache.get(this);
      if (code === undefined) {
        code = linearOpening(compiled.call(this) as string);
        cache.set(this, code);
      }
      return code;
    },
  });
  patched = true;
}
