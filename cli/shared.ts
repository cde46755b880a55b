/** The one CliContext of this run, made on first use (so --version and --help open no file). */
import { createContext, type CliContext } from './context';

let made: CliContext | null = null;

export function context(): CliContext {
  made ??= createContext(process.env);
  return made;
}

export function sharedContext(): CliContext | null {
  return made;
}
