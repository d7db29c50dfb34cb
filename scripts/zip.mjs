// A small deterministic ZIP writer: entries sorted by path, fixed timestamps and attributes,
// deflate at a fixed level. Same input files give a byte-identical archive, which makes the
// store zips reproducible (Mozilla's reviewers rebuild from the source zip and compare).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (1 << 5) | 1; // 1980-01-01

/** Every file under dir, as forward-slash paths relative to dir. */
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** Writes `zipPath` holding `files` (paths relative to `baseDir`). */
export function writeZip(zipPath, baseDir, files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const name of [...files].sort()) {
    const data = readFileSync(join(baseDir, name));
    const packed = deflateRawSync(data, { level: 9 });
    const useDeflate = packed.length < data.length;
    const body = useDeflate ? packed : data;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const header = (signature, extra) => {
      const b = Buffer.alloc(extra ? 46 : 30);
      let o = 0;
      b.writeUInt32LE(signature, o);
      o += 4;
      if (extra) {
        b.writeUInt16LE(20, o);
        o += 2;
      } // version made by
      b.writeUInt16LE(20, o);
      o += 2; // version needed
      b.writeUInt16LE(0x0800, o);
      o += 2; // UTF-8 names
      b.writeUInt16LE(useDeflate ? 8 : 0, o);
      o += 2;
      b.writeUInt16LE(DOS_TIME, o);
      o += 2;
      b.writeUInt16LE(DOS_DATE, o);
      o += 2;
      b.writeUInt32LE(crc, o);
      o += 4;
      b.writeUInt32LE(body.length, o);
      o += 4;
      b.writeUInt32LE(data.length, o);
      o += 4;
      b.writeUInt16LE(nameBytes.length, o);
      o += 2;
      b.writeUInt16LE(0, o);
      o += 2; // extra length
      if (extra) {
        b.writeUInt16LE(0, o);
        o += 2; // comment length
        b.writeUInt16LE(0, o);
        o += 2; // disk
        b.writeUInt16LE(0, o);
        o += 2; // internal attributes
        b.writeUInt32LE(0o100644 * 0x10000, o);
        o += 4; // external attributes: regular file 0644
        b.writeUInt32LE(offset, o);
        o += 4;
      }
      return b;
    };
    const local = Buffer.concat([header(0x04034b50, false), nameBytes, body]);
    centrals.push(Buffer.concat([header(0x02014b50, true), nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length, 8);
  end.writeUInt16LE(centrals.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(zipPath, Buffer.concat([...locals, central, end]));
}
