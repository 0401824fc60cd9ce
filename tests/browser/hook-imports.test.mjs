// Every web module imports the hooks it calls. A module that calls useRef or
// useEffect without importing it fails only when that code renders (a
// ReferenceError that blanks the page), and two merged changes can drop an
// import one of them still needs: this finds that without a browser.
//
// Run from the repository root: node --test tests/browser/

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
const HOOKS = ['useState', 'useEffect', 'useLayoutEffect', 'useRef', 'useCallback', 'useMemo', 'useContext', 'useReducer'];

// The names a module imports or declares itself.
function known(src) {
	const names = new Set();
	for (const m of src.matchAll(/import\s*\{([^}]*)\}/g)) {
		for (const part of m[1].split(',')) {
			const name = part.trim().split(/\s+as\s+/).pop();
			if (name) names.add(name);
		}
	}
	for (const m of src.matchAll(/(?:function|const|let)\s+(use[A-Z]\w*)/g)) names.add(m[1]);
	return names;
}

describe('web modules import the hooks they call', () => {
	const files = [WEB, path.join(WEB, 'pages')].flatMap((dir) => fs.readdirSync(dir)
		.filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f)));
	for (const file of files) {
		it(path.relative(WEB, file), () => {
			const src = fs.readFileSync(file, 'utf8');
			const names = known(src);
			const missing = HOOKS.filter((h) => new RegExp(`\\b${h}\\(`).test(src) && !names.has(h));
			assert.deepEqual(missing, [], `${path.relative(WEB, file)} calls ${missing.join(', ')} without importing it`);
		});
	}
});
