export const id = 13;
export const ids = [13];
export const modules = {

/***/ 2013:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   sendMail: () => (/* binding */ sendMail)
/* harmony export */ });
/* unused harmony export explainSmtpError */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _switchyard_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9501);
/* harmony import */ var _targets__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2198);
// E-mail through SMTP with nodemailer (loaded lazily: the fail-fast path never
// pays for it). STARTTLS is required on smtp://, TLS is implicit on smtps://,
// certificates are always verified. Connection trouble and 4xx replies are
// retried to the deadline; a refused login, refused recipients or an
// untrusted certificate are named and not retried.





const CERT_CODES = /CERT|SELF_SIGNED|self[- ]signed|UNABLE_TO_VERIFY|unable to verify|ERR_TLS_CERT_ALTNAME_INVALID|UNABLE_TO_GET_ISSUER|certificate/i;
/** Turns nodemailer's error into one that says what to fix; transient ones stay plain Failures (retried). */
function explainSmtpError(e, t) {
    const where = `${t.smtp.secure ? 'smtps' : 'smtp'}://${t.smtp.host}:${t.smtp.port}`;
    const causeCode = e.cause?.code ?? '';
    const text = `${e.message} ${causeCode}`;
    if (e.code === 'EAUTH' || e.code === 'ENOAUTH')
        return new _switchyard_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`SMTP ${where}: the server refused the login for ${JSON.stringify(t.username)} (${e.response ?? e.message})`, {
            hint: 'Check smtp-username and the smtp-password secret.',
        });
    if (e.code === 'EENVELOPE')
        return new _switchyard_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`SMTP ${where}: the server refused ${e.rejected?.length ? `the recipient(s) ${e.rejected.join(', ')}` : 'the envelope'} (${e.response ?? e.message})`, {
            hint: 'Check mail-to and mail-from.',
        });
    if (CERT_CODES.test(text))
        return new _switchyard_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`SMTP ${where}: the server's certificate is not trusted (${causeCode || e.message})`, {
            hint: 'Give the CA (or the self-signed certificate) in smtp-ca-file; certificates are always verified.',
        });
    if (e.code === 'ETLS' && /STARTTLS/i.test(e.message))
        return new _switchyard_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`SMTP ${where}: the server does not offer STARTTLS, which smtp:// requires (${e.message})`, {
            hint: 'Use smtps:// if the server speaks implicit TLS, or a server that offers STARTTLS.',
        });
    if (e.responseCode && e.responseCode >= 500)
        return new _switchyard_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`SMTP ${where}: ${e.response ?? e.message}`);
    return new _switchyard_kit__WEBPACK_IMPORTED_MODULE_3__/* .Failure */ .HR(`SMTP ${where}: ${e.code ? `${e.code}: ` : ''}${(0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
}
async function sendMail(t, content, opts) {
    const nodemailer = await __webpack_require__.e(/* import() */ 504).then(__webpack_require__.bind(__webpack_require__, 5504));
    // An extra CA adds to Node's bundled ones instead of replacing them.
    const ca = t.caFile ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(t.caFile, 'utf8') : undefined;
    const perStep = () => Math.max(1000, Math.min(15_000, opts.deadline.remaining()));
    return (0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L5)(async () => {
        const transport = nodemailer.createTransport({
            host: t.smtp.host,
            port: t.smtp.port,
            secure: t.smtp.secure,
            requireTLS: !t.smtp.secure,
            ...(t.username ? { auth: { user: t.username, pass: t.password } } : {}),
            // SNI takes host names only; an IP address is still checked against the certificate's SAN.
            tls: { minVersion: 'TLSv1.2', ...((0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(t.smtp.host) ? {} : { servername: t.smtp.host }), ...(ca ? { ca: [...node_tls__WEBPACK_IMPORTED_MODULE_2__.rootCertificates, ca] } : {}) },
            connectionTimeout: perStep(),
            greetingTimeout: perStep(),
            socketTimeout: perStep(),
        });
        try {
            const info = await transport.sendMail({
                from: (0,_targets__WEBPACK_IMPORTED_MODULE_4__/* .formatAddress */ .M0)(t.from),
                to: t.to.map(_targets__WEBPACK_IMPORTED_MODULE_4__/* .formatAddress */ .M0),
                subject: content.subject,
                text: content.text,
                html: content.html,
                headers: content.headers,
            });
            return { messageId: String(info.messageId), accepted: (info.accepted ?? []).map(String) };
        }
        catch (e) {
            throw explainSmtpError(e, t);
        }
        finally {
            transport.close();
        }
    }, {
        label: `send mail via ${t.smtp.host}:${t.smtp.port}`,
        timeoutMs: opts.deadline.remaining(),
        initialMs: 500,
        maxMs: 4000,
        log: opts.log,
        sleep: opts.sleep ?? _switchyard_kit__WEBPACK_IMPORTED_MODULE_3__/* .realSleep */ .uk,
    });
}


/***/ })

};
