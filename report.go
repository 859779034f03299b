package postextract

import "fmt"

// maxWarnings bounds the warnings of one post: a broken post repeats its
// problem, and a list of thousands helps no one.
const maxWarnings = 100

// report collects what one parse repaired or guessed, each message once.
// Decoding, front matter, dates, URL resolution and the walk all write to
// the same report, and Article.Warnings is its list.
type report struct {
	list []string
	seen map[string]bool
}

func (r *report) warnf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	if !r.seen[msg] && len(r.list) < maxWarnings {
		r.seen[msg] = true
		r.list = append(r.list, msg)
	}
}
