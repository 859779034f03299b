package postextract

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// parseOK parses src, requires it to succeed, and checks what every
// Article must hold: the invariants, and that it encodes as JSON.
func parseOK(t *testing.T, src string, opts ...Option) *Article {
	t.Helper()
	a, err := Parse([]byte(src), opts...)
	require.NoError(t, err)
	e, err := New(opts...)
	require.NoError(t, err)
	checkInvariants(t, e, a)
	_, err = json.Marshal(a)
	require.NoError(t, err, "every Article that Parse returns encodes")
	return a
}

// imageURLs lists the URLs of the article's images, in order.
func imageURLs(a *Article) []string {
	out := []string{}
	for _, img := range a.Images {
		out = append(out, img.URL)
	}
	return out
}

// hasWarning reports whether a warning's message holds part.
func hasWarning(a *Article, part string) bool {
	for _, w := range a.Warnings {
		if strings.Contains(w.Message, part) {
			return true
		}
	}
	return false
}

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}
