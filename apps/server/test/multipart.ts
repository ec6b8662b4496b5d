/** A multipart/form-data body with one file in the `file` field, as a browser's upload sends it. */
export function multipart(filename: string, bytes: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----parleytest';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

type TInjects = {
  inject: (opts: {
    method: 'POST';
    url: string;
    payload: Buffer;
    headers: Record<string, string>;
  }) => unknown;
};

/** Posts one file to `url` on a server, with the credentials given (a session's or a visitor's headers). */
export function uploadFile<A extends TInjects>(
  app: A,
  url: string,
  auth: Record<string, string>,
  file: { filename: string; bytes: Buffer; contentType?: string },
): ReturnType<A['inject']> {
  const { payload, headers } = multipart(file.filename, file.bytes, file.contentType);
  return app.inject({ method: 'POST', url, payload, headers: { ...headers, ...auth } }) as ReturnType<
    A['inject']
  >;
}

/** The headers a signed-in owner's browser sends with a write: the session cookie and the CSRF token. */
export const ownerHeaders = (ws: { owner: { cookie: string; csrfToken: string } }) => ({
  cookie: ws.owner.cookie,
  'x-csrf-token': ws.owner.csrfToken,
});
