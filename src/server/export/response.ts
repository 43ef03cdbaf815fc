import "server-only";
import { Readable } from "node:stream";

/** A streamed download: the body is read as the client reads it, never buffered whole; not cached anywhere on the way. */
export function download(body: Readable, filename: string, contentType: string): Response {
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: { "Content-Type": contentType, "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
}
