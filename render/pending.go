package render

// Placeholders while the writers are built on separate branches; each is
// replaced by its own file (markdown.go, html.go, text.go) before merging.

import (
	"errors"
	"io"

	"github.com/postextract/postextract"
)

var errPending = errors.New("render: not built yet")

// HTML writes a as a standalone reader page. (placeholder)
func HTML(w io.Writer, a *postextract.Article) error { return errPending }
