/**
 * Request body parsing as Discord accepts bodies: JSON, multipart/form-data (`payload_json` +
 * `files[n]`), and urlencoded forms (OAuth2 token exchange).
 */
import type { IncomingMessage } from 'node:http';
import { DiscordApiError } from './errors.js';
import type { UploadedFile } from './router.js';

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
}

const MAX_BODY = 25 * 1024 * 1024;

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new DiscordApiError(413, 40005, 'Request entity too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function invalidJson(): DiscordApiError {
  return new DiscordApiError(400, 50109, 'The request body contains invalid JSON.');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson();
  }
}

function parseMultipart(raw: Buffer, boundary: string): ParsedBody {
  const delimiter = Buffer.from(`--${boundary}`);
  const files: UploadedFile[] = [];
  let body: unknown;
  const fields: Record<string, string> = {};
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2); // skip CRLF after delimiter and before next
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const data = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
      if (filename !== undefined) files.push({ field: name, filename, contentType, data: Buffer.from(data) });
      else if (name === 'payload_json') body = parseJson(data.toString('utf8'));
      else fields[name] = data.toString('utf8');
    }
    start = next;
  }
  return { body: body ?? (Object.keys(fields).length ? fields : undefined), files };
}

/** Reads and parses the request body according to its Content-Type. */
export async function parseBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await readAll(req);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) return { body: parseJson(raw.toString('utf8')), files: [] };
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
    if (!boundary) throw new DiscordApiError(400, 50035, 'Invalid Form Body');
    return parseMultipart(raw, (boundary[1] ?? boundary[2])!.trim());
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
  }
  // Discord answers unknown content types as an empty or invalid JSON body.
  throw invalidJson();
}
