import { LOCALES, type Locale, type LocalizedText } from "../shared/locales";
import type { InstrumentSnapshot } from "./snapshot";
import { DONT_KNOW } from "./survey-json";
import { codebookWords } from "./codebook-words";
import { conditionInWords } from "./condition-words";

/** One variable of an instrument, as a codebook describes it. */
export interface CodebookRow {
  variable: string;
  page: string;
  kind: string;
  construct: string;
  subscale: string;
  control: string;
  text: LocalizedText;
  /** "value = label" pairs in each language, the missing code last. */
  values: LocalizedText;
  reverse: boolean;
  scored: boolean;
  visibleIf: string;
  maxLength: string;
  source: string;
  /** Version history: the item this one replaced in a later edition, and why. */
  replaces: string;
  change: string;
}

// Russian is a respondent language; the codebook shows it where the bank has it.
const CODEBOOK_LOCALES = [...LOCALES, "ru"] as const;

function valuesOf(item: InstrumentSnapshot["pages"][number]["items"][number]): LocalizedText {
  const scale = item.scale;
  const out = { he: "", ar: "", en: "", ru: "" };
  if (!scale) return out;
  for (const l of CODEBOOK_LOCALES) {
    const pairs = scale.points.map((p) => `${p.value} = ${p.label[l] ?? ""}`);
    if (item.dontKnow) pairs.push(`${DONT_KNOW} = ${scale.dontKnowLabel[l] ?? ""}`);
    out[l] = pairs.join("; ");
  }
  return out;
}

/** The codebook rows of an instrument: every question, consent first, in page order. */
export function codebookRows(snapshot: InstrumentSnapshot): CodebookRow[] {
  const consent: CodebookRow = {
    variable: "consent",
    page: "consent",
    kind: "consent",
    construct: "",
    subscale: "",
    control: "boolean",
    text: snapshot.texts.consent,
    values: { he: "true", ar: "true", en: "true", ru: "true" },
    reverse: false,
    scored: false,
    visibleIf: "",
    maxLength: "",
    source: "",
    replaces: "",
    change: "",
  };
  return [
    consent,
    ...snapshot.pages.flatMap((page) =>
      page.items.map((item) => ({
        variable: item.id,
        page: page.id,
        kind: item.kind,
        construct: item.constructId ?? "",
        subscale: item.subscale ?? "",
        control: item.control,
        text: item.text,
        values: valuesOf(item),
        reverse: item.reverse,
        scored: item.kind === "item" && item.scored,
        visibleIf: item.visibleIf ?? "",
        maxLength: item.maxLength === undefined ? "" : String(item.maxLength),
        source: item.source ?? "",
        replaces: item.replaces ?? "",
        change: item.change ?? "",
      })),
    ),
  ];
}

const CSV_COLUMNS = [
  "variable",
  "page",
  "kind",
  "construct",
  "subscale",
  "control",
  "text_he",
  "text_ar",
  "text_en",
  "values_he",
  "values_ar",
  "values_en",
  "reverse",
  "scored",
  "visible_if",
  "max_length",
  "source",
  "text_ru",
  "values_ru",
  "replaces",
  "change",
  "visible_if_words",
];

// RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet shows text, not a formula.
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The codebook as CSV: UTF-8 with a byte-order mark and CRLF line ends, so Excel
 * opens Hebrew and Arabic correctly on a double click. Its last column says each
 * condition in words in the codebook's language.
 */
export function codebookCsv(snapshot: InstrumentSnapshot, locale: Locale = "en"): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of codebookRows(snapshot)) {
    const cells = [
      r.variable,
      r.page,
      r.kind,
      r.construct,
      r.subscale,
      r.control,
      r.text.he,
      r.text.ar,
      r.text.en,
      r.values.he,
      r.values.ar,
      r.values.en,
      r.reverse ? "yes" : "no",
      r.scored ? "yes" : "no",
      r.visibleIf,
      r.maxLength,
      r.source,
      r.text.ru ?? "",
      r.values.ru ?? "",
      r.replaces,
      r.change,
      (r.visibleIf && conditionInWords(snapshot, r.visibleIf, locale)) || "",
    ];
    lines.push(cells.map(csvCell).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** A condition as its expression, then in words with the answers' labels where it can be. */
function shownIf(snapshot: InstrumentSnapshot, visibleIf: string, locale: Locale): string {
  const words = conditionInWords(snapshot, visibleIf, locale);
  return `\`${visibleIf}\`${words ? ` (${md(words)})` : ""}`;
}

/**
 * The codebook as Markdown: constructs, then one section per variable, its own
 * words in the codebook's language (the wording and values in every language).
 */
export function codebookMarkdown(
  snapshot: InstrumentSnapshot,
  version?: number,
  locale: Locale = "en",
): string {
  const t = codebookWords(locale);
  const yesNo = (b: boolean) => (b ? t("yes") : t("no"));
  const title = t("title", {
    title: snapshot.title[locale],
    key: snapshot.key,
    edition: snapshot.edition ? t("edition", { n: snapshot.edition }) : "",
    version: version ? t("version", { n: version }) : "",
  });
  const out: string[] = [
    `# ${title}`,
    "",
    t("intro", { hash: snapshot.contentHash, missing: DONT_KNOW }),
    "",
    `## ${t("constructs")}`,
    "",
    t("constructHead"),
    "|---|---|---|---|---|---|",
    ...snapshot.constructs.map(
      (c) =>
        `| ${c.id} (${md(c.name[locale])}) | ${c.kind} | ${c.itemIds.join(", ")} | ${c.scale.min}–${c.scale.max} | ${c.favourableFrom ?? ""} | ${md(c.source)} |`,
    ),
    "",
    `## ${t("variables")}`,
  ];
  for (const r of codebookRows(snapshot)) {
    out.push(
      "",
      `### ${r.variable}`,
      "",
      `- ${t("page")}: ${r.page}; ${t("kind")}: ${r.kind}; ${t("control")}: ${r.control}` +
        (r.construct ? `; ${t("construct")}: ${r.construct} / ${r.subscale}` : "") +
        `; ${t("reverse")}: ${yesNo(r.reverse)}; ${t("scored")}: ${yesNo(r.scored)}` +
        (r.visibleIf ? `; ${t("shownIf")} ${shownIf(snapshot, r.visibleIf, locale)}` : "") +
        (r.maxLength ? `; ${t("maxLength")} ${r.maxLength}` : ""),
      ...(r.source ? [`- ${t("source")}: ${md(r.source)}`] : []),
      ...(r.replaces ? [`- ${t("history", { item: r.replaces, change: md(r.change) })}`] : []),
      "",
      "| | he | ar | en | ru |",
      "|---|---|---|---|---|",
      `| ${t("wording")} | ${md(r.text.he)} | ${md(r.text.ar)} | ${md(r.text.en)} | ${md(r.text.ru ?? "")} |`,
      `| ${t("values")} | ${md(r.values.he)} | ${md(r.values.ar)} | ${md(r.values.en)} | ${md(r.values.ru ?? "")} |`,
    );
  }
  return `${out.join("\n")}\n`;
}
