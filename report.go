package postextract

import "fmt"

// maxWarnings bounds the warnings of one post: a broken post repeats its
// problem, and a list of thousands helps no one.
const maxWarnings = 100

// warnCode is the kind of a warning.
type warnCode uint8

const (
	warnEncoding    warnCode = iota // the bytes: a re-decoding, invalid UTF-8, NULs
	warnFrontMatter                 // duplicate keys
	warnDate                        // a date that cannot be read, or a guessed zone
	warnCover                       // a cover value that gives no usable URL
	warnImage                       // image URLs repaired, relative or dropped
	warnHTML                        // HTML read by the flat pass
	warnLink                        // a link kept relative
)

// report collects what one parse repaired or guessed, each message once.
// Decoding, front matter, dates, URL resolution and the builder all write
// to the same report; Article.Warnings is its list.
type report struct {
	list  []string
	codes []warnCode // the kind of each message of list
	seen  map[string]bool
}

func (r *report) warnf(code warnCode, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	if !r.seen[msg] && len(r.list) < maxWarnings {
		r.seen[msg] = true
		r.list = append(r.list, msg)
		r.codes = append(r.codes, code)
	}
}
