import { useTranslation } from "react-i18next";
import type { TrapdView } from "../../../../server/bank/trapd-schema";
import { useAppLocale } from "../../locale-context";
import type { DraftContent } from "../types";
import { pathLabel } from "./text-paths";

interface Props {
  content: DraftContent;
  blocking: TrapdView["blocking"];
}

/** How many strings the list names before it says "and N more". */
const SHOWN = 10;

/**
 * The strings that keep a draft from being published because TRAPD has not
 * adjudicated them in Arabic or English yet (the server refuses the publish with
 * 409 TRANSLATION_NOT_ADJUDICATED), each with its language.
 */
export function TrapdBlockingList({ content, blocking }: Props) {
  const { t } = useTranslation("ws-trapd");
  const { t: tw } = useTranslation("workspace");
  const { locale } = useAppLocale();
  if (blocking.length === 0) return null;
  const rest = blocking.length - SHOWN;
  return (
    <div className="notice notice--error" data-testid="publish-trapd">
      <p>{t("blocking.heading", { count: blocking.length })}</p>
      <ul>
        {blocking.slice(0, SHOWN).map((g) => (
          <li key={`${g.path}-${g.locale}`}>
            {t("blocking.item", {
              string: pathLabel(g.path, content, locale, tw),
              lang: t(`lang.${g.locale}`),
            })}
          </li>
        ))}
      </ul>
      {rest > 0 ? <p>{t("blocking.more", { count: rest })}</p> : null}
      <p>{t("blocking.where")}</p>
    </div>
  );
}
