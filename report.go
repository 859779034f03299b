package postextract

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// maxWarnings bounds the warnings of one post: a broken post repeats its
// problem, and a list of thousands helps no one.
const maxWarnings = 100

// WarningCode is the kind of a [Warning]. The codes, which the command
// line counts and selects by (-warnings relative-url,date):
//
//	code          a post has it when
//	encoding      its bytes were re-decoded (a BOM, a <meta charset>), had
//	              invalid UTF-8 (replaced with U+FFFD) or NUL bytes (dropped)
//	front-matter  a front-matter key appears more than once (the last wins),
//	              YAML could not read the block (read line by line), or a
//	              lone UTF-16 surrogate escape became U+FFFD
//	date          a date key cannot be read as a date (the next key is
//	              tried), or its zone abbreviation was guessed
//	cover         a cover key gives no usable image URL (the next is tried)
//	relative-url  an image URL or a link was kept relative: no base URL
//	              (-base, or the post's own url) to resolve it against
//	image         an image URL was repaired or dropped as unparsable;
//	              <img>s without a usable URL
//	html          the HTML was nested too deep for a tree, and read flat
//	markdown      part of a Markdown body would have cost goldmark more
//	              than linear time (containers nested past 16, a paragraph
//	              of unclosed markup, a table of mostly padded cells), and
//	              its markup was read as plain text, every word kept
//
// A post keeps at most 100 warnings, each message once.
type WarningCode string

// The warning codes, as the table of [WarningCode] describes them.
const (
	WarnEncoding    WarningCode = "encoding"     // the bytes were re-decoded, had invalid UTF-8 or NULs
	WarnFrontMatter WarningCode = "front-matter" // a key given twice, a block read line by line, a lone surrogate
	WarnDate        WarningCode = "date"         // a date cannot be read, or its zone was guessed
	WarnCover       WarningCode = "cover"        // a cover value gives no usable URL
	WarnRelativeURL WarningCode = "relative-url" // an image URL or a link kept relative: no base URL
	WarnImage       WarningCode = "image"        // an image URL was repaired or dropped
	WarnHTML        WarningCode = "html"         // HTML nested too deep, read by a flat pass
	WarnMarkdown    WarningCode = "markdown"     // Markdown too costly to parse, read as plain text
)

// WarningCodes are every warning code, in the order of the table of
// [WarningCode].
var WarningCodes = []WarningCode{WarnEncoding, WarnFrontMatter, WarnDate, WarnCover, WarnRelativeURL, WarnImage, WarnHTML, WarnMarkdown}

// Warning is something Parse repaired or guessed. In JSON it is its
// Message, a string, as readable as before warnings had codes.
type Warning struct {
	Code    WarningCode
	Subject string // the front-matter key or the URL concerned, if any
	Message string
}

// String returns the message.
func (w Warning) String() string { return w.Message }

// MarshalJSON writes the warning as its message.
func (w Warning) MarshalJSON() ([]byte, error) {
	return jsonString(w.Message), nil
}

// UnmarshalJSON reads a warning written as its message; its code and
// subject are not in the JSON.
func (w *Warning) UnmarshalJSON(b []byte) error {
	return json.Unmarshal(b, &w.Message)
}

// report collects what one parse repaired or guessed, each message once.
// Decoding, front matter, dates, URL resolution and the builder all write
// to the same report; Article.Warnings is its list.
type report struct {
	list []Warning
	seen map[string]bool
}

// warnf adds a warning about subject (a key or a URL, or "").
func (r *report) warnf(code WarningCode, subject, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	if !r.seen[msg] && len(r.list) < maxWarnings {
		r.seen[msg] = true
		r.list = append(r.list, Warning{Code: code, Subject: subject, Message: msg})
	}
}

// jsonString writes s as a JSON string, HTML characters as they are (as
// the CLI writes its JSON).
func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimRight(b.Bytes(), "\n")
}
