import { describe, expect, it } from 'vitest';
import type { DisplayInfo, Rect } from '../../electron/main/lifecycle/electronSurface';
import {
  POPUP_MARGIN,
  boundsAreKnown,
  clampToWorkArea,
  displayMatching,
  popupPosition,
  positionCentredOnCursorDisplay,
  positionNearCursor,
  positionNextToTray,
  taskbarEdge,
} from '../../electron/main/lifecycle/popupPosition';
import { POPUP_SIZE } from '../../electron/main/lifecycle/popupWindow';

const size = POPUP_SIZE; // 380 × 560

function display(id: number, bounds: Rect, workArea: Rect, scaleFactor = 1): DisplayInfo {
  return { id, bounds, workArea, scaleFactor };
}

/** The whole popup lies inside the rectangle. */
function inside(point: { x: number; y: number }, rect: Rect): boolean {
  return point.x >= rect.x && point.y >= rect.y && point.x + size.width <= rect.x + rect.width && point.y + size.height <= rect.y + rect.height;
}

// macOS: a 25 px menu bar across the top.
const macBook = display(1, { x: 0, y: 0, width: 1440, height: 900 }, { x: 0, y: 25, width: 1440, height: 875 }, 2);
// Windows: a 40 px taskbar along the bottom.
const windowsDesktop = display(1, { x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1920, height: 1040 });
// Taskbars moved to the left and right edges.
const leftTaskbar = display(1, { x: 0, y: 0, width: 1920, height: 1080 }, { x: 62, y: 0, width: 1858, height: 1080 });
const rightTaskbar = display(1, { x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1858, height: 1080 });
// GNOME: a 32 px top bar.
const gnome = display(1, { x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 32, width: 1920, height: 1048 });

describe('popup next to a tray icon with known bounds', () => {
  it('hangs below the macOS menu bar, centred under the icon', () => {
    const tray = { x: 1200, y: 0, width: 22, height: 24 };
    const position = positionNextToTray(tray, size, [macBook]);
    expect(position).toEqual({ x: 1200 + 11 - 190, y: 25 + POPUP_MARGIN });
    expect(inside(position, macBook.workArea)).toBe(true);
  });

  it('stands on a bottom Windows taskbar, centred over the icon', () => {
    const tray = { x: 1700, y: 1044, width: 24, height: 32 };
    const position = positionNextToTray(tray, size, [windowsDesktop]);
    expect(position).toEqual({ x: 1712 - 190, y: 1040 - 560 - POPUP_MARGIN });
    expect(inside(position, windowsDesktop.workArea)).toBe(true);
  });

  it('slides left to stay on screen when the icon is at the far right', () => {
    const tray = { x: 1890, y: 1044, width: 24, height: 32 };
    const position = positionNextToTray(tray, size, [windowsDesktop]);
    expect(position.x).toBe(1920 - 380);
    expect(inside(position, windowsDesktop.workArea)).toBe(true);
  });

  it('slides right to stay on screen when the menu bar icon is at the far left', () => {
    const position = positionNextToTray({ x: 2, y: 0, width: 22, height: 24 }, size, [macBook]);
    expect(position.x).toBe(0);
  });

  it('sits to the right of a left-hand taskbar, beside the icon', () => {
    const tray = { x: 16, y: 500, width: 30, height: 30 };
    const position = positionNextToTray(tray, size, [leftTaskbar]);
    expect(taskbarEdge(leftTaskbar, tray)).toBe('left');
    expect(position).toEqual({ x: 62 + POPUP_MARGIN, y: 515 - 280 });
  });

  it('sits to the left of a right-hand taskbar, and moves up from the bottom edge', () => {
    const tray = { x: 1874, y: 1040, width: 30, height: 30 };
    const position = positionNextToTray(tray, size, [rightTaskbar]);
    expect(taskbarEdge(rightTaskbar, tray)).toBe('right');
    expect(position).toEqual({ x: 1858 - 380 - POPUP_MARGIN, y: 1080 - 560 });
  });

  it('uses the icon position when the taskbar auto-hides (work area = whole display)', () => {
    const autoHide = display(1, { x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1920, height: 1080 });
    const tray = { x: 1700, y: 1050, width: 24, height: 30 };
    expect(taskbarEdge(autoHide, tray)).toBe('bottom');
    const position = positionNextToTray(tray, size, [autoHide]);
    expect(position.y).toBe(1050 - 560 - POPUP_MARGIN);
  });

  it('answers whole numbers for fractional bounds from a 125 % scaled display', () => {
    const scaled = display(1, { x: 0, y: 0, width: 1536, height: 864 }, { x: 0, y: 0, width: 1536, height: 825.6 }, 1.25);
    const tray = { x: 1200, y: 828.8, width: 19.2, height: 32.8 };
    const position = positionNextToTray(tray, size, [scaled]);
    expect(Number.isInteger(position.x)).toBe(true);
    expect(Number.isInteger(position.y)).toBe(true);
    expect(position.y + size.height).toBeLessThanOrEqual(825.6);
    expect(position.x).toBe(1020); // 1209.6 - 190 = 1019.6
  });

  it('picks the display the icon is on in a multi-display layout', () => {
    const left = display(1, { x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1920, height: 1040 });
    const right = display(2, { x: 1920, y: -200, width: 2560, height: 1440 }, { x: 1920, y: -200, width: 2560, height: 1400 });
    const tray = { x: 4000, y: 1204, width: 24, height: 32 };
    expect(displayMatching([left, right], tray).id).toBe(2);
    const position = positionNextToTray(tray, size, [left, right]);
    expect(position).toEqual({ x: 4012 - 190, y: 1200 - 560 - POPUP_MARGIN });
    // Near that display's right edge it stays on that display, not spilling past 4480.
    expect(positionNextToTray({ ...tray, x: 4450 }, size, [left, right]).x).toBe(4480 - 380);
    expect(inside(position, right.workArea)).toBe(true);
  });

  it('handles a display placed above the primary one (negative coordinates)', () => {
    const primary = display(1, { x: 0, y: 0, width: 1440, height: 900 }, { x: 0, y: 25, width: 1440, height: 875 });
    const above = display(2, { x: -200, y: -1080, width: 1920, height: 1080 }, { x: -200, y: -1055, width: 1920, height: 1055 });
    const tray = { x: 1500, y: -1080, width: 22, height: 24 };
    const position = positionNextToTray(tray, size, [primary, above]);
    expect(position).toEqual({ x: 1511 - 190, y: -1055 + POPUP_MARGIN });
  });
});

