import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { StateView } from '../core/messages';
import { send } from '../messaging/send';

export interface StateHandle {
  state: StateView | null;
  /** Why the state could not be loaded, if it could not. */
  loadError: string | null;
  /** Replace the state with what a mutating message answered. */
  set(next: StateView): void;
  reload(): Promise<void>;
}

/** The user's data as the background reports it; mutating messages answer the new state. */
export function useStateView(onLoad?: (s: StateView) => void): StateHandle {
  const [state, setState] = useState<StateView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const onLoadRef = useRef(onLoad);
  onLoadRef.current = onLoad;
  const reload = useCallback(async () => {
    try {
      const s = await send({ kind: 'page/get-state' });
      setState(s);
      setLoadError(null);
      onLoadRef.current?.(s);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, loadError, set: setState, reload };
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The region numbers are read in: the setting, or JP for a Japanese browser, else US. */
export function effectiveRegion(state: StateView | null, browserLang: 'ja' | 'en'): string {
  const r = state?.user.settings.region ?? 'auto';
  if (r !== 'auto') return r;
  return browserLang === 'ja' ? 'JP' : 'US';
}
