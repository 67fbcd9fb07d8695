import type { TFunction } from "i18next";
import { dateFormat, type Locale } from "../../shared/locale";
import { formatsFor, pointsByWave } from "./format";
import type { Construct, Wave } from "./types";

/** The text a saved chart carries above it, so the image still says what it shows. */
export interface ChartCaption {
  title: string;
  lines: string[];
}

/**
 * The caption of a construct's chart when saved as an image: the construct, the
 * authority, and each wave with its field dates and n. A PNG travels without the
 * page around it (into a council's slides, a WhatsApp group), so it must name
 * whose figures they are, from when, and on how many answers.
 */
export function chartCaption(args: {
  construct: Construct;
  waves: Wave[];
  authority: string;
  locale: Locale;
  t: TFunction;
}): ChartCaption {
  const { construct, waves, authority, locale, t } = args;
  const fmt = formatsFor(locale);
  const day = dateFormat(locale);
  const waveLines = pointsByWave(waves, construct.points).map(({ wave, point }) => {
    const closes = wave.disclosure.closesAt;
    return t("pngWave", {
      wave: wave.name,
      from: day.format(new Date(wave.opensAt)),
      to: closes ? day.format(new Date(closes)) : t("pngOngoing"),
      n: fmt.count(point.n),
    });
  });
  return { title: construct.name, lines: [authority, ...waveLines] };
}
