import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * Runs a TypeScript entry point as `npm start` does: one node process with tsx as a loader. (The tsx CLI
 * wrapper SIGKILLs its child when it does not acknowledge a signal within 30 ms, which a busy bot can miss.)
 */
export function run(entry: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, entry], { cwd: ROOT, env: { ...process.env, LOG_FORMAT: 'json', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, output: () => output, exited };
}

/** Resolves once the process has printed `text` (event-driven: no polling window to miss on a busy machine). */
export function waitForOutput(started: Started, text: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!started.output().includes(text)) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no "${text}" within ${timeoutMs} ms:\n${started.output()}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      started.child.stdout!.off('data', check);
      started.child.stderr!.off('data', check);
    };
    // Listeners added after run()'s own, so output() already holds the chunk when check() reads it.
    started.child.stdout!.on('data', check);
    started.child.stderr!.on('data', check);
    check();
  });
}

/** Polls /healthz; the bound is generous because starting a process under load (tsx compiling) is slow. */
export async function waitHealthy(url: string, timeoutMs = 90_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms`);
}
