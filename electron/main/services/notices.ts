import type { ErrorKind, Notice } from '../../../shared/ipc';

/**
 * Things the user must be told once, e.g. "your contacts file was damaged and moved to …" or "a
 * sent message could not be cleared from the draft". The same message is listed once.
 */
export class Notices {
  private readonly items: Notice[] = [];
  private counter = 0;

  add(message: string, kind: ErrorKind): void {
    if (this.items.some((n) => n.message === message)) return;
    this.counter += 1;
    this.items.push({ id: `notice-${String(this.counter)}`, kind, message });
  }

  list(): Notice[] {
    return [...this.items];
  }

  dismiss(id: string): void {
    const index = this.items.findIndex((n) => n.id === id);
    if (index !== -1) this.items.splice(index, 1);
  }
}
