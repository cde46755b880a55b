/**
 * Writes shared/phoneMetadata.nanp.json: libphonenumber-js's own metadata cut down to the North
 * American Numbering Plan (+1), the only numbers VoiceTel texts. The popup parses numbers on every
 * keystroke, and the full metadata would be a sixth of its JavaScript. A unit test fails when the
 * file no longer matches the installed libphonenumber-js: run `npx tsx tools/generate-phone-metadata.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import metadata from 'libphonenumber-js/metadata.min.json';

export const NANP_METADATA_PATH = fileURLToPath(new URL('../shared/phoneMetadata.nanp.json', import.meta.url));

export function nanpMetadataJson(): string {
  const nanpCountries: readonly string[] = metadata.country_calling_codes['1'] ?? [];
  if (nanpCountries.length === 0) throw new Error('libphonenumber-js metadata has no +1 countries');
  const countries = Object.fromEntries(
    Object.entries(metadata.countries).filter(([country]) => nanpCountries.includes(country)),
  );
  // Every other calling code, without its numbering plan: enough to say "+44 is not a US number".
  const callingCodes = Object.keys(metadata.country_calling_codes).filter((code) => code !== '1');
  return `${JSON.stringify({ version: metadata.version, country_calling_codes: { 1: nanpCountries }, countries, nonGeographic: {}, otherCallingCodes: callingCodes })}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(NANP_METADATA_PATH, nanpMetadataJson());
  console.log(`wrote ${NANP_METADATA_PATH}`);
}
