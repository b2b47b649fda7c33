// Data kept current: loaded now, again at each record of its streams (either party's, over the live
// stream; this browser's own at once) and after a reconnect.
import { useEffect, useRef, useState } from 'preact/hooks';
import { onEvent, onReconnect } from './live';
import { createStore } from './store';

/** Bumped when this browser records something: its pages reload without waiting for the stream. */
export const recorded = createStore(0);
export const bumpRecorded = () => recorded.set(recorded.get() + 1);

/**
 * `load(key)` now, again at each event of `streams`, each record of this browser and each
 * reconnect, and anew when `key` changes (a primitive: a year, the rules asked for). The latest
 * `load` and `streams` are used, so callers may pass them inline.
 */
export function useLive<T, K extends string | number | null = null>(
  load: (key: K) => Promise<T>,
  key: K = null as K,
  streams: readonly string[] = ['programme'],
): T | null {
  const [value, setValue] = useState<T | null>(null);
  const source = useRef({ load, streams });
  source.current = { load, streams };
  useEffect(() => {
    const run = () =>
      void source.current
        .load(key)
        .then(setValue)
        .catch(() => undefined);
    run();
    const offEvent = onEvent((e) => {
      if (source.current.streams.includes(e.stream)) run();
    });
    const offReconnect = onReconnect(run);
    const offRecorded = recorded.subscribe(run);
    return () => {
      offEvent();
      offReconnect();
      offRecorded();
    };
  }, [key]);
  return value;
}
