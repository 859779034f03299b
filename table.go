package postextract

import "strings"

// endCell closes the open table cell, if any.
func (w *walker) endCell() {
	if !w.inCell {
		return
	}
	w.dropPending()
	w.row = append(w.row, cleanLines(w.buf))
	w.buf, w.space, w.inCell = w.buf[:0], false, false
}

// endRow closes the open table row, keeping it when any cell has text.
func (w *walker) endRow() {
	w.endCell()
	for _, c := range w.row {
		if c != "" {
			w.rows = append(w.rows, w.row)
			break
		}
	}
	w.row = nil
}

// emitTable makes one table block of the rows, then places the table's
// images after it, in order.
func (w *walker) emitTable() {
	w.endRow()
	if len(w.rows) > 0 {
		lines := make([]string, len(w.rows))
		for i, r := range w.rows {
			// Cells may hold lines of their own; in Text they are one line.
			lines[i] = strings.ReplaceAll(strings.Join(r, "\t"), "\n", " ")
		}
		w.a.Blocks = append(w.a.Blocks, Block{Kind: KindTable, Text: strings.Join(lines, "\n"), Rows: w.rows})
	}
	w.rows = nil
	for _, img := range w.tableImages {
		w.addImage(img)
	}
	w.tableImages = w.tableImages[:0]
}
