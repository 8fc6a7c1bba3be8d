export const id = 7;
export const ids = [7];
export const modules = {

/***/ 7:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseAccountMap: () => (/* binding */ parseAccountMap)
/* harmony export */ });
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(242);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(916);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(674);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(264);
/* harmony import */ var _recipients_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(903);
/**
 * The `account-map` input: who is who. Teams know each other by GitHub login; Chatwork mentions
 * and task assignees need account ids. A YAML mapping from login (case-insensitive) to id,
 * inline or `@path` to a file in the workspace. Parsed with js-yaml, loaded only when the input
 * is set, and checked entry by entry before any request; an error names the line.
 */





/** A map file has a line per person: 64 kB is thousands of people. */
const MAX_MAP_BYTES = 64 * 1024;
const ACCOUNT_ID = /^[1-9]\d{0,15}$/;
const EXAMPLE = "e.g.\n  octocat: 1234567\n  hubot: '7654321'";
/** The map, or undefined when `account-map` is empty. */
async function parseAccountMap(value) {
    const trimmed = value.trim();
    if (trimmed === '')
        return undefined;
    let text = value;
    let where = `Input '${_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .Input */ .pd.accountMap}'`;
    if (trimmed.startsWith('@')) {
        const path = trimmed.slice(1).trim();
        text = (0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .readJobFile */ .i)(_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .Input */ .pd.accountMap, path, MAX_MAP_BYTES, 'an account map may have at most 64 kB').content.toString('utf8');
        where = `The account map ${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(path)} (input '${_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .Input */ .pd.accountMap}')`;
    }
    const entries = await readMapping(text, where);
    const map = new Map();
    const lineOf = new Map();
    for (const [login, accountId] of entries) {
        const line = lineOfKey(text, login);
        const at = `${where}, line ${line}`;
        if (!_recipients_js__WEBPACK_IMPORTED_MODULE_3__/* .LOGIN */ .S3.test(login)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${at}: ${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(login)} is not a GitHub login (letters, digits and single hyphens, at most 39 characters).`);
        }
        if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId.trim())) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${at}: the account id of ${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(login)} is ${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(JSON.stringify(accountId) ?? '')}; expected a Chatwork account id (digits only).`);
        }
        const lower = login.toLowerCase();
        const earlier = lineOf.get(lower);
        if (earlier !== undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${at}: ${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .quote */ .hD)(login)} is already mapped on line ${earlier} (logins are compared without case).`);
        }
        lineOf.set(lower, line);
        map.set(lower, accountId.trim());
    }
    return map;
}
/**
 * The YAML as a flat mapping, every scalar a string (js-yaml's failsafe schema: `007` stays
 * `007`, a numeric login stays a login). js-yaml, loaded only when the input is set: a mapping
 * of names needs no more than it, and the `yaml` package would add 290 kB to the action.
 */
async function readMapping(text, where) {
    const { load, FAILSAFE_SCHEMA } = await __webpack_require__.e(/* import() */ 243).then(__webpack_require__.bind(__webpack_require__, 243));
    let value;
    try {
        value = load(text, { schema: FAILSAFE_SCHEMA });
    }
    catch (error) {
        const { reason, mark } = error;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${where} is not valid YAML${mark ? ` (line ${mark.line + 1})` : ''}: ${reason ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error)}. Expected one 'login: account id' per line, ${EXAMPLE}`);
    }
    const entries = typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.entries(value)
        : [];
    if (entries.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${where} is not a mapping from GitHub login to Chatwork account id; ${EXAMPLE}`);
    }
    return entries;
}
/** The line (from 1) where `key` starts an entry; the mapping is flat, so this finds it. */
function lineOfKey(text, key) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const entry = new RegExp(`^\\s*(?:[{,]\\s*)?(['"]?)${escaped}\\1\\s*:`);
    const lines = text.split(/\r?\n/);
    const index = lines.findIndex(line => entry.test(line));
    return (index >= 0 ? index : lines.findIndex(line => line.includes(key))) + 1;
}


/***/ })

};
