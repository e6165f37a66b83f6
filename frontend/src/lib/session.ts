/**
 * Session events: the global error handler announces that the session ended
 * (an Unauthenticated answer), and the app shell sends the user to sign-in.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export function onSessionEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceSessionEnded(): void {
  for (const listener of listeners) listener();
}
