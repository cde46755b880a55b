/** The context this run opened, if any: a small module of its own so reading it loads no store. */
import type { CliContext } from './context';

let opened: CliContext | null = null;

export function openedContext(): CliContext | null {
  return opened;
}

export function rememberContext(context: CliContext): void {
  opened = context;
}

/** A new run starts with no context: the next one is made from that run's environment. */
export function forgetContext(): void {
  opened = null;
}
