/**
 * A labelled control, label above. The label points at the control by id rather than wrapping
 * it, so that a select's options do not become part of its name.
 */
import type { ComponentChildren } from "preact";

export function Field({ id, label, children }: { id: string; label: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}
