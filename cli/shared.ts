/** The one CliContext of this run, made on first use (so --version and --help open no file). */
import { createContext, type CliContext } from './context';
import { openedContext, rememberContext } from './runState';

export function context(): CliContext {
  const existing = openedContext();
  if (existing !== null) return existing;
  const made = createContext(process.env);
  rememberContext(made);
  return made;
}
