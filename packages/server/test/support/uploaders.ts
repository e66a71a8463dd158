import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface UploadResult {
  status: number;
  body: string;
}

/** The guide's `curl -T file -H 'Content-Type: …' <url>`. */
export async function uploadWithCurl(
  url: string,
  path: string,
  contentType: string,
): Promise<UploadResult> {
  const { stdout } = await run('curl', [
    '--silent',
    '--show-error',
    '--upload-file',
    path,
    '--header',
    `Content-Type: ${contentType}`,
    '--write-out',
    '\n%{http_code}',
    url,
  ]);
  const split = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(split + 1)), body: stdout.slice(0, split) };
}

/** Node `fetch` with a stream body: `duplex: 'half'` and an explicit `Content-Length`. */
export async function uploadWithFetchStream(
  url: string,
  path: string,
  contentType: string,
): Promise<UploadResult> {
  const { size } = await stat(path);
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': contentType, 'content-length': String(size) },
    body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, body: await response.text() };
}

const PYTHON_UPLOAD = `
import sys, requests
url, path = sys.argv[1], sys.argv[2]
with open(path, 'rb') as f:
    r = requests.put(url, data=f)
sys.stdout.write(str(r.status_code) + "\\n" + r.text)
`;

/** Python `requests.put(url, data=open(f, 'rb'))`, which sends no Content-Type at all. */
export async function uploadWithPythonRequests(url: string, path: string): Promise<UploadResult> {
  const python = await pythonWithRequests();
  const { stdout } = await run(python, ['-c', PYTHON_UPLOAD, url, path]);
  const split = stdout.indexOf('\n');
  return { status: Number(stdout.slice(0, split)), body: stdout.slice(split + 1) };
}

let foundPython: Promise<string> | undefined;

/** The first Python on this machine that has the `requests` package (.ci/run installs one). */
function pythonWithRequests(): Promise<string> {
  foundPython ??= (async () => {
    for (const candidate of ['python3', '/usr/bin/python3']) {
      const works = await run(candidate, ['-c', 'import requests']).then(
        () => true,
        () => false,
      );
      if (works) return candidate;
    }
    throw new Error('No python3 with the requests package: install python3-requests.');
  })();
  return foundPython;
}
