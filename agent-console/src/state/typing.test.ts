import { describe, expect, it } from 'vitest';
import { TYPING_IDLE_MS, TYPING_REFRESH_MS, createTypingSignal, type TypingClock } from './typing';

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  let timers: Array<{ at: number; run: () => void; id: number }> = [];
  let next = 1;
  const clock: TypingClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      timers.push({ at: now + ms, run, id: next });
      return next++;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    due.forEach((t) => t.run());
  };
  return { clock, advance };
}

describe('createTypingSignal', () => {
  it('says typing once for a burst of keys and stops after the idle time', () => {
    const sent: boolean[] = [];
    const { clock, advance } = manualClock();
    const signal = createTypingSignal((typing) => sent.push(typing), clock);
    for (let i = 0; i < 5; i++) {
      signal.input();
      advance(200);
    }
    expect(sent).toEqual([true]);
    advance(TYPING_IDLE_MS);
    expect(sent).toEqual([true, false]);
  });

  it('repeats typing while the expert keeps going, and stops at once when told', () => {
    const sent: boolean[] = [];
    const { clock, advance } = manualClock();
    const signal = createTypingSignal((typing) => sent.push(typing), clock);
    signal.input();
    for (let elapsed = 0; elapsed <= TYPING_REFRESH_MS; elapsed += 500) {
      advance(500);
      signal.input();
    }
    expect(sent).toEqual([true, true]);
    signal.stop();
    signal.stop();
    expect(sent).toEqual([true, true, false]);
    advance(TYPING_IDLE_MS * 2);
    expect(sent).toEqual([true, true, false]);
  });
});
