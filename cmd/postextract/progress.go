package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// minProgressFiles is how many files make a run long enough for a progress
// line in auto mode.
const minProgressFiles = 2

// progress is the optional progress line on stderr; a nil bar does nothing.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(total int, mode string, stderr io.Writer) progress {
	show := mode == "always"
	if mode == "auto" {
		f, ok := stderr.(*os.File)
		show = ok && term.IsTerminal(int(f.Fd())) && total >= minProgressFiles
	}
	if !show {
		return progress{}
	}
	return progress{progressbar.NewOptions(total,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("posts"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p progress) add() {
	if p.bar != nil {
		_ = p.bar.Add(1)
	}
}

// clear removes the line before a message is printed on stderr.
func (p progress) clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

func (p progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
