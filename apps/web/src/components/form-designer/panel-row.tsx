import type { ReactNode } from 'react';

/** One property of the panel: its label, its control and an optional hint below. */
export function PanelRow({ label, children, hint }: { label: ReactNode; children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="fmd-prop">
      <div className="fmd-prop__label">{label}</div>
      <div className="fmd-prop__control">{children}</div>
      {hint && <div className="fmd-prop__hint">{hint}</div>}
    </div>
  );
}
