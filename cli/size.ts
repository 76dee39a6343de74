// `pbs-tools size VALUE...`: what a PBS size value (rate-in, max-cache-size, ...) means in bytes,
// and how PBS displays and writes it.
import { parseHumanByte, SIZE_UNIT_FACTOR, type SizeUnit } from '../service/tools.ts';
import { formatHumanByte, formatHumanByteValue, humanByteToU64 } from '../core/format/human-byte.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Subcommand } from './io.ts';
import { parseCommandArgs } from './args.ts';

const USAGE = `usage: pbs-tools size VALUE...

For each PBS size value (e.g. 10MiB, 1.5GB, 500 KB, 1048576) prints the number of bytes PBS
uses, the binary (KiB, MiB, ...) and decimal (KB, MB, ...) forms as PBS displays them, and how
PBS writes the value back into its configuration files. Units: B, KB, MB, GB, TB, PB are powers
of 1000; KiB, MiB, GiB, TiB, PiB powers of 1024; the trailing B is optional.

Exit status: 0 when every value is valid, 1 otherwise.
`;

const groupDigits = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

export const run: Subcommand = async (args, io) => {
  const parsed = parseCommandArgs(args, {}, USAGE, io, 'size');
  if (!parsed) return EXIT_OK;
  if (parsed.positionals.length === 0) throw new CliError(`missing a size value, e.g. pbs-tools size 10MB\n\n${USAGE}`, EXIT_USAGE);
  let code = EXIT_OK;
  for (const value of parsed.positionals) {
    const r = parseHumanByte(value);
    if (!r.ok) {
      io.stderr.write(`pbs-tools size: '${value}' is not a valid size (column ${r.offset + 1}): ${r.message}\n`);
      code = EXIT_FAILURE;
      continue;
    }
    const h = r.value;
    const bytes = humanByteToU64(h);
    const lines = [
      `${value}`,
      `  bytes:   ${bytes} (${groupDigits(String(bytes))})`,
      `  binary:  ${formatHumanByte(h.bytes, 'binary')}`,
      `  decimal: ${formatHumanByte(h.bytes, 'decimal')}`,
      `  written: ${formatHumanByteValue(h)}`,
    ];
    if (h.si) {
      const iec = h.unit.replace('B', 'iB') as SizeUnit;
      const iecBytes = humanByteToU64({ bytes: h.size * SIZE_UNIT_FACTOR[iec] });
      lines.push(
        `  note: ${h.unit} is a decimal (SI) unit: 1 ${h.unit} = ${groupDigits(String(SIZE_UNIT_FACTOR[h.unit]))} bytes. ` +
          `For powers of 1024 write ${iec}: ${formatHumanByteValue({ size: h.size, unit: iec })} = ${groupDigits(String(iecBytes))} bytes.`,
      );
    }
    if (Number.isNaN(h.size) || !Number.isFinite(h.size)) lines.push('  note: PBS accepts this spelling, but it is no usable size');
    io.stdout.write(lines.join('\n') + '\n');
  }
  return code;
};
