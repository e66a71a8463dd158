// The rule lives in core, where the server's URL fetching uses it too.
export { redactUrl } from '@heygen-assets/core';
