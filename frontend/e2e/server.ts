import { spawn, execFile, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

/** The binary under test: built with `-tags spa` so it serves the SPA itself. */
export const binary = resolve(
  process.env.LEITSTAND_BIN ?? join(import.meta.dirname, "../../bin/leitstand"),
);

export interface RunningServer {
  baseURL: string;
  dataDir: string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** seed fills a fresh data directory, e.g. with the demo logins and N synthetic organizations. */
export async function seed(dataDir: string, args: string[]): Promise<void> {
  await promisify(execFile)(binary, ["seed", "--data-dir", dataDir, ...args], {
    timeout: 120_000,
  });
}

/**
 * startServer runs the binary on a free loopback port with a fresh data
 * directory (seeded with the demo data unless one is given) and waits until
 * it serves the SPA.
 */
export async function startServer(
  options: { dataDir?: string; args?: string[] } = {},
): Promise<RunningServer> {
  if (!existsSync(binary)) {
    throw new Error(
      `no binary at ${binary}: build it with \`cd frontend && npm run build && cd .. && go build -tags spa -o bin/leitstand ./server/cmd/leitstand\` or set LEITSTAND_BIN`,
    );
  }
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "leitstand-e2e-"));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    binary,
    [
      "serve",
      "--listen",
      `127.0.0.1:${port}`,
      "--data-dir",
      dataDir,
      "--demo",
      "--log-level",
      "warn",
      ...(options.args ?? []),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 110_000; // the demo data take a while on a busy machine
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(`${baseURL}/`);
      const body = await response.text();
      if (response.ok && body.includes('id="root"')) return { baseURL, dataDir, stop };
      if (response.status === 404 || (response.ok && !body.includes('id="root"'))) {
        await stop();
        throw new Error(
          `${binary} does not serve the SPA: build the SPA, then the binary with -tags spa`,
        );
      }
    } catch (error) {
      if (error instanceof Error && error.message.includes("does not serve")) throw error;
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  await stop();
  throw new Error(`the server did not start within 60 s:\n${output}`);
}
