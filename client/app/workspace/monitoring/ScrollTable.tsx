import type { ReactNode } from "react";

interface Props {
  /** Id of the heading that names the table (and its scrolling region). */
  labelledBy: string;
  testId: string;
  /** Extra classes of the table. */
  className?: string;
  headers: readonly ReactNode[];
  children: ReactNode;
}

/**
 * A table that scrolls sideways inside its own region on a narrow screen; the
 * region is focusable so the keyboard can scroll it, and named by the heading.
 */
export function ScrollTable({ labelledBy, testId, className, headers, children }: Props) {
  return (
    <div className="ws-table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table className={`ws-table mon-table ${className ?? ""}`.trim()} data-testid={testId}>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
