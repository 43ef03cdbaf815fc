import "server-only";
import { Document, Page, Path, renderToBuffer, StyleSheet, Svg, Text, View } from "@react-pdf/renderer";
import { pageNumberText } from "@/domain/family-report/text";
import type { FamilyReport } from "@/server/family-report/report";
import "./fonts";
import { GraphPdf } from "./graph";
import { numberPages, type PageNumberFooter } from "./page-numbers";

// The family progress report as a PDF, drawn by @react-pdf/renderer on the
// server as the referral packet is (decision 016): real text in Helvetica (a
// PDF standard font whose encoding has Spanish's accents, ñ, ¿ and ¡), the
// goals' graphs from the same layout as the page, the words from the same
// catalogue sentences (src/domain/family-report/text.ts).

/** The checks table's width, and the height a row of it has always had (react-pdf gave the row's 10 pt cells 25.2 pt, plus 1.5 pt above and below and the 0.5 pt rule). */
const TABLE_WIDTH = 300;
const ROW = 28.7;
/** The longest cell taken to fit on one line of a 150 pt column: 10 pt Helvetica averages about 5.5 pt a character in dates and scores (24 are about 130 pt). */
const ONE_LINE = 24;

/** The footer: its page numbers are drawn after layout (numberPages) at these figures, its other words by react-pdf. */
const FOOTER = { bottom: 20, side: 40, size: 8.5, color: "#475569" };
/** Room kept free at the footer's right for the page number ("Página 100 de 100" is 71 pt at 8.5 pt). */
const PAGE_NUMBER_ROOM = 80;

