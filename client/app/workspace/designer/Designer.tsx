import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadFailed } from "../../LoadFailed";
import { useJson } from "../../use-json";
import type { BankView } from "../types";
import { DesignerToolbar } from "./DesignerToolbar";
import { indexBank } from "./labels";
import { PreviewPanel } from "./PreviewPanel";
import { PublishPanel } from "./PublishPanel";
import { StructureEditor } from "./StructureEditor";
import { Tabs } from "./Tabs";
import { TextsEditor } from "./TextsEditor";
import { TranslationsPanel } from "./TranslationsPanel";
import { TrapdPanel } from "./TrapdPanel";
import { useDraft } from "./use-draft";
import { usePreloadPreview } from "./use-preload-preview";
import { useAppLocale } from "../../locale-context";

type Tab = "structure" | "texts" | "translations" | "review" | "preview" | "publish";
const TABS: Tab[] = ["structure", "texts", "translations", "review", "preview", "publish"];

/** `/workspace/instruments/<key>`: build, translate, preview and publish one instrument. */
export function Designer({ draftKey }: { draftKey: string }) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const draft = useDraft(draftKey);
  const [bankState, retryBank] = useJson<BankView>(`/api/bank?lang=${locale}`);
  const bank = useMemo(
    () => (bankState.kind === "ready" ? indexBank(bankState.data) : null),
    [bankState],
  );
  const [tab, setTab] = useState<Tab>("structure");
  usePreloadPreview();

  if (draft.state.kind === "failed")
    return <LoadFailed error={draft.state.error} onRetry={draft.reload} />;
  if (bankState.kind === "failed")
    return <LoadFailed error={bankState.error} onRetry={retryBank} />;
  if (draft.state.kind === "loading" || !bank) return <p role="status">{t("common:loading")}</p>;
  const { saved, content } = draft.state;

  // Preview, publish and the TRAPD review work on what is stored: save first.
  const select = (next: Tab) => {
    setTab(next);
    if (next === "preview" || next === "publish" || next === "review") void draft.persist();
  };
  const missing = saved.translations.filter((i) => i.status === "missing").length;
  const stale = saved.translations.length - missing;
  const saving = draft.save.kind === "saving";

  return (
    <div className="ws-designer">
      <DesignerToolbar draft={draft} saved={saved} content={content} />
      <Tabs
        label={t("designer.tabs")}
        current={tab}
        onSelect={select}
        tabs={TABS.map((id) => ({
          id,
          label:
            id === "translations" && saved.translations.length > 0
              ? t("designer.tab.translationsCount", { missing, stale })
              : id === "review"
                ? t("ws-trapd:tab")
                : t(`designer.tab.${id}`),
        }))}
      >
        {tab === "structure" ? (
          <StructureEditor
            content={content}
            bank={bank}
            problems={saved.problems}
            onEdit={draft.edit}
          />
        ) : tab === "texts" ? (
          <TextsEditor content={content} onEdit={draft.edit} />
        ) : tab === "translations" ? (
          <TranslationsPanel
            content={content}
            issues={saved.translations}
            current={!draft.dirty}
            onEdit={draft.edit}
            onConfirm={draft.confirm}
          />
        ) : draft.dirty || saving ? (
          <p role="status">{t("designer.savingFirst")}</p>
        ) : tab === "review" ? (
          <TrapdPanel
            draftKey={saved.key}
            content={content}
            onDraftChanged={() => void draft.refresh().catch(() => undefined)}
          />
        ) : tab === "preview" ? (
          <PreviewPanel draftKey={saved.key} revision={saved.revision} />
        ) : (
          <PublishPanel
            draft={saved}
            bank={bank}
            onPublished={() => void draft.refresh().catch(() => undefined)}
          />
        )}
      </Tabs>
    </div>
  );
}
