// What the edit-conflict tests share: the shape of kring's entity tags, the
// If-Match values that are malformed, and a request with or without
// If-Match (docs/api.md, "Changing a record that someone else may change
// too").
import { api } from './harness.mjs';

export const STRONG_TAG = /^"[0-9a-f]{32}"$/;

// The If-Match header values that are no single quoted tag nor `*`.
export const MALFORMED = ['abc', '"a", "b"', '"open', `"${'a'.repeat(300)}"`, '* , "x"', '""x', ''];

// sendTo(world)(method, path, {body, ifMatch, who}): the request to
// /api/v1<path> as `who` (default: the world's professional pA), with the
// If-Match header only when ifMatch is given; answers as api() does.
export const sendTo = (getWorld) => (method, path, { body, ifMatch, who } = {}) => {
  const w = getWorld();
  return api(w.base, method, `/api/v1${path}`, {
    token: (who || w.pA).token,
    ...(body !== undefined ? { body } : {}),
    headers: ifMatch === undefined ? {} : { 'If-Match': ifMatch },
  });
};
