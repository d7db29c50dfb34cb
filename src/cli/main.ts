/**
 * callback-guard: the engine on the command line, for registry maintainers and scripts.
 * Exit codes: 0 done, 2 usage or input error (bad flags, unreadable/binary/huge files,
 * invalid data files). Errors are one line on stderr.
 */
import { isSupportedCountry } from 'libphonenumber-js/max';
import { htmlPageHints, visibleTextFromHtml } from '../core/html-text';
import { checkNumber, scanText } from '../core/index';
import { regionFromHints } from '../core/phone-region';
import { checkAndCompile } from '../core/registry/check';
import { parseArgs } from './args';
import { readDataDir } from './data-dir';
import { numberJson, numberText, pageText } from './format';
import { InputError, readInput } from './input';

const USAGE = `usage:
  callback-guard scan [FILE|-] [--region CC] [--html] [--json]   find and judge the numbers in a text or HTML file
                                                                 (--html: its visible text; region from <html lang> unless --region)
  callback-guard check NUMBER [--region CC] [--json]             judge one number
  callback-guard registry check [DATA_DIR]                       validate data/ (default ./data)`;

const out = (s: string) => process.stdout.write(`${s}\n`);

function run(argv: string[]): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    out(USAGE);
    return command ? 0 : 2;
  }
  const args = parseArgs(command === 'registry' ? rest.slice(1) : rest);
  if (args.help) {
    out(USAGE);
    return 0;
  }
  if (args.region && !isSupportedCountry(args.region as never))
    throw new InputError(`--region ${args.region} is not a country we know`);

  switch (command) {
    case 'scan': {
      if (args.positional.length > 1) throw new InputError('scan takes one FILE (or - for standard input)');
      const file = args.positional[0] ?? '-';
      const input = readInput(file);
      const text = args.html ? visibleTextFromHtml(input) : input;
      // An HTML page says its language (hence region) and title, as it would to the extension.
      const { lang, title } = args.html ? htmlPageHints(input) : {};
      const region = args.region ?? (lang ? regionFromHints({ lang }) : undefined);
      const report = scanText(text, {
        ...(region ? { region } : {}),
        ...(lang ? { lang } : {}),
        ...(title ? { pageTitle: title } : {}),
      });
      if (args.json)
        out(JSON.stringify({ numbers: report.numbers.map(numberJson), page: report.page }, null, 2));
      else {
        for (const n of report.numbers) out(numberText(n));
        out(report.numbers.length ? pageText(report.page) : 'no phone numbers found');
      }
      return 0;
    }
    case 'check': {
      if (args.positional.length !== 1)
        throw new InputError('check takes one NUMBER (quote it if it has spaces)');
      const report = checkNumber(args.positional[0] as string, args.region ? { region: args.region } : {});
      if (!report) throw new InputError(`"${args.positional[0]}" does not contain a phone number`);
      out(args.json ? JSON.stringify(numberJson(report), null, 2) : numberText(report));
      return 0;
    }
    case 'registry': {
      if (rest[0] !== 'check') throw new InputError('usage: callback-guard registry check [DATA_DIR]');
      const dir = args.positional[0] ?? 'data';
      const result = checkAndCompile(readDataDir(dir));
      if (!result.ok) {
        for (const e of result.errors) process.stderr.write(`${e}\n`);
        process.stderr.write(`registry check: ${result.errors.length} error(s)\n`);
        return 2;
      }
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
      out(
        `registry check: ok (${result.data.orgs.length} organisations, ${result.data.numbers.length} numbers, ${result.data.rules.length} rules; data version ${result.data.version})`,
      );
      return 0;
    }
    default:
      throw new InputError(
        `unknown command "${command}" (scan, check or registry check; --help shows usage)`,
      );
  }
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (e) {
  const message =
    e instanceof InputError || (e instanceof Error && /folder not found|ENOENT/.test(e.message))
      ? e.message
      : `internal error: ${String(e)}`;
  process.stderr.write(`callback-guard: ${message}\n`);
  process.exitCode = 2;
}
