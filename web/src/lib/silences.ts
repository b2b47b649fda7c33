// The silences (maintenance windows) both parties see, kept current over the live stream.
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../api/client';
import { onEvent, onReconnect } from './live';

export type Silence = Schemas['Silence'];

export function useSilences(): Silence[] | null {
  const [silences, setSilences] = useState<Silence[] | null>(null);
  useEffect(() => {
    const load = () =>
      void unwrap(api.GET('/api/v1/silences'))
        .then((r) => setSilences(r.silences))
        .catch(() => setSilences([]));
    load();
    const offEvent = onEvent((e) => {
      if (e.stream === 'silences') load();
    });
    const offReconnect = onReconnect(load);
    return () => {
      offEvent();
      offReconnect();
    };
  }, []);
  return silences;
}

/** "alertname=ServiceDown, instance=~web-.*": matchers as amtool writes them. */
export function matcherText(s: Silence): string {
  return s.matchers.map((m) => `${m.name}${m.op}${m.value}`).join(', ');
}