describe('popup where the tray bounds are unknown (Linux reports zeros, Wayland refuses)', () => {
  it('treats all-zero bounds as unknown', () => {
    expect(boundsAreKnown({ x: 0, y: 0, width: 0, height: 0 })).toBe(false);
    expect(boundsAreKnown(null)).toBe(false);
    expect(boundsAreKnown({ x: 10, y: 0, width: 22, height: 22 })).toBe(true);
  });

  it('opens just below a cursor near a top panel, kept inside the work area', () => {
    const position = popupPosition({ kind: 'tray', trayBounds: { x: 0, y: 0, width: 0, height: 0 } }, size, { x: 1850, y: 12 }, [gnome]);
    expect(position).toEqual({ x: 1920 - 380, y: 32 });
  });

  it('opens just above a cursor near a bottom panel', () => {
    const kde = display(1, { x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1920, height: 1036 });
    const position = positionNearCursor({ x: 960, y: 1060 }, size, [kde]);
    expect(position).toEqual({ x: 960 - 190, y: 1036 - 560 });
  });

  it('follows the cursor to another display', () => {
    const left = display(1, { x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 32, width: 1920, height: 1048 });
    const right = display(2, { x: 1920, y: 0, width: 1280, height: 1024 }, { x: 1920, y: 32, width: 1280, height: 992 });
    const position = positionNearCursor({ x: 3100, y: 10 }, size, [left, right]);
    expect(position).toEqual({ x: 3200 - 380, y: 32 });
    expect(inside(position, right.workArea)).toBe(true);
  });

  it('uses the nearest display when the cursor is in a gap between displays', () => {
    const left = display(1, { x: 0, y: 0, width: 1000, height: 800 }, { x: 0, y: 0, width: 1000, height: 800 });
    const right = display(2, { x: 1100, y: 0, width: 1000, height: 800 }, { x: 1100, y: 0, width: 1000, height: 800 });
    const position = positionNearCursor({ x: 1090, y: 700 }, size, [left, right]);
    expect(inside(position, right.workArea)).toBe(true);
  });
});

describe('popup from the hotkey', () => {
  it('is centred in the work area of the display under the cursor', () => {
    const left = display(1, { x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1920, height: 1040 });
    const right = display(2, { x: 1920, y: 0, width: 2560, height: 1440 }, { x: 1920, y: 25, width: 2560, height: 1415 });
    expect(positionCentredOnCursorDisplay({ x: 500, y: 500 }, size, [left, right])).toEqual({ x: 770, y: 240 });
    const onRight = positionCentredOnCursorDisplay({ x: 3000, y: 100 }, size, [left, right]);
    expect(onRight).toEqual({ x: 1920 + 1090, y: Math.round(25 + 427.5) });
    expect(Number.isInteger(onRight.y)).toBe(true);
  });
});

describe('clamping', () => {
  it('pins a popup larger than the work area to its top left', () => {
    const small = { x: 10, y: 20, width: 300, height: 400 };
    expect(clampToWorkArea({ x: 500, y: 500 }, size, small)).toEqual({ x: 10, y: 20 });
  });

  it('rounds inward so a fractional work area edge is never crossed', () => {
    const workArea = { x: 0.4, y: 24.6, width: 1000, height: 800 };
    const position = clampToWorkArea({ x: -50, y: -50 }, size, workArea);
    expect(position).toEqual({ x: 1, y: 25 });
  });
});
