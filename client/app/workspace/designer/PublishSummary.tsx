import { useTranslation } from "react-i18next";
import { LoadFailed } from "../../LoadFailed";
import type { Loaded } from "../../use-json";
import type { DraftDiff, DraftView, PublishResult } from "../types";
import { BreakList } from "./BreakList";
import type { BankIndex } from "./labels";

/** What publishing the draft would break against the latest version, as read from the server. */
export function DraftDiffSummary({
  diff,
  retry,
  bank,
  draft,
}: {
  diff: Loaded<DraftDiff>;
  retry: () => void;
  bank: BankIndex;
  draft: DraftView;
}) {
  const { t } = useTranslation("workspace");
  if (diff.kind === "failed") return <LoadFailed error={diff.error} onRetry={retry} />;
  if (diff.kind === "loading") return <p role="status">{t("common:loading")}</p>;
  const { fromVersion, continuous, breaks } = diff.data;
  if (fromVersion === null) return <p data-testid="diff-first">{t("publish.first")}</p>;
  if (continuous)
    return <p data-testid="diff-continuous">{t("publish.noBreaks", { from: fromVersion })}</p>;
  return (
    <>
      <p>{t("publish.breaksSince", { count: breaks.length, from: fromVersion })}</p>
      <BreakList breaks={breaks} bank={bank} content={draft} />
    </>
  );
}

/** The version just published (or the latest, when nothing had changed) and its series breaks. */
export function PublishDone({
  result: r,
  bank,
  draft,
}: {
  result: PublishResult;
  bank: BankIndex;
  draft: DraftView;
}) {
  const { t } = useTranslation("workspace");
  return (
    <div className="ws-publish" role="status" data-testid="publish-result">
      <h3>
        {r.created
          ? t("publish.published", { version: r.version })
          : t("publish.unchanged", { version: r.version })}
      </h3>
      {r.fromVersion !== null ? (
        r.continuous ? (
          <p>{t("publish.continuous", { from: r.fromVersion })}</p>
        ) : (
          <>
            <p>{t("publish.breaksSince", { count: r.breaks.length, from: r.fromVersion })}</p>
            <BreakList breaks={r.breaks} bank={bank} content={draft} />
          </>
        )
      ) : null}
    </div>
  );
}
