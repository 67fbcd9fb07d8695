import { useTranslation } from "react-i18next";
import type { DraftContent, DraftPage, DraftView } from "../types";
import { conditionTarget } from "./condition-target";
import { askedIds, idsOfEntry, type BankIndex } from "./labels";
import { PageEditor } from "./PageEditor";
import { checkQuestionId, renameQuestion } from "./question-ids";
import { useAppLocale } from "../../locale-context";

interface Props {
  content: DraftContent;
  bank: BankIndex;
  problems: DraftView["problems"];
  onEdit: (next: DraftContent, label: string) => void;
}

/** The instrument's pages and questions: reorder, add from the bank, conditions, custom questions. */
export function StructureEditor({ content, bank, problems, onEdit }: Props) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const byPath = new Map(problems.map((p) => [p.path, p.code]));
  const asked = new Set(askedIds(content, bank));
  const setPages = (pages: DraftPage[], label: string) => onEdit({ ...content, pages }, label);

  function addPage() {
    let n = content.pages.length + 1;
    while (content.pages.some((p) => p.id === `page_${n}`)) n += 1;
    setPages(
      [...content.pages, { id: `page_${n}`, title: { he: "", ar: "", en: "" }, entries: [] }],
      t("designer.undo.addPage"),
    );
  }

  let before: string[] = [];
  return (
    <div className="ws-structure">
      {byPath.get("pages") ? (
        <p className="ws-problem">{t(`problems.${byPath.get("pages")}`)}</p>
      ) : null}
      {content.pages.map((page, i) => {
        const mine = before;
        before = [...before, ...page.entries.flatMap((e) => idsOfEntry(e, bank))];
        return (
          <PageEditor
            key={page.id}
            page={page}
            index={i}
            count={content.pages.length}
            bank={bank}
            before={mine}
            targetOf={(id) => conditionTarget(content, bank, id)}
            asked={asked}
            problems={byPath}
            checkId={(from, to) => checkQuestionId(content, bank, from, to)}
            onRename={(from, to) =>
              onEdit(renameQuestion(content, from, to), t("designer.undo.rename", { from, to }))
            }
            onChange={(next, label) =>
              setPages(
                content.pages.map((p, j) => (j === i ? next : p)),
                label,
              )
            }
            onMove={(by) => {
              const pages = [...content.pages];
              [pages[i], pages[i + by]] = [pages[i + by]!, pages[i]!];
              setPages(pages, t("designer.undo.movePage"));
            }}
            onRemove={() => {
              const title = page.title[locale] || page.id;
              // A page may hold many questions: ask first (undo also brings it back).
              if (
                !window.confirm(
                  t("designer.confirmRemovePage", { title, count: page.entries.length }),
                )
              )
                return;
              setPages(
                content.pages.filter((_p, j) => j !== i),
                t("designer.undo.removePage", { title }),
              );
            }}
          />
        );
      })}
      <button type="button" className="button button--secondary" onClick={addPage}>
        {t("designer.addPage")}
      </button>
    </div>
  );
}
