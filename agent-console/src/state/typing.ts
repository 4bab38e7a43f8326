/** While the expert keeps typing, "typing" is said again this often (a visitor who joined late hears it). */
export const TYPING_REFRESH_MS = 3000;
/** No key for this long: the expert stopped typing. */
export const TYPING_IDLE_MS = 4000;

export interface TypingClock {
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const systemClock: TypingClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface TypingSignal {
  /** A key was typed in the reply box. */
  input: () => void;
  /** Sent, left the box, or switched ticket: stop now if typing was said. */
  stop: () => void;
}

/** Turns keystrokes into few `typing` true/false signals: one start, a refresh now and then, one stop. */
export function createTypingSignal(
  send: (typing: boolean) => void,
  clock: TypingClock = systemClock,
): TypingSignal {
  let typing = false;
  let lastSent = 0;
  let idle: unknown;
  const stop = () => {
    clock.clearTimeout(idle);
    idle = undefined;
    if (!typing) return;
    typing = false;
    send(false);
  };
  return {
    input() {
      clock.clearTimeout(idle);
      if (!typing || clock.now() - lastSent >= TYPING_REFRESH_MS) {
        typing = true;
        lastSent = clock.now();
        send(true);
      }
      idle = clock.setTimeout(stop, TYPING_IDLE_MS);
    },
    stop,
  };
}
