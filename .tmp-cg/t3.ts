import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
const n = parsePhoneNumberFromString('4156667777', { defaultCountry: 'US' })!;
console.log(n.format('RFC3966'), n.format('INTERNATIONAL'));
import { verify } from '../src/core/phone-match';
import { parseNumber } from '../src/core/phone-parse';
const p = parseNumber('415-666-7777', 'US')!;
console.log(p.source, p.valid, verify(p, '415-666-7777', 'VALID'), verify(p, '415-666-7777', 'STRICT_GROUPING'));
