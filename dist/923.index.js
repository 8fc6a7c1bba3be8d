export const id = 923;
export const ids = [923];
export const modules = {

/***/ 923:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   task: () => (/* binding */ task)
/* harmony export */ });
/* harmony import */ var _chatwork_requests_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(349);
/* harmony import */ var _compose_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(943);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(242);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(916);
/* harmony import */ var _html_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(878);
/* harmony import */ var _preview_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(743);
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(666);
/* harmony import */ var _rooms_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(124);








async function task(settings, deps, context) {
    // The assignees are told by the task itself: no [To:] in its body.
    const body = await (0,_compose_js__WEBPACK_IMPORTED_MODULE_1__/* .composeMessage */ .S)(settings, context, message => deps.log.warning(message));
    const { roomIds, assignees, limit, timeZone } = settings;
    // The same chunk that read task-due (inputs.ts loads it too), not a copy in this one.
    const { describeLimit } = await __webpack_require__.e(/* import() */ 257).then(__webpack_require__.bind(__webpack_require__, 257));
    const due = describeLimit(limit, timeZone);
    if (settings.dryRun) {
        deps.log.info(`The task would be assigned to ${assignees.join(', ')}, due: ${due}.`);
        return (0,_result_js__WEBPACK_IMPORTED_MODULE_4__/* .dryRun */ .PA)(deps, roomIds.map(room => _chatwork_requests_js__WEBPACK_IMPORTED_MODULE_0__/* .requests */ .z.createTask(room, body, assignees, limit)), body);
    }
    const names = await (0,_rooms_js__WEBPACK_IMPORTED_MODULE_5__/* .warnAboutNonMembers */ ._c)(deps, roomIds, assignees, 'Chatwork will refuse to assign the task to {them}');
    const since = Date.now();
    const settled = await (0,_rooms_js__WEBPACK_IMPORTED_MODULE_5__/* .inEveryRoom */ .kk)(roomIds, async (roomId) => {
        const ids = await (0,_result_js__WEBPACK_IMPORTED_MODULE_4__/* .attempt */ .CD)(`create the task in room ${roomId}`, () => deps.client.createTask(roomId, body, assignees, limit, since), adviceForTask);
        deps.log.info(`Created task${ids.length > 1 ? 's' : ''} ${ids.join(', ')} in room ${roomId} for ${assignees.join(', ')}, due: ${due}.`);
        return ids;
    });
    const outputs = taskOutputs(roomIds, settled.delivered);
    const shown = { body, due, assignees, names };
    if (settled.failed.length > 0) {
        const error = (0,_rooms_js__WEBPACK_IMPORTED_MODULE_5__/* .deliveryFailure */ .lK)(roomIds, settled, outputs);
        error.summarize = page => summarize(page, shown, settled);
        throw error;
    }
    return { outputs, summarize: page => summarize(page, shown, settled) };
}
/** `task-ids`: one room's ids as a JSON array; for several rooms, an object of arrays by room. */
function taskOutputs(roomIds, delivered) {
    const ids = roomIds.length === 1
        ? (delivered[0]?.value ?? [])
        : Object.fromEntries(delivered.map(d => [d.roomId, d.value]));
    return { [_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Output */ .k7.taskIds]: JSON.stringify(ids) };
}
function adviceForTask(error) {
    const failure = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UnconfirmedError */ .b ? error.failure : error;
    if (!(failure instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ChatworkHttpError */ ._2))
        return undefined;
    if (failure.status === 400) {
        return "Check 'to': every assignee must be a member of the room (Chatwork's words are quoted above).";
    }
    if (failure.status === 403) {
        return "The token's user may not add tasks in this room (a read-only member cannot).";
    }
    return undefined;
}
function summarize(page, { body, due, assignees, names }, { delivered, failed }) {
    page.addHeading(failed.length > 0 ? 'Chatwork task not created everywhere' : 'Chatwork task created', 3);
    const people = assignees.map(id => (names.has(id) ? `${names.get(id)} (${id})` : id));
    page.addRaw(`<p>For ${(0,_html_js__WEBPACK_IMPORTED_MODULE_6__/* .htmlText */ .js)(people.join(', '))}; due: ${(0,_html_js__WEBPACK_IMPORTED_MODULE_6__/* .htmlText */ .js)(due)}</p>`, true);
    for (const { roomId, value } of delivered) {
        page.addRaw(`<p>Room ${roomId}: task${value.length > 1 ? 's' : ''} ${value.join(', ')}</p>`, true);
    }
    for (const [roomId, reason] of failed) {
        page.addRaw(`<p>Room ${roomId}: failed: ${(0,_html_js__WEBPACK_IMPORTED_MODULE_6__/* .htmlText */ .js)((0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .bD)(reason))}</p>`, true);
    }
    page.addRaw((0,_preview_js__WEBPACK_IMPORTED_MODULE_7__/* .previewWithSource */ .M)(body, names), true);
}


/***/ })

};
