/**
 * @jest-environment jsdom
 */
/**
 * A suppressed cell says it is suppressed, never "n = 0" or "no data" when
 * responses existed (issue 20): the program page's benchmark cell withheld
 * with its n hidden (an analyst's view, fewer than three other authorities),
 * and a distribution table's wave with no point for an item.
 */
import { render, screen, within } from "@testing-library/react";
import type { i18n } from "i18next";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { appResources as resources } from "../../client/app/resources";
import { LocaleProvider } from "../../client/app/locale-context";
import { addProgramStrings } from "../../client/app/program/strings";
import { ProgramCell } from "../../client/app/program/ProgramCell";
import { DistributionTables } from "../../client/app/results/DistributionTables";
import { formatsFor } from "../../client/app/results/format";
import type { Construct, Wave } from "../../client/app/results/types";

function withLocale(i18n: i18n, node: React.ReactNode) {
  return render(
    <I18nextProvider i18n={i18n}>
      <LocaleProvider i18n={i18n} initial="en">
        {node}
      </LocaleProvider>
    </I18nextProvider>,
  );
}

const hidden = {
  suppressedReason: null,
  authorities: null,
  effectiveN: null,
  deff: null,
  mean: null,
  se: null,
  df: null,
  ciLow: null,
  ciHigh: null,
  engagement: false,
};

describe("program page cell", () => {
  const i18n = initI18n(resources, "en", ["program", "common"]);
  addProgramStrings(i18n);

  it("says suppressed when the benchmark hides n, not 'No data'", () => {
    withLocale(
      i18n,
      <ProgramCell
        point={{ kind: "baseline", period: "baseline", n: null, suppressed: true, ...hidden }}
        k={10}
      />,
    );
    expect(screen.getByText("suppressed (fewer than 10)")).toBeTruthy();
    expect(screen.queryByText("No data")).toBeNull();
  });

  it("says suppressed for 3 responses, with no n beside it", () => {
    const { container } = withLocale(
      i18n,
      <ProgramCell
        point={{ kind: "follow-up", period: "2025", n: 3, suppressed: true, ...hidden }}
        k={10}
      />,
    );
    expect(container.textContent).toBe("suppressed (fewer than 10)");
  });

  it("says why a cell with enough answers is withheld, in each language", () => {
    const withheld = (suppressedReason: "effective" | "imprecise") =>
      withLocale(
        i18n,
        <ProgramCell
          point={{
            kind: "baseline",
            period: "baseline",
            n: 40,
            suppressed: true,
            ...hidden,
            suppressedReason,
          }}
          k={10}
          pooled
        />,
      ).container.textContent;
    expect(withheld("imprecise")).toBe("suppressed (95% interval too wide)");
    expect(withheld("effective")).toBe("suppressed (effective n after weighting below 10)");
    for (const lng of ["he", "ar"]) {
      const bundle = i18n.getResourceBundle(lng, "program") as { withheld: Record<string, string> };
      expect(bundle.withheld.imprecise).not.toBe(
        i18n.getResource("en", "program", "withheld.imprecise"),
      );
    }
  });

  it("says 'No data' only where nobody answered", () => {
    const { container } = withLocale(
      i18n,
      <ProgramCell
        point={{ kind: "baseline", period: "baseline", n: 0, suppressed: true, ...hidden }}
        k={10}
      />,
    );
    expect(container.textContent).toBe("No data");
  });

  const shown = {
    ...hidden,
    kind: "follow-up" as const,
    period: "2025",
    n: 240,
    suppressed: false,
    authorities: 5,
    effectiveN: 150,
    deff: 1.6,
    mean: 3.5,
  };

  it("gives a pooled cell its interval, n, authorities and degrees of freedom", () => {
    const { container } = withLocale(
      i18n,
      <ProgramCell point={{ ...shown, se: 0.2, df: 2, ciLow: 2.64, ciHigh: 4.36 }} k={10} pooled />,
    );
    expect(container.textContent).toBe("3.50 [2.64, 4.36] n = 240authorities: 5 · df 2");
  });

  it("says why a pooled cell has no interval when no group has two authorities", () => {
    const { container } = withLocale(
      i18n,
      <ProgramCell point={{ ...shown, authorities: 3 }} k={10} pooled />,
    );
    expect(container.textContent).toBe(
      "3.50no interval: one authority per population group n = 240authorities: 3",
    );
  });

  it("says an engagement cell has no interval", () => {
    const { container } = withLocale(
      i18n,
      <ProgramCell point={{ ...shown, engagement: true }} k={10} pooled />,
    );
    expect(container.textContent).toBe("3.50engagement sample: no interval n = 240authorities: 5");
  });
});

describe("distribution table", () => {
  const i18n = initI18n(resources, "en", ["results", "common"]);
  const wave = (id: string, responses: number) =>
    ({ id, name: `Wave ${id}`, kind: "baseline", responses }) as unknown as Wave;
  const construct = {
    id: "civic",
    distributions: [
      {
        itemId: "vol",
        text: "Volunteered",
        categories: [
          { value: 1, label: "Never" },
          { value: 2, label: "Often" },
        ],
        // Wave b answered 3 times; the server withheld it. Wave c has no point at all.
        points: [
          {
            waveId: "a",
            n: 40,
            effectiveN: null,
            deff: null,
            suppressedReason: null,
            shares: [
              { value: 1, share: 0.5, ciLow: null, ciHigh: null },
              { value: 2, share: 0.5, ciLow: null, ciHigh: null },
            ],
          },
          {
            waveId: "b",
            n: 3,
            effectiveN: null,
            deff: null,
            suppressedReason: "small",
            shares: [],
          },
        ],
      },
    ],
  } as unknown as Construct;

  it("never shows n = 0 for a wave whose n it does not know", () => {
    render(
      <I18nextProvider i18n={i18n}>
        <DistributionTables
          construct={construct}
          waves={[wave("a", 40), wave("b", 3), wave("c", 5)]}
          minCellSize={10}
          fmt={formatsFor("en")}
        />
      </I18nextProvider>,
    );
    const table = screen.getByTestId("distribution-vol");
    const nRow = within(table).getByText(i18n.t("results:distribution.rowN")).closest("tr")!;
    const cells = [...nRow.querySelectorAll("td")].map((td) => td.textContent);
    expect(cells).toEqual(["40", "3", "–"]);
    // The withheld wave says why, in the answers' rows.
    expect(table.querySelector('td[data-reason="small"]')).toBeTruthy();
  });
});
