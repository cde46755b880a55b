/**
 * A long list that renders only the rows in view (@tanstack/react-virtual), for 10,000 contacts or
 * 50,000 history entries, while staying a real list to assistive technology: a role=list whose
 * rendered items carry their position in the whole (aria-posinset / aria-setsize).
 *
 * Keyboard: Tab reaches the controls of rendered rows, and the browser scrolls the focused one into
 * view, which renders the next; Up/Down move focus to the same control in the previous or next row,
 * scrolling as needed, so no row is out of reach.
 *
 * The list has no scroll box of its own: it scrolls with the view, inside the popup's one scroll
 * region (the nearest `[data-scroll-region]`), offset by whatever sits above it there.
 *
 * Row positions are set through React style props (CSSOM), which the page's CSP allows; it forbids
 * only style attributes in markup.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export type VirtualListProps<T> = {
  items: readonly T[];
  /** The accessible name of the list. */
  label: string;
  /** A first guess at a row's height in pixels; rows are measured once rendered. */
  estimateSize: number;
  getKey: (item: T) => string;
  renderItem: (item: T, index: number) => ReactNode;
  rowClassName?: string;
  /** Called when rows near the end are rendered, to fetch the next page of a paged list. */
  onNearEnd?: () => void;
};

/** How many rows before the end count as near it. */
const NEAR_END_ROWS = 10;

const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

function scrollRegionOf(element: HTMLElement | null): HTMLElement | null {
  return element?.closest<HTMLElement>('[data-scroll-region]') ?? null;
}

/** Where the list starts inside its scroll region, in the region's scrolled coordinates. */
function offsetIn(region: HTMLElement, element: HTMLElement): number {
  return Math.round(element.getBoundingClientRect().top - region.getBoundingClientRect().top + region.scrollTop);
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const { items, getKey } = props;
  // Where focus should go once that row is rendered: row index and which control in it.
  const pendingFocus = useRef<{ index: number; column: number } | null>(null);
  // The row holding focus stays rendered even when scrolled out of view, so focus is never lost
  // to a row being unmounted under it.
  const focusedIndex = useRef<number | null>(null);
  // Content above the list (a form, an undo bar) moves it down; measured after every render.
  const [scrollMargin, setScrollMargin] = useState(0);

  const measureMargin = useRef(() => {
    const region = scrollRegionOf(scrollRef.current);
    const list = listRef.current;
    if (region === null || list === null) return;
    const offset = offsetIn(region, list);
    setScrollMargin((current) => (current === offset ? current : offset));
  });
  useLayoutEffect(() => measureMargin.current());
  useLayoutEffect(() => {
    const region = scrollRegionOf(scrollRef.current);
    if (region === null) return;
    // Things above the list change size without this list rendering (a form opening).
    const observer = new ResizeObserver(() => measureMargin.current());
    for (const child of region.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);

  // This component is meant to re-render whenever the virtualizer says so; nothing here relies on
  // the React Compiler memoizing it (the build does not use the compiler).
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRegionOf(scrollRef.current),
    estimateSize: () => props.estimateSize,
    // Until the scroll region is measured (after the first render), assume it is the window's
    // height, so the first rows are in the very first render rather than one render later.
    initialRect: { width: 0, height: window.innerHeight },
    scrollMargin,
    overscan: 3,
    rangeExtractor: (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      const focused = focusedIndex.current;
      if (focused === null || focused >= range.count || indexes.includes(focused)) return indexes;
      return [...indexes, focused].sort((a, b) => a - b);
    },
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : getKey(item);
    },
  });

  /** Focuses the pending row if it is rendered; false while it is not. */
  const focusPending = (): boolean => {
    const pending = pendingFocus.current;
    if (pending === null) return true;
    const row = listRef.current?.querySelector(`[data-index="${pending.index}"]`);
    if (row === null || row === undefined) return false;
    const controls = row.querySelectorAll<HTMLElement>(FOCUSABLE);
    const control = controls[Math.min(pending.column, controls.length - 1)];
    pendingFocus.current = null;
    control?.focus();
    return true;
  };

  // After each render, in case the row asked for was not rendered yet when the key was pressed.
  useLayoutEffect(() => {
    focusPending();
  });

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const keys: Record<string, number | undefined> = { ArrowDown: 1, ArrowUp: -1 };
    const step = keys[event.key];
    if (step === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (!(target instanceof HTMLElement) || target.matches('input, textarea, select')) return;
    const row = target.closest<HTMLElement>('[data-index]');
    if (row === null) return;
    // Keys pressed faster than rows render add up from the row still on its way.
    const index = pendingFocus.current?.index ?? Number(row.dataset.index);
    const next = index + step;
    if (next < 0 || next >= items.length) return;
    event.preventDefault();
    const column = Math.max(0, [...row.querySelectorAll<HTMLElement>(FOCUSABLE)].indexOf(target));
    pendingFocus.current = { index: next, column };
    // A rendered row takes focus at once (and the browser scrolls it into view); one not rendered
    // yet is scrolled to, and takes focus when it renders.
    if (!focusPending()) virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const rowIndexOf = (target: EventTarget | null): number | null => {
    if (!(target instanceof Element)) return null;
    const row = target.closest<HTMLElement>('[data-index]');
    return row === null || !listRef.current?.contains(row) ? null : Number(row.dataset.index);
  };

  const virtualItems = virtualizer.getVirtualItems();
  const lastRendered = virtualItems.at(-1)?.index ?? -1;
  const { onNearEnd } = props;
  useLayoutEffect(() => {
    if (onNearEnd !== undefined && items.length > 0 && lastRendered >= items.length - NEAR_END_ROWS) onNearEnd();
  }, [onNearEnd, lastRendered, items.length]);
  return (
    <div ref={scrollRef} className="virtual-scroller">
      <ul
        ref={listRef}
        role="list"
        aria-label={props.label}
        className="virtual-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={(event) => (focusedIndex.current = rowIndexOf(event.target))}
        onBlur={(event) => {
          // Leaving the list (not moving within it) lets the row go when scrolled away.
          if (rowIndexOf(event.relatedTarget) === null) focusedIndex.current = null;
        }}
      >
        {virtualItems.map((virtualItem) => {
          const item = items[virtualItem.index];
          if (item === undefined) return null;
          return (
            <li
              key={virtualItem.key}
              data-index={virtualItem.index}
              ref={virtualizer.measureElement}
              role="listitem"
              aria-posinset={virtualItem.index + 1}
              aria-setsize={items.length}
              className={props.rowClassName === undefined ? 'virtual-row' : `virtual-row ${props.rowClassName}`}
              style={{ transform: `translateY(${virtualItem.start - scrollMargin}px)` }}
            >
              {props.renderItem(item, virtualItem.index)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
