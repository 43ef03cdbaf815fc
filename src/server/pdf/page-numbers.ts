import "server-only";
import { ParseSpeeds, PDFDocument, type PDFFont, rgb, StandardFonts } from "pdf-lib";

// "Page n of N" drawn onto a PDF after react-pdf has laid it out (decision
// 051). A react-pdf footer Text with a `render` function costs about a
// quarter of a report's drawing: react-pdf lays every sheet out again to
// resolve it, once more for the total page count. Stamping the finished file
// with pdf-lib instead puts the same words at the same place (to a kerning
// pair's 0.3 pt: pdf-lib's drawText does not kern).

/** Where and how a document's page numbers are drawn: the react-pdf footer's own figures, so the two cannot drift apart. */
export type PageNumberFooter = {
  /** The words for a page, e.g. "Page 2 of 4"; only characters of the PDF standard fonts' WinAnsi encoding (Latin-1 and a few more, enough for Spanish). */
  text: (page: number, pages: number) => string;
  /** Helvetica's size in points. */
  size: number;
  /** The colour, "#rrggbb". */
  color: string;
  /** The footer's right edge: its distance from the page's right edge, in points. */
  right: number;
  /** The footer box's bottom: its distance from the page's bottom edge, in points (react-pdf's `bottom`). */
  bottom: number;
};

/**
 * The baseline of one line of Helvetica in a react-pdf box, above the box's
 * bottom, as a fraction of the font size: react-pdf gives the line 1.1 em
 * and sets the baseline 0.9 em from its top (measured from its content
 * stream: a 8.5 pt line at bottom 20 has its baseline at 21.7 pt).
 */
const BASELINE_ABOVE_BOTTOM = 0.2;

/** The PDF with each page's number drawn right-aligned on the footer's line, in Helvetica. */
export async function numberPages(pdf: Uint8Array, footer: PageNumberFooter): Promise<Buffer> {
  // Keep react-pdf's title, creator and dates: pdf-lib would otherwise write itself in as the producer and today as the modification date.
  // Parsed and saved in one go: by default pdf-lib waits for a timer every 50 to 100 objects, milliseconds of latency for a file of a few hundred.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const color = hexColor(footer.color);
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const text = footer.text(i + 1, pages.length);
    const { width } = page.getSize();
    page.drawText(text, {
      font,
      size: footer.size,
      color,
      x: width - footer.right - drawnWidth(font, text, footer.size),
      y: footer.bottom + BASELINE_ABOVE_BOTTOM * footer.size,
    });
  });
  // No object streams: react-pdf writes PDF 1.3, which has none. A Buffer (no copy), as renderToBuffer gave: nodemailer attaches Buffers.
  const out = await doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** The text's width as drawText draws it: glyph by glyph, without the kerning that widthOfTextAtSize counts (so the last glyph ends on the edge; react-pdf's kerned "Page" starts 0.3 pt further right). */
function drawnWidth(font: PDFFont, text: string, size: number): number {
  let width = 0;
  for (const char of text) width += font.widthOfTextAtSize(char, size);
  return width;
}

function hexColor(hex: string) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return rgb(parseInt(m[1]!, 16) / 255, parseInt(m[2]!, 16) / 255, parseInt(m[3]!, 16) / 255);
}
