// A small multipart/form-data reader for the fakes: what @slack/web-api posts to an upload URL
// and what discord.js sends with files (`payload_json` plus `files[n]`).

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  bytes: Buffer;
}

/** The parts of a multipart/form-data body, or null when it is not one. */
export function parseMultipart(raw: Buffer, contentType: string | undefined): FormPart[] | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!contentType?.toLowerCase().startsWith('multipart/form-data') || !boundary) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: FormPart[] = [];
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const headerEnd = raw.indexOf('\r\n\r\n', at);
    const next = raw.indexOf(delimiter, at + delimiter.length);
    if (headerEnd < 0 || next < 0) break;
    const headers = raw.subarray(at + delimiter.length, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), ...(type ? { contentType: type } : {}), bytes: raw.subarray(headerEnd + 4, next - 2) });
    at = next;
  }
  return parts;
}
