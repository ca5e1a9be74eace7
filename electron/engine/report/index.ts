/** Reports of an audit for people outside MailTLS. */
export { renderHtmlReport } from './html.js';
export { renderRecipientHtml } from './recipient-html.js';
