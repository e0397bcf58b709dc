import type { ReactNode } from 'react';

/** A titled group of settings in a node's property panel. */
export function PanelSection({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) {
  return (
    <section className="fd-section" data-testid={testId}>
      <div className="fd-section__title">{title}</div>
      {hint && <div className="fd-section__hint">{hint}</div>}
      {children}
    </section>
  );
}
