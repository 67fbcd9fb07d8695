import { useTranslation } from "react-i18next";
import type { WaveView } from "./api";

/** A shape per status as well as a colour and a word: never colour alone. */
const MARK: Record<WaveView["status"], string> = {
  draft: "✎",
  open: "●",
  paused: "❚❚",
  closed: "■",
};

/** A wave's status as a badge: its mark and its name in the page's language. */
export function StatusBadge({ status }: { status: WaveView["status"] }) {
  const { t } = useTranslation("ws-waves");
  return (
    <span
      className={`wv-status wv-status--${status}`}
      data-status={status}
      data-testid="wave-status"
    >
      <span aria-hidden="true">{MARK[status]}</span> {t(`status.${status}`)}
    </span>
  );
}

/** A calendar date in the page's language (Latin digits in Arabic, as the workspace writes numbers). */
export function formatDay(iso: string, locale: string): string {
  const tag = locale === "ar" ? "ar-u-nu-latn" : locale === "he" ? "he-IL" : "en-GB";
  return new Intl.DateTimeFormat(tag, { dateStyle: "medium" }).format(new Date(iso));
}
