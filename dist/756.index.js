export const id = 756;
export const ids = [756];
export const modules = {

/***/ 535:
/***/ ((__unused_webpack_module, exports) => {

var __webpack_unused_export__;

__webpack_unused_export__ = true;
exports.Io = exports.kp = void 0;
var peq = new Uint32Array(0x10000);
var myers_32 = function (a, b) {
    var n = a.length;
    var m = b.length;
    var lst = 1 << (n - 1);
    var pv = -1;
    var mv = 0;
    var sc = n;
    var i = n;
    while (i--) {
        peq[a.charCodeAt(i)] |= 1 << i;
    }
    for (i = 0; i < m; i++) {
        var eq = peq[b.charCodeAt(i)];
        var xv = eq | mv;
        eq |= ((eq & pv) + pv) ^ pv;
        mv |= ~(eq | pv);
        pv &= eq;
        if (mv & lst) {
            sc++;
        }
        if (pv & lst) {
            sc--;
        }
        mv = (mv << 1) | 1;
        pv = (pv << 1) | ~(xv | mv);
        mv &= xv;
    }
    i = n;
    while (i--) {
        peq[a.charCodeAt(i)] = 0;
    }
    return sc;
};
var myers_x = function (b, a) {
    var n = a.length;
    var m = b.length;
    var mhc = [];
    var phc = [];
    var hsize = Math.ceil(n / 32);
    var vsize = Math.ceil(m / 32);
    for (var i = 0; i < hsize; i++) {
        phc[i] = -1;
        mhc[i] = 0;
    }
    var j = 0;
    for (; j < vsize - 1; j++) {
        var mv_1 = 0;
        var pv_1 = -1;
        var start_1 = j * 32;
        var vlen_1 = Math.min(32, m) + start_1;
        for (var k = start_1; k < vlen_1; k++) {
            peq[b.charCodeAt(k)] |= 1 << k;
        }
        for (var i = 0; i < n; i++) {
            var eq = peq[a.charCodeAt(i)];
            var pb = (phc[(i / 32) | 0] >>> i) & 1;
            var mb = (mhc[(i / 32) | 0] >>> i) & 1;
            var xv = eq | mv_1;
            var xh = ((((eq | mb) & pv_1) + pv_1) ^ pv_1) | eq | mb;
            var ph = mv_1 | ~(xh | pv_1);
            var mh = pv_1 & xh;
            if ((ph >>> 31) ^ pb) {
                phc[(i / 32) | 0] ^= 1 << i;
            }
            if ((mh >>> 31) ^ mb) {
                mhc[(i / 32) | 0] ^= 1 << i;
            }
            ph = (ph << 1) | pb;
            mh = (mh << 1) | mb;
            pv_1 = mh | ~(xv | ph);
            mv_1 = ph & xv;
        }
        for (var k = start_1; k < vlen_1; k++) {
            peq[b.charCodeAt(k)] = 0;
        }
    }
    var mv = 0;
    var pv = -1;
    var start = j * 32;
    var vlen = Math.min(32, m - start) + start;
    for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] |= 1 << k;
    }
    var score = m;
    for (var i = 0; i < n; i++) {
        var eq = peq[a.charCodeAt(i)];
        var pb = (phc[(i / 32) | 0] >>> i) & 1;
        var mb = (mhc[(i / 32) | 0] >>> i) & 1;
        var xv = eq | mv;
        var xh = ((((eq | mb) & pv) + pv) ^ pv) | eq | mb;
        var ph = mv | ~(xh | pv);
        var mh = pv & xh;
        score += (ph >>> (m - 1)) & 1;
        score -= (mh >>> (m - 1)) & 1;
        if ((ph >>> 31) ^ pb) {
            phc[(i / 32) | 0] ^= 1 << i;
        }
        if ((mh >>> 31) ^ mb) {
            mhc[(i / 32) | 0] ^= 1 << i;
        }
        ph = (ph << 1) | pb;
        mh = (mh << 1) | mb;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
    }
    for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] = 0;
    }
    return score;
};
var distance = function (a, b) {
    if (a.length < b.length) {
        var tmp = b;
        b = a;
        a = tmp;
    }
    if (b.length === 0) {
        return a.length;
    }
    if (a.length <= 32) {
        return myers_32(a, b);
    }
    return myers_x(a, b);
};
exports.Io = distance;
var closest = function (str, arr) {
    var min_distance = Infinity;
    var min_index = 0;
    for (var i = 0; i < arr.length; i++) {
        var dist = distance(str, arr[i]);
        if (dist < min_distance) {
            min_distance = dist;
            min_index = i;
        }
    }
    return arr[min_index];
};
exports.kp = closest;


/***/ }),

/***/ 375:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkVariables: () => (/* binding */ checkVariables),
/* harmony export */   nearest: () => (/* binding */ nearest)
/* harmony export */ });
/* harmony import */ var fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(535);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(916);
/**
 * Catches typos in templates before anything is sent. LiquidJS renders an undefined variable as
 * nothing, so `Build by {{ github.actorr }}` would post "Build by ". The top-level names and the
 * names directly under `github` are fixed sets: a name outside them fails, with the nearest
 * existing name. Under `github.event` and `env`, which vary by event and job, a missing value
 * still renders empty, but is named in a warning.
 */


/** The names under these top-level variables vary by event and job: a miss is only a warning. */
const OPEN = new Set(['env']);
const OPEN_UNDER_GITHUB = new Set(['event']);
function checkVariables(paths, context, input, warn) {
    for (const path of paths) {
        const names = leadingNames(path);
        const [top, second] = names;
        if (top === undefined)
            continue;
        if (!(top in context))
            throw undefinedName(input, top, Object.keys(context));
        const value = context[top];
        if (top === 'github' && second !== undefined && isRecord(value)) {
            if (!(second in value)) {
                throw undefinedName(input, `github.${second}`, Object.keys(value).map(k => `github.${k}`));
            }
            if (!OPEN_UNDER_GITHUB.has(second))
                continue;
        }
        else if (!OPEN.has(top))
            continue;
        const missing = firstMissing(value, names.slice(1));
        if (missing !== undefined) {
            const shown = [top, ...names.slice(1, missing + 2)].join('.');
            warn(`Input '${input}' uses ${shown}, which this ${top === 'env' ? "step's environment" : 'event'} does not have: it renders empty.`);
        }
    }
}
/** The segments up to the first one that is not a plain name (an index, a variable). */
function leadingNames(path) {
    const names = [];
    for (const segment of path) {
        if (typeof segment !== 'string')
            break;
        names.push(segment);
    }
    return names;
}
/** The index in `names` of the first name `value` does not have, or undefined. */
function firstMissing(value, names) {
    let current = value;
    for (const [i, name] of names.entries()) {
        if (!isRecord(current) || !(name in current))
            return i;
        current = current[name];
    }
    return undefined;
}
function undefinedName(input, name, candidates) {
    const hint = nearest(name, candidates);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`Input '${input}' uses ${name}, which is not defined${hint ? `: did you mean ${hint}?` : '.'} Templates have github.*, env.* and run_url; see the README's Templates section.`);
}
/** The candidate nearest to `name`, when it is near enough to be the intended one. */
function nearest(name, candidates) {
    if (candidates.length === 0)
        return undefined;
    const best = (0,fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__/* .closest */ .kp)(name, candidates);
    return (0,fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__/* .distance */ .Io)(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null;
}


/***/ })

};
