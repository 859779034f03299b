package render

// Placeholders while the writers are built on separate branches; each is
// replaced by its own file (markdown.go, html.go, text.go) before merging.

import (
	"errors"
	"io"

	"github.com/postextract/postextract"
)

var errPending = errors.New("render: not built yet")

// Markdown writes a as a Markdown post file. (placeholder)
func Markdown(w io.Writer, a *postextract.Article) error { return errPending }

// Text writes a for reading in a terminal. (placeholder)
func Text(w io.Writer, a *postextract.Article) error { return errPending }
