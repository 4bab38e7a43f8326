/**
 * Sound and a system notification for new work. Both only after the user turned alerts on:
 * browsers require a gesture for audio and permission for notifications.
 */
const STORAGE_KEY = 'cc.console.alerts';

let audio: AudioContext | null = null;

export function alertsWanted(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

function remember(on: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    // the choice then lasts for this page only
  }
}

/** Call from a click: unlocks audio and asks for notification permission. */
export async function enableAlerts(): Promise<NotificationPermission | 'unsupported'> {
  audio ??= new AudioContext();
  await audio.resume();
  remember(true);
  if (!('Notification' in window)) return 'unsupported';
  return Notification.permission === 'default'
    ? Notification.requestPermission()
    : Notification.permission;
}

export function disableAlerts(): void {
  remember(false);
}

/** Audio may only start after a gesture; after a reload the first click anywhere unlocks it again. */
export function resumeAudioOnGesture(): void {
  if (!alertsWanted()) return;
  const unlock = () => {
    audio ??= new AudioContext();
    void audio.resume();
  };
  addEventListener('pointerdown', unlock, { once: true });
  addEventListener('keydown', unlock, { once: true });
}

function chime(): void {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 660],
    [0.18, 880],
  ] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.15, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.25);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.25);
  }
}

export function raiseAlert(title: string, body: string, tag: string, onClick: () => void): void {
  if (!alertsWanted()) return;
  chime();
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  const notification = new Notification(title, { body, tag, lang: document.documentElement.lang });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
