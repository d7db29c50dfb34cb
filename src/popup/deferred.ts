import { useEffect, useState } from 'preact/hooks';

type Parts = typeof import('./parts');

let parts: Parts | null = null;
let loading: Promise<Parts> | null = null;

/** Loads the popup's second chunk once; main.tsx starts it right after the first frame. */
export function loadParts(): Promise<Parts> {
  loading ??= import('./parts').then((m) => {
    parts = m;
    return m;
  });
  return loading;
}

/** The second chunk once it is there (null before); re-renders the caller when it arrives. */
export function useParts(): Parts | null {
  const [ready, setReady] = useState<Parts | null>(parts);
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadParts()
      .then((m) => live && setReady(m))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
}
