package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/postextract/postextract"
	"github.com/postextract/postextract/render"
)

// format is an output format of -f.
type format struct {
	ext   string                                          // of its files under -o
	write func(w io.Writer, a *postextract.Article) error // one post, as its file under -o holds it
	// pathLine: several posts on standard output each come after a
	// "==> PATH <==" line, as head separates files.
	pathLine bool
	// single: one post on standard output at most; several need -o.
	single bool
}

// formats are the values of -f. A post written to a file is the whole
// file, so jsonl writes there what json does; the JSON-lines form, with
// its path, is for standard output.
var formats = map[string]format{
	"json":     {ext: ".json", write: writeJSON},
	"jsonl":    {ext: ".json", write: writeJSON},
	"text":     {ext: ".txt", write: render.Text, pathLine: true},
	"markdown": {ext: ".md", write: render.Markdown, pathLine: true},
	// Pages one after the other are not a page.
	"html": {ext: ".html", write: render.HTML, single: true},
}

// writeJSON writes a as one indented JSON object.
func writeJSON(w io.Writer, a *postextract.Article) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(a)
}

// writeJSONLine writes a as one line of JSON that carries its path first.
func writeJSONLine(w io.Writer, path string, a *postextract.Article) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Path string `json:"path"`
		*postextract.Article
	}{path, a})
}

// sink is where the posts go: standard output, or files under -o.
type sink interface {
	// write writes the post of the i-th input. An error is about that post
	// alone, a message for stderr, unless it is a stdoutError.
	write(i int, path string, a *postextract.Article) error
	// flush lets what was written show before a message on stderr.
	flush()
	// close ends the output.
	close() error
}

// stdoutError is a failure to write standard output: nothing more can be
// written, so the run ends.
type stdoutError struct{ err error }

func (e stdoutError) Error() string { return e.err.Error() }

// streamSink writes the posts one after the other on standard output.
type streamSink struct {
	out     *bufio.Writer
	name    string // of the format
	format  format
	several bool // more than one input: json is an array, text and markdown have path lines
	n       int  // posts written
	buf     bytes.Buffer
}

func newStreamSink(w io.Writer, name string, inputs int) *streamSink {
	return &streamSink{out: bufio.NewWriter(w), name: name, format: formats[name], several: inputs > 1}
}

func (s *streamSink) write(_ int, path string, a *postextract.Article) error {
	// The post is written aside first, so that one that fails leaves
	// nothing half written.
	s.buf.Reset()
	var err error
	if s.name == "jsonl" {
		err = writeJSONLine(&s.buf, path, a)
	} else {
		err = s.format.write(&s.buf, a)
	}
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	switch {
	case s.name == "json" && s.several:
		if s.n == 0 {
			s.out.WriteString("[\n")
		} else {
			s.out.WriteString(",\n")
		}
		s.buf.Truncate(len(bytes.TrimRight(s.buf.Bytes(), "\n")))
	case s.format.pathLine && s.several:
		if s.n > 0 {
			s.out.WriteString("\n")
		}
		if path == "-" {
			path = "standard input" // as head names it
		}
		fmt.Fprintf(s.out, "==> %s <==\n", path)
	}
	s.n++
	if _, err := s.out.Write(s.buf.Bytes()); err != nil {
		return stdoutError{err}
	}
	if s.out.Buffered() > 64<<10 {
		// Let a slow consumer see what is done.
		if err := s.out.Flush(); err != nil {
			return stdoutError{err}
		}
	}
	return nil
}

func (s *streamSink) flush() { s.out.Flush() }

func (s *streamSink) close() error {
	if s.name == "json" && s.several {
		if s.n == 0 {
			s.out.WriteString("[")
		}
		s.out.WriteString("\n]\n")
	}
	return s.out.Flush()
}
