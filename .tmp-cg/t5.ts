import { findPhoneNumbers } from '../src/core/phone';
import { scanCandidates } from '../src/core/scanner';
console.log(scanCandidates('123-456-7890;x 7246433', 6, undefined, true));
console.log(findPhoneNumbers('123-456-7890;x 7246433', { region: 'US', leniency: 'POSSIBLE' }));
