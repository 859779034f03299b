package postextract

import "strings"

// tableState is the table being read in modeTable: one block for the whole
// table, whatever its cells hold, and its images placed after it.
type tableState struct {
	rows   [][]string
	row    []string  // the open row
	runs   [][][]Run // the rows' cell runs, kept once a cell has a link
	rowRun [][]Run   // the open row's cell runs
	linked bool      // a cell has a link
	inCell bool
	images []Image // the table's images, in order
}

func (t *tableState) reset() {
	t.rows, t.row, t.inCell = nil, nil, false
	t.runs, t.rowRun, t.linked = nil, nil, false
	t.images = t.images[:0]
}

// openRow and closeRow bound a row of the outer table; a nested table's
// rows are edges, its cells' text in the outer cell.
func (b *builder) openRow() {
	if b.mode == modeTable && b.modeDepth == 1 {
		b.endRow()
		return
	}
	b.edge()
}

func (b *builder) closeRow() { b.openRow() }

// openCell and closeCell bound a cell of the outer table.
func (b *builder) openCell() {
	if b.mode == modeTable && b.modeDepth == 1 {
		b.brPending = false
		b.endCell()
		b.table.inCell = true
		return
	}
	b.edge()
}

func (b *builder) closeCell() {
	if b.mode == modeTable && b.modeDepth == 1 {
		b.brPending = false
		b.endCell()
		return
	}
	b.edge()
}

// endCell closes the open cell, if any.
func (b *builder) endCell() {
	if !b.table.inCell {
		return
	}
	b.dropPending()
	text, runs := "", []Run(nil)
	if b.marks.marked {
		text, runs, b.cuts = cleanRuns(b.buf, b.marks.spans, b.cuts)
		runs = linkRuns(runs)
	} else {
		text = cleanLines(b.buf)
	}
	b.table.linked = b.table.linked || runs != nil
	b.table.row = append(b.table.row, text)
	b.table.rowRun = append(b.table.rowRun, runs)
	b.buf, b.space, b.table.inCell = b.buf[:0], false, false
	b.marks.restart()
}

// endRow closes the open row, keeping it when any cell has text.
func (b *builder) endRow() {
	b.endCell()
	for _, c := range b.table.row {
		if c != "" {
			b.table.rows = append(b.table.rows, b.table.row)
			b.table.runs = append(b.table.runs, b.table.rowRun)
			break
		}
	}
	b.table.row, b.table.rowRun = nil, nil
}

// emitTable makes one table block of the rows, then places the table's
// images after it, in order.
func (b *builder) emitTable() {
	b.endRow()
	if rows := b.table.rows; len(rows) > 0 {
		lines := make([]string, len(rows))
		for i, r := range rows {
			// Cells may hold lines of their own; in Text they are one line.
			lines[i] = strings.ReplaceAll(strings.Join(r, "\t"), "\n", " ")
		}
		blk := Block{Kind: KindTable, Text: strings.Join(lines, "\n"), Rows: rows}
		if b.table.linked {
			blk.CellRuns = b.table.runs
		}
		b.a.Blocks = append(b.a.Blocks, blk)
	}
	b.table.rows, b.table.runs, b.table.linked = nil, nil, false
	b.marks.restart()
	for _, img := range b.table.images {
		b.addImage(img)
	}
	b.table.images = b.table.images[:0]
}

// linkRuns keeps of a cell's runs only their links, merged: nil when the
// cell has none.
func linkRuns(runs []Run) []Run {
	var out []Run
	linked := false
	for _, r := range runs {
		linked = linked || r.Link != ""
		appendRun(&out, r.Text, 0, r.Link)
	}
	if !linked {
		return nil
	}
	return out
}
