import { render } from 'preact';
import { Lookup } from './Lookup';

document.documentElement.lang = navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
render(<Lookup />, document.getElementById('app') as HTMLElement);
