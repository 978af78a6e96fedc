// Keyboard for the appointment book's day grid (WAI-ARIA grid pattern, roving tab stop). Arrow keys move between cells,
// Home/End to the first/last clinician, Page Up/Down ten rows, Enter or Space opens the focused slot (the cell's own
// button), Escape closes the side panel and returns to the cell. Rows off screen are not in the page (Blazor's
// Virtualize) and clinicians beyond the column window neither: a move there scrolls or asks the server to shift the
// window, then focuses the cell once it is drawn.

const cellSelector = 'td[data-r][data-c]';

function target(cell) {
  return cell.querySelector('button') ?? cell;
}

function cellAt(grid, row, column) {
  return grid.querySelector(`td[data-r="${row}"][data-c="${column}"]`);
}

function nextFrame() {
  return new Promise(resolve => requestAnimationFrame(() => resolve()));
}

async function waitForCell(grid, row, column) {
  for (let frame = 0; frame < 60; frame++) {
    const cell = cellAt(grid, row, column);
    if (cell) {
      return cell;
    }
    await nextFrame();
  }
  return null;
}

function makeTabStop(grid, element) {
  for (const old of grid.querySelectorAll('[data-tab-stop]')) {
    if (old !== element) {
      old.setAttribute('tabindex', '-1');
      old.removeAttribute('data-tab-stop');
    }
  }
  element.setAttribute('tabindex', '0');
  element.setAttribute('data-tab-stop', '');
}

// Exactly one cell is in the tab order: the last one focused; until the receptionist has focused one, the first free
// slot drawn (rows arrive after the first render), else the first cell.
function ensureTabStop(grid, chosen) {
  const stop = grid.querySelector('[data-tab-stop]');
  if (stop && stop.getAttribute('tabindex') === '0' && (chosen || stop.closest('td[data-state="free"]'))) {
    return;
  }
  const cell = grid.querySelector('td[data-state="free"]') ?? (stop ? null : grid.querySelector(cellSelector));
  if (cell) {
    makeTabStop(grid, target(cell));
  }
}

// The grid scrolls inside its own box, as tall as the window leaves below its top, so the clinicians' header and the
// page's controls stay in view while the rows scroll.
function fitToWindow(scroller) {
  const top = scroller.getBoundingClientRect().top + window.scrollY;
  scroller.style.maxHeight = `${Math.max(256, window.innerHeight - top - 16)}px`;
}

export function attach(grid, scroller, dotnet) {
  const state = { row: null, column: null, chosen: false };
  const rowCount = () => Number(grid.dataset.rowCount);
  const columnCount = () => Number(grid.dataset.columnCount);
  const firstColumn = () => Number(grid.dataset.firstColumn);
  const shownColumns = () => Number(grid.dataset.shownColumns);

  async function moveTo(row, column) {
    row = Math.max(0, Math.min(rowCount() - 1, row));
    column = Math.max(0, Math.min(columnCount() - 1, column));
    if (column < firstColumn() || column >= firstColumn() + shownColumns()) {
      await dotnet.invokeMethodAsync('ShowColumnAsync', column);
    }
    let cell = cellAt(grid, row, column);
    if (!cell) {
      // Not drawn yet: scroll its row into view so Virtualize draws it.
      const rowHeight = Number(grid.dataset.rowHeight);
      const header = grid.querySelector('thead')?.offsetHeight ?? 0;
      scroller.scrollTop = Math.max(0, header + row * rowHeight - scroller.clientHeight / 2);
      cell = await waitForCell(grid, row, column);
    }
    if (cell) {
      focusCell(cell);
    }
  }

  function focusCell(cell) {
    const element = target(cell);
    makeTabStop(grid, element);
    element.focus({ preventScroll: true });
    const header = grid.querySelector('thead')?.offsetHeight ?? 0;
    const top = cell.offsetTop - header;
    if (top < scroller.scrollTop) {
      scroller.scrollTop = top;
    } else if (cell.offsetTop + cell.offsetHeight > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = cell.offsetTop + cell.offsetHeight - scroller.clientHeight;
    }
  }

  function onKeyDown(event) {
    const cell = event.target.closest?.(cellSelector);
    if (!cell || event.altKey || event.metaKey) {
      return;
    }
    const row = Number(cell.dataset.r);
    const column = Number(cell.dataset.c);
    const moves = {
      ArrowUp: [row - 1, column],
      ArrowDown: [row + 1, column],
      ArrowLeft: [row, column - 1],
      ArrowRight: [row, column + 1],
      PageUp: [row - 10, column],
      PageDown: [row + 10, column],
      Home: event.ctrlKey ? [0, 0] : [row, 0],
      End: event.ctrlKey ? [rowCount() - 1, columnCount() - 1] : [row, columnCount() - 1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      moveTo(move[0], move[1]);
    }
  }

  function onFocusIn(event) {
    const cell = event.target.closest?.(cellSelector);
    if (cell) {
      state.row = Number(cell.dataset.r);
      state.column = Number(cell.dataset.c);
      state.chosen = true;
      makeTabStop(grid, target(cell));
    }
  }

  // Escape anywhere on the page closes the panel and puts the receptionist back on the cell: after a booking the form's
  // button is gone and focus with it, so the key may arrive on the body rather than inside the book.
  const book = document;
  async function onEscape(event) {
    if (event.key !== 'Escape' || event.defaultPrevented) {
      return;
    }
    const closed = await dotnet.invokeMethodAsync('CloseAsync');
    if (closed && state.row !== null) {
      await moveTo(state.row, state.column);
    }
  }

  function reportCapacity() {
    const timeColumn = grid.querySelector('thead th')?.offsetWidth ?? 72;
    const minimum = Number(grid.dataset.minColumnWidth);
    const capacity = Math.max(1, Math.floor((scroller.clientWidth - timeColumn) / minimum));
    if (capacity !== shownColumnsCapacity) {
      shownColumnsCapacity = capacity;
      dotnet.invokeMethodAsync('SetColumnCapacity', capacity);
    }
  }

  let shownColumnsCapacity = Number(grid.dataset.columnCapacity);
  const resize = new ResizeObserver(() => reportCapacity());
  resize.observe(scroller);
  const onWindowResize = () => fitToWindow(scroller);
  window.addEventListener('resize', onWindowResize);
  const drawn = new MutationObserver(() => ensureTabStop(grid, state.chosen));
  drawn.observe(grid, { childList: true, subtree: true });
  grid.addEventListener('keydown', onKeyDown);
  grid.addEventListener('focusin', onFocusIn);
  book.addEventListener('keydown', onEscape);
  ensureTabStop(grid, false);
  fitToWindow(scroller);
  reportCapacity();

  return {
    dispose() {
      resize.disconnect();
      window.removeEventListener('resize', onWindowResize);
      drawn.disconnect();
      grid.removeEventListener('keydown', onKeyDown);
      grid.removeEventListener('focusin', onFocusIn);
      book.removeEventListener('keydown', onEscape);
    },
  };
}
