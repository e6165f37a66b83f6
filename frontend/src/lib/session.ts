/**
 * Session events: the global error handler announces that the session ended
 * (an Unauthenticated answer) or that the platform now requires a second
 * factor the user has not set up; the app shell sends the user to sign-in,
 * or reloads the caller so that the enrolment gate shows.
 */
type Listener = () => void;

function event() {
  const listeners = new Set<Listener>();
  return {
    on(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce(): void {
      for (const listener of listeners) listener();
    },
  };
}

const sessionEnded = event();
const enrollmentRequired = event();

export const onSessionEnded = sessionEnded.on;
export const announceSessionEnded = sessionEnded.announce;

export const onSecondFactorEnrollmentRequired = enrollmentRequired.on;
export const announceSecondFactorEnrollmentRequired = enrollmentRequired.announce;
