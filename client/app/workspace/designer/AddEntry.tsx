import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DraftEntry } from "../types";
import type { BankIndex } from "./labels";
import { useAppLocale } from "../../locale-context";

interface Props {
  bank: BankIndex;
  /** Ids already asked somewhere in the instrument: not offered again. */
  asked: ReadonlySet<string>;
  onAdd: (entry: DraftEntry) => void;
}

/** Adds a bank item (by construct), a module, or a new custom question to a page. */
export function AddEntry({ bank, asked, onAdd }: Props) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const ids = useId();
  const [constructId, setConstructId] = useState(bank.constructs[0]?.id ?? "");
  const construct = bank.constructs.find((c) => c.id === constructId);
  const free = construct?.items.filter((i) => !asked.has(i.id)) ?? [];
  const [itemId, setItemId] = useState("");
  const chosen = free.some((i) => i.id === itemId) ? itemId : (free[0]?.id ?? "");
  const modules = [...bank.modules.values()].filter(
    (m) => !m.questions.some((q) => asked.has(q.id)),
  );

  function addCustom() {
    let n = 1;
    while (asked.has(`custom_${n}`)) n += 1;
    onAdd({
      kind: "custom",
      question: {
        id: `custom_${n}`,
        text: { he: "", ar: "", en: "" },
        control: "radio",
        scale: bank.scales[0]?.id,
        preferNot: false,
      },
    });
  }

  return (
    <div className="ws-add">
      <div className="ws-row">
        <label htmlFor={`${ids}-c`}>{t("designer.fromConstruct")}</label>
        <select
          id={`${ids}-c`}
          value={constructId}
          onChange={(e) => setConstructId(e.target.value)}
        >
          {bank.constructs.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name[locale]}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-i`}>{t("designer.item")}</label>
        <select
          id={`${ids}-i`}
          className="ws-wide"
          value={chosen}
          onChange={(e) => setItemId(e.target.value)}
        >
          {free.map((i) => (
            <option key={i.id} value={i.id}>
              {i.text[locale].slice(0, 90)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--secondary"
          disabled={!chosen}
          onClick={() => onAdd({ kind: "item", id: chosen })}
        >
          {t("designer.addItem")}
        </button>
      </div>
      <div className="ws-row">
        {modules.map((m) => (
          <button
            key={m.id}
            type="button"
            className="button button--secondary"
            onClick={() => onAdd({ kind: "module", id: m.id })}
          >
            {t("designer.addModule", { name: m.name[locale] })}
          </button>
        ))}
        <button type="button" className="button button--secondary" onClick={addCustom}>
          {t("designer.addCustom")}
        </button>
      </div>
    </div>
  );
}
