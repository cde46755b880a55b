/**
 * The `To` control: a combobox that suggests saved and recent people while the number is typed.
 *
 * Follows the WAI-ARIA combobox pattern with a listbox popup: focus stays in the input, Up/Down
 * move the active option (announced through aria-activedescendant), Enter picks it, Esc closes the
 * list (a second Esc is left to the popup, which hides), Tab leaves. Typed letters can only mean a
 * name, so the best match becomes active at once and "gra" Enter picks Grace; typed digits may be
 * a whole number, so nothing is active until an arrow is pressed. With no option active, Enter is
 * compose's Enter (send, or move on).
 *
 * The field's value is always what compose validates: picking a contact puts its number, formatted,
 * in the box, and the contact's name is shown beside it; focus then moves on to Message.
 *
 * While the text has letters it is a name being looked up, not a number: there is no number check,
 * only "No contact matches 'zed'" once no name matches. The list opens when the user asks (typing,
 * a click, Down), never merely because To got focus, so it never covers From and Message unasked.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { Contact, RecentContact } from '../../../shared/ipc';
import { formatPhoneNumber, parsePhoneNumber } from '../../../shared/phone';
import { refreshContacts, refreshRecents, useContactsData } from '../contacts/contactsStore';
import { buildSuggestionIndex, suggest, suggestionLabel, type Suggestion, type SuggestionIndex } from '../contacts/ranking';
import '../contacts/contacts.css';
import { isNameQuery } from './validation';

// The index for the current contacts and recents, built once however many components ask.
let cachedIndex: { contacts: readonly Contact[]; recents: readonly RecentContact[]; index: SuggestionIndex } | null = null;

function suggestionIndexFor(contacts: readonly Contact[], recents: readonly RecentContact[]): SuggestionIndex {
  if (cachedIndex?.contacts !== contacts || cachedIndex.recents !== recents) {
    cachedIndex = { contacts, recents, index: buildSuggestionIndex(contacts, recents) };
  }
  return cachedIndex.index;
}

export function useSuggestionIndex(): SuggestionIndex {
  const { contacts, recents } = useContactsData();
  return useMemo(() => suggestionIndexFor(contacts, recents), [contacts, recents]);
}

/** For a name that matches nobody, what To says; null for a number or a name that matches someone. */
export function nameProblem(index: SuggestionIndex, text: string): string | null {
  if (!isNameQuery(text)) return null;
  return suggest(index, text, 1).length > 0 ? null : `No contact matches '${text.trim()}'`;
}

/** `text` with the characters at `positions` in <mark>. */
function highlighted(text: string, positions: readonly number[]): ReactNode {
  if (positions.length === 0) return text;
  const marked = new Set(positions);
  const parts: ReactNode[] = [];
  let run = '';
  let runMarked = false;
  const flush = () => {
    if (run === '') return;
    parts.push(runMarked ? <mark key={parts.length}>{run}</mark> : run);
    run = '';
  };
  // Positions are UTF-16 indexes (fuzzysort's), so walk the string the same way.
  for (let at = 0; at < text.length; at += 1) {
    if (marked.has(at) !== runMarked) {
      flush();
      runMarked = !runMarked;
    }
    run += text.charAt(at);
  }
  flush();
  return parts;
}

export type RecipientFieldProps = {
  value: string;
  onChange: (value: string) => void;
  /** The specific reason the number cannot be used, or null. */
  error: string | null;
  /** Ids of extra descriptions (hints) for the input. */
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** Enter pressed in the field with no suggestion active. */
  onSubmit?: () => void;
  /** A suggestion was picked (Enter or click): compose moves on to Message. */
  onPicked?: () => void;
  /** Esc with an error shown: the user is done with it, so it goes. */
  onDismissError?: () => void;
  /** While a message is on its way, nothing can be typed here. */
  readOnly?: boolean;
};

