/**
 * Where the popup goes. Pure functions over rectangles, so every tray and display layout is a
 * plain unit test. All answers are whole numbers: a fractional `setPosition` throws or crashes on
 * some platforms, and tray bounds are fractional under Windows display scaling.
 */
import type { DisplayInfo, Point, Rect } from './electronSurface';

export type Size = { width: number; height: number };

/** Space between the popup and the tray icon or the screen edge it sits against. */
export const POPUP_MARGIN = 4;

/** Linux (and some Wayland compositors) report the tray's bounds as all zeros: unknown. */
export function boundsAreKnown(bounds: Rect | null | undefined): bounds is Rect {
  return bounds != null && bounds.width > 0 && bounds.height > 0;
}

function area(rect: Rect): number {
  return Math.max(0, rect.width) * Math.max(0, rect.height);
}

function intersection(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return { x, y, width: right - x, height: bottom - y };
}

function distanceToRect(point: Point, rect: Rect): number {
  const dx = Math.max(rect.x - point.x, 0, point.x - (rect.x + rect.width));
  const dy = Math.max(rect.y - point.y, 0, point.y - (rect.y + rect.height));
  return Math.hypot(dx, dy);
}

function firstDisplay(displays: readonly DisplayInfo[]): DisplayInfo {
  const first = displays[0];
  if (first === undefined) throw new Error('No display is connected.');
  return first;
}

/** The display under a point, or the nearest one when the point is in a gap between displays. */
export function displayNearestPoint(displays: readonly DisplayInfo[], point: Point): DisplayInfo {
  let best = firstDisplay(displays);
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const display of displays) {
    const distance = distanceToRect(point, display.bounds);
    if (distance < bestDistance) {
      best = display;
      bestDistance = distance;
    }
  }
  return best;
}

/** The display holding most of a rectangle (the tray icon), else the one nearest its centre. */
export function displayMatching(displays: readonly DisplayInfo[], rect: Rect): DisplayInfo {
  let best: DisplayInfo | null = null;
  let bestArea = 0;
  for (const display of displays) {
    const overlap = area(intersection(display.bounds, rect));
    if (overlap > bestArea) {
      best = display;
      bestArea = overlap;
    }
  }
  return best ?? displayNearestPoint(displays, { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });
}

/** Keeps the whole window inside the work area; a window larger than it is pinned to its top left. */
export function clampToWorkArea(position: Point, size: Size, workArea: Rect): Point {
  const minX = Math.ceil(workArea.x);
  const minY = Math.ceil(workArea.y);
  const maxX = Math.floor(workArea.x + workArea.width - size.width);
  const maxY = Math.floor(workArea.y + workArea.height - size.height);
  return {
    x: Math.max(minX, Math.min(Math.round(position.x), maxX)),
    y: Math.max(minY, Math.min(Math.round(position.y), maxY)),
  };
}

export type TaskbarEdge = 'top' | 'bottom' | 'left' | 'right';

/**
 * Which edge the tray sits on. The work area excludes the menu bar or taskbar, so the side where
 * it is smaller than the display says where the bar is; with an auto-hidden bar the two are equal
 * and the icon's own position decides.
 */
export function taskbarEdge(display: DisplayInfo, trayBounds: Rect): TaskbarEdge {
  const { bounds, workArea } = display;
  const gaps: Record<TaskbarEdge, number> = {
    top: workArea.y - bounds.y,
    bottom: bounds.y + bounds.height - (workArea.y + workArea.height),
    left: workArea.x - bounds.x,
    right: bounds.x + bounds.width - (workArea.x + workArea.width),
  };
  const widest = (Object.keys(gaps) as TaskbarEdge[]).reduce((a, b) => (gaps[b] > gaps[a] ? b : a));
  if (gaps[widest] > 0) return widest;

  const centre = { x: trayBounds.x + trayBounds.width / 2, y: trayBounds.y + trayBounds.height / 2 };
  const distances: Record<TaskbarEdge, number> = {
    top: centre.y - bounds.y,
    bottom: bounds.y + bounds.height - centre.y,
    left: centre.x - bounds.x,
    right: bounds.x + bounds.width - centre.x,
  };
  return (Object.keys(distances) as TaskbarEdge[]).reduce((a, b) => (distances[b] < distances[a] ? b : a));
}

/** Next to a tray icon whose bounds are known: against the bar, centred on the icon. */
export function positionNextToTray(trayBounds: Rect, size: Size, displays: readonly DisplayInfo[]): Point {
  const display = displayMatching(displays, trayBounds);
  const { workArea } = display;
  const centreX = trayBounds.x + trayBounds.width / 2 - size.width / 2;
  const centreY = trayBounds.y + trayBounds.height / 2 - size.height / 2;
  let position: Point;
  switch (taskbarEdge(display, trayBounds)) {
    case 'top':
      position = { x: centreX, y: Math.max(workArea.y, trayBounds.y + trayBounds.height) + POPUP_MARGIN };
      break;
    case 'bottom':
      position = { x: centreX, y: Math.min(workArea.y + workArea.height, trayBounds.y) - size.height - POPUP_MARGIN };
      break;
    case 'left':
      position = { x: Math.max(workArea.x, trayBounds.x + trayBounds.width) + POPUP_MARGIN, y: centreY };
      break;
    case 'right':
      position = { x: Math.min(workArea.x + workArea.width, trayBounds.x) - size.width - POPUP_MARGIN, y: centreY };
      break;
  }
  return clampToWorkArea(position, size, workArea);
}

/**
 * Where the tray's bounds are unknown, the cursor is the best guess of where the icon was
 * clicked: open just below it in the upper half of its display, just above it in the lower half,
 * always inside that display's work area.
 */
export function positionNearCursor(cursor: Point, size: Size, displays: readonly DisplayInfo[]): Point {
  const { workArea, bounds } = displayNearestPoint(displays, cursor);
  const upperHalf = cursor.y < bounds.y + bounds.height / 2;
  const position = {
    x: cursor.x - size.width / 2,
    y: upperHalf ? cursor.y + POPUP_MARGIN : cursor.y - size.height - POPUP_MARGIN,
  };
  return clampToWorkArea(position, size, workArea);
}

/** The hotkey opens the popup in the middle of the display under the cursor. */
export function positionCentredOnCursorDisplay(cursor: Point, size: Size, displays: readonly DisplayInfo[]): Point {
  const { workArea } = displayNearestPoint(displays, cursor);
  return clampToWorkArea(
    { x: workArea.x + (workArea.width - size.width) / 2, y: workArea.y + (workArea.height - size.height) / 2 },
    size,
    workArea,
  );
}

export type Placement = { kind: 'tray'; trayBounds: Rect | null } | { kind: 'centre' };

export function popupPosition(placement: Placement, size: Size, cursor: Point, displays: readonly DisplayInfo[]): Point {
  if (placement.kind === 'centre') return positionCentredOnCursorDisplay(cursor, size, displays);
  if (boundsAreKnown(placement.trayBounds)) return positionNextToTray(placement.trayBounds, size, displays);
  return positionNearCursor(cursor, size, displays);
}
