import { useTranslation } from "react-i18next";
import type { formatsFor } from "./format";
import type { AuthorityResults } from "./types";

/** Says that a background job is bringing the figures up to date, and how far it is. */
export function UpdatingNote({
  updating,
  fmt,
}: {
  updating: NonNullable<AuthorityResults["updating"]>;
  fmt: ReturnType<typeof formatsFor>;
}) {
  const { t } = useTranslation("results");
  const { done, total } = updating;
  return (
    <div className="updating-note" role="status">
      <p>
        {t(updating.reason === "arrived" ? "updatingArrived" : "updatingRecompute", {
          done: fmt.count(done),
          total: fmt.count(total),
        })}
      </p>
      <progress value={done} max={Math.max(total, 1)} aria-label={t("updatingProgress")} />
    </div>
  );
}
