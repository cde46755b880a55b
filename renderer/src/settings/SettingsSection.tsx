/** One section of Settings: a level-two heading and what belongs under it. */
import { useId, type ReactNode } from 'react';

export function SettingsSection(props: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={props.className === undefined ? 'settings-section' : `settings-section ${props.className}`} aria-labelledby={id}>
      <h2 id={id}>{props.title}</h2>
      {props.children}
    </section>
  );
}
