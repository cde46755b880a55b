// Types for phoneMetadata.nanp.json, which tools/generate-phone-metadata.ts writes.
import type { MetadataJson } from 'libphonenumber-js/core';

declare const metadata: MetadataJson & {
  /** The world's other country calling codes (no numbering plans), to name a foreign number's. */
  otherCallingCodes: string[];
};
export default metadata;
