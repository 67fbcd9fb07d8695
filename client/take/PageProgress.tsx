import { useTranslation } from "react-i18next";

interface Props {
  /** The page shown, counted from 1. */
  page: number;
  /** Pages in the survey as the resident's answers shape it. */
  count: number;
}

/**
 * "Page X of N" and a thin bar under it. Not a control (SurveyJS's step buttons
 * let a tap jump from page 3 to the last), and the bar shows the pages done,
 * so the page being answered is not counted yet. The bar is only a picture of
 * the text, hidden from screen readers. The phone and the kiosk both show it.
 */
export function PageProgress({ page, count }: Props) {
  const { t } = useTranslation("take");
  const done = count > 0 ? ((page - 1) / count) * 100 : 0;
  return (
    <div className="kp-progress" data-testid="take-progress" data-count={count}>
      <p className="kp-progress__text">{t("progress", { page, count })}</p>
      <div className="kp-progress__bar" aria-hidden="true">
        <div className="kp-progress__fill" style={{ inlineSize: `${done.toFixed(2)}%` }} />
      </div>
    </div>
  );
}
