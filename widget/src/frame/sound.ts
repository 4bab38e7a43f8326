let context: AudioContext | undefined;

/** A short two-tone chime for a new expert message while the widget is closed or hidden. */
export function chime(): void {
  try {
    context ??= new AudioContext();
    const now = context.currentTime;
    for (const [i, frequency] of [880, 660].entries()) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, now + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.15 + 0.3);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(now + i * 0.15);
      oscillator.stop(now + i * 0.15 + 0.3);
    }
  } catch {
    // No audio (policy or device): the unread badge still shows.
  }
}
