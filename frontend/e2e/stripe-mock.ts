import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** Stripe's own mock server, installed into bin/ by `make deps-stripe-mock`. */
const binary = resolve(
  process.env.STRIPE_MOCK ?? join(import.meta.dirname, "../../bin/stripe-mock"),
);

export interface StripeMock {
  url: string;
  stop: () => Promise<void>;
}

/**
 * startStripeMock runs stripe-mock on loopback and waits for the address it
 * listens at. It is given port-less addresses, so the system picks free
 * ports; the HTTPS one too, or it would also serve HTTPS on every interface
 * at its fixed port.
 */
export async function startStripeMock(): Promise<StripeMock> {
  if (!existsSync(binary)) {
    throw new Error(
      `no stripe-mock at ${binary}: run \`make deps-stripe-mock\` or set STRIPE_MOCK`,
    );
  }
  const child: ChildProcess = spawn(
    binary,
    ["-http-addr", "127.0.0.1:", "-https-addr", "127.0.0.1:"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  };
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`stripe-mock did not listen within 30 s:\n${output}`)),
      30_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Listening for HTTP at address: (\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        done(`http://${found[1]}`);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`stripe-mock exited with ${code}:\n${output}`));
    });
  });
  return { url, stop };
}
