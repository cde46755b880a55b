import type { Notice } from '../../../shared/ipc';

/** Things the user must be told once, e.g. "your contacts file was damaged and moved to …". */
export class Notices {
  private readonly items: Notice[] = [];
  private counter = 0;

  add(message: string): void {
    this.counter += 1;
    this.items.push({ id: `notice-${this.counter}`, message });
  }

  list(): Notice[] {
    return [...this.items];
  }

  dismiss(id: string): void {
    const index = this.items.findIndex((n) => n.id === id);
    if (index !== -1) this.items.splice(index, 1);
  }
}
