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
 * in the box, and the contact's name is shown beside it.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { formatPhoneNumber, parsePhoneNumber } from '../../../shared/phone';
import { refreshContacts, refreshRecents, useContactsData } from '../contacts/contactsStore';
import { buildSuggestionIndex, suggest, suggestionLabel, type Suggestion } from '../contacts/ranking';
import '../contacts/contacts.css';

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
};

export function RecipientField(props: RecipientFieldProps) {
  // Destructured: `inputRef` is a ref, and reading it off `props` would make every prop look like one.
  const { value, onChange, error, describedBy: extraDescribedBy, inputRef, onSubmit } = props;
  const id = useId();
  const inputId = `${id}recipient`;
  const listId = `${id}suggestions`;
  const errorId = `${id}error`;
  const chosenId = `${id}chosen`;

  const { contacts, recents } = useContactsData();
  const index = useMemo(() => buildSuggestionIndex(contacts, recents), [contacts, recents]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    void refreshContacts();
    void refreshRecents();
  }, []);

  const suggestions = useMemo(() => (open ? suggest(index, value) : []), [open, index, value]);
  const expanded = open && suggestions.length > 0;
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
        if (expanded) {
          // This Esc is ours; the next one reaches the popup and hides it.
          event.preventDefault();
          event.stopPropagation();
          close();
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
          value={value}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={activeOptionId}
          aria-invalid={error !== null}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          onChange={(event) => {
            onChange(event.target.value);
            setOpen(true);
            setActive(/\p{L}/u.test(event.target.value) ? 0 : -1);
          }}
          onFocus={() => {
            // Before anything is typed, offer the people texted last.
            void refreshRecents();
            if (value.trim() === '') setOpen(true);
          }}
          onBlur={close}
          onClick={() => setOpen(true)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} ref={listRef} role="listbox" aria-label="Recipient suggestions" className="suggestions" hidden={!expanded}>
          {expanded &&
            suggestions.map((suggestion, position) => {
              const label = suggestionLabel(suggestion);
              return (
                <li
                  key={suggestion.number}
                  id={`${listId}-${position}`}
                  role="option"
                  aria-selected={position === activeIndex}
                  aria-label={label}
                  className={position === activeIndex ? 'suggestion suggestion-active' : 'suggestion'}
                  // Keep focus in the input; the click picks.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => pick(suggestion)}
                >
                  <span className="suggestion-name">
                    {label}
                    {suggestion.favorite && <span className="favorite-mark" aria-hidden="true"> ★</span>}
                  </span>
                  {suggestion.name !== null && <span className="suggestion-number">{formatPhoneNumber(suggestion.number)}</span>}
                  {suggestion.name === null && suggestion.recentRank !== null && <span className="suggestion-number">recent</span>}
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
