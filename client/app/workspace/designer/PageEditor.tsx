import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import { LocalizedFields } from "../LocalizedFields";
import type { DraftEntry, DraftPage } from "../types";
import { AddEntry } from "./AddEntry";
import type { ConditionTarget } from "./condition-target";
import { conditionProblem } from "./condition-words";
import { EntryRow } from "./EntryRow";
import { entryKey, entryText, idsOfEntry, type BankIndex } from "./labels";
import type { IdProblem } from "./question-ids";

interface Props {
  page: DraftPage;
  index: number;
  count: number;
  bank: BankIndex;
  /** Question ids asked on the pages before this one. */
  before: string[];
  /** The wording and answers of a question a condition may name. */
  targetOf: (id: string) => ConditionTarget;
  asked: ReadonlySet<string>;
  problems: Map<string, string>;
  onChange: (next: DraftPage, label: string) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  checkId: (from: string, to: string) => IdProblem | null;
  onRename: (from: string, to: string) => void;
}

function moved<T>(list: T[], i: number, by: -1 | 1): T[] {
  const next = [...list];
  [next[i], next[i + by]] = [next[i + by]!, next[i]!];
  return next;
}

/** One page: its titles, its questions in order, and adding more. */
export function PageEditor(props: Props) {
  const { page, index, count, bank, before, asked, problems, onChange, onMove, onRemove } = props;
  const { locale } = useAppLocale();
  const { t } = useTranslation("workspace");
  const ids = useId();
  const title = page.title[locale] || page.title.he || page.id;
  const [startOpen] = useState(page.title.he === "");
  const setEntries = (entries: DraftEntry[], label: string) =>
    onChange({ ...page, entries }, label);
  let earlier = before;
  return (
    <section className="ws-page" aria-labelledby={`${ids}-h`} data-testid={`page-${page.id}`}>
      <div className="ws-page__head">
        <h4 id={`${ids}-h`}>{t("designer.pageHeading", { n: index + 1, title })}</h4>
        <button
          type="button"
          className="ws-icon"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={t("designer.pageUp", { title })}
        >
          ↑
        </button>
        <button
          type="button"
          className="ws-icon"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={t("designer.pageDown", { title })}
        >
          ↓
        </button>
        <button type="button" className="ws-link-button ws-danger" onClick={onRemove}>
          {t("designer.removePage")}
          <span className="visually-hidden"> {title}</span>
        </button>
      </div>
      {problems.get(`pages.${page.id}`) ? (
        <p className="ws-problem">{t(`problems.${problems.get(`pages.${page.id}`)}`)}</p>
      ) : null}
      <details className="ws-page__texts" open={startOpen}>
        <summary>{t("designer.pageTexts")}</summary>
        <LocalizedFields
          label={t("designer.pageTitle")}
          value={page.title}
          russian
          onChange={(v) => onChange({ ...page, title: v }, t("designer.undo.pageTitle"))}
        />
      </details>
      <ol className="ws-entries">
        {page.entries.map((entry, i) => {
          const mine = earlier;
          earlier = [...earlier, ...idsOfEntry(entry, bank)];
          const at = `pages.${page.id}.entries.${i}`;
          return (
            <EntryRow
              key={entryKey(entry)}
              entry={entry}
              index={i}
              count={page.entries.length}
              bank={bank}
              earlier={mine}
              targetOf={props.targetOf}
              problem={problems.get(at) ?? conditionProblem(problems, at)}
              onChange={(next) =>
                setEntries(
                  page.entries.map((e, j) => (j === i ? next : e)),
                  t("designer.undo.edit"),
                )
              }
              onMove={(by) => setEntries(moved(page.entries, i, by), t("designer.undo.move"))}
              checkId={props.checkId}
              onRename={props.onRename}
              onRemove={() =>
                setEntries(
                  page.entries.filter((_e, j) => j !== i),
                  t("designer.undo.remove", { name: entryText(entry, bank, locale).slice(0, 40) }),
                )
              }
            />
          );
        })}
      </ol>
      <AddEntry
        bank={bank}
        asked={asked}
        onAdd={(entry) => setEntries([...page.entries, entry], t("designer.undo.add"))}
      />
    </section>
  );
}