const s = StyleSheet.create({
  // No lineHeight on the page: with one, react-pdf leaves out the fixed footer whose page numbers are rendered per page. The body carries it.
  page: { padding: 40, paddingBottom: 48, fontSize: 11.5, fontFamily: "Helvetica", color: "#0f172a" },
  body: { lineHeight: 1.4 },
  h1: { fontSize: 18, fontFamily: "Helvetica-Bold", marginBottom: 2 },
  sub: { color: "#334155", marginBottom: 10, fontSize: 10 },
  notice: { borderWidth: 1, borderColor: "#b45309", backgroundColor: "#fffbeb", padding: 6, marginBottom: 8 },
  h2: { fontSize: 14, fontFamily: "Helvetica-Bold", marginTop: 14, marginBottom: 4, paddingBottom: 2, borderBottomWidth: 1, borderBottomColor: "#94a3b8" },
  h3: { fontSize: 12.5, fontFamily: "Helvetica-Bold", marginTop: 8, marginBottom: 3 },
  p: { marginBottom: 3 },
  strong: { fontFamily: "Helvetica-Bold", marginBottom: 3 },
  fact: { flexDirection: "row", paddingVertical: 1 },
  term: { width: 120, fontFamily: "Helvetica-Bold" },
  value: { flex: 1 },
  note: { color: "#334155", fontSize: 10 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#cbd5e1", paddingVertical: 1.5, width: TABLE_WIDTH },
  rows: { width: TABLE_WIDTH },
  column: { position: "absolute", top: 1.5, width: TABLE_WIDTH / 2, fontSize: 10, lineHeight: `${ROW}pt` },
  rules: { position: "absolute", top: 0, left: 0 },
  head: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#64748b", paddingVertical: 1.5, fontFamily: "Helvetica-Bold", width: 300 },
  cell: { flex: 1, fontSize: 10 },
  footer: { position: "absolute", bottom: FOOTER.bottom, left: FOOTER.side, right: FOOTER.side, paddingRight: PAGE_NUMBER_ROOM, fontSize: FOOTER.size, color: FOOTER.color },
});

/** The PDF file's name, for the download and the email attachment alike: the student's local id, the language and the day, never the name. */
export function familyReportFileName(report: Pick<FamilyReport, "localId" | "today"> & { text: Pick<FamilyReport["text"], "lang"> }): string {
  return `family-report-${report.localId.replace(/[^A-Za-z0-9_-]/g, "")}-${report.text.lang}-${report.today}.pdf`;
}

type Text_ = FamilyReport["text"];

function Opening({ t }: { t: Text_ }) {
  return (
    <>
      <Text style={s.h1}>{t.title}</Text>
      <Text style={s.sub}>{t.subtitle}</Text>
      {t.notices.map((n) => (
        <Text key={n} style={s.notice}>
          {n}
        </Text>
      ))}
      <Text style={s.p}>{t.greeting}</Text>
      <Text style={s.p}>{t.intro}</Text>

      <Text style={s.h2} minPresenceAhead={60}>
        {t.schoolHeading}
      </Text>
      {t.school.map((line) => (
        <Text key={line} style={s.p}>
          {line}
        </Text>
      ))}

      <Text style={s.h2} minPresenceAhead={60}>
        {t.howHeading}
      </Text>
      <Text style={s.p}>{t.noGoals ?? t.checksExplained}</Text>
    </>
  );
}

function Goal({ g, graph, lang }: { g: Text_["goals"][number]; graph: FamilyReport["graphs"][number]; lang: string }) {
  return (
    <View>
      <Text style={s.h3} minPresenceAhead={120}>
        {g.heading}
      </Text>
      <Text style={s.p}>{g.sentence}</Text>
      {g.facts.map(([term, value]) => (
        <View key={term} style={s.fact} wrap={false}>
          <Text style={s.term}>{term}</Text>
          <Text style={s.value}>{value}</Text>
        </View>
      ))}
      <Text style={s.p}>{g.checkCount}</Text>
      {g.trend.map((line) => (
        <Text key={line} style={s.p}>
          {line}
        </Text>
      ))}
      <Text style={s.strong}>{g.nextStep}</Text>
      <View wrap={false}>
        <Text style={s.strong}>{g.graphTitle}</Text>
        <GraphPdf graph={graph} locale={lang} />
        <Text style={s.note}>{g.graphKey.join(" ")}</Text>
      </View>
      {g.table.length ? (
        <View wrap={false} style={{ marginTop: 6 }}>
          <Text style={s.strong}>{g.tableCaption}</Text>
          <View style={s.head}>
            <Text style={s.cell}>{g.tableHead[0]}</Text>
            <Text style={s.cell}>{g.tableHead[1]}</Text>
          </View>
          <ChecksTable rows={g.table} />
        </View>
      ) : null}
    </View>
  );
}

/**
 * The table's rows as two columns of one text each, a row a line, with the
 * rules between rows drawn as one path: the same words at the same places
 * and the same rules as a View with two Texts per row, in 4 react-pdf
 * elements instead of 3 per row. Why (decision 051): react-pdf walks and lays
 * out every element of a page again for each sheet it breaks off and for the
 * page-number footer. A cell long enough to wrap (a district's own measure
 * with a long unit) would pull its column's lines out of step, so such a
 * table keeps a View per row.
 */
function ChecksTable({ rows }: { rows: [string, string][] }) {
  if (rows.some(([date, score]) => date.length > ONE_LINE || score.length > ONE_LINE)) {
    return rows.map(([date, score], row) => (
      <View key={row} style={s.row}>
        <Text style={s.cell}>{date}</Text>
        <Text style={s.cell}>{score}</Text>
      </View>
    ));
  }
  const rules = rows.map((_, i) => `M0 ${(i + 1) * ROW - 0.25}H${TABLE_WIDTH}`).join("");
  return (
    <View style={[s.rows, { height: rows.length * ROW }]}>
      <Svg style={s.rules} width={TABLE_WIDTH} height={rows.length * ROW}>
        <Path d={rules} stroke="#cbd5e1" strokeWidth={0.5} />
      </Svg>
      <Text style={[s.column, { left: 0 }]}>{rows.map(([date]) => date).join("\n")}</Text>
      <Text style={[s.column, { left: TABLE_WIDTH / 2 }]}>{rows.map(([, score]) => score).join("\n")}</Text>
    </View>
  );
}

function Closing({ t }: { t: Text_ }) {
  return (
    <>
      <Text style={s.h2} minPresenceAhead={60}>
        {t.atHomeHeading}
      </Text>
      {t.atHome.note ? <Text style={s.note}>{t.atHome.note}</Text> : null}
      <Text style={s.p}>{t.atHome.text}</Text>

      <Text style={s.h2} minPresenceAhead={40}>
        {t.questionsHeading}
      </Text>
      <Text style={s.p}>{t.questions}</Text>

      <Text style={s.h2} minPresenceAhead={40}>
        {t.glossaryHeading}
      </Text>
      {t.glossary.map((line) => (
        <Text key={line} style={s.p}>
          • {line}
        </Text>
      ))}
    </>
  );
}

/**
 * The report's pages: the opening with the first goal, then each further
 * goal from the top of a page (the last with the closing sections), each a
 * react-pdf <Page> of its own that wraps onto as many sheets as it needs.
 * Why (decision 043): react-pdf lays out all of a <Page>'s remaining content
 * again for every sheet it breaks off (three times with the page-number
 * footer), so one long <Page> costs about the square of its length; a goal
 * per <Page> keeps each about a sheet long, and a family reads each goal
 * with its graph and table together.
 */
function FamilyReportPdf({ report }: { report: FamilyReport }) {
  const t = report.text;
  const goals = t.goals.map((g, i) => <Goal key={i} g={g} graph={report.graphs[i]!} lang={t.lang} />);
  const last = Math.max(goals.length - 1, 0);
  const sheets = goals.length ? goals.map((goal, i) => (i === 0 ? [<Opening key="o" t={t} />, goal] : [goal])) : [[<Opening key="o" t={t} />]];
  sheets[last]!.push(<Closing key="c" t={t} />);
  return (
    <Document title={t.documentTitle} subject={t.documentTitle} creator="MTSS case manager" language={t.lang}>
      {sheets.map((content, i) => (
        <Page key={i} size="LETTER" style={s.page}>
          <View style={s.body}>{content}</View>
          <View style={s.footer} fixed>
            <Text>{t.footer}</Text>
          </View>
        </Page>
      ))}
    </Document>
  );
}

/**
 * The report's PDF file, for the download and the email alike: laid out by
 * react-pdf, then each page numbered ("Page 2 of 4", in the report's
 * language) by pdf-lib. Why not a react-pdf footer Text with `render`
 * (decision 051): react-pdf lays every sheet out again to resolve it, about
 * a quarter of the drawing.
 */
export async function renderFamilyReportPdf(report: FamilyReport): Promise<Buffer> {
  // Called as a function (it has no hooks): renderToBuffer wants the <Document> element itself.
  const pdf = await renderToBuffer(FamilyReportPdf({ report }));
  const lang = report.text.lang;
  const footer: PageNumberFooter = { text: (page, pages) => pageNumberText(lang, page, pages), size: FOOTER.size, color: FOOTER.color, right: FOOTER.side, bottom: FOOTER.bottom };
  return numberPages(pdf, footer);
}
