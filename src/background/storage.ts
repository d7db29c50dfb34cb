/**
 * The user's record in storage.local, key `cbg:user`.
 *
 * Design note (service worker lifecycle):
 * - One key, one whole-record `set` per change: storage.local writes a key atomically, so a
 *   worker killed mid-write leaves the old record or the new one, never a mix.
 * - Changes run one after another through a promise queue, each computing from the last
 *   committed record, so two quick clicks cannot lose one another's change.
 * - The in-memory copy is only a cache of what storage holds; a restarted worker reads it again.
 * - A write that fails (quota, storage error) keeps the old record in memory and in storage,
 *   is remembered in `storageError()` (shown in options through StateView) and rejects the change.
 * - A stored record that cannot be read is never overwritten blindly: its raw value is copied
 *   to `cbg:user-backup:<hash>` first (same damage → same key, so restarts do not pile up
 *   copies), the user works on defaults, and the notice is reported until a change is saved.
 *   If even the backup cannot be written, nothing is saved at all.
 */
import browser from 'webextension-polyfill';
import { fingerprint } from '../core/fingerprint';
import { type Failure, isFailure, migrateUserData } from '../core/user-data';
import { BACKUP_PREFIX, emptyUserData, USER_KEY, type UserData } from '../core/user-data-types';

export { BACKUP_PREFIX, USER_KEY };

interface Loaded {
  data: UserData;
  /** False when the stored record could neither be read nor backed up: never overwrite it. */
  writable: boolean;
  /** Why the stored record was not used, for the user. */
  notice: string | null;
}

let loaded: Promise<Loaded> | null = null;
let lastWriteError: string | null = null;
let queue: Promise<unknown> = Promise.resolve();

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Runs `work` after every earlier queued piece of work (also used by feeds.ts for its keys). */
export function serial<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => {});
  return next;
}

async function load(): Promise<Loaded> {
  let raw: unknown;
  try {
    raw = (await browser.storage.local.get(USER_KEY))[USER_KEY];
  } catch (e) {
    // Try again on the next request: storage may be briefly unavailable.
    loaded = null;
    return {
      data: emptyUserData(),
      writable: false,
      notice: `Your saved settings could not be read (${message(e)}); nothing is saved until they can be.`,
    };
  }
  const result = migrateUserData(raw);
  if (result.ok) return { data: result.data, writable: true, notice: null };
  let serialized: string;
  try {
    serialized = JSON.stringify(raw) ?? String(raw);
  } catch {
    serialized = String(raw);
  }
  const backupKey = `${BACKUP_PREFIX}${fingerprint(serialized)}`;
  try {
    const existing = (await browser.storage.local.get(backupKey))[backupKey];
    if (existing === undefined) await browser.storage.local.set({ [backupKey]: raw });
  } catch (e) {
    return {
      data: emptyUserData(),
      writable: false,
      notice: `Your saved data could not be read (${result.error}) nor backed up (${message(e)}); nothing will be saved so that it is not lost.`,
    };
  }
  return {
    data: emptyUserData(),
    writable: true,
    notice: `Your saved data could not be read (${result.error}). It is kept in storage as "${backupKey}"; Callback Guard started with default settings.`,
  };
}

function current(): Promise<Loaded> {
  if (!loaded) loaded = load();
  return loaded;
}

/** The last committed user record. */
export async function readUserData(): Promise<UserData> {
  return (await current()).data;
}

/** What went wrong with storage, for StateView.storageError; null when all is well. */
export async function storageError(): Promise<string | null> {
  const { notice } = await current();
  return [notice, lastWriteError].filter((s): s is string => s !== null).join(' ') || null;
}

/**
 * Applies a change to the user record and saves the whole record. `change` gets the last
 * committed record and returns the next one (plus anything the caller wants back), or
 * `{ error }` to refuse: then nothing is written and the promise rejects with that message.
 */
export function updateUserData<T>(
  change: (data: UserData) => { data: UserData; result: T } | Failure,
): Promise<{ data: UserData; result: T }> {
  return serial(async () => {
    const state = await current();
    if (!state.writable) throw new Error(state.notice ?? 'saved data cannot be changed now');
    const out = change(state.data);
    if (isFailure(out)) throw new Error(out.error);
    try {
      await browser.storage.local.set({ [USER_KEY]: out.data });
    } catch (e) {
      lastWriteError = `The last change could not be saved (${message(e)}).`;
      throw new Error(lastWriteError);
    }
    lastWriteError = null;
    loaded = Promise.resolve({ data: out.data, writable: true, notice: null });
    return out;
  });
}

/** Tests only: forget the cached record, as a restarted worker would. */
export function resetStorageCacheForTests(): void {
  loaded = null;
  lastWriteError = null;
  queue = Promise.resolve();
}
