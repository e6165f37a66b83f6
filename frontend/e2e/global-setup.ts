import type { TestProject } from "vitest/node";
import { startServer } from "./server";
import { startStripeMock } from "./stripe-mock";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/**
 * One binary with a fresh demo database for the whole run, its Stripe calls
 * answered by stripe-mock; both stopped afterwards.
 */
export default async function setup(project: TestProject) {
  const stripe = await startStripeMock();
  const server = await startServer({ args: ["--stripe-api-url", stripe.url] }).catch(
    async (error) => {
      await stripe.stop();
      throw error;
    },
  );
  project.provide("baseURL", server.baseURL);
  return async () => {
    await server.stop();
    await stripe.stop();
  };
}
