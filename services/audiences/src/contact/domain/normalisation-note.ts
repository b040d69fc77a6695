/** Something normalisation changed or dropped without rejecting the value; shown in the import report. */
export type NormalisationNote = {
  readonly code:
    | 'extension-dropped'
    | 'international-prefix-rewritten'
    | 'stray-plus-ignored'
    | 'split-on-spaces'
    | 'subaddress-removed'
    | 'domain-to-punycode'
    | 'unicode-to-ascii'
    | 'phone-rejected'
    | 'duplicate-dropped';
  readonly detail?: string;
};

export const note = (code: NormalisationNote['code'], detail?: string): NormalisationNote => (detail === undefined ? { code } : { code, detail });
