import { InputError } from './input';

export interface Parsed {
  positional: string[];
  json: boolean;
  html: boolean;
  region?: string;
  help: boolean;
}

/** Flags shared by every command; unknown flags are usage errors, not ignored. */
export function parseArgs(argv: string[]): Parsed {
  const out: Parsed = { positional: [], json: false, html: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') out.json = true;
    else if (arg === '--html') out.html = true;
    else if (arg === '--help' || arg === '-h') out.help = true;
    else if (arg === '--region' || arg.startsWith('--region=')) {
      const value = arg.includes('=') ? arg.slice('--region='.length) : argv[++i];
      if (!value || !/^[A-Za-z]{2}$/.test(value))
        throw new InputError('--region needs a two-letter country code, e.g. --region JP');
      out.region = value.toUpperCase();
    } else if (arg.startsWith('-') && arg !== '-') throw new InputError(`unknown option ${arg}`);
    else out.positional.push(arg);
  }
  return out;
}
