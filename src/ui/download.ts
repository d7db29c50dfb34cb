/** Saves `data` as a JSON file through the browser's download prompt (no permission needed). */
export function downloadJson(filename: string, data: unknown): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name with today's date: callback-guard-lists-2025-01-31.json */
export function datedName(prefix: string, now = new Date()): string {
  const d = now.toISOString().slice(0, 10);
  return `${prefix}-${d}.json`;
}
