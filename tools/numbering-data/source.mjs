// The one pinned source of offline numbering data: the Python port of Google's libphonenumber,
// which ships the carrier, geocoder and time-zone prefix maps as Python modules (Apache-2.0).
// Bump all three fields together; the checksum is of the wheel exactly as PyPI serves it.
export const SOURCE = Object.freeze({
  registry: 'PyPI',
  name: 'phonenumbers',
  version: '9.0.43',
  file: 'phonenumbers-9.0.43-py2.py3-none-any.whl',
  sha256: '349bc799f15e010e35bd2c7d28149950ae74479cb1e11fb054ed9a95ecb4b437',
});

/** Locales kept from the geocoder and carrier maps: English names plus Russian where given. */
export const LOCALES = Object.freeze(['en', 'ru']);

/** Bumped whenever the shape of the generated JSON changes. */
export const FORMAT = 1;