export function RecipientField(props: RecipientFieldProps) {
  // Destructured: `inputRef` is a ref, and reading it off `props` would make every prop look like one.
  const { value, onChange, describedBy: extraDescribedBy, inputRef, onSubmit, onPicked, onDismissError, readOnly = false } = props;
  const id = useId();
  const inputId = `${id}recipient`;
  const listId = `${id}suggestions`;
  const errorId = `${id}error`;
  const chosenId = `${id}chosen`;

  const { contacts } = useContactsData();
  const index = useSuggestionIndex();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    void refreshContacts();
    void refreshRecents();
  }, []);

  const suggestions = useMemo(() => (open ? suggest(index, value) : []), [open, index, value]);
  const expanded = open && !readOnly && suggestions.length > 0;
  // A name being typed is never checked as a number; one that matches nobody says so at once.
  const error = isNameQuery(value) ? nameProblem(index, value) : props.error;
  const activeIndex = expanded && active < suggestions.length ? active : -1;

  // The saved contact whose number is in the box, picked or typed in full.
  const chosen = useMemo(() => {
    const parsed = parsePhoneNumber(value);
    if (!parsed.ok) return null;
    return contacts.find((contact) => contact.number === parsed.number) ?? null;
  }, [value, contacts]);

  useEffect(() => {
    if (activeIndex < 0) return;
    listRef.current?.children[activeIndex]?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const pick = (suggestion: Suggestion) => {
    onChange(formatPhoneNumber(suggestion.number));
    close();
    onPicked?.();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (event.altKey && event.key === 'ArrowUp') {
          close();
          return;
        }
        event.preventDefault();
        const count = open ? suggestions.length : suggest(index, value).length;
        if (count === 0) return;
        const down = event.key === 'ArrowDown';
        setOpen(true);
        if (event.altKey) return;
        if (activeIndex < 0) setActive(down ? 0 : count - 1);
        else setActive(down ? (activeIndex + 1) % count : (activeIndex - 1 + count) % count);
        return;
      }
      case 'Enter': {
        event.preventDefault();
        const suggestion = activeIndex >= 0 ? suggestions[activeIndex] : undefined;
        if (suggestion === undefined) onSubmit?.();
        else pick(suggestion);
        return;
      }
      case 'Escape':
        // A shown number error is one the user may be done with (To was cleared and left): Esc
        // drops it. A name that matches nobody keeps saying so while it is there.
        if (expanded || (props.error !== null && error === props.error)) {
          // This Esc is ours (closing the list, dropping a stale error); the next one reaches the
          // popup and hides it.
          event.preventDefault();
          event.stopPropagation();
          close();
          if (props.error !== null) onDismissError?.();
        }
        return;
      case 'Tab':
        close();
        return;
      default:
        return;
    }
  };

  const describedBy = [chosen === null ? null : chosenId, error === null ? null : errorId, extraDescribedBy ?? null]
    .filter((part) => part !== null)
    .join(' ');
  const activeOptionId = activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined;

  return (
    <div className="field recipient-field">
      <label htmlFor={inputId}>To</label>
      <div className={chosen === null ? 'recipient-box' : 'recipient-box recipient-box-chosen'}>
        {chosen !== null && (
          <span id={chosenId} className="recipient-chosen">
            {chosen.name}
          </span>
        )}
        <input
          id={inputId}
          ref={inputRef}
          type="text"
          role="combobox"
          inputMode="tel"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
          readOnly={readOnly}
          placeholder="Name or number"
          value={value}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={activeOptionId}
          aria-invalid={error !== null}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          onChange={(event) => {
            onChange(event.target.value);
            // Typing asks for matches; emptying the box asks for nothing (Down offers the recent people).
            setOpen(event.target.value.trim() !== '');
            setActive(/\p{L}/u.test(event.target.value) ? 0 : -1);
          }}
          onFocus={() => {
            // Down (or a click) then offers the people texted last, up to date.
            void refreshRecents();
          }}
          onBlur={close}
          onClick={() => {
            if (!readOnly) setOpen(true);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} ref={listRef} role="listbox" aria-label="Recipient suggestions" className="suggestions" hidden={!expanded}>
          {expanded &&
            suggestions.map((suggestion, position) => {
              const label = suggestionLabel(suggestion);
              const optionId = `${listId}-${position}`;
              return (
                // The option is named by its visible name; its number (shown beside it, hidden
                // from the name so "Alice Smith" stays the option's name) is its description.
                <li
                  key={suggestion.number}
                  id={optionId}
                  role="option"
                  aria-selected={position === activeIndex}
                  aria-describedby={suggestion.name === null ? undefined : `${optionId}-number`}
                  className={position === activeIndex ? 'suggestion suggestion-active' : 'suggestion'}
                  title={suggestion.name === null ? undefined : label}
                  // Keep focus in the input; the click picks.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => pick(suggestion)}
                >
                  <span className="suggestion-name">
                    {highlighted(label, suggestion.matched)}
                    {suggestion.favorite && <span className="favorite-mark" aria-hidden="true"> ★</span>}
                  </span>
                  {suggestion.name !== null && (
                    <span id={`${optionId}-number`} className="suggestion-number" aria-hidden="true">
                      {highlighted(formatPhoneNumber(suggestion.number), suggestion.matchedInNumber)}
                    </span>
                  )}
                </li>
              );
            })}
        </ul>
      </div>
      {error !== null && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
